// /next as a pure read model: the next match of a club (or the next round of the season) as the bot's
// clock sees it (as-of.ts), with the tie context and the last meeting of the two clubs in the data.
import { seasonAsOf, RESULT_AFTER_KICKOFF_MS } from './as-of.js';
import { indexSeason, matchDay } from './season-index.js';
import type { Match, Season, TeamId } from './types.js';
import { roundIdFor } from './format.js';
import { countAtOrBefore, memoBySeason, memoBySeasonKey, objectKey } from './memo.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface NextMatch {
  readonly match: Match;
  /** For a second leg: its first leg, with the score once known. Null otherwise. */
  readonly firstLeg: Match | null;
  /** The latest earlier match between the two clubs with a result, in the data; null when none. */
  readonly lastMeeting: Match | null;
}

export type NextView =
  /** Matches still to come: the club's next one, or every match of the season's next round. */
  | { readonly kind: 'upcoming'; readonly roundKey: string; readonly matches: readonly NextMatch[] }
  /** Nothing left to play (for the club, or in the season): the last match played, if any. */
  | { readonly kind: 'over'; readonly scope: 'team' | 'season'; readonly last: Match | null }
  /** More matches are to come, but none is known yet (a draw, or a tie still to be decided). */
  | { readonly kind: 'notYetKnown'; readonly last: Match | null };

/** The announceable round a match belongs to (the same keys as calendar.ts's `seasonRounds`). */
export const roundKeyOf = (season: Pick<Season, 'format'>, match: Match): string =>
  roundIdFor(season, match.stage, match.matchday ?? 0, match.leg ?? 1) ?? match.stage;

/** When the match is over: kickoff plus the match, or the end of its day; null when undated. */
const overAt = (match: Match): number | null => {
  if (match.kickoff !== null) return Date.parse(match.kickoff) + RESULT_AFTER_KICKOFF_MS;
  const day = matchDay(match);
  return day === null ? null : Date.parse(`${day}T00:00:00Z`) + DAY_MS;
};

/** Still to be played at `now`: no result, not postponed or cancelled, and not over yet (or undated). */
const isToCome = (match: Match, now: number): boolean => {
  if (match.status !== 'scheduled' || match.resultNotPublished || match.score !== null) return false;
  const end = overAt(match);
  return end === null || end > now;
};

/** A match whose outcome is known: played with a score, awarded or a walkover. */
const hasResult = (match: Match): boolean =>
  (match.status === 'played' && match.score !== null) || match.status === 'awarded' || match.status === 'walkover';

const involves = (match: Match, team: TeamId): boolean => match.home === team || match.away === team;

/**
 * The next match of `team` (or, without a team, the season's next round) at `now`. Everything is read
 * from the season as known at `now`: no result, pairing or decision before it was known.
 */
export function nextMatches(season: Season, now: Date, team: TeamId | null = null): NextView {
  return keptNext({ season, now, team });
}

/** Every instant at which a match of the season is over, ascending: what is still to come changes only then. */
const overInstants = memoBySeason((season: Season): number[] =>
  [...new Set(season.matches.map(overAt).filter((t): t is number => t !== null && Number.isFinite(t)))].sort((a, b) => a - b),
);

interface NextInput {
  readonly season: Season;
  readonly now: Date;
  readonly team: TeamId | null;
}

// Kept per season, club, season view and step of the clock between two "over" instants (a /next asked
// again reads no match), never per instant: the same view and step give the same answer.
const keptNext = memoBySeasonKey(
  (input: NextInput) => input.season,
  ({ season, now, team }) => `${team ?? ''}|${objectKey(seasonAsOf(season, now))}|${countAtOrBefore(overInstants(season), now.getTime())}`,
  ({ season, now, team }) => computeNextMatches(season, now, team),
);

/** nextMatches computed afresh, keeping nothing (tests compare the kept answers with it). */
export function computeNextMatches(season: Season, now: Date, team: TeamId | null = null): NextView {
  const view = seasonAsOf(season, now);
  const index = indexSeason(view);
  const t = now.getTime();
  const pool = team === null ? index.matches : index.matchesOf(team);
  const toCome = pool.filter((m) => isToCome(m, t));
  const played = pool.filter(hasResult);
  const last = played[played.length - 1] ?? null;

  const first = toCome[0];
  if (first === undefined) {
    // Whether anything is left at all is read from the full season: only that more is to come, never what.
    const later = (team === null ? season.matches : season.matches.filter((m) => involves(m, team))).some((m) => {
      if (m.status === 'cancelled') return false;
      const end = overAt(m);
      return end !== null && end > t;
    });
    if (later) return { kind: 'notYetKnown', last };
    return { kind: 'over', scope: team === null ? 'season' : 'team', last };
  }

  const roundKey = roundKeyOf(season, first);
  const chosen = team === null ? toCome.filter((m) => roundKeyOf(season, m) === roundKey) : [first];
  return { kind: 'upcoming', roundKey, matches: chosen.map((match) => withContext(index.matches, match)) };
}

function withContext(matches: readonly Match[], match: Match): NextMatch {
  const firstLeg =
    match.leg === 2 && match.tie !== null
      ? (matches.find((m) => m.stage === match.stage && m.tie === match.tie && m.leg === 1 && involves(m, match.home) && involves(m, match.away)) ?? null)
      : null;
  const position = matches.indexOf(match);
  const earlier = position < 0 ? matches : matches.slice(0, position);
  let lastMeeting: Match | null = null;
  for (const m of earlier) {
    if (m.id !== match.id && involves(m, match.home) && involves(m, match.away) && hasResult(m)) lastMeeting = m;
  }
  return { match, firstLeg, lastMeeting };
}
