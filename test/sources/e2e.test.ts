// The whole bot (startBot, real discord.js, the stand-in) with the Champions League season file naming
// a local HTTP source: a result added to the served file appears in /fixtures without a restart.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Standin } from 'discord-standin';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeTempDir, startTestStandin, stopAll, STARTUP_TIMEOUT_MS } from '../e2e/harness.js';
import { startInProcessBot, stopInProcessBots, type InProcessBot } from '../e2e/in-process-bot.js';
import { clSeasonFile, finalLines, matchOf, startLocalSource, withoutResult, type LocalSource } from './support.js';

const ID = 'caf-cl-2023-24';
/** The shortest `every` a source may have: the second poll comes this long after the first. */
const EVERY_S = 10;

let standin: Standin;
let source: LocalSource;
let bot: InProcessBot;

beforeAll(async () => {
  const dir = makeTempDir();
  source = await startLocalSource();
  const before = clSeasonFile();
  withoutResult(before, 'F-L2');
  before.champion = null;
  const file = join(dir, `${ID}.json`);
  const withSource = { ...before, source: { url: source.url, format: 'season-json', every: `${EVERY_S}s` } };
  writeFileSync(file, JSON.stringify(withSource));
  source.serve({ body: JSON.stringify(withSource), etag: '"before"' });
  standin = await startTestStandin();
  bot = await startInProcessBot(standin, { databasePath: join(dir, 'bot.sqlite'), extra: { SEASON_FILES: file } });
}, STARTUP_TIMEOUT_MS + 5_000);

afterAll(async () => {
  await stopInProcessBots();
  await stopAll();
  await standin?.close();
  await source?.close();
});


describe('a season kept current from its source', () => {
  test(
    'a result added to the served file shows in /fixtures without a restart',
    async () => {
      await bot.waitForLog((l) => l.msg === 'season source polled' && l.season === ID, 5_000, 'the source started');
      // The first poll finds the file as loaded: a 200 with nothing new.
      await expect.poll(() => source.requests.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(1);
      expect(await finalLines(standin, ID)).toEqual([expect.stringMatching(/Espérance de Tunis \*\*0–0\*\* Al Ahly SC/), expect.stringMatching(/Al Ahly SC v Espérance de Tunis/)]);

      const after = clSeasonFile();
      matchOf(after, 'F-L2').goals = [{ team: 'Al Ahly SC', player: 'Test Scorer', minute: '25', type: 'regular' }];
      source.serve({ body: JSON.stringify({ ...after, source: { url: source.url, format: 'season-json', every: `${EVERY_S}s` } }), etag: '"after"' });
      const updated = await bot.waitForLog((l) => typeof l.msg === 'string' && l.msg.startsWith('season updated from its source'), (EVERY_S + 5) * 1_000, 'the update');
      expect(updated.msg).toBe('season updated from its source: 1 result, 1 goal');
      expect(source.requests.at(-1)?.['if-none-match']).toBe('"before"');

      expect(await finalLines(standin, ID)).toEqual([
        expect.stringMatching(/Espérance de Tunis \*\*0–0\*\* Al Ahly SC/),
        expect.stringMatching(/Al Ahly SC \*\*1–0\*\* Espérance de Tunis/),
        expect.stringMatching(/Al Ahly SC win the Champions League, 1–0 on aggregate/),
      ]);
    },
    (EVERY_S + 20) * 1_000,
  );
});
