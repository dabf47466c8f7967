// Fan-out on PostgreSQL with real dispatcher processes (issue 14): one round's preview to 1,000
// channels, planned and copied into a fresh PostgreSQL database (`db:copy`, as an operator moves an
// installation), then dispatched by 1 or 3 bot processes (dist/index.js, DATABASE_URL) that share
// Discord's global 50 requests/s (REST_REQUESTS_PER_SECOND = 50 / processes each), against the local
// stand-in enforcing that limit. Reported from the stand-in's own request log: posts per second from
// the first POST to the last (target ≥ 45 combined), channels with two posts (must be 0), channels
// with none, 429s (must be 0), the busiest one-second window, and the outbox by status afterwards.
//
// Needs a PostgreSQL server: BENCH_DATABASE_URL (or TEST_DATABASE_URL), a postgres:// URL whose role
// may create databases (each run makes its own and drops it). Without one, nothing is measured.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startStandin, type RecordedRequest } from 'discord-standin';
import { roundTiming } from '../domain/announcements.js';
import { seasonRounds } from '../domain/calendar.js';
import { setSubscription } from '../db/guild-settings.js';
import { describeDatabaseUrl } from '../db/pg/client.js';
import { planOne } from '../planning/announcements.js';
import { openSeasonStore } from '../season-store.js';
import { copySqliteToPostgres } from '../tools/db-copy.js';

export interface FanoutPgOptions {
  /** postgres://… whose role may create databases. */
  readonly databaseUrl: string;
  /** Bot processes dispatching at once. */
  readonly dispatchers: number;
  readonly channels?: number;
  /** The stand-in's global limit (Discord's: 50). */
  readonly globalRateLimit?: number;
  /** The compiled src/ holding index.js (default: the directory above this file's). */
  readonly distRoot?: string;
}

export interface FanoutPgReport {
  readonly dispatchers: number;
  readonly restRequestsPerSecondEach: number;
  readonly channels: number;
  /** Messages created (one per channel when all went well). */
  readonly posts: number;
  /** From the first POST's arrival to the last POST's answer. */
  readonly seconds: number;
  readonly postsPerSecond: number;
  /** Seconds the last dispatcher became ready after the first POST (0 when all were ready before). */
  readonly lateStartSeconds: number;
  readonly duplicates: number;
  readonly missing: number;
  /** POSTs the stand-in answered from its nonce memory (a resend of a post already made). */
  readonly nonceRepeats: number;
  readonly rateLimited: { readonly global: number; readonly route: number };
  /** The most requests (all routes) that arrived within any one second. */
  readonly busiestSecond: number;
  /** POSTs started in each second from the first (the ramp-up and the tail show here). */
  readonly postsEachSecond: readonly number[];
  readonly outbox: Readonly<Record<string, number>>;
  readonly target: { readonly postsPerSecond: number; readonly met: boolean };
}

const TOKEN = 'MTE5NTk0NDQ0NDQ0NDQ0NDQ0NA.GsFnPg.bench-fanout-pg-not-a-secret-0123';
const APPLICATION_ID = '1195944444444444444';
const CHANNELS_PER_GUILD = 100;
const H = 3_600_000;
/** Replay rate: the heartbeat runs every second, and the posts fall due this long after the start. */
const CLOCK_RATE = 60;
const LEAD_REAL_MS = 20_000;
const READY_TIMEOUT_MS = 90_000;

/** BENCH_DATABASE_URL, else TEST_DATABASE_URL; null when neither names a PostgreSQL server. */
export const fanoutPgDatabaseUrl = (env: NodeJS.ProcessEnv = process.env): string | null => {
  const url = env.BENCH_DATABASE_URL ?? env.TEST_DATABASE_URL;
  return url !== undefined && /^postgres(ql)?:\/\//.test(url) ? url : null;
};

const adminQuery = async (adminUrl: string, query: string): Promise<void> => {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
};

interface Dispatcher {
  readonly child: ChildProcess;
  readonly logFile: string;
  readonly dir: string;
}

const readLines = (file: string): { msg?: string }[] =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { msg?: string })
    : [];

/** The bot as `npm start` runs it; its JSON log goes to a file (a pipe the bench is slow to read would hold it up). */
const spawnDispatcher = (entry: string, env: Record<string, string>): Dispatcher => {
  const dir = mkdtempSync(join(tmpdir(), 'caf-bench-fanout-pg-'));
  const logFile = join(dir, 'stdout.jsonl');
  const out = openSync(logFile, 'w');
  const child = spawn(process.execPath, [entry], { cwd: dir, env, stdio: ['ignore', out, out] });
  closeSync(out);
  return { child, logFile, dir };
};

