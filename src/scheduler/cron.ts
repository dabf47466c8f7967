// The heartbeat that drives the outbox. Due times live in rows; this only decides how often to look,
// and whether this process may dispatch at all.
//
// Real clock: node-cron `* * * * *`, the only cron expression in the bot.
// Replay clock (BOT_CLOCK_RATE = r): one real minute is r simulated minutes, so a per-minute tick
// would post a 1h-lead preview up to 60 simulated hours late (at r = 3600). node-cron cannot tick
// faster than once a real second (= r simulated seconds, one simulated hour at 3600), so under
// replay a timer ticks every max(100 ms, 60 s / r) of real time: about one simulated minute per tick,
// never more than 10 ticks a second. Both paths call runTick with clock.now().
//
// A beat never waits for an earlier pass: a pass stuck on one slow channel (at most the sender's
// request deadline per post) must not hold up posts due elsewhere. Overlapping passes cannot collide:
// a channel with a send in flight is not claimed again, and every pass shares one pool of send slots.
//
// The dispatcher lease: every beat first renews (or tries to take) the `announcements` lease in the
// database. A second bot process on the same database sees the first's lease, logs why, and does not
// dispatch until that lease expires (the first stopped renewing it), then takes over.
// On PostgreSQL there is no such lease: every process dispatches, and the claim (FOR UPDATE SKIP
// LOCKED, a lease per row) keeps each row to one of them.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../clock.js';
import { operationsOf } from '../db/store/operations.js';
import type { Logger } from '../log.js';
import { createSlots } from './slots.js';
import { runTick, type TickDeps, type TickReport } from './tick.js';

export interface Scheduler {
  /** Runs one beat now: renews the lease and starts a pass. Resolves with its report, or null when none ran. */
  tickNow(): Promise<TickReport | null>;
  /** Stops the heartbeat, lets quick sends finish, abandons slow ones (their rows stay claimable), releases the lease. */
  stop(): Promise<void>;
  /** How the heartbeat runs: `cron * * * * *` or `timer 100ms`. */
  readonly heartbeat: string;
  /** This process's name in the lease. */
  readonly holder: string;
  /** Real ms of the last beat that could dispatch (held the lease, or needs none); null before the first. */
  lastBeat(): number | null;
}

export interface LeaseOptions {
  /** Default `announcements`. */
  readonly name?: string;
  /** Default `host:pid:random`. */
  readonly holder?: string;
  /** Real ms a lease lasts without renewal. Default: three heartbeats, at least 30 s. */
  readonly ttlMs?: number;
}

export interface SchedulerDeps extends TickDeps {
  readonly clock: Clock;
  readonly lease?: LeaseOptions;
  /** Passes in flight at once before a beat is skipped (each is bounded by the request deadline). Default 4. */
  readonly maxPassesInFlight?: number;
  /** How long stop() lets sends in flight finish before abandoning them. Real ms; default 2 s. */
  readonly stopGraceMs?: number;
  /** Runs on each beat this process holds the lease, with the bot clock's now (the 30-day purge). Must not throw. */
  readonly housekeeping?: (now: number) => unknown | Promise<unknown>;
  /**
   * false: every process may dispatch (PostgreSQL, whose claim shares rows between processes), so no
   * dispatcher lease is held and no pass takes back rows under another process's row lease.
   * Default: the store's engine decides (the lease on SQLite only).
   */
  readonly exclusive?: boolean;
}

/** Real milliseconds between ticks under a replay clock of the given rate. */
export const replayIntervalMs = (rate: number): number => Math.min(60_000, Math.max(100, Math.round(60_000 / rate)));

/**
 * The grace within which a post counts as on time: the heartbeat period in bot-clock time, twice,
 * and never under five minutes. Otherwise a fast replay would mark every post "late".
 */
export const onTimeGraceFor = (clock: Pick<Clock, 'rate' | 'isReplay'>): number =>
  Math.max(5 * 60_000, 2 * (clock.isReplay ? replayIntervalMs(clock.rate) * clock.rate : 60_000));

/** Real ms between beats. */
const beatMs = (clock: Pick<Clock, 'rate' | 'isReplay'>): number => (clock.isReplay ? replayIntervalMs(clock.rate) : 60_000);

export const defaultLeaseTtlMs = (clock: Pick<Clock, 'rate' | 'isReplay'>): number => Math.max(30_000, 3 * beatMs(clock));

