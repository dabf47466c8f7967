// The fault trial scaled out (issue 14): three bot processes dispatch one fan-out to 1,000 channels from
// one PostgreSQL database; two of them are SIGKILLed at random points and started again. Every channel
// gets exactly one message, a raw POST is repeated only with the same nonce and only after a kill (the
// killed process's rows come back when their lease, shortened to 20 s, runs out), and the three
// together stay within Discord's 50 requests/s at the stand-in. The kill points come from a seeded
// random: the seed is printed, and FANOUT_CRASH_SEED=<seed> replays them.
import { join } from 'node:path';
import type { RecordedRequest, Standin } from 'discord-standin';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { busiestSecond } from '../../src/bench/fanout-pg.js';
import { setSubscription } from '../../src/db/guild-settings.js';
import { openPgDatabase, type OpenedPgDatabase } from '../../src/db/pg/client.js';
import { openSeasonStore } from '../../src/season-store.js';
import { copySqliteToPostgres } from '../../src/tools/db-copy.js';
import { H, posts, PREVIEW_24H, sleep } from '../e2e/announcement-support.js';
import { botEnv, GUILD_ID, isReadyLine, makeTempDir, spawnBot, startTestStandin, stopAll, TEST_TOKEN, type BotProcess } from '../e2e/harness.js';
import { freshDatabase } from './support.js';

const GUILDS = 10;
const CHANNELS_PER_GUILD = 100;
const DISPATCHERS = 3;
const GLOBAL_LIMIT = 50;
/** Each process's share of the bot's budget, as the shard manager gives each shard. */
const REST_SHARE = Math.floor(GLOBAL_LIMIT / DISPATCHERS);
/** Each start re-plans the 1,000 channels (12,000 posts) before it is ready: slow on a busy machine. */
const READY_TIMEOUT_MS = 120_000;
/** Long enough for a claimed row to wait its turn in a busy process; short enough for a quick trial. */
const CLAIM_LEASE_S = 20;

/** mulberry32: a small seeded generator, so a failing run's kill points can be replayed. */
const seeded = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

const isPost = (r: RecordedRequest): boolean => r.method === 'POST' && r.route === '/channels/:channel_id/messages';
const nonceOf = (r: RecordedRequest): unknown => (r.body as { nonce?: unknown } | null)?.nonce;

let standin: Standin;
let database: Awaited<ReturnType<typeof freshDatabase>> | undefined;
let peek: OpenedPgDatabase | undefined;
const bots: BotProcess[] = [];

afterAll(async () => {
  const password = database === undefined ? '' : new URL(database.url).password;
  for (const bot of bots) {
    const output = bot.stdout() + bot.stderr();
    expect(output).not.toContain(TEST_TOKEN);
    if (password !== '') expect(output).not.toContain(password);
  }
  await stopAll();
  await standin?.close();
  await peek?.close();
  await database?.drop();
}, 60_000);

