// Translations are pure: the same key, values and language always give the same text. i18next takes
// 90–220 µs per lookup (exists() and then t()), and a reply makes dozens of them for the same few keys,
// so each translator remembers what i18next answered (`has`, and the lookups template.ts leaves to
// i18next). Bounded, because values come from data (team names, dates): a long-running bot must not
// grow without end.

/** Entries one translator keeps before starting afresh (a few hundred keys × the values they meet). */
export const LOOKUP_CACHE_LIMIT = 20_000;

type Values = Readonly<Record<string, unknown>> | undefined;

const cacheKey = (key: string, values: Values): string => {
  if (values === undefined) return key;
  for (const _ in values) return `${key}\u0000${JSON.stringify(values)}`;
  return key;
};

/** `lookup` memoized on (key, values). A throw (a missing key) is not remembered: it throws again. */
export const memoizeLookup = <T>(lookup: (key: string, values?: Values) => T, limit = LOOKUP_CACHE_LIMIT) => {
  const cache = new Map<string, T>();
  return (key: string, values?: Values): T => {
    const id = cacheKey(key, values);
    const known = cache.get(id);
    if (known !== undefined || cache.has(id)) return known as T;
    const answer = lookup(key, values);
    if (cache.size >= limit) cache.clear();
    cache.set(id, answer);
    return answer;
  };
};
