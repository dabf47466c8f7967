import { time, TimestampStyles, type APIEmbed } from 'discord.js';
import type { NextMatch, NextView } from '../../domain/next-match.js';
import type { Match, Season, TeamId } from '../../domain/types.js';
import type { Translator } from '../../i18n/index.js';
import { isGroupStage, shownGroup, stageName } from '../../domain/format.js';
import { knownWordsFor } from './words.js';
import { fitMessage, type MessagePayload } from './limits.js';
import { escapeText } from './text.js';
import { SEASON_COLOUR, seasonFooter, stageColour } from './theme.js';

// /next: when a club plays next (or the season's next round), in the reply's language. Kickoffs are
// Discord timestamps (each viewer's zone, and "in 3 days"); a date without a time stays text.

/** How many matches of a round the reply lists; a round of the qualifying stages can have more. */
export const NEXT_ROUND_MAX = 20;

export interface NextInput {
  readonly season: Season;
  readonly view: NextView;
  /** The club asked about; null for the season's next round. */
  readonly team: TeamId | null;
  readonly teamName: (id: TeamId) => string;
  readonly tr: Translator;
}

type HasFormat = Pick<Season, 'format'>;

const unixOf = (iso: string): Date => new Date(Math.floor(Date.parse(iso) / 1000) * 1000);

/**
 * "Final, second leg", "Group stage · Matchday 3", "League phase · Matchday 3": the season's format says
 * which stage is the group stage and names the stages the house has no words for.
 */
export const roundLabel = (season: HasFormat, match: Match, tr: Translator): string => {
  const known = knownWordsFor(season, match.stage) ?? match.stage;
  const stage = tr.has(`next.stage.${known}`) ? tr.t(`next.stage.${known}`) : stageName(season, match.stage);
  if (isGroupStage(season, match.stage)) return tr.t('next.round.group', { stage, matchday: tr.number(match.matchday ?? 0) });
  if (match.leg === null) return stage;
  return tr.t('next.round.leg', { stage, leg: tr.t(match.leg === 1 ? 'next.leg.first' : 'next.leg.second') });
};

/** The kickoff as `<t:…:F>` and `<t:…:R>`; the date in words with "time not published"; or no date at all. */
export const whenText = (match: Match, tr: Translator): string => {
  if (match.kickoff !== null) {
    const at = unixOf(match.kickoff);
    return tr.t('next.kickoff', { full: time(at, TimestampStyles.LongDateTime), relative: time(at, TimestampStyles.RelativeTime) });
  }
  if (match.date !== null) return tr.t('next.dateOnly', { date: tr.date(match.date) });
  return tr.t('next.dateNotPublished');
};

/** "RS Berkane 2–1 Zamalek", or who a decision went to; "result not known yet" without either. */
const resultText = (match: Match, name: (id: TeamId) => string, tr: Translator): string => {
  const teams = { home: name(match.home), away: name(match.away) };
  if (match.score !== null && match.status === 'played') {
    return tr.t('next.score', { ...teams, homeGoals: tr.number(match.score.home), awayGoals: tr.number(match.score.away) });
  }
  if (match.decision !== null) return tr.t('next.awarded', { ...teams, winner: name(match.decision.winner) });
  return tr.t('next.resultNotKnown', teams);
};

const matchDay = (match: Match): string | null => match.date ?? match.kickoff?.slice(0, 10) ?? null;

/** "Last meeting: Zamalek 1–0 Abu Salim (26 November 2023)". */
const meetingText = (match: Match, name: (id: TeamId) => string, tr: Translator): string => {
  const day = matchDay(match);
  const result = resultText(match, name, tr);
  return day === null ? result : tr.t('next.withDate', { text: result, date: tr.date(day) });
};

