import { seasonAsOf } from './as-of.js';
import { seasonProgress, type SeasonProgress } from './season-status.js';
import type { Season } from './types.js';

// Every fan command without a `competition` reads every season's progress. seasonProgress reads the
// season as known at `now` (seasonAsOf gives the same view object until something new is known) and
// compares `now` with: the day after the end date, the first match's day, the last result (else the
// first match) plus `staleAfterDays`, and (a scheduled break) unplayed matches' days plus
// `staleAfterDays`. So one view and the same comparisons give the same progress: kept per view,
// keyed by those comparisons, never by the clock.
const DAY_MS = 24 * 60 * 60 * 1000;
const progressByView = new WeakMap<Season, WeakMap<Season, Map<string, SeasonProgress>>>();

/** seasonProgress(season, now), the same answer, kept per view of the season (see above). */
export const progressOf = (season: Season, now: Date): SeasonProgress => {
  const view = seasonAsOf(season, now);
  let byView = progressByView.get(season);
  if (byView === undefined) {
    byView = new WeakMap();
    progressByView.set(season, byView);
  }
  let byComparison = byView.get(view);
  if (byComparison === undefined) {
    byComparison = new Map();
    byView.set(view, byComparison);
  }
  // Any progress of this view carries its first match and last result (they do not depend on `now`).
  const sample = byComparison.values().next().value ?? seasonProgress(season, now);
  const key = comparisonsAt(season, sample, now.getTime());
  let progress = byComparison.get(key);
  if (progress === undefined) {
    progress = byComparison.size === 0 ? sample : seasonProgress(season, now);
    byComparison.set(key, progress);
  }
  return progress;
};

/** The comparisons of `now` that seasonProgress makes, as a key. */
const comparisonsAt = (season: Season, { firstMatch, lastResult }: SeasonProgress, t: number): string => {
  const ended = season.endDate !== null && t >= Date.parse(`${season.endDate}T00:00:00Z`) + DAY_MS;
  const beforeFirst = firstMatch !== null && t < firstMatch.getTime();
  const reference = lastResult ?? firstMatch;
  const fresh = reference !== null && t - reference.getTime() <= season.staleAfterDays * DAY_MS;
  // A scheduled break compares `now` with each unplayed match's day plus staleAfter: every such day is
  // a match day, so how many match days lie beyond staleAfter fixes all those comparisons at once.
  const overdueBefore = t - season.staleAfterDays * DAY_MS;
  return `${ended ? 1 : 0}${beforeFirst ? 1 : 0}${fresh ? 1 : 0}:${countBelow(matchDays(season), overdueBefore)}`;
};

/** A match's day as seasonProgress reads it: its kickoff's UTC day, else its date, at midnight UTC. */
const dayOf = (match: Season['matches'][number]): number | null => {
  if (match.kickoff !== null) return Date.parse(`${match.kickoff.slice(0, 10)}T00:00:00Z`);
  if (match.date !== null) return Date.parse(`${match.date}T00:00:00Z`);
  return null;
};

const daysBySeason = new WeakMap<Season, readonly number[]>();
/** Every dated match's day, ascending (kept per season). */
const matchDays = (season: Season): readonly number[] => {
  let days = daysBySeason.get(season);
  if (days === undefined) {
    days = season.matches.map(dayOf).filter((d): d is number => d !== null && !Number.isNaN(d)).sort((a, b) => a - b);
    daysBySeason.set(season, days);
  }
  return days;
};

/** How many of the ascending `days` are strictly below `limit` (t - day > staleAfter ⇔ day < t - staleAfter). */
const countBelow = (days: readonly number[], limit: number): number => {
  let low = 0;
  let high = days.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((days[mid] ?? Number.POSITIVE_INFINITY) < limit) low = mid + 1;
    else high = mid;
  }
  return low;
};
