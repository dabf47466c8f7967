// "Also" in issue 8: two bot processes started on one SQLite file. The real entry point twice (the e2e
// harness). The first is in the middle of a fan-out (Discord slow to answer) when the second starts:
// the second must not take the first's rows back and post them again (Discord de-duplicates a nonce
// only for a few minutes), but say why it does not dispatch. Every channel gets exactly one POST.
import { join } from 'node:path';
import type { Standin } from 'discord-standin';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { setSubscription } from '../../src/db/guild-settings.js';
import { botEnv, GUILD_ID, makeTempDir, startBotProcess, startTestStandin, stopAll, STARTUP_TIMEOUT_MS, type LogLine } from '../e2e/harness.js';

const H = 3_600_000;
/** Group stage matchday 1 of the real season: the 24h preview is due here. */
const PREVIEW_24H = Date.parse('2023-11-25T13:00:00Z');
const CHANNELS = 20;
/** How long Discord takes to answer the first process's posts: longer than the second's startup. */
const SLOW_MS = 8_000;

let standin: Standin;

beforeAll(async () => {
  standin = await startTestStandin({
    guilds: [{ id: GUILD_ID, name: 'CAF test server', channels: [{ name: 'general' }, ...Array.from({ length: CHANNELS }, (_, i) => ({ name: `fan-${i}` }))] }],
  });
});
afterAll(async () => {
  await stopAll();
  await standin?.close();
});

test(
  'GIVEN a second bot started on the same database mid-fan-out THEN it logs why it does not dispatch, and each channel gets one POST',
  async () => {
    let faultHits = (): number => 0;
    const fans = Array.from({ length: CHANNELS }, (_, i) => standin.channelByName(GUILD_ID, `fan-${i}`)!.id);
    const databasePath = join(makeTempDir(), 'bot.sqlite');
    const seeded = openDatabase(databasePath);
    try {
      for (const channelId of fans) setSubscription(seeded.db, { guildId: GUILD_ID, channelId, roleId: null, leadsMs: [24 * H], recap: false }, PREVIEW_24H - 24 * H);
    } finally {
      seeded.close();
    }
    const slow = standin.injectFault({ method: 'POST', pathPattern: '/channels/:id/messages', delayMs: SLOW_MS, times: CHANNELS });
    faultHits = () => slow.hits;
    const env = botEnv(standin, { databasePath, extra: { BOT_CLOCK_START: new Date(PREVIEW_24H + 5_000).toISOString(), BOT_CLOCK_RATE: '1' } });
    const a = await startBotProcess(env);
    // Every channel's post is on its way (held by Discord) when the second process starts.
    await standin.waitFor(() => faultHits() >= CHANNELS, 20_000, 'the first fan-out in flight');
    const heldSince = Date.now();
    const b = await startBotProcess(env);

    const postsTo = (id: string) => standin.requestsTo('POST', `/channels/${id}/messages`);
    await standin.waitFor(() => fans.every((id) => postsTo(id).length > 0), SLOW_MS + 20_000, 'a post in every channel');
    // Until the held posts have been answered too (the stand-in records a request when it answers).
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, heldSince + SLOW_MS + 1_500 - Date.now())));
    expect(fans.filter((id) => postsTo(id).length !== 1)).toEqual([]);

    const refused = (line: LogLine) => line.msg === 'another bot process is dispatching announcements from this database; this one waits until its lease expires';
    const leads = (line: LogLine) => line.msg === 'dispatcher lease acquired';
    const roles = [a.bot, b.bot].map((bot) => ({ leads: bot.lines.some(leads), refused: bot.lines.some(refused) }));
    expect(roles.sort((x, y) => Number(y.leads) - Number(x.leads))).toEqual([
      { leads: true, refused: false },
      { leads: false, refused: true },
    ]);
    for (const { bot } of [a, b]) expect(await bot.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  },
  2 * STARTUP_TIMEOUT_MS + SLOW_MS + 40_000,
);
