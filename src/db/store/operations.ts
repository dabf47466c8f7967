// The operations store on SQLite: thin async wrappers around the synchronous repositories in
// src/db/*.ts (their transactions stay synchronous inside them). Queries that lived in callers
// (the health check's lease read, the metrics' counts, the purge's list of servers) are here too.
import { count, eq, sql } from 'drizzle-orm';
import { isLanguage, type Language } from '../../i18n/languages.js';
import { announcementOutbox, announcementSubscriptions, dispatcherLeases, guildDefaultSeasons } from '../announcements-schema.js';
import { clearClubRole, clubRolesOf, setClubRole } from '../club-roles.js';
import { acquireLease, releaseLease } from '../dispatcher-lease.js';
import { clearDeparted, departedAt, markDeparted, purgeDepartedGuilds } from '../guild-departures.js';
import * as settings from '../guild-settings.js';
import { guildLanguages, userLanguages } from '../language-schema.js';
import { createLanguageStore } from '../languages.js';
import * as outbox from '../outbox.js';
import * as settle from '../outbox-settle.js';
import type { SyncDb } from '../outbox.js';
import { readPostedFacts } from '../outbox-facts.js';
import type { OperationsStore } from './types.js';

// One store per database handle: prepared statements (languages, default season) are prepared once.
const stores = new WeakMap<SyncDb, OperationsStore>();

/** A store, or a SQLite database taken as its store (tests and tools hand the database itself). */
export type OperationsDb = OperationsStore | SyncDb;

const isStore = (db: OperationsDb): db is OperationsStore => typeof (db as Partial<OperationsStore>).outbox?.claimDue === 'function';

export const operationsOf = (db: OperationsDb): OperationsStore => (isStore(db) ? db : sqliteOperations(db));


/** The operations store over a SQLite database (the app's, or a test's). */
export const sqliteOperations = (db: SyncDb): OperationsStore => {
  let store = stores.get(db);
  if (store === undefined) {
    store = createSqliteOperations(db);
    stores.set(db, store);
  }
  return store;
};

