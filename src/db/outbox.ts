// The announcement outbox. Its state machine is its contract:
//
//   pending ──claimDue──▶ sending ──settleSent──▶ sent
//      ▲  ▲                  │ ├──settleRetry──▶ pending (next_attempt_at = backoff)
//      │  └──reclaimStale────┘ └──settleFailed─▶ failed
//      ├──expireOverdue──▶ expired        (past expires_at: recorded, never silently dropped)
//      └──cancel / replan──▶ cancelled    (channel turned off or disabled; lead or round gone)
//
// `sent` is final: replanning never reopens or duplicates it. Every function is synchronous and
// runs in its own short transaction (better-sqlite3 transactions cannot await).
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { LEGACY_SEASON_ID, postKey, seasonOf, type PlannedPost, type RoundSnapshot } from '../domain/announcements.js';
import { announcementOutbox as outbox, announcementRounds, type OutboxStatus } from './announcements-schema.js';

/**
 * Any synchronous Drizzle handle over better-sqlite3: the app's database or a transaction. The schema
 * parameters are open because these tables sit outside the relational schema object.
 */
export type SyncDb = BaseSQLiteDatabase<'sync', Database.RunResult, any, any>;

/** A planned post as stored, with its delivery state. */
export interface OutboxRow extends PlannedPost {
  /** Always known for a stored row. */
  readonly season: string;
  readonly id: number;
  readonly subscriptionId: number;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly claimedAt: number | null;
  readonly leaseUntil: number | null;
  readonly nextAttemptAt: number | null;
  readonly sentAt: number | null;
  readonly late: boolean;
  readonly messageId: string | null;
  readonly messageIds: readonly string[];
  readonly nonce: string;
  readonly lastError: string | null;
  readonly lastErrorCode: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

type Raw = typeof outbox.$inferSelect;
const ms = (d: Date | null): number | null => (d === null ? null : d.getTime());

const toRow = ({ seasonId, ...r }: Raw): OutboxRow => ({
  ...r,
  season: seasonId,
  club: r.club === '' ? null : r.club,
  dueAt: r.dueAt.getTime(),
  expiresAt: r.expiresAt.getTime(),
  claimedAt: ms(r.claimedAt),
  leaseUntil: ms(r.leaseUntil),
  nextAttemptAt: ms(r.nextAttemptAt),
  sentAt: ms(r.sentAt),
  createdAt: r.createdAt.getTime(),
  updatedAt: r.updatedAt.getTime(),
});

/**
 * The nonce of a post: 24 hex characters of SHA-256 over its unique key. Stable across resends,
 * restarts and replans, so Discord (with enforce_nonce) drops a second copy.
 */
export const nonceFor = (key: string): string => createHash('sha256').update(key).digest('hex').slice(0, 24);

/** The nonce of part `index` of a post split across messages (part 0 uses the row's nonce). */
export const partNonce = (nonce: string, index: number): string => (index === 0 ? nonce : `${nonce.slice(0, 24)}${index.toString(36)}`);

// ---- Planning ----

export interface PlanResult {
  readonly inserted: number;
  readonly moved: number;
  readonly reopened: number;
  readonly cancelled: number;
  readonly unchanged: number;
}

/** The statuses a plan may reopen (a row sent meanwhile stays sent). */
export const REOPENABLE_STATUSES: readonly OutboxStatus[] = ['cancelled', 'failed', 'expired'];
const REOPENABLE: ReadonlySet<OutboxStatus> = new Set(REOPENABLE_STATUSES);

/** One subscription as a plan reads it. */
export interface PlanSubscription {
  readonly id: number;
  readonly guildId: string;
  readonly channelId: string;
  readonly seasonId?: string;
  readonly activeFrom: number;
}

/** A moved or reopened row: its id and the values to set. */
interface RowUpdate<S> {
  readonly id: number;
  readonly set: S;
}

/**
 * What a plan changes in one subscription's rows, decided once for both engines (this file writes it
 * on SQLite, ./pg/outbox-store.ts on PostgreSQL). New posts are inserted `pending`; pending posts whose
 * due time or fingerprint changed move; a cancelled post planned again reopens, and so does a failed
 * or expired one whose due time moved into the future. A `sent` or `sending` row is never touched.
 * Pending rows the plan no longer contains are cancelled, except those due before `activeFrom`
 * (already owed, so still sent).
 */
export function planChanges(subscription: PlanSubscription, existing: readonly OutboxRow[], posts: readonly PlannedPost[], now: number) {
  // One channel may follow several seasons: only this subscription's season's rows are its plan.
  const seasonId = subscription.seasonId ?? LEGACY_SEASON_ID;
  const byKey = new Map(existing.map((r) => [postKey(r), r]));
  const wanted = new Set<string>();
  const at = new Date(now);
  const inserts = [];
  const moves: RowUpdate<{ dueAt: Date; expiresAt: Date; fingerprint: string; nextAttemptAt: null; updatedAt: Date }>[] = [];
  const reopens: RowUpdate<{
    status: 'pending';
    dueAt: Date;
    expiresAt: Date;
    fingerprint: string;
    attempts: number;
    nextAttemptAt: null;
    lastError: null;
    lastErrorCode: null;
    subscriptionId: number;
    updatedAt: Date;
  }>[] = [];
  let unchanged = 0;

  for (const post of posts) {
    if (seasonOf(post) !== seasonId) throw new Error(`a post of season ${seasonOf(post)} planned for a subscription of ${seasonId}`);
    const key = postKey(post);
    wanted.add(key);
    const row = byKey.get(key);
    if (row === undefined) {
      inserts.push({
        subscriptionId: subscription.id,
        guildId: post.guildId,
        channelId: post.channelId,
        seasonId,
        kind: post.kind,
        roundKey: post.roundKey,
        slot: post.slot,
        club: post.club ?? '',
        leadMs: post.leadMs,
        dueAt: new Date(post.dueAt),
        expiresAt: new Date(post.expiresAt),
        status: 'pending' as const,
        messageIds: [] as string[],
        nonce: nonceFor(key),
        fingerprint: post.fingerprint,
        moves: post.moves === null ? null : [...post.moves],
        createdAt: at,
        updatedAt: at,
      });
      continue;
    }
    // A moved notice is about one specific change: once planned it is never re-planned.
    if (post.kind === 'moved') {
      unchanged += 1;
      continue;
    }
    const changed = row.dueAt !== post.dueAt || row.expiresAt !== post.expiresAt || row.fingerprint !== post.fingerprint;
    const reopen = row.status === 'cancelled' || (REOPENABLE.has(row.status) && row.dueAt !== post.dueAt && post.expiresAt > now);
    const timing = { dueAt: new Date(post.dueAt), expiresAt: new Date(post.expiresAt), fingerprint: post.fingerprint, nextAttemptAt: null, updatedAt: at };
    if (row.status === 'pending' && changed) {
      moves.push({ id: row.id, set: timing });
    } else if (reopen) {
      const set = { ...timing, status: 'pending' as const, attempts: 0, lastError: null, lastErrorCode: null, subscriptionId: subscription.id };
      reopens.push({ id: row.id, set });
    } else {
      unchanged += 1;
    }
  }

  const stale = existing
    .filter((r) => r.status === 'pending' && r.kind !== 'moved' && !wanted.has(postKey(r)) && r.dueAt >= subscription.activeFrom)
    .map((r) => r.id);
  return { seasonId, at, inserts, moves, reopens, stale, unchanged };
}

/** Why a pending row the plan no longer holds is cancelled. */
export const NO_LONGER_PLANNED = 'no longer planned (settings or schedule changed)';

/** Brings one subscription's rows in line with its plan (planChanges), in one transaction. Idempotent on the unique key. */
export function upsertPlan(db: SyncDb, subscription: PlanSubscription, posts: readonly PlannedPost[], now: number): PlanResult {
  const seasonId = subscription.seasonId ?? LEGACY_SEASON_ID;
  return db.transaction((tx) => {
    const existing = tx
      .select()
      .from(outbox)
      .where(and(eq(outbox.guildId, subscription.guildId), eq(outbox.channelId, subscription.channelId), eq(outbox.seasonId, seasonId)))
      .all()
      .map(toRow);
    const plan = planChanges(subscription, existing, posts, now);
    for (const row of plan.inserts) tx.insert(outbox).values(row).onConflictDoNothing().run();
    for (const { id, set } of plan.moves) tx.update(outbox).set(set).where(and(eq(outbox.id, id), eq(outbox.status, 'pending'))).run();
    for (const { id, set } of plan.reopens) tx.update(outbox).set(set).where(and(eq(outbox.id, id), inArray(outbox.status, [...REOPENABLE_STATUSES]))).run();
    if (plan.stale.length > 0) {
      tx.update(outbox)
        .set({ status: 'cancelled', lastError: NO_LONGER_PLANNED, updatedAt: plan.at })
        .where(and(inArray(outbox.id, [...plan.stale]), eq(outbox.status, 'pending')))
        .run();
    }
    return { inserted: plan.inserts.length, moved: plan.moves.length, reopened: plan.reopens.length, cancelled: plan.stale.length, unchanged: plan.unchanged };
  });
}

/**
 * Cancels every pending row of a channel (turned off or disabled), or of one season in it; sent rows
 * stay as the ledger.
 */
export function cancelPending(db: SyncDb, guildId: string, channelId: string, reason: string, now: number, seasonId?: string): number {
  const result = db
    .update(outbox)
    .set({ status: 'cancelled', lastError: reason, updatedAt: new Date(now) })
    .where(
      and(
        eq(outbox.guildId, guildId),
        eq(outbox.channelId, channelId),
        seasonId === undefined ? undefined : eq(outbox.seasonId, seasonId),
        eq(outbox.status, 'pending'),
      ),
    )
    .run();
  return result.changes;
}

// ---- The tick's transitions ----

/**
 * Atomically moves up to `limit` due rows from pending to sending (one UPDATE … WHERE id IN
 * (SELECT …) RETURNING), so two dispatchers can never claim the same row. Oldest due first.
 * A channel with a row still `sending` (a slow send of an earlier pass, or of another process) is
 * skipped: its posts stay in due order and never go out two at a time.
 * `realNow` + `leaseMs` is wall-clock time: the lease must not shrink under a fast replay clock.
 */
export function claimDue(db: SyncDb, now: number, opts: { readonly realNow: number; readonly leaseMs: number; readonly limit: number }): OutboxRow[] {
  const at = new Date(now);
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        eq(outbox.status, 'pending'),
        lte(outbox.dueAt, at),
        or(isNull(outbox.nextAttemptAt), lte(outbox.nextAttemptAt, at)),
        channelIdle,
      ),
    )
    .orderBy(asc(outbox.dueAt), asc(outbox.id))
    .limit(opts.limit);
  const claimed = db
    .update(outbox)
    .set({
      status: 'sending',
      attempts: sql`${outbox.attempts} + 1`,
      claimedAt: at,
      leaseUntil: new Date(opts.realNow + opts.leaseMs),
      updatedAt: at,
    })
    .where(and(inArray(outbox.id, due), eq(outbox.status, 'pending')))
    .returning()
    .all()
    .map(toRow);
  return claimed.sort((a, b) => a.dueAt - b.dueAt || a.id - b.id);
}

