// Per-channel announcement settings. Every query is scoped by guild id, which always comes from the
// interaction (never from an option), so one guild can neither read nor change another's channels.
import { and, asc, eq, sql } from 'drizzle-orm';
import { DEFAULT_LEADS_MS, LEGACY_SEASON_ID, type ResultsMode } from '../domain/announcements.js';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../i18n/languages.js';
import { guildLanguages } from './language-schema.js';
import { guildDefaultSeasons, announcementSubscriptions as subs } from './announcements-schema.js';
import { untilChanged } from './change-stamp.js';
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
  /** The season this subscription follows: a channel has one row per season it follows. */
  readonly seasonId: string;
  readonly roleId: string | null;
  /** The club the channel follows (team id); null for every post. */
  readonly teamId: string | null;
  /** The language of the channel's posts; null: the server's /language choice, else English. */
  readonly language: Language | null;
  readonly leadsMs: readonly number[];
  /** Full-time posts per match, a recap per round, or none. */
  readonly results: ResultsMode;
  /** True when `results` is `round` (what the old `recap` switch said). */
  readonly recap: boolean;
  /** Goal alerts (opt-in). */
  readonly goals: boolean;
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
  recap: r.results === 'round',
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
  readonly results: ResultsMode;
}

/**
 * What `/announcements set` changes: the settings it was given. An absent (undefined) setting keeps the
 * channel's current value, or the default for a new channel; `roleId: null` clears the role.
 */
export interface SubscriptionChange {
  readonly guildId: string;
  readonly channelId: string;
  /** The season this is about; absent: LEGACY_SEASON_ID (callers from before seasons). */
  readonly seasonId?: string | undefined;
  readonly roleId?: string | null | undefined;
  /** The club to follow; null: every post again. */
  readonly teamId?: string | null | undefined;
  /** The posts' language; null: the server's choice again. */
  readonly language?: Language | null | undefined;
  readonly leadsMs?: readonly number[] | undefined;
  readonly results?: ResultsMode | undefined;
  /** The old switch, read only without `results`: true is `round`, false is `off`. */
  readonly recap?: boolean | undefined;
  readonly goals?: boolean | undefined;
}

/** A new channel's settings for whatever the admin did not give. */
export const NEW_CHANNEL_DEFAULTS = { roleId: null, teamId: null, language: null, leadsMs: DEFAULT_LEADS_MS, results: 'round', goals: false } as const;

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
    ...(settings.results !== undefined ? { results: settings.results } : settings.recap === undefined ? {} : { results: settings.recap ? ('round' as const) : ('off' as const) }),
    ...(settings.goals === undefined ? {} : { goals: settings.goals }),
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
      seasonId: settings.seasonId ?? LEGACY_SEASON_ID,
      createdAt: at,
      roleId: NEW_CHANNEL_DEFAULTS.roleId,
      teamId: NEW_CHANNEL_DEFAULTS.teamId,
      language: NEW_CHANNEL_DEFAULTS.language,
      leadsMs: [...NEW_CHANNEL_DEFAULTS.leadsMs],
      results: NEW_CHANNEL_DEFAULTS.results,
      goals: NEW_CHANNEL_DEFAULTS.goals,
      ...given,
      ...state,
    })
    .onConflictDoUpdate({ target: [subs.guildId, subs.channelId, subs.seasonId], set: { ...given, ...state } })
    .returning()
    .get();
  return toRow(row);
}

/**
 * A channel's subscription to one season; without `seasonId`, the first it was set up for (the only
 * one of a channel following one season).
 */
export function getSubscription(db: SyncDb, guildId: string, channelId: string, seasonId?: string): SubscriptionRow | null {
  const row = db
    .select()
    .from(subs)
    .where(and(eq(subs.guildId, guildId), eq(subs.channelId, channelId), seasonId === undefined ? undefined : eq(subs.seasonId, seasonId)))
    .orderBy(asc(subs.id))
    .get();
  return row === undefined ? null : toRow(row);
}

/** Every season a channel follows (or followed), in the order they were set up. */
export function channelSubscriptions(db: SyncDb, guildId: string, channelId: string): SubscriptionRow[] {
  return db
    .select()
    .from(subs)
    .where(and(eq(subs.guildId, guildId), eq(subs.channelId, channelId)))
    .orderBy(asc(subs.id))
    .all()
    .map(toRow);
}

// ---- A server's default season (/announcements default) ----

