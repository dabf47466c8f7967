/** Channel messages, the nonce index behind enforce_nonce, and the message object builder. */
import type { APIMessage } from 'discord-api-types/v10';
import type { StandinState } from './state.js';
import { userObject } from './serialize.js';
import type { Json, UserRecord } from './types.js';

/** GUILD_MESSAGES (1 << 9): MESSAGE_CREATE/UPDATE/DELETE for guild channels. */
const GUILD_MESSAGES_INTENT = 1 << 9;
/** Flags a client may set on a message it sends; others are Discord-controlled. */
const CLIENT_SETTABLE_FLAGS = 4 | 64 | 4096 | 32768;

export interface UploadedFile {
  field: string;
  filename: string;
  size: number;
  contentType: string;
}

export interface BuildMessageInput {
  channelId: string;
  author: UserRecord;
  body: Json;
  files?: readonly UploadedFile[];
  /** Extra Discord-controlled flags (e.g. LOADING 128 on a deferred reply). */
  extraFlags?: number;
  webhookId?: string;
  applicationId?: string;
  interactionMetadata?: Json;
  /** Message type: 0 default, 20 reply to a chat-input command. Default: the previous type or 0. */
  messageType?: number;
  /** What @mentions ping when the body has no allowed_mentions: channel messages parse all three, webhooks only users. */
  defaultParse: readonly string[];
  baseUrl: string;
  id: string;
  previous?: APIMessage;
}

export function buildMessage(state: StandinState, input: BuildMessageInput): APIMessage {
  const { body, previous } = input;
  const content = typeof body.content === 'string' ? body.content : (previous?.content ?? '');
  const mentions = resolveMentions(state, content, body.allowed_mentions as Json | undefined, input.defaultParse);
  const flags =
    typeof body.flags === 'number'
      ? (body.flags & CLIENT_SETTABLE_FLAGS) | (input.extraFlags ?? 0)
      : (previous?.flags ?? 0) | (input.extraFlags ?? 0);
  const embeds = Array.isArray(body.embeds)
    ? (body.embeds as Json[]).map((e) => ({ type: 'rich', ...e }))
    : (previous?.embeds ?? []);
  const message: Json = {
    id: input.id,
    channel_id: input.channelId,
    author: userObject(input.author),
    content,
    timestamp: previous?.timestamp ?? new Date().toISOString(),
    edited_timestamp: previous ? new Date().toISOString() : null,
    tts: body.tts === true,
    mention_everyone: mentions.everyone,
    mentions: mentions.userIds.map((id) => userObject(state.user(id))),
    mention_roles: mentions.roleIds,
    attachments: buildAttachments(input, body),
    embeds,
    pinned: false,
    type: input.messageType ?? previous?.type ?? 0,
    flags,
    components: Array.isArray(body.components) ? body.components : (previous?.components ?? []),
  };
  if (body.nonce !== undefined) message.nonce = body.nonce;
  if (input.webhookId) message.webhook_id = input.webhookId;
  if (input.applicationId) message.application_id = input.applicationId;
  if (input.interactionMetadata) message.interaction_metadata = input.interactionMetadata;
  return message as unknown as APIMessage;
}

function buildAttachments(input: BuildMessageInput, body: Json): Json[] {
  const described = Array.isArray(body.attachments) ? (body.attachments as Json[]) : [];
  return (input.files ?? []).map((file, i) => {
    const id = `${input.id}${i}`;
    const meta = described.find((a) => String(a.id) === String(i)) ?? {};
    return {
      id,
      filename: file.filename,
      size: file.size,
      content_type: file.contentType,
      description: meta.description ?? undefined,
      url: `${input.baseUrl}/attachments/${input.channelId}/${id}/${encodeURIComponent(file.filename)}`,
      proxy_url: `${input.baseUrl}/attachments/${input.channelId}/${id}/${encodeURIComponent(file.filename)}`,
    };
  });
}

/**
 * Who a message would ping. Per the Allowed Mentions docs: without allowed_mentions the default parse
 * applies; with it, only `parse` kinds and the explicit `users`/`roles` lists count.
 */
