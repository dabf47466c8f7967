// The dispatcher lease: only its holder sends announcements. A holder renews it on every heartbeat;
// a process that finds it held by another waits until it expires (the holder died, hung or lost the
// database) and then takes it over. Every time here is real wall-clock ms, never the replay clock.
import { and, eq, sql } from 'drizzle-orm';
import { dispatcherLeases as leases } from './announcements-schema.js';
import type { SyncDb } from './outbox.js';

export interface LeaseHolder {
  readonly holder: string;
  readonly acquiredAt: number;
  readonly renewedAt: number;
  readonly expiresAt: number;
}

export type LeaseResult =
  /** Ours: `takenOver` is true when it was just acquired (fresh, or from an expired holder). */
  | ({ readonly held: true; readonly takenOver: boolean } & LeaseHolder)
  /** Someone else's, still live. */
  | ({ readonly held: false } & LeaseHolder);

const toHolder = (r: typeof leases.$inferSelect): LeaseHolder => ({
  holder: r.holder,
  acquiredAt: r.acquiredAt.getTime(),
  renewedAt: r.renewedAt.getTime(),
  expiresAt: r.expiresAt.getTime(),
});

/**
 * Acquires or renews lease `name` for `holder` until `realNow + ttlMs`, in one statement: an upsert
 * that only overwrites a row that is ours or has expired. Two processes racing for a free lease
 * cannot both win (SQLite serialises the writes; the loser's WHERE no longer matches).
 * `takeOverFrom`: a holder known to be dead (a crashed process on this host) whose lease may be taken
 * before it expires; only if it is still that holder's.
 */
export function acquireLease(db: SyncDb, name: string, holder: string, realNow: number, ttlMs: number, takeOverFrom?: string): LeaseResult {
  const now = new Date(realNow);
  const expiresAt = new Date(realNow + ttlMs);
  const won = db
    .insert(leases)
    .values({ name, holder, acquiredAt: now, renewedAt: now, expiresAt })
    .onConflictDoUpdate({
      target: leases.name,
      set: {
        holder,
        // Keep the time it was first acquired while the same holder renews.
        acquiredAt: sql`case when ${leases.holder} = ${holder} then ${leases.acquiredAt} else ${now.getTime()} end`,
        renewedAt: now,
        expiresAt,
      },
      setWhere: sql`${leases.holder} = ${holder} or ${leases.expiresAt} <= ${now.getTime()} or ${leases.holder} = ${takeOverFrom ?? holder}`,
    })
    .returning()
    .get();
  if (won !== undefined) {
    const mine = toHolder(won);
    return { held: true, takenOver: mine.acquiredAt === realNow, ...mine };
  }
  const current = db.select().from(leases).where(eq(leases.name, name)).get();
  if (current === undefined) throw new Error(`lease ${name} vanished while being acquired`);
  return { held: false, ...toHolder(current) };
}

/** Gives the lease up at shutdown, so another process can take over at once. Only the holder can. */
export function releaseLease(db: SyncDb, name: string, holder: string): boolean {
  return db.delete(leases).where(and(eq(leases.name, name), eq(leases.holder, holder))).run().changes === 1;
}
