// Who is mathematically through, or out, of a group. Every win/draw/loss outcome of the group's open
// matches is tried; goals in those matches are unknown, so a points tie that the open head-to-head
// matches could still decide (or that only goal difference could settle) counts against the team.
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

/**
 * The best and worst final place of every team over all outcomes of the open matches.
 * With no open match, `currentPlaces` (the table's order under every tiebreaker) is final.
 * The search stops once every team can finish both in and outside the top `qualifiers`: the ranges
 * are then narrower than the truth, but still straddle the line, so no fate or place is claimed.
 */
export function placeRanges(
  teams: readonly TeamId[],
  known: readonly KnownResult[],
  open: readonly OpenMatch[],
  currentPlaces: ReadonlyMap<TeamId, number>,
  qualifiers: number,
): Map<TeamId, PlaceRange> {
  const ranges = new Map<TeamId, { best: number; worst: number }>();
  if (open.length === 0) {
    for (const team of teams) {
      const place = currentPlaces.get(team) ?? teams.length - 1;
      ranges.set(team, { best: place, worst: place });
    }
    return ranges;
  }
  for (const team of teams) ranges.set(team, { best: Number.POSITIVE_INFINITY, worst: Number.NEGATIVE_INFINITY });

  const basePoints = new Map<TeamId, number>(teams.map((t) => [t, 0]));
  for (const m of known) {
    if (m.winner === null) {
      basePoints.set(m.home, (basePoints.get(m.home) ?? 0) + DRAW_POINTS);
      basePoints.set(m.away, (basePoints.get(m.away) ?? 0) + DRAW_POINTS);
    } else basePoints.set(m.winner, (basePoints.get(m.winner) ?? 0) + WIN_POINTS);
  }
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

  // Depth-first over home win / draw / away win; stops early once nothing can be decided.
  const visit = (i: number): boolean => {
    const m = open[i];
    if (m === undefined) {
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
  return ranges;
}

/**
 * Through when the worst place is in the top `qualifiers`; out when even the best place is at `outFrom`
 * or below (0-based). `outFrom` is `qualifiers` unless the next place may still go through as one of
 * the best-placed teams across groups (three groups sending four teams on): then it is one lower.
 */
export const fateOf = (range: PlaceRange | undefined, qualifiers: number, outFrom: number = qualifiers): GroupFate =>
  range === undefined ? 'open' : range.worst < qualifiers ? 'through' : range.best >= outFrom ? 'out' : 'open';
