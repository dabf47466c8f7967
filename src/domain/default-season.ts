import type { CatalogEntry, SeasonStatus } from './catalog.js';

/**
 * The season shown when neither the command nor the server names one: the most recent season in
 * progress, else the most recently finished one, else the newest (an upcoming or stale season).
 * "Most recent" is the catalog's order (newest first). Null only for an empty catalog.
 */
export const defaultSeasonId = (entries: readonly CatalogEntry[], statusOf: (entry: CatalogEntry) => SeasonStatus): string | null => {
  const withStatus = entries.map((entry) => ({ entry, status: statusOf(entry) }));
  const pick = withStatus.find((s) => s.status === 'in_progress') ?? withStatus.find((s) => s.status === 'finished') ?? withStatus[0];
  return pick?.entry.id ?? null;
};
