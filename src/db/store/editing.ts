// The editors' data behind one async interface, the same on SQLite and on PostgreSQL: season bases,
// the journal, overrides and fact sightings. Plain methods mirror src/db/editing.ts's functions minus
// `db`; a confirm, a new season and an undo are one method each, one transaction with the re-import
// (season-units.ts), so the transaction lives inside each implementation.
import type { OverrideConflict } from '../../domain/overrides.js';
import type { Season } from '../../domain/types.js';
import type { AppDatabase } from '../client.js';
import type { JournalRow, NewJournalRow, SeasonBase, Sighting, StoredOverride } from '../editing.js';
import type { SeasonBaseOrigin } from '../editing-schema.js';
import { sqliteUnitRunner, type UnitRunner } from './season-data.js';
import { confirmChange, notableSourceConflicts, readBaseSeason, startSeason, undoChange, type BaseSeason, type OverrideImport } from './season-units.js';

export type { BaseSeason } from './season-units.js';

export type NewOverride = { readonly matchId: string; readonly field: string; readonly value: unknown };
export type NewUndo = Omit<NewJournalRow, 'action' | 'undoes'> & { readonly undoes: number };

export interface EditingStore {
  writeBase(seasonId: string, origin: SeasonBaseOrigin, body: Record<string, unknown>, now: Date): Promise<boolean>;
  readBase(seasonId: string): Promise<SeasonBase | null>;
  /** A season's base parsed as a Season; null when it has none. */
  readBaseSeason(seasonId: string): Promise<BaseSeason | null>;
  editorSeasonIds(): Promise<string[]>;
  liveOverrides(seasonId: string): Promise<StoredOverride[]>;
  overridesOfEntry(journalId: number): Promise<StoredOverride[]>;
  journalEntry(id: number): Promise<JournalRow | null>;
  journalOf(seasonId: string | null, opts?: { readonly matchId?: string | null; readonly limit?: number }): Promise<JournalRow[]>;
  dependentsOf(entryId: number): Promise<JournalRow[]>;
  recordSightings(sightings: readonly Omit<Sighting, 'knownAt'>[], now: Date): Promise<Sighting[]>;
  sightingsOf(seasonId: string, matchId?: string): Promise<Sighting[]>;
  /** The conflicts worth telling editors (notableConflicts with the journal's before-values). */
  notableSourceConflicts(all: readonly OverrideConflict[]): Promise<OverrideConflict[]>;

  /** A change confirmed, one transaction: base ensured, journal + overrides, re-import, sightings of what it brings. */
  confirmChange(before: Season | undefined, entry: NewJournalRow, overrides: readonly NewOverride[], now: Date): Promise<{ readonly row: JournalRow; readonly imported: OverrideImport }>;
  /** A season an editor starts, one transaction: its base, the journal row, its first import. */
  startSeason(entry: NewJournalRow, body: Record<string, unknown>, now: Date): Promise<JournalRow>;
  /** An entry undone, one transaction: the undo row, overrides retired, re-import, sightings. */
  undoChange(before: Season | undefined, entry: NewUndo, now: Date): Promise<{ readonly row: JournalRow; readonly imported: OverrideImport }>;
}

/** The editing store over a unit runner (season-data.ts). */
export const editingOn = ({ run, repo }: UnitRunner): EditingStore => ({
  writeBase: (seasonId, origin, body, now) => repo.writeBase(seasonId, origin, body, now),
  readBase: (seasonId) => repo.readBase(seasonId),
  readBaseSeason: (seasonId) => run(readBaseSeason(seasonId), 'read'),
  editorSeasonIds: () => repo.editorSeasonIds(),
  liveOverrides: (seasonId) => repo.liveOverrides(seasonId),
  overridesOfEntry: (journalId) => repo.overridesOfEntry(journalId),
  journalEntry: (id) => repo.journalEntry(id),
  journalOf: (seasonId, opts) => repo.journalOf(seasonId, opts),
  dependentsOf: (entryId) => repo.dependentsOf(entryId),
  recordSightings: (sightings, now) => repo.recordSightings(sightings, now),
  sightingsOf: (seasonId, matchId) => repo.sightingsOf(seasonId, matchId),
  notableSourceConflicts: (all) => run(notableSourceConflicts(all), 'read'),
  confirmChange: (before, entry, overrides, now) => run(confirmChange(before, entry, overrides, now), 'write'),
  startSeason: (entry, body, now) => run(startSeason(entry, body, now), 'write'),
  undoChange: (before, entry, now) => run(undoChange(before, entry, now), 'write'),
});

export const sqliteEditing = (db: AppDatabase): EditingStore => editingOn(sqliteUnitRunner(db));