// No row of the same channel is being sent (correlated on the outer, unaliased table).
const channelIdle = sql`not exists (select 1 from ${outbox} as busy where busy.guild_id = ${outbox.guildId} and busy.channel_id = ${outbox.channelId} and busy.status = 'sending')`;

/**
 * sending → pending without counting the attempt: the send was abandoned for a reason that is not
 * the row's (the dispatcher is stopping, or the token was rejected). Its due and retry times stand.
 */
export function releaseClaim(db: SyncDb, id: number, now: number, messageIds?: readonly string[]): boolean {
  return (
    db
      .update(outbox)
      .set({
        status: 'pending',
        attempts: sql`max(${outbox.attempts} - 1, 0)`,
        leaseUntil: null,
        ...(messageIds === undefined ? {} : { messageIds: [...messageIds], messageId: messageIds[0] ?? null }),
        updatedAt: new Date(now),
      })
      .where(and(eq(outbox.id, id), eq(outbox.status, 'sending')))
      .run().changes === 1
  );
}

/**
 * Returns rows left `sending` by a crashed process to `pending`. A lease still running belongs to a
 * live dispatcher; pass `realNow = Infinity` at startup when this process is the only dispatcher.
 */
export function reclaimStale(db: SyncDb, realNow: number, now: number): OutboxRow[] {
  const cutoff = Number.isFinite(realNow) ? new Date(realNow) : new Date(8.64e15);
  return db
    .update(outbox)
    .set({ status: 'pending', leaseUntil: null, updatedAt: new Date(now) })
    .where(and(eq(outbox.status, 'sending'), or(isNull(outbox.leaseUntil), lt(outbox.leaseUntil, cutoff))))
    .returning()
    .all()
    .map(toRow);
}

