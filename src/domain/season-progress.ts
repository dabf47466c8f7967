import { asOfChanges } from './as-of.js';
import { countAtOrBefore } from './memo.js';
import { seasonProgress, type SeasonProgress } from './season-status.js';
import type { Season } from './types.js';

// Every fan command without a `competition` reads every season's progress. seasonProgress reads the
// season as known at `now` (seasonAsOf: the same view between two of its change instants) and compares
// `now` (an integer of milliseconds) with: the day after the end date (t ≥ it), the first match's day
// (t < it), the last result (else the first match) plus `staleAfterDays` (t − day ≤ staleAfter), and
// (a scheduled break) each unplayed match's day plus `staleAfterDays` alike. The last result and the
// first match are match days, so every comparison flips only at one of a fixed set of instants: the
// view's changes, the end, each match day, and each match day plus staleAfter plus 1 ms. Between two
// of them the answer is the same: kept per season and step, never keyed by the clock itself.
const DAY_MS = 24 * 60 * 60 * 1000;

const changesBySeason = new WeakMap<Season, readonly number[]>();

/** Every instant at which seasonProgress(season, ·) may change, ascending (kept per season). */
export const progressChanges = (season: Season): readonly number[] => {
  let changes = changesBySeason.get(season);
  if (changes === undefined) {
    const days = matchDays(season);
    const staleAfter = season.staleAfterDays * DAY_MS;
    const end = season.endDate === null ? [] : [Date.parse(`${season.endDate}T00:00:00Z`) + DAY_MS];
    // t − day ≤ staleAfter turns false at the first whole millisecond past day + staleAfter.
    const overdue = days.map((day) => Math.floor(day + staleAfter) + 1);
    changes = [...new Set([...asOfChanges(season), ...end, ...days, ...overdue])].filter((t) => Number.isFinite(t)).sort((a, b) => a - b);
    changesBySeason.set(season, changes);
  }
  return changes;
};

const progressBySeason = new WeakMap<Season, Map<number, SeasonProgress>>();

/** seasonProgress(season, now), the same answer, kept per season and step between its changes (see above). */
export const progressOf = (season: Season, now: Date): SeasonProgress => {
  const step = countAtOrBefore(progressChanges(season), now.getTime());
  let bySteps = progressBySeason.get(season);
  if (bySteps === undefined) {
    bySteps = new Map();
    progressBySeason.set(season, bySteps);
  }
  let progress = bySteps.get(step);
  if (progress === undefined) {
    progress = seasonProgress(season, now);
    bySteps.set(step, progress);
  }
  return progress;
};

/** A match's day as seasonProgress reads it: its kickoff's UTC day, else its date, at midnight UTC. */
const dayOf = (match: Season['matches'][number]): number | null => {
  if (match.kickoff !== null) return Date.parse(`${match.kickoff.slice(0, 10)}T00:00:00Z`);
  if (match.date !== null) return Date.parse(`${match.date}T00:00:00Z`);
  return null;
};

/** Every dated match's day, ascending, each once. */
const matchDays = (season: Season): readonly number[] =>
  [...new Set(season.matches.map(dayOf).filter((d): d is number => d !== null && !Number.isNaN(d)))].sort((a, b) => a - b);
