// Who is mathematically through, or out, of a group. While the group's open matches are few, every
// win/draw/loss outcome of them is tried; goals in those matches are unknown, so a points tie that the
// open head-to-head matches could still decide (or that only goal difference could settle) counts
// against the team. Outcomes grow as 3^open (a six-club league phase has 27 open after matchday 1), so
// the search has a budget of scenarios; past it, places come from points bounds alone, which are
// looser but never claim a fate that is not certain.
import type { GroupFate, Score, TeamId } from './types.js';

const WIN_POINTS = 3;
const DRAW_POINTS = 1;

/** A group match with a result: goals null when only the winner of an awarded match is known. */
export interface KnownResult {
  readonly home: TeamId;
  readonly away: TeamId;
  readonly goals: Score | null;
  /** null for a draw. */
  readonly winner: TeamId | null;
}

export interface OpenMatch {
  readonly home: TeamId;
  readonly away: TeamId;
}

/** 0-based best and worst final place a team can reach. */
export interface PlaceRange {
  readonly best: number;
  readonly worst: number;
}

const pairKey = (a: TeamId, b: TeamId): string => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/** Head-to-head key among `members` from the known results: points, goal difference, goals, away goals. */
function headToHead(members: ReadonlySet<TeamId>, known: readonly KnownResult[]): Map<TeamId, number[]> {
  const keys = new Map<TeamId, number[]>([...members].map((t) => [t, [0, 0, 0, 0]]));
  for (const m of known) {
    const home = keys.get(m.home);
    const away = keys.get(m.away);
    if (!home || !away) continue;
    if (m.winner === null) {
      home[0] = (home[0] ?? 0) + DRAW_POINTS;
      away[0] = (away[0] ?? 0) + DRAW_POINTS;
    } else (m.winner === m.home ? home : away)[0] = ((m.winner === m.home ? home : away)[0] ?? 0) + WIN_POINTS;
    if (m.goals) {
      home[1] = (home[1] ?? 0) + m.goals.home - m.goals.away;
      away[1] = (away[1] ?? 0) + m.goals.away - m.goals.home;
      home[2] = (home[2] ?? 0) + m.goals.home;
      away[2] = (away[2] ?? 0) + m.goals.away;
      away[3] = (away[3] ?? 0) + m.goals.away;
    }
  }
  return keys;
}