/** Pending rows past their expiry become `expired`, with the reason recorded. */
export function expireOverdue(db: SyncDb, now: number): OutboxRow[] {
  const at = new Date(now);
  return db
    .update(outbox)
    .set({
      status: 'expired',
      lastError: sql`coalesce(${outbox.lastError} || '; ', '') || 'not sent before it expired (bot offline or Discord failing)'`,
      updatedAt: at,
    })
    .where(and(eq(outbox.status, 'pending'), lt(outbox.expiresAt, at)))
    .returning()
    .all()
    .map(toRow);
}

/** Records the parts of a split post sent so far, so a retry resumes after them. */
export function recordPartsSent(db: SyncDb, id: number, messageIds: readonly string[], now: number): void {
  db.update(outbox)
    .set({ messageIds: [...messageIds], messageId: messageIds[0] ?? null, updatedAt: new Date(now) })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'sending')))
    .run();
}

/** sending → sent. Returns false when the row was not ours to settle (reclaimed meanwhile). */
/** `shown`: what the post showed (its fingerprint from then on), for a post about results. */
export function settleSent(db: SyncDb, id: number, messageIds: readonly string[], late: boolean, now: number, shown?: string): boolean {
  const first = messageIds[0];
  if (first === undefined) throw new Error('settleSent needs at least one message id');
  const at = new Date(now);
  return (
    db
      .update(outbox)
      .set({
        status: 'sent',
        ...(shown === undefined ? {} : { fingerprint: shown }),
        messageId: first,
        messageIds: [...messageIds],
        sentAt: at,
        late,
        leaseUntil: null,
        nextAttemptAt: null,
        lastError: null,
        lastErrorCode: null,
        updatedAt: at,
      })
      .where(and(eq(outbox.id, id), eq(outbox.status, 'sending')))
      .run().changes === 1
  );
}

