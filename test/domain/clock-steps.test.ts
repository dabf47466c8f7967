import { describe, expect, test } from 'vitest';
import { selectFixtures, upcomingStep } from '../../src/domain/fixtures.js';
import { countAtOrBefore } from '../../src/domain/memo.js';
import { computeNextMatches, nextMatches } from '../../src/domain/next-match.js';
import type { Season } from '../../src/domain/types.js';
import { readSeasonFile } from '../../src/season/read.js';

// Read models kept per step of the bot's clock (issue 15) must answer exactly what a fresh computation
// answers at every instant, in whatever order the instants come (a replay clock runs forward; tests and
// restarts jump back).

const { season } = readSeasonFile();

/** Deterministic shuffle (a small LCG), so a failure names the same order again. */
const shuffled = <T>(items: readonly T[], seed = 7): T[] => {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
};

const HOUR = 60 * 60 * 1000;

/** Instants around every kickoff (just before, at, just after, and when it is over) and each midnight of a match day. */
const instantsAround = (s: Season): number[] => {
  const out = new Set<number>();
  for (const m of s.matches) {
    if (m.kickoff !== null) {
      const k = Date.parse(m.kickoff);
      for (const t of [k - 1, k, k + 1, k + 2 * HOUR - 1, k + 2 * HOUR, k + 2 * HOUR + 1]) out.add(t);
    }
    const day = m.date ?? m.kickoff?.slice(0, 10);
    if (day) for (const t of [Date.parse(`${day}T00:00:00Z`) - 1, Date.parse(`${day}T00:00:00Z`) + 24 * HOUR]) out.add(t);
  }
  return [...out].sort((a, b) => a - b);
};

describe('countAtOrBefore (a binary search over ascending instants)', () => {
  test.each([
    [[], 5, 0],
    [[1, 2, 3], 0, 0],
    [[1, 2, 3], 1, 1],
    [[1, 2, 3], 2.5, 2],
    [[1, 2, 3], 3, 3],
    [[1, 2, 3], 4, 3],
    [[1, 1, 2], 1, 2],
    [[-Infinity, 10], -5, 1],
  ] as const)('GIVEN %j and t=%d THEN %d', (ascending, t, expected) => {
    expect(countAtOrBefore(ascending, t)).toBe(expected);
    // The linear count it replaces.
    expect(ascending.filter((x) => x <= t).length).toBe(expected);
  });
});

describe('upcomingStep: one step, one upcoming selection', () => {
  const instants = instantsAround(season);

  test('GIVEN every instant around the shipped season THEN instants in the same step select the same upcoming matches', () => {
    const byStep = new Map<number, string>();
    for (const t of shuffled(instants)) {
      const now = new Date(t);
      const ids = selectFixtures(season, { when: 'upcoming', now }).map((m) => m.id).join(',');
      const step = upcomingStep(season, now);
      if (!byStep.has(step)) byStep.set(step, ids);
      expect(byStep.get(step), `step ${step} at ${now.toISOString()}`).toBe(ids);
    }
    // The sweep crosses many steps, so the check above compared something.
    expect(byStep.size).toBeGreaterThan(50);
  });

  test('GIVEN a kickoff THEN the step changes just after it and not before', () => {
    const kickoff = season.matches.find((m) => m.kickoff !== null)?.kickoff;
    expect(kickoff).toBeDefined();
    const k = Date.parse(kickoff as string);
    expect(upcomingStep(season, new Date(k - 1))).toBe(upcomingStep(season, new Date(k)));
    expect(upcomingStep(season, new Date(k + 1))).toBeGreaterThan(upcomingStep(season, new Date(k)));
  });
});

describe('nextMatches kept per step of the clock', () => {
  test.each([null, 'zamalek', 'rs-berkane', 'usm-alger'])(
    'GIVEN team %s and every instant around the season, shuffled THEN the kept answer equals a fresh computation',
    (club) => {
      for (const t of shuffled(instantsAround(season), 11)) {
        const now = new Date(t);
        expect(nextMatches(season, now, club), now.toISOString()).toEqual(computeNextMatches(season, now, club));
      }
    },
  );

  test('GIVEN the same step twice THEN the very same answer object is given', () => {
    const a = nextMatches(season, new Date('2024-02-20T12:00:00Z'), 'zamalek');
    const b = nextMatches(season, new Date('2024-02-20T12:05:00Z'), 'zamalek');
    expect(b).toBe(a);
  });
});
