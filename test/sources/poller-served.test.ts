import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { applyOverrides, type Override } from '../../src/domain/overrides.js';
import type { Season } from '../../src/domain/types.js';
import { parseSeason } from '../../src/season/parse.js';
import { createSourcePoller, type SourceUpdate } from '../../src/sources/poller.js';
import { seasonJsonReader } from '../../src/sources/readers.js';
import { captureLog, clSeasonFile, matchOf, startLocalSource, withoutResult, type LocalSource } from './support.js';

// The poller's change summary is measured against the season as served (the store's: the editors'
// live overrides included, also those saved while the bot runs), so an edited field is neither
// counted as a source change nor missed when the source really changes something else.

const ID = 'caf-cl-2023-24';
const beforeFinal = () => {
  const file = clSeasonFile();
  withoutResult(file, 'F-L2');
  file.champion = null;
  return file;
};
const asSeason = (file: unknown): Season => parseSeason(file, 'test').season;
const text = (file: unknown) => `${JSON.stringify(file, null, 2)}\n`;

let source: LocalSource;
let applied: SourceUpdate[];
beforeEach(async () => {
  source = await startLocalSource();
  applied = [];
});
afterEach(async () => {
  await source.close();
});

describe('an editor saves a result while the source is polled', () => {
  test('the next source update counts only what the source changed, not the edit', async () => {
    const loaded = asSeason(beforeFinal());
    const overrides: Override[] = [];
    // What the store serves: the last import with the live overrides on top.
    let base = loaded;
    const served = () => applyOverrides(base, overrides).season;
    const p = createSourcePoller({
      seasonId: ID,
      url: source.url,
      everyMs: 60_000,
      initial: loaded,
      read: seasonJsonReader({ id: ID }, source.url),
      apply: (_season, update) => {
        applied.push(update);
        base = update.source;
      },
      overrides: () => overrides,
      served,
      logger: captureLog().logger,
      random: () => 0.5,
    });
    source.serve({ body: text(beforeFinal()), etag: '"v1"' });
    expect(await p.pollOnce()).toMatchObject({ kind: 'unchanged', reason: 'no-change' });

    // The editor saves the final's second leg (the source has not published it yet).
    overrides.push(
      { season: ID, match: 'F-L2', field: 'status', value: 'played', journal: '1' },
      { season: ID, match: 'F-L2', field: 'score', value: { home: 1, away: 0 }, journal: '1' },
    );
    // The source publishes a kickoff for another match, still without the final's result.
    const v2 = beforeFinal();
    matchOf(v2, 'SF1-L2').kickoff = '2024-04-26T19:00:00Z';
    source.serve({ body: text(v2), etag: '"v2"' });
    expect(await p.pollOnce()).toMatchObject({ kind: 'updated' });
    expect(applied.map((u) => u.summary)).toEqual(['1 kickoff moved']);
    expect(applied[0]?.season.matches.find((m) => m.id === 'F-L2')?.score).toEqual({ home: 1, away: 0 });

    // The source then agrees with the edit: nothing changed for fans, nothing to import.
    const v3 = structuredClone(v2);
    Object.assign(matchOf(v3, 'F-L2'), { status: 'played', score: { home: 1, away: 0 } });
    source.serve({ body: text(v3), etag: '"v3"' });
    expect(await p.pollOnce()).toMatchObject({ kind: 'unchanged', reason: 'no-change' });
    expect(applied).toHaveLength(1);
  });
});
