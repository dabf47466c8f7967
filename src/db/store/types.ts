// The bot's operations data (announcement settings, the outbox, language choices, club roles,
// departures, leases) behind one async interface, the same on SQLite and on PostgreSQL. Each method
// mirrors a synchronous repository function of src/db/*.ts minus its `db` argument; times cross it as
// epoch ms and Discord ids as strings, as those functions return them. A unit of work that must be one
// transaction is one method (the settle outcomes, a purge per server), so the transaction stays inside
// each implementation (better-sqlite3's cannot await).
import type { PlannedPost, PostedFacts, RoundSnapshot } from '../../domain/announcements.js';
import type { Language } from '../../i18n/languages.js';
import type { OutboxStatus } from '../announcements-schema.js';
import type { LeaseHolder, LeaseResult } from '../dispatcher-lease.js';
import type { PurgedGuild } from '../guild-departures.js';
import type { SubscriptionChange, SubscriptionRow } from '../guild-settings.js';
import type { LanguageChoices } from '../languages.js';
import type { OutboxRow, PlanResult, SyncDb } from '../outbox.js';
import type { ChannelEffect, SendFailure } from '../outbox-settle.js';

export type Engine = 'sqlite' | 'pg';

/**
 * A claimed row as settling needs it. `attempts` and `leaseUntil` are the claim itself: on PostgreSQL
 * a process whose lease ran out (another took the row over) cannot settle it.
 */
export type ClaimedRow = Pick<OutboxRow, 'id' | 'guildId' | 'channelId' | 'attempts' | 'leaseUntil'>;

export interface ClaimOptions {
  /** Wall-clock now: leases are real time, never the replay clock. */
  readonly realNow: number;
  readonly leaseMs: number;
  readonly limit: number;
}

export interface PlannedSubscription {
  readonly id: number;
  readonly guildId: string;
  readonly channelId: string;
  readonly seasonId?: string;
  readonly activeFrom: number;
}

export interface OutboxWhere {
  readonly guildId: string;
  readonly channelId?: string;
  readonly seasonId?: string;
  readonly statuses?: readonly OutboxStatus[];
}

/** The outbox (src/db/outbox.ts) and the outcomes of a send (src/db/outbox-settle.ts). */
export interface OutboxStore {
  upsertPlan(subscription: PlannedSubscription, posts: readonly PlannedPost[], now: number): Promise<PlanResult>;
  cancelPending(guildId: string, channelId: string, reason: string, now: number, seasonId?: string): Promise<number>;
  claimDue(now: number, opts: ClaimOptions): Promise<OutboxRow[]>;
  /** `realNow = Infinity`: every `sending` row (only for the one dispatcher of a SQLite database). */
  reclaimStale(realNow: number, now: number): Promise<OutboxRow[]>;
  expireOverdue(now: number): Promise<OutboxRow[]>;
  recordPartsSent(id: number, messageIds: readonly string[], now: number): Promise<void>;
  getRow(id: number): Promise<OutboxRow | null>;
  rowsFor(where: OutboxWhere): Promise<OutboxRow[]>;
  nextDue(guildId: string, limit: number, from?: number): Promise<OutboxRow[]>;
  recentOutcomes(guildId: string, statuses: readonly OutboxStatus[], limit: number): Promise<OutboxRow[]>;
  countByStatus(guildId?: string): Promise<Record<OutboxStatus, number>>;
  /** Rows by status and late flag, for the metrics. */
  countByStatusAndLate(): Promise<{ readonly status: OutboxStatus; readonly late: boolean; readonly rows: number }[]>;
  /** What one channel was shown of each fact (src/db/outbox-facts.ts readPostedFacts); `exceptRowId`: a row being sent. */
  postedFacts(guildId: string, channelId: string, seasonId: string, exceptRowId?: number): Promise<PostedFacts>;
  loadRoundSnapshots(seasonId?: string): Promise<Map<string, RoundSnapshot>>;
  saveRoundSnapshots(snapshots: readonly RoundSnapshot[], now: number, opts?: { onlyMissing?: boolean; seasonId?: string }): Promise<void>;

  settlePostSent(row: ClaimedRow, messageIds: readonly string[], late: boolean, sentAt: number, shown?: string): Promise<boolean>;
  settlePostRetry(row: ClaimedRow, error: SendFailure, nextAttemptAt: number, at: number, messageIds: readonly string[]): Promise<boolean>;
  settlePostFailed(row: ClaimedRow, error: SendFailure, at: number, messageIds: readonly string[]): Promise<boolean>;
  settleChannelGone(row: ClaimedRow, scope: 'channel' | 'guild', error: SendFailure, at: number, messageIds: readonly string[]): Promise<ChannelEffect>;
  settleForbidden(
    row: ClaimedRow,
    detail: string,
    error: SendFailure,
    at: number,
    messageIds: readonly string[],
  ): Promise<{ readonly failures: number; readonly disabled: ChannelEffect }>;
  settleUnsupported(row: ClaimedRow, error: SendFailure, at: number, messageIds: readonly string[]): Promise<ChannelEffect>;
  settleUnauthorized(row: ClaimedRow, at: number, messageIds: readonly string[]): Promise<boolean>;
  settlePostCancelled(row: ClaimedRow, reason: string, at: number): Promise<boolean>;
}

