import type { Season } from './types.js';

// A Season is immutable data, so anything computed from it can be kept for as long as the object
// lives. A WeakMap lets a replaced Season (after a re-import) and its results be garbage-collected.

/** Memoizes `compute(season, key)` per Season object and key. */
export function memoBySeason<T>(compute: (season: Season, key: string) => T): (season: Season, key?: string) => T {
  const cache = new WeakMap<Season, Map<string, T>>();
  return (season, key = '') => {
    let perSeason = cache.get(season);
    if (!perSeason) {
      perSeason = new Map();
      cache.set(season, perSeason);
    }
    if (perSeason.has(key)) return perSeason.get(key) as T;
    const value = compute(season, key);
    perSeason.set(key, value);
    return value;
  };
}

/**
 * Memoizes `compute(seasons)` for the last list of Season objects it saw (the same objects in the
 * same order): the loaded seasons stay the same objects until the data or its timeline changes.
 */
export function memoLastSeasons<T>(compute: (seasons: readonly Season[]) => T): (seasons: readonly Season[]) => T {
  let last: { readonly seasons: readonly Season[]; readonly value: T } | null = null;
  return (seasons) => {
    if (last !== null && last.seasons.length === seasons.length && last.seasons.every((s, i) => s === seasons[i])) return last.value;
    const value = compute(seasons);
    last = { seasons: [...seasons], value };
    return value;
  };
}
