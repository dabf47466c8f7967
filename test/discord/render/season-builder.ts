// Small hand-built seasons for render and command tests: plain objects, defaults for the dull parts.
import type { Association, CalendarEntry, Goal, Match, Season, Team } from '../../../src/domain/types.js';
import { match as baseMatch, season as baseSeason } from '../../domain/builders.js';

export const SRC = ['test'];

export const team = (id: string, name: string, extra: Partial<Team> = {}): Team => ({
  id,
  name,
  shortName: null,
  aliases: [],
  association: 'Morocco',
  qualifyingMethod: 'League runners-up',
  entryRound: 'first_round',
  group: null,
  note: null,
  sources: SRC,
  ...extra,
});

export const association = (name: string, extra: Partial<Association> = {}): Association => ({
  name,
  shortName: null,
  code: null,
  rank: null,
  rankDispute: null,
  rankConfidence: 'sourced',
  points: null,
  entered: true,
  note: null,
  sources: SRC,
  ...extra,
});

export const goal = (team: string, player: string | null, minute: string | null, type: Goal['type'] = 'regular'): Goal => ({
  team,
  player,
  minute,
  type,
});

export const match = (id: string, home: string, away: string, extra: Partial<Match> = {}): Match =>
  baseMatch({ id, stage: 'group', group: 'A', matchday: 1, home, away, sources: SRC, ...extra });

export const calendarEntry = (id: string, extra: Partial<CalendarEntry> = {}): CalendarEntry => ({
  id,
  phase: 'Competition proper',
  round: 'Group stage',
  kind: 'matchday',
  stage: 'group',
  matchday: 1,
  leg: null,
  startDate: '2023-11-26',
  endDate: '2023-11-26',
  note: null,
  sources: SRC,
  ...extra,
});

export const season = (extra: Partial<Season> = {}): Season =>
  baseSeason({
    id: '2023-24',
    name: 'CAF Confederation Cup 2023–24',
    competition: 'CAF Confederation Cup',
    printedTotals: { matches: 60, goals: 140, groupMatches: 48, groupGoals: 106, note: null, sources: SRC },
    ...extra,
  });