describe('three dispatchers on PostgreSQL, two of them SIGKILLed during a fan-out', () => {
  const fans: { guildId: string; channelId: string }[] = [];

  beforeAll(async () => {
    standin = await startTestStandin({
      globalRateLimit: GLOBAL_LIMIT,
      guilds: Array.from({ length: GUILDS }, (_, g) => ({
        ...(g === 0 ? { id: GUILD_ID } : {}),
        name: `CAF test server ${g}`,
        channels: [{ name: 'general' }, ...Array.from({ length: CHANNELS_PER_GUILD }, (_, c) => ({ name: `fan-${c}` }))],
      })),
    });
    for (const guild of standin.state.guilds.values()) {
      for (let c = 0; c < CHANNELS_PER_GUILD; c += 1) fans.push({ guildId: guild.id, channelId: standin.channelByName(guild.id, `fan-${c}`)!.id });
    }
    // The installation as an operator would move it: set up on SQLite, then `db:copy` to PostgreSQL. The
    // three processes plan the posts themselves, all at once, as they start.
    const seedFile = join(makeTempDir(), 'seed.sqlite');
    const store = openSeasonStore({ databasePath: seedFile });
    try {
      const at = PREVIEW_24H - 24 * H;
      for (const fan of fans) setSubscription(store.db, { ...fan, roleId: null, leadsMs: [24 * H], recap: false }, at);
    } finally {
      store.close();
    }
    database = await freshDatabase('fanout_crash');
    await copySqliteToPostgres({ from: seedFile, to: database.url });
    peek = openPgDatabase(database.url, { max: 1 });
  }, 120_000);

  test('GIVEN 1,000 channels due and two SIGKILLs at random points THEN each channel has exactly one post, within 50 requests/s', async () => {
    const seed = Number(process.env.FANOUT_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
    const random = seeded(seed);
    const firstKillAt = 100 + Math.floor(random() * 300);
    const secondKillAt = firstKillAt + 150 + Math.floor(random() * 300);
    const victims = [0, 1, 2].sort(() => random() - 0.5).slice(0, 2);
    console.log(`fanout-crash: seed ${seed} (FANOUT_CRASH_SEED=${seed} replays it): kill dispatcher ${victims[0]} at ${firstKillAt} posts, dispatcher ${victims[1]} at ${secondKillAt}`);

    const env = botEnv(standin, {
      databasePath: '',
      extra: {
        DATABASE_PATH: undefined,
        DATABASE_URL: database!.url,
        REST_REQUESTS_PER_SECOND: String(REST_SHARE),
        // A killed process's claimed rows come back after this (default 2 minutes).
        ANNOUNCE_CLAIM_LEASE_SECONDS: String(CLAIM_LEASE_S),
        BOT_CLOCK_START: new Date(PREVIEW_24H + 5_000).toISOString(),
        // A beat every real second (at rate 1 it would be every minute), so rows are taken over as soon as their lease ends.
        BOT_CLOCK_RATE: '60',
        LOG_LEVEL: 'info',
      },
    });
    const posted = (): number => fans.filter((f) => posts(standin, f.channelId).length > 0).length;
    const started = Date.now();
    const dispatchers = Array.from({ length: DISPATCHERS }, () => spawnBot(env));
    bots.push(...dispatchers);
    await Promise.all(dispatchers.map((bot) => bot.waitForLog(isReadyLine, READY_TIMEOUT_MS, 'the ready line')));

    const kills: number[] = [];
    for (const [victim, at] of [[victims[0]!, firstKillAt], [victims[1]!, secondKillAt]] as const) {
      await standin.waitFor(() => posted() >= at, 60_000, `${at} posts`);
      await dispatchers[victim]!.stop('SIGKILL');
      kills.push(Date.now());
      // Started again at once; the others keep posting while it starts.
      const bot = spawnBot(env);
      bots.push(bot);
      dispatchers[victim] = bot;
    }

    // Rows the killed processes had claimed come back when their lease runs out.
    await standin.waitFor(() => posted() === fans.length, 120_000, 'a post in every channel');
    await sleep(1_500);
    const seconds = (Date.now() - started) / 1000;
    // Both restarted processes came up (one may have had nothing left to post by then).
    await Promise.all(dispatchers.map((bot) => bot.waitForLog(isReadyLine, READY_TIMEOUT_MS, 'the ready line after a restart')));

    expect(fans.filter((f) => posts(standin, f.channelId).length !== 1)).toEqual([]);

    const sends = standin.requests.filter((r) => r.startedAt >= started && isPost(r));
    const byChannel = new Map<string, RecordedRequest[]>();
    for (const r of sends) byChannel.set(r.path, [...(byChannel.get(r.path) ?? []), r]);
    const repeated = [...byChannel.values()].filter((rs) => rs.length > 1);
    // A repeat carries the first POST's nonce and comes after a kill that the first POST preceded.
    const badRepeats = repeated.filter((rs) => new Set(rs.map(nonceOf)).size !== 1 || !kills.some((k) => rs[0]!.startedAt < k && rs.at(-1)!.startedAt > k));
    expect(badRepeats.map((rs) => rs.map((r) => ({ path: r.path, nonce: nonceOf(r), at: r.startedAt })))).toEqual([]);
    expect(sends.every((r) => typeof nonceOf(r) === 'string' && (r.body as { enforce_nonce?: unknown }).enforce_nonce === true)).toBe(true);

    const trial = standin.requests.filter((r) => r.startedAt >= started);
    const stats = standin.stats();
    console.log(
      `fanout-crash: ${fans.length} channels in ${seconds.toFixed(1)} s; ${sends.length} POSTs (${repeated.length} repeated with their nonce); ` +
        `busiest second: ${busiestSecond(trial)} requests (${busiestSecond(sends)} POSTs); 429s global ${stats.globalLimited}, route ${stats.routeLimited}`,
    );
    expect(busiestSecond(trial)).toBeLessThanOrEqual(GLOBAL_LIMIT);
    expect(stats.globalLimited).toBe(0);

    const { rows } = await peek!.pool.query<{ status: string; n: number }>(
      "select status, count(*)::int as n from announcement_outbox where round_key = 'GS-MD1' group by status",
    );
    expect(rows).toEqual([{ status: 'sent', n: fans.length }]);
    // Each claim counts an attempt: rows claimed twice are the killed processes' rows, taken over after their lease.
    const takenOver = await peek!.pool.query<{ n: number }>("select count(*)::int as n from announcement_outbox where round_key = 'GS-MD1' and attempts > 1");
    console.log(`fanout-crash: ${takenOver.rows[0]?.n} rows taken over after a kill`);
    expect(takenOver.rows[0]?.n).toBeGreaterThan(0);
  }, 300_000);
});
