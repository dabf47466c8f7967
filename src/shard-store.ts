// The season store of a shard process: the manager migrated the database and imported the season
// files before spawning shards, so a shard only opens the file (pragmas) and loads the snapshots.
// Several shards migrating or importing at once is what this avoids.
import { openDatabase } from './db/client.js';
import { storedSeasons } from './db/season-repo.js';
import type { Logger } from './log.js';
import { claimedSeasonId } from './season/read.js';
import { configuredSeasonFiles, servedSeasons, type SeasonFilesOption, type SeasonStore } from './season-store.js';

export const attachSeasonStore = (opts: SeasonFilesOption & { databasePath: string; log?: Logger }): SeasonStore => {
  const { db, sqlite, close } = openDatabase(opts.databasePath, { migrate: false, ...(opts.log ? { log: opts.log } : {}) });
  try {
    if (storedSeasons(db).length === 0) throw new Error(`No season is imported in ${opts.databasePath}: the shard manager imports it before spawning shards.`);
    // The same default season as the manager's store: the first configured file's.
    const fileIds = configuredSeasonFiles(opts).map(claimedSeasonId);
    const served = servedSeasons(db, (catalog) => fileIds.find((id): id is string => id !== null && catalog.get(id) !== undefined));
    return { db, sqlite, ...served, migrated: [], imported: false, fileProblem: null, fileProblems: [], close };
  } catch (err) {
    close();
    throw err;
  }
};
