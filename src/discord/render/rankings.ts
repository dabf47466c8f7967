import type { APIEmbed } from 'discord.js';
import type { RankingRow, Season } from '../../domain/types.js';
import { fitMessage } from './limits.js';
import type { MessagePayload } from './limits.js';
import { SEASON_COLOUR, seasonFooter } from './theme.js';
import { codeText, escapeText, padEnd, padStart } from './text.js';

const NAME_WIDTH = 18;
/** One code block per embed description, with room to spare under 4096. */
const CHUNK_BUDGET = 3500;

const formatPoints = (points: number): string => (Number.isInteger(points) ? String(points) : points.toFixed(1));

const rowLine = (row: RankingRow, marked: boolean): string =>
  [
    padStart(row.rank === null ? '–' : String(row.rank), 3),
    padEnd(codeText(row.code ?? '—'), 4),
    padEnd(codeText(row.association), NAME_WIDTH),
    padStart(row.points === null ? '—' : formatPoints(row.points), 6),
    padStart(`${row.entered}/${row.slots}`, 5),
    padStart(formatPoints(row.seasonPoints), 6),
  ].join(' ') + (marked ? ' †' : '');

const HEADER = [padStart('#', 3), padEnd('FIFA', 4), padEnd('Association', NAME_WIDTH), padStart('Points', 6), padStart('Teams', 5), padStart('+2324', 6)].join(' ');

/** Rows split into code blocks that each fit one embed description. */
const tableChunks = (lines: readonly string[]): string[] => {
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

/**
 * The CAF five-year association ranking as the sources print it, the entry slots it gives, and the
 * points this season's results earn. A row whose sources disagree carries a † and its note below.
 */
export const renderRankings = (season: Season, rows: readonly RankingRow[]): MessagePayload => {
  if (rows.length === 0) {
    return fitMessage({ embeds: [{ title: 'CAF association ranking', description: 'No ranking in the data.', footer: seasonFooter(season) }] });
  }
  const lines = rows.map((row) => rowLine(row, row.note !== null));
  const chunks = tableChunks(lines);
  const coefficient = season.rankingCriteria.seasonCoefficient;
  const legend = [
    `**Points**: CAF 5-year ranking points (— = not recorded). **Teams**: entered / slots (top 12 may enter two).`,
    `**+2324**: points this season's Confederation Cup results earn (best result per team × ${formatPoints(coefficient)}).`,
  ];
  const notes = rows.filter((row) => row.note !== null).map((row) => `† **${escapeText(row.association)}**: ${escapeText(row.note ?? '')}`);
  const criteriaNote = season.rankingCriteria.note === null ? [] : [`Criteria: ${escapeText(season.rankingCriteria.note)}`];
  const embeds: APIEmbed[] = chunks.map((chunk, i) => ({
    ...(i === 0 ? { title: 'CAF association ranking (5-year)' } : {}),
    description: chunk,
    color: SEASON_COLOUR,
  }));
  embeds.push({
    description: [...legend, ...(notes.length ? ['', '**Notes**', ...notes] : []), ...criteriaNote].join('\n'),
    color: SEASON_COLOUR,
    footer: seasonFooter(season),
  });
  return fitMessage({ embeds });
};
