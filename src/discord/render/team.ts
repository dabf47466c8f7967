import type { APIEmbedField } from 'discord.js';
import { memoBySeasonKey, objectKey } from '../../domain/memo.js';
import { stageOrder } from '../../domain/season-index.js';
import { matchOutcome } from '../../domain/outcome.js';
import type { Association, GroupTable, Match, ScorerTable, Season, Stage, Team, TeamId, TieResult } from '../../domain/types.js';
import { fitMessage } from './limits.js';
import type { MessagePayload } from './limits.js';
import { fixtureLines, listNamesOf, missingTimes, tieOutcomeFor, tieWordsOf } from './match-format.js';
import type { NameOf } from './match-format.js';
import { isGroupStage, previousStage, stageFormat } from '../../domain/format.js';
import { latestStageColour, seasonFooter } from './theme.js';
import { stageWords, teamSeasonsField, type TeamInSeason } from './team-seasons.js';
import { escapeText } from './text.js';
import type { Translator } from '../../i18n/index.js';
import { penaltiesNote } from './scorers.js';
import { afterGroupsSuffix, englishTr, groupTitle, unattributedText } from './words.js';

export interface TeamView {
  readonly season: Season;
  readonly team: Team;
  readonly association: Association | null;
  readonly teamName: (id: TeamId) => string;
  /** The team's matches, chronological. */
  readonly matches: readonly Match[];
  /** The ties the team played (qualifying rounds and knockout stage). */
  readonly ties: readonly TieResult[];
  readonly groupTable: GroupTable | null;
  readonly scorers: { readonly proper: ScorerTable; readonly qualifying: ScorerTable };
  /** The reply's language (English where a caller gives none). */
  readonly tr?: Translator;
  /** Every loaded season the club played, this one first (see team-seasons.ts); a field when two or more. */
  readonly seasons?: readonly TeamInSeason[];
}

const trOf = (view: TeamView): Translator => view.tr ?? englishTr();

/** W, D or L from the team's side; null when there is no result to judge. */
export const resultLetter = (match: Match, team: TeamId): 'W' | 'D' | 'L' | null => {
  const outcome = matchOutcome(match);
  if (outcome.kind === 'winner_only') return outcome.winner === team ? 'W' : 'L';
  if (outcome.kind !== 'score') return null;
  const [own, other] = match.home === team ? [outcome.score.home, outcome.score.away] : [outcome.score.away, outcome.score.home];
  return own > other ? 'W' : own < other ? 'L' : 'D';
};

/** One match of the team's path: its result letter, when, and the match; markers on a line of their own when needed. */
const pathLines = (match: Match, view: TeamView, name: NameOf): string[] => {
  const tr = trOf(view);
  const letter = resultLetter(match, view.team.id);
  return fixtureLines(match, name, undefined, tieWordsOf(view.season, tr), letter === null ? '' : `\`${tr.t(`team.letter.${letter}`)}\` `);
};

/**
 * The team's season stage by stage: a bye, each tie with its legs and outcome, its group with every result.
 * It reads no clock, so it is kept per Season object and the very team, matches, ties, group table,
 * names and language it was made from.
 */
export const teamPath = (view: TeamView): string[] => [...pathOf(view)];

const pathKey = (view: TeamView): string =>
  [
    objectKey(trOf(view)),
    objectKey(view.teamName),
    objectKey(view.team),
    view.groupTable === null ? 'none' : objectKey(view.groupTable),
    view.matches.map(objectKey).join(','),
    view.ties.map(objectKey).join(','),
  ].join('|');

