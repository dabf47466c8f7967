import type { Match, Season, Stage } from './types.js';

// The season as a fan saw it at one instant. Under the replay clock (a past season re-lived at
// speed) a result must not show before its match has been played; in real time, after the
// season, every match is in the past and the season is returned unchanged.

/** A result counts from kickoff plus the length of a match; a date-only match from the end of its day. */
export const RESULT_AFTER_KICKOFF_MS = 2 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** When a match's result became known; null when no date at all is known (never hidden). */
function resultKnownAt(match: Match, stageStart: ReadonlyMap<Stage, number>): number | null {
  if (match.kickoff !== null) return Date.parse(match.kickoff) + RESULT_AFTER_KICKOFF_MS;
  if (match.date !== null) return Date.parse(match.date) + DAY_MS;
  // An undated walkover is settled when its round starts.
  return stageStart.get(match.stage) ?? null;
}

const notYetPlayed = (match: Match): Match => ({
  ...match,
  status: match.status === 'postponed' || match.status === 'cancelled' ? match.status : 'scheduled',
  score: null,
  extraTime: false,
  penalties: null,
  decision: null,
  goals: [],
});

interface Timeline {
  /** Result times ascending, with the match index they belong to. */
  readonly known: readonly { readonly at: number; readonly index: number }[];
}

const timelines = new WeakMap<Season, Timeline>();
const views = new WeakMap<Season, { readonly count: number; readonly view: Season }>();

function timelineOf(season: Season): Timeline {
  const cached = timelines.get(season);
  if (cached) return cached;
  const stageStart = new Map<Stage, number>();
  for (const match of season.matches) {
    const day = match.kickoff !== null ? Date.parse(match.kickoff) : match.date !== null ? Date.parse(match.date) : null;
    if (day === null) continue;
    const known = stageStart.get(match.stage);
    if (known === undefined || day < known) stageStart.set(match.stage, day);
  }
  const known = season.matches
    .map((match, index) => ({ at: resultKnownAt(match, stageStart) ?? Number.NEGATIVE_INFINITY, index }))
    .sort((a, b) => a.at - b.at);
  const timeline = { known };
  timelines.set(season, timeline);
  return timeline;
}

/**
 * The season with every result not yet known at `now` taken out (status scheduled, no score,
 * goals, penalties or decision). Returns the same object for the same set of known results, so
 * the read models' per-season caches keep working between kickoffs.
 */
export function seasonAsOf(season: Season, now: Date): Season {
  const { known } = timelineOf(season);
  const t = now.getTime();
  let count = 0;
  while (count < known.length && (known[count]?.at ?? Number.POSITIVE_INFINITY) <= t) count++;
  if (count === known.length) return season;

  const cached = views.get(season);
  if (cached?.count === count) return cached.view;

  const pending = new Set(known.slice(count).map((k) => k.index));
  const finals = season.matches.filter((m) => m.stage === 'final');
  const finalPending = season.matches.some((m, i) => m.stage === 'final' && pending.has(i));
  const view: Season = {
    ...season,
    champion: finals.length > 0 && !finalPending ? season.champion : null,
    matches: season.matches.map((match, i) => (pending.has(i) ? notYetPlayed(match) : match)),
  };
  views.set(season, { count, view });
  return view;
}
