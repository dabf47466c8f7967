// A season kept current from a local HTTP source, end to end without Discord: the real store on a
// real SQLite file, the poller, the store's import of a source update, and /fixtures' reply built
// from the store's catalog.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadSeason } from '../../src/db/season-repo.js';
import { fixturesReply } from '../../src/discord/commands/fixtures-query.js';
import { seasonAsOf } from '../../src/domain/as-of.js';
import { openSeasonStore, type SeasonStore } from '../../src/season-store.js';
import { createSourcePoller } from '../../src/sources/poller.js';
import { seasonJsonReader } from '../../src/sources/readers.js';
import { captureLog, clSeasonFile, matchOf, startLocalSource, withoutResult, type LocalSource } from './support.js';

const ID = 'caf-cl-2023-24';
const NOW = new Date('2024-05-26T12:00:00Z');

let dir: string;
let source: LocalSource;
let stores: SeasonStore[];
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'live-'));
  source = await startLocalSource();
  stores = [];
});
afterEach(async () => {
  for (const store of stores) store.close();
  await source.close();
  rmSync(dir, { recursive: true, force: true });
});

const open = (file: string) => {
  const store = openSeasonStore({ databasePath: join(dir, 'bot.sqlite'), seasonFiles: [file] });
  stores.push(store);
  return store;
};

/** The final's lines of /fixtures as a fan sees them on NOW. */
const finalLines = (season: Parameters<typeof fixturesReply>[0]) =>
  (fixturesReply(seasonAsOf(season, NOW), { when: 'all', stage: 'final' }, 1, NOW).embeds[0]?.description ?? '').split('\n').filter((l) => l.includes('Ahly'));

describe('a result added at the source', () => {
  test('is imported, shown by /fixtures without a restart, and still there after a restart', async () => {
    const before = clSeasonFile();
    withoutResult(before, 'F-L2');
    before.champion = null;
    const file = join(dir, 'caf-cl-2023-24.json');
    writeFileSync(file, JSON.stringify({ ...before, source: { url: source.url, format: 'season-json', every: '15m' } }));
    const store = open(file);
    const season = () => {
      const found = store.catalog().get(ID);
      if (!found) throw new Error('season not served');
      return found;
    };
    expect(finalLines(season())).toEqual([expect.stringMatching(/Espérance de Tunis \*\*0–0\*\* Al Ahly SC$/), expect.stringMatching(/Al Ahly SC v Espérance de Tunis$/)]);
    const loadedAt = store.catalog().list().find((e) => e.id === ID)?.updatedAt?.getTime() ?? Number.NaN;

    const log = captureLog();
    const poller = createSourcePoller({
      seasonId: ID,
      url: source.url,
      everyMs: 900_000,
      initial: season(),
      read: seasonJsonReader({ id: ID }, source.url),
      // Imported on NOW, the instant the fan reads at: a result is known from when it arrived.
      apply: (next, update) => {
        store.importFromSource(next, update.hash, NOW);
      },
      logger: log.logger,
    });
    // The source publishes the second leg: Al Ahly 1-0.
    const after = clSeasonFile();
    matchOf(after, 'F-L2').goals = [{ team: 'Al Ahly SC', player: 'Test Scorer', minute: '25', type: 'regular' }];
    source.serve({ body: JSON.stringify(after), etag: '"final"' });
    expect(await poller.pollOnce()).toMatchObject({ kind: 'updated', update: { summary: '1 result, 1 goal' } });

    expect(finalLines(season())).toEqual([
      expect.stringMatching(/Espérance de Tunis \*\*0–0\*\* Al Ahly SC$/),
      expect.stringMatching(/Al Ahly SC \*\*1–0\*\* Espérance de Tunis$/),
      '↳ Al Ahly SC win the Champions League, 1–0 on aggregate',
    ]);
    expect(store.dataVersion()).not.toBeNull();
    // Updated by the source import, on the bot's clock (NOW), no longer the file's import.
    expect(store.catalog().list().find((e) => e.id === ID)?.updatedAt?.getTime()).not.toBe(loadedAt);
    expect(store.catalog().list().find((e) => e.id === ID)?.updatedAt?.getTime()).toBe(NOW.getTime());
    // In the database, for the other processes and the CLI.
    expect(loadSeason(store.db, ID).matches.find((m) => m.id === 'F-L2')?.score).toEqual({ home: 1, away: 0 });

    // A broken file at the source changes nothing.
    source.serve({ body: '{ "id": ', etag: '"broken"' });
    expect(await poller.pollOnce()).toMatchObject({ kind: 'failed' });
    expect(finalLines(season())[1]).toMatch(/\*\*1–0\*\*/);

    // A restart with the same season file keeps the source's data: the file is not imported over it.
    store.close();
    stores = [];
    const again = open(file);
    expect(again.imported).toBe(false);
    expect(finalLines(again.catalog().get(ID) ?? season())[1]).toMatch(/Al Ahly SC \*\*1–0\*\* Espérance de Tunis$/);
  });
});