export const miniSeason = (): Season =>
  season({
    associations: [
      association('Morocco', { code: 'MAR', rank: 1, points: 180 }),
      association('Egypt', { code: 'EGY', rank: 2, points: 172.5 }),
      association('Algeria', { code: 'ALG', rank: 3, points: 134, note: 'printed rank 2' }),
      association('Guinea', { code: 'GUI' }),
    ],
    teams: [
      team('rs-berkane', 'RS Berkane', { group: 'A', entryRound: 'second_round', aliases: ['RSB'] }),
      team('zamalek', 'Zamalek', { group: 'A', association: 'Egypt', entryRound: 'second_round' }),
      team('usm-alger', 'USM Alger', { group: 'A', association: 'Algeria', qualifyingMethod: null }),
      team('soar', 'Académie SOAR', { group: 'A', association: 'Guinea', aliases: ['SOAR Coyah'] }),
      team('ghost-fc', 'Ghost FC', { association: 'Guinea' }),
    ],
    matches: [
      match('R1-T01', 'ghost-fc', 'soar', {
        stage: 'first_round',
        group: null,
        matchday: null,
        tie: 1,
        status: 'walkover',
        decision: { winner: 'soar', score: null, reason: 'Ghost FC withdrew', decidedOn: null },
      }),
      match('GA-MD1-1', 'rs-berkane', 'zamalek', {
        date: '2023-11-26',
        kickoff: '2023-11-26T16:00:00Z',
        venue: 'Stade Municipal, Berkane',
        score: { home: 2, away: 1 },
        goals: [goal('rs-berkane', 'Adil Tahif', '12'), goal('zamalek', null, '40'), goal('rs-berkane', 'Adil Tahif', '90+4', 'penalty')],
      }),
      match('GA-MD1-2', 'usm-alger', 'soar', {
        date: '2023-11-26',
        score: { home: 1, away: 1 },
        goals: [goal('usm-alger', 'Aymen Mahious', '30'), goal('soar', 'Ibrahima Sory Bangoura', '77', 'own_goal')],
      }),
      match('GA-MD2-1', 'zamalek', 'usm-alger', { matchday: 2, date: '2023-12-03', status: 'played', score: null }),
      match('GA-MD2-2', 'soar', 'rs-berkane', {
        matchday: 2,
        date: '2023-12-03',
        status: 'awarded',
        decision: { winner: 'rs-berkane', score: null, reason: 'SOAR excluded by CAF', decidedOn: null },
      }),
      match('GA-MD3-1', 'zamalek', 'soar', { matchday: 3, date: '2023-12-10', kickoff: '2023-12-10T19:00:00Z', status: 'postponed' }),
      match('QF1-L1', 'zamalek', 'rs-berkane', {
        stage: 'quarter_final',
        group: null,
        matchday: null,
        tie: 1,
        leg: 1,
        date: '2024-03-31',
        kickoff: '2024-03-31T19:00:00Z',
        score: { home: 1, away: 0 },
        goals: [goal('zamalek', 'Seif Ja`afar', '55')],
      }),
      match('QF1-L2', 'rs-berkane', 'zamalek', {
        stage: 'quarter_final',
        group: null,
        matchday: null,
        tie: 1,
        leg: 2,
        date: '2024-04-07',
        kickoff: '2024-04-07T19:00:00Z',
        score: { home: 2, away: 1 },
        goals: [goal('rs-berkane', 'Adil Tahif', '10'), goal('rs-berkane', 'Youssef Mehri', '60'), goal('zamalek', 'Zizo', '88')],
      }),
    ],
    calendar: [
      calendarEntry('draw-group', { phase: 'Draw', round: 'Group stage draw', kind: 'draw', stage: 'group', matchday: null, startDate: '2023-10-06', endDate: '2023-10-06' }),
      calendarEntry('gs-md1', { round: 'Matchday 1', startDate: '2023-11-26', endDate: '2023-11-26' }),
      calendarEntry('gs-md2', { round: 'Matchday 2', matchday: 2, startDate: '2023-12-03', endDate: '2023-12-03' }),
      calendarEntry('qf-l1', { round: 'Quarter-finals', kind: 'leg', stage: 'quarter_final', matchday: null, leg: 1, startDate: '2024-03-31', endDate: '2024-03-31' }),
      calendarEntry('qf-l2', { round: 'Quarter-finals', kind: 'leg', stage: 'quarter_final', matchday: null, leg: 2, startDate: '2024-04-07', endDate: '2024-04-07' }),
    ],
    conflicts: [{ subject: 'associations.Algeria.rank', text: 'The seed prints rank 2; CAF points make it 3rd.', sources: SRC }],
    gaps: [
      { subject: 'matches.GA-MD2-1', text: 'Zamalek v USM Alger: score not found.', sources: SRC },
      { subject: 'matches.GA-MD1-1', text: 'One scorer unknown: affects whether Adil Tahif finishes on 3 or 4 goals.', sources: SRC },
    ],
  });

/** A qualifying leg of `soar` at home to Ghost FC, won by `goals` goals none of whose scorers is recorded. */
export const qualifyingLeg = (goals: number): Match =>
  match('R2-T01-L1', 'soar', 'ghost-fc', {
    stage: 'second_round',
    group: null,
    matchday: null,
    tie: 1,
    leg: 1,
    date: '2023-09-15',
    score: { home: goals, away: 0 },
    goals: Array.from({ length: goals }, () => goal('soar', null, null)),
  });

/** The mini season with a two-legged final Zamalek win on away goals (2–2 on aggregate). */
export const finalSeason = (): Season => {
  const base = miniSeason();
  const leg = (id: string, leg: 1 | 2, home: string, away: string, score: { home: number; away: number }, date: string): Match =>
    match(id, home, away, { stage: 'final', group: null, matchday: null, tie: 1, leg, date, kickoff: `${date}T19:00:00Z`, score });
  return {
    ...base,
    champion: 'zamalek',
    matches: [
      ...base.matches,
      leg('F-L1', 1, 'rs-berkane', 'zamalek', { home: 2, away: 1 }, '2024-05-12'),
      leg('F-L2', 2, 'zamalek', 'rs-berkane', { home: 1, away: 0 }, '2024-05-19'),
    ],
  };
};

