// Announcement settings, language choices, club roles, departures and leases on PostgreSQL: the
// repositories of ../guild-settings.ts, ../languages.ts, ../club-roles.ts, ../guild-departures.ts and
// ../dispatcher-lease.ts as async functions over a database or a transaction (PgConn), with the same
// rows and answers. A function that is one transaction on SQLite opens one here, unless it is given a
// transaction already (the settle outcomes compose several).
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { DEFAULT_LEADS_MS, LEGACY_SEASON_ID } from '../../domain/announcements.js';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../../i18n/languages.js';
import type { LeaseResult } from '../dispatcher-lease.js';
import { PURGE_AFTER_MS, type PurgedGuild } from '../guild-departures.js';
import { DISABLED_REASONS, NEW_CHANNEL_DEFAULTS, PERMISSION_FAILURE_LIMIT, type SubscriptionChange, type SubscriptionRow } from '../guild-settings.js';
import type { ClubRolesStore, DeparturesStore, GuildSettingsStore, LanguagesStore, LeasesStore } from '../store/types.js';
import {
  announcementClubRoles as clubRoles,
  announcementOutbox,
  announcementSubscriptions as subs,
  dispatcherLeases as leases,
  guildDefaultSeasons,
} from './announcements-schema.js';
import type { PgDatabase } from './client.js';
import { guildDepartures } from './guild-departures-schema.js';
import { guildLanguages, userLanguages } from './language-schema.js';
import { cancelPendingPg } from './outbox-store.js';
import type { PgConn } from './season-repo.js';

type Raw = typeof subs.$inferSelect;
const toRow = (r: Raw): SubscriptionRow => ({
  ...r,
  language: isLanguage(r.language) ? r.language : null,
  recap: r.results === 'round',
  disabledAt: r.disabledAt === null ? null : r.disabledAt.getTime(),
  activeFrom: r.activeFrom.getTime(),
  createdAt: r.createdAt.getTime(),
  updatedAt: r.updatedAt.getTime(),
});

/** Runs `work` in a transaction of its own, or in the caller's when given one already. */
const inTransaction = <T>(db: PgConn, work: (tx: PgConn) => Promise<T>): Promise<T> => db.transaction((tx) => work(tx));

// ---- announcement settings ----

async function listSubscriptionsPg(db: PgConn, guildId: string): Promise<SubscriptionRow[]> {
  return (await db.select().from(subs).where(eq(subs.guildId, guildId)).orderBy(asc(subs.id))).map(toRow);
}

export function disableSubscriptionPg(db: PgConn, guildId: string, channelId: string, reason: string, now: number, seasonId?: string): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    const changed = await tx
      .update(subs)
      .set({ enabled: false, disabledReason: reason, disabledAt: new Date(now), updatedAt: new Date(now) })
      .where(and(eq(subs.guildId, guildId), eq(subs.channelId, channelId), seasonId === undefined ? undefined : eq(subs.seasonId, seasonId), eq(subs.enabled, true)))
      .returning({ id: subs.id });
    if (changed.length === 0) return false;
    await cancelPendingPg(tx, guildId, channelId, `channel disabled: ${reason}`, now, seasonId);
    return true;
  });
}

export async function disableGuildPg(db: PgConn, guildId: string, now: number): Promise<number> {
  let disabled = 0;
  for (const s of await listSubscriptionsPg(db, guildId)) {
    if (s.enabled && (await disableSubscriptionPg(db, guildId, s.channelId, DISABLED_REASONS.guildGone, now, s.seasonId))) disabled += 1;
  }
  return disabled;
}

export function recordPermissionFailurePg(
  db: PgConn,
  guildId: string,
  channelId: string,
  detail: string,
  now: number,
  limit: number = PERMISSION_FAILURE_LIMIT,
): Promise<{ failures: number; disabled: boolean }> {
  return inTransaction(db, async (tx) => {
    const channel = and(eq(subs.guildId, guildId), eq(subs.channelId, channelId), eq(subs.enabled, true));
    // Locked: two processes counting failures of one channel at once count both.
    const rows = await tx.select().from(subs).where(channel).for('update');
    if (rows.length === 0) return { failures: 0, disabled: false };
    const failures = Math.max(...rows.map((r) => r.consecutivePermissionFailures)) + 1;
    await tx.update(subs).set({ consecutivePermissionFailures: failures }).where(channel);
    if (failures < limit) return { failures, disabled: false };
    await disableSubscriptionPg(tx, guildId, channelId, `${DISABLED_REASONS.missingPermissions}: ${detail}`, now);
    return { failures, disabled: true };
  });
}