const buildPath = (view: TeamView): readonly string[] => {
  const name = listNamesOf(view.season.teams, view.teamName);
  const tieOf = new Map<string, TieResult>();
  for (const tie of view.ties) for (const leg of tie.legs) tieOf.set(leg.id, tie);
  const stages = [...new Set(view.matches.map((m) => m.stage))].sort((a, b) => stageOrder(view.season, a) - stageOrder(view.season, b));
  const tr = trOf(view);
  const lines: string[] = [];
  // A club that entered at a later qualifying round had a bye through the one before it.
  const skipped = stageFormat(view.season, view.team.entryRound)?.kind === 'qualifying' ? previousStage(view.season, view.team.entryRound) : null;
  if (skipped !== null) lines.push(tr.t('team.bye', { stage: `**${stageWords(view.season, skipped, tr)}**` }));
  for (const stage of stages) {
    const matches = view.matches.filter((m) => m.stage === stage);
    const heading = stageHeading(stage, view, matches, tieOf, name);
    const untimed = missingTimes(matches, tr);
    lines.push(untimed === null ? heading : `${heading} · ${untimed}`);
    for (const m of matches) lines.push(...pathLines(m, view, name));
    const outcome = stageOutcome(matches, view, tieOf, name);
    if (outcome !== null) lines.push(`↳ ${outcome}`);
  }
  return lines;
};

const pathOf = memoBySeasonKey((view: TeamView) => view.season, pathKey, buildPath);

/** The group fate as the tail of the place line: "through with a game to spare", « éliminé »; null while open. */
const fateWords = (fate: 'through' | 'out' | 'open', toPlay: number, tr: Translator, next: '' | 'Next'): string | null => {
  if (fate === 'through') return toPlay > 0 ? tr.t('team.fate.throughSpare', { count: toPlay }) : tr.t(`team.fate.throughLast${next}`);
  if (fate === 'out') return toPlay > 0 ? tr.t(`team.fate.outSpare${next}`, { count: toPlay }) : tr.t('team.fate.out');
  return null;
};

const stageHeading = (stage: Stage, view: TeamView, matches: readonly Match[], tieOf: ReadonlyMap<string, TieResult>, name: NameOf): string => {
  const tr = trOf(view);
  if (isGroupStage(view.season, stage)) {
    const row = view.groupTable?.rows.find((r) => r.team === view.team.id);
    const group = view.team.group ?? view.groupTable?.group ?? null;
    const title = `**${groupTitle(view.season, group, tr)}**`;
    if (!row || row.played === 0) return title;
    const position = tr.ordinal(row.position);
    const points = tr.t('team.points', { count: row.points });
    const fate = fateWords(row.fate, row.toPlay, tr, afterGroupsSuffix(view.season));
    const place = fate === null ? tr.t('team.place', { position, points }) : tr.t('team.placeFate', { position, points, fate });
    return `${title} · ${place}`;
  }
  const tie = matches.map((m) => tieOf.get(m.id)).find((t) => t !== undefined);
  if (!tie) return `**${stageWords(view.season, stage, tr)}**`;
  const opponent = tie.teams[0] === view.team.id ? tie.teams[1] : tie.teams[0];
  return tr.t('team.versus', { stage: `**${stageWords(view.season, stage, tr)}**`, team: tr.name(name(opponent)) });
};

/** How a tie ended for this team: "Zamalek through on away goals…", or "Runners-up: …" in the final. */
const stageOutcome = (matches: readonly Match[], view: TeamView, tieOf: ReadonlyMap<string, TieResult>, name: NameOf): string | null => {
  const tie = matches.map((m) => tieOf.get(m.id)).find((t) => t !== undefined);
  return tie ? tieOutcomeFor(tie, view.team.id, name, tieWordsOf(view.season, trOf(view))) : null;
};

const scorerSummary = (table: ScorerTable, tr: Translator): string => {
  const players = table.rows.map((r) => `${tr.name(escapeText(r.player))} ${r.goals}${penaltiesNote(r.penalties, tr)}`);
  const extra = [
    table.unattributedGoals ? unattributedText(table.unattributedGoals, tr) : null,
    table.ownGoals ? tr.t('team.ownGoalsInFavour', { count: table.ownGoals }) : null,
  ].filter(Boolean);
  if (players.length === 0 && extra.length === 0) return tr.t('team.noGoals');
  return [players.join(tr.t('team.listSeparator')), extra.join(' · ')].filter(Boolean).join('\n');
};

