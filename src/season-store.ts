import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { openDatabase, pendingMigrations, withStartupLockWait } from './db/client.js';
import * as schema from './db/schema.js';
import { lastImport, type ImportSummary } from './db/import.js';
import { loadSeason, storedSeasons, type DataVersion } from './db/season-repo.js';
import { editorSeasonIds, liveOverrides } from './db/editing.js';
import { sqliteEditing, type EditingStore } from './db/store/editing.js';
import { runSqliteUnit, sqliteSeasonData, sqliteSeasonRepo, type SeasonDataStore } from './db/store/season-data.js';
import * as units from './db/store/season-units.js';
import { domainOverrides, on, runAsync, runSync, type LoadedSeason, type OverrideImport, type Unit } from './db/store/season-units.js';
import type { CatalogEntry, SeasonCatalog } from './domain/catalog.js';
import { applyOverrides, type Override, type OverrideConflict } from './domain/overrides.js';
import type { Season } from './domain/types.js';
import type { SightedSeason } from './domain/as-of.js';
import type { KnownFacts } from './domain/announcements.js';
import type { Logger } from './log.js';
import { SeasonFileError } from './season/parse.js';
import { claimedSeasonId, DEFAULT_SEASON_FILE, readSeasonFile, seasonFilesIn } from './season/read.js';

// Several seasons at once: every configured season file (default: every data/seasons/*.json) is
// imported into its own rows when its content changed, and the store serves them as a catalog.
// `season()` and `dataVersion()` are the default season (the first file's) for callers written
// before seasons; they move to `catalog()`.
//
// The same store on SQLite and PostgreSQL: the database work goes through the async season data and
// editing stores (src/db/store/), whose units each run in one transaction. On SQLite those units run
// synchronously (better-sqlite3), so openSeasonStore stays synchronous and reload() and
// importFromSource() have finished by the time they return their promise.

export { domainOverrides, goalKey, matchFacts, newFacts } from './db/store/season-units.js';

/** A season file that could not be imported; its season keeps its last good import when it has one. */
export interface SeasonFileProblem {
  readonly file: string;
  /** The season the file names, when it can be told; null for an unreadable file. */
  readonly seasonId: string | null;
  readonly message: string;
}

/** The seasons a process serves, on either engine. */
export interface ServedSeasons {
  readonly engine: 'sqlite' | 'pg';
  /** The season data and the editors' data, async, on this store's database. */
  readonly data: SeasonDataStore;
  readonly editing: EditingStore;
  /** The default season's snapshot (the first configured file's season), loaded once. */
  readonly season: () => Season;
  /** The data version (content hash, import time) of a season: the default season's without an id. */
  readonly dataVersion: (seasonId?: string) => DataVersion | null;
  /** Every season served, newest first, each loaded once. */
  readonly catalog: () => SeasonCatalog;
  /** Migrations this open applied, by tag (empty when the database was up to date). */
  readonly migrated: readonly string[];
  /** Whether this start imported any season file (first start, or a file changed). */
  readonly imported: boolean;
  /** The first of fileProblems' messages; null when every file was fine. */
  readonly fileProblem: string | null;
  /** Files not imported although they changed (invalid), in the order configured. */
  readonly fileProblems: readonly SeasonFileProblem[];
  /**
   * Imports a season from its source (not its file) in one transaction, then serves it at once in
   * this process: catalog(), season() and dataVersion() give the new data. Its hash is recorded as
   * `source:<hash>`, so the next start does not re-import an unchanged file over it. Only a season
   * the store serves.
   */
  readonly importFromSource: (season: Season, hash: string, now?: Date) => Promise<ImportSummary>;
  /** Reads every season again from the database (another process imported); what importFromSource does after its import. */
  readonly reload: () => Promise<void>;
  /** Keeps the conflicts an import found (an editor's confirm or undo) and reports those not reported before. */
  readonly noteConflicts: (seasonId: string, conflicts: readonly OverrideConflict[]) => Promise<void>;
  /** The conflicts the last import of a season found (source value ≠ live override; the override kept). */
  readonly conflicts: (seasonId: string) => readonly OverrideConflict[];
  /** Called with the conflicts an import finds that were not reported before; returns the unsubscribe. */
  readonly onConflicts: (listener: (seasonId: string, conflicts: readonly OverrideConflict[]) => void) => () => void;
  /** The bot's clock, for the time a source import's new results and goals become known (default: real time). */
  readonly useClock: (now: () => Date) => void;
}