export async function resetPermissionFailuresPg(db: PgConn, guildId: string, channelId: string): Promise<void> {
  await db
    .update(subs)
    .set({ consecutivePermissionFailures: 0 })
    .where(and(eq(subs.guildId, guildId), eq(subs.channelId, channelId), eq(subs.enabled, true)));
}

async function serverLanguagePg(db: PgConn, guildId: string): Promise<Language | null> {
  const [row] = await db.select({ language: guildLanguages.language }).from(guildLanguages).where(eq(guildLanguages.guildId, guildId));
  return isLanguage(row?.language) ? row.language : null;
}

export const pgSettings = (db: PgDatabase): GuildSettingsStore => ({
  setSubscription: async (settings: SubscriptionChange, now) => {
    const at = new Date(now);
    const given = {
      ...(settings.roleId === undefined ? {} : { roleId: settings.roleId }),
      ...(settings.teamId === undefined ? {} : { teamId: settings.teamId }),
      ...(settings.language === undefined ? {} : { language: settings.language }),
      ...(settings.leadsMs === undefined ? {} : { leadsMs: [...settings.leadsMs] }),
      ...(settings.results !== undefined
        ? { results: settings.results }
        : settings.recap === undefined
          ? {}
          : { results: settings.recap ? ('round' as const) : ('off' as const) }),
      ...(settings.goals === undefined ? {} : { goals: settings.goals }),
    };
    const state = { enabled: true, disabledReason: null, disabledAt: null, consecutivePermissionFailures: 0, activeFrom: at, updatedAt: at };
    const [row] = await db
      .insert(subs)
      .values({
        guildId: settings.guildId,
        channelId: settings.channelId,
        seasonId: settings.seasonId ?? LEGACY_SEASON_ID,
        createdAt: at,
        roleId: NEW_CHANNEL_DEFAULTS.roleId,
        teamId: NEW_CHANNEL_DEFAULTS.teamId,
        language: NEW_CHANNEL_DEFAULTS.language,
        leadsMs: [...(NEW_CHANNEL_DEFAULTS.leadsMs ?? DEFAULT_LEADS_MS)],
        results: NEW_CHANNEL_DEFAULTS.results,
        goals: NEW_CHANNEL_DEFAULTS.goals,
        ...given,
        ...state,
      })
      .onConflictDoUpdate({ target: [subs.guildId, subs.channelId, subs.seasonId], set: { ...given, ...state } })
      .returning();
    if (row === undefined) throw new Error('subscription upsert returned no row');
    return toRow(row);
  },
  getSubscription: async (guildId, channelId, seasonId) => {
    const [row] = await db
      .select()
      .from(subs)
      .where(and(eq(subs.guildId, guildId), eq(subs.channelId, channelId), seasonId === undefined ? undefined : eq(subs.seasonId, seasonId)))
      .orderBy(asc(subs.id))
      .limit(1);
    return row === undefined ? null : toRow(row);
  },
  channelSubscriptions: async (guildId, channelId) =>
    (await db.select().from(subs).where(and(eq(subs.guildId, guildId), eq(subs.channelId, channelId))).orderBy(asc(subs.id))).map(toRow),
  getSubscriptionById: async (id) => {
    const [row] = await db.select().from(subs).where(eq(subs.id, id));
    return row === undefined ? null : toRow(row);
  },
  listSubscriptions: (guildId) => listSubscriptionsPg(db, guildId),
  listEnabledSubscriptions: async () => (await db.select().from(subs).where(eq(subs.enabled, true)).orderBy(asc(subs.id))).map(toRow),
  disableSubscription: (guildId, channelId, reason, now, seasonId) => disableSubscriptionPg(db, guildId, channelId, reason, now, seasonId),
  turnOff: async (guildId, channelId, now, seasonId = null) => {
    const targets = (await listSubscriptionsPg(db, guildId)).filter(
      (s) => s.enabled && (channelId === null || s.channelId === channelId) && (seasonId === null || s.seasonId === seasonId),
    );
    const off: { channelId: string; seasonId: string }[] = [];
    for (const s of targets) {
      if (await disableSubscriptionPg(db, guildId, s.channelId, DISABLED_REASONS.turnedOff, now, s.seasonId)) off.push({ channelId: s.channelId, seasonId: s.seasonId });
    }
    return off;
  },
  disableGuild: (guildId, now) => disableGuildPg(db, guildId, now),
  recordPermissionFailure: (guildId, channelId, detail, now, limit) => recordPermissionFailurePg(db, guildId, channelId, detail, now, limit),
  resetPermissionFailures: (guildId, channelId) => resetPermissionFailuresPg(db, guildId, channelId),
  guildSeason: async (guildId) => {
    const [row] = await db.select({ seasonId: guildDefaultSeasons.seasonId }).from(guildDefaultSeasons).where(eq(guildDefaultSeasons.guildId, guildId));
    return row?.seasonId ?? null;
  },
  setGuildSeason: async (guildId, seasonId, now) => {
    await db
      .insert(guildDefaultSeasons)
      .values({ guildId, seasonId, updatedAt: new Date(now) })
      .onConflictDoUpdate({ target: guildDefaultSeasons.guildId, set: { seasonId, updatedAt: new Date(now) } });
  },
  clearGuildSeason: async (guildId) =>
    (await db.delete(guildDefaultSeasons).where(eq(guildDefaultSeasons.guildId, guildId)).returning({ guildId: guildDefaultSeasons.guildId })).length > 0,
  allGuildSeasons: async () => (await db.select().from(guildDefaultSeasons)).map((r): [string, string] => [r.guildId, r.seasonId]),
  serverLanguage: (guildId) => serverLanguagePg(db, guildId),
  postLanguage: async (sub) => sub.language ?? (await serverLanguagePg(db, sub.guildId)) ?? DEFAULT_LANGUAGE,
});

