import type { APIEmbed } from 'discord.js';
import { normalizeName } from '../../domain/names.js';
import type { ScorerRow, ScorerTable, Season, SourceNote, Stage, StageFormat, TeamId } from '../../domain/types.js';
import { fitMessage } from './limits.js';
import type { MessagePayload } from './limits.js';
import { packLines } from './paging.js';
import { SEASON_COLOUR, seasonFooter, stageColour } from './theme.js';
import { escapeText } from './text.js';
import type { Translator } from '../../i18n/index.js';
import { englishTr, stageTitle, unattributedText } from './words.js';

/** Round keys in competition order. */
const ROUND_ORDER: readonly string[] = ['R1', 'R2', 'MD1', 'MD2', 'MD3', 'MD4', 'MD5', 'MD6', 'GS', 'QF', 'SF', 'F'];

/** The stage of the season's format with this key (`PO` → the play-off), when there is one. */
const stageWithKey = (season: HasFormat | undefined, key: string): StageFormat | undefined => season?.format.stages.find((s) => s.key === key);

/**
 * The words fans read for a round key ("matchday 2", « 2e journée »): the house's for CAF's keys, else
 * the name the season's format gives the stage with that key ("play-off"), else the key, lower case.
 */
const roundWords = (key: string, tr: Translator, season?: HasFormat): string => {
  const matchday = /^MD(\d+)$/.exec(key);
  if (matchday) return tr.t('scorers.rounds.matchday', { n: Number(matchday[1]) });
  if (ROUND_ORDER.includes(key)) return tr.t(`scorers.rounds.${key}`);
  const stage = stageWithKey(season, key);
  return stage === undefined || season === undefined ? tr.name(key.toLowerCase()) : stageTitle(season, stage.code, tr).toLocaleLowerCase(tr.language);
};

/**
 * Where a round key sorts: with the season, where its stage is played (a matchday `MDn` in the group
 * stage, in order); without it, CAF's keys in their order and any other key last.
 */
const roundRank = (key: string, season?: HasFormat): number => {
  if (season === undefined) {
    const i = ROUND_ORDER.indexOf(key);
    return i < 0 ? ROUND_ORDER.length : i;
  }
  const matchday = /^MD(\d+)$/.exec(key);
  const stages = season.format.stages;
  const at = matchday ? stages.findIndex((s) => s.kind === 'group') : stages.findIndex((s) => s.key === key);
  return at < 0 ? Number.MAX_SAFE_INTEGER : at * 1000 + (matchday ? Number(matchday[1]) : 0);
};

type HasFormat = Pick<Season, 'format'>;

/** "matchday 2, quarter-finals ×2": where the goals came, in competition order. */
export const roundBreakdown = (byRound: Readonly<Record<string, number>>, tr: Translator = englishTr(), season?: HasFormat): string =>
  Object.entries(byRound)
    .filter(([, goals]) => goals > 0)
    .sort(([a], [b]) => roundRank(a, season) - roundRank(b, season) || a.localeCompare(b))
    .map(([round, goals]) => `${roundWords(round, tr, season)}${goals > 1 ? ` ×${goals}` : ''}`)
    .join(tr.t('scorers.rounds.separator'));

/** "=1" when players share the rank, "1" otherwise. */
const rankLabel = (row: ScorerRow, rows: readonly ScorerRow[]): string =>
  rows.filter((r) => r.rank === row.rank).length > 1 ? `=${row.rank}` : String(row.rank);

/**
 * Recorded gaps that name the player: a leader's total may depend on a goal whose scorer no source
 * gives. Found by the name in the gap's text, so nothing is hard-coded.
 */
export const gapsNaming = (player: string, gaps: readonly SourceNote[]): SourceNote[] => {
  const key = normalizeName(player);
  if (key.length === 0) return [];
  const texts = normalizedTexts(gaps);
  return gaps.filter((_, i) => texts[i]?.includes(` ${key} `));
};

// A season's gaps never change, and every scorer row of every /scorers reply searched them all: their
// normalized texts are computed once per gaps list (about 1 ms a reply before).
const normalizedGapTexts = new WeakMap<readonly SourceNote[], readonly string[]>();

