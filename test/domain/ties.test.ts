import { describe, expect, test } from 'vitest';
import { computeTies, resolveTie, tieLoser } from '../../src/domain/ties.js';
import type { Match, TieDecider } from '../../src/domain/types.js';
import { awarded, leg, match, season } from './builders.js';

interface TieCase {
  readonly name: string;
  readonly legs: readonly Match[];
  readonly teams: readonly [string, string];
  readonly aggregate: readonly [number, number] | null;
  readonly awayGoals: readonly [number, number] | null;
  readonly winner: string | null;
  readonly decidedBy: TieDecider | null;
}

const cases: readonly TieCase[] = [
  {
    name: 'GIVEN a higher aggregate THEN the aggregate decides',
    legs: [leg('quarter_final', 1, 1, 'a', 'b', [1, 0]), leg('quarter_final', 1, 2, 'b', 'a', [2, 0])],
    teams: ['a', 'b'],
    aggregate: [1, 2],
    awayGoals: [0, 0],
    winner: 'b',
    decidedBy: 'aggregate',
  },
  {
    name: 'GIVEN the 2024 final (Berkane 2-1 Zamalek, Zamalek 1-0 Berkane) THEN Zamalek win on away goals after 2-2',
    legs: [leg('final', 1, 1, 'rs-berkane', 'zamalek', [2, 1]), leg('final', 1, 2, 'zamalek', 'rs-berkane', [1, 0])],
    teams: ['rs-berkane', 'zamalek'],
    aggregate: [2, 2],
    awayGoals: [0, 1],
    winner: 'zamalek',
    decidedBy: 'away_goals',
  },
  {
    name: 'GIVEN legs passed in reverse order THEN the first-leg host is still teams[0]',
    legs: [leg('final', 1, 2, 'zamalek', 'rs-berkane', [1, 0]), leg('final', 1, 1, 'rs-berkane', 'zamalek', [2, 1])],
    teams: ['rs-berkane', 'zamalek'],
    aggregate: [2, 2],
    awayGoals: [0, 1],
    winner: 'zamalek',
    decidedBy: 'away_goals',
  },
  {
    name: 'GIVEN level aggregate and away goals THEN the second-leg shoot-out decides (no extra time)',
    legs: [
      leg('first_round', 6, 1, 'bendel', 'chlef', [1, 0]),
      leg('first_round', 6, 2, 'chlef', 'bendel', [1, 0], { penalties: { home: 3, away: 4 } }),
    ],
    teams: ['bendel', 'chlef'],
    aggregate: [1, 1],
    awayGoals: [0, 0],
    winner: 'bendel',
    decidedBy: 'penalties',
  },
  {
    name: 'GIVEN level aggregate and away goals and no shoot-out recorded THEN no winner',
    legs: [leg('first_round', 1, 1, 'a', 'b', [1, 1]), leg('first_round', 1, 2, 'b', 'a', [1, 1])],
    teams: ['a', 'b'],
    aggregate: [2, 2],
    awayGoals: [1, 1],
    winner: null,
    decidedBy: null,
  },
  {
    name: 'GIVEN a second leg with extra time that broke the tie THEN extra time decides',
    legs: [leg('semi_final', 1, 1, 'a', 'b', [1, 0]), leg('semi_final', 1, 2, 'b', 'a', [2, 0], { extraTime: true })],
    teams: ['a', 'b'],
    aggregate: [1, 2],
    awayGoals: [0, 0],
    winner: 'b',
    decidedBy: 'extra_time',
  },
  {
    name: 'GIVEN extra time that ended level on aggregate THEN away goals (including extra time) decide',
    legs: [leg('semi_final', 1, 1, 'a', 'b', [1, 0]), leg('semi_final', 1, 2, 'b', 'a', [2, 1], { extraTime: true })],
    teams: ['a', 'b'],
    aggregate: [2, 2],
    awayGoals: [1, 0],
    winner: 'a',
    decidedBy: 'away_goals',
  },
  {
    // One match, level after extra time: the visitor's goal is an away goal only in a two-legged tie.
    name: 'GIVEN a one-match final level after extra time THEN penalties decide, never away goals',
    legs: [leg('final', 1, 1, 'a', 'b', [1, 1], { extraTime: true, penalties: { home: 5, away: 4 } })],
    teams: ['a', 'b'],
    aggregate: [1, 1],
    awayGoals: [0, 1],
    winner: 'a',
    decidedBy: 'penalties',
  },
  {
    name: 'GIVEN a one-match final level after extra time with no shoot-out recorded THEN no winner yet',
    legs: [leg('final', 1, 1, 'a', 'b', [2, 2], { extraTime: true })],
    teams: ['a', 'b'],
    aggregate: [2, 2],
    awayGoals: [0, 2],
    winner: null,
    decidedBy: null,
  },
  {
    name: 'GIVEN a walkover with no leg played THEN the walkover decides and there is no aggregate',
    legs: [
      match({
        id: 'R1-T11',
        stage: 'first_round',
        tie: 11,
        home: 'ferroviario',
        away: 'belle-lumiere',
        status: 'walkover',
        decision: { winner: 'ferroviario', score: null, reason: 'Belle Lumière withdrew', decidedOn: null },
      }),
    ],
    teams: ['ferroviario', 'belle-lumiere'],
    aggregate: null,
    awayGoals: null,
    winner: 'ferroviario',
    decidedBy: 'walkover',
  },
  {
    name: 'GIVEN both legs awarded 3-0 to the visitors of leg 1 (USM Alger v RS Berkane) THEN awarded decides on 0-6',
    legs: [
      awarded(leg('semi_final', 1, 1, 'usm-alger', 'rs-berkane', null), 'rs-berkane', [0, 3]),
      awarded(leg('semi_final', 1, 2, 'rs-berkane', 'usm-alger', null), 'rs-berkane', [3, 0]),
    ],
    teams: ['usm-alger', 'rs-berkane'],
    aggregate: [0, 6],
    awayGoals: [0, 3],
    winner: 'rs-berkane',
    decidedBy: 'awarded',
  },
  {
    name: 'GIVEN an awarded second leg that overturned the first leg THEN awarded decides',
    legs: [leg('quarter_final', 2, 1, 'a', 'b', [1, 0]), awarded(leg('quarter_final', 2, 2, 'b', 'a', null), 'b', [3, 0])],
    teams: ['a', 'b'],
    aggregate: [1, 3],
    awayGoals: [0, 0],
    winner: 'b',
    decidedBy: 'awarded',
  },
  {
    name: 'GIVEN an awarded leg that did not change the winner THEN the aggregate decides',
    legs: [leg('quarter_final', 2, 1, 'a', 'b', [5, 0]), awarded(leg('quarter_final', 2, 2, 'b', 'a', null), 'b', [3, 0])],
    teams: ['a', 'b'],
    aggregate: [5, 3],
    awayGoals: [0, 0],
    winner: 'a',
    decidedBy: 'aggregate',
  },
  {
    name: 'GIVEN an awarded leg with no recorded score THEN the decision names the winner and there is no aggregate',
    legs: [leg('quarter_final', 3, 1, 'a', 'b', [2, 0]), awarded(leg('quarter_final', 3, 2, 'b', 'a', null), 'b', null)],
    teams: ['a', 'b'],
    aggregate: null,
    awayGoals: null,
    winner: 'b',
    decidedBy: 'awarded',
  },
  {
    name: 'GIVEN only the first leg played THEN the aggregate so far and no winner',
    legs: [leg('quarter_final', 4, 1, 'a', 'b', [2, 1]), leg('quarter_final', 4, 2, 'b', 'a', null, { status: 'scheduled' })],
    teams: ['a', 'b'],
    aggregate: [2, 1],
    awayGoals: [0, 1],
    winner: null,
    decidedBy: null,
  },
  {
    name: 'GIVEN neither leg played yet THEN no aggregate at all (not 0–0) and no winner',
    legs: [
      leg('quarter_final', 5, 1, 'a', 'b', null, { status: 'scheduled' }),
      leg('quarter_final', 5, 2, 'b', 'a', null, { status: 'scheduled' }),
    ],
    teams: ['a', 'b'],
    aggregate: null,
    awayGoals: null,
    winner: null,
    decidedBy: null,
  },
  {
    name: 'GIVEN a played leg whose score is not recorded THEN no aggregate and no winner',
    legs: [leg('quarter_final', 4, 1, 'a', 'b', [2, 1]), leg('quarter_final', 4, 2, 'b', 'a', null)],
    teams: ['a', 'b'],
    aggregate: null,
    awayGoals: null,
    winner: null,
    decidedBy: null,
  },
];