const defaultHolder = (): string => `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

/**
 * A default-shaped holder (`host:pid:random`) on this host whose process no longer runs: a bot killed
 * and restarted need not wait for its old lease to expire. Anything else is left to expiry.
 */
export const isDeadLocalHolder = (other: string, self: string): boolean => {
  const match = /^(.*):(\d+):[0-9a-f]{8}$/.exec(other);
  if (match === null || other === self || match[1] !== hostname()) return false;
  const pid = Number(match[2]);
  if (pid === process.pid) return true; // that process had our pid: it is gone
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
};

/**
 * Starts the heartbeat. Call after the client is ready (the first pass catches up on anything due
 * while the bot was down, and takes back rows a crash left claimed); call stop() before
 * client.destroy() and closing the database.
 */
export function startScheduler(deps: SchedulerDeps, log: Logger): Scheduler {
  const realNow = deps.realNow ?? Date.now;
  const leaseName = deps.lease?.name ?? 'announcements';
  const holder = deps.lease?.holder ?? defaultHolder();
  const leaseTtlMs = deps.lease?.ttlMs ?? defaultLeaseTtlMs(deps.clock);
  const maxPasses = Math.max(1, deps.maxPassesInFlight ?? 4);
  const stopGraceMs = deps.stopGraceMs ?? 2_000;
  const stopping = new AbortController();
  const ops = operationsOf(deps.db);
  const exclusive = deps.exclusive ?? ops.engine === 'sqlite';
  const tickDeps: TickDeps = {
    ...deps,
    onTimeGraceMs: deps.onTimeGraceMs ?? onTimeGraceFor(deps.clock),
    now: () => deps.clock.now().getTime(),
    slots: deps.slots ?? createSlots(deps.concurrency ?? 10),
    signal: stopping.signal,
  };
  const passes = new Set<Promise<TickReport | null>>();
  // Beats still checking the lease: stop() waits for them, so a beat begun before it is not lost.
  const beats = new Set<Promise<unknown>>();
  let leader = false;
  let lastRefusal: string | null = null;
  let stopped = false;
  let lastBeat: number | null = null;

  /** Renews or takes the lease; true when this process may dispatch. A change either way is logged once. */
  const holdLease = async (): Promise<{ held: boolean; tookOver: boolean }> => {
    if (!exclusive) return { held: true, tookOver: false };
    let lease = await ops.leases.acquireLease(leaseName, holder, realNow(), leaseTtlMs);
    if (!lease.held && isDeadLocalHolder(lease.holder, holder)) {
      log.warn({ lease: leaseName, holder: lease.holder }, 'dispatcher lease held by a process of this host that is gone; taking it over');
      lease = await ops.leases.acquireLease(leaseName, holder, realNow(), leaseTtlMs, lease.holder);
    }
    if (!lease.held) {
      if (leader) log.error({ lease: leaseName, holder: lease.holder }, 'dispatcher lease lost to another process (this one stalled past its expiry); not dispatching');
      else if (lastRefusal !== lease.holder) {
        log.warn(
          { lease: leaseName, holder: lease.holder, renewedAt: new Date(lease.renewedAt).toISOString(), expiresAt: new Date(lease.expiresAt).toISOString() },
          'another bot process is dispatching announcements from this database; this one waits until its lease expires',
        );
      }
      lastRefusal = lease.holder;
      leader = false;
      return { held: false, tookOver: false };
    }
    const tookOver = !leader;
    if (tookOver) {
      log.info({ lease: leaseName, holder, after: lastRefusal, ttlMs: leaseTtlMs }, lastRefusal === null ? 'dispatcher lease acquired' : 'dispatcher lease taken over; dispatching');
    }
    leader = true;
    lastRefusal = null;
    return { held: true, tookOver };
  };

  /** Renews the lease and starts a pass; resolves once the pass is started (or none will be), with it. */
  const beat = async (): Promise<{ readonly pass: Promise<TickReport | null> | null }> => {
    let lease: { held: boolean; tookOver: boolean };
    try {
      lease = await holdLease();
    } catch (err) {
      log.error({ err }, 'dispatcher lease could not be checked; announcement tick skipped');
      return { pass: null };
    }
    if (!lease.held) return { pass: null };
    lastBeat = realNow();
    await deps.housekeeping?.(deps.clock.now().getTime());
    if (passes.size >= maxPasses) {
      log.debug({ passesInFlight: passes.size }, 'announcement passes still running; tick skipped');
      return { pass: null };
    }
    // On becoming the only dispatcher, rows still `sending` are nobody's: take them all back at once.
    const pass: Promise<TickReport | null> = runTick(tickDeps, deps.clock.now().getTime(), { reclaimAll: lease.tookOver })
      .catch((err: unknown) => {
        log.error({ err }, 'announcement tick failed');
        return null;
      })
      .finally(() => passes.delete(pass));
    passes.add(pass);
    return { pass };
  };

  const tickNow = async (): Promise<TickReport | null> => {
    if (stopped) return null;
    const started = beat();
    beats.add(started);
    try {
      return (await started).pass;
    } finally {
      beats.delete(started);
    }
  };

  let task: ScheduledTask | null = null;
  let timer: NodeJS.Timeout | null = null;
  let heartbeat: string;

  if (deps.clock.isReplay) {
    const interval = replayIntervalMs(deps.clock.rate);
    heartbeat = `timer ${interval}ms`;
    const arm = (): void => {
      if (stopped) return;
      timer = setTimeout(() => {
        void tickNow();
        arm();
      }, interval);
    };
    void tickNow();
    arm();
  } else {
    heartbeat = 'cron * * * * *';
    // The callback returns at once: node-cron's own overlap guard would skip whole beats (and lease renewals).
    task = cron.schedule('* * * * *', () => void tickNow(), { name: 'announcements' });
    task.on('execution:missed', () => log.warn('announcement heartbeat missed a minute; the next tick catches up'));
    void tickNow();
  }
  log.info({ heartbeat, replay: deps.clock.isReplay, rate: deps.clock.rate, onTimeGraceMs: tickDeps.onTimeGraceMs, holder }, 'announcement scheduler started');

  return {
    heartbeat,
    holder,
    lastBeat: () => lastBeat,
    tickNow,
    stop: async () => {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      if (task !== null) await task.destroy();
      await Promise.all(beats);
      // Sends that answer promptly finish; then rate-limit waits and slow requests are abandoned
      // (their rows go back to pending, claimable at once), well inside the shutdown deadline.
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(passes), new Promise<void>((resolve) => (grace = setTimeout(resolve, stopGraceMs)))]);
      clearTimeout(grace);
      stopping.abort();
      await Promise.all(passes);
      try {
        if (leader && exclusive) await ops.leases.releaseLease(leaseName, holder);
      } catch (err) {
        log.warn({ err }, 'dispatcher lease could not be released; it expires by itself');
      }
      log.info('announcement scheduler stopped');
    },
  };
}
