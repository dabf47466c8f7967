// The fan phrases: one aggregate rule (written from the side of the team named, which is the team
// through), the final as a final, real plurals, plain round names and sentences for unknowns.
import { describe, expect, test } from 'vitest';
import { tieOutcome, tieOutcomeFor } from '../../../src/discord/render/match-format.js';
import { resolveTie } from '../../../src/domain/ties.js';
import type { Match } from '../../../src/domain/types.js';
import { disputedKickoffText, fateText, plural, rankDisputeText, roundName, unattributedText } from '../../../src/discord/render/words.js';
import { match } from './season-builder.js';

const NAMES = new Map([['usma', 'USM Alger'], ['rivers', 'Rivers United'], ['rsb', 'RS Berkane'], ['zam', 'Zamalek']]);
const names = (id: string): string => NAMES.get(id) ?? id;
const words = { competition: 'CAF Confederation Cup' };

const leg = (id: string, leg: 1 | 2, home: string, away: string, score: [number, number], extra: Partial<Match> = {}): Match =>
  match(id, home, away, { stage: 'quarter_final', group: null, matchday: null, tie: 1, leg, score: { home: score[0], away: score[1] }, ...extra });

describe('tieOutcome', () => {
  test.each<[string, Match[], string]>([
    ['the winner hosted the second leg', [leg('1', 1, 'rivers', 'usma', [1, 0]), leg('2', 2, 'usma', 'rivers', [2, 0])], 'USM Alger through, 2–1 on aggregate'],
    ['the winner hosted the first leg', [leg('1', 1, 'usma', 'rivers', [2, 0]), leg('2', 2, 'rivers', 'usma', [1, 0])], 'USM Alger through, 2–1 on aggregate'],
    ['away goals', [leg('1', 1, 'rsb', 'zam', [2, 1]), leg('2', 2, 'zam', 'rsb', [1, 0])], 'Zamalek through on away goals (2–2 on aggregate)'],
    [
      'penalties, winner first in both scores',
      [leg('1', 1, 'rsb', 'zam', [1, 0]), leg('2', 2, 'zam', 'rsb', [1, 0], { penalties: { home: 3, away: 4 } })],
      'RS Berkane through on penalties (4–3 in the shoot-out, 1–1 on aggregate)',
    ],
    [
      'both legs awarded',
      [
        leg('1', 1, 'usma', 'rsb', [0, 0], { status: 'awarded', score: null, decision: { winner: 'rsb', score: { home: 0, away: 3 }, reason: 'r', decidedOn: null } }),
        leg('2', 2, 'rsb', 'usma', [0, 0], { status: 'awarded', score: null, decision: { winner: 'rsb', score: { home: 3, away: 0 }, reason: 'r', decidedOn: null } }),
      ],
      'RS Berkane through on an awarded result (6–0 on aggregate)',
    ],
  ])('%s', (_label, legs, expected) => {
    expect(tieOutcome(resolveTie(legs), names, words)).toBe(expected);
  });

  test('the final is won, not gone through; the loser is runners-up', () => {
    const final = resolveTie([
      leg('1', 1, 'rsb', 'zam', [2, 1], { stage: 'final' }),
      leg('2', 2, 'zam', 'rsb', [1, 0], { stage: 'final' }),
    ]);
    expect(tieOutcome(final, names, words)).toBe('Zamalek win the Confederation Cup on away goals (2–2 on aggregate)');
    expect(tieOutcomeFor(final, 'rsb', names, words)).toBe('Runners-up: Zamalek win the Confederation Cup on away goals (2–2 on aggregate)');
  });

  test('nothing is said for a tie still open (no "agg. 0–0")', () => {
    const open = resolveTie([leg('1', 1, 'rsb', 'zam', [0, 0], { status: 'scheduled', score: null })]);
    expect(tieOutcome(open, names, words)).toBeNull();
  });
});

describe('phrases', () => {
  test.each([
    [plural(1, 'goal'), '1 goal'],
    [plural(2, 'goal'), '2 goals'],
    [plural(2, 'match', 'matches'), '2 matches'],
    [unattributedText(150), '150 goals with no scorer recorded'],
    [roundName({ stage: 'first_round', group: null, matchday: null, tie: 13, leg: 1 }), 'First round, tie 13, first leg'],
    [roundName({ stage: 'final', group: null, matchday: null, tie: 1, leg: 2 }), 'Final, second leg'],
    [roundName({ stage: 'group', group: 'B', matchday: 6, tie: null, leg: null }), 'Group B, matchday 6'],
    [disputedKickoffText(['2024-05-12T19:00:00Z', '2024-05-12T18:00:00Z']), 'Kickoff time disputed between sources: 18:00 or 19:00 UTC'],
    [rankDisputeText('Algeria', { printed: 2, byPoints: 3 }), "CAF's points put Algeria 3rd; the competition's own list printed it 2nd"],
    [fateText('Zamalek', 'through', 1), 'Zamalek are through with a game to spare'],
    [fateText('Abu Salim', 'out', 2), 'Abu Salim can no longer reach the quarter-finals, with 2 games to spare'],
    [fateText('Zamalek', 'open', 1), null],
  ])('%j', (actual, expected) => {
    expect(actual).toBe(expected);
  });
});
