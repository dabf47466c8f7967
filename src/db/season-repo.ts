// Rebuilds a domain Season from the tables, equal to what was imported. Callers load it once
// and reload only when dataVersion() reports a different hash. The database holds several seasons:
// every read names its season (or, for callers from before seasons, takes the only one).
import { asc, eq, getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Goal, Match, RedCard, Score, Season, SourceNote, TeamId } from '../domain/types.js';
import type { AppDatabase } from './client.js';
import { formatFromRows } from './format.js';
import { lastImport } from './import.js';
import { preparedPerDatabase } from './prepared.js';
import {
  associations,
  calendarEntries,
  competitions,
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

export interface DataVersion {
  readonly hash: string;
  /** When the import that loaded this data ran. */
  readonly importedAt: Date;
}

/**
 * The hash of a season's file as loaded, or null before its first import. Without a season id:
 * the latest import of any stored season.
 */
export function dataVersion(db: AppDatabase, seasonId?: string): DataVersion | null {
  const last = lastImport(db, seasonId);
  return last === null ? null : { hash: last.hash, importedAt: last.importedAt };
}

/** A stored season's header: what a catalog lists without loading every match. */
export interface StoredSeason {
  readonly id: string;
  readonly competition: string;
  readonly label: string;
  /** The latest import of this season; null only for rows migrated from before 0009 and never re-imported. */
  readonly version: DataVersion | null;
}

/** Every season the database holds, in id order. */
export function storedSeasons(db: AppDatabase): StoredSeason[] {
  const rows = db
    .select({ id: seasons.id, competition: competitions.name, label: seasons.label })
    .from(seasons)
    .innerJoin(competitions, eq(seasons.competitionId, competitions.id))
    .orderBy(asc(seasons.id))
    .all();
  return rows.map((row) => ({ ...row, version: dataVersion(db, row.id) }));
}

/**
 * The rows of one season in `table`, read as arrays (better-sqlite3's raw mode) and keyed by column
 * here, each value decoded by its column as drizzle does. The select is written from the schema (as
 * import.ts writes its inserts): building it with drizzle's query builder and reading through its row
 * mapping, which walks each value's path with an iterator and an entry array, made 4.5 of the 8.2 MiB a
 * start allocated to load the shipped seasons, and garbage at start keeps more of V8's young
 * generation resident while the bot idles (issue 15). test/db/season-rows.test.ts compares these rows
 * with drizzle's for every season table.
 */
export const tableRows = <T extends SQLiteTable & { readonly seasonId: SQLiteColumn }>(db: AppDatabase, table: T, orderBy: readonly SQLiteColumn[] = []) => {
  const columns = getTableColumns(table);
  const keys = Object.keys(columns);
  const decoders = keys.map((key) => columns[key]!);
  const order = orderBy.length === 0 ? '' : ` order by ${orderBy.map((column) => `"${column.name}"`).join(', ')}`;
  const statement = db.$client
    .prepare(`select ${decoders.map((column) => `"${column.name}"`).join(', ')} from "${getTableName(table)}" where "${table.seasonId.name}" = ?${order}`)
    .raw();
  return (seasonId: string): T['$inferSelect'][] =>
    (statement.all(seasonId) as unknown[][]).map((values) => {
      const row: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) {
        const value = values[i];
        row[keys[i]!] = value === null ? null : decoders[i]!.mapFromDriverValue(value);
      }
      return row as T['$inferSelect'];
    });
};

/**
 * The queries of a season's rows, built and compiled once per database: a start loads every season
 * (sixteen queries each), and building their SQL again for each season made Drizzle's query builder hot
 * enough at start for V8 to optimize it, in compile jobs whose memory stayed resident (issue 15).
 */
const seasonRowQueries = preparedPerDatabase((db: AppDatabase) => {
  const header = () => db.select({ season: seasons, competition: competitions.name }).from(seasons).innerJoin(competitions, eq(seasons.competitionId, competitions.id));
  return {
    // Two at most: onlySeason says so when a load without an id finds several.
    header: header().where(eq(seasons.id, sql.placeholder('id'))).limit(2).prepare(),
    anyHeader: header().limit(2).prepare(),
    criteria: tableRows(db, rankingCriteria),
    totals: tableRows(db, printedTotals),
    aliases: tableRows(db, teamAliases, [teamAliases.teamId, teamAliases.ordinal]),
    members: tableRows(db, groupMembers),
    goals: tableRows(db, goals, [goals.matchId, goals.ordinal]),
    redCards: tableRows(db, redCards, [redCards.matchId, redCards.ordinal]),
    notes: tableRows(db, sourceNotes, [sourceNotes.kind, sourceNotes.ordinal]),
    stages: tableRows(db, stages),
    rounds: tableRows(db, rounds, [rounds.ordinal]),
    groups: tableRows(db, groups),
    associations: tableRows(db, associations, [associations.ordinal]),
    teams: tableRows(db, teams, [teams.ordinal]),
    matches: tableRows(db, matches, [matches.ordinal]),
    calendar: tableRows(db, calendarEntries, [calendarEntries.ordinal]),
  };
});

