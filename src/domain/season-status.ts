import { seasonAsOf, withoutResult } from './as-of.js';
import type { CatalogEntry, SeasonCatalog, SeasonStatus } from './catalog.js';
import type { Match, Season } from './types.js';
import { finalStage } from './format.js';

// Where a season stands on the bot's clock. Results count only once known at `now` (seasonAsOf),
// so a past season re-lived under the replay clock is in progress, as it was then.

const DAY_MS = 24 * 60 * 60 * 1000;
const DECIDED: ReadonlySet<Match['status']> = new Set(['played', 'awarded', 'walkover']);

/** The day a match is on (its kickoff's UTC day, else its date), as the instant that day starts; null when undated. */
const dayOf = (match: Match): number | null => {
  if (match.kickoff !== null) return Date.parse(`${match.kickoff.slice(0, 10)}T00:00:00Z`);
  if (match.date !== null) return Date.parse(`${match.date}T00:00:00Z`);
  return null;
};

export interface SeasonProgress {
  readonly status: SeasonStatus;
  /** The day of the first match (UTC midnight); null for a season with no dated match. */
  readonly firstMatch: Date | null;
  /** The day of the latest result known at `now`; null before any. */
  readonly lastResult: Date | null;
}

/**
 * `upcoming` before the first match's day; `finished` once every match of the final has its result
 * (or the champion is known), or the day after `endDate` began; `in_progress` while the latest
 * result (or, before any result, the first match's day) is at most `staleAfterDays` old, or the
 * season is in a scheduled break (a match is still to come and none overdue); `stale` otherwise:
 * the data stopped while the season went on.
 */
export function seasonProgress(season: Season, now: Date): SeasonProgress {
  const t = now.getTime();
  const view = seasonAsOf(season, now);
  const days = season.matches.map(dayOf).filter((d): d is number => d !== null);
  const first = days.length === 0 ? null : Math.min(...days);
  const resultDays = view.matches.filter((m) => DECIDED.has(m.status)).map(dayOf).filter((d): d is number => d !== null);
  const last = resultDays.length === 0 ? null : Math.max(...resultDays);
  const progress = (status: SeasonStatus): SeasonProgress => ({
    status,
    firstMatch: first === null ? null : new Date(first),
    lastResult: last === null ? null : new Date(last),
  });

  if (season.endDate !== null && t >= Date.parse(`${season.endDate}T00:00:00Z`) + DAY_MS) return progress('finished');
  if (finalDecided(season, view)) return progress('finished');
  if (first === null || (t < first && last === null)) return progress('upcoming');
  const staleAfter = season.staleAfterDays * DAY_MS;
  const reference = last ?? first;
  if (t - reference <= staleAfter) return progress('in_progress');
  return progress(inScheduledBreak(season, view, t, staleAfter) ? 'in_progress' : 'stale');
}

/**
 * A quiet spell between rounds is not a stopped source: a match is still to come (or played no more
 * than `staleAfter` ago, its result may still come), and no match (not postponed or cancelled) dated
 * more than `staleAfter` ago is still without a result.
 * A match the file marks "result not published" is a known gap, not a sign the source stopped.
 */
function inScheduledBreak(season: Season, view: Season, t: number, staleAfter: number): boolean {
  const seen = new Map(view.matches.map((m) => [m.id, m] as const));
  // Matches whose pairing is not yet drawn are out of the view but still on the calendar.
  const unplayed = season.matches
    .map((m) => seen.get(m.id) ?? withoutResult(m))
    .filter((m) => m.status === 'scheduled');
  let awaited = false;
  for (const match of unplayed) {
    const day = dayOf(match);
    if (day === null) continue;
    // Within staleAfter of its day a match's result may still come, as for the last result.
    if (t - day <= staleAfter) awaited = true;
    else if (!match.resultNotPublished) return false;
  }
  return awaited;
}

export const seasonStatus = (season: Season, now: Date): SeasonStatus => seasonProgress(season, now).status;

/** The status of a catalog entry; undefined when the catalog no longer holds that season. */
export const entryStatus = (catalog: SeasonCatalog, entry: Pick<CatalogEntry, 'id'>, now: Date): SeasonStatus | undefined => {
  const season = catalog.get(entry.id);
  return season === undefined ? undefined : seasonStatus(season, now);
};

function finalDecided(season: Season, view: Season): boolean {
  if (view.champion !== null) return true;
  const final = finalStage(season)?.code;
  const finals = season.matches.filter((m) => m.stage === final);
  if (finals.length === 0) return false;
  const known = new Map(view.matches.map((m) => [m.id, m] as const));
  return finals.every((m) => {
    const seen = known.get(m.id);
    return seen !== undefined && DECIDED.has(seen.status);
  });
}
