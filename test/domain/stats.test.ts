import { describe, expect, test } from 'vitest';
import { computeStats } from '../../src/domain/stats.js';
import type { PrintedTotals } from '../../src/domain/types.js';
import { awarded, groupMatch, leg, season, team } from './builders.js';

const teams = ['a', 'b', 'c', 'd'].map((id) => team(id, { name: id.toUpperCase() }));
const printed = (matches: number, goals: number, groupMatches: number, groupGoals: number): PrintedTotals => ({
  matches,
  goals,
  groupMatches,
  groupGoals,
  note: null,
  sources: ['test'],
});

// Group: 3 played (one score unknown) + 1 awarded without a score. Knockout: 2 played + 1 awarded 2-0.
const matches = [
  leg('first_round', 1, 1, 'a', 'b', [2, 2]),
  groupMatch('A', 1, 'a', 'b', [2, 1]),
  groupMatch('A', 1, 'c', 'd', [1, 1]),
  groupMatch('A', 2, 'a', 'c', null),
  awarded(groupMatch('A', 2, 'b', 'd', null), 'b', null),
  leg('semi_final', 1, 1, 'a', 'c', [1, 0]),
  leg('semi_final', 1, 2, 'c', 'a', [0, 2]),
  awarded(leg('final', 1, 1, 'a', 'b', null), 'a', [2, 0]),
];

describe('computeStats', () => {
  const report = computeStats(season({ teams, matches, printedTotals: printed(6, 11, 4, 8) }));

  test('GIVEN matches in several stages THEN per-stage counts; goals from played scores only', () => {
    expect(report.stages).toEqual([
      { stage: 'first_round', matchesPlayed: 1, matchesAwarded: 0, goals: 4, unrecordedResults: 0 },
      { stage: 'group', matchesPlayed: 3, matchesAwarded: 1, goals: 5, unrecordedResults: 1 },
      { stage: 'semi_final', matchesPlayed: 2, matchesAwarded: 0, goals: 3, unrecordedResults: 0 },
      { stage: 'final', matchesPlayed: 0, matchesAwarded: 1, goals: 0, unrecordedResults: 0 },
    ]);
    expect(report.competitionProper).toEqual({ matchesPlayed: 5, matchesAwarded: 2, goals: 8, unrecordedResults: 1 });
  });

  test.each([
    {
      name: 'GIVEN a group gap THEN the group line names the unrecorded and the unscored awarded match',
      line: 0,
      text: "Group stage: 3 matches played + 1 awarded = 4 as printed; 5 goals counted vs 8 printed (3 short): A v C's result is not published; B v D was awarded and its score was not published.",
    },
    {
      name: 'GIVEN printed knockout figures without the awarded match THEN the knockout line says it is not counted',
      line: 1,
      text: 'Knockout stage (printed 6 − 4 = 2 matches, 11 − 8 = 3 goals): 2 matches played = 2 as printed; the 1 awarded match is not in the printed figure (A v B); 3 goals counted = 3 as printed.',
    },
    {
      name: 'GIVEN the competition figure THEN it counts some of the awarded matches',
      line: 2,
      text: "Competition proper: 5 matches played + 2 awarded = 7 vs 6 printed: the printed figure counts 1 of the 2 awarded matches; 8 goals counted vs 11 printed (3 short): A v C's result is not published; B v D was awarded and its score was not published.",
    },
  ])('$name', ({ line, text }) => {
    expect(report.reconciliation[line]).toBe(text);
  });

  test.each([
    {
      name: 'GIVEN fewer printed goals than counted THEN no gap can explain it',
      totals: printed(7, 6, 4, 5),
      line: 1,
      text: 'Knockout stage (printed 7 − 4 = 3 matches, 6 − 5 = 1 goals): 2 matches played + 1 awarded = 3 as printed; 3 goals counted vs 1 printed (2 over): not explained by any recorded gap.',
    },
    {
      name: 'GIVEN printed goals that include the awarded score THEN the line says the awarded score would make up the difference',
      totals: printed(7, 10, 4, 5),
      line: 1,
      text: 'Knockout stage (printed 7 − 4 = 3 matches, 10 − 5 = 5 goals): 2 matches played + 1 awarded = 3 as printed; 3 goals counted vs 5 printed (2 short): counting the awarded scores (2 goals) would make up the difference.',
    },
    {
      name: 'GIVEN printed matches beyond played + awarded THEN the difference is unexplained',
      totals: printed(20, 8, 4, 5),
      line: 2,
      text: "Competition proper: 5 matches played + 2 awarded = 7 vs 20 printed: 13 not explained by any recorded gap; 8 goals counted = 8 as printed.",
    },
  ])('$name', ({ totals, line, text }) => {
    expect(computeStats(season({ teams, matches, printedTotals: totals })).reconciliation[line]).toBe(text);
  });

  test('GIVEN a scheduled match whose result was not published THEN it is not counted as played, and the line says so', () => {
    const unpublished = groupMatch('A', 2, 'a', 'c', null, { status: 'scheduled', resultNotPublished: true });
    const groupOnly = [matches[1]!, matches[2]!, unpublished];
    const r = computeStats(season({ teams, matches: groupOnly, printedTotals: printed(3, 7, 3, 7) }));
    expect(r.stages).toEqual([{ stage: 'group', matchesPlayed: 2, matchesAwarded: 0, goals: 5, unrecordedResults: 1 }]);
    expect(r.reconciliation[0]).toBe(
      "Group stage: 2 matches played + 1 with no published result = 3 as printed; 5 goals counted vs 7 printed (2 short): A v C's result is not published.",
    );
  });
});
