// Fates at any group size: the exhaustive search has a budget of scenarios, and past it the points
// bounds decide. The bounds must never claim what the exhaustive search denies, and no call may
// evaluate more than the budget, whatever the group size or matchday.
import { describe, expect, test } from 'vitest';
import {
  SCENARIO_BUDGET,
  fateOf,
  placeRanges,
  pointsBoundRanges,
  type KnownResult,
  type OpenMatch,
  type PlaceSearch,
} from '../../src/domain/clinch.js';
import { computeGroupTable } from '../../src/domain/standings.js';
import { readSeasonFile } from '../../src/season/read.js';
import { fromPackageRoot } from '../../src/package-root.js';
import type { GroupId, TeamId } from '../../src/domain/types.js';

/** mulberry32: a small seeded generator, so every run draws the same groups. */
const seeded = (seed: number) => {
  let a = seed >>> 0;
  return (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** A double round robin by the circle method: matchday by matchday, each pair once home and once away. */
function doubleRoundRobin(teams: readonly TeamId[]): OpenMatch[][] {
  const ring = [...teams];
  const rounds: OpenMatch[][] = [];
  for (let r = 0; r < ring.length - 1; r++) {
    const round: OpenMatch[] = [];
    for (let i = 0; i < ring.length / 2; i++) {
      const a = ring[i] as TeamId;
      const b = ring[ring.length - 1 - i] as TeamId;
      round.push(r % 2 === 0 ? { home: a, away: b } : { home: b, away: a });
    }
    rounds.push(round);
    ring.splice(1, 0, ring.pop() as TeamId);
  }
  return [...rounds, ...rounds.map((round) => round.map((m) => ({ home: m.away, away: m.home })))];
}

const play = (m: OpenMatch, random: () => number): KnownResult => {
  const home = Math.floor(random() * 4);
  const away = Math.floor(random() * 4);
  return { ...m, goals: { home, away }, winner: home > away ? m.home : away > home ? m.away : null };
};

const teamIds = (n: number): TeamId[] => Array.from({ length: n }, (_, i) => `t${i + 1}`);
const inOrder = (teams: readonly TeamId[]) => new Map(teams.map((t, i) => [t, i]));

describe('the points bounds never claim a fate the exhaustive search denies (seeded random groups)', () => {
  const cases = Array.from({ length: 60 }, (_, seed) => {
    const random = seeded(seed + 1);
    const size = 3 + (seed % 3); // 3, 4 or 5 clubs
    const teams = teamIds(size);
    const fixtures = doubleRoundRobin(teams).flat();
    // Between 1 and 8 open matches, so the exhaustive search is cheap enough to run in full.
    const openCount = Math.min(fixtures.length, 1 + Math.floor(random() * 8));
    const playedCount = fixtures.length - openCount;
    const known = fixtures.slice(0, playedCount).map((m) => play(m, random));
    const open = fixtures.slice(playedCount);
    const qualifiers = 1 + Math.floor(random() * (size - 1));
    return { seed, size, teams, known, open, qualifiers };
  });

  let claims = 0;
  test.each(cases)('seed $seed: $size clubs, top $qualifiers through', ({ teams, known, open, qualifiers }) => {
    const exact = placeRanges(teams, known, open, inOrder(teams), qualifiers, { budget: Number.POSITIVE_INFINITY });
    const search: PlaceSearch = { scenarios: 0, method: null };
    const bounded = placeRanges(teams, known, open, inOrder(teams), qualifiers, { budget: 0, search });
    expect(search.method).toBe('bounds');
    expect(bounded).toEqual(pointsBoundRanges(teams, known, open));
    for (const team of teams) {
      for (const outFrom of [qualifiers, qualifiers + 1]) {
        const claimed = fateOf(bounded.get(team), qualifiers, outFrom);
        if (claimed !== 'open') {
          claims += 1;
          expect(fateOf(exact.get(team), qualifiers, outFrom), `${team} ${claimed}`).toBe(claimed);
        }
      }
      const range = bounded.get(team);
      const truth = exact.get(team);
      if (range && truth && range.best === range.worst) expect(truth).toEqual(range);
    }
  });

  test('the bounds do claim fates in these groups (the comparison above is not empty)', () => {
    expect(claims).toBeGreaterThan(20);
  });
});

describe('no call evaluates more than the budget, at any group size or matchday', () => {
  test.each([
    { size: 4, seed: 11 },
    { size: 6, seed: 12 },
    { size: 8, seed: 13 },
  ])('$size clubs, double round robin, every matchday', ({ size, seed }) => {
    const random = seeded(seed);
    const teams = teamIds(size);
    const rounds = doubleRoundRobin(teams);
    const methods = new Set<PlaceSearch['method']>();
    for (let matchday = 0; matchday <= rounds.length; matchday++) {
      const known = rounds.slice(0, matchday).flat().map((m) => play(m, random));
      const open = rounds.slice(matchday).flat();
      const search: PlaceSearch = { scenarios: 0, method: null };
      const ranges = placeRanges(teams, known, open, inOrder(teams), 2, { search });
      expect(search.scenarios).toBeLessThanOrEqual(SCENARIO_BUDGET);
      expect(ranges.size).toBe(size);
      methods.add(search.method);
    }
    expect(methods.has('final')).toBe(true);
    // Small enough at the end for the exact search; large groups need the bounds early on.
    expect(methods.has('exhaustive')).toBe(true);
    if (size >= 6) expect(methods.has('bounds')).toBe(true);
  });

  test('a group of four is searched exhaustively from its second matchday (the CAF head-to-head cases stay exact)', () => {
    const teams = teamIds(4);
    const rounds = doubleRoundRobin(teams);
    const random = seeded(5);
    for (let matchday = 2; matchday < rounds.length; matchday++) {
      const search: PlaceSearch = { scenarios: 0, method: null };
      placeRanges(teams, rounds.slice(0, matchday).flat().map((m) => play(m, random)), rounds.slice(matchday).flat(), inOrder(teams), 2, { search });
      expect(search.method).toBe('exhaustive');
    }
  });
});

describe('the six-club league phase (constructed fixture), matchday by matchday', () => {
  const league = readSeasonFile(fromPackageRoot('test', 'fixtures', 'seasons', 'constructed-league.json')).season;
  const group = 'L' as GroupId;
  const upTo = (matchday: number) => ({
    ...league,
    matches: league.matches.map((m) =>
      m.stage === 'league' && (m.matchday ?? 0) > matchday ? { ...m, status: 'scheduled' as const, score: null, goals: [], decision: null } : m,
    ),
  });
  const maxMatchday = Math.max(...league.matches.filter((m) => m.stage === 'league').map((m) => m.matchday ?? 0));

  test('every matchday computes, and a fate once stated holds to the end', () => {
    const tables = Array.from({ length: maxMatchday + 1 }, (_, md) => computeGroupTable(upTo(md), group));
    expect(tables).toHaveLength(maxMatchday + 1);
    const final = new Map((tables.at(-1)?.rows ?? []).map((r) => [r.team, r.fate]));
    expect([...final.values()].every((f) => f !== 'open')).toBe(true);
    for (const table of tables) for (const row of table.rows) if (row.fate !== 'open') expect(final.get(row.team), `${row.team}`).toBe(row.fate);
  });
});
