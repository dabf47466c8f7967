import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { applyOverrides, type Override } from '../../src/domain/overrides.js';
import type { Season } from '../../src/domain/types.js';
import { parseSeason } from '../../src/season/parse.js';
import { createSourcePoller, type SourceUpdate } from '../../src/sources/poller.js';
import { seasonJsonReader } from '../../src/sources/readers.js';
import { captureLog, clSeasonFile, matchOf, startLocalSource, withoutResult, type LocalSource } from './support.js';

// A source that changes only a field an editor overrode: fans see nothing new (the override stays),
// but the update is still imported, so the store keeps the source's data as the base and editors
// hear of the disagreement (notice, /edit log). The same body again imports nothing.

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
beforeEach(async () => {
  source = await startLocalSource();
});
afterEach(async () => {
  await source.close();
});

describe('a source that differs only where an editor overrode it', () => {
  test('is imported once with its conflict, changes nothing served, and the same body is not imported again', async () => {
    const loaded = asSeason(beforeFinal());
    const applied: SourceUpdate[] = [];
    let base = loaded;
    // The editor saved the final's second leg 2-0.
    const overrides: Override[] = [
      { season: ID, match: 'F-L2', field: 'status', value: 'played', journal: '7' },
      { season: ID, match: 'F-L2', field: 'score', value: { home: 2, away: 0 }, journal: '7' },
    ];
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
      overrides: async () => overrides,
      served,
      logger: captureLog().logger,
      random: () => 0.5,
    });
    // The source publishes 1-0 and nothing else.
    const published = beforeFinal();
    Object.assign(matchOf(published, 'F-L2'), { status: 'played', score: { home: 1, away: 0 } });
    source.serve({ body: text(published), etag: '"v1"' });
    const outcome = await p.pollOnce();
    expect(outcome).toMatchObject({ kind: 'updated' });
    expect(applied).toHaveLength(1);
    expect(applied[0]?.summary).toBe('no change to what is served (the source differs where editors overrode it)');
    expect(applied[0]?.conflicts.map((c) => [c.match, c.field, c.sourceValue, c.overrideValue])).toEqual([['F-L2', 'score', { home: 1, away: 0 }, { home: 2, away: 0 }]]);
    // The source's data is the base now; fans still see the edit.
    expect(base.matches.find((m) => m.id === 'F-L2')?.score).toEqual({ home: 1, away: 0 });
    expect(served().matches.find((m) => m.id === 'F-L2')?.score).toEqual({ home: 2, away: 0 });

    // The same bytes again (no validators honoured): nothing more to import.
    source.serve({ body: text(published) });
    expect(await p.pollOnce()).toMatchObject({ kind: 'unchanged' });
    expect(applied).toHaveLength(1);

    // A source that agrees with the edit is no conflict: nothing imported.
    const agreeing = beforeFinal();
    Object.assign(matchOf(agreeing, 'F-L2'), { status: 'played', score: { home: 2, away: 0 } });
    source.serve({ body: text(agreeing), etag: '"v2"' });
    expect(await p.pollOnce()).toMatchObject({ kind: 'unchanged', reason: 'no-change' });
    expect(applied).toHaveLength(1);
  });
});