const waitReady = async (d: Dispatcher): Promise<number> => {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (readLines(d.logFile).some((l) => l.msg === 'ready')) return Date.now();
    if (d.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const tail = existsSync(d.logFile) ? readFileSync(d.logFile, 'utf8').split('\n').slice(-15).join('\n') : '';
  throw new Error(`a dispatcher did not become ready (exit ${d.child.exitCode}):\n${tail}`);
};

const stopDispatcher = async (d: Dispatcher): Promise<void> => {
  if (d.child.exitCode === null && d.child.signalCode === null) {
    const exited = new Promise((resolve) => d.child.once('exit', resolve));
    d.child.kill('SIGTERM');
    const timer = setTimeout(() => d.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(d.dir, { recursive: true, force: true });
};

/** The most requests whose start falls in any one-second window [t, t + 1 s). */
export const busiestSecond = (requests: readonly RecordedRequest[]): number => {
  const times = requests.map((r) => r.startedAt).sort((a, b) => a - b);
  let most = 0;
  let from = 0;
  for (let to = 0; to < times.length; to += 1) {
    while (times[to]! - times[from]! >= 1_000) from += 1;
    most = Math.max(most, to - from + 1);
  }
  return most;
};

export async function benchFanoutPg(opts: FanoutPgOptions): Promise<FanoutPgReport> {
  const total = opts.channels ?? 1000;
  const limit = opts.globalRateLimit ?? 50;
  const count = Math.max(1, opts.dispatchers);
  const share = Math.max(1, Math.floor(limit / count));
  const entry = join(opts.distRoot ?? fileURLToPath(new URL('../', import.meta.url)), 'index.js');
  if (!existsSync(entry)) throw new Error(`${entry} does not exist: run \`npm run build\` first (the dispatchers run the compiled bot)`);

  const standin = await startStandin({
    applicationId: APPLICATION_ID,
    validTokens: [TOKEN],
    globalRateLimit: limit,
    guilds: Array.from({ length: Math.ceil(total / CHANNELS_PER_GUILD) }, (_, g) => ({
      name: `bench ${g}`,
      channels: Array.from({ length: Math.min(CHANNELS_PER_GUILD, total - g * CHANNELS_PER_GUILD) }, (_, c) => ({ name: `matchday-${c}` })),
    })),
  });
  const name = `caf_bench_pg_${randomBytes(4).toString('hex')}`;
  const url = new URL(opts.databaseUrl);
  url.pathname = `/${name}`;
  const seedDir = mkdtempSync(join(tmpdir(), 'caf-bench-fanout-pg-seed-'));
  const dispatchers: Dispatcher[] = [];
  let created = false;
  try {
    // Planned on SQLite by the bot's own planning, then moved with db:copy (a fresh database each run).
    const store = openSeasonStore({ databasePath: join(seedDir, 'seed.sqlite') });
    const channelIds: string[] = [];
    let dueAt: number;
    try {
      const season = store.season();
      const timing = roundTiming(seasonRounds(season).find((r) => r.key === 'GS-MD1')?.matches ?? []);
      if (timing === null) throw new Error('bench: the group stage matchday 1 has no date in the season data');
      dueAt = timing.start - 24 * H;
      const plannedAt = dueAt - 24 * H;
      for (const channel of standin.state.channels.values()) {
        if (channel.guildId === null || !channel.name?.startsWith('matchday-')) continue;
        channelIds.push(channel.id);
        const row = setSubscription(store.db, { guildId: channel.guildId, channelId: channel.id, roleId: null, leadsMs: [24 * H], recap: false }, plannedAt);
        planOne(store.db, season, row, plannedAt);
      }
    } finally {
      store.close();
    }
    await adminQuery(opts.databaseUrl, `create database ${name}`);
    created = true;
    await copySqliteToPostgres({ from: join(seedDir, 'seed.sqlite'), to: url.toString() });

    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      DISCORD_API_URL: standin.apiUrl,
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: APPLICATION_ID,
      DATABASE_URL: url.toString(),
      REST_REQUESTS_PER_SECOND: String(share),
      // The posts fall due LEAD_REAL_MS after each start, so every dispatcher is ready before the first.
      BOT_CLOCK_START: new Date(dueAt - LEAD_REAL_MS * CLOCK_RATE).toISOString(),
      BOT_CLOCK_RATE: String(CLOCK_RATE),
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
    };
    for (let i = 0; i < count; i += 1) dispatchers.push(spawnDispatcher(entry, env));
    const readyAt = Math.max(...(await Promise.all(dispatchers.map(waitReady))));

    const isPost = (r: RecordedRequest): boolean => r.method === 'POST' && r.route === '/channels/:channel_id/messages';
    const posted = (): number => channelIds.filter((id) => standin.messages(id).length > 0).length;
    await standin.waitFor(() => posted() === channelIds.length, 60_000 + LEAD_REAL_MS + (channelIds.length / Math.min(limit, share * count)) * 3_000, 'a post in every channel').catch(() => undefined);
    // A moment more: a duplicate would show up now.
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    const sends = standin.requests.filter(isPost);
    const first = sends[0]?.startedAt ?? Date.now();
    const last = sends.reduce((at, r) => Math.max(at, r.startedAt + r.durationMs), first);
    const seconds = Math.max(0.001, (last - first) / 1000);
    const counts = channelIds.map((id) => standin.messages(id).length);
    const postCount = counts.reduce((sum, n) => sum + Math.min(n, 1), 0);
    const stats = standin.stats();
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    const outbox: Record<string, number> = {};
    try {
      const { rows } = await client.query<{ status: string; n: number }>("select status, count(*)::int as n from announcement_outbox where round_key = 'GS-MD1' group by status order by status");
      for (const row of rows) outbox[row.status] = row.n;
    } finally {
      await client.end();
    }
    const postsPerSecond = postCount / seconds;
    const duplicates = counts.filter((n) => n > 1).length;
    const missing = counts.filter((n) => n === 0).length;
    return {
      dispatchers: count,
      restRequestsPerSecondEach: share,
      channels: channelIds.length,
      posts: postCount,
      seconds: Number(seconds.toFixed(2)),
      postsPerSecond: Number(postsPerSecond.toFixed(1)),
      lateStartSeconds: Number(Math.max(0, (readyAt - first) / 1000).toFixed(2)),
      duplicates,
      missing,
      nonceRepeats: sends.filter((r) => r.deduplicated).length,
      rateLimited: { global: stats.globalLimited, route: stats.routeLimited },
      busiestSecond: busiestSecond(standin.requests),
      postsEachSecond: Array.from(
        sends.reduce<number[]>((each, r) => {
          const at = Math.floor((r.startedAt - first) / 1000);
          each[at] = (each[at] ?? 0) + 1;
          return each;
        }, []),
        (n) => n ?? 0,
      ),
      outbox,
      target: { postsPerSecond: 45, met: postsPerSecond >= 45 && duplicates === 0 && missing === 0 && stats.globalLimited + stats.routeLimited === 0 },
    };
  } finally {
    await Promise.all(dispatchers.map(stopDispatcher));
    await standin.close();
    if (created) await adminQuery(opts.databaseUrl, `drop database if exists ${name} with (force)`);
    rmSync(seedDir, { recursive: true, force: true });
  }
}

const line = (r: FanoutPgReport): string[] => [
  `  ${r.dispatchers} dispatcher${r.dispatchers === 1 ? '' : 's'} (REST ${r.restRequestsPerSecondEach}/s each): posts ${r.posts} in ${r.seconds.toFixed(1)} s = ${r.postsPerSecond.toFixed(1)} posts/s ` +
    `(target ≥ 45 combined: ${r.target.met ? 'met' : 'NOT met'})${r.lateStartSeconds > 0 ? ` · the last dispatcher was ready ${r.lateStartSeconds} s after the first post` : ''}`,
  `    duplicates ${r.duplicates} (must be 0) · missing ${r.missing} (must be 0) · 429s global ${r.rateLimited.global}, per route ${r.rateLimited.route} (must be 0) · ` +
    `busiest second ${r.busiestSecond} requests · nonce repeats ${r.nonceRepeats} · outbox ${JSON.stringify(r.outbox)}`,
  `    POSTs in each second from the first: ${r.postsEachSecond.join(' ')}`,
];

/** The bench's section: 1 and 3 dispatcher processes, or why nothing was measured. */
export async function printFanoutPg(print: (text: string) => void = console.log): Promise<void> {
  const databaseUrl = fanoutPgDatabaseUrl();
  print('\nannouncement fan-out on PostgreSQL: 1,000 channels, real bot processes (dist/index.js, DATABASE_URL) sharing the global 50 req/s at the stand-in…');
  if (databaseUrl === null) {
    print('  not measured: no PostgreSQL server named. Set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a postgres:// URL whose role may create databases,');
    print('  e.g. eval "$(.ci/postgres start)" && BENCH_DATABASE_URL=$TEST_DATABASE_URL npm run bench -- --only fanout');
    return;
  }
  print(`  server ${describeDatabaseUrl(databaseUrl)} (a database of its own per run, dropped after)`);
  for (const dispatchers of [1, 3]) {
    try {
      for (const text of line(await benchFanoutPg({ databaseUrl, dispatchers }))) print(text);
    } catch (err) {
      print(`  ${dispatchers} dispatcher${dispatchers === 1 ? '' : 's'}: not measured: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

// `npm run build && node dist/bench/fanout-pg.js [dispatchers]` runs one measurement alone (JSON).
if (import.meta.url === `file://${process.argv[1]}`) {
  const databaseUrl = fanoutPgDatabaseUrl();
  if (databaseUrl === null) {
    process.stderr.write('BENCH_DATABASE_URL (or TEST_DATABASE_URL) must name a PostgreSQL server: nothing measured\n');
    process.exit(2);
  }
  benchFanoutPg({ databaseUrl, dispatchers: Number(process.argv[2] ?? 3) }).then(
    (report) => {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      process.exit(report.target.met ? 0 : 1);
    },
    (err: unknown) => {
      process.stderr.write(`${String(err instanceof Error ? err.stack : err)}\n`);
      process.exit(1);
    },
  );
}