/**
 * One season, rebuilt. Without an id the database must hold exactly one season (callers from
 * before several seasons; tests).
 */
export function loadSeason(db: AppDatabase, seasonId?: string): Season {
  const rows = seasonRowQueries(db);
  // One read transaction: a concurrent import (another connection) cannot split the snapshot. The
  // prepared statements run on this same connection, so inside it.
  return db.transaction(() => {
    const headers = seasonId === undefined ? rows.anyHeader.all() : rows.header.all({ id: seasonId });
    const header = onlySeason(headers, seasonId);
    const id = header.season.id;
    return seasonFromRows({
      ...header,
      criteria: rows.criteria(id)[0],
      totals: rows.totals(id)[0],
      aliases: rows.aliases(id),
      members: rows.members(id),
      goals: rows.goals(id),
      redCards: rows.redCards(id),
      notes: rows.notes(id),
      stages: rows.stages(id),
      rounds: rows.rounds(id),
      groups: rows.groups(id),
      associations: rows.associations(id),
      teams: rows.teams(id),
      matches: rows.matches(id),
      calendar: rows.calendar(id),
    });
  });
}

/** The one season row a load asked for (the only one, without an id); says why when there is none. */
export function onlySeason<T>(headers: readonly T[], seasonId: string | undefined): T {
  const header = headers[0];
  if (header === undefined) {
    throw new Error(seasonId === undefined ? 'No season has been imported into this database yet.' : `No season ${seasonId} is stored in this database.`);
  }
  if (headers.length > 1) throw new Error('This database holds several seasons: name the one to load.');
  return header;
}

type Rows<T extends { $inferSelect: unknown }> = readonly T['$inferSelect'][];

/**
 * Every row of one season, as either engine reads them: each list in the order loadSeason asks for
 * (by ordinal; goals, cards and aliases by match or team, then ordinal; notes by kind, then ordinal).
 */
export interface SeasonRowSet {
  readonly season: typeof seasons.$inferSelect;
  readonly competition: string;
  readonly criteria: typeof rankingCriteria.$inferSelect | undefined;
  readonly totals: typeof printedTotals.$inferSelect | undefined;
  readonly aliases: Rows<typeof teamAliases>;
  readonly members: Rows<typeof groupMembers>;
  readonly goals: Rows<typeof goals>;
  readonly redCards: Rows<typeof redCards>;
  readonly notes: Rows<typeof sourceNotes>;
  readonly stages: Rows<typeof stages>;
  readonly rounds: Rows<typeof rounds>;
  readonly groups: Rows<typeof groups>;
  readonly associations: Rows<typeof associations>;
  readonly teams: Rows<typeof teams>;
  readonly matches: Rows<typeof matches>;
  readonly calendar: Rows<typeof calendarEntries>;
}

