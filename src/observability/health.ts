// What /healthz answers: the gateway is connected, the database answers, and (once announcements run)
// the heartbeat renewed the dispatcher lease within two minutes. Each check says its state, so a 503
// names the failing part.
import { Status, type Client } from 'discord.js';
import type { LeaseHolder } from '../db/dispatcher-lease.js';
import type { OperationsStore } from '../db/store/types.js';

export interface Check {
  readonly ok: boolean;
  /** One word: `ready`, `connecting`, `up`, `down`, `fresh`, `stale`, `off`… */
  readonly state: string;
  readonly [detail: string]: unknown;
}

export interface HealthReport {
  readonly ok: boolean;
  readonly checks: Readonly<Record<'gateway' | 'database' | 'heartbeat', Check>>;
  /** Under SHARDS, from the manager: each shard's state and own checks. */
  readonly shards?: readonly (Check & { readonly shard: number })[];
}

/** The heartbeat beats every minute (scheduler/cron.ts): two minutes without one is a missed beat and more. */
export const HEARTBEAT_MAX_AGE_MS = 2 * 60_000;

/** scheduler/cron.ts renews this lease on every beat (its default name). */
export const DISPATCHER_LEASE = 'announcements';

/** `WaitingForGuilds` → `waiting_for_guilds`. */
const statusName = (status: Status): string => (Status[status] ?? 'unknown').replace(/(?<=[a-z])(?=[A-Z])/g, '_').toLowerCase();

/** Ready when the client is logged in and every shard is ready (a reconnecting shard is not). */
export const gatewayCheck = (client: Client): Check => {
  if (!client.isReady()) return { ok: false, state: statusName(client.ws.status) };
  const notReady = client.ws.shards.filter((shard) => shard.status !== Status.Ready).map((shard) => ({ shard: shard.id, state: statusName(shard.status) }));
  if (notReady.length > 0) return { ok: false, state: 'reconnecting', shards: notReady };
  // -1 until the first heartbeat is acknowledged.
  return client.ws.ping >= 0 ? { ok: true, state: 'ready', pingMs: client.ws.ping } : { ok: true, state: 'ready' };
};

/** A trivial statement: a closed, locked-out or vanished connection throws. */
export const databaseCheck = async (store: Pick<OperationsStore, 'ping'>): Promise<Check> => {
  try {
    await store.ping();
    return { ok: true, state: 'up' };
  } catch (err) {
    return { ok: false, state: 'down', error: (err as Error).message };
  }
};

export interface HeartbeatOptions {
  readonly db: Pick<OperationsStore, 'leases'>;
  /** This process's lease holder name once announcements run; null before (nothing to check yet). */
  readonly holder: () => string | null;
  /**
   * Where no dispatcher lease is held (PostgreSQL: every process dispatches), this process's own last
   * beat (real ms; null before the first), read instead of the lease.
   */
  readonly lastBeat?: () => number | null;
  /** Real wall-clock ms (lease times are never the replay clock). */
  readonly realNow: () => number;
  readonly maxAgeMs?: number;
}

/**
 * Reads the dispatcher lease's last renewal. Held by another live process, this one is a standby and
 * announcements still go out: healthy, and said so (`self: false`).
 */
export const heartbeatCheck = async (opts: HeartbeatOptions): Promise<Check> => {
  const holder = opts.holder();
  if (holder === null) return { ok: true, state: 'off' };
  const freshness = (renewedAt: number): Check => {
    const ageMs = opts.realNow() - renewedAt;
    const fresh = ageMs <= (opts.maxAgeMs ?? HEARTBEAT_MAX_AGE_MS);
    return { ok: fresh, state: fresh ? 'fresh' : 'stale', lastBeat: new Date(renewedAt).toISOString(), ageSeconds: Math.round(ageMs / 1000) };
  };
  if (opts.lastBeat !== undefined) {
    const beat = opts.lastBeat();
    return beat === null ? { ok: false, state: 'missing' } : { ...freshness(beat), self: true };
  }
  let lease: LeaseHolder | null;
  try {
    lease = await opts.db.leases.readLease(DISPATCHER_LEASE);
  } catch (err) {
    return { ok: false, state: 'unknown', error: (err as Error).message };
  }
  if (lease === null) return { ok: false, state: 'missing' };
  return { ...freshness(lease.renewedAt), self: lease.holder === holder };
};

export const healthReport = (checks: HealthReport['checks']): HealthReport => ({
  ok: Object.values(checks).every((check) => check.ok),
  checks,
});
