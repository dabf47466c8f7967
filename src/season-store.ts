import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { openDatabase, pendingMigrations, withStartupLockWait } from './db/client.js';
import * as schema from './db/schema.js';
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
  /** Migrations this open applied, by tag (empty when the database was up to date). */
  readonly migrated: readonly string[];
  /** Whether this start imported the season file (first start, or the file changed). */
  readonly imported: boolean;
  /** Why the season file was not imported although it changed (it is invalid); null when it was fine. */
  readonly fileProblem: string | null;
  readonly close: () => void;
}

/**
 * Opens the database (pragmas, migrations), imports the season file when its content hash
 * changed, and loads the snapshot that every read model works from. The bot's start, and the CLI's
 * explicit `migrate`; queries use readSeasonReadOnly below.
 */
export const openSeasonStore = (opts: {
  databasePath: string;
  seasonFile?: string | null;
  log?: Logger;
}): SeasonStore => {
  const file = opts.seasonFile ?? DEFAULT_SEASON_FILE;
  const { db, sqlite, applied, close } = openDatabase(opts.databasePath, opts.log ? { log: opts.log } : {});
  try {
    let imported = false;
    let fileProblem: string | null = null;
    try {
      const fromFile = readSeasonFile(file);
      // Decided under the write lock (the import's own transaction nests inside as a savepoint):
      // two processes starting on one file import it once, the second finding it done.
      ({ imported } = withStartupLockWait(sqlite, () => sqlite.transaction(() => ensureSeasonImported(db, () => fromFile)).immediate()));
      if (imported) opts.log?.info({ file }, 'season file imported');
    } catch (err) {
      // A bad edit must not take the bot down: keep serving the last good import, and say why loudly.
      if (!(err instanceof SeasonFileError) || dataVersion(db) === null) throw err;
      fileProblem = err.message;
      opts.log?.error({ file, problems: err.problems }, 'season file is invalid; keeping the data imported before');
    }
    const season = loadSeason(db);
    const version = dataVersion(db);
    return { db, sqlite, season: () => season, dataVersion: () => version, migrated: applied, imported, fileProblem, close };
  } catch (err) {
    close();
    throw err;
  }
};

/** Where a read-only reader took the season from, and why when it was not the database. */
export interface SeasonReading {
  readonly season: Season;
  readonly source: 'database' | 'file';
  /** Said to the person running the tool (stderr); null when the database was current. */
  readonly note: string | null;
}

/**
 * The season for a tool that must not write (the query CLI): it may run while the bot starts or
 * runs, and a second writer on a new file is how a database ends up half-migrated. The database is
 * opened read-only when it exists, is fully migrated and holds an import of the current season file;
 * otherwise the season file is read in memory. Nothing is created, migrated or imported.
 */
export const readSeasonReadOnly = (opts: { databasePath: string; seasonFile?: string | null }): SeasonReading => {
  const file = opts.seasonFile ?? DEFAULT_SEASON_FILE;
  let fromFile: { season: Season; hash: string } | SeasonFileError;
  try {
    fromFile = readSeasonFile(file);
  } catch (err) {
    if (!(err instanceof SeasonFileError)) throw err;
    fromFile = err;
  }
  const stored = readStoredSeason(opts.databasePath);
  if (fromFile instanceof SeasonFileError) {
    // As the bot does: a bad edit leaves the last good import in service.
    if (stored.season === null) throw fromFile;
    return { season: stored.season, source: 'database', note: `${file} is invalid (npm run cli -- validate); showing the data imported before.` };
  }
  if (stored.season !== null && stored.hash === fromFile.hash) return { season: stored.season, source: 'database', note: null };
  const changed = stored.season === null ? null : `showing ${file}, which changed since the database's import (the bot imports it at its next start).`;
  return { season: fromFile.season, source: 'file', note: stored.whyNot ?? changed };
};

type StoredSeason =
  | { readonly season: Season; readonly hash: string; readonly whyNot: null }
  | { readonly season: null; readonly hash: null; readonly whyNot: string | null };

const readStoredSeason = (databasePath: string): StoredSeason => {
  const none = (whyNot: string | null): StoredSeason => ({ season: null, hash: null, whyNot });
  // A missing database is the normal case before the bot's first start: nothing to say.
  if (databasePath === ':memory:' || !existsSync(databasePath)) return none(null);
  let sqlite: Database.Database;
  try {
    sqlite = new Database(databasePath, { readonly: true, fileMustExist: true, timeout: 5000 });
  } catch (err) {
    return none(`cannot read the database ${databasePath} (${(err as Error).message}); showing the season file.`);
  }
  try {
    const pending = pendingMigrations(sqlite);
    if (pending.length > 0) {
      return none(`the database ${databasePath} is not migrated (pending: ${pending.join(', ')}); showing the season file. The bot migrates it at start, or run: npm run cli -- migrate`);
    }
    const db = drizzle({ client: sqlite, schema });
    const version = dataVersion(db);
    if (version === null) return none(null);
    return { season: loadSeason(db), hash: version.hash, whyNot: null };
  } catch (err) {
    return none(`cannot read the database ${databasePath} (${(err as Error).message}); showing the season file.`);
  } finally {
    sqlite.close();
  }
};