export function resolveMentions(
  state: StandinState,
  content: string,
  allowed: Json | undefined,
  defaultParse: readonly string[],
): { everyone: boolean; userIds: string[]; roleIds: string[] } {
  const parse: readonly unknown[] = allowed ? (Array.isArray(allowed.parse) ? allowed.parse : []) : defaultParse;
  const explicit = (key: 'users' | 'roles') => (allowed && Array.isArray(allowed[key]) ? (allowed[key] as string[]) : []);
  const userIds = [...content.matchAll(/<@!?(\d{1,20})>/g)].map((m) => m[1] ?? '');
  const roleIds = [...content.matchAll(/<@&(\d{1,20})>/g)].map((m) => m[1] ?? '');
  return {
    everyone: parse.includes('everyone') && /@(everyone|here)\b/.test(content),
    userIds: [...new Set(userIds.filter((id) => parse.includes('users') || explicit('users').includes(id)))].filter((id) =>
      state.users.has(id),
    ),
    roleIds: [...new Set(roleIds.filter((id) => parse.includes('roles') || explicit('roles').includes(id)))],
  };
}

export class MessageStore {
  private readonly byChannel = new Map<string, APIMessage[]>();
  private readonly nonces = new Map<string, Map<string, { messageId: string; at: number }>>();

  constructor(private readonly state: StandinState) {}

  list(channelId: string): APIMessage[] {
    return [...(this.byChannel.get(channelId) ?? [])];
  }

  find(channelId: string, messageId: string): APIMessage | undefined {
    return this.byChannel.get(channelId)?.find((m) => m.id === messageId);
  }

  findAnywhere(messageId: string): APIMessage | undefined {
    for (const list of this.byChannel.values()) {
      const hit = list.find((m) => m.id === messageId);
      if (hit) return hit;
    }
    return undefined;
  }

  add(message: APIMessage, guildId: string | null): void {
    const list = this.byChannel.get(message.channel_id) ?? [];
    list.push(message);
    this.byChannel.set(message.channel_id, list);
    const channel = this.state.channels.get(message.channel_id);
    if (channel) channel.lastMessageId = message.id;
    this.emit('MESSAGE_CREATE', guildId ? { ...message, guild_id: guildId } : message, guildId);
  }

  replace(message: APIMessage, guildId: string | null): void {
    const list = this.byChannel.get(message.channel_id);
    const index = list?.findIndex((m) => m.id === message.id) ?? -1;
    if (!list || index < 0) return;
    list[index] = message;
    this.emit('MESSAGE_UPDATE', guildId ? { ...message, guild_id: guildId } : message, guildId);
  }

  remove(channelId: string, messageId: string, guildId: string | null): boolean {
    const list = this.byChannel.get(channelId);
    const index = list?.findIndex((m) => m.id === messageId) ?? -1;
    if (!list || index < 0) return false;
    list.splice(index, 1);
    this.emit('MESSAGE_DELETE', { id: messageId, channel_id: channelId, ...(guildId ? { guild_id: guildId } : {}) }, guildId);
    return true;
  }

  /** The message created earlier with this nonce in this channel, if still inside the window. */
  nonceHit(channelId: string, nonce: string, windowMs: number, now: number): APIMessage | undefined {
    const entry = this.nonces.get(channelId)?.get(nonce);
    if (!entry || now - entry.at > windowMs) return undefined;
    return this.find(channelId, entry.messageId);
  }

  rememberNonce(channelId: string, nonce: string, messageId: string, now: number): void {
    const map = this.nonces.get(channelId) ?? new Map<string, { messageId: string; at: number }>();
    map.set(nonce, { messageId, at: now });
    this.nonces.set(channelId, map);
  }

  private emit(t: string, d: unknown, guildId: string | null): void {
    this.state.events.emit('dispatch', { t, d, guildId, intent: GUILD_MESSAGES_INTENT });
    this.state.changed();
  }
}
