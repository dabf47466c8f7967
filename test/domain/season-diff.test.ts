import { describe, expect, test } from 'vitest';
import { diffSeasons, isEmptyDiff, summarizeDiff, type SeasonDiff } from '../../src/domain/season-diff.js';
import type { Match } from '../../src/domain/types.js';
import { goal, match, season } from './builders.js';

const scheduled = (id: string, extra: Partial<Match> = {}): Match =>
  match({ id, stage: 'group', home: 'a', away: 'b', status: 'scheduled', date: '2024-02-10', kickoff: '2024-02-10T16:00:00Z', ...extra });
const played = (id: string, score: readonly [number, number], extra: Partial<Match> = {}): Match =>
  scheduled(id, { status: 'played', score: { home: score[0], away: score[1] }, ...extra });

interface DiffCase {
  readonly name: string;
  readonly before: readonly Match[];
  readonly after: readonly Match[];
  readonly expected: Partial<SeasonDiff>;
  readonly summary: string;
}

const none: SeasonDiff = {
  resultsAdded: [],
  resultsChanged: [],
  kickoffsMoved: [],
  goalsAdded: 0,
  goalsRemoved: 0,
  matchesAdded: [],
  matchesRemoved: [],
  otherChanges: [],
};

const cases: readonly DiffCase[] = [
  { name: 'the same matches', before: [scheduled('M1'), played('M2', [1, 0])], after: [scheduled('M1'), played('M2', [1, 0])], expected: {}, summary: 'no change' },
  {
    name: 'three results, a moved kickoff and two goals (the log line of the issue)',
    before: [scheduled('M1'), scheduled('M2'), scheduled('M3'), scheduled('M4')],
    after: [
      played('M1', [1, 0], { goals: [goal('a', 'Scorer One')] }),
      played('M2', [0, 0]),
      played('M3', [0, 1], { goals: [goal('b', null)] }),
      scheduled('M4', { kickoff: '2024-02-10T19:00:00Z' }),
    ],
    expected: { resultsAdded: ['M1', 'M2', 'M3'], kickoffsMoved: ['M4'], goalsAdded: 2 },
    summary: '3 results, 1 kickoff moved, 2 goals',
  },
  {
    name: 'a match moved to another day with its time unknown',
    before: [scheduled('M1')],
    after: [scheduled('M1', { date: '2024-02-11', kickoff: null })],
    expected: { kickoffsMoved: ['M1'] },
    summary: '1 kickoff moved',
  },
  {
    name: 'a corrected score',
    before: [played('M1', [2, 1])],
    after: [played('M1', [2, 2])],
    expected: { resultsChanged: ['M1'] },
    summary: '1 result corrected',
  },
  {
    name: 'a played match awarded afterwards',
    before: [played('M1', [1, 1])],
    after: [scheduled('M1', { status: 'awarded', decision: { winner: 'a', score: { home: 3, away: 0 }, reason: 'x', decidedOn: null } })],
    expected: { resultsChanged: ['M1'] },
    summary: '1 result corrected',
  },
  {
    name: 'a result withdrawn (the source took it back)',
    before: [played('M1', [1, 0])],
    after: [scheduled('M1')],
    expected: { resultsChanged: ['M1'] },
    summary: '1 result corrected',
  },
  {
    name: 'a shoot-out added to a drawn second leg',
    before: [played('M1', [1, 1])],
    after: [played('M1', [1, 1], { penalties: { home: 4, away: 3 } })],
    expected: { resultsChanged: ['M1'] },
    summary: '1 result corrected',
  },
  {
    name: 'a scorer corrected: one goal removed, one added',
    before: [played('M1', [1, 0], { goals: [goal('a', 'Wrong Name')] })],
    after: [played('M1', [1, 0], { goals: [goal('a', 'Right Name')] })],
    expected: { goalsAdded: 1, goalsRemoved: 1 },
    summary: '1 goal, 1 goal removed',
  },
  {
    name: 'two identical goal lines are two goals',
    before: [played('M1', [2, 0], { goals: [goal('a', null)] })],
    after: [played('M1', [2, 0], { goals: [goal('a', null), goal('a', null)] })],
    expected: { goalsAdded: 1 },
    summary: '1 goal',
  },
  {
    name: 'a new round published with one result',
    before: [played('M1', [1, 0])],
    after: [played('M1', [1, 0]), scheduled('M2'), played('M3', [2, 0], { goals: [goal('a', 'X'), goal('a', 'Y')] })],
    expected: { matchesAdded: ['M2', 'M3'], resultsAdded: ['M3'], goalsAdded: 2 },
    summary: '1 result, 2 goals, 2 matches added',
  },
  {
    name: 'a match dropped from the source',
    before: [played('M1', [1, 0], { goals: [goal('a', 'X')] }), scheduled('M2')],
    after: [scheduled('M2')],
    expected: { matchesRemoved: ['M1'], goalsRemoved: 1 },
    summary: '1 goal removed, 1 match removed',
  },
  {
    name: 'postponed, and a venue named',
    before: [scheduled('M1'), scheduled('M2')],
    after: [scheduled('M1', { status: 'postponed' }), scheduled('M2', { venue: 'Stade' })],
    expected: { otherChanges: ['M1', 'M2'] },
    summary: '2 other match changes',
  },
  {
    name: 'a result is not also counted as another change (its status moved with it)',
    before: [scheduled('M1', { resultNotPublished: true })],
    after: [played('M1', [0, 0])],
    expected: { resultsAdded: ['M1'] },
    summary: '1 result',
  },
  {
    name: 'two kickoffs moved, plural',
    before: [scheduled('M1'), scheduled('M2')],
    after: [scheduled('M1', { date: '2024-02-12' }), scheduled('M2', { kickoff: null })],
    expected: { kickoffsMoved: ['M1', 'M2'] },
    summary: '2 kickoffs moved',
  },
];

describe('diffSeasons', () => {
  test.each(cases)('$name → $summary', ({ before, after, expected, summary }) => {
    const diff = diffSeasons(season({ matches: before }), season({ matches: after }));
    expect(diff).toEqual({ ...none, ...expected });
    expect(summarizeDiff(diff)).toBe(summary);
    expect(isEmptyDiff(diff)).toBe(summary === 'no change');
  });
});