/** The store on SQLite: the served seasons and the database file itself. */
export interface SeasonStore extends ServedSeasons {
  readonly db: ReturnType<typeof openDatabase>['db'];
  readonly sqlite: Database.Database;
  readonly close: () => void;
}

/** What the served seasons need of the database; each call synchronous on SQLite, a promise on PostgreSQL. */
interface ServeOps {
  loadAll(): LoadedSeason[] | Promise<LoadedSeason[]>;
  importFromSource(before: Season, update: Season, hash: string, now: Date): OverrideImport | Promise<OverrideImport>;
  notableSourceConflicts(all: readonly OverrideConflict[]): OverrideConflict[] | Promise<OverrideConflict[]>;
}

/** `f(value)`, at once when the value is already there (SQLite), after it when it is a promise. */
const then = <T, R>(value: T | Promise<T>, f: (v: T) => R | Promise<R>): R | Promise<R> => (value instanceof Promise ? value.then(f) : f(value));

/** A promise of what `run` gives; on SQLite `run` has done all its work before this returns. */
const settled = <T>(run: () => T | Promise<T>): Promise<T> => {
  try {
    return Promise.resolve(run());
  } catch (err) {
    return Promise.reject(err);
  }
};

const sqliteServeOps = (db: SeasonStore['db']): ServeOps => ({
  loadAll: () => runSqliteUnit(db, units.loadAll(), 'read'),
  importFromSource: (before, update, hash, now) => runSqliteUnit(db, units.importFromSource(before, update, hash, now), 'write'),
  notableSourceConflicts: (all) => runSync(units.notableSourceConflicts(all), sqliteSeasonRepo(db)),
});

type Served = Omit<ServedSeasons, 'engine' | 'data' | 'editing' | 'migrated' | 'imported' | 'fileProblem' | 'fileProblems'>;

/**
 * What a store serves, reloadable: the catalog and the default season. The first load is done when
 * this returns on SQLite; on PostgreSQL await `ready`.
 */
const serve = (ops: ServeOps, pickDefault: (catalog: SeasonCatalog) => string | undefined, log?: Logger): Served & { readonly ready: void | Promise<void> } => {
  let catalog: SeasonCatalog;
  let clock: () => Date = () => new Date();
  const conflicts = new Map<string, readonly OverrideConflict[]>();
  const reported = new Set<string>();
  const listeners = new Set<(seasonId: string, conflicts: readonly OverrideConflict[]) => void>();
  /** Keeps an import's conflicts; logs and reports those not seen before (once per distinct conflict). */
  const noteConflicts = (seasonId: string, all: readonly OverrideConflict[]): void | Promise<void> =>
    then(all.length === 0 ? [] : ops.notableSourceConflicts(all), (found) => {
      conflicts.set(seasonId, found);
      const fresh = found.filter((c) => {
        const key = conflictKey(c);
        if (reported.has(key)) return false;
        reported.add(key);
        return true;
      });
      if (fresh.length === 0) return;
      for (const c of fresh) log?.warn({ season: seasonId, match: c.match, field: c.field, sourceValue: c.sourceValue, overrideValue: c.overrideValue, journal: c.journal }, 'the source differs from an editor\'s override; the override stays');
      for (const listener of listeners) {
        try {
          listener(seasonId, fresh);
        } catch (err) {
          log?.error({ err, season: seasonId }, 'a conflict listener failed');
        }
      }
    });
  let season: Season;
  let version: DataVersion | null;
  let versions: ReadonlyMap<string, DataVersion | null>;
  const apply = (loaded: readonly LoadedSeason[]): void => {
    const next = catalogFrom(loaded);
    const id = pickDefault(next) ?? next.list()[0]?.id;
    const chosen = id === undefined ? undefined : next.get(id);
    if (id === undefined || chosen === undefined) throw new Error('No season to serve: the database holds none.');
    catalog = next;
    season = chosen;
    versions = new Map(loaded.map((entry) => [entry.stored.id, entry.stored.version]));
    version = versions.get(id) ?? null;
  };
  const reloadNow = (): void | Promise<void> => then(ops.loadAll(), apply);
  const ready = reloadNow();
  return {
    ready,
    season: () => season,
    dataVersion: (seasonId) => (seasonId === undefined ? version : (versions.get(seasonId) ?? null)),
    catalog: () => catalog,
    reload: () => settled(reloadNow),
    importFromSource: (update, hash, now) =>
      settled(() => {
        const before = catalog.get(update.id);
        if (before === undefined) throw new Error(`Season ${update.id} is not served here: only a season that has a season file takes updates from a source.`);
        return then(ops.importFromSource(before, update, hash, now ?? clock()), (outcome) =>
          then(reloadNow(), () => then(noteConflicts(update.id, outcome.conflicts), () => outcome.summary)),
        );
      }),
    noteConflicts: (seasonId, all) => settled(() => noteConflicts(seasonId, all)),
    conflicts: (seasonId) => conflicts.get(seasonId) ?? [],
    onConflicts: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    useClock: (now) => {
      clock = now;
    },
  };
};

