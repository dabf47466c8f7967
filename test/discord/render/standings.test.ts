import { expect, test } from 'vitest';
import { legendFor, renderStandings, shortTeamName, standingsTable } from '../../../src/discord/render/standings.js';
import { indexSeason } from '../../../src/domain/season-index.js';
import { computeGroupTables } from '../../../src/domain/standings.js';
import type { GroupTable } from '../../../src/domain/types.js';
import { readSeasonFile } from '../../../src/season/read.js';
import { allText, limitViolations } from './limits-check.js';
import { HOSTILE_NAME, miniSeason, season } from './season-builder.js';

const row = (position: number, team: string, points: number, extra: Partial<GroupTable['rows'][number]> = {}) => ({
  position,
  team,
  played: 6,
  won: 3,
  drawn: 1,
  lost: 2,
  goalsFor: 10,
  goalsAgainst: 7,
  goalDifference: 3,
  points,
  decidedBy: null,
  qualified: position <= 2,
  fate: position <= 2 ? ('through' as const) : ('out' as const),
  toPlay: 0,
  ...extra,
});

const table: GroupTable = {
  group: 'C',
  rows: [
    row(1, 'dreams', 12, { decidedBy: 'goal_difference', goalDifference: 4 }),
    row(2, 'rivers', 12, { decidedBy: 'points', goalDifference: 2 }),
    row(3, 'africain', 10, { decidedBy: 'points' }),
    row(4, 'lobito', 1, { goalDifference: -11, goalsFor: 6, goalsAgainst: 17 }),
  ],
  notes: ['Dreams F.C. above Rivers United on goal difference (both on 12 points, level on head-to-head).'],
  unrecorded: [],
  complete: true,
};
const names: Record<string, string> = { dreams: 'Dreams F.C.', rivers: 'Rivers United', africain: 'Club Africain', lobito: 'Académica do Lobito' };
const teamName = (id: string): string => names[id] ?? id;

test('the table: Q for qualifiers, * where a tiebreaker decided, signed goal difference, names cut sensibly', () => {
  expect(standingsTable(table, teamName)).toMatchInlineSnapshot(`
    "\`\`\`
    #   Team                 P  W  D  L GF GA  GD Pts
    1 Q Dreams F.C.          6  3  1  2 10  7  +4  12*
    2 Q Rivers United        6  3  1  2 10  7  +2  12
    3 x Club Africain        6  3  1  2 10  7  +3  10
    4 x Académica do Lobito  6  3  1  2  6 17 -11   1
    \`\`\`"
  `);
});

test.each([
  ['SOAR (Académie SOAR, Coyah)', 18, 'SOAR'],
  ['Sekhukhune United FC Limited', 18, 'Sekhukhune Utd FC Limited'],
  ['Zamalek', 18, 'Zamalek'],
  ['name with `backticks`', 30, "name with 'backticks'"],
])('shortTeamName(%j, %i) = %j', (name, width, expected) => {
  expect(shortTeamName(name, width)).toBe(expected);
});

test('one embed per group with its notes; legend and source once, under the last table', () => {
  const payload = renderStandings(season(), [table, { ...table, group: 'D', notes: [] }], teamName);
  expect(payload.embeds.map((e) => [e.title, e.footer?.text ?? null])).toEqual([
    ['Group C', null],
    ['Group D', `CAF Confederation Cup 2023–24 · data updated 2024-06-01 · sources: /about · ${legendFor([table])}`],
  ]);
  expect(payload.embeds[0]?.description).toContain('**Notes**\n• Dreams F.C. above Rivers United on goal difference');
  expect(payload.embeds[1]?.description).not.toContain('Notes');
});

