// The announcement outbox's claim and settle on PostgreSQL, the same state machine as ../outbox.ts
// (pending ─claim─▶ sending ─settle─▶ sent | pending (retry) | failed) but for several processes at
// once: shards and hosts each claim due rows, and no row is ever claimed by two of them.
//
// - `FOR UPDATE SKIP LOCKED`: claimers running at the same moment lock disjoint rows instead of waiting.
// - The lease: a claimed row is `sending` until `lease_until` (wall clock). A process that dies holding
//   it leaves the row to the next claim after the lease ends; the row keeps its nonce, so a resend is a
//   duplicate Discord drops. Keep the lease shorter than enforce_nonce's window (a few minutes).
// - The claim token: every claim bumps `attempts` and sets a new `lease_until`; settling requires both
//   to still be the claimer's, so a process whose lease ran out cannot settle a row another took over.
// - One post at a time per channel, as on SQLite: a channel with a live `sending` row is skipped, and
//   claimers serialize per channel on a transaction-level advisory lock, so two processes cannot each
//   claim a different row of one channel in the same instant.
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { announcementOutbox as outbox } from './announcements-schema.js';
import type { PgDatabase } from './client.js';

type Raw = typeof outbox.$inferSelect;
type TimeColumn = 'dueAt' | 'expiresAt' | 'claimedAt' | 'leaseUntil' | 'nextAttemptAt' | 'sentAt' | 'createdAt' | 'updatedAt';

/**
 * An outbox row as read from PostgreSQL, times as epoch ms like ../outbox.ts's OutboxRow (the two
 * become one type when the repositories get their common async interface).
 */
export type PgOutboxRow = Omit<Raw, TimeColumn> & {
  readonly [K in TimeColumn]: null extends Raw[K] ? number | null : number;
};

const ms = (d: Date | null): number | null => (d === null ? null : d.getTime());

const toRow = (r: Raw): PgOutboxRow => ({
  ...r,
  dueAt: r.dueAt.getTime(),
  expiresAt: r.expiresAt.getTime(),
  claimedAt: ms(r.claimedAt),
  leaseUntil: ms(r.leaseUntil),
  nextAttemptAt: ms(r.nextAttemptAt),
  sentAt: ms(r.sentAt),
  createdAt: r.createdAt.getTime(),
  updatedAt: r.updatedAt.getTime(),
});

/** What identifies one claim of a row: settling with a stale token changes nothing. */
export type ClaimToken = Pick<PgOutboxRow, 'id' | 'attempts' | 'leaseUntil'>;

export interface ClaimOptions {
  /** Wall-clock now: leases are real time, never the replay clock. */
  readonly realNow: number;
  readonly leaseMs: number;
  readonly limit: number;
}

// A row may be claimed when it is pending and due (and past its retry time), or when it is `sending`
// under a lease that ran out (its claimer died). `$now` is the bot clock, `$real` the wall clock.
const claimable = (now: Date, real: Date) => sql`(
  (${outbox.status} = 'pending' and ${outbox.dueAt} <= ${now} and (${outbox.nextAttemptAt} is null or ${outbox.nextAttemptAt} <= ${now}))
  or (${outbox.status} = 'sending' and (${outbox.leaseUntil} is null or ${outbox.leaseUntil} < ${real}))
)`;

// No other row of the same channel is being sent under a live lease.
const channelIdle = (real: Date) =>
  sql`not exists (select 1 from ${outbox} as busy where busy.guild_id = ${outbox.guildId} and busy.channel_id = ${outbox.channelId} and busy.id <> ${outbox.id} and busy.status = 'sending' and busy.lease_until >= ${real})`;

/** The advisory lock key of one channel, which a claimer holds while it claims that channel's row. */
export const channelLockKey = (guildId: SQL, channelId: SQL): SQL => sql`hashtextextended(${guildId} || '/' || ${channelId}, 0)`;

/**
 * Claims up to `limit` due rows (oldest due first, at most one per channel) for this process: each
 * becomes `sending` with `attempts + 1` and a lease until `realNow + leaseMs`. Rows other claimers
 * hold are skipped, never waited for.
 */