/** What a SQLite store serves (the catalog and the default season), loaded before this returns. */
export const servedSeasons = (
  db: SeasonStore['db'],
  pickDefault: (catalog: SeasonCatalog) => string | undefined,
  log?: Logger,
): Pick<SeasonStore, 'engine' | 'data' | 'editing' | 'season' | 'dataVersion' | 'catalog' | 'importFromSource' | 'reload' | 'noteConflicts' | 'conflicts' | 'onConflicts' | 'useClock'> => {
  const { ready: _loaded, ...served } = serve(sqliteServeOps(db), pickDefault, log);
  return {
    engine: 'sqlite',
    data: sqliteSeasonData(db),
    editing: sqliteEditing(db),
    ...served,
  };
};

const conflictKey = (c: OverrideConflict): string => JSON.stringify([c.season, c.match, c.field, c.journal, c.sourceValue]);

export interface SeasonFilesOption {
  /** The season files, in order; null or absent: `seasonFile` if given, else every data/seasons/*.json. */
  readonly seasonFiles?: readonly string[] | null;
  /** One file (the CLI's --file, older callers): a one-element seasonFiles. */
  readonly seasonFile?: string | null;
}

export const configuredSeasonFiles = (opts: SeasonFilesOption): readonly string[] =>
  opts.seasonFiles ?? (opts.seasonFile ? [opts.seasonFile] : seasonFilesIn());

/**
 * Opens the database (pragmas, migrations), imports each season file whose content hash changed
 * (each in its own transaction, decided under the write lock), drops the seasons no file names any
 * more, and loads the snapshots every read model works from. The bot's start on SQLite, and the
 * CLI's explicit `migrate`; queries use readSeasonReadOnly below.
 */
export const openSeasonStore = (opts: SeasonFilesOption & { databasePath: string; log?: Logger }): SeasonStore => {
  const files = configuredSeasonFiles(opts);
  const { db, sqlite, applied, close } = openDatabase(opts.databasePath, opts.log ? { log: opts.log } : {});
  try {
    const outcome = withStartupLockWait(sqlite, () => runSync(importSeasonFiles(files, opts.log), sqliteStartOps(db)));
    if (storedSeasons(db).length === 0) {
      throw outcome.firstError ?? new Error(`No season to serve: no season file among ${files.length === 0 ? 'none' : files.join(', ')} was imported.`);
    }
    // The default season is the first configured file's, as long as it is served.
    const served = servedSeasons(db, (catalog) => outcome.ids.find((id): id is string => id !== null && catalog.get(id) !== undefined), opts.log);
    return {
      db,
      sqlite,
      ...served,
      migrated: applied,
      imported: outcome.imported,
      fileProblem: outcome.problems[0]?.message ?? null,
      fileProblems: outcome.problems,
      close,
    };
  } catch (err) {
    close();
    throw err;
  }
};

