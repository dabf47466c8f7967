// ../import.ts on PostgreSQL: one transaction replaces a season's rows (other seasons untouched), so
// readers never see half a season and a failed import leaves the previous one in place. The rows are
// the SQLite importer's (seasonRows, pure); only the writing differs.
import { eq, getTableName, notInArray, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Season } from '../../domain/types.js';
import { importCounts, seasonRows, type ImportSummary } from '../import.js';
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
import type { PgConn } from './season-repo.js';

/** The advisory lock every season-data write takes first (any constant; "cafseas" in ASCII). */
export const SEASON_WRITE_LOCK_KEY = '27973115249583475';

/** Takes the season data's write lock until the transaction ends (re-entrant within it). */
export const lockSeasonWrites = async (db: PgConn): Promise<void> => {
  await db.execute(sql`select pg_advisory_xact_lock(${SEASON_WRITE_LOCK_KEY}::bigint)`);
};

/** The season's own tables, parents first (../schema.ts SEASON_TABLES_PARENTS_FIRST without competitions). */
const SEASON_TABLES: readonly PgTable[] = [
  seasons,
  stages,
  rounds,
  groups,
  associations,
  teams,
  teamAliases,
  groupMembers,
  matches,
  goals,
  redCards,
  calendarEntries,
  rankingCriteria,
  printedTotals,
  sourceNotes,
];

// Rows per INSERT: PostgreSQL takes at most 65,535 parameters per statement; a match row has ~35.
const BATCH = 500;

export async function importSeasonPg(db: PgConn, season: Season, hash: string, now: Date = new Date()): Promise<ImportSummary> {
  const rows = seasonRows(season);
  const counts = importCounts(season, rows);
  await db.transaction(async (tx) => {
    await lockSeasonWrites(tx);
    await deleteSeasonRows(tx, season.id);
    await tx
      .insert(competitions)
      .values(rows.competition)
      .onConflictDoUpdate({ target: competitions.id, set: { name: sql`excluded."name"` } });
    await insertRows(tx, seasons, 'seasons', rows.seasons);
    await insertRows(tx, stages, 'stages', rows.stages);
    await insertRows(tx, rounds, 'rounds', rows.rounds);
    await insertRows(tx, groups, 'groups', rows.groups);
    await insertRows(tx, associations, 'associations', rows.associations);
    await insertRows(tx, teams, 'teams', rows.teams);
    await insertRows(tx, teamAliases, 'team aliases', rows.teamAliases);
    await insertRows(tx, groupMembers, 'group members', rows.groupMembers);
    await insertRows(tx, matches, 'matches', rows.matches);
    await insertRows(tx, goals, 'goals', rows.goals);
    await insertRows(tx, redCards, 'red cards', rows.redCards);
    await insertRows(tx, calendarEntries, 'calendar entries', rows.calendarEntries);
    await insertRows(tx, rankingCriteria, 'ranking criteria', rows.rankingCriteria);
    await insertRows(tx, printedTotals, 'printed totals', rows.printedTotals);
    await insertRows(tx, sourceNotes, 'source notes', rows.sourceNotes);
    await deleteUnusedCompetitions(tx);
    await tx.insert(dataImports).values({ seasonId: season.id, contentHash: hash, importedAt: now, ...counts });
  });
  return { seasonId: season.id, hash, importedAt: now, counts };
}

/**
 * Removes every stored season not in `keep`, one transaction. Import history (data_imports) is kept.
 * Returns the removed ids.
 */
export async function removeSeasonsExceptPg(db: PgConn, keep: readonly string[]): Promise<string[]> {
  return db.transaction(async (tx) => {
    await lockSeasonWrites(tx);
    const gone = (
      await tx
        .select({ id: seasons.id })
        .from(seasons)
        .where(keep.length === 0 ? undefined : notInArray(seasons.id, [...keep]))
    ).map((row) => row.id);
    for (const id of gone) await deleteSeasonRows(tx, id);
    if (gone.length > 0) await deleteUnusedCompetitions(tx);
    return gone;
  });
}

/** Every row of one season, children first (the season row last). */
async function deleteSeasonRows(db: PgConn, seasonId: string): Promise<void> {
  for (const table of [...SEASON_TABLES].reverse()) {
    const key = table === seasons ? 'id' : 'season_id';
    await db.execute(sql`delete from ${sql.identifier(getTableName(table))} where ${sql.identifier(key)} = ${seasonId}`);
  }
}

/** Competitions are shared by seasons; one with no season left goes with its last season. */
async function deleteUnusedCompetitions(db: PgConn): Promise<void> {
  await db.execute(sql`delete from "competitions" where "id" not in (select "competition_id" from "seasons")`);
}

/** Inserts a table's rows in batches; a failure names the table (PostgreSQL's message names the row's constraint). */
async function insertRows(db: PgConn, table: PgTable, label: string, rows: readonly object[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    try {
      await db.insert(table).values(rows.slice(i, i + BATCH) as never);
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause ?? error;
      const reason = cause instanceof Error ? cause.message : String(cause);
      const detail = (cause as { detail?: unknown }).detail;
      throw new Error(`Season import failed while inserting ${label}: ${reason}${typeof detail === 'string' ? ` (${detail})` : ''}`, { cause: error });
    }
  }
}

/** Whether a season's rows are stored. */
export async function isSeasonStoredPg(db: PgConn, seasonId: string): Promise<boolean> {
  const [row] = await db.select({ id: seasons.id }).from(seasons).where(eq(seasons.id, seasonId));
  return row !== undefined;
}
