// The seasons as sources update them, in the process that polls: an update is imported into the
// database (one transaction, the season's rows replaced) and served at once by this process's
// catalog, without a restart. The store's catalog is read once at start; this lays the updated
// seasons over it.
import type { SeasonCatalog, CatalogEntry } from '../domain/catalog.js';
import type { Season } from '../domain/types.js';
import type { AppDatabase } from '../db/client.js';
import { importSeason, lastImport } from '../db/import.js';

export interface LiveSeasons {
  /** The store's catalog with every season a source updated since the start. */
  readonly catalog: () => SeasonCatalog;
  /** Imports a season a source brought and serves it from now on. Throws (nothing changed) when the import fails. */
  readonly apply: (season: Season) => void;
}

export const liveSeasons = (deps: {
  readonly db: AppDatabase;
  /** The store's catalog, as loaded at start. */
  readonly base: () => SeasonCatalog;
  /** Called after each update (the announcement planner re-plans that season). */
  readonly onChange?: (seasonId: string) => void;
  readonly now?: () => Date;
}): LiveSeasons => {
  const now = deps.now ?? (() => new Date());
  const updated = new Map<string, { readonly season: Season; readonly at: Date }>();
  let memo: { base: SeasonCatalog; version: number; catalog: SeasonCatalog } | null = null;
  let version = 0;

  const catalog = (): SeasonCatalog => {
    const base = deps.base();
    if (updated.size === 0) return base;
    if (memo !== null && memo.base === base && memo.version === version) return memo.catalog;
    const list: readonly CatalogEntry[] = Object.freeze(
      base.list().map((entry) => {
        const update = updated.get(entry.id);
        return update === undefined ? entry : { ...entry, updatedAt: update.at };
      }),
    );
    const fresh: SeasonCatalog = { list: () => list, get: (id) => updated.get(id)?.season ?? base.get(id) };
    memo = { base, version, catalog: fresh };
    return fresh;
  };

  const apply = (season: Season): void => {
    const at = now();
    // The import keeps the hash of the season file it started from: a restart with the same file
    // does not re-import the file over the source's newer data (an edited file is imported, and the
    // source's next poll brings its updates back on top).
    const fileHash = lastImport(deps.db, season.id)?.hash ?? 'source';
    importSeason(deps.db, season, fileHash, at);
    updated.set(season.id, { season, at });
    version += 1;
    deps.onChange?.(season.id);
  };

  return { catalog, apply };
};
