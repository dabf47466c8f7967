// A small, valid season file (plain JSON data) for tests that break one thing at a time.
// Returns a fresh object on every call, so a test can mutate it freely.

const SOURCE = ['seed 000_960979acb82d6ea3.txt'];

const association = (name: string, code: string, entered = true) => ({
  name,
  code,
  rank: null,
  points: null,
  entered,
  note: null,
  sources: SOURCE,
});

const team = (name: string, associationName: string, aliases: string[] = []) => ({
  name,
  aliases,
  association: associationName,
  qualifyingMethod: null,
  entryRound: 'first_round',
  note: null,
  sources: SOURCE,
});

const groupMatch = (id: string, matchday: number, home: string, away: string, score: [number, number]) => ({
  id,
  stage: 'group',
  group: 'A',
  matchday,
  tie: null,
  leg: null,
  date: '2023-11-26',
  kickoff: '2023-11-26T19:00:00Z',
  venue: null,
  home,
  away,
  status: 'played',
  score: { home: score[0], away: score[1] },
  extraTime: false,
  penalties: null,
  decision: null,
  goals: [] as unknown[],
  note: null,
  sources: SOURCE,
});

export function minimalSeasonFile() {
  return {
    $comment: 'test file',
    about: 'test file',
    id: '2023-24',
    label: '2023-24',
    name: 'Test season',
    competition: 'CAF Confederation Cup',
    asOf: '2026-11-27',
    champion: 'Zamalek',
    rankingCriteria: {
      confederationCup: { winners: 5, runnersUp: 4, semiFinalists: 3, quarterFinalists: 2, groupThird: 1, groupFourth: 0.5 },
      seasonCoefficient: 5,
      note: null,
      sources: SOURCE,
    },
    printedTotals: { matches: 2, goals: 3, groupMatches: 2, groupGoals: 3, note: null, sources: SOURCE },
    associations: [
      association('Egypt', 'EGY'),
      association('Morocco', 'MAR'),
      association('Ghana', 'GHA'),
      association('Chad', 'CHA', false),
    ],
    groups: [{ id: 'A', teams: ['Zamalek', 'RS Berkane', 'Dreams F.C.', 'Modern Future'], note: null, sources: SOURCE }],
    teams: [
      team('Zamalek', 'Egypt', ['Zamalek SC']),
      team('Modern Future', 'Egypt', ['Future FC']),
      team('RS Berkane', 'Morocco', ['RSB', 'Berkane']),
      team('Dreams F.C.', 'Ghana', ['Dreams FC']),
    ],
    matches: [
      {
        ...groupMatch('GA-MD1-1', 1, 'Zamalek', 'RS Berkane', [2, 1]),
        goals: [
          { team: 'Zamalek', player: 'Ahmed Hamdi', minute: '23', type: 'regular' },
          { team: 'RS Berkane', player: null, minute: '90+4', type: 'regular' },
        ],
      },
      groupMatch('GA-MD1-2', 1, 'Dreams F.C.', 'Modern Future', [0, 0]),
    ],
    calendar: [
      {
        id: 'G-MD1',
        phase: 'Group stage',
        round: 'Matchday 1',
        kind: 'matchday',
        stage: 'group',
        matchday: 1,
        leg: null,
        startDate: '2023-11-26',
        endDate: '2023-11-26',
        note: null,
        sources: SOURCE,
      },
    ],
    conflicts: [] as unknown[],
    gaps: [] as unknown[],
  };
}

export type MinimalSeasonFile = ReturnType<typeof minimalSeasonFile>;
