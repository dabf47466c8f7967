/**
 * The stand-in's world: the application, users, guilds, roles, channels and members.
 * Every mutation emits 'change' (wakes waitFor) and, where Discord would, a gateway 'dispatch'.
 */
import { EventEmitter } from 'node:events';
import {
  DEFAULT_EVERYONE_PERMISSIONS,
  MINIMAL_BOT_PERMISSIONS,
  channelPermissions,
  toBits,
  type OverwriteLike,
  type PermissionContext,
} from './permissions.js';
import type { SnowflakeGenerator } from './snowflake.js';
import { channelObject, guildCreateObject, roleObject } from './serialize.js';
import type {
  ChannelRecord,
  ChannelSpec,
  GuildRecord,
  GuildSpec,
  MemberRecord,
  OverwriteSpec,
  RoleRecord,
  UserRecord,
} from './types.js';
import { ApiError, ErrorCode } from './errors.js';

/** GUILDS intent (1 << 0) gates guild, channel and role events. */
export const GUILDS_INTENT = 1;

export interface DispatchEvent {
  t: string;
  d: unknown;
  /** Routes the event to the shard holding this guild; null = shard 0 / every session. */
  guildId: string | null;
  /** The intent bit a session needs to receive it; null = always delivered. */
  intent: number | null;
}

export interface StateOptions {
  snowflake: SnowflakeGenerator;
  applicationId?: string;
  botUsername?: string;
}

export class StandinState {
  readonly events = new EventEmitter();
  readonly users = new Map<string, UserRecord>();
  readonly guilds = new Map<string, GuildRecord>();
  readonly channels = new Map<string, ChannelRecord>();
  readonly bot: UserRecord;
  readonly application: { id: string; name: string; flags: number };
  /** A human who owns every guild unless told otherwise. */
  readonly owner: UserRecord;
  /** The member who invokes interactions by default. */
  readonly tester: UserRecord;
  readonly snowflake: SnowflakeGenerator;

  constructor(opts: StateOptions) {
    this.events.setMaxListeners(0);
    this.snowflake = opts.snowflake;
    const botId = opts.applicationId ?? this.snowflake();
    this.bot = this.addUser({ id: botId, username: opts.botUsername ?? 'standin-bot', bot: true });
    // Modern apps share the bot user's id.
    this.application = { id: botId, name: this.bot.username, flags: 0 };
    this.owner = this.addUser({ username: 'guild-owner' });
    this.tester = this.addUser({ username: 'tester' });
  }

  private changePending = false;

  /**
   * Wakes waitFor() on the next macrotask, not synchronously: a REST handler's effects become visible
   * to tests only after its request is recorded, so "state changed" always implies "request recorded".
   */
  changed(): void {
    if (this.changePending) return;
    this.changePending = true;
    setImmediate(() => {
      this.changePending = false;
      this.events.emit('change');
    });
  }

  private dispatch(event: DispatchEvent): void {
    this.events.emit('dispatch', event);
    this.changed();
  }

  addUser(spec: { id?: string; username: string; globalName?: string | null; bot?: boolean }): UserRecord {
    const user: UserRecord = {
      id: spec.id ?? this.snowflake(),
      username: spec.username,
      globalName: spec.globalName ?? null,
      bot: spec.bot ?? false,
    };
    this.users.set(user.id, user);
    return user;
  }

  /** Known user, or a placeholder created on first use (so tests can pass any id). */
  user(id: string): UserRecord {
    return this.users.get(id) ?? this.addUser({ id, username: `user-${id.slice(-4)}` });
  }

  guild(id: string): GuildRecord {
    const guild = this.guilds.get(id);
    if (!guild) throw new ApiError(404, ErrorCode.UnknownGuild);
    return guild;
  }

  channel(id: string): ChannelRecord {
    const channel = this.channels.get(id);
    if (!channel) throw new ApiError(404, ErrorCode.UnknownChannel);
    return channel;
  }

