// The two bots the bench compares, as child processes run the same way: plain node on compiled
// JavaScript, the same flags (--expose-gc and the memory probe preloaded), the same environment
// (glibc's allocator set as the systemd unit sets it for the bot).
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import type { MemoryDetail } from './memory-probe.js';

export type BotKind = 'bot' | 'echo';

/** process.memoryUsage() after a forced GC, with where the memory is (memory-probe.ts). */
export type BotMemory = NodeJS.MemoryUsage & { readonly detail?: MemoryDetail };

/**
 * The resident anonymous pages that are no malloc arena (neither the main thread's nor a worker's):
 * V8's heap pages above all, its young generation's among them. Null where the split is not known.
 */
export const anonOutsideMalloc = (m: BotMemory): number | null => {
  const anon = m.detail?.rssAnon ?? null;
  const by = m.detail?.rssBy ?? null;
  return anon === null || by === null ? null : anon - by.mallocHeap - by.threadArenas;
};

/** Token-shaped, so discord.js accepts it; the stand-ins accept only this one. */
export const BENCH_TOKEN = 'MTE5NTk0NDQ0NDQ0NDQ0NDQ0NA.GsBnch.bench-token-not-a-secret-0123456789';
export const BENCH_APPLICATION_ID = '1195944444444444444';
export const BENCH_GUILD_ID = '1100000000000000001';

/**
 * glibc's allocator setting the systemd unit runs the bot with (ops/caf-confed-bot.service), given to
 * both bots here. Left to itself glibc raises its mmap threshold after the first large block is
 * freed, and from then on keeps freed blocks of V8's compile and GC threads in per-thread arenas:
 * in about half of the restarts, 12-15 MiB more resident memory for the same work (both bots; the
 * bot's idle RSS was 101-104 or 113-128 MiB). Pinned at glibc's own default (128 KiB), large blocks
 * go back to the system when freed: 98-102 MiB in 10 of 10 restarts.
 */
export const MALLOC_TUNABLES = 'glibc.malloc.mmap_threshold=131072';

export interface LogLine {
  readonly msg?: string;
  readonly level?: number;
  readonly [key: string]: unknown;
}

export interface BenchBot {
  readonly kind: BotKind;
  readonly child: ChildProcess;
  /** performance.now() just before spawn. */
  readonly spawnedAt: number;
  /** Resolves with the bot's `ready` log line (the echo bot writes one too). */
  readonly ready: Promise<LogLine>;
  /** Forces a full GC in the bot (through the preloaded probe) and returns process.memoryUsage(). */
  memory(timeoutMs?: number): Promise<BotMemory>;
  /** The last lines of its output, for an error message. */
  tail(): string;
  /** SIGTERM, SIGKILL after `graceMs`; resolves on exit. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  readonly kind: BotKind;
  /** The compiled src/ (dist/, or a test's private build). */
  readonly distRoot: string;
  readonly apiUrl: string;
  readonly databasePath: string;
  readonly readyTimeoutMs?: number;
  /** Flags for this run only, the same for both bots (e.g. --cpu-prof for `npm run bench -- --profile DIR`). */
  readonly extraFlags?: readonly string[];
}

/** The flags both bots run with. */
export const nodeFlags = (distRoot: string): string[] => [
  '--expose-gc',
  '--import',
  pathToFileURL(join(distRoot, 'bench', 'memory-probe.js')).href,
];

export const entryOf = (kind: BotKind, distRoot: string): string =>
  kind === 'bot' ? join(distRoot, 'index.js') : join(distRoot, 'bench', 'echo-bot.js');

export const spawnBenchBot = (opts: SpawnOptions): BenchBot => {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NODE_ENV: 'production',
    DISCORD_API_URL: opts.apiUrl,
    DISCORD_TOKEN: BENCH_TOKEN,
    DISCORD_APPLICATION_ID: BENCH_APPLICATION_ID,
    DISCORD_GUILD_ID: BENCH_GUILD_ID,
    DATABASE_PATH: opts.databasePath,
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'info',
    GLIBC_TUNABLES: MALLOC_TUNABLES,
  };
  const cwd = mkdtempSync(join(tmpdir(), 'caf-bench-cwd-'));
  // The bot's JSON log goes to a file, as under a service manager that writes it to disk: through a
  // pipe the bench (busy with two stand-ins) reads, pino's synchronous writes would wait on the bench.
  const logFile = join(cwd, 'stdout.jsonl');
  const logFd = openSync(logFile, 'w');
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...nodeFlags(opts.distRoot), ...(opts.extraFlags ?? []), entryOf(opts.kind, opts.distRoot)], {
    cwd,
    env,
    stdio: ['ignore', logFd, 'pipe', 'ipc'],
  });
  closeSync(logFd);
  const stderr: string[] = [];
  const tail = () => {
    // After stop() the working directory (and the log) is gone: say so rather than throw over the real error.
    const text = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '(log removed with the working directory)';
    const out = text.split('\n').slice(-15).map((l) => (l.length > 300 ? `${l.slice(0, 300)}…` : l));
    return [...out, ...stderr.slice(-10)].join('\n');
  };
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const ready = new Promise<LogLine>((resolve, reject) => {
    let readUpTo = 0;
    let partial = '';
    const poll = setInterval(() => {
      const text = readFileSync(logFile, 'utf8');
      const fresh = partial + text.slice(readUpTo);
      readUpTo = text.length;
      const lines = fresh.split('\n');
      partial = lines.pop() ?? '';
      for (const raw of lines) {
        if (!raw.includes('"ready"')) continue;
        try {
          const line = JSON.parse(raw) as LogLine;
          if (line.msg === 'ready') return finish(() => resolve(line));
        } catch {
          // not a JSON line
        }
      }
    }, 25);
    const timer = setTimeout(
      () => finish(() => reject(new Error(`${opts.kind} not ready within ${opts.readyTimeoutMs ?? 60_000} ms\n${tail()}`))),
      opts.readyTimeoutMs ?? 60_000,
    );
    const finish = (settle: () => void) => {
      clearInterval(poll);
      clearTimeout(timer);
      settle();
    };
    void exited.then(() => finish(() => reject(new Error(`${opts.kind} exited before ready\n${tail()}`))));
  });
  ready.catch(() => undefined);
  createInterface({ input: child.stderr! }).on('line', (line) => {
    stderr.push(line);
    if (stderr.length > 10) stderr.shift();
  });

  return {
    kind: opts.kind,
    child,
    spawnedAt,
    ready,
    tail,
    memory: (timeoutMs = 10_000) =>
      new Promise<BotMemory>((resolve, reject) => {
        const timer = setTimeout(() => {
          child.off('message', onMessage);
          reject(new Error(`${opts.kind}: no memory answer within ${timeoutMs} ms`));
        }, timeoutMs);
        const onMessage = (message: { benchMemory?: BotMemory & { gcForced: boolean } }) => {
          if (!message?.benchMemory) return;
          clearTimeout(timer);
          child.off('message', onMessage);
          if (!message.benchMemory.gcForced) reject(new Error(`${opts.kind}: gc is not exposed`));
          else resolve(message.benchMemory);
        };
        child.on('message', onMessage);
        child.send({ benchProbe: 'memory' });
      }),
    stop: async (graceMs = 10_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      rmSync(cwd, { recursive: true, force: true });
    },
  };
};
