import type { APIEmbedField } from 'discord.js';
import { stageOrder } from '../../domain/season-index.js';
import { matchOutcome } from '../../domain/outcome.js';
import type { Association, GroupTable, Match, ScorerTable, Season, Stage, Team, TeamId, TieResult } from '../../domain/types.js';
import { fitMessage } from './limits.js';
import type { MessagePayload } from './limits.js';
import { escapedNames, fixtureLines, listNames, missingTimes, tieOutcomeFor } from './match-format.js';
import type { NameOf } from './match-format.js';
import { latestStageColour, seasonFooter } from './theme.js';
import { STAGE_LABEL } from '../../domain/types.js';
import { escapeText } from './text.js';
import { WORDS, fateText, ordinal, plural, rankDisputeText, unattributedText } from './words.js';

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
}

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
  const letter = resultLetter(match, view.team.id);
  return fixtureLines(match, name, undefined, { competition: view.season.competition }, letter === null ? '' : `\`${letter}\` `);
};

/** The team's season stage by stage: a bye, each tie with its legs and outcome, its group with every result. */
export const teamPath = (view: TeamView): string[] => {
  const name = escapedNames(listNames(view.season.teams, view.teamName));
  const tieOf = new Map<string, TieResult>();
  for (const tie of view.ties) for (const leg of tie.legs) tieOf.set(leg.id, tie);
  const stages = [...new Set(view.matches.map((m) => m.stage))].sort((a, b) => stageOrder(a) - stageOrder(b));
  const lines: string[] = [];
  if (view.team.entryRound === 'second_round') lines.push(`**${STAGE_LABEL.first_round}**: bye`);
  for (const stage of stages) {
    const matches = view.matches.filter((m) => m.stage === stage);
    const heading = stageHeading(stage, view, matches, tieOf, name);
    const untimed = missingTimes(matches);
    lines.push(untimed === null ? heading : `${heading} · ${untimed}`);
    for (const m of matches) lines.push(...pathLines(m, view, name));
    const outcome = stageOutcome(matches, view, tieOf, name);
    if (outcome !== null) lines.push(`↳ ${outcome}`);
  }
  return lines;
};

const stageHeading = (stage: Stage, view: TeamView, matches: readonly Match[], tieOf: ReadonlyMap<string, TieResult>, name: NameOf): string => {
  if (stage === 'group') {
    const row = view.groupTable?.rows.find((r) => r.team === view.team.id);
    const group = view.team.group ?? view.groupTable?.group;
    const fate = row ? fateText('', row.fate, row.toPlay) : null;
    const fateWords = fate === null ? '' : `,${fate.replace(/^ are /, ' ')}`;
    const place = row && row.played > 0 ? ` · ${ordinal(row.position)}, ${plural(row.points, 'point')}${fateWords}` : '';
    return `**${group ? `Group ${group}` : STAGE_LABEL.group}**${place}`;
  }
  const tie = matches.map((m) => tieOf.get(m.id)).find((t) => t !== undefined);
  if (!tie) return `**${STAGE_LABEL[stage]}**`;
  const opponent = tie.teams[0] === view.team.id ? tie.teams[1] : tie.teams[0];
  return `**${STAGE_LABEL[stage]}** v ${name(opponent)}`;
};

/** How a tie ended for this team: "Zamalek through on away goals…", or "Runners-up: …" in the final. */
const stageOutcome = (matches: readonly Match[], view: TeamView, tieOf: ReadonlyMap<string, TieResult>, name: NameOf): string | null => {
  const tie = matches.map((m) => tieOf.get(m.id)).find((t) => t !== undefined);
  return tie ? tieOutcomeFor(tie, view.team.id, name, { competition: view.season.competition }) : null;
};

const scorerSummary = (table: ScorerTable): string => {
  const players = table.rows.map((r) => `${escapeText(r.player)} ${r.goals}${r.penalties ? ` (${r.penalties} pen.)` : ''}`);
  const extra = [
    table.unattributedGoals ? unattributedText(table.unattributedGoals) : null,
    table.ownGoals ? `${plural(table.ownGoals, 'own goal')} in their favour` : null,
  ].filter(Boolean);
  if (players.length === 0 && extra.length === 0) return 'No goals recorded.';
  return [players.join(', '), extra.join(' · ')].filter(Boolean).join('\n');
};

/** "3 (134 points)", with one plain sentence where sources disagree or the rank is uncertain. */
const rankText = (association: Association): string => {
  if (association.rank === null) return WORDS.notPublished;
  const points = association.points === null ? 'points not published' : plural(association.points, 'point');
  const base = `${association.rank} (${points})`;
  if (association.rankDispute !== null) return `${base}\n${rankDisputeText(association.shortName ?? association.name, association.rankDispute)}`;
  return association.rankConfidence === 'low' ? `${base}, rank uncertain` : base;
};

/** The team card: association, ranking, how it qualified and entered, its whole path, its scorers. */
export const renderTeam = (view: TeamView): MessagePayload => {
  const { team, association } = view;
  const assoc = association ? `${escapeText(association.name)}${association.code ? ` (${association.code})` : ''}` : escapeText(team.association);
  const rank = association === null ? WORDS.notPublished : rankText(association);
  const fields: APIEmbedField[] = [
    { name: 'Association', value: assoc, inline: true },
    { name: 'CAF rank', value: rank, inline: true },
    { name: 'Qualified as', value: team.qualifyingMethod === null ? WORDS.notPublished : escapeText(team.qualifyingMethod), inline: true },
    {
      name: 'Entry',
      value: team.entryRound === 'second_round' ? 'Second round (bye in the first round)' : 'First round',
      inline: true,
    },
    ...(team.aliases.length ? [{ name: 'Also known as', value: team.aliases.map(escapeText).join(', '), inline: true }] : []),
    { name: 'Scorers · competition proper', value: scorerSummary(view.scorers.proper) },
    { name: 'Scorers · qualifying', value: scorerSummary(view.scorers.qualifying) },
  ];
  const path = teamPath(view);
  const champion = view.season.champion === team.id ? ['🏆 **Champions**', ''] : [];
  return fitMessage({
    embeds: [
      {
        title: escapeText(team.name),
        description: [...champion, ...(path.length ? path : ['No matches in the data.'])].join('\n'),
        color: latestStageColour(view.matches.map((m) => m.stage)),
        fields,
        footer: seasonFooter(view.season),
      },
    ],
  });
};
