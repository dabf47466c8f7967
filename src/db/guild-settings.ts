// Per-channel announcement settings. Every query is scoped by guild id, which always comes from the
// interaction (never from an option), so one guild can neither read nor change another's channels.
import { and, asc, eq } from 'drizzle-orm';
import { DEFAULT_LEADS_MS } from '../domain/announcements.js';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../i18n/languages.js';
import { guildLanguages } from './language-schema.js';
import { announcementSubscriptions as subs } from './announcements-schema.js';
import { cancelPending, type SyncDb } from './outbox.js';

/** Three 50001/50013 answers on distinct posts in a row disable a channel. */
export const PERMISSION_FAILURE_LIMIT = 3;

export const DISABLED_REASONS = {
  turnedOff: 'turned_off',
  channelDeleted: 'channel_deleted',
  guildGone: 'guild_gone',
  missingPermissions: 'missing_permissions',
  unsupportedChannel: 'unsupported_channel',
} as const;

export interface SubscriptionRow {
  readonly id: number;
  readonly guildId: string;
  readonly channelId: string;
  readonly roleId: string | null;
  /** The club the channel follows (team id); null for every post. */
  readonly teamId: string | null;
  /** The language of the channel's posts; null: the server's /language choice, else English. */
  readonly language: Language | null;
  readonly leadsMs: readonly number[];
  readonly recap: boolean;
  readonly enabled: boolean;
  readonly disabledReason: string | null;
  readonly disabledAt: number | null;
  readonly consecutivePermissionFailures: number;
  readonly activeFrom: number;
  readonly createdAt: number;
  readonly updatedAt: number;
}

type Raw = typeof subs.$inferSelect;
const toRow = (r: Raw): SubscriptionRow => ({
  ...r,
  // A stored value that is no longer a language (one removed later) follows the server again.
  language: isLanguage(r.language) ? r.language : null,
  disabledAt: r.disabledAt === null ? null : r.disabledAt.getTime(),
  activeFrom: r.activeFrom.getTime(),
  createdAt: r.createdAt.getTime(),
  updatedAt: r.updatedAt.getTime(),
});

export interface SubscriptionSettings {
  readonly guildId: string;
  readonly channelId: string;
  readonly roleId: string | null;
  readonly leadsMs: readonly number[];
  readonly recap: boolean;
}

/**
 * What `/announcements set` changes: the settings it was given. An absent (undefined) setting keeps the
 * channel's current value, or the default for a new channel; `roleId: null` clears the role.
 */
export interface SubscriptionChange {
  readonly guildId: string;
  readonly channelId: string;
  readonly roleId?: string | null | undefined;
  /** The club to follow; null: every post again. */
  readonly teamId?: string | null | undefined;
  /** The posts' language; null: the server's choice again. */
  readonly language?: Language | null | undefined;
  readonly leadsMs?: readonly number[] | undefined;
  readonly recap?: boolean | undefined;
}

/** A new channel's settings for whatever the admin did not give. */
export const NEW_CHANNEL_DEFAULTS = { roleId: null, teamId: null, language: null, leadsMs: DEFAULT_LEADS_MS, recap: true } as const;

/**
 * Creates or updates a channel's settings and (re-)enables it. Only the settings given change; the
 * others keep their values. From now on the channel is owed the posts due from `now`: a new or
 * re-enabled channel does not get the past, and permission failures start over.
 */
export function setSubscription(db: SyncDb, settings: SubscriptionChange, now: number): SubscriptionRow {
  const at = new Date(now);
  const given = {
    ...(settings.roleId === undefined ? {} : { roleId: settings.roleId }),
    ...(settings.teamId === undefined ? {} : { teamId: settings.teamId }),
    ...(settings.language === undefined ? {} : { language: settings.language }),
    ...(settings.leadsMs === undefined ? {} : { leadsMs: [...settings.leadsMs] }),
    ...(settings.recap === undefined ? {} : { recap: settings.recap }),
  };
  const state = {
    enabled: true,
    disabledReason: null,
    disabledAt: null,
    consecutivePermissionFailures: 0,
    activeFrom: at,
    updatedAt: at,
  };
  const row = db
    .insert(subs)
    .values({
      guildId: settings.guildId,
      channelId: settings.channelId,
      createdAt: at,
      roleId: NEW_CHANNEL_DEFAULTS.roleId,
      teamId: NEW_CHANNEL_DEFAULTS.teamId,
      language: NEW_CHANNEL_DEFAULTS.language,
      leadsMs: [...NEW_CHANNEL_DEFAULTS.leadsMs],
      recap: NEW_CHANNEL_DEFAULTS.recap,
      ...given,
      ...state,
    })
    .onConflictDoUpdate({ target: [subs.guildId, subs.channelId], set: { ...given, ...state } })
    .returning()
    .get();
  return toRow(row);
}

