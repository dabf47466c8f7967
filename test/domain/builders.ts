// Small builders for hand-made seasons. Defaults are neutral; each test states what matters to it.
import type { Association, Goal, GroupId, Match, Score, Season, SeasonFormat, Stage, Team, TeamId } from '../../src/domain/types.js';

export function team(id: TeamId, overrides: Partial<Team> = {}): Team {
  return {
    id,
    name: overrides.name ?? id,
    shortName: null,
    aliases: [],
    association: 'Nowhere',
    qualifyingMethod: null,
    entryRound: 'first_round',
    group: null,
    note: null,
    sources: ['test'],
    ...overrides,
  };
}

export function match(fields: Pick<Match, 'id' | 'stage' | 'home' | 'away'> & Partial<Match>): Match {
  return {
    group: null,
    matchday: null,
    tie: null,
    leg: null,
    date: null,
    kickoff: null,
    kickoffAlternatives: [],
    venue: null,
    status: 'played',
    resultNotPublished: false,
    score: null,
    extraTime: false,
    penalties: null,
    decision: null,
    goals: [],
    referee: null,
    attendance: null,
    redCards: null,
    note: null,
    sources: ['test'],
    ...fields,
  };
}

const toScore = (score: readonly [number, number] | null): Score | null => (score ? { home: score[0], away: score[1] } : null);

let groupSerial = 0;

/** A played group match; pass `null` for a played match whose score is not recorded. */
export function groupMatch(
  group: GroupId,
  matchday: number,
  home: TeamId,
  away: TeamId,
  score: readonly [number, number] | null,
  extra: Partial<Match> = {},
): Match {
  groupSerial += 1;
  return match({ id: `G${group}-MD${matchday}-${groupSerial}`, stage: 'group', group, matchday, home, away, score: toScore(score), ...extra });
}

/** An awarded match: `score` null when no source states the awarded score. */
export function awarded(
  base: Match,
  winner: TeamId,
  score: readonly [number, number] | null,
  decidedOn: string | null = null,
): Match {
  return { ...base, status: 'awarded', score: null, decision: { winner, score: toScore(score), reason: 'test', decidedOn } };
}

export function leg(
  stage: Stage,
  tie: number,
  legNo: 1 | 2,
  home: TeamId,
  away: TeamId,
  score: readonly [number, number] | null,
  extra: Partial<Match> = {},
): Match {
  const prefix = { first_round: 'R1', second_round: 'R2', group: 'G', quarter_final: 'QF', semi_final: 'SF', final: 'F' }[stage];
  return match({ id: `${prefix}-T${tie}-L${legNo}`, stage, tie, leg: legNo, home, away, score: toScore(score), ...extra });
}

export const goal = (teamId: TeamId, player: string | null, type: Goal['type'] = 'regular'): Goal => ({
  team: teamId,
  player,
  minute: null,
  type,
});

export function association(name: string, rank: number | null, overrides: Partial<Association> = {}): Association {
  return {
    name,
    shortName: null,
    code: null,
    rank,
    rankDispute: null,
    rankConfidence: 'sourced',
    points: null,
    entered: true,
    note: null,
    sources: ['test'],
    ...overrides,
  };
}

/** The CAF club competitions' format (the shipped seasons'): two qualifying rounds, groups A–D, two-legged knockout. */
export const CAF_FORMAT: SeasonFormat = {
  tiebreak: 'caf',
  stages: [
    { code: 'first_round', name: 'First round', key: 'R1', kind: 'qualifying', legs: 'two_legged' },
    { code: 'second_round', name: 'Second round', key: 'R2', kind: 'qualifying', legs: 'two_legged' },
    { code: 'group', name: 'Group stage', key: 'GS', kind: 'group', groups: ['A', 'B', 'C', 'D'], matchdays: 6 },
    { code: 'quarter_final', name: 'Quarter-finals', key: 'QF', kind: 'knockout', legs: 'two_legged' },
    { code: 'semi_final', name: 'Semi-finals', key: 'SF', kind: 'knockout', legs: 'two_legged' },
    { code: 'final', name: 'Final', key: 'F', kind: 'knockout', legs: 'two_legged' },
  ],
};

export function season(overrides: Partial<Season> = {}): Season {
  return {
    id: 'test',
    name: 'Test season',
    competition: 'Test cup',
    format: CAF_FORMAT,
    label: '2023-24',
    staleAfterDays: 21,
    endDate: null,
    asOf: '2024-06-01',
    champion: null,
    associations: [],
    teams: [],
    matches: [],
    calendar: [],
    rankingCriteria: {
      confederationCup: { winners: 5, runnersUp: 4, semiFinalists: 3, quarterFinalists: 2, groupThird: 1, groupFourth: 0.5 },
      seasonCoefficient: 5,
      note: null,
      sources: ['test'],
    },
    printedTotals: { matches: 0, goals: 0, groupMatches: 0, groupGoals: 0, note: null, sources: ['test'] },
    conflicts: [],
    gaps: [],
    ...overrides,
  };
}

/** Four teams `a`…`d` (names "Alpha"…"Delta") in one group. */
export function groupTeams(group: GroupId = 'A', ids: readonly TeamId[] = ['a', 'b', 'c', 'd']): Team[] {
  const names: Record<string, string> = { a: 'Alpha', b: 'Bravo', c: 'Charlie', d: 'Delta' };
  return ids.map((id) => team(id, { name: names[id] ?? id, group }));
}
