import { describe, expect, test } from 'vitest';
import { bestAchievements, computeRanking } from '../../src/domain/ranking.js';
import { association, groupMatch, season } from './builders.js';
import { matches, teams } from './mini-tournament.js';

// Group A: w (9 pts), r (6), t (3), f (0). Knockout: w beat s in the SF, w beat r in the final; q lost a QF to s.
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
