// One process polls the season sources (src/sources/leader.ts), between two real bot processes on one
// PostgreSQL database: the first holds the `sources` lease and polls a local HTTP source, the second
// follows the data version; the first is SIGKILLed, the second takes the lease over and imports the
// next change the source serves. On one host the second does not wait out the lease's 90 s: its holder
// names a pid of this host that is gone, which it takes over at its next check (every 30 s). The lease
// ttl is not configurable (SOURCES_LEASE_TTL_MS), so the expiry path across hosts is not run here.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Standin } from 'discord-standin';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { botEnv, makeTempDir, startBotProcess, startTestStandin, stopAll, TEST_TOKEN, type BotProcess } from '../e2e/harness.js';
import { clSeasonFile, finalLines, matchOf, startLocalSource, withoutResult, type LocalSource } from '../sources/support.js';
import { freshDatabase } from './support.js';

const ID = 'caf-cl-2023-24';
/** The shortest `every` a source may have. */
const EVERY_S = 10;

let standin: Standin;
let source: LocalSource;
let database: Awaited<ReturnType<typeof freshDatabase>> | undefined;
const bots: BotProcess[] = [];

afterAll(async () => {
  for (const bot of bots) expect(bot.stdout() + bot.stderr()).not.toContain(TEST_TOKEN);
  await stopAll();
  await standin?.close();
  await source?.close();
  await database?.drop();
}, 30_000);

describe('the sources lease between two processes on PostgreSQL', () => {
  let seasonFile: string;
  const served = (file: ReturnType<typeof clSeasonFile>): string => JSON.stringify({ ...file, source: { url: source.url, format: 'season-json', every: `${EVERY_S}s` } });

  beforeAll(async () => {
    database = await freshDatabase('source_lease');
    source = await startLocalSource();
    const before = clSeasonFile();
    withoutResult(before, 'F-L2');
    before.champion = null;
    seasonFile = join(makeTempDir(), `${ID}.json`);
    writeFileSync(seasonFile, served(before));
    source.serve({ body: served(before), etag: '"before"' });
    standin = await startTestStandin();
  }, 30_000);

  test('GIVEN the polling process SIGKILLed THEN the other takes the sources lease and imports the next change', async () => {
    const env = botEnv(standin, { databasePath: '', extra: { DATABASE_PATH: undefined, DATABASE_URL: database!.url, SEASON_FILES: seasonFile, LOG_LEVEL: 'info' } });
    const first = (await startBotProcess(env)).bot;
    bots.push(first);
    await first.waitForLog((l) => l.msg === 'season source polled' && l.season === ID, 15_000, 'the first process polling');
    const second = (await startBotProcess(env)).bot;
    bots.push(second);
    await second.waitForLog((l) => l.msg === 'another process polls the season sources; this one follows the data version', 15_000, 'the second following');
    expect(second.lines.filter((l) => l.msg === 'season source polled')).toEqual([]);

    await first.stop('SIGKILL');
    const killedAt = Date.now();
    const after = clSeasonFile();
    matchOf(after, 'F-L2').goals = [{ team: 'Al Ahly SC', player: 'Test Scorer', minute: '25', type: 'regular' }];
    source.serve({ body: served(after), etag: '"after"' });

    const gone = await second.waitForLog((l) => l.msg === 'source lease held by a process of this host that is gone; taking it over', 45_000, 'the takeover');
    expect(gone.holder).toEqual(expect.stringContaining(`:${first.child.pid}:`));
    await second.waitForLog((l) => l.msg === 'source lease taken over; polling season sources', 5_000, 'polling');
    const updated = await second.waitForLog((l) => typeof l.msg === 'string' && l.msg.startsWith('season updated from its source'), (EVERY_S + 10) * 1_000, 'the update');
    expect(updated.msg).toBe('season updated from its source: 1 result, 1 goal');
    console.log(`source-lease: taken over and imported ${((Date.now() - killedAt) / 1000).toFixed(1)} s after the SIGKILL`);

    expect(await finalLines(standin, ID)).toEqual([
      expect.stringMatching(/Espérance de Tunis \*\*0–0\*\* Al Ahly SC/),
      expect.stringMatching(/Al Ahly SC \*\*1–0\*\* Espérance de Tunis/),
      expect.stringMatching(/Al Ahly SC win the Champions League, 1–0 on aggregate/),
    ]);
  }, 120_000);
});
