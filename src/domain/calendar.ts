import { isGroupStage, previousStage, roundIdFor, stageFormat, stageName } from './format.js';
import type { CalendarEntry, Match, Round, Season, Stage } from './types.js';
import { indexSeason, matchDay, stageOrder } from './season-index.js';
import { legName } from './fixtures.js';

const byStart = (a: CalendarEntry, b: CalendarEntry): number =>
  a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : a.endDate < b.endDate ? -1 : a.endDate > b.endDate ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

const entriesCache = new WeakMap<Season, readonly CalendarEntry[]>();

/** The season calendar (draws, matchdays, legs) by start date. */
export function scheduleEntries(season: Season): CalendarEntry[] {
  return [...sortedEntries(season)];
}

function sortedEntries(season: Season): readonly CalendarEntry[] {
  const cached = entriesCache.get(season);
  if (cached) return cached;
  const sorted = [...season.calendar].sort(byStart);
  entriesCache.set(season, sorted);
  return sorted;
}

/**
 * The draw that made a stage's pairings known: the last draw on or before the stage's first calendar
 * entry (the knockout draw of 12 March 2024 for the quarter-finals, semi-finals and final). Null when
 * the calendar has no entry for the stage or no draw before it.
 */
export function drawOf(season: Season, stage: Stage): CalendarEntry | null {
  const entries = sortedEntries(season);
  const first = entries.find((e) => e.kind !== 'draw' && e.stage === stage);
  if (first === undefined) return null;
  let draw: CalendarEntry | null = null;
  for (const e of entries) if (e.kind === 'draw' && e.startDate <= first.startDate) draw = e;
  return draw;
}

/**
 * The round whose winners a stage's pairings wait for (the stage before it in the format, when that is a
 * qualifying or knockout round); null when its pairings come from a draw alone (the first round, or the
 * first knockout round after the group stage).
 */
export function previousTieStage(season: Pick<Season, 'format'>, stage: Stage): Stage | null {
  if (stageFormat(season, stage)?.kind === 'group') return null;
  const before = previousStage(season, stage);
  return before === null || isGroupStage(season, before) ? null : before;
}

/**
 * Why a stage has no pairings in a season as of `now` (see as-of.ts): its draw is still to come
 * (`{ drawOn }`, "Draw on 12 March"), or the round before is still being played. Null when its
 * pairings are known, or when the stage has no draw in the calendar.
 */
export function pairingsPending(
  season: Season,
  stage: Stage,
  now: Date,
): { readonly drawOn: string } | { readonly waitingFor: Stage } | null {
  if (season.matches.some((m) => m.stage === stage)) return null;
  const draw = drawOf(season, stage);
  if (draw === null) return null;
  if (draw.startDate > now.toISOString().slice(0, 10)) return { drawOn: draw.startDate };
  const before = previousTieStage(season, stage);
  return before === null ? null : { waitingFor: before };
}

export interface CalendarPosition {
  readonly entry: CalendarEntry;
  readonly relation: 'next' | 'last' | 'current';
}

/**
 * Where `now` (compared as a UTC day) sits in the calendar: the entry running today, else the next
 * one to start, else the last one that ended. Null for an empty calendar.
 */
export function nextOrLastEvent(season: Season, now: Date): CalendarPosition | null {
  const today = now.toISOString().slice(0, 10);
  const entries = sortedEntries(season);
  const current = entries.find((e) => e.startDate <= today && today <= e.endDate);
  if (current) return { entry: current, relation: 'current' };
  const next = entries.find((e) => e.startDate > today);
  if (next) return { entry: next, relation: 'next' };
  let last: CalendarEntry | undefined;
  for (const e of entries) if (!last || e.endDate >= last.endDate) last = e;
  return last ? { entry: last, relation: 'last' } : null;
}

/** The earliest (or latest) known kickoff on the first (or last) match day; that day at 00:00Z if none is known. */
function edgeKickoff(matches: readonly Match[], edge: 'first' | 'last'): string | null {
  let day: string | null = null;
  for (const m of matches) {
    const d = matchDay(m);
    if (d !== null && (day === null || (edge === 'first' ? d < day : d > day))) day = d;
  }
  if (day === null) return null;
  let kickoff: string | null = null;
  for (const m of matches) {
    if (m.kickoff === null || matchDay(m) !== day) continue;
    if (kickoff === null || (edge === 'first' ? m.kickoff < kickoff : m.kickoff > kickoff)) kickoff = m.kickoff;
  }
  return kickoff ?? `${day}T00:00:00Z`;
}

const roundsCache = new WeakMap<Season, readonly Round[]>();

/**
 * The season as announceable rounds: each leg of a two-legged round (`R1-L1`, `QF-L2`, `F-L2`), a
 * single-leg round whole (`F`), and each group matchday across all groups (`GS-MD1`). Walkovers with
 * no leg played belong to no round.
 */
export function seasonRounds(season: Season): Round[] {
  const cached = roundsCache.get(season);
  if (cached) return [...cached];
  const index = indexSeason(season);
  const buckets = new Map<string, { stage: Stage; matchday: number | null; leg: 1 | 2 | null; matches: Match[] }>();
  for (const match of index.matches) {
    const { stage } = match;
    const group = isGroupStage(season, stage);
    const key = roundIdFor(season, stage, match.matchday, match.leg);
    if (key === null) continue;
    const bucket = buckets.get(key);
    if (bucket) bucket.matches.push(match);
    else
      buckets.set(key, {
        stage,
        matchday: group ? match.matchday : null,
        leg: group ? null : match.leg,
        matches: [match],
      });
  }
  const rounds: Round[] = [...buckets.entries()].map(([key, b]) => ({
    key,
    label: isGroupStage(season, b.stage)
      ? `${stageName(season, b.stage)} · Matchday ${b.matchday}`
      : b.leg === null
        ? stageName(season, b.stage)
        : `${stageName(season, b.stage)}, ${legName(b.leg)}`,
    stage: b.stage,
    matchday: b.matchday,
    leg: b.leg,
    matches: b.matches,
    firstKickoff: edgeKickoff(b.matches, 'first'),
    lastKickoff: edgeKickoff(b.matches, 'last'),
  }));
  rounds.sort(
    (a, b) => stageOrder(season, a.stage) - stageOrder(season, b.stage) || (a.matchday ?? 0) - (b.matchday ?? 0) || (a.leg ?? 0) - (b.leg ?? 0),
  );
  roundsCache.set(season, rounds);
  return [...rounds];
}
