import { describe, expect, test } from 'vitest';
import { bestAchievements, computeRanking } from '../../src/domain/ranking.js';
import { association, groupMatch, leg, season, team } from './builders.js';

// Group A: w (9 pts), r (6), t (3), f (0). Knockout: w beat s in the SF, w beat r in the final; q lost a QF to s.
const teams = [
  team('w', { association: 'Westland', group: 'A' }),
  team('r', { association: 'Westland', group: 'A' }),
  team('t', { association: 'Eastland', group: 'A' }),
  team('f', { association: 'Northland', group: 'A' }),
  team('s', { association: 'Eastland' }),
  team('q', { association: 'Southland' }),
  team('out', { association: 'Southland' }),
];
const matches = [
  groupMatch('A', 1, 'w', 'r', [1, 0]),
  groupMatch('A', 1, 't', 'f', [1, 0]),
  groupMatch('A', 2, 'w', 't', [1, 0]),
  groupMatch('A', 2, 'r', 'f', [1, 0]),
  groupMatch('A', 3, 'w', 'f', [1, 0]),
  groupMatch('A', 3, 'r', 't', [1, 0]),
  leg('quarter_final', 1, 1, 'q', 's', [0, 1]),
  leg('quarter_final', 1, 2, 's', 'q', [0, 0]),
  leg('semi_final', 1, 1, 's', 'w', [0, 1]),
  leg('semi_final', 1, 2, 'w', 's', [0, 0]),
  leg('final', 1, 1, 'r', 'w', [0, 0]),
  leg('final', 1, 2, 'w', 'r', [2, 0]),
  leg('first_round', 1, 1, 'out', 'q', [0, 5]),
  leg('first_round', 1, 2, 'q', 'out', [0, 0]),
];
const associations = [
  association('Southland', null),
  association('Northland', 13, { rankConfidence: 'low' }),
  association('Westland', 2, { points: 172.5 }),
  association('Eastland', 2, { points: 134, rankDispute: { printed: 2, byPoints: 3 } }),
  association('Absentland', null, { entered: false }),
];
// Editors' notes never reach the ranking rows.
const conflicts = [{ subject: 'associations.Eastland.rank', text: 'Rank disputed (see sources).', sources: ['test'] }];
const s = season({ teams, matches, associations, conflicts });

describe('bestAchievements', () => {
  test.each([
    ['w', 'winners'],
    ['r', 'runnersUp'],
    ['s', 'semiFinalists'],
    ['q', 'quarterFinalists'],
    ['t', 'groupThird'],
    ['f', 'groupFourth'],
    ['out', undefined],
  ])('%s → %s', (id, achievement) => {
    expect(bestAchievements(s).get(id)).toBe(achievement);
  });
});

describe('computeRanking', () => {
  const rows = computeRanking(s);

  test('GIVEN ranks with ties and nulls THEN by rank, then points (Westland 172.5 above Eastland 134), nulls last, then name', () => {
    expect(rows.map((r) => r.association)).toEqual(['Westland', 'Eastland', 'Northland', 'Absentland', 'Southland']);
  });

  test.each([
    { association: 'Eastland', note: "CAF's points put Eastland 3rd; the competition's own list printed it 2nd." },
    { association: 'Northland', note: "Northland's rank (13th) is uncertain: only one CAF list gives it, possibly of another edition." },
    { association: 'Westland', note: null },
  ])('the fan footnote for $association comes from the structured rank fields only', ({ association: name, note }) => {
    expect(rows.find((r) => r.association === name)?.note).toBe(note);
  });

  test.each([
    // Westland: winners 5 + runners-up 4 = 9 × 5.
    { association: 'Westland', slots: 2, entered: 2, seasonPoints: 45, note: null },
    // Eastland: semi-finalist 3 + group third 1 = 4 × 5.
    { association: 'Eastland', slots: 2, entered: 2, seasonPoints: 20 },
    // Northland: group fourth 0.5 × 5; rank 13 gets one slot.
    { association: 'Northland', slots: 1, entered: 1, seasonPoints: 2.5 },
    // Southland: quarter-finalist 2 × 5; the first-round loser earns nothing.
    { association: 'Southland', slots: 1, entered: 2, seasonPoints: 10, note: null },
    { association: 'Absentland', slots: 1, entered: 0, seasonPoints: 0, note: null },
  ])('$association: $slots slots, $entered entered, $seasonPoints season points', (expected) => {
    expect(rows.find((r) => r.association === expected.association)).toMatchObject(expected);
  });

  test('GIVEN a group still in progress THEN its third and fourth places earn nothing yet', () => {
    const unfinished = season({
      teams,
      associations,
      matches: [...matches.slice(0, 5), groupMatch('A', 3, 'r', 't', null, { status: 'scheduled' })],
    });
    expect(bestAchievements(unfinished).get('t')).toBeUndefined();
    expect(bestAchievements(unfinished).get('f')).toBeUndefined();
  });
});