describe('resolveTie', () => {
  test.each(cases)('$name', ({ legs, teams, aggregate, awayGoals, winner, decidedBy }) => {
    const tie = resolveTie(legs);
    expect(tie.teams).toEqual(teams);
    expect(tie.aggregate).toEqual(aggregate);
    expect(tie.awayGoals).toEqual(awayGoals);
    expect(tie.winner).toBe(winner);
    expect(tie.decidedBy).toBe(decidedBy);
    expect(tie.legs.map((l) => l.leg)).toEqual([...legs].map((l) => l.leg).sort());
  });

  test('GIVEN no legs THEN it throws (a tie always has a leg)', () => {
    expect(() => resolveTie([])).toThrow();
  });

  test.each([
    { winner: 'b', loser: 'a' },
    { winner: 'a', loser: 'b' },
  ])('tieLoser: GIVEN $winner won THEN $loser lost', ({ winner, loser }) => {
    const tie = resolveTie([leg('final', 1, 1, 'a', 'b', winner === 'a' ? [1, 0] : [0, 1])]);
    expect(tieLoser(tie)).toBe(loser);
  });
});

describe('computeTies', () => {
  const matches = [
    leg('quarter_final', 2, 1, 'c', 'd', [0, 0]),
    leg('quarter_final', 2, 2, 'd', 'c', [1, 0]),
    leg('first_round', 1, 1, 'e', 'f', [1, 0]),
    leg('first_round', 1, 2, 'f', 'e', [0, 0]),
    leg('quarter_final', 1, 1, 'a', 'b', [1, 0]),
    leg('quarter_final', 1, 2, 'b', 'a', [0, 0]),
    match({ id: 'GA-MD1-1', stage: 'group', group: 'A', matchday: 1, home: 'a', away: 'c', score: { home: 1, away: 0 } }),
  ];

  test.each([
    { stage: undefined, expected: ['first_round 1 e', 'quarter_final 1 a', 'quarter_final 2 d'] },
    { stage: 'quarter_final' as const, expected: ['quarter_final 1 a', 'quarter_final 2 d'] },
    { stage: 'group' as const, expected: [] },
  ])('GIVEN stage $stage THEN ties in competition order, group matches never', ({ stage, expected }) => {
    const ties = computeTies(season({ matches }), stage);
    expect(ties.map((t) => `${t.stage} ${t.tie} ${t.winner}`)).toEqual(expected);
  });
});
