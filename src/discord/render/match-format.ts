import { time, TimestampStyles } from 'discord.js';
import type { Match, Score, Team, TeamId, TieResult } from '../../domain/types.js';
import { escapeText } from './text.js';
import { WORDS, cupName } from './words.js';

/** Team names as the renderers need them, escaped for markdown. */
export type NameOf = (id: TeamId) => string;

export const escapedNames = (teamName: (id: TeamId) => string): NameOf => (id) => escapeText(teamName(id));

/** The name for narrow lists and buttons: the team's known short form, else its full name. */
export const listNames = (teams: readonly Pick<Team, 'id' | 'name' | 'shortName'>[], fallback: (id: TeamId) => string): ((id: TeamId) => string) => {
  const short = new Map(teams.map((t) => [t.id, t.shortName ?? t.name]));
  return (id) => short.get(id) ?? fallback(id);
};

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/**
 * A local date written as text ("Sun 3 Dec 2023"). A Discord timestamp would shift it into the
 * viewer's zone and could show the wrong day, so a date without a time stays text.
 */
export const formatDate = (isoDate: string): string => {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined || [y, m, d].some(Number.isNaN)) return isoDate;
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()] ?? '';
  return `${weekday} ${d} ${MONTHS[m - 1] ?? ''} ${y}`;
};

/** "12 May – 19 May 2024" style range, or a single day. */
export const formatDateRange = (start: string, end: string): string =>
  start === end ? formatDate(start) : `${formatDate(start)} – ${formatDate(end)}`;

const unix = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

/**
 * When a match is (or was) played, in one format per list: a Discord timestamp (shown in each
 * viewer's own zone) where the kickoff is known, the local date as text where only the date is.
 * A list says "time not published" once, in its heading (see `missingTimes`), not on every line.
 */
export const kickoffText = (match: Pick<Match, 'kickoff' | 'date' | 'status'>): string => {
  if (match.kickoff !== null) return time(new Date(unix(match.kickoff) * 1000), TimestampStyles.ShortDateTime);
  if (match.date !== null) return formatDate(match.date);
  return match.status === 'walkover' ? WORDS.noMatchPlayed : WORDS.dateNotPublished;
};

/** For a heading: "time not published" when no match of the list has a known kickoff, a softer note when some lack one. */
export const missingTimes = (matches: readonly Pick<Match, 'kickoff' | 'date'>[]): string | null => {
  const dated = matches.filter((m) => m.date !== null || m.kickoff !== null);
  const untimed = dated.filter((m) => m.kickoff === null).length;
  if (untimed === 0) return null;
  return untimed === dated.length ? WORDS.timeNotPublished : WORDS.someTimesNotPublished;
};

export const formatScore = (score: Score): string => `${score.home}–${score.away}`;

/** True for a match whose day passed with no published result (never shown as played). */
export const resultMissing = (match: Match): boolean =>
  (match.status === 'played' && match.score === null) || (match.status === 'scheduled' && match.resultNotPublished);

/** The score part of a fixture line, between the two team names (home–away order, like the names). */
export const scoreCell = (match: Match): string => {
  switch (match.status) {
    case 'played': {
      if (match.score === null) return 'v';
      const extras = [match.extraTime ? 'a.e.t.' : null, match.penalties ? `${formatScore(match.penalties)} pens` : null].filter(Boolean);
      return `**${formatScore(match.score)}**${extras.length ? ` (${extras.join(', ')})` : ''}`;
    }
    case 'awarded':
    case 'walkover':
      return match.decision?.score ? `**${formatScore(match.decision.score)}**` : 'v';
    default:
      return 'v';
  }
};

/** A short plain marker for anything that is not a plain result or a plain fixture; null otherwise. */
export const statusMarker = (match: Match, name: NameOf): string | null => {
  if (resultMissing(match)) return WORDS.resultNotPublished.toLowerCase();
  switch (match.status) {
    case 'awarded': {
      if (!match.decision) return 'awarded';
      return match.decision.score ? `awarded to ${name(match.decision.winner)}` : `awarded to ${name(match.decision.winner)}, score not published`;
    }
    case 'walkover':
      return match.decision ? `${WORDS.walkover}, ${name(match.decision.winner)} through` : WORDS.walkover;
    case 'postponed':
      return WORDS.postponed;
    case 'cancelled':
      return WORDS.cancelled;
    default:
      return null;
  }
};

/** "USM Alger **2–1** Modern Future": the score sits between the names, in their order. */
export const matchLine = (match: Match, name: NameOf): string => `${name(match.home)} ${scoreCell(match)} ${name(match.away)}`;

/** The aggregate from one team's side: "3–1" for the team given first. */
const aggregateFrom = (tie: TieResult, team: TeamId): string | null => {
  if (tie.aggregate === null) return null;
  const [a, b] = tie.aggregate;
  return team === tie.teams[0] ? `${a}–${b}` : `${b}–${a}`;
};

