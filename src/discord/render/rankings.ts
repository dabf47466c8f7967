import type { APIEmbed } from 'discord.js';
import type { RankingRow, Season } from '../../domain/types.js';
import { fitMessage } from './limits.js';
import type { MessagePayload } from './limits.js';
import { SEASON_COLOUR, seasonFooter } from './theme.js';
import { codeText, escapeText, padEnd, padStart } from './text.js';
import { rankDisputeText } from './words.js';

/** The narrowest name column; it widens to the longest name instead of cutting one. */
const NAME_WIDTH = 18;
/** One code block per embed description, with room to spare under 4096. */
const CHUNK_BUDGET = 3500;

const formatPoints = (points: number): string => (Number.isInteger(points) ? String(points) : points.toFixed(1));

const rowLine = (row: ShownRow, mark: string, width: number): string =>
  [
    padStart(row.rank === null ? '–' : String(row.rank), 3),
    padEnd(codeText(row.code ?? '—'), 4),
    padEnd(codeText(row.displayName), width),
    padStart(row.points === null ? '—' : formatPoints(row.points), 6),
    padStart(`${row.entered}/${row.slots}`, 5),
    padStart(formatPoints(row.seasonPoints), 6),
  ].join(' ') + (mark ? ` ${mark}` : '');

const header = (width: number): string =>
  [padStart('#', 3), padEnd('FIFA', 4), padEnd('Association', width), padStart('Points', 6), padStart('Teams', 5), padStart('Season', 6)].join(' ');

/** Rows split into code blocks that each fit one embed description. */
const tableChunks = (lines: readonly string[], width: number): string[] => {
  const HEADER = header(width);
  const chunks: string[][] = [[]];
  let size = HEADER.length;
  for (const line of lines) {
    if (size + line.length + 1 > CHUNK_BUDGET) {
      chunks.push([]);
      size = HEADER.length;
    }
    chunks[chunks.length - 1]?.push(line);
    size += line.length + 1;
  }
  return chunks.filter((c) => c.length > 0).map((c) => ['```', HEADER, ...c, '```'].join('\n'));
};

/** A row with the association's short name and its footnote mark. */
interface ShownRow extends RankingRow {
  readonly displayName: string;
}

/**
 * The CAF five-year association ranking as the competition printed it, the entry slots it gives,
 * and the points this season's results earn. Where sources disagree on a rank, or only a weak
 * source gives it, the row carries a mark and one plain sentence below the table.
 */
export const renderRankings = (season: Season, rows: readonly RankingRow[]): MessagePayload => {
  if (rows.length === 0) {
    return fitMessage({ embeds: [{ title: 'CAF association ranking', description: 'No ranking in the data.', footer: seasonFooter(season) }] });
  }
  const associations = new Map(season.associations.map((a) => [a.name, a]));
  const notes: string[] = [];
  const shortName = (row: RankingRow): string => associations.get(row.association)?.shortName ?? row.association;
  const width = Math.max(NAME_WIDTH, ...rows.map((row) => Array.from(codeText(shortName(row))).length));
  const lines = rows.map((row) => {
    const association = associations.get(row.association);
    const name = shortName(row);
    let mark = '';
    if (association?.rankDispute) {
      mark = '†';
      notes.push(`† ${escapeText(rankDisputeText(name, association.rankDispute))}.`);
    } else if (association?.rankConfidence === 'low') {
      mark = '?';
      notes.push(`? ${escapeText(name)}: rank uncertain, only one source of uncertain date gives it.`);
    }
    return rowLine({ ...row, displayName: name }, mark, width);
  });
  const chunks = tableChunks(lines, width);
  const coefficient = season.rankingCriteria.seasonCoefficient;
  const legend = [
    `**Points**: CAF 5-year ranking points (— where not published). **Teams**: entered / allowed (the top 12 may enter two).`,
    `**Season**: points this season's Confederation Cup results earn (each team's best result × ${formatPoints(coefficient)}).`,
  ];
  const embeds: APIEmbed[] = chunks.map((chunk, i) => ({
    ...(i === 0 ? { title: 'CAF association ranking (5-year)' } : {}),
    description: chunk,
    color: SEASON_COLOUR,
  }));
  embeds.push({
    description: [...legend, ...(notes.length ? ['', ...notes] : [])].join('\n'),
    color: SEASON_COLOUR,
    footer: seasonFooter(season),
  });
  return fitMessage({ embeds });
};
