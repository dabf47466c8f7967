// A crash in the middle of a fan-out of full-time posts, end to end (`npm run test:faults`): 100 channels
// with results:each, the four 16:00 matches of the Confederation Cup's matchday 1 at full time (18:30 on
// 26 Nov 2023), Discord's global 50 requests/s; a SIGKILL half-way, a restart, and every channel has
// each full-time post exactly once.
import { join } from 'node:path';
import type { Standin } from 'discord-standin';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { setSubscription } from '../../src/db/guild-settings.js';
import { posts, readRows, sleep } from '../e2e/announcement-support.js';
import { botEnv, GUILD_ID, makeTempDir, startBotProcess, startTestStandin, stopAll, TEST_TOKEN, type BotProcess } from '../e2e/harness.js';

const CHANNELS = 100;
const PER_CHANNEL = 4;
const FULL_TIME = Date.parse('2023-11-26T18:30:00Z');

let standin: Standin;
const bots: BotProcess[] = [];

afterAll(async () => {
  for (const bot of bots) expect(bot.stdout() + bot.stderr()).not.toContain(TEST_TOKEN);
  await stopAll();
  await standin?.close();
});

describe('a SIGKILL during a fan-out of full-time posts', () => {
  beforeAll(async () => {
    standin = await startTestStandin({
      globalRateLimit: 50,
      guilds: [{ id: GUILD_ID, name: 'CAF test server', channels: [{ name: 'general' }, ...Array.from({ length: CHANNELS }, (_, i) => ({ name: `ft-${i}` }))] }],
    });
  }, 30_000);

  const id = (name: string): string => standin.channelByName(GUILD_ID, name)!.id;

  test('GIVEN a SIGKILL in the middle THEN after a restart every channel has each full-time post exactly once', async () => {
    const databasePath = join(makeTempDir(), 'bot.sqlite');
    const fans = Array.from({ length: CHANNELS }, (_, i) => id(`ft-${i}`));
    // Set up at 18:00: the 13:00 matches' results (known at 15:30) are before that and not posted.
    const { db, close } = openDatabase(databasePath);
    try {
      for (const c of fans) setSubscription(db, { guildId: GUILD_ID, channelId: c, roleId: null, leadsMs: [], results: 'each' }, FULL_TIME - 30 * 60_000);
    } finally {
      close();
    }
    const env = botEnv(standin, { databasePath, extra: { BOT_CLOCK_START: new Date(FULL_TIME + 5_000).toISOString(), BOT_CLOCK_RATE: '1' } });
    const total = (): number => fans.reduce((n, c) => n + posts(standin, c).length, 0);

    const first = (await startBotProcess(env)).bot;
    bots.push(first);
    await standin.waitFor(() => total() >= 100, 30_000, '100 full-time posts');
    await first.stop('SIGKILL');
    expect(total()).toBeLessThan(CHANNELS * PER_CHANNEL);

    const second = (await startBotProcess(env)).bot;
    bots.push(second);
    // A post caught in a transient failure (the rate limit) waits for its retry on the next minute's heartbeat.
    await standin.waitFor(() => total() >= CHANNELS * PER_CHANNEL, 130_000, 'every full-time post').catch((err: unknown) => {
      const ledger = readRows(databasePath, "select kind, status, last_error, count(*) as n from announcement_outbox where due_at <= ? group by kind, status, last_error", FULL_TIME + 60_000);
      throw new Error(`${String(err)}: ${total()} posts; ledger ${JSON.stringify(ledger)}`);
    });
    await sleep(1_000);
    expect(fans.filter((c) => posts(standin, c).length !== PER_CHANNEL)).toEqual([]);
    for (const c of fans.slice(0, 3)) {
      expect(posts(standin, c).every((m) => (m.embeds[0]?.title ?? '').startsWith('Full time'))).toBe(true);
      expect(new Set(posts(standin, c).map((m) => m.embeds[0]?.description)).size).toBe(PER_CHANNEL);
    }
    await second.stop('SIGTERM');

    const rows = readRows(databasePath, "select status, count(*) as n from announcement_outbox where kind = 'result' and due_at <= ? group by status", FULL_TIME);
    expect(rows).toEqual([{ status: 'sent', n: CHANNELS * PER_CHANNEL }]);
  }, 240_000);
});