/** sending → pending, to be tried again at `nextAttemptAt` (still bounded by expires_at). */
export function settleRetry(
  db: SyncDb,
  id: number,
  error: { readonly message: string; readonly code: string | null },
  nextAttemptAt: number,
  now: number,
  messageIds?: readonly string[],
): boolean {
  return (
    db
      .update(outbox)
      .set({
        status: 'pending',
        nextAttemptAt: new Date(nextAttemptAt),
        leaseUntil: null,
        lastError: error.message.slice(0, 500),
        lastErrorCode: error.code,
        ...(messageIds === undefined ? {} : { messageIds: [...messageIds], messageId: messageIds[0] ?? null }),
        updatedAt: new Date(now),
      })
      .where(and(eq(outbox.id, id), eq(outbox.status, 'sending')))
      .run().changes === 1
  );
}

/** sending → failed: a permanent error (or attempts exhausted). `messageIds`: parts that did go out. */
export function settleFailed(
  db: SyncDb,
  id: number,
  error: { readonly message: string; readonly code: string | null },
  now: number,
  messageIds?: readonly string[],
): boolean {
  return (
    db
      .update(outbox)
      .set({
        status: 'failed',
        leaseUntil: null,
        lastError: error.message.slice(0, 500),
        lastErrorCode: error.code,
        ...(messageIds === undefined ? {} : { messageIds: [...messageIds], messageId: messageIds[0] ?? null }),
        updatedAt: new Date(now),
      })
      .where(and(eq(outbox.id, id), eq(outbox.status, 'sending')))
      .run().changes === 1
  );
}

