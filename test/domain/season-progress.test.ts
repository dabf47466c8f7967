// progressOf keeps a season's progress per step between the instants it may change at (progressChanges);
// it must answer exactly as seasonProgress does at every instant, in any order of instants (a replay
// clock goes forward, a test may go back), and on each side of every one of those instants.
import { describe, expect, test } from 'vitest';
import { withoutResult } from '../../src/domain/as-of.js';
import { progressChanges, progressOf } from '../../src/domain/season-progress.js';
import { seasonProgress } from '../../src/domain/season-status.js';
import { readSeasonFile, seasonFilesIn } from '../../src/season/read.js';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const shipped = seasonFilesIn().map((file) => readSeasonFile(file).season);
/** Each shipped season whose source stopped halfway (no result after its median match day, no end date): a break that turns stale. */
const stopped = shipped.map((season) => {
  const days = season.matches.map((m) => (m.kickoff ?? m.date ?? '').slice(0, 10)).filter((d) => d !== '').sort();
  const cutoff = days[Math.floor(days.length / 2)] ?? '';
  const after = (m: (typeof season.matches)[number]): boolean => (m.kickoff ?? m.date ?? '').slice(0, 10) > cutoff;
  return { ...season, id: `${season.id}-stopped`, champion: null, endDate: null, matches: season.matches.map((m) => (after(m) ? withoutResult(m) : m)) };
});
const seasons = [...shipped, ...stopped];

/** Every 13 hours from a week before the first match to a month after the end, and each boundary ±1 ms, each once. */
const instantsOf = (season: (typeof seasons)[number]): number[] => {
  const days = season.matches.flatMap((m) => (m.kickoff ?? m.date) === null ? [] : [Date.parse((m.kickoff ?? m.date) as string)]);
  const from = Math.min(...days) - 7 * DAY_MS;
  const to = Math.max(...days, season.endDate === null ? 0 : Date.parse(season.endDate)) + 30 * DAY_MS;
  const sweep: number[] = [];
  for (let t = from; t <= to; t += 13 * HOUR_MS) sweep.push(t);
  const edges = days.flatMap((d) => {
    const day = Date.parse(`${new Date(d).toISOString().slice(0, 10)}T00:00:00Z`);
    const stale = day + season.staleAfterDays * DAY_MS;
    return [day - 1, day, day + 1, stale - 1, stale, stale + 1, d + 2 * HOUR_MS - 1, d + 2 * HOUR_MS];
  });
  // Matches share days and kickoff times: each instant once.
  return [...new Set([...sweep, ...edges])];
};

describe('progressOf answers as seasonProgress', () => {
  test('the shipped seasons are read', () => {
    expect(shipped.length).toBeGreaterThanOrEqual(4);
  });

  test.each(seasons.map((s) => [s.id, s] as const))('%s: forward, then backward, then shuffled', (_id, season) => {
    const instants = instantsOf(season);
    const shuffled = [...instants].sort((a, b) => ((a * 7919) % 1000) - ((b * 7919) % 1000));
    const statuses = new Set<string>();
    for (const t of [...instants, ...[...instants].reverse(), ...shuffled]) {
      const now = new Date(t);
      const expected = seasonProgress(season, now);
      statuses.add(expected.status);
      expect(progressOf(season, now), new Date(t).toISOString()).toEqual(expected);
    }
    // The sweep crosses more than one status, so the cache is really keyed on something.
    expect(statuses.size).toBeGreaterThan(1);
  });

  test.each(seasons.map((s) => [s.id, s] as const))('%s: just before, at and just after every instant it may change at', (_id, season) => {
    const changes = progressChanges(season);
    expect(changes.length).toBeGreaterThan(season.matches.length / 10);
    const instants = [...new Set(changes.flatMap((t) => [t - 1, t, t + 1]))];
    const shuffled = [...instants].sort((a, b) => ((a * 7919) % 1000) - ((b * 7919) % 1000));
    for (const t of shuffled) expect(progressOf(season, new Date(t)), new Date(t).toISOString()).toEqual(seasonProgress(season, new Date(t)));
  });
});

describe('progressOf on a new data version', () => {
  test('GIVEN the same season with its final result taken out THEN its own progress, not the one kept', () => {
    const season = shipped[0] as (typeof shipped)[number];
    const after = new Date(Date.parse(`${season.endDate ?? '2030-01-01'}T00:00:00Z`) - DAY_MS);
    const last = [...season.matches].sort((a, b) => (a.kickoff ?? a.date ?? '').localeCompare(b.kickoff ?? b.date ?? '')).at(-1);
    const edited = { ...season, champion: null, endDate: null, matches: season.matches.map((m) => (m === last ? withoutResult(m) : m)) };
    const kept = progressOf(season, after);
    const fresh = progressOf(edited, after);
    expect(fresh).toEqual(seasonProgress(edited, after));
    expect(fresh).not.toEqual(kept);
  });
});
