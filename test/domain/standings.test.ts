import { describe, expect, test } from 'vitest';
import { computeGroupTable, computeGroupTables } from '../../src/domain/standings.js';
import type { Match, TiebreakRule } from '../../src/domain/types.js';
import { awarded, groupMatch, groupTeams, match, season, team } from './builders.js';

const gm = (home: string, away: string, h: number, a: number, md = 1): Match => groupMatch('A', md, home, away, [h, a]);

interface TiebreakCase {
  readonly name: string;
  readonly matches: readonly Match[];
  readonly order: readonly string[];
  readonly decidedBy: readonly (TiebreakRule | null)[];
  readonly note?: string;
}

const tiebreakCases: readonly TiebreakCase[] = [
  {
    name: 'GIVEN two teams level on points WHEN one won their meeting THEN head-to-head points beat a better goal difference',
    // a 3 pts (GD 0), b 3 pts (GD +4): a won the head-to-head.
    matches: [gm('a', 'b', 1, 0), gm('b', 'd', 5, 0, 2), gm('d', 'a', 1, 0, 3), gm('c', 'd', 0, 0, 4)],
    order: ['d', 'a', 'b', 'c'],
    decidedBy: ['points', 'head_to_head_points', 'points', null],
    note: 'Alpha above Bravo on head-to-head points (both on 3 points).',
  },
  {
    name: 'GIVEN two teams level on head-to-head points THEN head-to-head goal difference beats overall goal difference',
    // a and b each won one meeting (a 3-0, b 1-0); overall b has the better goal difference (-3 vs -4).
    matches: [
      gm('a', 'b', 3, 0),
      gm('b', 'a', 1, 0, 2),
      gm('a', 'c', 0, 0, 3),
      gm('b', 'c', 0, 0, 4),
      gm('d', 'a', 6, 0, 5),
      gm('d', 'b', 1, 0, 6),
    ],
    order: ['d', 'a', 'b', 'c'],
    decidedBy: ['points', 'head_to_head_goal_difference', 'points', null],
    note: 'Alpha above Bravo on head-to-head goal difference (both on 4 points).',
  },
  {
    name: 'GIVEN two teams level on head-to-head points, goal difference and goals THEN head-to-head away goals decide',
    // a 3-2 b at a's ground, b 1-0 a at b's: b scored 2 away, a none.
    matches: [gm('a', 'b', 3, 2), gm('b', 'a', 1, 0, 2), gm('c', 'd', 0, 0, 3)],
    order: ['b', 'a', 'c', 'd'],
    decidedBy: ['head_to_head_away_goals', 'points', 'unresolved', null],
    note: 'Bravo above Alpha on head-to-head away goals (both on 3 points).',
  },
  {
    name: 'GIVEN three teams level on points WHEN their mini-table splits all three THEN head-to-head points order them',
    // Mini-table: a 6, b 3, c 0. Overall all on 6 thanks to results against d.
    matches: [
      gm('a', 'b', 1, 0),
      gm('a', 'c', 1, 0, 2),
      gm('b', 'c', 1, 0, 3),
      gm('c', 'd', 1, 0, 4),
      gm('d', 'c', 0, 1, 5),
      gm('b', 'd', 1, 0, 5),
      gm('d', 'a', 1, 0, 6),
    ],
    order: ['a', 'b', 'c', 'd'],
    decidedBy: ['head_to_head_points', 'head_to_head_points', 'points', null],
    note: 'Alpha above Bravo on head-to-head points (Alpha, Bravo and Charlie level on 6 points).',
  },
  {
    name: 'GIVEN three teams level WHEN head-to-head away goals separate one THEN the other two are re-compared between themselves (rule 6)',
    // Cyclic 1-0 wins: a won at b, b won at c, c won at home. Mini-table: all 3 pts, GD 0, 1 goal; away goals a 1, b 1, c 0.
    // c is third on away goals; reapplied to a and b alone, a beat b.
    matches: [
      gm('b', 'a', 0, 1),
      gm('c', 'b', 0, 1, 2),
      gm('c', 'a', 1, 0, 3),
      gm('a', 'd', 1, 0, 4),
      gm('b', 'd', 1, 0, 5),
      gm('c', 'd', 1, 0, 6),
    ],
    order: ['a', 'b', 'c', 'd'],
    decidedBy: ['head_to_head_points', 'head_to_head_away_goals', 'points', null],
    note: 'Alpha above Bravo on head-to-head points, reapplied to Alpha and Bravo only (Alpha, Bravo and Charlie level on 6 points).',
  },
  {
    name: 'GIVEN three teams level on head-to-head points and goal difference THEN head-to-head goals, then away goals, order them',
    // Mini-table: all 3 pts and GD 0; goals a 3, b 3, c 1; away goals b 2 (the 3-2 at a), a 0.
    matches: [
      gm('a', 'b', 3, 2),
      gm('b', 'c', 1, 0, 2),
      gm('c', 'a', 1, 0, 3),
      gm('a', 'd', 1, 0, 4),
      gm('b', 'd', 1, 0, 5),
      gm('c', 'd', 1, 0, 6),
    ],
    order: ['b', 'a', 'c', 'd'],
    decidedBy: ['head_to_head_away_goals', 'head_to_head_goals', 'points', null],
    note: 'Alpha above Charlie on head-to-head goals scored (Alpha, Bravo and Charlie level on 6 points).',
  },
  {
    name: 'GIVEN a level head-to-head THEN overall goal difference decides',
    // c lost twice and d has not played: d is above c on goal difference too.
    matches: [gm('a', 'b', 1, 1), gm('b', 'a', 1, 1, 2), gm('a', 'c', 3, 0, 3), gm('b', 'c', 1, 0, 4)],
    order: ['a', 'b', 'd', 'c'],
    decidedBy: ['goal_difference', 'points', 'goal_difference', null],
    note: 'Alpha above Bravo on goal difference (both on 5 points, level on head-to-head).',
  },
  {
    name: 'GIVEN a level head-to-head and goal difference THEN overall goals scored decide',
    matches: [gm('a', 'b', 1, 1), gm('b', 'a', 1, 1, 2), gm('a', 'c', 3, 1, 3), gm('b', 'c', 2, 0, 4)],
    order: ['a', 'b', 'd', 'c'],
    decidedBy: ['goals_for', 'points', 'goal_difference', null],
    note: 'Alpha above Bravo on goals scored (both on 5 points, level on head-to-head).',
  },
  {
    name: 'GIVEN a level head-to-head, goal difference and goals THEN overall away goals decide',
    // a won 2-1 at c; b won 2-1 at home against c.
    matches: [gm('a', 'b', 1, 1), gm('b', 'a', 1, 1, 2), gm('c', 'a', 1, 2, 3), gm('b', 'c', 2, 1, 4)],
    order: ['a', 'b', 'd', 'c'],
    decidedBy: ['away_goals', 'points', 'goal_difference', null],
    note: 'Alpha above Bravo on away goals scored (both on 5 points, level on head-to-head).',
  },
  {
    name: 'GIVEN two teams level on every criterion THEN the order is by name and drawing of lots would decide',
    matches: [gm('a', 'b', 1, 1), gm('b', 'a', 1, 1, 2), gm('a', 'c', 1, 0, 3), gm('b', 'c', 1, 0, 4), gm('d', 'c', 0, 0, 5)],
    order: ['a', 'b', 'd', 'c'],
    decidedBy: ['unresolved', 'points', 'goal_difference', null],
    note: 'Alpha and Bravo are level on every criterion (both on 5 points); drawing of lots would decide, so they are listed by name.',
  },
];

