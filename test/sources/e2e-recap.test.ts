// The whole bot in-process on a replay clock the test moves, the Champions League season naming a
// local HTTP source: the final's second leg has no result in the file the bot starts from; the source
// has published it (the bot's first poll, at start, finds it) before the round's recap is due, and
// the recap posted in #cl carries it. A later poll finding a change is e2e.test.ts's case; this one
// does not wait the 10 s of a second poll for it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Standin } from 'discord-standin';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { announceAsManager, messageText, posts } from '../e2e/announcement-support.js';
import { GUILD_ID, makeTempDir, startTestStandin, stopAll, STARTUP_TIMEOUT_MS } from '../e2e/harness.js';
import { startInProcessBot, stopInProcessBots, type InProcessBot } from '../e2e/in-process-bot.js';
import { clSeasonFile, matchOf, startLocalSource, withoutResult, type LocalSource } from './support.js';

const ID = 'caf-cl-2023-24';
const EVERY_S = 10;

let standin: Standin;
let source: LocalSource;
let bot: InProcessBot;
let cl: string;

const served = (file: unknown) => JSON.stringify({ ...(file as object), source: { url: source.url, format: 'season-json', every: `${EVERY_S}s` } });

beforeAll(async () => {
  const dir = makeTempDir();
  source = await startLocalSource();
  const before = clSeasonFile();
  withoutResult(before, 'F-L2');
  before.champion = null;
  const file = join(dir, `${ID}.json`);
  writeFileSync(file, served(before));
  const after = clSeasonFile();
  matchOf(after, 'F-L2').goals = [{ team: 'Al Ahly SC', player: 'Test Scorer', minute: '25', type: 'regular' }];
  source.serve({ body: served(after), etag: '"after"' });
  standin = await startTestStandin({ guilds: [{ id: GUILD_ID, name: 'CAF test server', channels: [{ name: 'general' }, { name: 'cl' }] }] });
  cl = standin.channelByName(GUILD_ID, 'cl')!.id;
  // Midday on the day of the final's second leg; the clock stands still until the test moves it.
  bot = await startInProcessBot(standin, { databasePath: join(dir, 'bot.sqlite'), clock: { start: '2024-05-25T12:00:00Z', rate: 3_600 }, extra: { SEASON_FILES: file } });
}, STARTUP_TIMEOUT_MS + 5_000);

afterAll(async () => {
  await stopInProcessBots();
  await stopAll();
  await standin?.close();
  await source?.close();
});

describe('a result the source publishes before the recap', () => {
  test(
    'is in the round’s recap',
    async () => {
      expect((await announceAsManager(standin, 'set', { channel: cl, competition: ID })).content).toContain(`Announcements are on in <#${cl}>`);
      await bot.waitForLog((l) => l.msg === 'season source polled' && l.season === ID, 5_000, 'the source started');
      await bot.waitForLog((l) => l.msg === 'season updated from its source: 1 result, 1 goal', (EVERY_S + 5) * 1_000, 'the update');

      // The recap of a round of date-only matches is due at the end of its last day.
      await bot.advanceTo('2024-05-26T00:00:00Z');
      await bot.waitForSent(1, 'the final second leg recap');
      const [recap, ...others] = posts(standin, cl);
      expect(others).toEqual([]);
      const text = messageText(recap!);
      expect(text).toMatch(/Al Ahly SC \*\*1–0\*\* Espérance de Tunis/);
      expect(text).toContain('Test Scorer');
    },
    (EVERY_S + 40) * 1_000,
  );
});
