import { ButtonStyle, ComponentType } from 'discord.js';
import type { APIButtonComponentWithCustomId, APIEmbed, APIEmbedField } from 'discord.js';
import { roundKey, roundLabel } from '../../domain/fixtures.js';
import type { Goal, Match, Season, TeamId, TieResult } from '../../domain/types.js';
import { LIMITS, fitMessage } from './limits.js';
import type { ActionRow, MessagePayload } from './limits.js';
import { fixtureLine } from './fixtures.js';
import { decidedByText, escapedNames, formatScore, kickoffText } from './match-format.js';
import type { NameOf } from './match-format.js';
import { checkId } from './paging.js';
import { seasonFooter, stageColour } from './theme.js';
import { NOT_RECORDED, escapeText, truncate } from './text.js';

const goalLine = (goal: Goal, name: NameOf): string => {
  const minute = goal.minute === null ? `minute ${NOT_RECORDED}` : `${goal.minute}'`;
  const scorer = goal.player === null ? `scorer ${NOT_RECORDED}` : `**${escapeText(goal.player)}**`;
  const kind = goal.type === 'penalty' ? ' (pen.)' : goal.type === 'own_goal' ? ` (o.g., for ${name(goal.team)})` : '';
  const team = goal.type === 'own_goal' ? '' : ` · ${name(goal.team)}`;
  return `⚽ ${minute} ${scorer}${kind}${team}`;
};

/** What happened, in words: full time, awarded (with the reason), walkover, postponed… */
export const statusText = (match: Match, name: NameOf): string => {
  const reason = match.decision ? `: ${escapeText(match.decision.reason)}` : '';
  switch (match.status) {
    case 'played': {
      if (match.score === null) return `Played; result ${NOT_RECORDED}`;
      const extras = [match.extraTime ? 'after extra time' : null, match.penalties ? `${formatScore(match.penalties)} on penalties` : null].filter(Boolean);
      return `Full time${extras.length ? ` (${extras.join(', ')})` : ''}`;
    }
    case 'awarded': {
      const winner = match.decision ? ` to ${name(match.decision.winner)}` : '';
      const score = match.decision?.score ? ` ${formatScore(match.decision.score)}` : ` (score ${NOT_RECORDED})`;
      return `⚖️ Awarded${winner}${score}${reason}`;
    }
    case 'walkover':
      return `🚶 Walkover${match.decision ? `, ${name(match.decision.winner)} through` : ''}${reason}`;
    case 'postponed':
      return '⏸️ Postponed';
    case 'cancelled':
      return '✖️ Cancelled';
    case 'scheduled':
      return 'Scheduled';
  }
};

const scoreTitle = (match: Match, teamName: (id: TeamId) => string): string => {
  const score = match.status === 'played' ? match.score : (match.decision?.score ?? null);
  return `${teamName(match.home)} ${score ? formatScore(score) : 'v'} ${teamName(match.away)}`;
};

/** "Aggregate: Zamalek 2–2 RS Berkane · Zamalek through on away goals" */
export const tieText = (tie: TieResult, match: Match, name: NameOf): string => {
  const legs = tie.legs.length;
  const where = match.leg !== null && legs > 1 ? `Leg ${match.leg} of ${legs}` : legs > 1 ? `${legs} legs` : 'Single match';
  const [a, b] = tie.teams;
  const aggregate = tie.aggregate === null ? `aggregate ${NOT_RECORDED}` : `aggregate ${name(a)} ${tie.aggregate[0]}–${tie.aggregate[1]} ${name(b)}`;
  const outcome = tie.winner === null ? 'undecided' : `**${name(tie.winner)}** through ${decidedByText(tie.decidedBy)}`.trim();
  return [`Tie ${tie.tie} · ${where}`, ...(legs > 1 || tie.aggregate !== null ? [aggregate] : []), outcome].join(' · ');
};

/** Where the facts come from: web hosts, or the citation itself. */
export const sourceLabels = (sources: readonly string[]): string[] =>
  [
    ...new Set(
      sources.map((s) => {
        try {
          return new URL(s).hostname.replace(/^www\./, '');
        } catch {
          return truncate(s, 60);
        }
      }),
    ),
  ].map(escapeText);

/** Goals the score counts that have no goal record at all (not even an unknown scorer). */
const missingGoals = (match: Match): number =>
  match.status === 'played' && match.score !== null ? Math.max(0, match.score.home + match.score.away - match.goals.length) : 0;

export interface MatchView {
  readonly season: Season;
  readonly match: Match;
  readonly tie: TieResult | null;
  readonly teamName: (id: TeamId) => string;
  readonly now: Date;
}

