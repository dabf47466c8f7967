// The season store of a shard process: the manager migrated the database and imported the season
// file before spawning shards, so a shard only opens the file (pragmas) and loads the snapshot.
// Several shards migrating or importing at once is what this avoids.
import { openDatabase } from './db/client.js';
import { dataVersion, loadSeason } from './db/season-repo.js';
import type { Logger } from './log.js';
import type { SeasonStore } from './season-store.js';

export const attachSeasonStore = (opts: { databasePath: string; log?: Logger }): SeasonStore => {
  const { db, sqlite, close } = openDatabase(opts.databasePath, { migrate: false, ...(opts.log ? { log: opts.log } : {}) });
  try {
    const version = dataVersion(db);
    if (version === null) throw new Error(`No season is imported in ${opts.databasePath}: the shard manager imports it before spawning shards.`);
    const season = loadSeason(db);
    return { db, sqlite, season: () => season, dataVersion: () => version, migrated: [], imported: false, fileProblem: null, close };
  } catch (err) {
    close();
    throw err;
  }
};