// ---- language choices ----

const known = (value: string | undefined): Language | null => (isLanguage(value) ? value : null);

export const pgLanguages = (db: PgDatabase): LanguagesStore => ({
  choicesFor: async (userId, guildId) => {
    const [[user], [server]] = await Promise.all([
      db.select({ language: userLanguages.language }).from(userLanguages).where(eq(userLanguages.userId, userId)),
      guildId === null ? Promise.resolve([]) : db.select({ language: guildLanguages.language }).from(guildLanguages).where(eq(guildLanguages.guildId, guildId)),
    ]);
    return { user: known(user?.language), server: known(server?.language) };
  },
  setUser: async (userId, language, now) => {
    const updatedAt = new Date(now);
    await db.insert(userLanguages).values({ userId, language, updatedAt }).onConflictDoUpdate({ target: userLanguages.userId, set: { language, updatedAt } });
  },
  clearUser: async (userId) => (await db.delete(userLanguages).where(eq(userLanguages.userId, userId)).returning({ userId: userLanguages.userId })).length > 0,
  setServer: async (guildId, language, chosenBy, now) => {
    const updatedAt = new Date(now);
    await db
      .insert(guildLanguages)
      .values({ guildId, language, chosenBy, updatedAt })
      .onConflictDoUpdate({ target: guildLanguages.guildId, set: { language, chosenBy, updatedAt } });
  },
  clearServer: async (guildId) =>
    (await db.delete(guildLanguages).where(eq(guildLanguages.guildId, guildId)).returning({ guildId: guildLanguages.guildId })).length > 0,
  allChoices: async () => {
    const [users, servers] = await Promise.all([db.select().from(userLanguages), db.select().from(guildLanguages)]);
    return {
      users: users.flatMap((r) => (isLanguage(r.language) ? [[r.userId, r.language] as [string, Language]] : [])),
      servers: servers.flatMap((r) => (isLanguage(r.language) ? [[r.guildId, r.language] as [string, Language]] : [])),
    };
  },
});

// ---- club roles ----

export const pgClubRoles = (db: PgDatabase): ClubRolesStore => ({
  setClubRole: async (guildId, teamId, roleId, now) => {
    await db
      .insert(clubRoles)
      .values({ guildId, teamId, roleId, updatedAt: new Date(now) })
      .onConflictDoUpdate({ target: [clubRoles.guildId, clubRoles.teamId], set: { roleId, updatedAt: new Date(now) } });
  },
  clearClubRole: async (guildId, teamId) =>
    (await db.delete(clubRoles).where(and(eq(clubRoles.guildId, guildId), eq(clubRoles.teamId, teamId))).returning({ teamId: clubRoles.teamId })).length > 0,
  clubRolesOf: async (guildId) =>
    new Map((await db.select().from(clubRoles).where(eq(clubRoles.guildId, guildId)).orderBy(asc(clubRoles.teamId))).map((r) => [r.teamId, r.roleId])),
});

// ---- departures and the purge ----

export async function markDepartedPg(db: PgConn, guildId: string, now: number): Promise<void> {
  await db.insert(guildDepartures).values({ guildId, leftAt: new Date(now) }).onConflictDoNothing();
}

const deleted = async (rows: Promise<unknown[]>): Promise<number> => (await rows).length;

