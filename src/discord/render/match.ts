import { ButtonStyle, ComponentType } from 'discord.js';
import type { APIButtonComponentWithCustomId, APIEmbed, APIEmbedField } from 'discord.js';
import type { Match, Season, TeamId, TieResult } from '../../domain/types.js';
import { fixturePages } from './fixtures.js';
import { goalsLine, missingGoalsOf } from './goals.js';
import { LIMITS, fitMessage } from './limits.js';
import type { ActionRow, MessagePayload } from './limits.js';
import { escapedNames, formatScore, kickoffText, listNames, matchLine, resultMissing, scoreCell, tieOutcome } from './match-format.js';
import type { NameOf, TieWords } from './match-format.js';
import { checkId } from './paging.js';
import { seasonFooter, stageColour } from './theme.js';
import { escapeText, truncate } from './text.js';
import { WORDS, disputedKickoffText, plural, roundName } from './words.js';

export interface MatchView {
  readonly season: Season;
  readonly match: Match;
  readonly tie: TieResult | null;
  readonly teamName: (id: TeamId) => string;
  readonly now: Date;
}

/** What happened, in one plain sentence built from the fields (never the editors' reason text). */
export const statusText = (match: Match, name: NameOf): string => {
  if (resultMissing(match)) return WORDS.resultNotPublished;
  switch (match.status) {
    case 'played': {
      const extras = [match.extraTime ? 'after extra time' : null, match.penalties ? `${formatScore(match.penalties)} on penalties` : null].filter(Boolean);
      return `Full time${extras.length ? ` (${extras.join(', ')})` : ''}`;
    }
    case 'awarded': {
      if (!match.decision) return 'Awarded; the score was not published';
      const to = `Awarded to ${name(match.decision.winner)}`;
      return match.decision.score ? to : `${to}; the score was not published`;
    }
    case 'walkover':
      return match.decision ? `Walkover: ${name(match.decision.winner)} through without playing` : 'Walkover';
    case 'postponed':
      return 'Postponed';
    case 'cancelled':
      return 'Cancelled';
    case 'scheduled':
      return 'Not played yet';
  }
};

const scoreTitle = (match: Match, teamName: (id: TeamId) => string): string => {
  const score = match.status === 'played' ? match.score : (match.decision?.score ?? null);
  return `${teamName(match.home)} ${score ? formatScore(score) : 'v'} ${teamName(match.away)}`;
};

/**
 * The tie around this leg: who went through (from the winner's side), or, while undecided, the other
 * leg's result. Nothing for a tie not yet played.
 */
export const tieText = (tie: TieResult, match: Match, name: NameOf, words: TieWords): string | null => {
  const outcome = tieOutcome(tie, name, words);
  if (outcome !== null) return outcome;
  const other = tie.legs.find((leg) => leg.id !== match.id && leg.leg !== null && (leg.status === 'played' || leg.status === 'awarded'));
  if (!other || other.leg === null) return null;
  const score = scoreCell(other);
  return score === 'v' ? null : `${other.leg === 1 ? 'First' : 'Second'} leg: ${matchLine(other, name)}`;
};

const LOCAL_FILE = /\.(?:txt|json|csv|md|html?)\s*$/i;

/** Where the facts come from: each source as a link to it (or its citation when it has no address). */
export const sourceLabels = (sources: readonly string[]): string[] => {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const source of sources) {
    let label: string;
    try {
      const url = new URL(source);
      const host = url.hostname.replace(/^www\./, '');
      label = /^https?:\/\/[^\s()<>]+$/.test(source) ? `[${host}](<${source}>)` : host;
      if (seen.has(host)) continue;
      seen.add(host);
    } catch {
      // A printed citation fans can look up; a research file name is not one.
      if (LOCAL_FILE.test(source)) continue;
      label = escapeText(truncate(source, 80));
    }
    out.push(label);
  }
  return out;
};

/** Sources as one field value within Discord's limit: links while they fit, the rest counted. */
const sourcesValue = (sources: readonly string[]): string => {
  const labels = sourceLabels(sources);
  const kept: string[] = [];
  for (const label of labels) {
    const next = [...kept, label].join(' · ');
    if (next.length > LIMITS.fieldValue - 40) break;
    kept.push(label);
  }
  const more = labels.length - kept.length;
  return more > 0 ? `${kept.join(' · ')} · and ${plural(more, 'more source')}` : kept.join(' · ');
};