test('the legend lists only the markers the tables use, each with its sign', () => {
  const plain = {
    ...table,
    rows: table.rows.map((r, i) => ({ ...r, decidedBy: i === table.rows.length - 1 ? null : ('points' as const), qualified: false, fate: 'open' as const })),
  };
  expect(legendFor([plain])).toBe('');
  const level = { ...plain, rows: plain.rows.map((r, i) => (i === 0 ? { ...r, decidedBy: 'unresolved' as const, qualified: true, fate: 'through' as const } : r)) };
  expect(legendFor([level])).toBe('Q: through to the quarter-finals · =: level with the next team on every criterion');
  const out = { ...plain, rows: plain.rows.map((r, i) => (i === 3 ? { ...r, fate: 'out' as const } : r)) };
  expect(legendFor([out])).toBe('x: can no longer reach the quarter-finals');
  const tiebreak = { ...plain, rows: plain.rows.map((r, i) => (i === 1 ? { ...r, decidedBy: 'goal_difference' as const } : r)) };
  expect(legendFor([tiebreak])).toBe('*: place decided by a tiebreaker (see notes)');
  expect(renderStandings(season(), [plain], teamName).embeds[0]?.footer?.text).toBe('CAF Confederation Cup 2023–24 · data updated 2024-06-01 · sources: /about');
});

test('a fate settled with games to spare is said in words under the table, and marked in it', () => {
  const early = {
    ...table,
    notes: [],
    rows: table.rows.map((r, i) => ({ ...r, toPlay: 1, qualified: i === 0, fate: i === 0 ? ('through' as const) : i === 3 ? ('out' as const) : ('open' as const) })),
  };
  const description = renderStandings(season(), [early], teamName).embeds[0]?.description ?? '';
  expect(description).toContain('• Dreams F.C. are through with a game to spare.');
  expect(description).toContain('• Académica do Lobito can no longer reach the quarter-finals, with a game to spare.');
  expect(description).toMatch(/^1 Q Dreams/m);
  expect(description).toMatch(/^4 x Académica/m);
  expect(description).toMatch(/^2   Rivers/m);
});

test('the mini season: awarded without a score and an unrecorded result are explained', () => {
  const s = miniSeason();
  const payload = renderStandings(s, computeGroupTables(s), indexSeason(s).teamName);
  expect(payload.embeds[0]?.description).toMatchInlineSnapshot(`
    "\`\`\`
    #   Team           P  W  D  L GF GA  GD Pts
    1 Q RS Berkane     2  2  0  0  2  1  +1   6
    2   Académie SOAR  2  0  1  1  1  1   0   1*
    3   USM Alger      1  0  1  0  1  1   0   1
    4   Zamalek        1  0  0  1  1  2  -1   0
    \`\`\`
    **Notes**
    • Zamalek v USM Alger (Matchday 2): result not published, so it is left out and the table is incomplete.
    • Académie SOAR v RS Berkane (Matchday 2) was awarded to RS Berkane; the awarded score is not recorded, so it counts as a win (3 points) but its goals are excluded.
    • Académie SOAR above USM Alger on head-to-head away goals (both on 1 point)."
  `);
});

test('no tables at all still answers', () => {
  expect(renderStandings(season(), [], teamName).embeds[0]?.description).toBe('No group tables in the data.');
});

test('a hostile name stays inside the code block and cannot close it', () => {
  const payload = renderStandings(season(), [table], (id) => (id === 'dreams' ? HOSTILE_NAME : teamName(id)));
  expect(limitViolations(payload)).toEqual([]);
  expect(allText(payload).split('```').length - 1).toBe(2);
  expect(allText(payload)).not.toContain('@everyone');
});

test('the real season: four groups, every limit holds, and the recorded notes are shown', () => {
  const real = readSeasonFile().season;
  const tables = computeGroupTables(real);
  const payload = renderStandings(real, tables, indexSeason(real).teamName);
  expect(limitViolations(payload)).toEqual([]);
  expect(payload.embeds.map((e) => e.title)).toEqual(['Group A', 'Group B', 'Group C', 'Group D']);
  for (const t of tables) for (const note of t.notes) expect(allText(payload)).toContain(note.slice(0, 40));
  expect(payload.embeds.every((e) => (e.description ?? '').split('\n').filter((l) => /^\d Q /.test(l)).length === 2)).toBe(true);
});

test('a row level with the next on every criterion is marked "=", a tiebreak "*", a points gap nothing', () => {
  const rows = table.rows.map((row, i) => ({ ...row, decidedBy: (['unresolved', 'goal_difference', 'points', null] as const)[i] ?? null }));
  const lines = standingsTable({ ...table, rows }, (id) => id).split('\n').slice(2, -1);
  expect(lines.map((l) => l.at(-1))).toEqual(['=', '*', expect.stringMatching(/\d/), expect.stringMatching(/\d/)]);
});