/** The domain Season of a season's rows; pure (the PostgreSQL loader reads the same rows). */
export function seasonFromRows(rows: SeasonRowSet): Season {
  const { season, competition, criteria, totals } = rows;
  // No printed-totals row: no source prints totals for this season (null).
  if (criteria === undefined) throw new Error(`Season ${season.id} is missing its ranking criteria.`);
  const aliasesByTeam = groupBy(rows.aliases, (alias) => alias.teamId);
  const groupByTeam = new Map(rows.members.map((member) => [member.teamId, member.groupId] as const));
  const goalsByMatch = groupBy(rows.goals, (goal) => goal.matchId);
  const redCardsByMatch = groupBy(rows.redCards, (card) => card.matchId);
  const toNote = (note: SeasonRowSet['notes'][number]): SourceNote => ({ subject: note.subject, text: note.text, sources: note.sources });
  const format = formatFromRows(rows.stages, rows.rounds, rows.groups, season.tiebreak);

  return {
    id: season.id,
    name: season.name,
    competition,
    format,
    label: season.label,
    staleAfterDays: season.staleAfterDays,
    endDate: season.endDate,
    asOf: season.asOf,
    champion: season.championTeamId,
    associations: rows.associations.map((row) => ({
      name: row.name,
      shortName: row.shortName,
      code: row.code,
      rank: row.rank,
      rankDispute: row.rankDispute,
      rankConfidence: row.rankConfidence,
      points: row.points,
      entered: row.entered,
      note: row.note,
      sources: row.sources,
    })),
    teams: rows.teams.map((row) => ({
      id: row.id,
      name: row.name,
      shortName: row.shortName,
      aliases: (aliasesByTeam.get(row.id) ?? []).map((alias) => alias.alias),
      association: row.association,
      qualifyingMethod: row.qualifyingMethod,
      entryRound: row.entryStage,
      group: groupByTeam.get(row.id) ?? null,
      note: row.note,
      sources: row.sources,
    })),
    matches: rows.matches.map((row) => toMatch(row, goalsByMatch.get(row.id) ?? [], redCardsByMatch.get(row.id) ?? [])),
    calendar: rows.calendar.map((row) => ({
      id: row.id,
      phase: row.phase,
      round: row.round,
      kind: row.kind,
      stage: row.stage,
      matchday: row.matchday,
      leg: asLeg(row.leg, `calendar entry ${row.id}`),
      startDate: row.startDate,
      endDate: row.endDate,
      note: row.note,
      sources: row.sources,
    })),
    rankingCriteria: {
      confederationCup: {
        winners: criteria.winners,
        runnersUp: criteria.runnersUp,
        semiFinalists: criteria.semiFinalists,
        quarterFinalists: criteria.quarterFinalists,
        groupThird: criteria.groupThird,
        groupFourth: criteria.groupFourth,
      },
      seasonCoefficient: criteria.seasonCoefficient,
      note: criteria.note,
      sources: criteria.sources,
    },
    printedTotals:
      totals === undefined
        ? null
        : {
            matches: totals.matches,
            goals: totals.goals,
            groupMatches: totals.groupMatches,
            groupGoals: totals.groupGoals,
            note: totals.note,
            sources: totals.sources,
          },
    conflicts: rows.notes.filter((note) => note.kind === 'conflict').map(toNote),
    gaps: rows.notes.filter((note) => note.kind === 'gap').map(toNote),
  };
}

function toMatch(
  row: typeof matches.$inferSelect,
  goalRows: readonly (typeof goals.$inferSelect)[],
  cardRows: readonly (typeof redCards.$inferSelect)[],
): Match {
  return {
    id: row.id,
    stage: row.stage,
    group: row.groupId,
    matchday: row.matchday,
    tie: row.tie,
    leg: asLeg(row.leg, `match ${row.id}`),
    date: row.date,
    kickoff: row.kickoffAt === null ? null : formatInstant(row.kickoffAt),
    kickoffAlternatives: row.kickoffAlternatives,
    venue: row.venue,
    home: row.homeTeamId,
    away: row.awayTeamId,
    status: row.status,
    resultNotPublished: row.resultNotPublished,
    score: scoreOf(row.scoreHome, row.scoreAway),
    extraTime: row.extraTime,
    penalties: scoreOf(row.penaltiesHome, row.penaltiesAway),
    decision:
      row.decisionWinnerId === null
        ? null
        : {
            winner: row.decisionWinnerId as TeamId,
            score: scoreOf(row.decisionScoreHome, row.decisionScoreAway),
            reason: row.decisionReason ?? '',
            decidedOn: row.decisionDecidedOn,
          },
    goals: goalRows.map(
      (goal): Goal => ({ team: goal.teamId, player: goal.player, minute: goal.minute, type: goal.type }),
    ),
    referee: row.referee,
    attendance: row.attendance,
    redCards: row.redCardsRecorded
      ? cardRows.map((card): RedCard => ({ team: card.teamId, player: card.player, minute: card.minute }))
      : null,
    note: row.note,
    sources: row.sources,
  };
}

/** `2023-11-26T19:00:00Z`, the season file's form; milliseconds only when there are some. */
export function formatInstant(instant: Date): string {
  const iso = instant.toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

function scoreOf(home: number | null, away: number | null): Score | null {
  return home === null || away === null ? null : { home, away };
}

// The schema's CHECK allows only these; narrowing here keeps the domain type honest.
function asLeg(leg: number | null, what: string): 1 | 2 | null {
  if (leg === null || leg === 1 || leg === 2) return leg;
  throw new Error(`${what} has leg ${leg}; expected 1, 2 or none.`);
}

function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const grouped = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const bucket = grouped.get(key);
    if (bucket === undefined) grouped.set(key, [item]);
    else bucket.push(item);
  }
  return grouped;
}