/**
 * The served seasons on any engine's stores (the bot on PostgreSQL): imports each changed season
 * file (each one transaction under the season data's write lock, so processes starting together
 * import it once), drops the seasons no file names, loads the catalog. `importFiles: false` only
 * attaches (a shard: its manager imported): the seasons must be there. Migrating is the caller's.
 */
export const openServedSeasons = async (
  opts: SeasonFilesOption & {
    readonly engine: 'sqlite' | 'pg';
    readonly data: SeasonDataStore;
    readonly editing: EditingStore;
    readonly log?: Logger;
    readonly migrated?: readonly string[];
    readonly importFiles?: boolean;
  },
): Promise<ServedSeasons> => {
  const files = configuredSeasonFiles(opts);
  const { data, editing } = opts;
  const outcome: ImportOutcome =
    opts.importFiles === false
      ? { ids: files.map(claimedSeasonId), imported: false, problems: [], firstError: null }
      : await runAsync(importSeasonFiles(files, opts.log), asyncStartOps(data, editing));
  if ((await data.storedSeasons()).length === 0) {
    throw outcome.firstError ?? new Error(`No season to serve: no season file among ${files.length === 0 ? 'none' : files.join(', ')} was imported.`);
  }
  const served = serve(
    { loadAll: () => data.loadAll(), importFromSource: (...a) => data.importFromSource(...a), notableSourceConflicts: (all) => data.notableSourceConflicts(all) },
    (catalog) => outcome.ids.find((id): id is string => id !== null && catalog.get(id) !== undefined),
    opts.log,
  );
  await served.ready;
  const { ready: _ready, ...rest } = served;
  return {
    engine: opts.engine,
    data,
    editing,
    ...rest,
    migrated: opts.migrated ?? [],
    imported: outcome.imported,
    fileProblem: outcome.problems[0]?.message ?? null,
    fileProblems: outcome.problems,
  };
};

interface ImportOutcome {
  /** The season id of each file, in order; null where the file names none that can be read. */
  readonly ids: readonly (string | null)[];
  readonly imported: boolean;
  readonly problems: readonly SeasonFileProblem[];
  readonly firstError: Error | null;
}

/** What the start's import needs of the database: each a transaction of its own. */
interface StartOps {
  importedFileHashes(): Map<string, string> | Promise<Map<string, string>>;
  importFileIfChanged(fromFile: { readonly season: Season; readonly hash: string }, now: Date): OverrideImport | null | Promise<OverrideImport | null>;
  isSeasonStored(seasonId: string): boolean | Promise<boolean>;
  editorSeasonIds(): string[] | Promise<string[]>;
  importEditorSeason(seasonId: string, now: Date): boolean | Promise<boolean>;
  removeSeasonsExcept(keep: readonly string[]): string[] | Promise<string[]>;
}

const start = on<StartOps>();

// Decided under the write lock (IMMEDIATE; the import's own transaction nests inside as a
// savepoint): two processes starting on one file import it once, the second finding it done.
const sqliteStartOps = (db: SeasonStore['db']): StartOps => ({
  importedFileHashes: () => runSqliteUnit(db, units.importedFileHashes(), 'read'),
  importFileIfChanged: (fromFile, now) => runSqliteUnit(db, units.importFileIfChanged(fromFile, now), 'write'),
  isSeasonStored: (seasonId) => runSqliteUnit(db, units.call('isSeasonStored', seasonId), 'read'),
  editorSeasonIds: () => runSqliteUnit(db, units.call('editorSeasonIds'), 'read'),
  importEditorSeason: (seasonId, now) => runSqliteUnit(db, units.importEditorSeason(seasonId, now), 'write'),
  removeSeasonsExcept: (keep) => runSqliteUnit(db, units.call('removeSeasonsExcept', keep), 'write'),
});