/** sending → cancelled: the channel was disabled, or the round left the data, while the row was claimed. */
export function settleCancelled(db: SyncDb, id: number, reason: string, now: number): boolean {
  return (
    db
      .update(outbox)
      .set({ status: 'cancelled', leaseUntil: null, lastError: reason.slice(0, 500), updatedAt: new Date(now) })
      .where(and(eq(outbox.id, id), eq(outbox.status, 'sending')))
      .run().changes === 1
  );
}

// ---- Reading the ledger ----

export function getRow(db: SyncDb, id: number): OutboxRow | null {
  const row = db.select().from(outbox).where(eq(outbox.id, id)).get();
  return row === undefined ? null : toRow(row);
}

export function rowsFor(db: SyncDb, where: { guildId: string; channelId?: string; seasonId?: string; statuses?: readonly OutboxStatus[] }): OutboxRow[] {
  return db
    .select()
    .from(outbox)
    .where(
      and(
        eq(outbox.guildId, where.guildId),
        where.channelId === undefined ? undefined : eq(outbox.channelId, where.channelId),
        where.seasonId === undefined ? undefined : eq(outbox.seasonId, where.seasonId),
        where.statuses === undefined ? undefined : inArray(outbox.status, [...where.statuses]),
      ),
    )
    .orderBy(asc(outbox.dueAt), asc(outbox.id))
    .all()
    .map(toRow);
}

/** The next posts due for a guild (pending, soonest first). */
export function nextDue(db: SyncDb, guildId: string, limit: number, from?: number): OutboxRow[] {
  return db
    .select()
    .from(outbox)
    .where(and(eq(outbox.guildId, guildId), eq(outbox.status, 'pending'), from === undefined ? undefined : gte(outbox.expiresAt, new Date(from))))
    .orderBy(asc(outbox.dueAt), asc(outbox.id))
    .limit(limit)
    .all()
    .map(toRow);
}

/** The most recent terminal rows of a guild: sent, failed, expired (newest first). */
export function recentOutcomes(db: SyncDb, guildId: string, statuses: readonly OutboxStatus[], limit: number): OutboxRow[] {
  return db
    .select()
    .from(outbox)
    .where(and(eq(outbox.guildId, guildId), inArray(outbox.status, [...statuses])))
    .orderBy(desc(outbox.updatedAt), desc(outbox.id))
    .limit(limit)
    .all()
    .map(toRow);
}

export function countByStatus(db: SyncDb, guildId?: string): Record<OutboxStatus, number> {
  const rows = db
    .select({ status: outbox.status, n: sql<number>`count(*)` })
    .from(outbox)
    .where(guildId === undefined ? undefined : eq(outbox.guildId, guildId))
    .groupBy(outbox.status)
    .all();
  const counts: Record<OutboxStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0, expired: 0, cancelled: 0 };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

// ---- Round snapshots (to notice moved kickoffs) ----

/** One season's rounds as last planned (round keys are unique within a season only). */
export function loadRoundSnapshots(db: SyncDb, seasonId: string = LEGACY_SEASON_ID): Map<string, RoundSnapshot> {
  return new Map(
    db
      .select()
      .from(announcementRounds)
      .where(eq(announcementRounds.seasonId, seasonId))
      .all()
      .map((r) => [r.roundKey, { roundKey: r.roundKey, fingerprint: r.fingerprint, matches: r.matches }]),
  );
}

/** Saves one season's snapshots; `onlyMissing` keeps existing ones (so a change not yet announced stays detectable). */
export function saveRoundSnapshots(
  db: SyncDb,
  snapshots: readonly RoundSnapshot[],
  now: number,
  opts: { onlyMissing?: boolean; seasonId?: string } = {},
): void {
  const at = new Date(now);
  const seasonId = opts.seasonId ?? LEGACY_SEASON_ID;
  db.transaction((tx) => {
    for (const s of snapshots) {
      const values = { seasonId, roundKey: s.roundKey, fingerprint: s.fingerprint, matches: [...s.matches], updatedAt: at };
      const insert = tx.insert(announcementRounds).values(values);
      if (opts.onlyMissing) insert.onConflictDoNothing().run();
      else
        insert
          .onConflictDoUpdate({
            target: [announcementRounds.seasonId, announcementRounds.roundKey],
            set: { fingerprint: s.fingerprint, matches: [...s.matches], updatedAt: at },
          })
          .run();
    }
  });
}