  addGuild(spec: GuildSpec = {}): GuildRecord {
    const id = spec.id ?? this.snowflake();
    const now = new Date().toISOString();
    const guild: GuildRecord = {
      id,
      name: spec.name ?? `Guild ${this.guilds.size + 1}`,
      ownerId: spec.ownerId ?? this.owner.id,
      joinedAt: now,
      locale: spec.locale ?? 'en-US',
      roles: new Map(),
      channelIds: [],
      members: new Map(),
      systemChannelId: null,
      botRoleId: '',
    };
    this.putRole(guild, {
      id,
      name: '@everyone',
      permissions: toBits(spec.everyonePermissions ?? DEFAULT_EVERYONE_PERMISSIONS),
      position: 0,
      mentionable: false,
      color: 0,
      managed: false,
      botId: null,
    });
    const botRole = this.putRole(guild, {
      id: this.snowflake(),
      name: this.bot.username,
      permissions: toBits(spec.botPermissions ?? MINIMAL_BOT_PERMISSIONS),
      position: 1,
      mentionable: false,
      color: 0,
      managed: true,
      botId: this.bot.id,
    });
    guild.botRoleId = botRole.id;
    (spec.roles ?? []).forEach((r, i) =>
      this.putRole(guild, {
        id: r.id ?? this.snowflake(),
        name: r.name,
        permissions: toBits(r.permissions ?? 0n),
        position: r.position ?? i + 2,
        mentionable: r.mentionable ?? false,
        color: r.color ?? 0,
        managed: false,
        botId: null,
      }),
    );
    this.user(guild.ownerId);
    for (const userId of [guild.ownerId, this.tester.id, ...(spec.memberIds ?? [])]) {
      this.user(userId);
      guild.members.set(userId, { userId, roles: [], nick: null, joinedAt: now });
    }
    guild.members.set(this.bot.id, { userId: this.bot.id, roles: [botRole.id], nick: null, joinedAt: now });
    this.guilds.set(id, guild);
    for (const c of spec.channels ?? [{ name: 'general', type: 0 }]) this.createChannelRecord(guild, c);
    guild.systemChannelId = guild.channelIds.find((cid) => this.channels.get(cid)?.type === 0) ?? null;
    this.dispatch({ t: 'GUILD_CREATE', d: guildCreateObject(this, guild), guildId: id, intent: GUILDS_INTENT });
    return guild;
  }

  /** GUILD_DELETE. `unavailable: true` models an outage; without it the bot was removed. */
  removeGuild(guildId: string, opts: { unavailable?: boolean } = {}): void {
    const guild = this.guild(guildId);
    this.guilds.delete(guildId);
    for (const cid of guild.channelIds) this.channels.delete(cid);
    const d = opts.unavailable ? { id: guildId, unavailable: true } : { id: guildId };
    this.dispatch({ t: 'GUILD_DELETE', d, guildId, intent: GUILDS_INTENT });
  }

  private putRole(guild: GuildRecord, role: RoleRecord): RoleRecord {
    guild.roles.set(role.id, role);
    return role;
  }

  addRole(guildId: string, spec: { id?: string; name: string; permissions?: bigint | string | number; mentionable?: boolean }): RoleRecord {
    const guild = this.guild(guildId);
    const role = this.putRole(guild, {
      id: spec.id ?? this.snowflake(),
      name: spec.name,
      permissions: toBits(spec.permissions ?? 0n),
      position: guild.roles.size,
      mentionable: spec.mentionable ?? false,
      color: 0,
      managed: false,
      botId: null,
    });
    this.dispatch({ t: 'GUILD_ROLE_CREATE', d: { guild_id: guildId, role: roleObject(role) }, guildId, intent: GUILDS_INTENT });
    return role;
  }

  setRolePermissions(guildId: string, roleId: string, permissions: bigint): void {
    const role = this.guild(guildId).roles.get(roleId);
    if (!role) throw new ApiError(404, ErrorCode.UnknownRole);
    role.permissions = permissions;
    this.dispatch({ t: 'GUILD_ROLE_UPDATE', d: { guild_id: guildId, role: roleObject(role) }, guildId, intent: GUILDS_INTENT });
  }

  addMember(guildId: string, userId: string, roles: readonly string[] = []): MemberRecord {
    const guild = this.guild(guildId);
    this.user(userId);
    const member: MemberRecord = { userId, roles: [...roles], nick: null, joinedAt: new Date().toISOString() };
    guild.members.set(userId, member);
    this.changed();
    return member;
  }

  /** Member record, created on first use for the guild (interactions may come from anyone). */
  member(guildId: string, userId: string): MemberRecord {
    const guild = this.guild(guildId);
    return guild.members.get(userId) ?? this.addMember(guildId, userId);
  }