const asyncStartOps = (data: SeasonDataStore, editing: EditingStore): StartOps => ({
  importedFileHashes: () => data.importedFileHashes(),
  importFileIfChanged: (fromFile, now) => data.importFileIfChanged(fromFile, now),
  isSeasonStored: (seasonId) => data.isSeasonStored(seasonId),
  editorSeasonIds: () => editing.editorSeasonIds(),
  importEditorSeason: (seasonId, now) => data.importEditorSeason(seasonId, now),
  removeSeasonsExcept: (keep) => data.removeSeasonsExcept(keep),
});

function* importSeasonFiles(files: readonly string[], log: Logger | undefined): Unit<ImportOutcome> {
  const ids: (string | null)[] = [];
  const problems: SeasonFileProblem[] = [];
  let imported = false;
  let firstError: Error | null = null;
  const unchanged = yield* start('importedFileHashes');
  for (const file of files) {
    try {
      // Most starts find every file as it was last imported: its bytes' hash says so without parsing
      // and validating it again (a few hundred milliseconds and a large garbage collection per season).
      const storedId = unchanged.get(hashOfFile(file) ?? '');
      if (storedId !== undefined && !ids.includes(storedId)) {
        ids.push(storedId);
        continue;
      }
      const fromFile = readSeasonFile(file);
      const id = fromFile.season.id;
      if (ids.includes(id)) {
        ids.push(null);
        const message = `${file} holds season ${id}, which an earlier file in the list already holds; it is ignored.`;
        problems.push({ file, seasonId: id, message });
        log?.error({ file, seasonId: id }, 'two season files hold the same season; the later one is ignored');
        continue;
      }
      ids.push(id);
      // The file is the season's base; the editors' live overrides go on top of it.
      const result = yield* start('importFileIfChanged', fromFile, new Date());
      if (result !== null) {
        imported = true;
        log?.info({ file, seasonId: id, counts: result.summary.counts }, 'season file imported');
        if (result.conflicts.length > 0) log?.warn({ file, seasonId: id, conflicts: result.conflicts.length }, 'the season file differs from editors\' overrides; the overrides stay');
      }
    } catch (err) {
      // A bad edit must not take the bot down: the season keeps its last good import; say why loudly.
      if (!(err instanceof SeasonFileError)) throw err;
      const id = claimedSeasonId(file);
      ids.push(id === null || ids.includes(id) ? null : id);
      firstError ??= err;
      problems.push({ file, seasonId: id, message: err.message });
      const kept = id !== null && (yield* start('isSeasonStored', id));
      log?.error({ file, seasonId: id, problems: err.problems }, kept ? 'season file is invalid; keeping the data imported before' : 'season file is invalid and this season has no earlier import: it is not served');
    }
  }
  // Seasons an editor started (/edit season new) have no file: their base and overrides serve them.
  const editorIds = (yield* start('editorSeasonIds')).filter((id) => !ids.includes(id));
  for (const id of editorIds) {
    if (yield* start('isSeasonStored', id)) continue;
    yield* start('importEditorSeason', id, new Date());
    imported = true;
    log?.info({ seasonId: id }, 'season started by an editor imported from its base');
  }
  // A season whose file left the list is no longer served (its file can bring it back). Only when
  // every file named its season: an unreadable file might be the one that holds a stored season.
  if (ids.every((id) => id !== null)) {
    const removed = yield* start('removeSeasonsExcept', [...(ids as string[]), ...editorIds]);
    if (removed.length > 0) log?.info({ removed }, 'seasons no longer in the season files removed from the database');
  } else if (files.length > 0) {
    log?.warn({ files: files.filter((_, i) => ids[i] === null) }, 'a season file names no season; seasons not listed are kept until it does');
  }
  return { ids, imported, problems, firstError };
}

/** sha256 (hex) of a file's bytes; null when it cannot be read (readSeasonFile then says why). */
function hashOfFile(file: string): string | null {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch {
    return null;
  }
}

/** The seasons loaded, as a catalog newest first. */
function catalogFrom(loaded: readonly LoadedSeason[]): SeasonCatalog {
  const seasons = new Map(loaded.map((s) => [s.stored.id, withSightings(s.season, s.facts)] as const));
  const entries = sortNewestFirst(
    loaded.map(({ stored: s }): CatalogEntry => ({ id: s.id, competition: s.competition, label: s.label, updatedAt: s.version?.importedAt ?? null })),
    (id) => seasons.get(id),
  );
  return catalogOf(entries, seasons);
}