/** Announcement channels and a server's default season (src/db/guild-settings.ts). */
export interface GuildSettingsStore {
  setSubscription(settings: SubscriptionChange, now: number): Promise<SubscriptionRow>;
  getSubscription(guildId: string, channelId: string, seasonId?: string): Promise<SubscriptionRow | null>;
  channelSubscriptions(guildId: string, channelId: string): Promise<SubscriptionRow[]>;
  getSubscriptionById(id: number): Promise<SubscriptionRow | null>;
  listSubscriptions(guildId: string): Promise<SubscriptionRow[]>;
  listEnabledSubscriptions(): Promise<SubscriptionRow[]>;
  disableSubscription(guildId: string, channelId: string, reason: string, now: number, seasonId?: string): Promise<boolean>;
  turnOff(guildId: string, channelId: string | null, now: number, seasonId?: string | null): Promise<{ readonly channelId: string; readonly seasonId: string }[]>;
  disableGuild(guildId: string, now: number): Promise<number>;
  recordPermissionFailure(guildId: string, channelId: string, detail: string, now: number, limit?: number): Promise<{ failures: number; disabled: boolean }>;
  resetPermissionFailures(guildId: string, channelId: string): Promise<void>;
  guildSeason(guildId: string): Promise<string | null>;
  setGuildSeason(guildId: string, seasonId: string, now: number): Promise<void>;
  clearGuildSeason(guildId: string): Promise<boolean>;
  /** Every server's default season (a process's cache of them, ./choice-cache.ts). */
  allGuildSeasons(): Promise<[string, string][]>;
  serverLanguage(guildId: string): Promise<Language | null>;
  postLanguage(sub: Pick<SubscriptionRow, 'guildId' | 'language'>): Promise<Language>;
}

/** /language choices (src/db/languages.ts). */
export interface LanguagesStore {
  choicesFor(userId: string, guildId: string | null): Promise<LanguageChoices>;
  setUser(userId: string, language: Language, now: number): Promise<void>;
  clearUser(userId: string): Promise<boolean>;
  setServer(guildId: string, language: Language, chosenBy: string, now: number): Promise<void>;
  clearServer(guildId: string): Promise<boolean>;
  /** Every choice stored (a process's cache of them, ./choice-cache.ts). */
  allChoices(): Promise<{ readonly users: [string, Language][]; readonly servers: [string, Language][] }>;
}

/** /announcements roles (src/db/club-roles.ts). */
export interface ClubRolesStore {
  setClubRole(guildId: string, teamId: string, roleId: string, now: number): Promise<void>;
  clearClubRole(guildId: string, teamId: string): Promise<boolean>;
  clubRolesOf(guildId: string): Promise<Map<string, string>>;
}

/** Servers the bot left, and the purge 30 days later (src/db/guild-departures.ts). */
export interface DeparturesStore {
  markDeparted(guildId: string, now: number): Promise<void>;
  clearDeparted(guildId: string): Promise<boolean>;
  departedAt(guildId: string): Promise<number | null>;
  purgeDepartedGuilds(now: number, afterMs?: number): Promise<PurgedGuild[]>;
  /** Servers with announcement channels or a language choice stored, departed or not. */
  guildsWithSettings(): Promise<string[]>;
}

/** Named leases (src/db/dispatcher-lease.ts): the SQLite dispatcher, the sources poller. Real ms. */
export interface LeasesStore {
  acquireLease(name: string, holder: string, realNow: number, ttlMs: number, takeOverFrom?: string): Promise<LeaseResult>;
  releaseLease(name: string, holder: string): Promise<boolean>;
  readLease(name: string): Promise<LeaseHolder | null>;
}

/** Everything operational, on one engine. */
export interface OperationsStore {
  readonly engine: Engine;
  readonly outbox: OutboxStore;
  readonly settings: GuildSettingsStore;
  readonly languages: LanguagesStore;
  readonly clubRoles: ClubRolesStore;
  readonly departures: DeparturesStore;
  readonly leases: LeasesStore;
  /** The SQLite handle, for repositories not on the store yet; absent on PostgreSQL. */
  readonly sqlite?: SyncDb;
  /** A trivial statement: rejects when the database does not answer (/healthz). */
  ping(): Promise<void>;
}
