// The season store of a shard process: the manager migrated the database and imported the season
// files before spawning shards, so a shard only opens the file (pragmas) and loads the snapshots.
// Several shards migrating or importing at once is what this avoids.
import { openDatabase } from './db/client.js';
import { dataVersion, loadSeason, storedSeasons } from './db/season-repo.js';
import type { CatalogEntry } from './domain/catalog.js';
import type { Logger } from './log.js';
import { claimedSeasonId } from './season/read.js';
import { catalogOf, configuredSeasonFiles, sortNewestFirst, type SeasonFilesOption, type SeasonStore } from './season-store.js';

export const attachSeasonStore = (opts: SeasonFilesOption & { databasePath: string; log?: Logger }): SeasonStore => {
  const { db, sqlite, close } = openDatabase(opts.databasePath, { migrate: false, ...(opts.log ? { log: opts.log } : {}) });
  try {
    const stored = storedSeasons(db);
    if (stored.length === 0) throw new Error(`No season is imported in ${opts.databasePath}: the shard manager imports it before spawning shards.`);
    const seasons = new Map(stored.map((s) => [s.id, loadSeason(db, s.id)] as const));
    const entries = sortNewestFirst(
      stored.map((s): CatalogEntry => ({ id: s.id, competition: s.competition, label: s.label, updatedAt: s.version?.importedAt ?? null })),
      (id) => seasons.get(id),
    );
    const catalog = catalogOf(entries, seasons);
    // The same default season as the manager's store: the first configured file's.
    const firstFileId = configuredSeasonFiles(opts).map(claimedSeasonId).find((id) => id !== null && seasons.has(id));
    const defaultId = firstFileId ?? entries[0]?.id ?? '';
    const season = seasons.get(defaultId);
    if (season === undefined) throw new Error(`No season is imported in ${opts.databasePath}.`);
    const version = dataVersion(db, defaultId);
    return {
      db,
      sqlite,
      season: () => season,
      dataVersion: () => version,
      catalog: () => catalog,
      migrated: [],
      imported: false,
      fileProblem: null,
      fileProblems: [],
      close,
    };
  } catch (err) {
    close();
    throw err;
  }
};