const normalizedTexts = (gaps: readonly SourceNote[]): readonly string[] => {
  let texts = normalizedGapTexts.get(gaps);
  if (texts === undefined) {
    texts = gaps.map((gap) => ` ${normalizeName(gap.text)} `);
    normalizedGapTexts.set(gaps, texts);
  }
  return texts;
};

export interface ScorersView {
  readonly season: Season;
  readonly table: ScorerTable;
  readonly teamName: (id: TeamId) => string;
  /** e.g. "Top scorers · competition proper". */
  readonly heading: string;
  /** The stage asked for, for the colour (null for a span of stages). */
  readonly stage: Stage | null;
  /** The number of players asked for; more rows mean players level on goals at the cut. */
  readonly limit?: number;
}

const LIST_BUDGET = 3600;

/** " (2 pen.)" after a total that includes penalties; nothing otherwise. */
export const penaltiesNote = (penalties: number, tr: Translator = englishTr()): string =>
  penalties > 0 ? ` (${tr.t('scorers.penalties', { count: penalties })})` : '';

export const scorerLine = (
  row: ScorerRow,
  rows: readonly ScorerRow[],
  teamName: (id: TeamId) => string,
  flagged: boolean,
  tr: Translator = englishTr(),
  season?: HasFormat,
): string => {
  const penalties = penaltiesNote(row.penalties, tr);
  const breakdown = roundBreakdown(row.byRound, tr, season);
  return [
    `\`${rankLabel(row, rows).padStart(3)}\` **${tr.name(escapeText(row.player))}** (${tr.name(escapeText(teamName(row.team)))}) — **${row.goals}**${penalties}${flagged ? ' ⚠️' : ''}`,
    breakdown,
  ]
    .filter(Boolean)
    .join(' · ');
};

/** The leaderboard with shared ranks, per-round goals, and what the data cannot attribute. */
export const renderScorers = (view: ScorersView, tr: Translator = englishTr()): MessagePayload => {
  const { table } = view;
  const flaggedNotes = new Map<string, { player: string; gap: SourceNote }>();
  const flagged = new Set<ScorerRow>();
  for (const row of table.rows) {
    for (const gap of gapsNaming(row.player, view.season.gaps)) {
      flagged.add(row);
      flaggedNotes.set(`${row.player}\u0000${gap.subject}\u0000${gap.text}`, { player: row.player, gap });
    }
  }
  const lines = table.rows.map((row) => scorerLine(row, table.rows, view.teamName, flagged.has(row), tr, view.season));
  const pages = lines.length === 0 ? [tr.t('scorers.empty')] : packLines(lines, LIST_BUDGET);
  const players = new Set(table.rows.map((r) => r.player)).size;
  const levelAtCut = view.limit !== undefined && players > view.limit;
  const notes = [
    ...(levelAtCut ? [tr.t('scorers.levelAtCut', { limit: view.limit ?? 0, count: players })] : []),
    table.ownGoals > 0
      ? tr.t('scorers.unattributedOwnGoals', { unattributed: unattributedText(table.unattributedGoals, tr), ownGoals: tr.t('scorers.ownGoals', { count: table.ownGoals }) })
      : tr.t('scorers.unattributed', { unattributed: unattributedText(table.unattributedGoals, tr) }),
    ...[...new Set([...flaggedNotes.values()].map(({ player }) => player))].map((player) =>
      tr.t('scorers.disputed', { player: tr.name(escapeText(player)) }),
    ),
  ];
  const colour = view.stage === null ? SEASON_COLOUR : stageColour(view.stage, view.season);
  const embeds: APIEmbed[] = pages.map((page, i) => ({
    ...(i === 0 ? { title: escapeText(view.heading) } : {}),
    description: page,
    color: colour,
  }));
  embeds.push({ description: notes.join('\n'), color: colour, footer: seasonFooter(view.season, tr.t('scorers.footer'), tr) });
  return fitMessage({ embeds });
};