export function getSubscription(db: SyncDb, guildId: string, channelId: string): SubscriptionRow | null {
  const row = db
    .select()
    .from(subs)
    .where(and(eq(subs.guildId, guildId), eq(subs.channelId, channelId)))
    .get();
  return row === undefined ? null : toRow(row);
}

/** The server's /language choice (null when none was made), the fallback of a channel with no language. */
export function serverLanguage(db: SyncDb, guildId: string): Language | null {
  const row = db.select({ language: guildLanguages.language }).from(guildLanguages).where(eq(guildLanguages.guildId, guildId)).get();
  return isLanguage(row?.language) ? row.language : null;
}

/** The language a channel's posts are rendered in: its own, else the server's choice, else English. */
export function postLanguage(db: SyncDb, sub: Pick<SubscriptionRow, 'guildId' | 'language'>): Language {
  return sub.language ?? serverLanguage(db, sub.guildId) ?? DEFAULT_LANGUAGE;
}

export function getSubscriptionById(db: SyncDb, id: number): SubscriptionRow | null {
  const row = db.select().from(subs).where(eq(subs.id, id)).get();
  return row === undefined ? null : toRow(row);
}

/** A guild's channels, enabled and disabled, in the order they were set up. */
export function listSubscriptions(db: SyncDb, guildId: string): SubscriptionRow[] {
  return db.select().from(subs).where(eq(subs.guildId, guildId)).orderBy(asc(subs.id)).all().map(toRow);
}

export function listEnabledSubscriptions(db: SyncDb): SubscriptionRow[] {
  return db.select().from(subs).where(eq(subs.enabled, true)).orderBy(asc(subs.id)).all().map(toRow);
}

/**
 * Disables one channel and cancels its pending posts, in one transaction. Sent rows stay as the
 * ledger. Returns false when it was already disabled (or does not exist in this guild).
 */
export function disableSubscription(db: SyncDb, guildId: string, channelId: string, reason: string, now: number): boolean {
  return db.transaction((tx) => {
    const changed = tx
      .update(subs)
      .set({ enabled: false, disabledReason: reason, disabledAt: new Date(now), updatedAt: new Date(now) })
      .where(and(eq(subs.guildId, guildId), eq(subs.channelId, channelId), eq(subs.enabled, true)))
      .run().changes;
    if (changed === 0) return false;
    cancelPending(tx, guildId, channelId, `channel disabled: ${reason}`, now);
    return true;
  });
}

/** `/announcements off`: one channel, or every channel of the guild. Returns the channels turned off. */
export function turnOff(db: SyncDb, guildId: string, channelId: string | null, now: number): string[] {
  const targets = listSubscriptions(db, guildId).filter((s) => s.enabled && (channelId === null || s.channelId === channelId));
  return targets.filter((s) => disableSubscription(db, guildId, s.channelId, DISABLED_REASONS.turnedOff, now)).map((s) => s.channelId);
}

/** Disables every channel of a guild the bot was removed from (10004 Unknown Guild). */
export function disableGuild(db: SyncDb, guildId: string, now: number): number {
  return listSubscriptions(db, guildId).filter((s) => s.enabled && disableSubscription(db, guildId, s.channelId, DISABLED_REASONS.guildGone, now)).length;
}

/**
 * Counts a 50001/50013 on a post; the third in a row disables the channel.
 * Returns the new count and whether this failure disabled it.
 */
export function recordPermissionFailure(
  db: SyncDb,
  guildId: string,
  channelId: string,
  detail: string,
  now: number,
  limit: number = PERMISSION_FAILURE_LIMIT,
): { failures: number; disabled: boolean } {
  return db.transaction((tx) => {
    const row = tx
      .select()
      .from(subs)
      .where(and(eq(subs.guildId, guildId), eq(subs.channelId, channelId)))
      .get();
    if (row === undefined || !row.enabled) return { failures: row?.consecutivePermissionFailures ?? 0, disabled: false };
    const failures = row.consecutivePermissionFailures + 1;
    tx.update(subs).set({ consecutivePermissionFailures: failures }).where(eq(subs.id, row.id)).run();
    if (failures < limit) return { failures, disabled: false };
    disableSubscription(tx, guildId, channelId, `${DISABLED_REASONS.missingPermissions}: ${detail}`, now);
    return { failures, disabled: true };
  });
}

/** Any successful post resets the count: only consecutive failures disable. */
export function resetPermissionFailures(db: SyncDb, guildId: string, channelId: string): void {
  db.update(subs)
    .set({ consecutivePermissionFailures: 0 })
    .where(and(eq(subs.guildId, guildId), eq(subs.channelId, channelId), eq(subs.enabled, true)))
    .run();
}