/** The season a server chose as its default; null when it chose none (or the guild id is not a snowflake). */
export function guildSeason(db: SyncDb, guildId: string): string | null {
  return guildSeasonReader(db)(guildId);
}

// Read on every fan command: prepared once per database, and kept per guild until the database changes
// (change-stamp.ts), so a default set by another shard or process counts at once, as a read would.
const guildSeasonReaders = new WeakMap<SyncDb, (guildId: string) => string | null>();
const guildSeasonReader = (db: SyncDb) => {
  let reader = guildSeasonReaders.get(db);
  if (reader === undefined) {
    const query = db
      .select({ seasonId: guildDefaultSeasons.seasonId })
      .from(guildDefaultSeasons)
      .where(eq(guildDefaultSeasons.guildId, sql.placeholder('guildId')))
      .prepare();
    reader = untilChanged(
      db,
      (guildId: string) => guildId,
      (guildId: string) => query.get({ guildId })?.seasonId ?? null,
    );
    guildSeasonReaders.set(db, reader);
  }
  return reader;
};

/** Stores a server's default season (the caller checks it is a loaded season). */
export function setGuildSeason(db: SyncDb, guildId: string, seasonId: string, now: number): void {
  db.insert(guildDefaultSeasons)
    .values({ guildId, seasonId, updatedAt: new Date(now) })
    .onConflictDoUpdate({ target: guildDefaultSeasons.guildId, set: { seasonId, updatedAt: new Date(now) } })
    .run();
}

/** Forgets a server's default season; false when it had none. */
export function clearGuildSeason(db: SyncDb, guildId: string): boolean {
  return db.delete(guildDefaultSeasons).where(eq(guildDefaultSeasons.guildId, guildId)).run().changes > 0;
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
 * Disables a channel (every season it follows, or only `seasonId`) and cancels those pending posts, in
 * one transaction. Sent rows stay as the ledger. Returns false when nothing was enabled to disable.
 * What happens to a channel (deleted, permissions) disables all its seasons; `off` may name one.
 */
export function disableSubscription(db: SyncDb, guildId: string, channelId: string, reason: string, now: number, seasonId?: string): boolean {
  return db.transaction((tx) => {
    const changed = tx
      .update(subs)
      .set({ enabled: false, disabledReason: reason, disabledAt: new Date(now), updatedAt: new Date(now) })
      .where(
        and(
          eq(subs.guildId, guildId),
          eq(subs.channelId, channelId),
          seasonId === undefined ? undefined : eq(subs.seasonId, seasonId),
          eq(subs.enabled, true),
        ),
      )
      .run().changes;
    if (changed === 0) return false;
    cancelPending(tx, guildId, channelId, `channel disabled: ${reason}`, now, seasonId);
    return true;
  });
}

/**
 * `/announcements off`: one channel or every channel of the guild, for one season or every season.
 * Returns the subscriptions turned off (channel and season).
 */
export function turnOff(
  db: SyncDb,
  guildId: string,
  channelId: string | null,
  now: number,
  seasonId: string | null = null,
): { readonly channelId: string; readonly seasonId: string }[] {
  const targets = listSubscriptions(db, guildId).filter(
    (s) => s.enabled && (channelId === null || s.channelId === channelId) && (seasonId === null || s.seasonId === seasonId),
  );
  return targets
    .filter((s) => disableSubscription(db, guildId, s.channelId, DISABLED_REASONS.turnedOff, now, s.seasonId))
    .map((s) => ({ channelId: s.channelId, seasonId: s.seasonId }));
}

/** Disables every channel of a guild the bot was removed from (10004 Unknown Guild). Returns the subscriptions disabled. */
export function disableGuild(db: SyncDb, guildId: string, now: number): number {
  return listSubscriptions(db, guildId).filter(
    (s) => s.enabled && disableSubscription(db, guildId, s.channelId, DISABLED_REASONS.guildGone, now, s.seasonId),
  ).length;
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
    // Permissions belong to the channel: every season it follows counts the same failures.
    const rows = tx
      .select()
      .from(subs)
      .where(and(eq(subs.guildId, guildId), eq(subs.channelId, channelId), eq(subs.enabled, true)))
      .all();
    if (rows.length === 0) return { failures: 0, disabled: false };
    const failures = Math.max(...rows.map((r) => r.consecutivePermissionFailures)) + 1;
    tx.update(subs)
      .set({ consecutivePermissionFailures: failures })
      .where(and(eq(subs.guildId, guildId), eq(subs.channelId, channelId), eq(subs.enabled, true)))
      .run();
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
