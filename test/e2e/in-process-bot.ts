// The whole bot in the test's own process (startBot, as index.ts composes it from a parsed environment),
// against the stand-in, optionally on a replay clock the test moves by hand. For files where a child
// process adds nothing (startup, exit codes, signals, the process's safety nets and its log stream
// are tested by lifecycle.test.ts, startup*.test.ts and faults.test.ts): no Node start and no second
// load of discord.js per bot. A clock that moves only when told cannot post early, or late on a
// loaded machine, and needs no real seconds of replay between posts.
import { Writable } from 'node:stream';
import type { Standin } from 'discord-standin';
import { startBot, type RunningBot } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { commands } from '../../src/discord/commands/index.js';
import { createLogger } from '../../src/log.js';
import { expect } from 'vitest';
import { botEnv, STARTUP_TIMEOUT_MS, stopAll, TEST_TOKEN, type LogLine } from './harness.js';

export interface InProcessBot {
  readonly running: RunningBot;
  /** The one "ready" line (gateway ready, commands synced, announcements started). */
  readonly ready: LogLine;
  /** Parsed JSON log lines, in order (live). */
  readonly lines: readonly LogLine[];
  /** Every log line as written (for the no-secret check). */
  output(): string;
  waitForLog(predicate: (line: LogLine) => boolean, timeoutMs?: number, what?: string): Promise<LogLine>;
  /**
   * Resolves once `count` posts are settled as sent (on time or late) in all. Wait for this, not for
   * the posts in the stand-in, before advanceTo: a send still in flight when the clock moves would
   * settle at the new time, late.
   */
  waitForSent(count: number, what: string, timeoutMs?: number): Promise<void>;
  /** The bot clock's now, in ms. */
  now(): number;
  /**
   * Moves the bot clock forward to `instant` in one step (a running clock runs on from there), then resolves once the heartbeat has read
   * the clock there a few times (each beat runs a pass at the clock's now), at least `settleMs` later.
   */
  advanceTo(instant: string | number, settleMs?: number): Promise<void>;
  /** Stops the bot (idempotent). */
  stop(): Promise<void>;
}

const running = new Set<InProcessBot>();

/** Every clock read of this many beats (100 ms each under replay) after a step, before advanceTo resolves. */
const READS_AFTER_STEP = 5;

export interface ReplayClock {
  readonly start: string;
  readonly rate: number;
  /** Runs at `rate` from the start, as BOT_CLOCK_RATE makes it (for retries and backoffs that need time to pass). */
  readonly running?: boolean;
}

/**
 * Starts the bot from the environment botEnv() gives (plus `extra`) and resolves once it is ready.
 * With `clock`, on a replay clock at `clock.start` that stands still until advanceTo moves it, unless
 * `clock.running`; its rate sets the heartbeat period and the on-time grace either way. Without, on
 * real time.
 */
export const startInProcessBot = async (
  standin: Pick<Standin, 'apiUrl'>,
  opts: { databasePath: string; clock?: ReplayClock; extra?: Record<string, string | undefined> },
): Promise<InProcessBot> => {
  const replay = opts.clock;
  const env = botEnv(standin, {
    databasePath: opts.databasePath,
    extra: { ...(replay ? { BOT_CLOCK_START: replay.start, BOT_CLOCK_RATE: String(replay.rate) } : {}), ...opts.extra },
  });
  const { config } = parseConfig(env);
  const rate = replay?.rate ?? 1;
  const clockStartMs = replay ? Date.parse(replay.start) : 0;

  // The replay clock is start + (realNow() - realNow at start) × rate: a hand-moved realNow moves it.
  const realStart = Date.now();
  const elapsed = (): number => (replay?.running === true ? Date.now() - realStart : 0);
  let skipped = 0;
  let reads = 0;
  /** What realNow() read when the clock was created (its zero). */
  let clockZero: number | null = null;
  const realNow = (): number => {
    reads += 1;
    const value = elapsed() + skipped;
    clockZero ??= value;
    return value;
  };

  let written = '';
  let partial = '';
  const lines: LogLine[] = [];
  const waiters = new Set<() => void>();
  const destination = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      const text = chunk.toString();
      written += text;
      partial += text;
      const complete = partial.split('\n');
      partial = complete.pop() ?? '';
      for (const raw of complete) if (raw.trim() !== '') lines.push(JSON.parse(raw) as LogLine);
      for (const waiter of [...waiters]) waiter();
      done();
    },
  });
  const log = createLogger({ level: 'debug', format: 'json', destination });

  const bot = await startBot(config, { log, commands, ...(replay ? { realNow } : {}) });
  let stopped: Promise<void> | null = null;

  /** Resolves once `count` log lines match `predicate`, with the last of them. */
  const waitForLines = (predicate: (line: LogLine) => boolean, count: number, timeoutMs: number, what: string) =>
    new Promise<LogLine>((resolve, reject) => {
      const check = () => {
        const found = lines.filter(predicate);
        if (found.length >= count) {
          finish();
          resolve(found[count - 1]!);
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}\nlog:\n${written}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  const waitForLog: InProcessBot['waitForLog'] = (predicate, timeoutMs = STARTUP_TIMEOUT_MS, what = 'a log line') =>
    waitForLines(predicate, 1, timeoutMs, what);
  const isSent = (line: LogLine): boolean => line.msg === 'announcement sent' || line.msg === 'announcement sent late';

  const now = (): number => (replay ? clockStartMs + (elapsed() + skipped - (clockZero ?? 0)) * rate : Date.now());

  let readyLine: LogLine | null = null;
  const handle: InProcessBot = {
    running: bot,
    get ready() {
      if (readyLine === null) throw new Error('the bot is not ready yet');
      return readyLine;
    },
    lines,
    output: () => written,
    waitForLog,
    waitForSent: async (count, what, timeoutMs = 15_000) => {
      await waitForLines(isSent, count, timeoutMs, what);
    },
    now,
    advanceTo: async (instant, settleMs = 300) => {
      if (!replay) throw new Error('advanceTo needs a replay clock: start the bot with `clock`');
      const target = typeof instant === 'number' ? instant : Date.parse(instant);
      if (!(target >= now())) throw new Error(`the bot clock only moves forward: ${new Date(now()).toISOString()} → ${String(instant)}`);
      skipped += (target - now()) / rate;
      const readsAtStep = reads;
      const started = Date.now();
      const deadline = started + 15_000;
      while (reads - readsAtStep < READS_AFTER_STEP || Date.now() - started < settleMs) {
        if (Date.now() > deadline) throw new Error(`the bot clock was not read after moving it to ${String(instant)}: is the heartbeat running?`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    stop: () => {
      stopped ??= bot.stop().finally(() => running.delete(handle));
      return stopped;
    },
  };
  running.add(handle);
  try {
    await bot.ready;
    readyLine = await waitForLog((l) => l.msg === 'ready', 10_000, 'the ready line');
  } catch (err) {
    await handle.stop();
    throw err;
  }
  return handle;
};

/** For afterAll: stops every in-process bot still running. */
export const stopInProcessBots = async (): Promise<void> => {
  await Promise.all([...running].map((bot) => bot.stop()));
};

/**
 * For afterAll of a file that runs bots in-process against one stand-in: stops them, checks that none
 * of the given bots ever wrote the token, stops any child process, and closes the stand-in.
 */
export const endInProcessRun = async (bots: readonly (InProcessBot | undefined)[], standin: Standin | undefined): Promise<void> => {
  await stopInProcessBots();
  for (const bot of bots) if (bot) expect(bot.output()).not.toContain(TEST_TOKEN);
  await stopAll();
  await standin?.close();
};