/** Where sources disagree on the association's rank, in one plain sentence. */
const rankDispute = (association: string, dispute: NonNullable<Association['rankDispute']>, tr: Translator): string => {
  if (dispute.byPoints === null || dispute.printed === null) return tr.t('team.rankDisputeUnknown', { association });
  return tr.t('team.rankDispute', { association, byPoints: tr.ordinal(dispute.byPoints), printed: tr.ordinal(dispute.printed) });
};

/** "3 (134 points)", with one plain sentence where sources disagree or the rank is uncertain. */
const rankText = (association: Association, tr: Translator): string => {
  if (association.rank === null) return tr.t('team.notPublished');
  const points = association.points === null ? tr.t('team.pointsNotPublished') : tr.t('team.points', { count: association.points });
  const base = tr.t('team.rank', { rank: association.rank, points });
  if (association.rankDispute !== null) {
    return `${base}\n${rankDispute(tr.name(association.shortName ?? association.name), association.rankDispute, tr)}`;
  }
  return association.rankConfidence === 'low' ? tr.t('team.rankUncertain', { rank: base }) : base;
};

/** The team card: association, ranking, how it qualified and entered, its whole path, its scorers. */
export const renderTeam = (view: TeamView): MessagePayload => {
  const { team, association } = view;
  const tr = trOf(view);
  // Association names and codes, aliases and the qualifying method are data (English in the sources).
  const assoc = tr.name(association ? `${escapeText(association.name)}${association.code ? ` (${association.code})` : ''}` : escapeText(team.association));
  const rank = association === null ? tr.t('team.notPublished') : rankText(association, tr);
  const fields: APIEmbedField[] = [
    { name: tr.t('team.fields.association'), value: assoc, inline: true },
    { name: tr.t('team.fields.rank'), value: rank, inline: true },
    {
      name: tr.t('team.fields.qualifiedAs'),
      value: team.qualifyingMethod === null ? tr.t('team.notPublished') : tr.name(escapeText(team.qualifyingMethod)),
      inline: true,
    },
    {
      name: tr.t('team.fields.entry'),
      // A bye past the first round, the first round, or the round a knockout-only competition starts with.
      value:
        team.entryRound === 'second_round' || team.entryRound === 'first_round'
          ? tr.t(team.entryRound === 'second_round' ? 'team.entry.secondRound' : 'team.entry.firstRound')
          : stageWords(view.season, team.entryRound, tr),
      inline: true,
    },
    ...(team.aliases.length
      ? [{ name: tr.t('team.fields.aliases'), value: team.aliases.map((a) => tr.name(escapeText(a))).join(tr.t('team.listSeparator')), inline: true }]
      : []),
    ...[teamSeasonsField(view.seasons ?? [], tr)].filter((f): f is APIEmbedField => f !== null),
    { name: tr.t('team.fields.scorersProper'), value: scorerSummary(view.scorers.proper, tr) },
    { name: tr.t('team.fields.scorersQualifying'), value: scorerSummary(view.scorers.qualifying, tr) },
  ];
  const path = teamPath(view);
  const champion = view.season.champion === team.id ? [`🏆 **${tr.t('team.champions')}**`, ''] : [];
  return fitMessage({
    embeds: [
      {
        // The club as fans in the reply's language know it (tr.name), as in the lines below.
        title: tr.name(escapeText(team.name)),
        description: [...champion, ...(path.length ? path : [tr.t('team.noMatches')])].join('\n'),
        color: latestStageColour(view.matches.map((m) => m.stage), view.season),
        fields,
        footer: seasonFooter(view.season, undefined, tr),
      },
    ],
  });
};
