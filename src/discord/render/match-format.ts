import { time, TimestampStyles } from 'discord.js';
import type { Match, Score, TeamId, TieDecider, TieResult } from '../../domain/types.js';
import { NOT_RECORDED, escapeText } from './text.js';

/** Team names as the renderers need them: the canonical name, escaped for markdown. */
export type NameOf = (id: TeamId) => string;

export const escapedNames = (teamName: (id: TeamId) => string): NameOf => (id) => escapeText(teamName(id));

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
 * When a match is (or was) played: a Discord timestamp shown in each viewer's own zone, plus a
 * relative one for a match still to come; the date as text when only the date is known.
 */
export const kickoffText = (match: Match, opts: { readonly relative?: boolean } = {}): string => {
  if (match.kickoff !== null) {
    const at = new Date(unix(match.kickoff) * 1000);
    const absolute = time(at, TimestampStyles.ShortDateTime);
    return opts.relative ? `${absolute} (${time(at, TimestampStyles.RelativeTime)})` : absolute;
  }
  if (match.date !== null) return `${formatDate(match.date)} (time not recorded)`;
  return match.status === 'walkover' ? 'no match played' : `date ${NOT_RECORDED}`;
};

export const formatScore = (score: Score): string => `${score.home}–${score.away}`;

/** The score part of a fixture line, between the two team names. */
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

/** A short marker after the line for anything that is not a plain result or a plain fixture. */
export const statusMarker = (match: Match, name: NameOf): string | null => {
  switch (match.status) {
    case 'played':
      return match.score === null ? `result ${NOT_RECORDED}` : null;
    case 'awarded': {
      const to = match.decision ? ` to ${name(match.decision.winner)}` : '';
      return match.decision?.score ? `⚖️ awarded${to}` : `⚖️ awarded${to}, score ${NOT_RECORDED}`;
    }
    case 'walkover':
      return match.decision ? `🚶 walkover, ${name(match.decision.winner)} through` : '🚶 walkover';
    case 'postponed':
      return '⏸️ postponed';
    case 'cancelled':
      return '✖️ cancelled';
    case 'scheduled':
      return null;
  }
};

/** "**USM Alger** 2–1 Modern Future": the winner of a decided match in bold is left to the score. */
export const matchLine = (match: Match, name: NameOf): string => `${name(match.home)} ${scoreCell(match)} ${name(match.away)}`;

const DECIDED_BY: Readonly<Record<TieDecider, string>> = {
  aggregate: 'on aggregate',
  away_goals: 'on away goals',
  penalties: 'on penalties',
  walkover: 'by walkover',
  awarded: 'by an awarded result',
  extra_time: 'after extra time',
};

export const decidedByText = (decider: TieDecider | null): string => (decider === null ? '' : DECIDED_BY[decider]);

/** The aggregate seen from one leg's home/away order: "agg. 2–2". */
export const aggregateFor = (tie: TieResult, match: Match): string | null => {
  if (tie.aggregate === null) return null;
  const [first, second] = tie.aggregate;
  return match.home === tie.teams[0] ? `${first}–${second}` : `${second}–${first}`;
};

/** "agg. 3–2, Zamalek through on away goals" for the deciding leg of a tie; null for other matches. */
export const tieSummary = (tie: TieResult, match: Match, name: NameOf): string | null => {
  const isLastLeg = tie.legs.length > 1 && tie.legs[tie.legs.length - 1]?.id === match.id;
  if (!isLastLeg) return null;
  const aggregate = aggregateFor(tie, match);
  const parts = [aggregate === null ? `agg. ${NOT_RECORDED}` : `agg. ${aggregate}`];
  if (tie.winner !== null) parts.push(`${name(tie.winner)} through ${decidedByText(tie.decidedBy)}`.trim());
  return parts.join(', ');
};

/** Ties keyed by the ids of their legs, so a fixture line can find its tie. */
export const tiesByMatch = (ties: readonly TieResult[]): ReadonlyMap<string, TieResult> => {
  const map = new Map<string, TieResult>();
  for (const tie of ties) for (const leg of tie.legs) map.set(leg.id, tie);
  return map;
};
