// The season data behind one async interface, the same on SQLite and on PostgreSQL: imports, the
// stored seasons, loading one back, the data version, and when results and goals were first seen.
// Each plain method mirrors a function of src/db/import.ts, season-repo.ts or outbox-facts.ts minus its
// `db` argument. A unit that must be one transaction (an import with the editors' overrides, a
// source's update with its sightings) is one method: its logic is written once (season-units.ts) and
// each implementation runs it inside its own transaction (better-sqlite3's are synchronous).
import { max, sql } from 'drizzle-orm';
import type { KnownFacts } from '../../domain/announcements.js';
import type { OverrideConflict, Override } from '../../domain/overrides.js';
import type { Season } from '../../domain/types.js';
import type { AppDatabase } from '../client.js';
import { dependentsOf, editorSeasonIds, journalEntry, journalOf, liveOverrides, overridesOfEntry, readBase, recordChange, recordSightings, recordUndo, sightingsOf, writeBase } from '../editing.js';
import { importSeason, isSeasonStored, lastImport, removeSeasonsExcept, type ImportSummary } from '../import.js';
import { readKnownFacts } from '../outbox-facts.js';
import { dataImports } from '../schema.js';
import { dataVersion, loadSeason, storedSeasons, type DataVersion, type StoredSeason } from '../season-repo.js';
import {
  importedFileHashes,
  importEditorSeason,
  importFileIfChanged,
  importFromSource,
  loadAll,
  notableSourceConflicts,
  overridesBySeason,
  reimport,
  runSync,
  type AsyncSeasonRepo,
  type LoadedSeason,
  type OverrideImport,
  type SeasonRepo,
  type Unit,
} from './season-units.js';

export type { LoadedSeason, OverrideImport } from './season-units.js';

export interface SeasonDataStore {
  /** A plain import (no overrides), one transaction: the season's rows replaced. */
  importSeason(season: Season, hash: string, now?: Date): Promise<ImportSummary>;
  lastImport(seasonId?: string, opts?: { readonly fileOnly?: boolean }): Promise<ImportSummary | null>;
  isSeasonStored(seasonId: string): Promise<boolean>;
  /** Removes every stored season not in `keep`, one transaction; returns the removed ids. */
  removeSeasonsExcept(keep: readonly string[]): Promise<string[]>;
  dataVersion(seasonId?: string): Promise<DataVersion | null>;
  storedSeasons(): Promise<StoredSeason[]>;
  /** One season rebuilt from its rows, read in one snapshot. */
  loadSeason(seasonId?: string): Promise<Season>;
  readKnownFacts(seasonId: string): Promise<KnownFacts>;
  /** The newest import of each stored season, as one comparable string: changes when any import lands. */
  dataSignature(): Promise<string>;

  /** Every stored season loaded with its sightings, in one read snapshot. */
  loadAll(): Promise<LoadedSeason[]>;
  /** Imports a season file (base + live overrides) unless its last file import was this content; under the write lock. */
  importFileIfChanged(fromFile: { readonly season: Season; readonly hash: string }, now: Date): Promise<OverrideImport | null>;
  /** A source's update (base + overrides, `source:` hash) and the sightings of what it brings, one transaction. */
  importFromSource(before: Season, update: Season, hash: string, now: Date): Promise<OverrideImport>;
  /** A season again from its base and live overrides, one transaction. */
  reimport(seasonId: string, now: Date): Promise<OverrideImport>;
  /** An editor's season from its base; false when it has none. */
  importEditorSeason(seasonId: string, now: Date): Promise<boolean>;
  /** The hash of each stored season's latest file import, to its id. */
  importedFileHashes(): Promise<Map<string, string>>;
  /** The conflicts worth telling editors (notableConflicts with the journal's before-values). */
  notableSourceConflicts(all: readonly OverrideConflict[]): Promise<OverrideConflict[]>;
  /** Every stored season's live overrides, as the domain's overrides. */
  overridesBySeason(): Promise<Map<string, Override[]>>;
}

/** How a unit runs: `write` holds the database's write lock throughout, `read` is one snapshot. */
export type UnitMode = 'write' | 'read';

/** Runs units of season-units.ts: what both the data store and the editing store are built on. */
export interface UnitRunner {
  run<T>(unit: Unit<T>, mode: UnitMode): Promise<T>;
  /** The repository itself, for single calls (each atomic on its own). */
  readonly repo: AsyncSeasonRepo;
}

/** The newest import of each stored season, as one comparable string ("" when none). */
export const sqliteDataSignature = (db: AppDatabase): string =>
  db
    .select({ seasonId: dataImports.seasonId, last: max(dataImports.id) })
    .from(dataImports)
    .where(sql`${dataImports.seasonId} in (select "id" from "seasons")`)
    .groupBy(dataImports.seasonId)
    .orderBy(dataImports.seasonId)
    .all()
    .map((row) => `${row.seasonId}:${row.last ?? ''}`)
    .join(',');

