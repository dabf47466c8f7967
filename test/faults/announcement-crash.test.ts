// A crash in the middle of a fan-out, end to end (`npm run test:faults`: it needs a SIGKILL, a restart
// and 200 channels at Discord's global 50 requests/s, so it stays out of the quick `npm test`).
import { join } from 'node:path';
import type { Standin } from 'discord-standin';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { H, PREVIEW_24H, posts, readRows, seed, sleep } from '../e2e/announcement-support.js';
import { botEnv, GUILD_ID, makeTempDir, startBotProcess, startTestStandin, stopAll, TEST_TOKEN, type BotProcess } from '../e2e/harness.js';

let standin: Standin;
const bots: BotProcess[] = [];

afterAll(async () => {
  for (const bot of bots) expect(bot.stdout() + bot.stderr()).not.toContain(TEST_TOKEN);
  await stopAll();
  await standin?.close();
});

describe('a SIGKILL during a fan-out', () => {
  beforeAll(async () => {
    standin = await startTestStandin({
      globalRateLimit: 50,
      guilds: [{ id: GUILD_ID, name: 'CAF test server', channels: [{ name: 'general' }, ...Array.from({ length: 200 }, (_, i) => ({ name: `fan-${i}` }))] }],
    });
  }, 30_000);

  const id = (name: string): string => standin.channelByName(GUILD_ID, name)!.id;

  test('GIVEN a SIGKILL in the middle of a fan-out to 200 channels THEN after a restart every channel has exactly one post', async () => {
    const databasePath = join(makeTempDir(), 'bot.sqlite');
    const fans = Array.from({ length: 200 }, (_, i) => id(`fan-${i}`));
    seed(databasePath, fans.map((c) => ({ id: c, leadsMs: [24 * H] })), PREVIEW_24H - 24 * H);
    const env = botEnv(standin, { databasePath, extra: { BOT_CLOCK_START: new Date(PREVIEW_24H + 5_000).toISOString(), BOT_CLOCK_RATE: '1' } });

    const first = (await startBotProcess(env)).bot;
    bots.push(first);
    await standin.waitFor(() => fans.filter((c) => posts(standin, c).length > 0).length >= 60, 30_000, '60 posts');
    await first.stop('SIGKILL');
    const before = fans.filter((c) => posts(standin, c).length > 0).length;
    expect(before).toBeLessThan(200);

    const second = (await startBotProcess(env)).bot;
    bots.push(second);
    // Its first tick took back the rows the killed process had claimed (and resent them with their nonces).
    const catchUp = await second.waitForLog((l) => l.msg === 'announcement tick', 30_000, 'the catch-up tick');
    expect(catchUp.reclaimed).toBeGreaterThan(0);
    await standin.waitFor(() => fans.every((c) => posts(standin, c).length > 0), 60_000, 'a post in every channel');
    await sleep(1_000);
    expect(fans.filter((c) => posts(standin, c).length !== 1)).toEqual([]);
    await second.stop('SIGTERM');

    const rows = readRows(databasePath, "select status, count(*) as n from announcement_outbox where round_key = 'GS-MD1' group by status");
    expect(rows).toEqual([{ status: 'sent', n: 200 }]);
  }, 150_000);
});