export const pgDepartures = (db: PgDatabase): DeparturesStore => ({
  markDeparted: (guildId, now) => markDepartedPg(db, guildId, now),
  clearDeparted: async (guildId) =>
    (await db.delete(guildDepartures).where(eq(guildDepartures.guildId, guildId)).returning({ guildId: guildDepartures.guildId })).length > 0,
  departedAt: async (guildId) => {
    const [row] = await db.select().from(guildDepartures).where(eq(guildDepartures.guildId, guildId));
    return row === undefined ? null : row.leftAt.getTime();
  },
  purgeDepartedGuilds: async (now, afterMs = PURGE_AFTER_MS) => {
    const due = await db.select().from(guildDepartures).where(lte(guildDepartures.leftAt, new Date(now - afterMs)));
    const purged: PurgedGuild[] = [];
    // One transaction per server: a failure leaves a server whole; a rejoin since the list was read keeps it.
    for (const { guildId, leftAt } of due) {
      const one = await db.transaction(async (tx): Promise<PurgedGuild | null> => {
        const stillGone = await deleted(
          tx.delete(guildDepartures).where(and(eq(guildDepartures.guildId, guildId), eq(guildDepartures.leftAt, leftAt))).returning({ guildId: guildDepartures.guildId }),
        );
        if (stillGone === 0) return null;
        const subscriptionIds = (await tx.select({ id: subs.id }).from(subs).where(eq(subs.guildId, guildId))).map((s) => s.id);
        const byGuild = await deleted(tx.delete(announcementOutbox).where(eq(announcementOutbox.guildId, guildId)).returning({ id: announcementOutbox.id }));
        const bySubscription =
          subscriptionIds.length === 0
            ? 0
            : await deleted(tx.delete(announcementOutbox).where(inArray(announcementOutbox.subscriptionId, subscriptionIds)).returning({ id: announcementOutbox.id }));
        const subscriptions = await deleted(tx.delete(subs).where(eq(subs.guildId, guildId)).returning({ id: subs.id }));
        const serverLanguage = await deleted(tx.delete(guildLanguages).where(eq(guildLanguages.guildId, guildId)).returning({ guildId: guildLanguages.guildId }));
        const serverSettings =
          (await deleted(tx.delete(guildDefaultSeasons).where(eq(guildDefaultSeasons.guildId, guildId)).returning({ guildId: guildDefaultSeasons.guildId }))) +
          (await deleted(tx.delete(clubRoles).where(eq(clubRoles.guildId, guildId)).returning({ guildId: clubRoles.guildId })));
        return { guildId, leftAt: leftAt.getTime(), subscriptions, outboxRows: byGuild + bySubscription, serverLanguage, serverSettings };
      });
      if (one !== null) purged.push(one);
    }
    return purged;
  },
  guildsWithSettings: async () => {
    const [withChannels, withLanguage] = await Promise.all([
      db.selectDistinct({ guildId: subs.guildId }).from(subs),
      db.select({ guildId: guildLanguages.guildId }).from(guildLanguages),
    ]);
    return [...new Set([...withChannels, ...withLanguage].map((r) => r.guildId))];
  },
});

// ---- leases ----

const toHolder = (r: typeof leases.$inferSelect) => ({
  holder: r.holder,
  acquiredAt: r.acquiredAt.getTime(),
  renewedAt: r.renewedAt.getTime(),
  expiresAt: r.expiresAt.getTime(),
});

export const pgLeases = (db: PgDatabase): LeasesStore => ({
  // One upsert that only overwrites a row that is ours or has expired: of two processes racing for a
  // free lease, the second's WHERE no longer matches once the first committed.
  acquireLease: async (name, holder, realNow, ttlMs, takeOverFrom): Promise<LeaseResult> => {
    const now = new Date(realNow);
    const expiresAt = new Date(realNow + ttlMs);
    const [won] = await db
      .insert(leases)
      .values({ name, holder, acquiredAt: now, renewedAt: now, expiresAt })
      .onConflictDoUpdate({
        target: leases.name,
        set: {
          holder,
          acquiredAt: sql`case when ${leases.holder} = ${holder} then ${leases.acquiredAt} else ${now} end`,
          renewedAt: now,
          expiresAt,
        },
        setWhere: sql`${leases.holder} = ${holder} or ${leases.expiresAt} <= ${now} or ${leases.holder} = ${takeOverFrom ?? holder}`,
      })
      .returning();
    if (won !== undefined) {
      const mine = toHolder(won);
      return { held: true, takenOver: mine.acquiredAt === realNow, ...mine };
    }
    const [current] = await db.select().from(leases).where(eq(leases.name, name));
    if (current === undefined) throw new Error(`lease ${name} vanished while being acquired`);
    return { held: false, ...toHolder(current) };
  },
  releaseLease: async (name, holder) =>
    (await db.delete(leases).where(and(eq(leases.name, name), eq(leases.holder, holder))).returning({ name: leases.name })).length === 1,
  readLease: async (name) => {
    const [row] = await db.select().from(leases).where(eq(leases.name, name));
    return row === undefined ? null : toHolder(row);
  },
});
