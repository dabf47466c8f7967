// season-choice.ts keeps, per catalog object (one data version), the catalog's default per step between
// the instants a season's progress may change at, and the seasons each club plays in (issue 15): they
// must answer exactly as the rule and the catalog do, at every instant and in any order, and a new data
// version (another catalog, or a catalog giving other season objects) gets answers of its own.
import { describe, expect, test } from 'vitest';
import { withoutResult } from '../../../src/domain/as-of.js';
import { allClubs, catalogDefault, clubSeasons } from '../../../src/discord/commands/season-choice.js';
import { seasonAsOf } from '../../../src/domain/as-of.js';
import type { CatalogEntry, SeasonCatalog } from '../../../src/domain/catalog.js';
import { defaultSeasonId } from '../../../src/domain/default-season.js';
import { progressChanges } from '../../../src/domain/season-progress.js';
import { seasonProgress } from '../../../src/domain/season-status.js';
import type { Season } from '../../../src/domain/types.js';
import { readSeasonFile, seasonFilesIn } from '../../../src/season/read.js';
import { sortNewestFirst } from '../../../src/season-store.js';

const DAY_MS = 24 * 60 * 60 * 1000;

const catalogFrom = (list: readonly Season[]): SeasonCatalog => {
  const byId = new Map(list.map((s) => [s.id, s] as const));
  const entries: CatalogEntry[] = sortNewestFirst(
    list.map((s) => ({ id: s.id, competition: s.competition, label: s.label, updatedAt: null })),
    (id) => byId.get(id),
  );
  return { list: () => entries, get: (id) => byId.get(id) };
};

const shipped = seasonFilesIn().map((file) => readSeasonFile(file).season);
const catalog = catalogFrom(shipped);

/** The rule itself, on every season's progress computed afresh. */
const ruleAt = (of: SeasonCatalog, now: Date): string | null => {
  const progress = (e: CatalogEntry) => seasonProgress(of.get(e.id) as Season, now);
  return defaultSeasonId(of.list(), (e) => progress(e).status, (e) => progress(e).lastResult);
};

/** A sweep every 5 days, and each side of every third instant any season's progress may change at. */
const instants = (() => {
  const changes = [...new Set(shipped.flatMap((s) => progressChanges(s)))].sort((a, b) => a - b);
  const sweep: number[] = [];
  for (let t = (changes[0] as number) - 10 * DAY_MS; t <= (changes.at(-1) as number) + 10 * DAY_MS; t += 5 * DAY_MS) sweep.push(t);
  const edges = changes.filter((_, i) => i % 3 === 0).flatMap((t) => [t - 1, t]);
  return [...new Set([...sweep, ...edges])].sort((a, b) => ((a * 7919) % 1000) - ((b * 7919) % 1000));
})();

describe('catalogDefault answers as the default rule', () => {
  test('over the shipped catalog, at instants in a scrambled order', () => {
    expect(shipped.length).toBeGreaterThanOrEqual(4);
    const chosen = new Set<string | null>();
    for (const t of instants) {
      const now = new Date(t);
      const expected = ruleAt(catalog, now);
      chosen.add(expected);
      expect(catalogDefault(catalog, now)?.id ?? null, now.toISOString()).toBe(expected);
    }
    // The instants cross several defaults, so the memo is really keyed on the clock's step.
    expect(chosen.size).toBeGreaterThanOrEqual(3);
  });

  // The Champions League 2023–24's final taken out (not decided, no end date): it is then stale, not
  // the last to finish, from its final on; the AFL 2023 is the default instead.
  const cl = shipped.find((s) => s.id === 'caf-cl-2023-24') as Season;
  const final = cl.matches.filter((m) => m.stage === 'final');
  const edited: Season = { ...cl, champion: null, endDate: null, matches: cl.matches.filter((m) => !final.includes(m)).concat(final.map(withoutResult)) };
  const later = new Date('2026-12-01T12:00:00Z');

  test('GIVEN a new catalog with an edited season THEN its own default at the same instant', () => {
    expect(catalogDefault(catalog, later)?.id).toBe('caf-cl-2023-24');
    const next = catalogFrom(shipped.map((s) => (s === cl ? edited : s)));
    expect(catalogDefault(next, later)?.id).toBe(ruleAt(next, later));
    expect(catalogDefault(next, later)?.id).not.toBe('caf-cl-2023-24');
    expect(catalogDefault(catalog, later)?.id).toBe('caf-cl-2023-24');
  });

  test('GIVEN the same catalog object giving another season object THEN the default of what it gives', () => {
    let current: Season = cl;
    const entries = catalog.list();
    const changing: SeasonCatalog = { list: () => entries, get: (id) => (id === cl.id ? current : catalog.get(id)) };
    expect(catalogDefault(changing, later)?.id).toBe('caf-cl-2023-24');
    current = edited;
    expect(catalogDefault(changing, later)?.id).toBe(ruleAt(changing, later));
    expect(catalogDefault(changing, later)?.id).not.toBe('caf-cl-2023-24');
  });
});

describe('clubSeasons answers as the catalog', () => {
  const clubs = [...new Set(shipped.flatMap((s) => s.teams.map((t) => t.id)))];

  test.each(catalog.list().map((e) => [e.id] as const))('shown %s: every club, asked twice', (shownId) => {
    expect(clubs.length).toBeGreaterThan(50);
    for (const club of clubs) {
      const expected = catalog
        .list()
        .filter((e) => e.id !== shownId)
        .map((e) => catalog.get(e.id) as Season)
        .filter((s) => s.teams.some((t) => t.id === club));
      expect(clubSeasons(catalog, shownId, club), club).toEqual(expected);
      expect(clubSeasons(catalog, shownId, club), club).toEqual(expected);
    }
  });

  test('GIVEN a new catalog without a season THEN it is not listed', () => {
    const [first, ...rest] = shipped as [Season, ...Season[]];
    const club = first.teams[0]?.id as string;
    const other = rest[0]?.id as string;
    expect(clubSeasons(catalog, other, club)).toContain(first);
    expect(clubSeasons(catalogFrom(rest), other, club)).not.toContain(first);
  });
});

describe('allClubs answers as the catalog', () => {
  test.each(catalog.list().map((e) => [e.id] as const))('%s, as loaded and as of a day in its season: its clubs, then the others once, the same array again', (id) => {
    const full = catalog.get(id) as Season;
    const day = full.matches.map((m) => m.kickoff ?? m.date).filter((d): d is string => d !== null).sort()[0] as string;
    for (const season of [full, seasonAsOf(full, new Date(Date.parse(day) + DAY_MS))]) {
      const expected = new Map(season.teams.map((t) => [t.id, t] as const));
      for (const other of catalog.list()) for (const t of (catalog.get(other.id) as Season).teams) if (!expected.has(t.id)) expected.set(t.id, t);
      const teams = allClubs(catalog, season);
      expect(teams).toEqual([...expected.values()]);
      expect(allClubs(catalog, season)).toBe(teams);
    }
  });

  test('GIVEN a new catalog without a season THEN its clubs are not offered', () => {
    const [first, ...rest] = shipped as [Season, ...Season[]];
    const shown = rest[0] as Season;
    const only = first.teams.filter((t) => !rest.some((s) => s.teams.some((u) => u.id === t.id)));
    expect(only.length).toBeGreaterThan(0);
    expect(allClubs(catalog, shown)).toEqual(expect.arrayContaining(only));
    expect(allClubs(catalogFrom(rest), shown).some((t) => only.includes(t))).toBe(false);
  });
});