export async function claimDuePg(db: PgDatabase, now: number, opts: ClaimOptions): Promise<PgOutboxRow[]> {
  const at = new Date(now);
  const real = new Date(opts.realNow);
  return db.transaction(async (tx) => {
    // Rows of a channel beyond its first are locked too (and left alone): scan a few per slot.
    const candidates = await tx
      .select({ id: outbox.id, guildId: outbox.guildId, channelId: outbox.channelId })
      .from(outbox)
      .where(and(claimable(at, real), channelIdle(real)))
      .orderBy(outbox.dueAt, outbox.id)
      .limit(opts.limit * 4)
      .for('update', { skipLocked: true });
    const firstPerChannel = new Map<string, (typeof candidates)[number]>();
    for (const c of candidates) {
      const key = `${c.guildId}/${c.channelId}`;
      if (!firstPerChannel.has(key) && firstPerChannel.size < opts.limit) firstPerChannel.set(key, c);
    }
    if (firstPerChannel.size === 0) return [];
    const picked = [...firstPerChannel.values()];
    // Held until this transaction ends; a channel another claimer is claiming right now is skipped.
    const locks = await tx.execute<{ id: number; locked: boolean }>(sql`
      select t.id, pg_try_advisory_xact_lock(${channelLockKey(sql`t.guild_id`, sql`t.channel_id`)}) as locked
      from unnest(${`{${picked.map((p) => p.id).join(',')}}`}::int[], ${toPgArray(picked.map((p) => p.guildId))}::text[], ${toPgArray(picked.map((p) => p.channelId))}::text[]) as t(id, guild_id, channel_id)`);
    const ids = locks.rows.filter((r) => r.locked).map((r) => Number(r.id));
    if (ids.length === 0) return [];
    // A fresh snapshot (READ COMMITTED): a row another claimer committed as `sending` since the scan
    // makes its channel busy, so this update skips that channel.
    const claimed = await tx
      .update(outbox)
      .set({
        status: 'sending',
        attempts: sql`${outbox.attempts} + 1`,
        claimedAt: at,
        leaseUntil: new Date(opts.realNow + opts.leaseMs),
        updatedAt: at,
      })
      .where(and(sql`${outbox.id} = any(${`{${ids.join(',')}}`}::int[])`, claimable(at, real), channelIdle(real)))
      .returning();
    return claimed.map(toRow).sort((a, b) => a.dueAt - b.dueAt || a.id - b.id);
  });
}

/** A text[] literal: each element double-quoted with `"` and `\` escaped (Discord ids are digits anyway). */
const toPgArray = (values: readonly string[]): string => `{${values.map((v) => `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;

const ours = (token: ClaimToken) =>
  and(
    eq(outbox.id, token.id),
    eq(outbox.status, 'sending'),
    eq(outbox.attempts, token.attempts),
    token.leaseUntil === null ? sql`${outbox.leaseUntil} is null` : eq(outbox.leaseUntil, new Date(token.leaseUntil)),
  );

const parts = (messageIds?: readonly string[]) => (messageIds === undefined ? {} : { messageIds: [...messageIds], messageId: messageIds[0] ?? null });

/** sending → sent. False when the claim is no longer ours (the lease ran out and another process took the row). */
export async function settleSentPg(db: PgDatabase, token: ClaimToken, messageIds: readonly string[], late: boolean, now: number): Promise<boolean> {
  const first = messageIds[0];
  if (first === undefined) throw new Error('settleSent needs at least one message id');
  const at = new Date(now);
  const done = await db
    .update(outbox)
    .set({ status: 'sent', messageId: first, messageIds: [...messageIds], sentAt: at, late, leaseUntil: null, nextAttemptAt: null, lastError: null, lastErrorCode: null, updatedAt: at })
    .where(ours(token))
    .returning({ id: outbox.id });
  return done.length === 1;
}

/** sending → pending, to be tried again at `nextAttemptAt` (still bounded by expires_at). */
export async function settleRetryPg(
  db: PgDatabase,
  token: ClaimToken,
  error: { readonly message: string; readonly code: string | null },
  nextAttemptAt: number,
  now: number,
  messageIds?: readonly string[],
): Promise<boolean> {
  const done = await db
    .update(outbox)
    .set({ status: 'pending', nextAttemptAt: new Date(nextAttemptAt), leaseUntil: null, lastError: error.message.slice(0, 500), lastErrorCode: error.code, ...parts(messageIds), updatedAt: new Date(now) })
    .where(ours(token))
    .returning({ id: outbox.id });
  return done.length === 1;
}

/** sending → failed: a permanent error (or attempts exhausted). */
export async function settleFailedPg(
  db: PgDatabase,
  token: ClaimToken,
  error: { readonly message: string; readonly code: string | null },
  now: number,
  messageIds?: readonly string[],
): Promise<boolean> {
  const done = await db
    .update(outbox)
    .set({ status: 'failed', leaseUntil: null, lastError: error.message.slice(0, 500), lastErrorCode: error.code, ...parts(messageIds), updatedAt: new Date(now) })
    .where(ours(token))
    .returning({ id: outbox.id });
  return done.length === 1;
}

/** sending → pending without counting the attempt (the dispatcher is stopping): claimable again at once. */
export async function releaseClaimPg(db: PgDatabase, token: ClaimToken, now: number, messageIds?: readonly string[]): Promise<boolean> {
  const done = await db
    .update(outbox)
    .set({ status: 'pending', attempts: sql`greatest(${outbox.attempts} - 1, 0)`, leaseUntil: null, ...parts(messageIds), updatedAt: new Date(now) })
    .where(ours(token))
    .returning({ id: outbox.id });
  return done.length === 1;
}
