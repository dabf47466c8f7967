/**
 * Permission bits and Discord's channel-permission algorithm
 * (docs: topics/permissions.mdx, "Permission Hierarchy" and "Implicit Permissions").
 * Names follow discord.js PermissionFlagsBits so tests read the same in both worlds.
 */
export const Permission = {
  CreateInstantInvite: 1n << 0n,
  KickMembers: 1n << 1n,
  BanMembers: 1n << 2n,
  Administrator: 1n << 3n,
  ManageChannels: 1n << 4n,
  ManageGuild: 1n << 5n,
  AddReactions: 1n << 6n,
  ViewAuditLog: 1n << 7n,
  PrioritySpeaker: 1n << 8n,
  Stream: 1n << 9n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  SendTTSMessages: 1n << 12n,
  ManageMessages: 1n << 13n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  MentionEveryone: 1n << 17n,
  UseExternalEmojis: 1n << 18n,
  ViewGuildInsights: 1n << 19n,
  Connect: 1n << 20n,
  Speak: 1n << 21n,
  ChangeNickname: 1n << 26n,
  ManageNicknames: 1n << 27n,
  ManageRoles: 1n << 28n,
  ManageWebhooks: 1n << 29n,
  UseApplicationCommands: 1n << 31n,
  ManageThreads: 1n << 34n,
  CreatePublicThreads: 1n << 35n,
  CreatePrivateThreads: 1n << 36n,
  SendMessagesInThreads: 1n << 38n,
} as const;

export type PermissionName = keyof typeof Permission;
/** A bitfield as bigint/number/decimal string, or a list of flag names. */
export type PermissionInput = bigint | number | string | readonly PermissionName[];

/** Every bit up to 1<<50: what an Administrator or the owner effectively has. */
export const ALL_PERMISSIONS = (1n << 51n) - 1n;

/** What a fresh guild's @everyone role gets on Discord (view, send, history, reactions, app commands…). */
export const DEFAULT_EVERYONE_PERMISSIONS =
  Permission.CreateInstantInvite |
  Permission.AddReactions |
  Permission.Stream |
  Permission.ViewChannel |
  Permission.SendMessages |
  Permission.EmbedLinks |
  Permission.AttachFiles |
  Permission.ReadMessageHistory |
  Permission.UseExternalEmojis |
  Permission.Connect |
  Permission.Speak |
  Permission.ChangeNickname |
  Permission.UseApplicationCommands |
  Permission.CreatePublicThreads |
  Permission.CreatePrivateThreads |
  Permission.SendMessagesInThreads;

/** The invite integer the research recommends: View Channel + Send Messages + Embed Links. */
export const MINIMAL_BOT_PERMISSIONS = Permission.ViewChannel | Permission.SendMessages | Permission.EmbedLinks;

export function toBits(input: PermissionInput | undefined | null): bigint {
  if (input === undefined || input === null) return 0n;
  if (typeof input === 'bigint') return input;
  if (typeof input === 'number') return BigInt(input);
  if (typeof input === 'string') return BigInt(input);
  let bits = 0n;
  for (const name of input) bits |= Permission[name];
  return bits;
}

export interface OverwriteLike {
  id: string;
  type: 0 | 1; // 0 = role, 1 = member
  allow: string;
  deny: string;
}

export interface PermissionContext {
  guildId: string;
  ownerId: string;
  /** role id → permission bits (must include the @everyone role, whose id is the guild id). */
  rolePermissions: ReadonlyMap<string, bigint>;
  memberId: string;
  memberRoleIds: readonly string[];
}

export function basePermissions(ctx: PermissionContext): bigint {
  if (ctx.memberId === ctx.ownerId) return ALL_PERMISSIONS;
  let bits = ctx.rolePermissions.get(ctx.guildId) ?? 0n;
  for (const roleId of ctx.memberRoleIds) bits |= ctx.rolePermissions.get(roleId) ?? 0n;
  return bits & Permission.Administrator ? ALL_PERMISSIONS : bits;
}

/** Base permissions, then @everyone overwrite, then role overwrites together, then the member overwrite. */
export function channelPermissions(ctx: PermissionContext, overwrites: readonly OverwriteLike[]): bigint {
  let bits = basePermissions(ctx);
  if (bits & Permission.Administrator) return ALL_PERMISSIONS;

  const everyone = overwrites.find((o) => o.id === ctx.guildId);
  if (everyone) bits = (bits & ~BigInt(everyone.deny)) | BigInt(everyone.allow);

  let roleAllow = 0n;
  let roleDeny = 0n;
  for (const o of overwrites) {
    if (o.type === 0 && o.id !== ctx.guildId && ctx.memberRoleIds.includes(o.id)) {
      roleAllow |= BigInt(o.allow);
      roleDeny |= BigInt(o.deny);
    }
  }
  bits = (bits & ~roleDeny) | roleAllow;

  const member = overwrites.find((o) => o.type === 1 && o.id === ctx.memberId);
  if (member) bits = (bits & ~BigInt(member.deny)) | BigInt(member.allow);

  // Implicit rule: without View Channel nothing else in the channel counts.
  return bits & Permission.ViewChannel ? bits : 0n;
}

/** Implicit denies when posting: no Send Messages voids Embed Links, Mention Everyone, Attach Files and TTS. */
export function effectiveSendPermissions(bits: bigint): bigint {
  if (bits & Permission.SendMessages) return bits;
  return bits & ~(Permission.EmbedLinks | Permission.MentionEveryone | Permission.AttachFiles | Permission.SendTTSMessages);
}

export function has(bits: bigint, flag: bigint): boolean {
  return (bits & flag) === flag;
}
