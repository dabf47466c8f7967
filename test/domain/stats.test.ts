import { describe, expect, test } from 'vitest';
import { computeStats } from '../../src/domain/stats.js';
import type { PrintedTotals, TotalsCheck } from '../../src/domain/types.js';
import { groupMatch, season } from './builders.js';
import { printed, statsMatches, statsSeason, statsTeams as teams } from './stats-fixture.js';

// The reconciliation is facts (no prose); test/discord/render/about-totals.test.ts says them in each language.

const AC = { home: 'a', away: 'c' };
const BD = { home: 'b', away: 'd' };
const AB = { home: 'a', away: 'b' };

describe('computeStats', () => {
  const report = computeStats(statsSeason(printed(6, 11, 4, 8)));

  test('GIVEN matches in several stages THEN per-stage counts; goals from played scores only', () => {
    expect(report.stages).toEqual([
      { stage: 'first_round', matchesPlayed: 1, matchesAwarded: 0, goals: 4, unrecordedResults: 0 },
      { stage: 'group', matchesPlayed: 3, matchesAwarded: 1, goals: 5, unrecordedResults: 1 },
      { stage: 'semi_final', matchesPlayed: 2, matchesAwarded: 0, goals: 3, unrecordedResults: 0 },
      { stage: 'final', matchesPlayed: 0, matchesAwarded: 1, goals: 0, unrecordedResults: 0 },
    ]);
    expect(report.competitionProper).toEqual({ matchesPlayed: 5, matchesAwarded: 2, goals: 8, unrecordedResults: 1 });
  });

  test.each<{ name: string; line: number; check: TotalsCheck }>([
    {
      name: 'GIVEN a group gap THEN the group check names the unrecorded and the unscored awarded match',
      line: 0,
      check: {
        scope: { kind: 'group' },
        matches: { kind: 'as_printed_with_awarded', played: 3, unpublished: 0, awarded: 1, printed: 4 },
        goals: { kind: 'short', counted: 5, printed: 8, difference: 3, unrecorded: [AC], awardedNoScore: [BD], awardedGoals: null },
      },
    },
    {
      name: 'GIVEN printed knockout figures without the awarded match THEN the knockout check lists it as not in the printed figure',
      line: 1,
      check: {
        scope: { kind: 'knockout', matches: { total: 6, group: 4, knockout: 2 }, goals: { total: 11, group: 8, knockout: 3 } },
        matches: { kind: 'as_printed', played: 2, unpublished: 0, awarded: 1, printed: 2, notInPrinted: [AB] },
        goals: { kind: 'as_printed', counted: 3, printed: 3 },
      },
    },
    {
      name: 'GIVEN the competition figure THEN it counts some of the awarded matches',
      line: 2,
      check: {
        scope: { kind: 'competition_proper' },
        matches: { kind: 'counts_some_awarded', played: 5, unpublished: 0, awarded: 2, printed: 6, awardedInPrinted: 1 },
        goals: { kind: 'short', counted: 8, printed: 11, difference: 3, unrecorded: [AC], awardedNoScore: [BD], awardedGoals: null },
      },
    },
  ])('$name', ({ line, check }) => {
    expect(report.reconciliation[line]).toEqual(check);
  });

  test.each<{ name: string; totals: PrintedTotals; line: number; check: Omit<TotalsCheck, 'scope'> }>([
    {
      name: 'GIVEN fewer printed goals than counted THEN no gap can explain it',
      totals: printed(7, 6, 4, 5),
      line: 1,
      check: {
        matches: { kind: 'as_printed_with_awarded', played: 2, unpublished: 0, awarded: 1, printed: 3 },
        goals: { kind: 'over', counted: 3, printed: 1, difference: 2 },
      },
    },
    {
      name: 'GIVEN printed goals that include the awarded score THEN the check says the awarded score would make up the difference',
      totals: printed(7, 10, 4, 5),
      line: 1,
      check: {
        matches: { kind: 'as_printed_with_awarded', played: 2, unpublished: 0, awarded: 1, printed: 3 },
        goals: { kind: 'short', counted: 3, printed: 5, difference: 2, unrecorded: [], awardedNoScore: [], awardedGoals: 2 },
      },
    },
    {
      name: 'GIVEN printed matches beyond played + awarded THEN the difference is unexplained',
      totals: printed(20, 8, 4, 5),
      line: 2,
      check: {
        matches: { kind: 'unexplained', played: 5, unpublished: 0, awarded: 2, printed: 20, difference: 13 },
        goals: { kind: 'as_printed', counted: 8, printed: 8 },
      },
    },
  ])('$name', ({ totals, line, check }) => {
    expect(computeStats(statsSeason(totals)).reconciliation[line]).toMatchObject(check);
  });

  test('GIVEN the knockout scope THEN it carries the printed totals it is derived from', () => {
    expect(computeStats(statsSeason(printed(7, 6, 4, 5))).reconciliation.map((c) => c.scope)).toEqual([
      { kind: 'group' },
      { kind: 'knockout', matches: { total: 7, group: 4, knockout: 3 }, goals: { total: 6, group: 5, knockout: 1 } },
      { kind: 'competition_proper' },
    ]);
  });

  test('GIVEN a scheduled match whose result was not published THEN it is not counted as played, and the check says so', () => {
    const unpublished = groupMatch('A', 2, 'a', 'c', null, { status: 'scheduled', resultNotPublished: true });
    const groupOnly = [statsMatches[1]!, statsMatches[2]!, unpublished];
    const r = computeStats(season({ teams, matches: groupOnly, printedTotals: printed(3, 7, 3, 7) }));
    expect(r.stages).toEqual([{ stage: 'group', matchesPlayed: 2, matchesAwarded: 0, goals: 5, unrecordedResults: 1 }]);
    expect(r.reconciliation[0]).toEqual({
      scope: { kind: 'group' },
      matches: { kind: 'as_printed', played: 2, unpublished: 1, awarded: 0, printed: 3, notInPrinted: [] },
      goals: { kind: 'short', counted: 5, printed: 7, difference: 2, unrecorded: [AC], awardedNoScore: [], awardedGoals: null },
    });
  });

  test('the facts carry no prose: every string in them is a kind or a team id', () => {
    const strings = (value: unknown): string[] =>
      typeof value === 'string' ? [value] : typeof value === 'object' && value !== null ? Object.values(value).flatMap(strings) : [];
    expect(new Set(strings(report.reconciliation))).toEqual(
      new Set(['group', 'knockout', 'competition_proper', 'as_printed', 'as_printed_with_awarded', 'counts_some_awarded', 'short', 'a', 'b', 'c', 'd']),
    );
  });
});