const createSqliteOperations = (db: SyncDb): OperationsStore => {
  const languages = createLanguageStore(db);
  return {
    engine: 'sqlite',
    sqlite: db,
    outbox: {
      upsertPlan: async (subscription, posts, now) => outbox.upsertPlan(db, subscription, posts, now),
      cancelPending: async (guildId, channelId, reason, now, seasonId) => outbox.cancelPending(db, guildId, channelId, reason, now, seasonId),
      claimDue: async (now, opts) => outbox.claimDue(db, now, opts),
      reclaimStale: async (realNow, now) => outbox.reclaimStale(db, realNow, now),
      expireOverdue: async (now) => outbox.expireOverdue(db, now),
      recordPartsSent: async (id, messageIds, now) => outbox.recordPartsSent(db, id, messageIds, now),
      getRow: async (id) => outbox.getRow(db, id),
      rowsFor: async (where) => outbox.rowsFor(db, where),
      nextDue: async (guildId, limit, from) => outbox.nextDue(db, guildId, limit, from),
      recentOutcomes: async (guildId, statuses, limit) => outbox.recentOutcomes(db, guildId, statuses, limit),
      countByStatus: async (guildId) => outbox.countByStatus(db, guildId),
      countByStatusAndLate: async () =>
        db
          .select({ status: announcementOutbox.status, late: announcementOutbox.late, rows: count() })
          .from(announcementOutbox)
          .groupBy(announcementOutbox.status, announcementOutbox.late)
          .all(),
      postedFacts: async (guildId, channelId, seasonId, exceptRowId) => readPostedFacts(db, guildId, channelId, seasonId, exceptRowId),
      loadRoundSnapshots: async (seasonId) => outbox.loadRoundSnapshots(db, seasonId),
      saveRoundSnapshots: async (snapshots, now, opts) => outbox.saveRoundSnapshots(db, snapshots, now, opts),
      settlePostSent: async (row, messageIds, late, sentAt, shown) => settle.settlePostSent(db, row, messageIds, late, sentAt, shown),
      settlePostRetry: async (row, error, nextAttemptAt, at, messageIds) => settle.settlePostRetry(db, row, error, nextAttemptAt, at, messageIds),
      settlePostFailed: async (row, error, at, messageIds) => settle.settlePostFailed(db, row, error, at, messageIds),
      settleChannelGone: async (row, scope, error, at, messageIds) => settle.settleChannelGone(db, row, scope, error, at, messageIds),
      settleForbidden: async (row, detail, error, at, messageIds) => settle.settleForbidden(db, row, detail, error, at, messageIds),
      settleUnsupported: async (row, error, at, messageIds) => settle.settleUnsupported(db, row, error, at, messageIds),
      settleUnauthorized: async (row, at, messageIds) => settle.settleUnauthorized(db, row, at, messageIds),
      settlePostCancelled: async (row, reason, at) => settle.settlePostCancelled(db, row, reason, at),
    },
    settings: {
      setSubscription: async (change, now) => settings.setSubscription(db, change, now),
      getSubscription: async (guildId, channelId, seasonId) => settings.getSubscription(db, guildId, channelId, seasonId),
      channelSubscriptions: async (guildId, channelId) => settings.channelSubscriptions(db, guildId, channelId),
      getSubscriptionById: async (id) => settings.getSubscriptionById(db, id),
      listSubscriptions: async (guildId) => settings.listSubscriptions(db, guildId),
      listEnabledSubscriptions: async () => settings.listEnabledSubscriptions(db),
      disableSubscription: async (guildId, channelId, reason, now, seasonId) => settings.disableSubscription(db, guildId, channelId, reason, now, seasonId),
      turnOff: async (guildId, channelId, now, seasonId) => settings.turnOff(db, guildId, channelId, now, seasonId ?? null),
      disableGuild: async (guildId, now) => settings.disableGuild(db, guildId, now),
      recordPermissionFailure: async (guildId, channelId, detail, now, limit) => settings.recordPermissionFailure(db, guildId, channelId, detail, now, limit),
      resetPermissionFailures: async (guildId, channelId) => settings.resetPermissionFailures(db, guildId, channelId),
      guildSeason: async (guildId) => settings.guildSeason(db, guildId),
      setGuildSeason: async (guildId, seasonId, now) => settings.setGuildSeason(db, guildId, seasonId, now),
      clearGuildSeason: async (guildId) => settings.clearGuildSeason(db, guildId),
      allGuildSeasons: async () => db.select().from(guildDefaultSeasons).all().map((r): [string, string] => [r.guildId, r.seasonId]),
      serverLanguage: async (guildId) => settings.serverLanguage(db, guildId),
      postLanguage: async (sub) => settings.postLanguage(db, sub),
    },
    languages: {
      choicesFor: async (userId, guildId) => languages.choicesFor(userId, guildId),
      setUser: async (userId, language, now) => languages.setUser(userId, language, now),
      clearUser: async (userId) => languages.clearUser(userId),
      setServer: async (guildId, language, chosenBy, now) => languages.setServer(guildId, language, chosenBy, now),
      clearServer: async (guildId) => languages.clearServer(guildId),
      allChoices: async () => ({
        users: db.select().from(userLanguages).all().flatMap((r) => (isLanguage(r.language) ? [[r.userId, r.language] as [string, Language]] : [])),
        servers: db.select().from(guildLanguages).all().flatMap((r) => (isLanguage(r.language) ? [[r.guildId, r.language] as [string, Language]] : [])),
      }),
    },
    clubRoles: {
      setClubRole: async (guildId, teamId, roleId, now) => setClubRole(db, guildId, teamId, roleId, now),
      clearClubRole: async (guildId, teamId) => clearClubRole(db, guildId, teamId),
      clubRolesOf: async (guildId) => clubRolesOf(db, guildId),
    },
    departures: {
      markDeparted: async (guildId, now) => markDeparted(db, guildId, now),
      clearDeparted: async (guildId) => clearDeparted(db, guildId),
      departedAt: async (guildId) => departedAt(db, guildId),
      purgeDepartedGuilds: async (now, afterMs) => purgeDepartedGuilds(db, now, afterMs),
      guildsWithSettings: async () => [
        ...new Set([
          ...db.selectDistinct({ guildId: announcementSubscriptions.guildId }).from(announcementSubscriptions).all().map((r) => r.guildId),
          ...db.select({ guildId: guildLanguages.guildId }).from(guildLanguages).all().map((r) => r.guildId),
        ]),
      ],
    },
    leases: {
      acquireLease: async (name, holder, realNow, ttlMs, takeOverFrom) => acquireLease(db, name, holder, realNow, ttlMs, takeOverFrom),
      releaseLease: async (name, holder) => releaseLease(db, name, holder),
      readLease: async (name) => {
        const row = db.select().from(dispatcherLeases).where(eq(dispatcherLeases.name, name)).get();
        return row === undefined
          ? null
          : { holder: row.holder, acquiredAt: row.acquiredAt.getTime(), renewedAt: row.renewedAt.getTime(), expiresAt: row.expiresAt.getTime() };
      },
    },
    ping: async () => {
      db.get(sql`select 1`);
    },
  };
};