/** The season with when its results and goals were seen being saved (as-of.ts shows them from then); unchanged without any. */
const withSightings = (season: Season, sightings: KnownFacts): SightedSeason =>
  sightings.results.size === 0 && sightings.goals.size === 0 ? season : { ...season, sightings };

export const catalogOf = (entries: readonly CatalogEntry[], seasons: ReadonlyMap<string, Season>): SeasonCatalog => {
  const frozen = Object.freeze([...entries]);
  return { list: () => frozen, get: (id) => seasons.get(id) };
};

/** The first and last match days of a season (ISO dates), '' when it has none. */
const matchDays = (season: Season | undefined): { first: string; last: string } => {
  const days = (season?.matches ?? []).map((m) => (m.kickoff ?? m.date ?? '').slice(0, 10)).filter((d) => d !== '').sort();
  return { first: days[0] ?? '', last: days.at(-1) ?? '' };
};

/**
 * Newest first: by first match day, then (seasons that started together) the one ending later,
 * then label, then id (a stable order for equal seasons).
 */
export const sortNewestFirst = (entries: readonly CatalogEntry[], seasonOf: (id: string) => Season | undefined): CatalogEntry[] => {
  const days = new Map(entries.map((e) => [e.id, matchDays(seasonOf(e.id))] as const));
  const of = (id: string) => days.get(id) ?? { first: '', last: '' };
  return [...entries].sort(
    (a, b) =>
      byCodeUnit(of(b.id).first, of(a.id).first) ||
      byCodeUnit(of(b.id).last, of(a.id).last) ||
      byCodeUnit(b.label, a.label) ||
      byCodeUnit(a.id, b.id),
  );
};

// Not localeCompare: ISO days and ids sort the same by code unit, and this runs at every start, where
// localeCompare would load ICU's collation data (~2 MiB of resident memory, issue 15) for nothing.
const byCodeUnit = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/** Where a read-only reader took a season from, and why when it was not the database. */
export interface SeasonReading {
  readonly season: Season;
  readonly source: 'database' | 'file';
  /** The season file it belongs to (or was read from). */
  readonly file: string;
  /** Said to the person running the tool (stderr); null when the database was current. */
  readonly note: string | null;
  /** When the database last imported it; null when read from the file. */
  readonly updatedAt: Date | null;
}

/**
 * The season for a tool that must not write (the query CLI): it may run while the bot starts or
 * runs, and a second writer on a new file is how a database ends up half-migrated. The database is
 * opened read-only when it exists, is fully migrated and holds an import of the current season file;
 * otherwise the season file is read in memory. Nothing is created, migrated or imported.
 * `seasonId` picks a configured season; without it, the first file's.
 */
export const readSeasonReadOnly = (opts: SeasonFilesOption & { databasePath: string; seasonId?: string | null }): SeasonReading => {
  const readings = readSeasonsReadOnly(opts);
  if (opts.seasonId === undefined || opts.seasonId === null) {
    const first = readings.seasons[0];
    if (first === undefined) throw readings.errors[0] ?? new Error('No season file to read.');
    return first;
  }
  const found = readings.seasons.find((r) => r.season.id === opts.seasonId);
  if (found === undefined) {
    const known = readings.seasons.map((r) => r.season.id);
    throw new UnknownSeasonError(opts.seasonId, known);
  }
  return found;
};

export class UnknownSeasonError extends Error {
  constructor(
    readonly seasonId: string,
    readonly known: readonly string[],
  ) {
    super(`No season ${seasonId} is loaded. Loaded seasons: ${known.length === 0 ? 'none' : known.join(', ')} (npm run cli -- seasons).`);
    this.name = 'UnknownSeasonError';
  }
}