describe('computeGroupTable tiebreakers (CAF Regulations III. 20 & 21)', () => {
  test.each(tiebreakCases)('$name', ({ matches, order, decidedBy, note }) => {
    const table = computeGroupTable(season({ teams: groupTeams(), matches }), 'A');
    expect(table.rows.map((r) => r.team)).toEqual(order);
    expect(table.rows.map((r) => r.decidedBy)).toEqual(decidedBy);
    expect(table.rows.map((r) => r.position)).toEqual([1, 2, 3, 4]);
    if (note) expect(table.notes).toContain(note);
  });

  test('GIVEN teams level on everything THEN they are listed by name, not by id', () => {
    const teams = [team('z', { name: 'Aardvark', group: 'A' }), team('y', { name: 'Zebra', group: 'A' })];
    const table = computeGroupTable(season({ teams, matches: [groupMatch('A', 1, 'y', 'z', [0, 0])] }), 'A');
    expect(table.rows.map((r) => r.team)).toEqual(['z', 'y']);
    expect(table.rows[0]?.decidedBy).toBe('unresolved');
  });

  test('GIVEN an unfinished group with teams level THEN no drawing-of-lots note and nobody is marked qualified', () => {
    const matches = [gm('a', 'b', 1, 1), match({ id: 'GA-MD2-X', stage: 'group', group: 'A', matchday: 2, home: 'c', away: 'd', status: 'scheduled' })];
    const table = computeGroupTable(season({ teams: groupTeams(), matches }), 'A');
    expect(table.rows.every((r) => !r.qualified)).toBe(true);
    expect(table.notes.some((n) => n.includes('drawing of lots'))).toBe(false);
  });
});