export const matchEmbed = (view: MatchView): APIEmbed => {
  const { match } = view;
  const name = escapedNames(view.teamName);
  const upcoming = match.status === 'scheduled' || match.status === 'postponed';
  const lines = [
    `**${escapeText(roundLabel(match))}**`,
    `🕒 ${kickoffText(match, { relative: upcoming })}`,
    `🏟️ ${match.venue === null ? `venue ${NOT_RECORDED}` : escapeText(match.venue)}`,
    statusText(match, name),
    ...(view.tie ? [tieText(view.tie, match, name)] : []),
  ];
  const goals = match.goals.map((g) => goalLine(g, name));
  const missing = missingGoals(match);
  if (missing > 0) goals.push(`${missing} more goal${missing === 1 ? '' : 's'}: ${NOT_RECORDED}`);
  const fields: APIEmbedField[] = [];
  if (goals.length > 0) fields.push({ name: 'Goals', value: goals.join('\n') });
  else if (match.status === 'played' && match.score !== null) fields.push({ name: 'Goals', value: 'None' });
  if (match.note !== null) fields.push({ name: 'Note', value: escapeText(match.note) });
  if (match.sources.length > 0) fields.push({ name: 'Sources', value: sourceLabels(match.sources).join(' · ') });
  return {
    title: escapeText(scoreTitle(match, view.teamName)),
    description: lines.join('\n'),
    color: stageColour(match.stage),
    fields,
    footer: seasonFooter(view.season, `match ${match.id}`),
  };
};

/** "QF L2 · Zamalek v RS Berkane": fits a button label. */
export const shortMatchLabel = (match: Match, teamName: (id: TeamId) => string): string => {
  const key = roundKey(match);
  const qualifying = match.stage === 'first_round' || match.stage === 'second_round';
  const tie = match.tie === null || match.stage === 'final' ? '' : qualifying ? ` T${match.tie}` : String(match.tie);
  const round = `${key}${tie}${match.leg !== null ? ` L${match.leg}` : ''}`;
  return truncate(`${round} · ${teamName(match.home)} v ${teamName(match.away)}`.replace(/[\r\n\t]+/g, ' '), LIMITS.buttonLabel);
};

const MAX_BUTTONS = LIMITS.actionRows * LIMITS.buttonsPerRow;

/** Buttons to pick one match, five a row; the chosen one is highlighted. */
export const matchButtons = (
  matches: readonly Match[],
  teamName: (id: TeamId) => string,
  idFor: (matchId: string) => string,
  chosen: string | null,
): ActionRow[] => {
  const buttons: APIButtonComponentWithCustomId[] = matches.slice(0, MAX_BUTTONS).map((m) => ({
    type: ComponentType.Button,
    style: m.id === chosen ? ButtonStyle.Primary : ButtonStyle.Secondary,
    label: shortMatchLabel(m, teamName),
    custom_id: checkId(idFor(m.id)),
    disabled: m.id === chosen,
  }));
  const rows: ActionRow[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerRow) {
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + LIMITS.buttonsPerRow) });
  }
  return rows;
};

export interface MatchChoiceView {
  readonly season: Season;
  readonly matches: readonly Match[];
  readonly ties: ReadonlyMap<string, TieResult>;
  readonly teamName: (id: TeamId) => string;
  readonly heading: string;
  readonly idFor: (matchId: string) => string;
}

/** Several matches fit: list them and offer a button for each (at most 25; more asks to narrow). */
export const renderMatchChoice = (view: MatchChoiceView): MessagePayload => {
  const name = escapedNames(view.teamName);
  const shown = view.matches.slice(0, MAX_BUTTONS);
  const more = view.matches.length - shown.length;
  const lines = shown.map((m) => fixtureLine(m, name, view.ties.get(m.id), false));
  if (more > 0) lines.push(`…and ${more} more: add an opponent to narrow the list.`);
  return fitMessage({
    embeds: [
      {
        title: escapeText(view.heading),
        description: ['Pick a match:', ...lines].join('\n'),
        color: stageColour(shown[0]?.stage ?? null),
        footer: seasonFooter(view.season),
      },
    ],
    components: matchButtons(shown, view.teamName, view.idFor, null),
  });
};

/** One match in detail; `choice` keeps the picker under it so another match is one click away. */
export const renderMatch = (view: MatchView, choice?: { matches: readonly Match[]; idFor: (matchId: string) => string }): MessagePayload =>
  fitMessage({
    embeds: [matchEmbed(view)],
    components: choice ? matchButtons(choice.matches, view.teamName, choice.idFor, view.match.id) : [],
  });