/** Every configured season, read-only, in file order; files that could not be read in `errors`. */
export const readSeasonsReadOnly = (
  opts: SeasonFilesOption & { databasePath: string },
): { readonly seasons: readonly SeasonReading[]; readonly errors: readonly SeasonFileError[] } => {
  const files = opts.seasonFiles ?? (opts.seasonFile ? [opts.seasonFile] : defaultFilesOrFallback());
  const stored = readStoredSeasons(opts.databasePath);
  const seasons: SeasonReading[] = [];
  const errors: SeasonFileError[] = [];
  for (const file of files) {
    let fromFile: { season: Season; hash: string } | SeasonFileError;
    try {
      fromFile = readSeasonFile(file);
    } catch (err) {
      if (!(err instanceof SeasonFileError)) throw err;
      fromFile = err;
    }
    if (fromFile instanceof SeasonFileError) {
      // As the bot does: a bad edit leaves the last good import in service.
      const id = claimedSeasonId(file);
      const kept = id === null ? undefined : stored.seasons.get(id);
      if (kept === undefined) errors.push(fromFile);
      else seasons.push({ season: kept.season, source: 'database', file, updatedAt: kept.importedAt, note: `${file} is invalid (npm run cli -- validate ${file}); showing the data imported before.` });
      continue;
    }
    const kept = stored.seasons.get(fromFile.season.id);
    // Current when the database holds this file's content (source updates on top of it included).
    if (kept !== undefined && kept.fileHash === fromFile.hash) {
      seasons.push({ season: kept.season, source: 'database', file, updatedAt: kept.importedAt, note: null });
      continue;
    }
    const changed = kept === undefined ? null : `showing ${file}, which changed since the database's import (the bot imports it at its next start).`;
    // The editors' corrections apply to the file as the bot will import it.
    const corrected = applyOverrides(fromFile.season, stored.overrides.get(fromFile.season.id) ?? []).season;
    seasons.push({ season: corrected, source: 'file', file, updatedAt: null, note: stored.whyNot ?? changed });
  }
  // Seasons editors started (/edit season new) have no file: the database is where they live.
  for (const id of stored.editorSeasons) {
    const kept = stored.seasons.get(id);
    if (kept === undefined || seasons.some((r) => r.season.id === id)) continue;
    seasons.push({ season: kept.season, source: 'database', file: `${id} (started by an editor; no season file)`, updatedAt: kept.importedAt, note: null });
  }
  return { seasons, errors };
};

/** data/seasons/*.json; the Confederation Cup file alone when the folder cannot be listed. */
const defaultFilesOrFallback = (): readonly string[] => {
  try {
    return seasonFilesIn();
  } catch {
    return [DEFAULT_SEASON_FILE];
  }
};

interface StoredSeasons {
  readonly seasons: ReadonlyMap<string, { readonly season: Season; readonly fileHash: string | null; readonly importedAt: Date }>;
  /** The editors' live overrides by season. */
  readonly overrides: ReadonlyMap<string, readonly Override[]>;
  /** Seasons an editor started, with no file. */
  readonly editorSeasons: readonly string[];
  /** Why the database could not be used; null when it was, or when there is none yet (normal before a first start). */
  readonly whyNot: string | null;
}

const readStoredSeasons = (databasePath: string): StoredSeasons => {
  const none = (whyNot: string | null): StoredSeasons => ({ seasons: new Map(), overrides: new Map(), editorSeasons: [], whyNot });
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
    // One read transaction: a concurrent import cannot split the list from the seasons.
    return db.transaction(() => {
      const seasons = new Map<string, { season: Season; fileHash: string | null; importedAt: Date }>();
      for (const stored of storedSeasons(db)) {
        if (stored.version === null) continue;
        const fileHash = lastImport(db, stored.id, { fileOnly: true })?.hash ?? null;
        seasons.set(stored.id, { season: loadSeason(db, stored.id), fileHash, importedAt: stored.version.importedAt });
      }
      const overrides = new Map(storedSeasons(db).map((s) => [s.id, domainOverrides(liveOverrides(db, s.id))] as const));
      return { seasons, overrides, editorSeasons: editorSeasonIds(db), whyNot: null };
    });
  } catch (err) {
    return none(`cannot read the database ${databasePath} (${(err as Error).message}); showing the season file.`);
  } finally {
    sqlite.close();
  }
};
