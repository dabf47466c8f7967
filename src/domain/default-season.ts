import type { CatalogEntry, SeasonStatus } from './catalog.js';

/**
 * The season shown when neither the command nor the server names one: the most recent season in
 * progress, else the most recently finished one, else the newest (an upcoming or stale season).
 * "Most recent" is the catalog's order (newest first, by first match day); among finished seasons,
 * when `lastResultOf` is given, the one whose last result is latest (the African Football League
 * 2023 started after the Champions League 2023–24 but finished six months before it). Null only for
 * an empty catalog.
 */
export const defaultSeasonId = (
  entries: readonly CatalogEntry[],
  statusOf: (entry: CatalogEntry) => SeasonStatus,
  lastResultOf?: (entry: CatalogEntry) => Date | null,
): string | null => {
  const withStatus = entries.map((entry) => ({ entry, status: statusOf(entry) }));
  const finished = withStatus.filter((s) => s.status === 'finished');
  const endedAt = (s: { entry: CatalogEntry }) => lastResultOf?.(s.entry)?.getTime() ?? Number.NEGATIVE_INFINITY;
  // A stable choice: the catalog's order breaks ties between seasons that ended the same day.
  const latestFinished = finished.reduce<(typeof finished)[number] | undefined>((best, s) => (best === undefined || endedAt(s) > endedAt(best) ? s : best), undefined);
  const pick = withStatus.find((s) => s.status === 'in_progress') ?? latestFinished ?? withStatus[0];
  return pick?.entry.id ?? null;
};
