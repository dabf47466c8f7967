import type { APIEmbed } from 'discord.js';
import type { Season } from '../../domain/types.js';
import { comparisonSummary } from '../../domain/ranking-across.js';
import type { RankingAcross } from '../../domain/ranking-across.js';
import { fitMessage } from './limits.js';
import type { MessagePayload } from './limits.js';
import { SEASON_COLOUR, seasonFooter, seasonTitle } from './theme.js';
import { codeText, escapeText, padEnd, padStart } from './text.js';
import type { Translator } from '../../i18n/index.js';
import { englishTr } from './words.js';

/** One code block per embed description, with room to spare under 4096. */
const CHUNK_BUDGET = 3500;

const formatPoints = (points: number): string => (Number.isInteger(points) ? String(points) : points.toFixed(1));

/** Rows into code blocks that each fit one embed description; each line kept left to right in a right-to-left reply. */
const tableChunks = (header: string, lines: readonly string[], tr: Translator): string[] => {
  const head = tr.tableLine(header);
  const chunks: string[][] = [[]];
  let size = head.length;
  for (const line of lines) {
    if (size + line.length + 1 > CHUNK_BUDGET) {
      chunks.push([]);
      size = head.length;
    }
    chunks[chunks.length - 1]?.push(line);
    size += line.length + 1;
  }
  return chunks.filter((c) => c.length > 0).map((c) => ['```', head, ...c.map((line) => tr.tableLine(line)), '```'].join('\n'));
};

/**
 * The points each association's clubs earned in every loaded season under CAF's criteria (a column
 * per competition, a coefficient per season), one numbered column per season that counts, and the
 * total. Seasons whose competition or coefficient the criteria do not state are named and left out;
 * one plain sentence says whether the printed ranking agrees.
 */
export const renderRankingsAcross = (
  across: RankingAcross,
  seasons: readonly Season[],
  footerSeason: Season,
  tr: Translator = englishTr(),
): MessagePayload => {
  const byId = new Map(seasons.map((s) => [s.id, s]));
  const titleOf = (id: string): string => {
    const season = byId.get(id);
    return season ? seasonTitle(season) : id;
  };
  const footer = seasonFooter(footerSeason, undefined, tr);
  const counted = across.combinedSeasons;
  const scoring = across.combined.filter((row) => row.total > 0);
  if (counted.length === 0 || scoring.length === 0) {
    return fitMessage({
      embeds: [{ title: tr.t('rankingsAcross.title'), description: tr.t('rankingsAcross.none'), color: SEASON_COLOUR, footer }],
    });
  }

  const heading = (key: string): string => codeText(tr.t(`rankingsAcross.columns.${key}`));
  const len = (text: string): number => Array.from(text).length;
  const code = heading('code');
  const association = heading('association');
  const total = heading('total');
  const names = scoring.map((row) => codeText(byIdAssociationShort(seasons, row.association) ?? row.association));
  const width = {
    code: Math.max(4, len(code)),
    name: Math.max(14, len(association), ...names.map(len)),
    season: 5,
    total: Math.max(6, len(total)),
  };
  const header = [
    padStart('#', 3),
    padEnd(code, width.code),
    padEnd(association, width.name),
    ...counted.map((_, i) => padStart(String(i + 1), width.season)),
    padStart(total, width.total),
  ].join(' ');
  let place = 0;
  const lines = scoring.map((row, i) => {
    // Equal totals share a place.
    if (i === 0 || scoring[i - 1]?.total !== row.total) place = i + 1;
    return [
      padStart(String(place), 3),
      padEnd(codeText(row.code ?? '—'), width.code),
      padEnd(names[i] ?? '', width.name),
      ...counted.map((id) => padStart(formatPoints(row.bySeason.find((s) => s.seasonId === id)?.points ?? 0), width.season)),
      padStart(formatPoints(row.total), width.total),
    ].join(' ');
  });

  const legend = [
    tr.t('rankingsAcross.how'),
    ...counted.map((id, i) =>
      tr.t('rankingsAcross.season', {
        column: tr.name(String(i + 1)),
        season: tr.name(escapeText(titleOf(id))),
        coefficient: tr.name(formatPoints(across.seasons.find((s) => s.seasonId === id)?.coefficient ?? 0)),
      }),
    ),
    ...across.seasons
      .filter((s) => !counted.includes(s.seasonId))
      .map((s) =>
        tr.t(s.columnStated ? 'rankingsAcross.noCoefficient' : 'rankingsAcross.noColumn', { season: tr.name(escapeText(titleOf(s.seasonId))) }),
      ),
    tr.t('rankingsAcross.unlisted'),
    '',
    tr.t(`rankingsAcross.compare.${comparisonSummary(across.comparisons)}`),
  ];
  const embeds: APIEmbed[] = tableChunks(header, lines, tr).map((chunk, i) => ({
    ...(i === 0 ? { title: tr.t('rankingsAcross.title') } : {}),
    description: chunk,
    color: SEASON_COLOUR,
  }));
  embeds.push({ description: legend.join('\n'), color: SEASON_COLOUR, footer });
  return fitMessage({ embeds });
};

/** The association's short name from any season that has one (for the narrow column). */
const byIdAssociationShort = (seasons: readonly Season[], name: string): string | null => {
  for (const season of seasons) {
    const found = season.associations.find((a) => a.name === name);
    if (found?.shortName) return found.shortName;
  }
  return null;
};
