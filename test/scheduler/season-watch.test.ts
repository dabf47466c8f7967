import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { LEGACY_SEASON_ID } from '../../src/domain/announcements.js';
import type { SeasonCatalog } from '../../src/domain/catalog.js';
import type { Match, Season } from '../../src/domain/types.js';
import type { OpenedDatabase } from '../../src/db/client.js';
import { setSubscription } from '../../src/db/guild-settings.js';
import { rowsFor } from '../../src/db/outbox.js';
import { replanAll, type SeasonSource } from '../../src/planning/announcements.js';
import { createSeasonWatch } from '../../src/scheduler/season-watch.js';
import { groupTeams, match, season as makeSeason } from '../domain/builders.js';
import { makeTestDb, silent } from '../db/helpers.js';

// A season whose data changed (a source update) re-plans its own channels on the next heartbeat,
// and only those.

const G = '100000000000000001';
const CC = '200000000000000001';
const CL = '200000000000000002';
const CL_ID = 'caf-cl-2023-24';
const NOW = Date.parse('2023-11-20T00:00:00Z');

const md1 = (id: string, kickoff: string): Match =>
  match({ id, stage: 'group', group: 'A', matchday: 1, home: 'a', away: 'b', date: kickoff.slice(0, 10), kickoff, status: 'scheduled' });
const cc = makeSeason({ id: LEGACY_SEASON_ID, teams: groupTeams('A'), matches: [md1('CC-1', '2023-11-26T13:00:00Z')] });
const cl = (kickoff: string) => makeSeason({ id: CL_ID, teams: groupTeams('A'), matches: [md1('CL-1', kickoff)] });

/** A catalog as the store serves it: entries with their last import time. */
const catalogOf = (seasons: readonly [Season, Date | null][]): SeasonCatalog => ({
  list: () => seasons.map(([s, updatedAt]) => ({ id: s.id, competition: s.competition, label: '2023-24', updatedAt })),
  get: (id) => seasons.find(([s]) => s.id === id)?.[0],
});

let opened: OpenedDatabase;
beforeEach(() => {
  opened = makeTestDb();
  for (const [channelId, seasonId] of [
    [CC, LEGACY_SEASON_ID],
    [CL, CL_ID],
  ] as const) {
    setSubscription(opened.db, { guildId: G, channelId, seasonId, roleId: null, leadsMs: [24 * 3_600_000], recap: false }, 0);
  }
});
afterEach(() => opened.close());

describe('the season watch', () => {
  test('GIVEN the Champions League re-imported with a moved kickoff THEN only its channel is re-planned, once, with a moved notice', () => {
    let current: SeasonSource = catalogOf([
      [cl('2023-11-24T19:00:00Z'), new Date(1)],
      [cc, new Date(1)],
    ]);
    const replanned: string[][] = [];
    const watch = createSeasonWatch(
      () => current,
      (ids) => {
        replanned.push([...ids]);
        replanAll(opened.db, current, NOW, undefined, ids);
      },
      silent,
    );
    replanAll(opened.db, current, NOW);
    watch.prime();
    expect(watch.check()).toEqual([]);

    // The store rebuilt every season's snapshot, but only the Champions League was imported again.
    current = catalogOf([
      [cl('2023-11-25T19:00:00Z'), new Date(2)],
      [makeSeason({ ...cc }), new Date(1)],
    ]);
    expect(watch.check()).toEqual([CL_ID]);
    expect(watch.check()).toEqual([]);
    expect(replanned).toEqual([[CL_ID]]);
    const kinds = (channelId: string) => rowsFor(opened.db, { guildId: G, channelId }).map((r) => [r.kind, new Date(r.dueAt).toISOString()]);
    expect(kinds(CL)).toEqual([
      ['moved', '2023-11-20T00:00:00.000Z'],
      ['preview', '2023-11-24T19:00:00.000Z'],
    ]);
    expect(kinds(CC)).toEqual([['preview', '2023-11-25T13:00:00.000Z']]);
  });

  test('GIVEN entries without an import time THEN a new snapshot object counts as a change', () => {
    const first = catalogOf([[cc, null]]);
    let current: SeasonSource = first;
    const replanned: string[][] = [];
    const watch = createSeasonWatch(() => current, (ids) => replanned.push([...ids]), silent);
    watch.prime();
    current = catalogOf([[cc, null]]);
    expect(watch.check()).toEqual([]);
    current = catalogOf([[makeSeason({ ...cc }), null]]);
    expect(watch.check()).toEqual([LEGACY_SEASON_ID]);
    expect(replanned).toEqual([[LEGACY_SEASON_ID]]);
  });

  test('GIVEN an edit and its undo imported at one clock instant THEN each new content counts as a change', () => {
    let current: SeasonSource = catalogOf([[cc, new Date(5)]]);
    const replanned: string[][] = [];
    const watch = createSeasonWatch(() => current, (ids) => replanned.push([...ids]), silent);
    watch.prime();
    const edited = makeSeason({ ...cc, matches: [{ ...cc.matches[0]!, status: 'played', score: { home: 2, away: 0 } }] });
    current = catalogOf([[edited, new Date(5)]]);
    expect(watch.check()).toEqual([LEGACY_SEASON_ID]);
    current = catalogOf([[makeSeason({ ...cc }), new Date(5)]]);
    expect(watch.check()).toEqual([LEGACY_SEASON_ID]);
    expect(replanned).toEqual([[LEGACY_SEASON_ID], [LEGACY_SEASON_ID]]);
  });

  test('GIVEN a re-plan that fails THEN it is logged and tried again on the next beat', () => {
    let current: SeasonSource = catalogOf([[cc, new Date(1)]]);
    let fail = true;
    const calls: string[][] = [];
    const watch = createSeasonWatch(
      () => current,
      (ids) => {
        calls.push([...ids]);
        if (fail) throw new Error('database is locked');
      },
      silent,
    );
    watch.prime();
    current = catalogOf([[cc, new Date(2)]]);
    expect(watch.check()).toEqual([]);
    fail = false;
    expect(watch.check()).toEqual([LEGACY_SEASON_ID]);
    expect(calls).toEqual([[LEGACY_SEASON_ID], [LEGACY_SEASON_ID]]);
  });
});