const compareKeys = (a: readonly number[], b: readonly number[]): number => {
  for (let i = 0; i < a.length; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
};

/** Scenarios (complete outcomes of the open matches) the exhaustive search may evaluate: 3^8, a group of four from its second matchday. */
export const SCENARIO_BUDGET = 3 ** 8;

/** How a call decided: filled in when the caller passes it (tests count scenarios with it). */
export interface PlaceSearch {
  /** Complete outcomes evaluated by the exhaustive search, added up over the calls given this object (each call at most the budget). */
  scenarios: number;
  /** 'final': no open match; 'exhaustive': every needed outcome tried; 'bounds': the budget ran out. */
  method: 'final' | 'exhaustive' | 'bounds' | null;
}

export interface PlaceOptions {
  /** Scenarios allowed before falling back to points bounds (default SCENARIO_BUDGET). */
  readonly budget?: number;
  readonly search?: PlaceSearch;
}

function pointsFrom(teams: readonly TeamId[], known: readonly KnownResult[]): Map<TeamId, number> {
  const points = new Map<TeamId, number>(teams.map((t) => [t, 0]));
  for (const m of known) {
    if (m.winner === null) {
      points.set(m.home, (points.get(m.home) ?? 0) + DRAW_POINTS);
      points.set(m.away, (points.get(m.away) ?? 0) + DRAW_POINTS);
    } else points.set(m.winner, (points.get(m.winner) ?? 0) + WIN_POINTS);
  }
  return points;
}

/**
 * Sound place bounds from points alone: a team is surely below every team whose current points it
 * cannot reach, and at worst below every team that can reach its current points (a tie counts against
 * it). Every real outcome lies inside these ranges, so a fate read from them is certain.
 */
export function pointsBoundRanges(teams: readonly TeamId[], known: readonly KnownResult[], open: readonly OpenMatch[]): Map<TeamId, PlaceRange> {
  const least = pointsFrom(teams, known);
  const most = new Map(least);
  for (const m of open) {
    most.set(m.home, (most.get(m.home) ?? 0) + WIN_POINTS);
    most.set(m.away, (most.get(m.away) ?? 0) + WIN_POINTS);
  }
  return new Map(
    teams.map((team) => {
      const low = least.get(team) ?? 0;
      const high = most.get(team) ?? 0;
      const others = teams.filter((t) => t !== team);
      const best = others.filter((t) => (least.get(t) ?? 0) > high).length;
      const worst = others.filter((t) => (most.get(t) ?? 0) >= low).length;
      return [team, { best, worst }];
    }),
  );
}

/**
 * The best and worst final place of every team over all outcomes of the open matches.
 * With no open match, `currentPlaces` (the table's order under every tiebreaker) is final.
 * The search stops once every team can finish both in and outside the top `qualifiers`: the ranges
 * are then narrower than the truth, but still straddle the line, so no fate or place is claimed.
 * When more than `budget` outcomes would be needed, the ranges are `pointsBoundRanges` instead.
 */
export function placeRanges(
  teams: readonly TeamId[],
  known: readonly KnownResult[],
  open: readonly OpenMatch[],
  currentPlaces: ReadonlyMap<TeamId, number>,
  qualifiers: number,
  options: PlaceOptions = {},
): Map<TeamId, PlaceRange> {
  const search = options.search ?? { scenarios: 0, method: null };
  const budget = options.budget ?? SCENARIO_BUDGET;
  const ranges = new Map<TeamId, { best: number; worst: number }>();
  if (open.length === 0) {
    for (const team of teams) {
      const place = currentPlaces.get(team) ?? teams.length - 1;
      ranges.set(team, { best: place, worst: place });
    }
    search.method = 'final';
    return ranges;
  }
  for (const team of teams) ranges.set(team, { best: Number.POSITIVE_INFINITY, worst: Number.NEGATIVE_INFINITY });

  const basePoints = pointsFrom(teams, known);
  const openPairs = new Set(open.map((m) => pairKey(m.home, m.away)));
  const h2hCache = new Map<string, Map<TeamId, number[]>>();
  const points = new Map(basePoints);

  const record = (): void => {
    for (const team of teams) {
      const own = points.get(team) ?? 0;
      const tied = teams.filter((t) => t !== team && (points.get(t) ?? 0) === own);
      const above = teams.filter((t) => (points.get(t) ?? 0) > own).length;
      let surelyAbove = 0;
      let maybeAbove = tied.length;
      const members = [team, ...tied];
      const settled = tied.length > 0 && members.every((a) => members.every((b) => a === b || !openPairs.has(pairKey(a, b))));
      if (settled) {
        // Every head-to-head match among the tied teams is played: the head-to-head order is fixed.
        const cacheKey = [...members].sort().join('\u0000');
        let keys = h2hCache.get(cacheKey);
        if (!keys) {
          keys = headToHead(new Set(members), known);
          h2hCache.set(cacheKey, keys);
        }
        const mine = keys.get(team) ?? [];
        surelyAbove = tied.filter((t) => compareKeys(keys.get(t) ?? [], mine) > 0).length;
        maybeAbove = surelyAbove + tied.filter((t) => compareKeys(keys.get(t) ?? [], mine) === 0).length;
      }
      const range = ranges.get(team);
      if (!range) continue;
      range.best = Math.min(range.best, above + surelyAbove);
      range.worst = Math.max(range.worst, above + maybeAbove);
    }
  };

  const undecidedEverywhere = (): boolean => [...ranges.values()].every((r) => r.best < qualifiers && r.worst >= qualifiers);

  // Depth-first over home win / draw / away win; stops early once nothing can be decided, or when
  // the budget is spent (then the partial ranges are dropped for the bounds).
  let overBudget = false;
  let scenarios = 0;
  const visit = (i: number): boolean => {
    const m = open[i];
    if (m === undefined) {
      if (scenarios >= budget) {
        overBudget = true;
        return true;
      }
      scenarios += 1;
      record();
      return undecidedEverywhere();
    }
    const outcomes: readonly [number, number][] = [
      [WIN_POINTS, 0],
      [DRAW_POINTS, DRAW_POINTS],
      [0, WIN_POINTS],
    ];
    for (const [home, away] of outcomes) {
      points.set(m.home, (points.get(m.home) ?? 0) + home);
      points.set(m.away, (points.get(m.away) ?? 0) + away);
      const stop = visit(i + 1);
      points.set(m.home, (points.get(m.home) ?? 0) - home);
      points.set(m.away, (points.get(m.away) ?? 0) - away);
      if (stop) return true;
    }
    return false;
  };
  visit(0);
  search.scenarios += scenarios;
  search.method = overBudget ? 'bounds' : 'exhaustive';
  return overBudget ? pointsBoundRanges(teams, known, open) : ranges;
}

/**
 * Through when the worst place is in the top `qualifiers`; out when even the best place is at `outFrom`
 * or below (0-based). `outFrom` is `qualifiers` unless the next place may still go through as one of
 * the best-placed teams across groups (three groups sending four teams on): then it is one lower.
 */
export const fateOf = (range: PlaceRange | undefined, qualifiers: number, outFrom: number = qualifiers): GroupFate =>
  range === undefined ? 'open' : range.worst < qualifiers ? 'through' : range.best >= outFrom ? 'out' : 'open';
