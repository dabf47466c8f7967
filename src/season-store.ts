import type Database from 'better-sqlite3';
import { openDatabase } from './db/client.js';
import { ensureSeasonImported } from './db/import.js';
import { dataVersion, loadSeason } from './db/season-repo.js';
import type { Season } from './domain/types.js';
import type { Logger } from './log.js';
import { SeasonFileError } from './season/parse.js';
import { DEFAULT_SEASON_FILE, readSeasonFile } from './season/read.js';

export interface SeasonStore {
  readonly db: ReturnType<typeof openDatabase>['db'];
  readonly sqlite: Database.Database;
  /** The season snapshot, loaded once from SQLite and kept until the data changes. */
  readonly season: () => Season;
  readonly dataVersion: () => { readonly hash: string; readonly importedAt: Date } | null;
  /** Whether this start imported the season file (first start, or the file changed). */
  readonly imported: boolean;
  /** Why the season file was not imported although it changed (it is invalid); null when it was fine. */
  readonly fileProblem: string | null;
  readonly close: () => void;
}

/**
 * Opens the database (pragmas, migrations), imports the season file when its content hash
 * changed, and loads the snapshot that every read model works from. Shared by the bot and the CLI.
 */
export const openSeasonStore = (opts: {
  databasePath: string;
  seasonFile?: string | null;
  log?: Logger;
}): SeasonStore => {
  const file = opts.seasonFile ?? DEFAULT_SEASON_FILE;
  const { db, sqlite, close } = openDatabase(opts.databasePath, opts.log ? { log: opts.log } : {});
  try {
    let imported = false;
    let fileProblem: string | null = null;
    try {
      ({ imported } = ensureSeasonImported(db, () => readSeasonFile(file)));
      if (imported) opts.log?.info({ file }, 'season file imported');
    } catch (err) {
      // A bad edit must not take the bot down: keep serving the last good import, and say why loudly.
      if (!(err instanceof SeasonFileError) || dataVersion(db) === null) throw err;
      fileProblem = err.message;
      opts.log?.error({ file, problems: err.problems }, 'season file is invalid; keeping the data imported before');
    }
    const season = loadSeason(db);
    const version = dataVersion(db);
    return { db, sqlite, season: () => season, dataVersion: () => version, imported, fileProblem, close };
  } catch (err) {
    close();
    throw err;
  }
};
