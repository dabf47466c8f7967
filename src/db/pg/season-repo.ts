// ../season-repo.ts on PostgreSQL: the stored seasons, their data version, and a season rebuilt from
// its rows (the same rows, turned into a Season by the shared seasonFromRows). Also the whole season
// repository of season-units.ts bound to a database or a transaction.
import { and, asc, desc, eq, max, notLike, sql } from 'drizzle-orm';
import type { NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import type { PgDatabase as PgCoreDatabase } from 'drizzle-orm/pg-core';
import type { Season } from '../../domain/types.js';
import { SOURCE_HASH_PREFIX, type ImportSummary } from '../import.js';
import { onlySeason, seasonFromRows, type DataVersion, type SeasonRowSet, type StoredSeason } from '../season-repo.js';
import type { AsyncSeasonRepo } from '../store/season-units.js';
import type { pgSchema } from './client.js';
import {
  dependentsOfPg,
  editorSeasonIdsPg,
  journalEntryPg,
  journalOfPg,
  liveOverridesPg,
  overridesOfEntryPg,
  readBasePg,
  recordChangePg,
  recordSightingsPg,
  recordUndoPg,
  sightingsOfPg,
  writeBasePg,
} from './editing.js';
import { importSeasonPg, isSeasonStoredPg, removeSeasonsExceptPg } from './import.js';
import { readKnownFactsPg } from './outbox-facts.js';
import {
  associations,
  calendarEntries,
  competitions,
  dataImports,
  goals,
  groupMembers,
  groups,
  matches,
  printedTotals,
  rankingCriteria,
  redCards,
  rounds,
  seasons,
  sourceNotes,
  stages,
  teamAliases,
  teams,
} from './schema.js';

/** A PostgreSQL database or a transaction on it: what every function here runs on. */
export type PgConn = PgCoreDatabase<NodePgQueryResultHKT, typeof pgSchema>;

/** Season ids in byte order, as SQLite sorts them (PostgreSQL's default collation may not). */
const byId = sql`${seasons.id} collate "C"`;

const ofStoredSeason = (seasonId?: string) =>
  seasonId === undefined ? sql`${dataImports.seasonId} in (select "id" from "seasons")` : eq(dataImports.seasonId, seasonId);

export async function lastImportPg(db: PgConn, seasonId?: string, opts: { readonly fileOnly?: boolean } = {}): Promise<ImportSummary | null> {
  const ofSeason = ofStoredSeason(seasonId);
  const [row] = await db
    .select()
    .from(dataImports)
    .where(opts.fileOnly === true ? and(ofSeason, notLike(dataImports.contentHash, `${SOURCE_HASH_PREFIX}%`)) : ofSeason)
    .orderBy(desc(dataImports.id))
    .limit(1);
  if (row === undefined) return null;
  const { id: _id, seasonId: id, contentHash, importedAt, ...counts } = row;
  return { seasonId: id, hash: contentHash, importedAt, counts };
}

export async function dataVersionPg(db: PgConn, seasonId?: string): Promise<DataVersion | null> {
  const [row] = await db
    .select({ hash: dataImports.contentHash, importedAt: dataImports.importedAt })
    .from(dataImports)
    .where(ofStoredSeason(seasonId))
    .orderBy(desc(dataImports.id))
    .limit(1);
  return row === undefined ? null : { hash: row.hash, importedAt: row.importedAt };
}

/** Every season the database holds, in id order. */
export async function storedSeasonsPg(db: PgConn): Promise<StoredSeason[]> {
  const rows = await db
    .select({ id: seasons.id, competition: competitions.name, label: seasons.label })
    .from(seasons)
    .innerJoin(competitions, eq(seasons.competitionId, competitions.id))
    .orderBy(byId);
  const out: StoredSeason[] = [];
  for (const row of rows) out.push({ ...row, version: await dataVersionPg(db, row.id) });
  return out;
}

/** The newest import of each stored season, as one comparable string ("" when none). */
export async function dataSignaturePg(db: PgConn): Promise<string> {
  const rows = await db
    .select({ seasonId: dataImports.seasonId, last: max(dataImports.id) })
    .from(dataImports)
    .where(ofStoredSeason())
    .groupBy(dataImports.seasonId)
    .orderBy(sql`${dataImports.seasonId} collate "C"`);
  return rows.map((row) => `${row.seasonId}:${row.last ?? ''}`).join(',');
}

/**
 * One season, rebuilt. Without an id the database must hold exactly one season. Read in one
 * REPEATABLE READ transaction (a savepoint when the caller's is open): an import cannot split it.
 */
export async function loadSeasonPg(db: PgConn, seasonId?: string): Promise<Season> {
  const read = async (tx: PgConn): Promise<Season> => {
    const headers = await tx
      .select({ season: seasons, competition: competitions.name })
      .from(seasons)
      .innerJoin(competitions, eq(seasons.competitionId, competitions.id))
      .where(seasonId === undefined ? undefined : eq(seasons.id, seasonId))
      .limit(2);
    const header = onlySeason(headers, seasonId);
    const id = header.season.id;
    const [criteria] = await tx.select().from(rankingCriteria).where(eq(rankingCriteria.seasonId, id));
    const [totals] = await tx.select().from(printedTotals).where(eq(printedTotals.seasonId, id));
    const rows = {
      ...header,
      criteria,
      totals,
      aliases: await tx.select().from(teamAliases).where(eq(teamAliases.seasonId, id)).orderBy(asc(teamAliases.teamId), asc(teamAliases.ordinal)),
      members: await tx.select().from(groupMembers).where(eq(groupMembers.seasonId, id)),
      goals: await tx.select().from(goals).where(eq(goals.seasonId, id)).orderBy(asc(goals.matchId), asc(goals.ordinal)),
      redCards: await tx.select().from(redCards).where(eq(redCards.seasonId, id)).orderBy(asc(redCards.matchId), asc(redCards.ordinal)),
      notes: await tx.select().from(sourceNotes).where(eq(sourceNotes.seasonId, id)).orderBy(asc(sourceNotes.kind), asc(sourceNotes.ordinal)),
      stages: await tx.select().from(stages).where(eq(stages.seasonId, id)),
      rounds: await tx.select().from(rounds).where(eq(rounds.seasonId, id)).orderBy(asc(rounds.ordinal)),
      groups: await tx.select().from(groups).where(eq(groups.seasonId, id)),
      associations: await tx.select().from(associations).where(eq(associations.seasonId, id)).orderBy(asc(associations.ordinal)),
      teams: await tx.select().from(teams).where(eq(teams.seasonId, id)).orderBy(asc(teams.ordinal)),
      matches: await tx.select().from(matches).where(eq(matches.seasonId, id)).orderBy(asc(matches.ordinal)),
      calendar: await tx.select().from(calendarEntries).where(eq(calendarEntries.seasonId, id)).orderBy(asc(calendarEntries.ordinal)),
    };
    // The same columns under the same names as SQLite's rows (the schema parity test keeps them so).
    return seasonFromRows(rows as unknown as SeasonRowSet);
  };
  return db.transaction(read, { isolationLevel: 'repeatable read' });
}

/** season-units.ts's repository on PostgreSQL, bound to a database or a transaction. */
export const pgSeasonRepo = (db: PgConn): AsyncSeasonRepo => ({
  importSeason: (season, hash, now) => importSeasonPg(db, season, hash, now),
  lastImport: (seasonId, opts) => lastImportPg(db, seasonId, opts),
  isSeasonStored: (seasonId) => isSeasonStoredPg(db, seasonId),
  removeSeasonsExcept: (keep) => removeSeasonsExceptPg(db, keep),
  dataVersion: (seasonId) => dataVersionPg(db, seasonId),
  storedSeasons: () => storedSeasonsPg(db),
  loadSeason: (seasonId) => loadSeasonPg(db, seasonId),
  readKnownFacts: (seasonId) => readKnownFactsPg(db, seasonId),
  dataSignature: () => dataSignaturePg(db),
  writeBase: (seasonId, origin, body, now) => writeBasePg(db, seasonId, origin, body, now),
  readBase: (seasonId) => readBasePg(db, seasonId),
  editorSeasonIds: () => editorSeasonIdsPg(db),
  liveOverrides: (seasonId) => liveOverridesPg(db, seasonId),
  overridesOfEntry: (journalId) => overridesOfEntryPg(db, journalId),
  journalEntry: (id) => journalEntryPg(db, id),
  journalOf: (seasonId, opts) => journalOfPg(db, seasonId, opts),
  dependentsOf: (entryId) => dependentsOfPg(db, entryId),
  recordChange: (entry, overrides) => recordChangePg(db, entry, overrides),
  recordUndo: (entry) => recordUndoPg(db, entry),
  recordSightings: (sightings, now) => recordSightingsPg(db, sightings, now),
  sightingsOf: (seasonId, matchId) => sightingsOfPg(db, seasonId, matchId),
});