/** A hostile club name: tries to ping, format, open a code block and fake a mention. */
export const HOSTILE_NAME = '@everyone <@&1> **x** `y` ```z``` [l](https://e.x) # h';

/**
 * A stress season: 16 teams with very long (and one hostile) names, 200 group matches with long
 * scorer names and notes, and seven knockout ties. Limits must hold on every reply it produces.
 */
export const hugeSeason = (): Season => {
  const longName = (i: number): string => (i === 0 ? HOSTILE_NAME : `Club ${i} ${'Very Long Name '.repeat(12)}FC`);
  const groups = ['A', 'B', 'C', 'D'] as const;
  const teams = Array.from({ length: 16 }, (_, i) =>
    team(`club-${i}`, longName(i), {
      group: groups[i % 4] ?? 'A',
      association: `Association ${i % 5} ${'with a long name '.repeat(3)}`,
      aliases: [`Alias ${i}`, 'x'.repeat(150)],
      note: 'n'.repeat(1500),
      qualifyingMethod: 'q'.repeat(1200),
    }),
  );
  const matches: Match[] = [];
  for (let i = 0; i < 200; i++) {
    const group = groups[i % 4] ?? 'A';
    const members = teams.filter((t) => t.group === group);
    const home = members[i % 4]?.id ?? 'club-0';
    const away = members[(i + 1) % 4]?.id ?? 'club-1';
    matches.push(
      match(`GX-${i}`, home, away, {
        group,
        matchday: (i % 6) + 1,
        date: `2023-12-${String((i % 28) + 1).padStart(2, '0')}`,
        kickoff: i % 3 === 0 ? null : `2023-12-${String((i % 28) + 1).padStart(2, '0')}T18:00:00Z`,
        venue: 'v'.repeat(300),
        status: i % 7 === 0 ? 'scheduled' : i % 11 === 0 ? 'awarded' : 'played',
        score: i % 7 === 0 || i % 11 === 0 ? null : { home: 9, away: 9 },
        decision: i % 11 === 0 ? { winner: home, score: null, reason: 'r'.repeat(500), decidedOn: null } : null,
        goals:
          i % 7 === 0 || i % 11 === 0
            ? []
            : Array.from({ length: 18 }, (_, g) => goal(g % 2 ? away : home, g % 5 === 0 ? null : `Player ${g} ${'Longname '.repeat(10)}`, `${g * 5}`)),
        note: 'm'.repeat(2000),
      }),
    );
  }
  const stages = [
    ['quarter_final', 4],
    ['semi_final', 2],
    ['final', 1],
  ] as const;
  for (const [stage, ties] of stages) {
    for (let t = 1; t <= ties; t++) {
      for (const leg of [1, 2] as const) {
        const [a, b] = [teams[t]?.id ?? 'club-0', teams[t + 4]?.id ?? 'club-1'];
        matches.push(
          match(`${stage}-${t}-${leg}`.toUpperCase().replace(/_/g, ''), leg === 1 ? a : b, leg === 1 ? b : a, {
            stage,
            group: null,
            matchday: null,
            tie: t,
            leg,
            date: '2024-04-01',
            score: { home: 1, away: 1 },
          }),
        );
      }
    }
  }
  return season({
    name: `Season ${'S'.repeat(300)}`,
    associations: Array.from({ length: 5 }, (_, i) => association(`Association ${i} ${'with a long name '.repeat(3)}`, { rank: i + 1, note: 'a'.repeat(900) })),
    teams,
    matches,
    calendar: Array.from({ length: 60 }, (_, i) => calendarEntry(`c${i}`, { phase: `Phase ${i % 3}`, round: `Round ${i} ${'r'.repeat(200)}`, note: 'c'.repeat(300) })),
    conflicts: Array.from({ length: 30 }, (_, i) => ({ subject: `associations.Association ${i % 5}.rank`, text: 't'.repeat(400), sources: SRC })),
    gaps: Array.from({ length: 40 }, (_, i) => ({ subject: `matches.GX-${i}`, text: `Player 1 Longname Longname ${'g'.repeat(300)}`, sources: SRC })),
  });
};
