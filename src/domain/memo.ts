import type { Season } from './types.js';

// A Season is immutable data, so anything computed from it can be kept for as long as the object
// lives. A WeakMap lets a replaced Season (after a re-import) and its results be garbage-collected.

/**
 * The value kept in `map` under `key`, made (and kept) the first time it is asked for. Not for a path
 * run for every reply: the `make` closure is allocated on each call (it cost /team 0.04x of the echo
 * bot's p50 in progressOf and the footer notice), so those keep their own get-or-set.
 */
export function keptIn<K extends object, V>(map: WeakMap<K, V>, key: K, make: () => V): V;
export function keptIn<K, V>(map: Map<K, V>, key: K, make: () => V): V;
export function keptIn<K extends object, V>(map: Map<K, V> | WeakMap<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/** The WeakMap kept in `outer` under `key`, made the first time: a level of a memo keyed by several objects. */
export const innerWeakMap = <K extends object, K2 extends object, V>(outer: WeakMap<K, WeakMap<K2, V>>, key: K): WeakMap<K2, V> => {
  let inner = outer.get(key);
  if (inner === undefined) {
    inner = new WeakMap();
    outer.set(key, inner);
  }
  return inner;
};

/**
 * `make(key)` kept per string key, for values derived from data (names, texts) on per-reply paths: no
 * closure per call (see keptIn). Bounded, as keys come from data: past `limit` keys it starts afresh.
 */
export const memoByString = <V>(limit: number, make: (key: string) => V): ((key: string) => V) => {
  const kept = new Map<string, V>();
  return (key) => {
    let value = kept.get(key);
    if (value === undefined) {
      if (kept.size >= limit) kept.clear();
      value = make(key);
      kept.set(key, value);
    }
    return value;
  };
};

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

const objectIds = new WeakMap<object, number>();
let nextObjectId = 0;

/**
 * A number that stands for one object while it lives (the same object, the same number), so a memo
 * key can name the very objects a result was computed from (matches, ties, a translator, a function).
 */
export function objectKey(value: object): number {
  let id = objectIds.get(value);
  if (id === undefined) {
    id = nextObjectId++;
    objectIds.set(value, id);
  }
  return id;
}

/**
 * Memoizes `compute(input)` per Season object and a key naming everything else it reads, keeping at
 * most `limit` results per Season (the oldest dropped first), so a stream of distinct keys stays bounded.
 */
export function memoBySeasonKey<I, T>(
  season: (input: I) => Season,
  key: (input: I) => string,
  compute: (input: I) => T,
  limit = 512,
): (input: I) => T {
  const cache = new WeakMap<Season, Map<string, T>>();
  return (input) => {
    const owner = season(input);
    let perSeason = cache.get(owner);
    if (!perSeason) {
      perSeason = new Map();
      cache.set(owner, perSeason);
    }
    const k = key(input);
    if (perSeason.has(k)) return perSeason.get(k) as T;
    const value = compute(input);
    if (perSeason.size >= limit) perSeason.delete(perSeason.keys().next().value as string);
    perSeason.set(k, value);
    return value;
  };
}

/**
 * How many of the ascending instants are at or before `t` (a binary search: commands ask it on each call for a
 * season's hundreds of change instants, to name the clock's step between two of them in a memo key).
 */
export function countAtOrBefore(ascending: readonly number[], t: number): number {
  let low = 0;
  let high = ascending.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((ascending[mid] as number) <= t) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * `make()` at the first call, the same value at every call after. For what is costly to build and
 * not needed by every process or every start (the season-file schemas: a restart with unchanged
 * files validates none).
 */
export const once = <T>(make: () => T): (() => T) => {
  let made: { readonly value: T } | undefined;
  return () => (made ??= { value: make() }).value;
};
