// One process polls the season sources: the holder of the `sources` lease (a row of dispatcher_leases,
// independent of the announcements lease, so a process may dispatch without polling and vice versa).
// The holder renews it while it polls; another process takes it only once it expired (the holder died
// or hung) and starts polling then; a holder that finds it taken stops polling. The processes that do
// not poll see each import through the data version (data-watch). Times are real wall-clock ms.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { operationsOf, type OperationsDb } from '../db/store/operations.js';
import type { Logger } from '../log.js';
import { isDeadLocalHolder } from '../scheduler/cron.js';

export const SOURCES_LEASE = 'sources';
/** Longer than a slow poll's stall, short enough that a dead poller is replaced within minutes. */
export const SOURCES_LEASE_TTL_MS = 90_000;

export interface SourceLeaderOptions {
  /** The operations store (or a SQLite database, taken as its store). */
  readonly db: OperationsDb;
  /** Starts polling; the returned stop ends it. Called on gaining the lease, again after a loss and regain. */
  readonly startPolling: () => { stop: () => void } | Promise<{ stop: () => void }>;
  readonly logger: Logger;
  /** Default `host:pid:random`, the shape whose dead local holder is taken over at once. */
  readonly holder?: string;
  readonly ttlMs?: number;
  /** How often the lease is renewed or sought; default a third of the ttl. 0 starts no timer (the caller calls check()). */
  readonly renewEveryMs?: number;
  readonly realNow?: () => number;
}

export interface SourceLeader {
  readonly holder: string;
  /** Renews or seeks the lease, starting or stopping the polling to match; true while this process polls. Never throws. */
  check(): Promise<boolean>;
  polling(): boolean;
  /** Stops polling and gives the lease up, so another process takes over at once. */
  stop(): Promise<void>;
}

const defaultHolder = (): string => `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

export const startSourceLeader = (opts: SourceLeaderOptions): SourceLeader => {
  const log = opts.logger.child({ component: 'sources', lease: SOURCES_LEASE });
  const holder = opts.holder ?? defaultHolder();
  const ttlMs = opts.ttlMs ?? SOURCES_LEASE_TTL_MS;
  const realNow = opts.realNow ?? Date.now;
  const leases = operationsOf(opts.db).leases;
  let poller: { stop: () => void } | null = null;
  let waitingFor: string | null = null;
  let failing = false;
  let stopped = false;
  // Checks run one at a time: a timer beat during a slow start waits for it instead of starting twice.
  let running: Promise<boolean> = Promise.resolve(false);

  const lose = (): void => {
    poller?.stop();
    poller = null;
  };

  const checkOnce = async (): Promise<boolean> => {
    if (stopped) return false;
    let lease;
    try {
      lease = await leases.acquireLease(SOURCES_LEASE, holder, realNow(), ttlMs);
      if (!lease.held && isDeadLocalHolder(lease.holder, holder)) {
        log.warn({ holder: lease.holder }, 'source lease held by a process of this host that is gone; taking it over');
        lease = await leases.acquireLease(SOURCES_LEASE, holder, realNow(), ttlMs, lease.holder);
      }
      failing = false;
    } catch (err) {
      // A busy database: keep doing what we did until the lease says otherwise (it expires by itself).
      if (!failing) log.warn({ err }, 'source lease could not be checked; retrying at the next beat');
      failing = true;
      return poller !== null;
    }
    if (!lease.held) {
      if (poller !== null) {
        log.error({ holder: lease.holder }, 'source lease lost to another process (this one stalled past its expiry); polling stopped');
        lose();
      } else if (waitingFor !== lease.holder) {
        log.info({ holder: lease.holder, expiresAt: new Date(lease.expiresAt).toISOString() }, 'another process polls the season sources; this one follows the data version');
      }
      waitingFor = lease.holder;
      return false;
    }
    if (poller === null) {
      log.info({ holder, after: waitingFor, ttlMs }, waitingFor === null ? 'source lease acquired; polling season sources' : 'source lease taken over; polling season sources');
      waitingFor = null;
      const started = await opts.startPolling();
      // Stopped while it started: no poller to outlive the leader.
      if (stopped) {
        started.stop();
        return false;
      }
      poller = started;
    }
    return true;
  };

  const check = (): Promise<boolean> => {
    running = running.then(checkOnce, checkOnce).catch((err: unknown) => {
      log.error({ err }, 'season sources could not start; retrying at the next beat');
      return false;
    });
    return running;
  };

  const every = opts.renewEveryMs ?? Math.floor(ttlMs / 3);
  const timer = every > 0 ? setInterval(() => void check(), every) : null;
  timer?.unref();
  void check();

  return {
    holder,
    check,
    polling: () => poller !== null,
    stop: async () => {
      stopped = true;
      if (timer !== null) clearInterval(timer);
      await running;
      if (poller === null) return;
      lose();
      try {
        await leases.releaseLease(SOURCES_LEASE, holder);
      } catch (err) {
        log.warn({ err }, 'source lease could not be released; it expires by itself');
      }
    },
  };
};
