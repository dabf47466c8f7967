import type { APIEmbed } from 'discord.js';
import type { GroupTable, Season, StandingRow, TeamId } from '../../domain/types.js';
import { fitMessage } from './limits.js';
import type { MessagePayload } from './limits.js';
import { STAGE_COLOURS, seasonFooter } from './theme.js';
import { codeText, escapeText, padEnd, padStart } from './text.js';
import { fateText } from './words.js';
import { listNames } from './match-format.js';

/** Names longer than this are shortened sensibly first (never cut: the column widens instead). */
const NAME_WIDTH = 18;

/**
 * Shrinks a name sensibly before the table cuts it: a bracketed part goes first
 * ("SOAR (Académie SOAR, Coyah)" → "SOAR"), then common words are abbreviated ("United" → "Utd").
 */
export const shortTeamName = (name: string, width: number): string => {
  let short = codeText(name);
  const steps: ((s: string) => string)[] = [
    (s) => s.replace(/\s*\([^)]*\)\s*/g, ' ').trim(),
    (s) => s.replace(/\bUnited\b/g, 'Utd').replace(/\bFootball Club\b/g, 'FC').replace(/\bSporting\b/g, 'Sp.'),
  ];
  for (const step of steps) {
    if (Array.from(short).length <= width) break;
    const next = step(short);
    if (next.length > 0) short = next;
  }
  return short;
};

const signed = (n: number): string => (n > 0 ? `+${n}` : String(n));

/**
 * A place decided by a tiebreaker gets `*` (its note says which rule); a row level with the next on
 * every criterion gets `=` (before a group starts, that is every row).
 */
const placeMarker = (row: StandingRow): string =>
  row.decidedBy === 'unresolved' ? '=' : row.decidedBy !== null && row.decidedBy !== 'points' ? '*' : '';

export const standingsTable = (table: GroupTable, teamName: (id: TeamId) => string): string => {
  const names = table.rows.map((row) => shortTeamName(teamName(row.team), NAME_WIDTH));
  const width = Math.max(4, ...names.map((n) => Array.from(n).length));
  const header = ['#', ' ', padEnd('Team', width), ' P', ' W', ' D', ' L', 'GF', 'GA', ' GD', 'Pts'].join(' ');
  const lines = table.rows.map((row, i) =>
    [
      padStart(String(row.position), 1),
      fateMark(row),
      padEnd(names[i] ?? '', width),
      padStart(String(row.played), 2),
      padStart(String(row.won), 2),
      padStart(String(row.drawn), 2),
      padStart(String(row.lost), 2),
      padStart(String(row.goalsFor), 2),
      padStart(String(row.goalsAgainst), 2),
      padStart(signed(row.goalDifference), 3),
      padStart(String(row.points), 3),
    ].join(' ') + placeMarker(row),
  );
  return ['```', header, ...lines, '```'].join('\n');
};

/** Q for a team mathematically through, x for one that can no longer get there. */
const fateMark = (row: StandingRow): string => (row.fate === 'through' || row.qualified ? 'Q' : row.fate === 'out' ? 'x' : ' ');

/** What each marker means; the legend lists only the markers a reply's tables use. */
const MARKERS: readonly (readonly [string, string])[] = [
  ['Q', 'Q: through to the quarter-finals'],
  ['x', 'x: can no longer reach the quarter-finals'],
  ['*', '*: place decided by a tiebreaker (see notes)'],
  ['=', '=: level with the next team on every criterion'],
];

/** The markers the tables use, in the order above; empty when they use none. */
export const legendFor = (tables: readonly GroupTable[]): string => {
  const used = new Set<string>();
  for (const row of tables.flatMap((t) => t.rows)) {
    const fate = fateMark(row);
    if (fate !== ' ') used.add(fate);
    const marker = placeMarker(row);
    if (marker) used.add(marker);
  }
  return MARKERS.filter(([m]) => used.has(m))
    .map(([, text]) => text)
    .join(' · ');
};

export const groupEmbed = (table: GroupTable, teamName: (id: TeamId) => string, tableName: (id: TeamId) => string = teamName): APIEmbed => {
  // A fate settled before the last matchday is news: "Zamalek are through with a game to spare".
  const early = table.rows
    .filter((row) => row.toPlay > 0)
    .map((row) => fateText(escapeText(teamName(row.team)), row.fate, row.toPlay))
    .filter((text): text is string => text !== null)
    .map((text) => `• ${text}.`);
  const notes = [...early, ...table.notes.map((note) => `• ${escapeText(note)}`)];
  const body = table.rows.length === 0 ? 'No teams in this group in the data.' : standingsTable(table, tableName);
  return {
    title: `Group ${table.group}`,
    description: [body, ...(notes.length ? ['**Notes**', ...notes] : [])].join('\n'),
    color: STAGE_COLOURS.group,
  };
};

/** One embed per group (all four fit one message), each with its notes under the table. */
export const renderStandings = (season: Season, tables: readonly GroupTable[], teamName: (id: TeamId) => string): MessagePayload => {
  if (tables.length === 0) {
    return fitMessage({ embeds: [{ title: 'Standings', description: 'No group tables in the data.', footer: seasonFooter(season) }] });
  }
  const short = listNames(season.teams, teamName);
  const embeds = tables.map((t) => groupEmbed(t, teamName, short));
  // The legend and source line once, under the last table.
  const last = embeds.length - 1;
  const legend = legendFor(tables);
  embeds[last] = { ...embeds[last], footer: seasonFooter(season, legend || undefined) };
  return fitMessage({ embeds });
};
