import type { APIEmbed } from 'discord.js';
import type { RankingRow, Season } from '../../domain/types.js';
import { fitMessage } from './limits.js';
import type { MessagePayload } from './limits.js';
import { SEASON_COLOUR, seasonFooter } from './theme.js';
import { codeText, escapeText, padEnd, padStart } from './text.js';
import type { Translator } from '../../i18n/index.js';
import { englishTr, rankDisputeText } from './words.js';

/** The narrowest name column; it widens to the longest name instead of cutting one. */
const NAME_WIDTH = 18;
/** One code block per embed description, with room to spare under 4096. */
const CHUNK_BUDGET = 3500;

const formatPoints = (points: number): string => (Number.isInteger(points) ? String(points) : points.toFixed(1));

/** Column headings in the reply's language, and each column's width (never narrower than its heading). */
interface Columns {
  readonly code: string;
  readonly association: string;
  readonly points: string;
  readonly teams: string;
  readonly season: string;
  readonly width: { readonly code: number; readonly name: number; readonly points: number; readonly teams: number; readonly season: number };
}

const columnsFor = (tr: Translator, nameWidth: number): Columns => {
  const heading = (key: string): string => codeText(tr.t(`rankings.columns.${key}`));
  const code = heading('code');
  const association = heading('association');
  const points = heading('points');
  const teams = heading('teams');
  const season = heading('season');
  const len = (text: string): number => Array.from(text).length;
  return {
    code,
    association,
    points,
    teams,
    season,
    width: {
      code: Math.max(4, len(code)),
      name: Math.max(nameWidth, len(association)),
      points: Math.max(6, len(points)),
      teams: Math.max(5, len(teams)),
      season: Math.max(6, len(season)),
    },
  };
};

const rowLine = (row: ShownRow, mark: string, col: Columns): string =>
  [
    padStart(row.rank === null ? '–' : String(row.rank), 3),
    padEnd(codeText(row.code ?? '—'), col.width.code),
    padEnd(codeText(row.displayName), col.width.name),
    padStart(row.points === null ? '—' : formatPoints(row.points), col.width.points),
    padStart(`${row.entered}/${row.slots}`, col.width.teams),
    padStart(formatPoints(row.seasonPoints), col.width.season),
  ].join(' ') + (mark ? ` ${mark}` : '');

const header = (col: Columns): string =>
  [
    padStart('#', 3),
    padEnd(col.code, col.width.code),
    padEnd(col.association, col.width.name),
    padStart(col.points, col.width.points),
    padStart(col.teams, col.width.teams),
    padStart(col.season, col.width.season),
  ].join(' ');

/** Rows split into code blocks that each fit one embed description; right to left, each line kept left to right (LRI…PDI). */
const tableChunks = (lines: readonly string[], col: Columns, tr: Translator): string[] => {
  const HEADER = tr.tableLine(header(col));
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
  return chunks.filter((c) => c.length > 0).map((c) => ['```', HEADER, ...c.map((line) => tr.tableLine(line)), '```'].join('\n'));
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
export const renderRankings = (season: Season, rows: readonly RankingRow[], tr: Translator = englishTr()): MessagePayload => {
  if (rows.length === 0) {
    return fitMessage({
      embeds: [{ title: tr.t('rankings.emptyTitle'), description: tr.t('rankings.noRanking'), footer: seasonFooter(season, undefined, tr) }],
    });
  }
  const associations = new Map(season.associations.map((a) => [a.name, a]));
  const notes: string[] = [];
  const shortName = (row: RankingRow): string => associations.get(row.association)?.shortName ?? row.association;
  const col = columnsFor(tr, Math.max(NAME_WIDTH, ...rows.map((row) => Array.from(codeText(shortName(row))).length)));
  const lines = rows.map((row) => {
    const association = associations.get(row.association);
    const name = shortName(row);
    let mark = '';
    if (association?.rankDispute) {
      mark = '†';
      // Each footnote on a line of its own, the association's (Latin) name isolated right to left.
      notes.push(`${tr.name('†')} ${escapeText(rankDisputeText(name, association.rankDispute, tr))}.`);
    } else if (association?.rankConfidence === 'low') {
      mark = '?';
      notes.push(`${tr.name('?')} ${tr.t('rankings.uncertain', { association: tr.name(escapeText(name)) })}`);
    }
    return rowLine({ ...row, displayName: name }, mark, col);
  });
  const chunks = tableChunks(lines, col, tr);
  const coefficient = season.rankingCriteria.seasonCoefficient;
  const heading = (text: string): string => tr.name(text.trim());
  const legend = [
    tr.t('rankings.legend.pointsTeams', { points: heading(col.points), teams: heading(col.teams) }),
    tr.t('rankings.legend.season', {
      season: heading(col.season),
      competition: tr.name(escapeText(season.competition)),
      coefficient: tr.name(formatPoints(coefficient)),
    }),
  ];
  const embeds: APIEmbed[] = chunks.map((chunk, i) => ({
    ...(i === 0 ? { title: tr.t('rankings.title') } : {}),
    description: chunk,
    color: SEASON_COLOUR,
  }));
  embeds.push({
    description: [...legend, ...(notes.length ? ['', ...notes] : [])].join('\n'),
    color: SEASON_COLOUR,
    footer: seasonFooter(season, undefined, tr),
  });
  return fitMessage({ embeds });
};
