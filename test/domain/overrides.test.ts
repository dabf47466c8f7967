import { describe, expect, test } from 'vitest';
import { applyOverrides, sameValue, type Override, type OverrideConflict } from '../../src/domain/overrides.js';
import type { Match } from '../../src/domain/types.js';
import { goal, match, season } from './builders.js';

const base = (id: string, extra: Partial<Match> = {}): Match =>
  match({ id, stage: 'group', home: 'a', away: 'b', status: 'scheduled', date: '2024-02-10', kickoff: '2024-02-10T16:00:00Z', ...extra });

const fromSource = season({
  id: 'caf-cl-2023-24',
  matches: [base('M1'), base('M2', { status: 'played', score: { home: 2, away: 1 }, goals: [goal('a', 'X'), goal('a', 'Y'), goal('b', 'Z')] })],
});

interface OverrideCase {
  readonly name: string;
  readonly overrides: readonly Override[];
  /** The fields of the result's matches that should differ from the source, by match id. */
  readonly changed: Readonly<Record<string, Partial<Match>>>;
  readonly conflicts: readonly Pick<OverrideConflict, 'match' | 'field' | 'sourceValue' | 'overrideValue' | 'journal'>[];
  readonly confirmed: number;
  readonly orphans: number;
}

const o = <F extends Override['field']>(match: string, field: F, value: Extract<Override, { field: F }>['value'], journal = 'j1', seasonId = 'caf-cl-2023-24') =>
  ({ season: seasonId, match, field, value, journal }) as Override;

const cases: readonly OverrideCase[] = [
  { name: 'no overrides: the source as it is', overrides: [], changed: {}, conflicts: [], confirmed: 0, orphans: 0 },
  {
    name: 'an editor moved a kickoff the source still has at the old time: the override wins, one conflict',
    overrides: [o('M1', 'kickoff', '2024-02-10T19:00:00Z')],
    changed: { M1: { kickoff: '2024-02-10T19:00:00Z' } },
    conflicts: [{ match: 'M1', field: 'kickoff', sourceValue: '2024-02-10T16:00:00Z', overrideValue: '2024-02-10T19:00:00Z', journal: 'j1' }],
    confirmed: 0,
    orphans: 0,
  },
  {
    name: 'the source caught up with the override: confirmed, no conflict',
    overrides: [o('M2', 'score', { away: 1, home: 2 })],
    changed: {},
    conflicts: [],
    confirmed: 1,
    orphans: 0,
  },
  {
    name: 'a corrected score and its status, one match, two fields',
    overrides: [o('M1', 'status', 'played', 'j7'), o('M1', 'score', { home: 0, away: 0 }, 'j7')],
    changed: { M1: { status: 'played', score: { home: 0, away: 0 } } },
    conflicts: [
      { match: 'M1', field: 'status', sourceValue: 'scheduled', overrideValue: 'played', journal: 'j7' },
      { match: 'M1', field: 'score', sourceValue: null, overrideValue: { home: 0, away: 0 }, journal: 'j7' },
    ],
    confirmed: 0,
    orphans: 0,
  },
  {
    name: 'two overrides of one field: the later journal entry wins',
    overrides: [o('M1', 'venue', 'Old Stadium', 'j1'), o('M1', 'venue', 'New Stadium', 'j2')],
    changed: { M1: { venue: 'New Stadium' } },
    conflicts: [{ match: 'M1', field: 'venue', sourceValue: null, overrideValue: 'New Stadium', journal: 'j2' }],
    confirmed: 0,
    orphans: 0,
  },
  {
    name: "another season's override is not applied",
    overrides: [o('M1', 'venue', 'Somewhere', 'j1', 'caf-cc-2023-24')],
    changed: {},
    conflicts: [],
    confirmed: 0,
    orphans: 0,
  },
  {
    name: 'an override of a match the source no longer has is an orphan, not applied',
    overrides: [o('M9', 'kickoff', null)],
    changed: {},
    conflicts: [],
    confirmed: 0,
    orphans: 1,
  },
  {
    name: 'a corrected scorer list replaces the whole list',
    overrides: [o('M2', 'goals', [goal('a', 'X'), goal('a', 'Y'), goal('b', 'Zed')])],
    changed: { M2: { goals: [goal('a', 'X'), goal('a', 'Y'), goal('b', 'Zed')] } },
    conflicts: [{ match: 'M2', field: 'goals', sourceValue: fromSource.matches[1]?.goals, overrideValue: [goal('a', 'X'), goal('a', 'Y'), goal('b', 'Zed')], journal: 'j1' }],
    confirmed: 0,
    orphans: 0,
  },
];

describe('applyOverrides', () => {
  test.each(cases)('$name', ({ overrides, changed, conflicts, confirmed, orphans }) => {
    const result = applyOverrides(fromSource, overrides);
    const expectedMatches = fromSource.matches.map((m) => ({ ...m, ...(changed[m.id] ?? {}) }));
    expect(result.season.matches).toEqual(expectedMatches);
    expect(result.conflicts).toEqual(conflicts.map((c) => ({ season: 'caf-cl-2023-24', ...c })));
    expect(result.confirmed).toHaveLength(confirmed);
    expect(result.orphans).toHaveLength(orphans);
    // The source's season is never changed in place.
    expect(fromSource.matches[0]?.kickoff).toBe('2024-02-10T16:00:00Z');
  });
});

describe('sameValue', () => {
  test.each([
    [{ home: 1, away: 2 }, { away: 2, home: 1 }, true],
    [{ home: 1, away: 2 }, { home: 2, away: 1 }, false],
    [null, null, true],
    [null, { home: 0, away: 0 }, false],
    ['2024-02-10', '2024-02-10', true],
    [[1, 2], [2, 1], false],
  ] as const)('%j vs %j → %s', (a, b, same) => {
    expect(sameValue(a, b)).toBe(same);
  });
});
