import { ButtonStyle, ComponentType } from 'discord.js';
import type { APIButtonComponentWithCustomId, APIEmbed, APIEmbedField } from 'discord.js';
import type { Match, Season, TeamId, TieResult } from '../../domain/types.js';
import { fixturePages } from './fixtures.js';
import { goalsLine, missingGoalsOf } from './goals.js';
import { LIMITS, fitMessage } from './limits.js';
import type { ActionRow, MessagePayload } from './limits.js';
import { escapedNames, formatScore, kickoffText, listNames, matchLine, resultMissing, runningScore, scoreCell, tieOutcome, tieWordsOf } from './match-format.js';
import type { NameOf, TieWords } from './match-format.js';
import { checkId } from './paging.js';
import { seasonFooter, stageColour } from './theme.js';
import { escapeText, truncate } from './text.js';
import type { Translator } from '../../i18n/index.js';
import { englishTr, roundText } from './words.js';

export interface MatchView {
  readonly season: Season;
  readonly match: Match;
  readonly tie: TieResult | null;
  readonly teamName: (id: TeamId) => string;
  readonly now: Date;
  /** The reply's language (English where a caller gives none). */
  readonly tr?: Translator;
}

/** What happened, in one plain sentence built from the fields (never the editors' reason text). */
export const statusText = (match: Match, name: NameOf, tr: Translator = englishTr()): string => {
  if (resultMissing(match)) return tr.t('match.status.resultNotPublished');
  switch (match.status) {
    case 'played': {
      const score = match.penalties ? tr.name(formatScore(match.penalties)) : null;
      if (match.extraTime && score !== null) return tr.t('match.status.fullTimeExtraTimePenalties', { score });
      if (match.extraTime) return tr.t('match.status.fullTimeExtraTime');
      if (score !== null) return tr.t('match.status.fullTimePenalties', { score });
      return tr.t('match.status.fullTime');
    }
    case 'awarded': {
      if (!match.decision) return tr.t('match.status.awarded');
      const team = tr.name(name(match.decision.winner));
      return tr.t(match.decision.score ? 'match.status.awardedTo' : 'match.status.awardedToNoScore', { team });
    }
    case 'walkover':
      return match.decision ? tr.t('match.status.walkoverThrough', { team: tr.name(name(match.decision.winner)) }) : tr.t('match.status.walkover');
    case 'postponed':
      return tr.t('match.status.postponed');
    case 'cancelled':
      return tr.t('match.status.cancelled');
    case 'scheduled': {
      // Goals saved while the match is played: the score so far, not "not played yet".
      const running = runningScore(match);
      return running === null ? tr.t('match.status.scheduled') : tr.t('match.status.inProgress', { score: tr.name(formatScore(running)) });
    }
  }
};

const scoreTitle = (match: Match, teamName: (id: TeamId) => string, tr: Translator): string => {
  const score = match.status === 'played' ? match.score : (match.decision?.score ?? null);
  return `${tr.name(teamName(match.home))} ${score ? tr.name(formatScore(score)) : tr.t('words.score.versus')} ${tr.name(teamName(match.away))}`;
};

/**
 * The tie around this leg: who went through (from the winner's side), or, while undecided, the other
 * leg's result. Nothing for a tie not yet played.
 */