/** The tie context: the first leg before a second leg, the group and matchday of a group match. */
const contextText = (season: HasFormat, next: NextMatch, name: (id: TeamId) => string, tr: Translator): string | null => {
  const { match, firstLeg } = next;
  if (isGroupStage(season, match.stage)) {
    // A league phase's unnamed group adds nothing to the round's own label.
    const group = shownGroup(season, match.group);
    return group === null ? null : tr.t('next.groupContext', { group, matchday: tr.number(match.matchday ?? 0) });
  }
  if (firstLeg !== null) return tr.t('next.firstLeg', { result: resultText(firstLeg, name, tr) });
  if (match.leg === 1) return tr.t('next.firstOfTwo');
  return null;
};

const pairing = (match: Match, name: (id: TeamId) => string, tr: Translator): string =>
  tr.t('next.pairing', { home: `**${name(match.home)}**`, away: `**${name(match.away)}**` });

/** One match in full: pairing and round, kickoff, context, last meeting. */
const matchBlock = (season: HasFormat, next: NextMatch, name: (id: TeamId) => string, tr: Translator): string[] => {
  const { match, firstLeg, lastMeeting } = next;
  const lines = [`${pairing(match, name, tr)} · ${roundLabel(season, match, tr)}`, whenText(match, tr)];
  const context = contextText(season, next, name, tr);
  if (context !== null) lines.push(context);
  // Before a second leg the last meeting is the first leg, already shown.
  if (lastMeeting !== null && lastMeeting.id !== firstLeg?.id) lines.push(tr.t('next.lastMeeting', { result: meetingText(lastMeeting, name, tr) }));
  else if (lastMeeting === null) lines.push(tr.t('next.noMeeting'));
  return lines;
};

/** One match of a round on one line: kickoff, pairing, first-leg score where there is one. */
const roundLine = (season: HasFormat, next: NextMatch, name: (id: TeamId) => string, tr: Translator): string => {
  const parts = [whenText(next.match, tr), pairing(next.match, name, tr)];
  const inGroups = isGroupStage(season, next.match.stage);
  const context = contextText(season, next, name, tr);
  if (context !== null && !inGroups) parts.push(context);
  const group = inGroups ? shownGroup(season, next.match.group) : null;
  if (group !== null) parts.push(tr.t('next.group', { group }));
  return parts.join(' · ');
};

export const renderNext = ({ season, view, team, teamName, tr }: NextInput): MessagePayload => {
  const name = (id: TeamId): string => tr.name(escapeText(teamName(id)));
  const club = team === null ? null : name(team);
  const embed = ((): APIEmbed => {
    if (view.kind === 'upcoming') {
      const first = view.matches[0];
      const colour = first === undefined ? SEASON_COLOUR : stageColour(first.match.stage, season);
      if (club !== null && first !== undefined) {
        return { title: tr.t('next.title.team', { team: tr.name(teamName(team ?? '')) }), description: matchBlock(season, first, name, tr).join('\n'), color: colour };
      }
      const shown = view.matches.slice(0, NEXT_ROUND_MAX);
      const more = view.matches.length - shown.length;
      const lines = shown.map((m) => roundLine(season, m, name, tr));
      if (more > 0) lines.push(tr.t('next.more', { matches: tr.t('count.matches', { count: more }) }));
      return { title: tr.t('next.title.round', { round: first === undefined ? '' : roundLabel(season, first.match, tr) }), description: lines.join('\n'), color: colour };
    }
    const headline =
      view.kind === 'notYetKnown'
        ? club === null
          ? tr.t('next.notYetKnown.season')
          : tr.t('next.notYetKnown.team', { team: club })
        : view.scope === 'season'
          ? tr.t('next.over.season')
          : tr.t('next.over.team', { team: club ?? '' });
    const lines = [headline];
    if (view.last !== null) lines.push(tr.t('next.lastMatch', { result: `${meetingText(view.last, name, tr)} · ${roundLabel(season, view.last, tr)}` }));
    return { title: club === null ? tr.t('next.title.season') : tr.t('next.title.team', { team: tr.name(teamName(team ?? '')) }), description: lines.join('\n'), color: SEASON_COLOUR };
  })();
  return fitMessage({ embeds: [{ ...embed, footer: seasonFooter(season, undefined, tr) }] });
};
