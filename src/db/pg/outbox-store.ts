// The outbox of ../outbox.ts and the settle outcomes of ../outbox-settle.ts on PostgreSQL, as the
// async OutboxStore (../store/types.ts). The same state machine and the same rows; the differences:
// - the claim is ./outbox.ts's claimDuePg (FOR UPDATE SKIP LOCKED, a lease per row), so every
//   process may dispatch;
// - a settle applies only while the claim is still the settler's (same attempts and lease): a process
//   whose lease ran out cannot settle a row another process took over;
// - each unit of work is one `db.transaction(async tx => …)`.
import { and, asc, count, desc, eq, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { LEGACY_SEASON_ID, type PlannedPost } from '../../domain/announcements.js';
import type { OutboxStatus } from '../announcements-schema.js';
import { DISABLED_REASONS } from '../guild-settings.js';
import { NO_LONGER_PLANNED, planChanges, REOPENABLE_STATUSES, type OutboxRow, type PlanResult } from '../outbox.js';
import type { ChannelEffect, SendFailure } from '../outbox-settle.js';
import type { ClaimedRow, OutboxStore, PlannedSubscription } from '../store/types.js';
import { announcementOutbox as outbox, announcementRounds } from './announcements-schema.js';
import type { PgDatabase } from './client.js';
import { claimDuePg } from './outbox.js';
import { readPostedFactsPg } from './outbox-facts.js';
import type { PgConn } from './season-repo.js';
import { disableGuildPg, disableSubscriptionPg, markDepartedPg, recordPermissionFailurePg, resetPermissionFailuresPg } from './settings.js';

type Raw = typeof outbox.$inferSelect;
const ms = (d: Date | null): number | null => (d === null ? null : d.getTime());

/** A stored row as ../outbox.ts returns it (season, club null for every post, times in ms). */
export const toOutboxRow = ({ seasonId, ...r }: Raw): OutboxRow => ({
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

/** The claim is still the settler's: the row is `sending` with the attempts and lease it was claimed with. */
const ours = (row: ClaimedRow) =>
  and(
    eq(outbox.id, row.id),
    eq(outbox.status, 'sending'),
    eq(outbox.attempts, row.attempts),
    row.leaseUntil === null ? isNull(outbox.leaseUntil) : eq(outbox.leaseUntil, new Date(row.leaseUntil)),
  );

const parts = (messageIds?: readonly string[]) => (messageIds === undefined ? {} : { messageIds: [...messageIds], messageId: messageIds[0] ?? null });

async function upsertPlanPg(db: PgDatabase, subscription: PlannedSubscription, posts: readonly PlannedPost[], now: number): Promise<PlanResult> {
  const seasonId = subscription.seasonId ?? LEGACY_SEASON_ID;
  return db.transaction(async (tx) => {
    const existing = (
      await tx
        .select()
        .from(outbox)
        .where(and(eq(outbox.guildId, subscription.guildId), eq(outbox.channelId, subscription.channelId), eq(outbox.seasonId, seasonId)))
    ).map(toOutboxRow);
    const plan = planChanges(subscription, existing, posts, now);
    for (const { id, set } of plan.moves) await tx.update(outbox).set(set).where(and(eq(outbox.id, id), eq(outbox.status, 'pending')));
    for (const { id, set } of plan.reopens) await tx.update(outbox).set(set).where(and(eq(outbox.id, id), inArray(outbox.status, [...REOPENABLE_STATUSES])));
    // New rows in batches (a plan may hold hundreds): one statement each, not one per post.
    for (let i = 0; i < plan.inserts.length; i += 500) await tx.insert(outbox).values(plan.inserts.slice(i, i + 500)).onConflictDoNothing();
    if (plan.stale.length > 0) {
      await tx
        .update(outbox)
        .set({ status: 'cancelled', lastError: NO_LONGER_PLANNED, updatedAt: plan.at })
        .where(and(inArray(outbox.id, [...plan.stale]), eq(outbox.status, 'pending')));
    }
    return { inserted: plan.inserts.length, moved: plan.moves.length, reopened: plan.reopens.length, cancelled: plan.stale.length, unchanged: plan.unchanged };
  });
}

/** Pending rows of a channel (or of one season in it) → cancelled. */
export async function cancelPendingPg(db: PgConn, guildId: string, channelId: string, reason: string, now: number, seasonId?: string): Promise<number> {
  const done = await db
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
    .returning({ id: outbox.id });
  return done.length;
}

async function settleFailedPg(db: PgConn, row: ClaimedRow, error: SendFailure, at: number, messageIds?: readonly string[]): Promise<boolean> {
  const done = await db
    .update(outbox)
    .set({ status: 'failed', leaseUntil: null, lastError: error.message.slice(0, 500), lastErrorCode: error.code, ...parts(messageIds), updatedAt: new Date(at) })
    .where(ours(row))
    .returning({ id: outbox.id });
  return done.length === 1;
}

const updated = async (rows: Promise<{ id: number }[]>): Promise<boolean> => (await rows).length === 1;

export const pgOutbox = (db: PgDatabase): OutboxStore => ({
  upsertPlan: (subscription, posts, now) => upsertPlanPg(db, subscription, posts, now),
  cancelPending: (guildId, channelId, reason, now, seasonId) => cancelPendingPg(db, guildId, channelId, reason, now, seasonId),
  claimDue: async (now, opts) => {
    const claimed = await claimDuePg(db, now, opts);
    return claimed.map(({ club, seasonId, ...r }) => ({ ...r, season: seasonId, club: club === '' ? null : club }));
  },
  reclaimStale: async (realNow, now) => {
    const cutoff = Number.isFinite(realNow) ? new Date(realNow) : new Date(8.64e15);
    const rows = await db
      .update(outbox)
      .set({ status: 'pending', leaseUntil: null, updatedAt: new Date(now) })
      .where(and(eq(outbox.status, 'sending'), or(isNull(outbox.leaseUntil), lt(outbox.leaseUntil, cutoff))))
      .returning();
    return rows.map(toOutboxRow);
  },
  expireOverdue: async (now) => {
    const at = new Date(now);
    const rows = await db
      .update(outbox)
      .set({
        status: 'expired',
        lastError: sql`coalesce(${outbox.lastError} || '; ', '') || 'not sent before it expired (bot offline or Discord failing)'`,
        updatedAt: at,
      })
      .where(and(eq(outbox.status, 'pending'), lt(outbox.expiresAt, at)))
      .returning();
    return rows.map(toOutboxRow);
  },
  recordPartsSent: async (id, messageIds, now) => {
    await db
      .update(outbox)
      .set({ ...parts(messageIds), updatedAt: new Date(now) })
      .where(and(eq(outbox.id, id), eq(outbox.status, 'sending')));
  },
  getRow: async (id) => {
    const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
    return row === undefined ? null : toOutboxRow(row);
  },
  rowsFor: async (where) =>
    (
      await db
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
    ).map(toOutboxRow),
  nextDue: async (guildId, limit, from) =>
    (
      await db
        .select()
        .from(outbox)
        .where(and(eq(outbox.guildId, guildId), eq(outbox.status, 'pending'), from === undefined ? undefined : gte(outbox.expiresAt, new Date(from))))
        .orderBy(asc(outbox.dueAt), asc(outbox.id))
        .limit(limit)
    ).map(toOutboxRow),
  recentOutcomes: async (guildId, statuses, limit) =>
    (
      await db
        .select()
        .from(outbox)
        .where(and(eq(outbox.guildId, guildId), inArray(outbox.status, [...statuses])))
        .orderBy(desc(outbox.updatedAt), desc(outbox.id))
        .limit(limit)
    ).map(toOutboxRow),
  countByStatus: async (guildId) => {
    const rows = await db
      .select({ status: outbox.status, n: count() })
      .from(outbox)
      .where(guildId === undefined ? undefined : eq(outbox.guildId, guildId))
      .groupBy(outbox.status);
    const counts: Record<OutboxStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0, expired: 0, cancelled: 0 };
    for (const r of rows) counts[r.status] = Number(r.n);
    return counts;
  },
  countByStatusAndLate: async () =>
    (await db.select({ status: outbox.status, late: outbox.late, rows: count() }).from(outbox).groupBy(outbox.status, outbox.late)).map((r) => ({
      ...r,
      rows: Number(r.rows),
    })),
  postedFacts: (guildId, channelId, seasonId, exceptRowId) => readPostedFactsPg(db, guildId, channelId, seasonId, exceptRowId),
  loadRoundSnapshots: async (seasonId = LEGACY_SEASON_ID) =>
    new Map(
      (await db.select().from(announcementRounds).where(eq(announcementRounds.seasonId, seasonId))).map((r) => [
        r.roundKey,
        { roundKey: r.roundKey, fingerprint: r.fingerprint, matches: r.matches },
      ]),
    ),
  saveRoundSnapshots: async (snapshots, now, opts = {}) => {
    const at = new Date(now);
    const seasonId = opts.seasonId ?? LEGACY_SEASON_ID;
    if (snapshots.length === 0) return;
    const values = snapshots.map((s) => ({ seasonId, roundKey: s.roundKey, fingerprint: s.fingerprint, matches: [...s.matches], updatedAt: at }));
    await db.transaction(async (tx) => {
      for (let i = 0; i < values.length; i += 500) {
        const insert = tx.insert(announcementRounds).values(values.slice(i, i + 500));
        if (opts.onlyMissing) await insert.onConflictDoNothing();
        else
          await insert.onConflictDoUpdate({
            target: [announcementRounds.seasonId, announcementRounds.roundKey],
            set: { fingerprint: sql`excluded.fingerprint`, matches: sql`excluded.matches`, updatedAt: at },
          });
      }
    });
  },

  settlePostSent: (row, messageIds, late, sentAt, shown) => {
    const first = messageIds[0];
    if (first === undefined) throw new Error('settleSent needs at least one message id');
    const at = new Date(sentAt);
    return db.transaction(async (tx) => {
      const done = await tx
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
        .where(ours(row))
        .returning({ id: outbox.id });
      if (done.length !== 1) return false;
      await resetPermissionFailuresPg(tx, row.guildId, row.channelId);
      return true;
    });
  },
  settlePostRetry: (row, error, nextAttemptAt, at, messageIds) =>
    updated(
      db
        .update(outbox)
        .set({
          status: 'pending',
          nextAttemptAt: new Date(nextAttemptAt),
          leaseUntil: null,
          lastError: error.message.slice(0, 500),
          lastErrorCode: error.code,
          ...parts(messageIds),
          updatedAt: new Date(at),
        })
        .where(ours(row))
        .returning({ id: outbox.id }),
    ),
  settlePostFailed: (row, error, at, messageIds) => settleFailedPg(db, row, error, at, messageIds),
  settleChannelGone: (row, scope, error, at, messageIds) =>
    db.transaction(async (tx): Promise<ChannelEffect> => {
      await settleFailedPg(tx, row, error, at, messageIds);
      if (scope === 'guild') {
        await markDepartedPg(tx, row.guildId, at);
        return (await disableGuildPg(tx, row.guildId, at)) > 0 ? DISABLED_REASONS.guildGone : null;
      }
      return (await disableSubscriptionPg(tx, row.guildId, row.channelId, DISABLED_REASONS.channelDeleted, at)) ? DISABLED_REASONS.channelDeleted : null;
    }),
  settleForbidden: (row, detail, error, at, messageIds) =>
    db.transaction(async (tx) => {
      await settleFailedPg(tx, row, error, at, messageIds);
      const { failures, disabled } = await recordPermissionFailurePg(tx, row.guildId, row.channelId, detail, at);
      return { failures, disabled: disabled ? DISABLED_REASONS.missingPermissions : null };
    }),
  settleUnsupported: (row, error, at, messageIds) =>
    db.transaction(async (tx): Promise<ChannelEffect> => {
      await settleFailedPg(tx, row, error, at, messageIds);
      const reason = `${DISABLED_REASONS.unsupportedChannel}: ${error.code ?? 'unknown'}`;
      return (await disableSubscriptionPg(tx, row.guildId, row.channelId, reason, at)) ? DISABLED_REASONS.unsupportedChannel : null;
    }),
  settleUnauthorized: (row, at, messageIds) =>
    updated(
      db
        .update(outbox)
        .set({ status: 'pending', attempts: sql`greatest(${outbox.attempts} - 1, 0)`, leaseUntil: null, ...parts(messageIds), updatedAt: new Date(at) })
        .where(ours(row))
        .returning({ id: outbox.id }),
    ),
  settlePostCancelled: (row, reason, at) =>
    updated(
      db
        .update(outbox)
        .set({ status: 'cancelled', leaseUntil: null, lastError: reason.slice(0, 500), updatedAt: new Date(at) })
        .where(ours(row))
        .returning({ id: outbox.id }),
    ),
});