describe('computeGroupTable row arithmetic and data gaps', () => {
  const teams = groupTeams();

  test.each([
    {
      name: 'GIVEN an awarded match with a recorded score THEN the awarded score counts like a result',
      matches: [awarded(gm('a', 'b', 0, 0), 'a', [3, 0])],
      a: { played: 1, won: 1, goalsFor: 3, goalsAgainst: 0, points: 3 },
      b: { played: 1, lost: 1, goalsFor: 0, goalsAgainst: 3, points: 0 },
      note: 'Alpha v Bravo (Matchday 1) was awarded 3–0 to Alpha; the awarded score counts.',
      unrecorded: [],
    },
    {
      name: 'GIVEN an awarded match with no recorded score THEN the winner gets the win and 3 points but no goals',
      matches: [awarded(gm('a', 'b', 0, 0), 'a', null)],
      a: { played: 1, won: 1, goalsFor: 0, goalsAgainst: 0, points: 3 },
      b: { played: 1, lost: 1, goalsFor: 0, goalsAgainst: 0, points: 0 },
      note: 'Alpha v Bravo (Matchday 1) was awarded to Alpha; the awarded score is not recorded, so it counts as a win (3 points) but its goals are excluded.',
      unrecorded: [],
    },
    {
      name: 'GIVEN a played match with no recorded score THEN it is not counted and is listed as unrecorded',
      matches: [groupMatch('A', 6, 'a', 'b', null, { id: 'GA-MD6-2' }), gm('a', 'c', 2, 1)],
      a: { played: 1, won: 1, goalsFor: 2, goalsAgainst: 1, points: 3 },
      b: { played: 0, lost: 0, goalsFor: 0, goalsAgainst: 0, points: 0 },
      note: 'Alpha v Bravo (Matchday 6): result not published, so it is left out and the table is incomplete.',
      unrecorded: ['GA-MD6-2'],
    },
    {
      name: 'GIVEN a 2-2 draw THEN both teams get a point and the goals, and the visitors lead on head-to-head away goals',
      matches: [gm('a', 'b', 2, 2)],
      a: { played: 1, drawn: 1, goalsFor: 2, goalsAgainst: 2, points: 1 },
      b: { played: 1, drawn: 1, goalsFor: 2, goalsAgainst: 2, points: 1 },
      note: 'Bravo above Alpha on head-to-head away goals (both on 1 point).',
      unrecorded: [],
    },
  ])('$name', ({ matches, a, b, note, unrecorded }) => {
    const table = computeGroupTable(season({ teams, matches }), 'A');
    const row = (id: string) => table.rows.find((r) => r.team === id);
    expect(row('a')).toMatchObject(a);
    expect(row('b')).toMatchObject(b);
    expect(table.notes).toContain(note);
    expect(table.unrecorded).toEqual(unrecorded);
  });

  test('GIVEN a finished group THEN exactly the top two are qualified', () => {
    const matches = [gm('a', 'b', 1, 0), gm('c', 'd', 2, 0), gm('a', 'c', 1, 0, 2), gm('b', 'd', 1, 0, 2)];
    const table = computeGroupTable(season({ teams, matches }), 'A');
    // a 6 pts; c and b 3 pts each, no meeting between them, c ahead on goal difference.
    expect(table.rows.map((r) => [r.team, r.qualified])).toEqual([
      ['a', true],
      ['c', true],
      ['b', false],
      ['d', false],
    ]);
  });

  test('GIVEN matches of several groups THEN computeGroupTables returns one table per group in order', () => {
    const allTeams = [...groupTeams('B', ['e', 'f']), ...groupTeams('A', ['a', 'b'])];
    const matches = [groupMatch('B', 1, 'e', 'f', [0, 1]), groupMatch('A', 1, 'a', 'b', [1, 0])];
    const tables = computeGroupTables(season({ teams: allTeams, matches }));
    expect(tables.map((t) => [t.group, t.rows.map((r) => r.team)])).toEqual([
      ['A', ['a', 'b']],
      ['B', ['f', 'e']],
    ]);
  });
});