/** The synchronous repository of a SQLite database: src/db/*.ts's functions bound to it. */
export const sqliteSeasonRepo = (db: AppDatabase): SeasonRepo => ({
  importSeason: (season, hash, now) => importSeason(db, season, hash, now),
  lastImport: (seasonId, opts) => lastImport(db, seasonId, opts),
  isSeasonStored: (seasonId) => isSeasonStored(db, seasonId),
  removeSeasonsExcept: (keep) => removeSeasonsExcept(db, keep),
  dataVersion: (seasonId) => dataVersion(db, seasonId),
  storedSeasons: () => storedSeasons(db),
  loadSeason: (seasonId) => loadSeason(db, seasonId),
  readKnownFacts: (seasonId) => readKnownFacts(db, seasonId),
  dataSignature: () => sqliteDataSignature(db),
  writeBase: (seasonId, origin, body, now) => writeBase(db, seasonId, origin, body, now),
  readBase: (seasonId) => readBase(db, seasonId),
  editorSeasonIds: () => editorSeasonIds(db),
  liveOverrides: (seasonId) => liveOverrides(db, seasonId),
  overridesOfEntry: (journalId) => overridesOfEntry(db, journalId),
  journalEntry: (id) => journalEntry(db, id),
  journalOf: (seasonId, opts) => journalOf(db, seasonId, opts),
  dependentsOf: (entryId) => dependentsOf(db, entryId),
  recordChange: (entry, overrides) => recordChange(db, entry, overrides),
  recordUndo: (entry) => recordUndo(db, entry),
  recordSightings: (sightings, now) => recordSightings(db, sightings, now),
  sightingsOf: (seasonId, matchId) => sightingsOf(db, seasonId, matchId),
});

/**
 * Runs a unit synchronously on SQLite: `write` in an IMMEDIATE transaction (the write lock from the
 * first statement, so two processes deciding the same import serialize), `read` in a deferred one.
 * Inside an open transaction, better-sqlite3 nests it as a savepoint.
 */
export const runSqliteUnit = <T>(db: AppDatabase, unit: Unit<T>, mode: UnitMode, repo: SeasonRepo = sqliteSeasonRepo(db)): T => {
  const inTransaction = db.$client.transaction(() => runSync(unit, repo));
  return mode === 'write' ? inTransaction.immediate() : inTransaction.deferred();
};

const asyncOf = (repo: SeasonRepo): AsyncSeasonRepo =>
  Object.fromEntries(
    Object.entries(repo).map(([name, fn]) => [name, async (...args: unknown[]) => (fn as (...a: unknown[]) => unknown)(...args)]),
  ) as unknown as AsyncSeasonRepo;

export const sqliteUnitRunner = (db: AppDatabase): UnitRunner => {
  const repo = sqliteSeasonRepo(db);
  return { run: async (unit, mode) => runSqliteUnit(db, unit, mode, repo), repo: asyncOf(repo) };
};

/** The data store over a unit runner: single calls straight to the repository, units in their transaction. */
export const seasonDataOn = ({ run, repo }: UnitRunner): SeasonDataStore => ({
  importSeason: (season, hash, now = new Date()) => repo.importSeason(season, hash, now),
  lastImport: (seasonId, opts) => repo.lastImport(seasonId, opts),
  isSeasonStored: (seasonId) => repo.isSeasonStored(seasonId),
  removeSeasonsExcept: (keep) => repo.removeSeasonsExcept(keep),
  dataVersion: (seasonId) => repo.dataVersion(seasonId),
  storedSeasons: () => repo.storedSeasons(),
  loadSeason: (seasonId) => repo.loadSeason(seasonId),
  readKnownFacts: (seasonId) => repo.readKnownFacts(seasonId),
  dataSignature: () => repo.dataSignature(),
  loadAll: () => run(loadAll(), 'read'),
  importFileIfChanged: (fromFile, now) => run(importFileIfChanged(fromFile, now), 'write'),
  importFromSource: (before, update, hash, now) => run(importFromSource(before, update, hash, now), 'write'),
  reimport: (seasonId, now) => run(reimport(seasonId, now), 'write'),
  importEditorSeason: (seasonId, now) => run(importEditorSeason(seasonId, now), 'write'),
  importedFileHashes: () => run(importedFileHashes(), 'read'),
  notableSourceConflicts: (all) => run(notableSourceConflicts(all), 'read'),
  overridesBySeason: () => run(overridesBySeason(), 'read'),
});

export const sqliteSeasonData = (db: AppDatabase): SeasonDataStore => seasonDataOn(sqliteUnitRunner(db));