const redCardsText = (match: Match, name: NameOf): string | null => {
  if (match.redCards === null || match.redCards.length === 0) return null;
  return match.redCards
    .map((card) => {
      const who = card.player === null ? `a ${name(card.team)} player` : `${escapeText(card.player)} (${name(card.team)})`;
      return `🟥 ${who}${card.minute === null ? '' : ` ${escapeText(card.minute)}'`}`;
    })
    .join('\n');
};

export const matchEmbed = (view: MatchView): APIEmbed => {
  const { match } = view;
  const name = escapedNames(view.teamName);
  const words: TieWords = { competition: view.season.competition };
  const walkoverWithoutVenue = match.status === 'walkover' && match.venue === null;
  const alternatives = match.kickoffAlternatives.length > 0 && match.kickoff !== null ? [match.kickoff, ...match.kickoffAlternatives] : [];
  const when = kickoffText(match);
  const tieLine = view.tie ? tieText(view.tie, match, name, words) : null;
  const lines = [
    `**${roundName(match)}**`,
    ...(match.status === 'walkover' && match.kickoff === null && match.date === null ? [] : [`🕒 ${when}${match.kickoff === null && match.date !== null ? `, ${WORDS.timeNotPublished}` : ''}`]),
    ...(alternatives.length > 0 ? [disputedKickoffText(alternatives)] : []),
    ...(walkoverWithoutVenue ? [] : [`🏟️ ${match.venue === null ? WORDS.venueNotPublished : escapeText(match.venue)}`]),
    // A walkover that decided its tie is said once, by the tie line.
    match.status === 'walkover' && tieLine !== null ? 'Walkover' : statusText(match, name),
    ...(tieLine ? [tieLine] : []),
    ...(match.referee !== null ? [`Referee: ${escapeText(match.referee)}`] : []),
    ...(match.attendance !== null ? [`Attendance: ${match.attendance.toLocaleString('en-GB')}`] : []),
  ];
  const goals = [match.home, match.away]
    .map((team) => {
      const line = goalsLine(
        match.goals.filter((g) => g.team === team),
        missingGoalsOf(match, team),
      );
      return line === null ? null : `**${name(team)}**: ${line}`;
    })
    .filter((l): l is string => l !== null);
  const fields: APIEmbedField[] = [];
  if (goals.length > 0) fields.push({ name: 'Goals', value: truncate(goals.join('\n'), LIMITS.fieldValue) });
  else if (match.status === 'played' && match.score !== null) fields.push({ name: 'Goals', value: WORDS.noGoals });
  const cards = redCardsText(match, name);
  if (cards !== null) fields.push({ name: 'Sent off', value: truncate(cards, LIMITS.fieldValue) });
  if (match.sources.length > 0) fields.push({ name: 'Sources', value: sourcesValue(match.sources) });
  return {
    title: escapeText(scoreTitle(match, view.teamName)),
    description: lines.join('\n'),
    color: stageColour(match.stage),
    fields,
    footer: seasonFooter(view.season),
  };
};

/** "Quarter-final, tie 2, first leg · Abu Salim v RS Berkane": fits a button label. */
export const shortMatchLabel = (match: Match, teamName: (id: TeamId) => string): string =>
  truncate(`${roundName(match)} · ${teamName(match.home)} v ${teamName(match.away)}`.replace(/[\r\n\t]+/g, ' '), LIMITS.buttonLabel);

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
  const shown = view.matches.slice(0, MAX_BUTTONS);
  const more = view.matches.length - shown.length;
  const { pages } = fixturePages({
    season: view.season,
    teamName: view.teamName,
    matches: shown,
    ties: [...new Set(view.ties.values())],
    newestFirst: false,
    relative: false,
  });
  const lines = [...pages];
  if (more > 0) lines.push(`…and ${more} more: add an opponent to narrow the list.`);
  const short = listNames(view.season.teams, view.teamName);
  return fitMessage({
    embeds: [
      {
        title: escapeText(view.heading),
        description: ['Pick a match:', ...lines].join('\n'),
        color: stageColour(shown[0]?.stage ?? null),
        footer: seasonFooter(view.season),
      },
    ],
    components: matchButtons(shown, short, view.idFor, null),
  });
};

/** One match in detail; `choice` keeps the picker under it so another match is one click away. */
export const renderMatch = (view: MatchView, choice?: { matches: readonly Match[]; idFor: (matchId: string) => string }): MessagePayload =>
  fitMessage({
    embeds: [matchEmbed(view)],
    components: choice ? matchButtons(choice.matches, listNames(view.season.teams, view.teamName), choice.idFor, view.match.id) : [],
  });
