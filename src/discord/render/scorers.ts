import type { APIEmbed } from 'discord.js';
import { normalizeName } from '../../domain/names.js';
import type { ScorerRow, ScorerTable, Season, SourceNote, Stage, TeamId } from '../../domain/types.js';
import { fitMessage } from './limits.js';
import type { MessagePayload } from './limits.js';
import { packLines } from './paging.js';
import { SEASON_COLOUR, seasonFooter, stageColour } from './theme.js';
import { escapeText } from './text.js';
import { capitalise, plural, unattributedText } from './words.js';

/** Round keys in competition order, with the words fans read for them. */
const ROUNDS: readonly (readonly [string, string])[] = [
  ['R1', 'first round'],
  ['R2', 'second round'],
  ['MD1', 'matchday 1'],
  ['MD2', 'matchday 2'],
  ['MD3', 'matchday 3'],
  ['MD4', 'matchday 4'],
  ['MD5', 'matchday 5'],
  ['MD6', 'matchday 6'],
  ['GS', 'group stage'],
  ['QF', 'quarter-finals'],
  ['SF', 'semi-finals'],
  ['F', 'final'],
];
const ROUND_ORDER = ROUNDS.map(([key]) => key);
const ROUND_WORDS = new Map(ROUNDS);

const roundRank = (key: string): number => {
  const i = ROUND_ORDER.indexOf(key);
  return i < 0 ? ROUND_ORDER.length : i;
};

/** "matchday 2, quarter-finals ×2": where the goals came, in competition order. */
export const roundBreakdown = (byRound: Readonly<Record<string, number>>): string =>
  Object.entries(byRound)
    .filter(([, goals]) => goals > 0)
    .sort(([a], [b]) => roundRank(a) - roundRank(b) || a.localeCompare(b))
    .map(([round, goals]) => `${ROUND_WORDS.get(round) ?? round.toLowerCase()}${goals > 1 ? ` ×${goals}` : ''}`)
    .join(', ');

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
  return gaps.filter((gap) => ` ${normalizeName(gap.text)} `.includes(` ${key} `));
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

export const scorerLine = (row: ScorerRow, rows: readonly ScorerRow[], teamName: (id: TeamId) => string, flagged: boolean): string => {
  const penalties = row.penalties > 0 ? ` (${row.penalties} pen.)` : '';
  const breakdown = roundBreakdown(row.byRound);
  return [
    `\`${rankLabel(row, rows).padStart(3)}\` **${escapeText(row.player)}** (${escapeText(teamName(row.team))}) — **${row.goals}**${penalties}${flagged ? ' ⚠️' : ''}`,
    breakdown,
  ]
    .filter(Boolean)
    .join(' · ');
};

/** The leaderboard with shared ranks, per-round goals, and what the data cannot attribute. */
export const renderScorers = (view: ScorersView): MessagePayload => {
  const { table } = view;
  const flaggedNotes = new Map<string, { player: string; gap: SourceNote }>();
  const flagged = new Set<ScorerRow>();
  for (const row of table.rows) {
    for (const gap of gapsNaming(row.player, view.season.gaps)) {
      flagged.add(row);
      flaggedNotes.set(`${row.player}\u0000${gap.subject}\u0000${gap.text}`, { player: row.player, gap });
    }
  }
  const lines = table.rows.map((row) => scorerLine(row, table.rows, view.teamName, flagged.has(row)));
  const pages = lines.length === 0 ? ['No goals with a recorded scorer for this selection.'] : packLines(lines, LIST_BUDGET);
  const players = new Set(table.rows.map((r) => r.player)).size;
  const levelAtCut = view.limit !== undefined && players > view.limit;
  const notes = [
    ...(levelAtCut ? [`Top ${view.limit}, with players level on goals: ${plural(players, 'player')} shown.`] : []),
    `${capitalise(unattributedText(table.unattributedGoals))}${table.ownGoals > 0 ? `; ${plural(table.ownGoals, 'own goal')}, credited to no player` : ''}.`,
    ...[...new Set([...flaggedNotes.values()].map(({ player }) => player))].map(
      (player) => `⚠️ ${escapeText(player)}: a source disputes or lacks one of these goals, so the total may change.`,
    ),
  ];
  const colour = view.stage === null ? SEASON_COLOUR : stageColour(view.stage);
  const embeds: APIEmbed[] = pages.map((page, i) => ({
    ...(i === 0 ? { title: escapeText(view.heading) } : {}),
    description: page,
    color: colour,
  }));
  embeds.push({ description: notes.join('\n'), color: colour, footer: seasonFooter(view.season, 'penalties included in totals') });
  return fitMessage({ embeds });
};