  private createChannelRecord(guild: GuildRecord, spec: ChannelSpec): ChannelRecord {
    const channel: ChannelRecord = {
      id: spec.id ?? this.snowflake(),
      type: spec.type ?? 0,
      guildId: guild.id,
      name: spec.name,
      position: spec.position ?? guild.channelIds.length,
      parentId: spec.parentId ?? null,
      topic: spec.topic ?? null,
      nsfw: spec.nsfw ?? false,
      overwrites: (spec.overwrites ?? []).map(toOverwrite),
      lastMessageId: null,
    };
    this.channels.set(channel.id, channel);
    guild.channelIds.push(channel.id);
    return channel;
  }

  addChannel(guildId: string, spec: ChannelSpec): ChannelRecord {
    const channel = this.createChannelRecord(this.guild(guildId), spec);
    this.dispatch({ t: 'CHANNEL_CREATE', d: channelObject(channel), guildId, intent: GUILDS_INTENT });
    return channel;
  }

  deleteChannel(channelId: string): void {
    const channel = this.channel(channelId);
    this.channels.delete(channelId);
    const guild = channel.guildId ? this.guilds.get(channel.guildId) : undefined;
    if (guild) guild.channelIds = guild.channelIds.filter((id) => id !== channelId);
    this.dispatch({ t: 'CHANNEL_DELETE', d: channelObject(channel), guildId: channel.guildId, intent: GUILDS_INTENT });
  }

  setChannelOverwrites(channelId: string, overwrites: readonly OverwriteSpec[]): void {
    const channel = this.channel(channelId);
    channel.overwrites = overwrites.map(toOverwrite);
    this.dispatch({ t: 'CHANNEL_UPDATE', d: channelObject(channel), guildId: channel.guildId, intent: GUILDS_INTENT });
  }

  /** Upsert one overwrite (same id replaces), keeping the others. */
  putChannelOverwrite(channelId: string, overwrite: OverwriteSpec): void {
    const channel = this.channel(channelId);
    const next = toOverwrite(overwrite);
    channel.overwrites = [...channel.overwrites.filter((o) => o.id !== next.id), next];
    this.dispatch({ t: 'CHANNEL_UPDATE', d: channelObject(channel), guildId: channel.guildId, intent: GUILDS_INTENT });
  }

  /** A DM channel between the bot and a user, created once. */
  dmChannel(userId: string): ChannelRecord {
    for (const c of this.channels.values()) {
      if (c.type === 1 && c.recipientIds?.includes(userId)) return c;
    }
    const channel: ChannelRecord = {
      id: this.snowflake(),
      type: 1,
      guildId: null,
      name: '',
      position: 0,
      parentId: null,
      topic: null,
      nsfw: false,
      overwrites: [],
      lastMessageId: null,
      recipientIds: [this.user(userId).id],
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  permissionContext(guildId: string, userId: string): PermissionContext {
    const guild = this.guild(guildId);
    const member = guild.members.get(userId);
    return {
      guildId,
      ownerId: guild.ownerId,
      rolePermissions: new Map([...guild.roles.values()].map((r) => [r.id, r.permissions])),
      memberId: userId,
      memberRoleIds: member?.roles ?? [],
    };
  }

  /** Permissions of a user in a channel, overwrites included (0 without View Channel). */
  permissionsIn(channelId: string, userId: string): bigint {
    const channel = this.channel(channelId);
    if (!channel.guildId) return 0n;
    return channelPermissions(this.permissionContext(channel.guildId, userId), channel.overwrites);
  }

  firstTextChannel(guildId: string): ChannelRecord | undefined {
    const guild = this.guild(guildId);
    return guild.channelIds.map((id) => this.channels.get(id)).find((c) => c?.type === 0 || c?.type === 5);
  }

  channelByName(guildId: string, name: string): ChannelRecord | undefined {
    return this.guild(guildId)
      .channelIds.map((id) => this.channels.get(id))
      .find((c) => c?.name === name);
  }
}

function toOverwrite(spec: OverwriteSpec): OverwriteLike {
  return {
    id: spec.id,
    type: spec.type === 'role' ? 0 : 1,
    allow: toBits(spec.allow).toString(),
    deny: toBits(spec.deny).toString(),
  };
}
