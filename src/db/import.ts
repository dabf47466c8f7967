// Loads a domain Season into the tables. One synchronous transaction replaces that season's rows
// (other seasons are untouched), so readers never see half a season and a failed import leaves the
// previous one in place.
import { and, desc, eq, getTableColumns, getTableName, notInArray, notLike, sql, type Column, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Season, SourceNote } from '../domain/types.js';
import type { AppDatabase, SqliteConnection } from './client.js';
import { roundIdFor } from '../domain/format.js';
import { groupRows, roundRows, stageRows } from './format.js';
import { preparedPerDatabase } from './prepared.js';
import {
  SEASON_TABLES_PARENTS_FIRST,
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

export interface ImportCounts {
  readonly associations: number;
  readonly teams: number;
  readonly aliases: number;
  readonly matches: number;
  readonly goals: number;
  readonly calendarEntries: number;
  readonly conflicts: number;
  readonly gaps: number;
}

export interface ImportSummary {
  readonly seasonId: string;
  readonly hash: string;
  readonly importedAt: Date;
  readonly counts: ImportCounts;
}

/** What an import of these rows records in data_imports. */
export const importCounts = (season: Season, rows: ReturnType<typeof seasonRows>): ImportCounts => ({
  associations: rows.associations.length,
  teams: rows.teams.length,
  aliases: rows.teamAliases.length,
  matches: rows.matches.length,
  goals: rows.goals.length,
  calendarEntries: rows.calendarEntries.length,
  conflicts: season.conflicts.length,
  gaps: season.gaps.length,
});

export function importSeason(db: AppDatabase, season: Season, hash: string, now: Date = new Date()): ImportSummary {
  const rows = seasonRows(season);
  const counts = importCounts(season, rows);
  const sqlite = db.$client;

  const replaceSeason = sqlite.transaction(() => {
    // Checked at COMMIT instead of per statement: delete-then-insert may briefly orphan rows
    // that other tables point at, and the check below can then name every offending row.
    sqlite.pragma('defer_foreign_keys = ON');
    deleteSeasonRows(sqlite, season.id);
    sqlite
      .prepare('insert into "competitions" ("id", "name") values (?, ?) on conflict ("id") do update set "name" = excluded."name"')
      .run(rows.competition.id, rows.competition.name);
    insertRows(sqlite, seasons, 'seasons', rows.seasons);
    insertRows(sqlite, stages, 'stages', rows.stages);
    insertRows(sqlite, rounds, 'rounds', rows.rounds);
    insertRows(sqlite, groups, 'groups', rows.groups);
    insertRows(sqlite, associations, 'associations', rows.associations);
    insertRows(sqlite, teams, 'teams', rows.teams);
    insertRows(sqlite, teamAliases, 'team aliases', rows.teamAliases);
    insertRows(sqlite, groupMembers, 'group members', rows.groupMembers);
    insertRows(sqlite, matches, 'matches', rows.matches);
    insertRows(sqlite, goals, 'goals', rows.goals);
    insertRows(sqlite, redCards, 'red cards', rows.redCards);
    insertRows(sqlite, calendarEntries, 'calendar entries', rows.calendarEntries);
    insertRows(sqlite, rankingCriteria, 'ranking criteria', rows.rankingCriteria);
    insertRows(sqlite, printedTotals, 'printed totals', rows.printedTotals);
    insertRows(sqlite, sourceNotes, 'source notes', rows.sourceNotes);
    deleteUnusedCompetitions(sqlite);
    assertNoForeignKeyViolations(sqlite);

    db.insert(dataImports).values({ seasonId: season.id, contentHash: hash, importedAt: now, ...counts }).run();
  });
  replaceSeason.immediate();

  return { seasonId: season.id, hash, importedAt: now, counts };
}

/**
 * The hash an import from a season's source (not its file) records: `source:<hash>`. The file check
 * at start compares the file with the last FILE import only, so a source's newer data is not
 * overwritten by an unchanged file at the next start (an edited file still wins).
 */
export const SOURCE_HASH_PREFIX = 'source:';

/**
 * Imports only when the season's last file import differs from the file's hash: first start, the
 * file changed, or the season's rows were removed (a season dropped from the list and listed again).
 */
export function ensureSeasonImported(
  db: AppDatabase,
  read: () => { readonly season: Season; readonly hash: string },
): { imported: boolean; summary: ImportSummary } {
  const { season, hash } = read();
  const last = lastImport(db, season.id, { fileOnly: true });
  if (last !== null && last.hash === hash && isSeasonStored(db, season.id)) return { imported: false, summary: lastImport(db, season.id) ?? last };
  return { imported: true, summary: importSeason(db, season, hash) };
}

/**
 * The most recent import of a season that is still stored, or null before its first one. Without
 * a season id: the most recent import of any stored season. `fileOnly`: imports from season files,
 * not from sources.
 */
export function lastImport(db: AppDatabase, seasonId?: string, opts: { readonly fileOnly?: boolean } = {}): ImportSummary | null {
  const queries = importQueries(db);
  const fileOnly = opts.fileOnly === true;
  const row =
    seasonId === undefined
      ? (fileOnly ? queries.lastFileImportOfAny : queries.lastImportOfAny).get()
      : (fileOnly ? queries.lastFileImport : queries.lastImport).get({ seasonId });
  if (row === undefined) return null;
  const { id: _id, seasonId: id, contentHash, importedAt, ...counts } = row;
  return { seasonId: id, hash: contentHash, importedAt, counts };
}

const importQueries = preparedPerDatabase((db: AppDatabase) => {
  const ofSeason = () => eq(dataImports.seasonId, sql.placeholder('seasonId'));
  const ofAnyStored = () => sql`${dataImports.seasonId} in (select "id" from "seasons")`;
  const fromFile = () => notLike(dataImports.contentHash, `${SOURCE_HASH_PREFIX}%`);
  const latest = (where: SQL | undefined) => db.select().from(dataImports).where(where).orderBy(desc(dataImports.id)).limit(1).prepare();
  return {
    lastImport: latest(ofSeason()),
    lastFileImport: latest(and(ofSeason(), fromFile())),
    lastImportOfAny: latest(ofAnyStored()),
    lastFileImportOfAny: latest(and(ofAnyStored(), fromFile())),
    stored: db.select({ id: seasons.id }).from(seasons).where(eq(seasons.id, sql.placeholder('seasonId'))).prepare(),
  };
});

export function isSeasonStored(db: AppDatabase, seasonId: string): boolean {
  return importQueries(db).stored.get({ seasonId }) !== undefined;
}

/**
 * Removes every stored season not in `keep` (a season whose file left the list is no longer served;
 * its file can bring it back). Import history (data_imports) is kept. Returns the removed ids.
 */
export function removeSeasonsExcept(db: AppDatabase, keep: readonly string[]): string[] {
  const sqlite = db.$client;
  const gone = db
    .select({ id: seasons.id })
    .from(seasons)
    .where(keep.length === 0 ? undefined : notInArray(seasons.id, [...keep]))
    .all()
    .map((row) => row.id);
  if (gone.length === 0) return [];
  sqlite
    .transaction(() => {
      sqlite.pragma('defer_foreign_keys = ON');
      for (const id of gone) deleteSeasonRows(sqlite, id);
      deleteUnusedCompetitions(sqlite);
    })
    .immediate();
  return gone;
}

/** Every row of one season, children first (the season row last). */
function deleteSeasonRows(sqlite: SqliteConnection, seasonId: string): void {
  for (const table of [...SEASON_TABLES_PARENTS_FIRST].reverse()) {
    if (table === competitions) continue;
    const key = table === seasons ? 'id' : 'season_id';
    sqlite.prepare(`delete from "${getTableName(table)}" where "${key}" = ?`).run(seasonId);
  }
}

/** Competitions are shared by seasons; one with no season left goes with its last season. */
function deleteUnusedCompetitions(sqlite: SqliteConnection): void {
  sqlite.prepare('delete from "competitions" where "id" not in (select "competition_id" from "seasons")').run();
}

/**
 * One prepared single-row INSERT per table, run per row: better-sqlite3's fastest path, several
 * times faster than building Drizzle queries. Columns and value mapping (JSON, booleans,
 * timestamps) still come from the Drizzle schema, so the schema stays the single source.
 */
function insertRows<T extends SQLiteTable>(sqlite: SqliteConnection, table: T, label: string, rows: readonly T['$inferInsert'][]): void {
  const columns = Object.entries(getTableColumns(table) as Record<string, Column>);
  const names = columns.map(([, column]) => `"${column.name}"`).join(', ');
  const placeholders = columns.map(() => '?').join(', ');
  const statement = sqlite.prepare(`insert into "${getTableName(table)}" (${names}) values (${placeholders})`);
  for (const row of rows) {
    const record = row as Record<string, unknown>;
    const values = columns.map(([key, column]) => {
      const value = record[key];
      return value === null || value === undefined ? null : column.mapToDriverValue(value);
    });
    try {
      statement.run(values);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const key = describeRowKey(getTableName(table), rowKeyOf(record));
      throw new Error(`Season import failed while inserting ${label} ${key}: ${reason}`, { cause: error });
    }
  }
}

/** The identifying fields of a row about to be inserted, under their SQL names. */
function rowKeyOf(record: Record<string, unknown>): Record<string, unknown> {
  return {
    id: record['id'],
    name: record['name'],
    code: record['code'],
    season_id: record['seasonId'],
    match_id: record['matchId'],
    team_id: record['teamId'],
    ordinal: record['ordinal'],
    kind: record['kind'],
  };
}

interface ForeignKeyViolation {
  readonly table: string;
  readonly rowid: number;
  readonly parent: string;
  readonly fkid: number;
}

interface ForeignKeyColumn {
  readonly id: number;
  readonly from: string;
}

/** Turns SQLite's bare `FOREIGN KEY constraint failed` into the rows and values at fault. */
function assertNoForeignKeyViolations(sqlite: SqliteConnection): void {
  const violations = sqlite.pragma('foreign_key_check') as ForeignKeyViolation[];
  if (violations.length === 0) return;
  const described = violations.slice(0, 5).map((violation) => {
    const fkColumns = (sqlite.prepare('select id, "from" from pragma_foreign_key_list(?)').all(violation.table) as ForeignKeyColumn[])
      .filter((column) => column.id === violation.fkid)
      .map((column) => column.from)
      // The season is named in the row's key below; the column at fault is the other one.
      .filter((column, _i, all) => column !== 'season_id' || all.length === 1);
    const row = sqlite.prepare(`select * from "${violation.table}" where rowid = ?`).get(violation.rowid) as Record<string, unknown> | undefined;
    const values = fkColumns.map((column) => `${column}=${JSON.stringify(row?.[column] ?? null)}`).join(', ');
    return `${violation.table} ${describeRowKey(violation.table, row)}: ${values} is not in ${violation.parent}`;
  });
  const more = violations.length > described.length ? ` (and ${violations.length - described.length} more)` : '';
  throw new Error(`Season import failed: ${described.join('; ')}${more}`);
}

function describeRowKey(table: string, row: Record<string, unknown> | undefined): string {
  if (row === undefined) return '(row not found)';
  if (table === 'goals' || table === 'red_cards') return `(season ${String(row['season_id'])}, match ${String(row['match_id'])}, ${table === 'goals' ? 'goal' : 'red card'} #${String(row['ordinal'])})`;
  const season = row['season_id'] === undefined || row['season_id'] === null ? '' : `season ${String(row['season_id'])}, `;
  if (table === 'team_aliases' || table === 'group_members') return `(${season}team ${String(row['team_id'])})`;
  if (table === 'source_notes') return `(${season}${String(row['kind'])} #${String(row['ordinal'])})`;
  const key = row['id'] ?? row['name'] ?? row['code'] ?? row['season_id'];
  return key === undefined || key === null ? '' : `(${key === row['season_id'] || table === 'seasons' ? '' : season}${String(key)})`;
}

/** Maps the domain Season to table rows; pure, done before the transaction opens (the PostgreSQL import uses it too). */
export function seasonRows(season: Season) {
  const seasonId = season.id;
  const competitionId = slugify(season.competition);
  const noteRows = (kind: 'conflict' | 'gap', notes: readonly SourceNote[]) =>
    notes.map((note, ordinal) => ({ seasonId, kind, ordinal, subject: note.subject, text: note.text, sources: [...note.sources] }));

  return {
    competition: { id: competitionId, name: season.competition },
    stages: stageRows(season).map((row) => ({ seasonId, ...row })),
    rounds: roundRows(season).map((row) => ({ seasonId, ...row })),
    groups: groupRows(season).map((row) => ({ seasonId, ...row })),
    associations: season.associations.map((association, ordinal) => ({
      seasonId,
      name: association.name,
      ordinal,
      shortName: association.shortName,
      code: association.code,
      rank: association.rank,
      rankDispute: association.rankDispute === null ? null : { ...association.rankDispute },
      rankConfidence: association.rankConfidence,
      points: association.points,
      entered: association.entered,
      note: association.note,
      sources: [...association.sources],
    })),
    teams: season.teams.map((team, ordinal) => ({
      seasonId,
      id: team.id,
      ordinal,
      name: team.name,
      shortName: team.shortName,
      association: team.association,
      qualifyingMethod: team.qualifyingMethod,
      entryStage: team.entryRound,
      note: team.note,
      sources: [...team.sources],
    })),
    teamAliases: season.teams.flatMap((team) => team.aliases.map((alias, ordinal) => ({ seasonId, teamId: team.id, ordinal, alias }))),
    groupMembers: season.teams.flatMap((team) => (team.group === null ? [] : [{ seasonId, teamId: team.id, groupId: team.group }])),
    seasons: [
      {
        id: seasonId,
        competitionId,
        name: season.name,
        label: season.label,
        asOf: season.asOf,
        staleAfterDays: season.staleAfterDays,
        endDate: season.endDate,
        championTeamId: season.champion,
        tiebreak: season.format.tiebreak,
      },
    ],
    matches: season.matches.map((match, ordinal) => ({
      seasonId,
      id: match.id,
      ordinal,
      stage: match.stage,
      roundId: roundIdFor(season, match.stage, match.matchday, match.leg),
      groupId: match.group,
      matchday: match.matchday,
      tie: match.tie,
      leg: match.leg,
      date: match.date,
      kickoffAt: match.kickoff === null ? null : parseInstant(match.kickoff, match.id),
      kickoffAlternatives: [...match.kickoffAlternatives],
      venue: match.venue,
      homeTeamId: match.home,
      awayTeamId: match.away,
      status: match.status,
      resultNotPublished: match.resultNotPublished,
      scoreHome: match.score?.home ?? null,
      scoreAway: match.score?.away ?? null,
      extraTime: match.extraTime,
      penaltiesHome: match.penalties?.home ?? null,
      penaltiesAway: match.penalties?.away ?? null,
      decisionWinnerId: match.decision?.winner ?? null,
      decisionScoreHome: match.decision?.score?.home ?? null,
      decisionScoreAway: match.decision?.score?.away ?? null,
      decisionReason: match.decision?.reason ?? null,
      decisionDecidedOn: match.decision?.decidedOn ?? null,
      referee: match.referee,
      attendance: match.attendance,
      redCardsRecorded: match.redCards !== null,
      note: match.note,
      sources: [...match.sources],
    })),
    goals: season.matches.flatMap((match) =>
      match.goals.map((goal, ordinal) => ({
        seasonId,
        matchId: match.id,
        ordinal,
        teamId: goal.team,
        player: goal.player,
        minute: goal.minute,
        type: goal.type,
      })),
    ),
    redCards: season.matches.flatMap((match) =>
      (match.redCards ?? []).map((card, ordinal) => ({
        seasonId,
        matchId: match.id,
        ordinal,
        teamId: card.team,
        player: card.player,
        minute: card.minute,
      })),
    ),
    calendarEntries: season.calendar.map((entry, ordinal) => ({
      seasonId,
      id: entry.id,
      ordinal,
      phase: entry.phase,
      round: entry.round,
      kind: entry.kind,
      stage: entry.stage,
      matchday: entry.matchday,
      leg: entry.leg,
      startDate: entry.startDate,
      endDate: entry.endDate,
      note: entry.note,
      sources: [...entry.sources],
    })),
    rankingCriteria: [
      {
        seasonId: season.id,
        winners: season.rankingCriteria.confederationCup.winners,
        runnersUp: season.rankingCriteria.confederationCup.runnersUp,
        semiFinalists: season.rankingCriteria.confederationCup.semiFinalists,
        quarterFinalists: season.rankingCriteria.confederationCup.quarterFinalists,
        groupThird: season.rankingCriteria.confederationCup.groupThird,
        groupFourth: season.rankingCriteria.confederationCup.groupFourth,
        seasonCoefficient: season.rankingCriteria.seasonCoefficient,
        note: season.rankingCriteria.note,
        sources: [...season.rankingCriteria.sources],
      },
    ],
    // No row when no source prints totals: loadSeason reads the absence as null.
    printedTotals:
      season.printedTotals === null
        ? []
        : [
            {
              seasonId: season.id,
              matches: season.printedTotals.matches,
              goals: season.printedTotals.goals,
              groupMatches: season.printedTotals.groupMatches,
              groupGoals: season.printedTotals.groupGoals,
              note: season.printedTotals.note,
              sources: [...season.printedTotals.sources],
            },
          ],
    sourceNotes: [...noteRows('conflict', season.conflicts), ...noteRows('gap', season.gaps)],
  };
}

function parseInstant(iso: string, matchId: string): Date {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) throw new Error(`Season import failed: match ${matchId} has an invalid kickoff ${JSON.stringify(iso)}`);
  return instant;
}

function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