/** The shoot-out of the deciding leg, winner's count first. */
const shootout = (tie: TieResult, winner: TeamId): string | null => {
  const leg = [...tie.legs].reverse().find((l) => l.penalties !== null);
  if (!leg?.penalties) return null;
  const { home, away } = leg.penalties;
  return leg.home === winner ? `${home}–${away}` : `${away}–${home}`;
};

export interface TieWords {
  /** The competition's name, for the final ("Zamalek win the Confederation Cup…"). */
  readonly competition: string;
}

/**
 * Who goes through and how, naming only that team so the aggregate reads from its side:
 * "USM Alger through, 3–1 on aggregate", "Zamalek win the Confederation Cup on away goals (2–2 on
 * aggregate)". Null while the tie is undecided.
 */
export const tieOutcome = (tie: TieResult, name: NameOf, words: TieWords): string | null => {
  const winner = tie.winner;
  if (winner === null) return null;
  const lead = tie.stage === 'final' ? `${name(winner)} win ${cupName(words.competition)}` : `${name(winner)} through`;
  const agg = aggregateFrom(tie, winner);
  const onAggregate = agg === null ? null : `${agg} on aggregate`;
  switch (tie.decidedBy) {
    case 'walkover':
      return `${lead} by walkover`;
    case 'away_goals':
      return `${lead} on away goals${onAggregate ? ` (${onAggregate})` : ''}`;
    case 'penalties': {
      const pens = shootout(tie, winner);
      return `${lead} on penalties${pens || onAggregate ? ` (${[pens ? `${pens} in the shoot-out` : null, onAggregate].filter(Boolean).join(', ')})` : ''}`;
    }
    case 'extra_time':
      return `${lead} after extra time${onAggregate ? ` (${onAggregate})` : ''}`;
    case 'awarded':
      return `${lead} on an awarded result${onAggregate ? ` (${onAggregate})` : ''}`;
    default:
      return onAggregate ? `${lead}, ${onAggregate}` : `${lead}; the aggregate score was not published`;
  }
};

/** From the losing side, for a team's own card: "runners-up" in the final, "out" before it. */
export const tieOutcomeFor = (tie: TieResult, team: TeamId, name: NameOf, words: TieWords): string | null => {
  const outcome = tieOutcome(tie, name, words);
  if (outcome === null || tie.winner === team) return outcome;
  return tie.stage === 'final' ? `Runners-up: ${outcome}` : `Out: ${outcome}`;
};

/** The deciding leg of a tie: the last leg, once the tie is decided. */
export const isDecidingLeg = (tie: TieResult, match: Match): boolean =>
  tie.winner !== null && tie.legs[tie.legs.length - 1]?.id === match.id;

/** Ties keyed by the ids of their legs, so a fixture line can find its tie. */
export const tiesByMatch = (ties: readonly TieResult[]): ReadonlyMap<string, TieResult> => {
  const map = new Map<string, TieResult>();
  for (const tie of ties) for (const leg of tie.legs) map.set(leg.id, tie);
  return map;
};

/** Width of a line as a fan's screen shows it: no markdown, a timestamp as wide as its usual rendering. */
export const displayLength = (line: string): number =>
  Array.from(
    line
      // As wide as the widest common rendering (en-US, a September evening); en-GB is shorter.
      .replace(/<t:\d+:f>/g, 'September 30, 2023 10:00 PM')
      .replace(/<t:\d+:[A-Za-z]>/g, 'in 3 days')
      .replace(/\\(.)/g, '$1')
      .replace(/\*\*|__|`|\u200b/g, ''),
  ).length;

/** A fixture line fits a phone screen without wrapping (checked by the crawl test). */
export const FIXTURE_LINE_MAX = 60;

/**
 * A match as list lines: "when · Home 2–1 Away", then its marker and, on the deciding leg, who went
 * through. A line too wide for a phone puts the teams on their own line instead of cutting a name.
 */
export const fixtureLines = (match: Match, name: NameOf, tie: TieResult | undefined, words: TieWords, prefix = ''): string[] => {
  const when = kickoffText(match);
  const teams = matchLine(match, name);
  const outcome = tie && isDecidingLeg(tie, match) ? tieOutcome(tie, name, words) : null;
  // A walkover that decides its tie is said once, by the tie's outcome.
  const marker = match.status === 'walkover' && outcome !== null ? null : statusMarker(match, name);
  const lines: string[] = [];
  const whole = `${prefix}${when} · ${teams}`;
  if (displayLength(whole) <= FIXTURE_LINE_MAX) lines.push(whole);
  else lines.push(`${prefix}${when}`, teams);
  if (marker !== null) {
    const last = lines[lines.length - 1] ?? '';
    if (displayLength(`${last} · ${marker}`) <= FIXTURE_LINE_MAX) lines[lines.length - 1] = `${last} · ${marker}`;
    else lines.push(`↳ ${marker}`);
  }
  if (outcome !== null) lines.push(`↳ ${outcome}`);
  return lines;
};
