// The heartbeat that drives the outbox. Due times live in rows; this only decides how often to look.
//
// Real clock: node-cron `* * * * *` with noOverlap, the only cron expression in the bot.
// Replay clock (BOT_CLOCK_RATE = r): one real minute is r simulated minutes, so a per-minute tick
// would post a 1h-lead preview up to 60 simulated hours late (at r = 3600). node-cron cannot tick
// faster than once a real second (= r simulated seconds, one simulated hour at 3600), so under
// replay a self-rescheduling timer ticks every max(100 ms, 60 s / r) of real time: about one
// simulated minute per tick, never more than 10 ticks a second. The next timer is armed only after a
// tick finishes, so ticks never overlap either way. Both paths call runTick with clock.now().
import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import { runTick, type TickDeps, type TickReport } from './tick.js';

export interface Scheduler {
  /** Runs one tick now (skipped when one is already running). Resolves with its report, or null. */
  tickNow(): Promise<TickReport | null>;
  /** Stops the heartbeat and waits for a tick in flight, so the client and database can close. */
  stop(): Promise<void>;
  /** How the heartbeat runs: `cron * * * * *` or `timer 100ms`. */
  readonly heartbeat: string;
}

/** Real milliseconds between ticks under a replay clock of the given rate. */
export const replayIntervalMs = (rate: number): number => Math.min(60_000, Math.max(100, Math.round(60_000 / rate)));

/**
 * The grace within which a post counts as on time: the heartbeat period in bot-clock time, twice,
 * and never under five minutes. Otherwise a fast replay would mark every post "late".
 */
export const onTimeGraceFor = (clock: Pick<Clock, 'rate' | 'isReplay'>): number =>
  Math.max(5 * 60_000, 2 * (clock.isReplay ? replayIntervalMs(clock.rate) * clock.rate : 60_000));

/**
 * Starts the heartbeat. Call after the client is ready (the first tick catches up on anything due
 * while the bot was down, and takes back rows a crash left claimed); call stop() before
 * client.destroy() and closing the database.
 */
export function startScheduler(deps: TickDeps & { readonly clock: Clock }, log: Logger): Scheduler {
  const tickDeps: TickDeps = { ...deps, onTimeGraceMs: deps.onTimeGraceMs ?? onTimeGraceFor(deps.clock) };
  let inFlight: Promise<TickReport | null> | null = null;
  let first = true;
  let stopped = false;

  const tickNow = (): Promise<TickReport | null> => {
    if (stopped) return Promise.resolve(null);
    if (inFlight !== null) {
      log.debug('announcement tick still running; skipped');
      return Promise.resolve(null);
    }
    const reclaimAll = first;
    first = false;
    inFlight = runTick(tickDeps, deps.clock.now().getTime(), { reclaimAll })
      .catch((err: unknown) => {
        log.error({ err }, 'announcement tick failed');
        return null;
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
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
        void tickNow().finally(arm);
      }, interval);
    };
    void tickNow().finally(arm);
  } else {
    heartbeat = 'cron * * * * *';
    task = cron.schedule('* * * * *', () => tickNow(), { name: 'announcements', noOverlap: true });
    task.on('execution:missed', () => log.warn('announcement heartbeat missed a minute; the next tick catches up'));
    task.on('execution:overlap', () => log.warn('announcement tick still running at the next minute; skipped'));
    void tickNow();
  }
  log.info({ heartbeat, replay: deps.clock.isReplay, rate: deps.clock.rate, onTimeGraceMs: tickDeps.onTimeGraceMs }, 'announcement scheduler started');

  return {
    heartbeat,
    tickNow,
    stop: async () => {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      if (task !== null) await task.destroy();
      await inFlight;
      log.info('announcement scheduler stopped');
    },
  };
}