export const tieText = (tie: TieResult, match: Match, name: NameOf, words: TieWords): string | null => {
  const tr = words.tr ?? englishTr();
  const outcome = tieOutcome(tie, name, words);
  if (outcome !== null) return outcome;
  const other = tie.legs.find((leg) => leg.id !== match.id && leg.leg !== null && (leg.status === 'played' || leg.status === 'awarded'));
  if (!other || other.leg === null) return null;
  if (scoreCell(other, tr) === tr.t('words.score.versus')) return null;
  return tr.t(other.leg === 1 ? 'match.otherLeg.first' : 'match.otherLeg.second', { match: matchLine(other, name, tr) });
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
const sourcesValue = (sources: readonly string[], tr: Translator): string => {
  const labels = sourceLabels(sources);
  const kept: string[] = [];
  for (const label of labels) {
    const next = [...kept, label].join(' · ');
    if (next.length > LIMITS.fieldValue - 40) break;
    kept.push(label);
  }
  const more = labels.length - kept.length;
  return more > 0 ? `${kept.join(' · ')} · ${tr.t('match.moreSources', { count: more })}` : kept.join(' · ');
};

const redCardsText = (match: Match, name: NameOf, tr: Translator): string | null => {
  if (match.redCards === null || match.redCards.length === 0) return null;
  return match.redCards
    .map((card) => {
      const team = tr.name(name(card.team));
      const who = card.player === null ? tr.t('match.sentOff.unknownPlayer', { team }) : `${tr.name(escapeText(card.player))} (${team})`;
      return `🟥 ${who}${card.minute === null ? '' : ` ${escapeText(card.minute)}'`}`;
    })
    .join('\n');
};

export const matchEmbed = (view: MatchView): APIEmbed => {
  const { match } = view;
  const tr = view.tr ?? englishTr();
  const name = escapedNames(view.teamName);
  const words: TieWords = tieWordsOf(view.season, tr);
  const walkoverWithoutVenue = match.status === 'walkover' && match.venue === null;
  const alternatives = match.kickoffAlternatives.length > 0 && match.kickoff !== null ? [match.kickoff, ...match.kickoffAlternatives] : [];
  const when = kickoffText(match, tr);
  const tieLine = view.tie ? tieText(view.tie, match, name, words) : null;
  const lines = [
    `**${roundText(match, tr, { season: view.season })}**`,
    ...(match.status === 'walkover' && match.kickoff === null && match.date === null
      ? []
      : [`🕒 ${match.kickoff === null && match.date !== null ? tr.t('match.dateOnly', { date: when }) : when}`]),
    ...(alternatives.length > 0 ? [disputedKickoff(alternatives, tr)] : []),
    ...(walkoverWithoutVenue ? [] : [`🏟️ ${match.venue === null ? tr.t('match.venueNotPublished') : tr.name(escapeText(match.venue))}`]),
    // A walkover that decided its tie is said once, by the tie line.
    match.status === 'walkover' && tieLine !== null ? tr.t('match.status.walkover') : statusText(match, name, tr),
    ...(tieLine ? [tieLine] : []),
    ...(match.referee !== null ? [tr.t('match.referee', { referee: tr.name(escapeText(match.referee)) })] : []),
    ...(match.attendance !== null ? [tr.t('match.attendance', { attendance: tr.number(match.attendance) })] : []),
  ];
  const goals = [match.home, match.away]
    .map((team) => {
      const line = goalsLine(
        match.goals.filter((g) => g.team === team),
        missingGoalsOf(match, team),
        tr,
      );
      return line === null ? null : tr.t('match.teamGoals', { team: `**${tr.name(name(team))}**`, goals: line });
    })
    .filter((l): l is string => l !== null);
  const fields: APIEmbedField[] = [];
  if (goals.length > 0) fields.push({ name: tr.t('match.fields.goals'), value: truncate(goals.join('\n'), LIMITS.fieldValue) });
  else if (match.status === 'played' && match.score !== null) fields.push({ name: tr.t('match.fields.goals'), value: tr.t('match.noGoals') });
  const cards = redCardsText(match, name, tr);
  if (cards !== null) fields.push({ name: tr.t('match.fields.sentOff'), value: truncate(cards, LIMITS.fieldValue) });
  // The citations and links stay as the sources give them; only the words around them are translated.
  if (match.sources.length > 0) fields.push({ name: tr.t('match.fields.sources'), value: sourcesValue(match.sources, tr) });
  return {
    title: escapeText(scoreTitle(match, view.teamName, tr)),
    description: lines.join('\n'),
    color: stageColour(match.stage, view.season),
    fields,
    footer: seasonFooter(view.season, undefined, tr),
  };
};

/** "Kickoff time disputed between sources: 18:00 or 19:00 UTC" */
const disputedKickoff = (instants: readonly string[], tr: Translator): string => {
  const times = [...new Set(instants.map((iso) => new Date(iso).toISOString().slice(11, 16)))].sort();
  const last = times[times.length - 1] ?? '';
  return times.length > 1
    ? tr.t('match.kickoffDisputed', { times: tr.name(times.slice(0, -1).join(', ')), last: tr.name(last) })
    : tr.t('match.kickoffDisputedOne', { time: tr.name(last) });
};

/** "Quarter-final, tie 2, first leg · Abu Salim v RS Berkane": fits a button label. */
export const shortMatchLabel = (match: Match, teamName: (id: TeamId) => string, tr: Translator = englishTr(), season?: Pick<Season, 'format'>): string =>
  truncate(
    tr.t('match.buttonLabel', { round: roundText(match, tr, season === undefined ? {} : { season }), home: tr.name(teamName(match.home)), away: tr.name(teamName(match.away)) }).replace(/[\r\n\t]+/g, ' '),
    LIMITS.buttonLabel,
  );

const MAX_BUTTONS = LIMITS.actionRows * LIMITS.buttonsPerRow;

/** Buttons to pick one match, five a row; the chosen one is highlighted. */
export const matchButtons = (
  matches: readonly Match[],
  teamName: (id: TeamId) => string,
  idFor: (matchId: string) => string,
  chosen: string | null,
  tr: Translator = englishTr(),
  season?: Pick<Season, 'format'>,
): ActionRow[] => {
  const buttons: APIButtonComponentWithCustomId[] = matches.slice(0, MAX_BUTTONS).map((m) => ({
    type: ComponentType.Button,
    style: m.id === chosen ? ButtonStyle.Primary : ButtonStyle.Secondary,
    label: shortMatchLabel(m, teamName, tr, season),
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
  /** The reply's language (English where a caller gives none). */
  readonly tr?: Translator;
}

/** Several matches fit: list them and offer a button for each (at most 25; more asks to narrow). */
export const renderMatchChoice = (view: MatchChoiceView): MessagePayload => {
  const tr = view.tr ?? englishTr();
  const shown = view.matches.slice(0, MAX_BUTTONS);
  const more = view.matches.length - shown.length;
  const { pages } = fixturePages({
    season: view.season,
    teamName: view.teamName,
    matches: shown,
    ties: [...new Set(view.ties.values())],
    newestFirst: false,
    relative: false,
    tr,
  });
  const lines = [...pages];
  if (more > 0) lines.push(tr.t('match.choice.more', { count: more }));
  const short = listNames(view.season.teams, view.teamName);
  return fitMessage({
    embeds: [
      {
        title: escapeText(view.heading),
        description: [tr.t('match.choice.pick'), ...lines].join('\n'),
        color: stageColour(shown[0]?.stage ?? null, view.season),
        footer: seasonFooter(view.season, undefined, tr),
      },
    ],
    components: matchButtons(shown, short, view.idFor, null, tr, view.season),
  });
};

/** One match in detail; `choice` keeps the picker under it so another match is one click away. */
export const renderMatch = (view: MatchView, choice?: { matches: readonly Match[]; idFor: (matchId: string) => string }): MessagePayload =>
  fitMessage({
    embeds: [matchEmbed(view)],
    components: choice
      ? matchButtons(choice.matches, listNames(view.season.teams, view.teamName), choice.idFor, view.match.id, view.tr ?? englishTr(), view.season)
      : [],
  });
