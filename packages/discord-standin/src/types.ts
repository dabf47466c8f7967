/** Public input/record types of the stand-in. Output payloads use discord-api-types shapes (discord-api-types/v10, what discord.js itself uses). */
import type { OverwriteLike, PermissionInput } from './permissions.js';

export type Json = Record<string, unknown>;

/** Channel types the stand-in models: text 0, voice 2, category 4, announcement 5, forum 15. */
export type GuildChannelType = 0 | 2 | 4 | 5 | 15;

export interface OverwriteSpec {
  /** A role id (the guild id is @everyone) or a user id. */
  id: string;
  type: 'role' | 'member';
  allow?: PermissionInput;
  deny?: PermissionInput;
}

export interface ChannelSpec {
  id?: string;
  name: string;
  /** Default 0 (text). */
  type?: GuildChannelType;
  parentId?: string | null;
  topic?: string | null;
  position?: number;
  nsfw?: boolean;
  overwrites?: readonly OverwriteSpec[];
}

export interface RoleSpec {
  id?: string;
  name: string;
  permissions?: PermissionInput;
  position?: number;
  mentionable?: boolean;
  color?: number;
}

export interface GuildSpec {
  id?: string;
  name?: string;
  /** Default: the shared "guild-owner" user (never the bot). */
  ownerId?: string;
  /** Permissions of the bot's managed role. Default 19456 (View Channel + Send Messages + Embed Links). */
  botPermissions?: PermissionInput;
  /** Permissions of @everyone. Default: Discord's default set for a new guild. */
  everyonePermissions?: PermissionInput;
  /** Default: one text channel named "general". Pass [] for none. */
  channels?: readonly ChannelSpec[];
  roles?: readonly RoleSpec[];
  /** Extra members (user ids, created if unknown), besides the owner, the bot and the default tester. */
  memberIds?: readonly string[];
  locale?: string;
}

export interface UserRecord {
  id: string;
  username: string;
  globalName: string | null;
  bot: boolean;
}

export interface MemberRecord {
  userId: string;
  roles: string[];
  nick: string | null;
  joinedAt: string;
}

export interface RoleRecord {
  id: string;
  name: string;
  permissions: bigint;
  position: number;
  mentionable: boolean;
  color: number;
  managed: boolean;
  botId: string | null;
}

export interface ChannelRecord {
  id: string;
  type: number;
  guildId: string | null;
  name: string;
  position: number;
  parentId: string | null;
  topic: string | null;
  nsfw: boolean;
  overwrites: OverwriteLike[];
  lastMessageId: string | null;
  /** DM channels only. */
  recipientIds?: string[];
}

export interface GuildRecord {
  id: string;
  name: string;
  ownerId: string;
  joinedAt: string;
  locale: string;
  roles: Map<string, RoleRecord>;
  channelIds: string[];
  members: Map<string, MemberRecord>;
  systemChannelId: string | null;
  /** The bot's managed role, whose permissions `botPermissions` sets. */
  botRoleId: string;
}

/** One HTTP request as the stand-in saw it (path is without the /api/v10 prefix). */
export interface RecordedRequest {
  seq: number;
  method: string;
  path: string;
  /** The matched route template, e.g. "/channels/:channel_id/messages"; null when unknown. */
  route: string | null;
  query: Record<string, string>;
  /** JSON body, or the parsed payload_json of a multipart body; null when none. */
  body: unknown;
  files: { field: string; filename: string; size: number; contentType: string }[];
  headers: {
    authorization: string | null;
    userAgent: string | null;
    contentType: string | null;
    auditLogReason: string | null;
  };
  apiVersion: string | null;
  status: number;
  /** Discord JSON error code of the response, when it was an error. */
  errorCode: number | null;
  /** 'fault' = injected; 'global' / 'route' = rate limited by the stand-in's own limiter. */
  cause: 'fault' | 'global' | 'route' | null;
  /** True when enforce_nonce returned an existing message instead of creating one. */
  deduplicated: boolean;
  startedAt: number;
  durationMs: number;
}
