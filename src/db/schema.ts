// The season as SQLite tables. One database holds one season at a time: the importer replaces
// every season table in one transaction. Order inside lists is kept in `ordinal` columns so the
// domain Season comes back exactly as it went in. Times are UTC; Discord ids (later) are TEXT.
import { sql, type SQL } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  type AnySQLiteColumn,
} from 'drizzle-orm/sqlite-core';
import { GOAL_TYPES, GROUPS, MATCH_STATUSES, STAGES, type RankDispute } from '../domain/types.js';

export const CALENDAR_KINDS = ['draw', 'matchday', 'leg'] as const;
export const SOURCE_NOTE_KINDS = ['conflict', 'gap'] as const;
export const ENTRY_STAGES = ['first_round', 'second_round'] as const;
export const STAGE_FORMATS = ['two_legged', 'round_robin'] as const;

// Check constraints need literal SQL: Drizzle's `enum` option is type-only.
const quoted = (values: readonly string[]): SQL => sql.raw(values.map((value) => `'${value.replaceAll("'", "''")}'`).join(', '));
const oneOf = (column: AnySQLiteColumn, values: readonly string[]): SQL => sql`${column} in (${quoted(values)})`;
const bothOrNeither = (a: AnySQLiteColumn, b: AnySQLiteColumn): SQL => sql`(${a} is null) = (${b} is null)`;
const isoDate = (column: AnySQLiteColumn): SQL =>
  sql`${column} glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`;
const nullOrIsoDate = (column: AnySQLiteColumn): SQL => sql`${column} is null or ${isoDate(column)}`;
const jsonArray = (column: AnySQLiteColumn): SQL => sql`json_valid(${column}) and json_type(${column}) = 'array'`;
const nullOrLeg = (column: AnySQLiteColumn): SQL => sql`${column} is null or ${column} in (1, 2)`;
const nullOrMatchday = (column: AnySQLiteColumn): SQL => sql`${column} is null or ${column} between 1 and 6`;

/** Source references (URLs or seed citations), kept as a JSON array of strings. */
const sources = () => text('sources', { mode: 'json' }).$type<string[]>().notNull();

export const competitions = sqliteTable('competitions', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
});

export const associations = sqliteTable(
  'associations',
  {
    name: text('name').primaryKey(),
    ordinal: integer('ordinal').notNull().unique(),
    shortName: text('short_name'),
    code: text('code').unique(),
    rank: integer('rank'),
    /** `{ printed, byPoints }` when sources disagree on the rank; null when they do not. */
    rankDispute: text('rank_dispute', { mode: 'json' }).$type<RankDispute>(),
    rankConfidence: text('rank_confidence', { enum: ['sourced', 'low'] }).notNull().default('sourced'),
    points: real('points'),
    entered: integer('entered', { mode: 'boolean' }).notNull(),
    note: text('note'),
    sources: sources(),
  },
  (t) => [check('associations_sources_check', jsonArray(t.sources))],
);

export const stages = sqliteTable(
  'stages',
  {
    code: text('code', { enum: STAGES }).primaryKey(),
    ordinal: integer('ordinal').notNull().unique(),
    name: text('name').notNull(),
    format: text('format', { enum: STAGE_FORMATS }).notNull(),
  },
  (t) => [check('stages_code_check', oneOf(t.code, STAGES)), check('stages_format_check', oneOf(t.format, STAGE_FORMATS))],
);

/** Two-legged stages have rounds for legs 1 and 2; the group stage has matchdays 1–6. */
export const rounds = sqliteTable(
  'rounds',
  {
    id: text('id').primaryKey(),
    ordinal: integer('ordinal').notNull().unique(),
    stage: text('stage', { enum: STAGES })
      .notNull()
      .references(() => stages.code),
    matchday: integer('matchday'),
    leg: integer('leg'),
    name: text('name').notNull(),
  },
  (t) => [
    index('rounds_stage_idx').on(t.stage),
    check('rounds_leg_check', nullOrLeg(t.leg)),
    check('rounds_matchday_check', nullOrMatchday(t.matchday)),
    check('rounds_leg_or_matchday_check', sql`(${t.leg} is null) <> (${t.matchday} is null)`),
  ],
);

export const groups = sqliteTable(
  'groups',
  {
    id: text('id', { enum: GROUPS }).primaryKey(),
    ordinal: integer('ordinal').notNull().unique(),
  },
  (t) => [check('groups_id_check', oneOf(t.id, GROUPS))],
);

export const teams = sqliteTable(
  'teams',
  {
    id: text('id').primaryKey(),
    ordinal: integer('ordinal').notNull().unique(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    association: text('association')
      .notNull()
      .references(() => associations.name),
    qualifyingMethod: text('qualifying_method'),
    entryStage: text('entry_stage', { enum: ENTRY_STAGES })
      .notNull()
      .references(() => stages.code),
    note: text('note'),
    sources: sources(),
  },
  (t) => [
    index('teams_name_idx').on(t.name),
    index('teams_association_idx').on(t.association),
    check('teams_entry_stage_check', oneOf(t.entryStage, ENTRY_STAGES)),
    check('teams_sources_check', jsonArray(t.sources)),
  ],
);

export const teamAliases = sqliteTable(
  'team_aliases',
  {
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    ordinal: integer('ordinal').notNull(),
    alias: text('alias').notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.ordinal] }), index('team_aliases_alias_idx').on(t.alias)],
);

export const groupMembers = sqliteTable(
  'group_members',
  {
    teamId: text('team_id')
      .primaryKey()
      .references(() => teams.id, { onDelete: 'cascade' }),
    groupId: text('group_id', { enum: GROUPS })
      .notNull()
      .references(() => groups.id),
  },
  (t) => [index('group_members_group_idx').on(t.groupId)],
);

export const seasons = sqliteTable(
  'seasons',
  {
    id: text('id').primaryKey(),
    competitionId: text('competition_id')
      .notNull()
      .references(() => competitions.id),
    name: text('name').notNull(),
    asOf: text('as_of').notNull(),
    championTeamId: text('champion_team_id').references(() => teams.id),
  },
  (t) => [check('seasons_as_of_check', isoDate(t.asOf))],
);

export const matches = sqliteTable(
  'matches',
  {
    id: text('id').primaryKey(),
    ordinal: integer('ordinal').notNull().unique(),
    stage: text('stage', { enum: STAGES })
      .notNull()
      .references(() => stages.code),
    /** Null only for a walkover with no leg played. */
    roundId: text('round_id').references(() => rounds.id),
    groupId: text('group_id', { enum: GROUPS }).references(() => groups.id),
    matchday: integer('matchday'),
    tie: integer('tie'),
    leg: integer('leg'),
    /** Local match date `YYYY-MM-DD`, kept even when the kickoff time is unknown. */
    date: text('date'),
    /** UTC instant; null when no source gives the time. */
    kickoffAt: integer('kickoff_at', { mode: 'timestamp_ms' }),
    /** Other UTC kickoffs sources give (ISO strings); `[]` when they agree. */
    kickoffAlternatives: text('kickoff_alternatives', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    venue: text('venue'),
    homeTeamId: text('home_team_id')
      .notNull()
      .references(() => teams.id),
    awayTeamId: text('away_team_id')
      .notNull()
      .references(() => teams.id),
    status: text('status', { enum: MATCH_STATUSES }).notNull(),
    /** A scheduled match whose day passed with no published result. */
    resultNotPublished: integer('result_not_published', { mode: 'boolean' }).notNull().default(false),
    scoreHome: integer('score_home'),
    scoreAway: integer('score_away'),
    extraTime: integer('extra_time', { mode: 'boolean' }).notNull(),
    penaltiesHome: integer('penalties_home'),
    penaltiesAway: integer('penalties_away'),
    decisionWinnerId: text('decision_winner_id').references(() => teams.id),
    decisionScoreHome: integer('decision_score_home'),
    decisionScoreAway: integer('decision_score_away'),
    decisionReason: text('decision_reason'),
    /** `YYYY-MM-DD` the decision was made; null when no source dates it. */
    decisionDecidedOn: text('decision_decided_on'),
    referee: text('referee'),
    attendance: integer('attendance'),
    /** False when no source covers sendings-off (the domain's null); the cards are in red_cards. */
    redCardsRecorded: integer('red_cards_recorded', { mode: 'boolean' }).notNull().default(false),
    note: text('note'),
    sources: sources(),
  },
  (t) => [
    index('matches_stage_idx').on(t.stage, t.tie, t.leg),
    index('matches_round_idx').on(t.roundId),
    index('matches_group_idx').on(t.groupId, t.matchday),
    index('matches_home_idx').on(t.homeTeamId),
    index('matches_away_idx').on(t.awayTeamId),
    index('matches_kickoff_idx').on(t.kickoffAt),
    index('matches_date_idx').on(t.date),
    check('matches_status_check', oneOf(t.status, MATCH_STATUSES)),
    check('matches_teams_differ_check', sql`${t.homeTeamId} <> ${t.awayTeamId}`),
    check('matches_leg_check', nullOrLeg(t.leg)),
    check('matches_matchday_check', nullOrMatchday(t.matchday)),
    check('matches_date_check', nullOrIsoDate(t.date)),
    check('matches_score_check', bothOrNeither(t.scoreHome, t.scoreAway)),
    check('matches_penalties_check', bothOrNeither(t.penaltiesHome, t.penaltiesAway)),
    check('matches_decision_score_check', bothOrNeither(t.decisionScoreHome, t.decisionScoreAway)),
    check('matches_decision_reason_check', bothOrNeither(t.decisionWinnerId, t.decisionReason)),
    check(
      'matches_decision_status_check',
      sql`(${t.decisionWinnerId} is not null) = (${t.status} in (${quoted(['awarded', 'walkover'])}))`,
    ),
    check('matches_sources_check', jsonArray(t.sources)),
  ],
);

export const goals = sqliteTable(
  'goals',
  {
    matchId: text('match_id')
      .notNull()
      .references(() => matches.id, { onDelete: 'cascade' }),
    ordinal: integer('ordinal').notNull(),
    /** The team credited; for an own goal, the beneficiary. */
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id),
    player: text('player'),
    /** As written by the source: `54`, `90+4`. */
    minute: text('minute'),
    type: text('type', { enum: GOAL_TYPES }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.matchId, t.ordinal] }),
    index('goals_team_idx').on(t.teamId),
    index('goals_player_idx').on(t.player),
    check('goals_type_check', oneOf(t.type, GOAL_TYPES)),
  ],
);

export const redCards = sqliteTable(
  'red_cards',
  {
    matchId: text('match_id')
      .notNull()
      .references(() => matches.id, { onDelete: 'cascade' }),
    ordinal: integer('ordinal').notNull(),
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id),
    player: text('player'),
    minute: text('minute'),
  },
  (t) => [primaryKey({ columns: [t.matchId, t.ordinal] }), index('red_cards_team_idx').on(t.teamId)],
);

export const calendarEntries = sqliteTable(
  'calendar_entries',
  {
    id: text('id').primaryKey(),
    ordinal: integer('ordinal').notNull().unique(),
    phase: text('phase').notNull(),
    round: text('round').notNull(),
    kind: text('kind', { enum: CALENDAR_KINDS }).notNull(),
    stage: text('stage', { enum: STAGES }).references(() => stages.code),
    matchday: integer('matchday'),
    leg: integer('leg'),
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    note: text('note'),
    sources: sources(),
  },
  (t) => [
    index('calendar_entries_start_idx').on(t.startDate),
    check('calendar_entries_kind_check', oneOf(t.kind, CALENDAR_KINDS)),
    check('calendar_entries_leg_check', nullOrLeg(t.leg)),
    check('calendar_entries_dates_check', sql`${isoDate(t.startDate)} and ${isoDate(t.endDate)} and ${t.endDate} >= ${t.startDate}`),
    check('calendar_entries_sources_check', jsonArray(t.sources)),
  ],
);

/** Points per Confederation Cup achievement (0.5 for a group fourth, hence REAL). */
export const rankingCriteria = sqliteTable(
  'ranking_criteria',
  {
    seasonId: text('season_id')
      .primaryKey()
      .references(() => seasons.id, { onDelete: 'cascade' }),
    winners: real('winners').notNull(),
    runnersUp: real('runners_up').notNull(),
    semiFinalists: real('semi_finalists').notNull(),
    quarterFinalists: real('quarter_finalists').notNull(),
    groupThird: real('group_third').notNull(),
    groupFourth: real('group_fourth').notNull(),
    seasonCoefficient: real('season_coefficient').notNull(),
    note: text('note'),
    sources: sources(),
  },
  (t) => [check('ranking_criteria_sources_check', jsonArray(t.sources))],
);

/** Totals a source prints, kept to reconcile computed totals against. */
export const printedTotals = sqliteTable(
  'printed_totals',
  {
    seasonId: text('season_id')
      .primaryKey()
      .references(() => seasons.id, { onDelete: 'cascade' }),
    matches: integer('matches').notNull(),
    goals: integer('goals').notNull(),
    groupMatches: integer('group_matches').notNull(),
    groupGoals: integer('group_goals').notNull(),
    note: text('note'),
    sources: sources(),
  },
  (t) => [check('printed_totals_sources_check', jsonArray(t.sources))],
);

/** Where sources disagree (`conflict`) or say nothing (`gap`). */
export const sourceNotes = sqliteTable(
  'source_notes',
  {
    kind: text('kind', { enum: SOURCE_NOTE_KINDS }).notNull(),
    ordinal: integer('ordinal').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    sources: sources(),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.ordinal] }),
    index('source_notes_subject_idx').on(t.subject),
    check('source_notes_kind_check', oneOf(t.kind, SOURCE_NOTE_KINDS)),
    check('source_notes_sources_check', jsonArray(t.sources)),
  ],
);

/** One row per import: which season file content is loaded. Not season data, so never replaced. */
export const dataImports = sqliteTable(
  'data_imports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    seasonId: text('season_id').notNull(),
    contentHash: text('content_hash').notNull(),
    importedAt: integer('imported_at', { mode: 'timestamp_ms' }).notNull(),
    associations: integer('associations').notNull(),
    teams: integer('teams').notNull(),
    aliases: integer('aliases').notNull(),
    matches: integer('matches').notNull(),
    goals: integer('goals').notNull(),
    calendarEntries: integer('calendar_entries').notNull(),
    conflicts: integer('conflicts').notNull(),
    gaps: integer('gaps').notNull(),
  },
  (t) => [index('data_imports_imported_at_idx').on(t.importedAt)],
);

/** Season tables in an order where every table comes after the tables it references. */
export const SEASON_TABLES_PARENTS_FIRST = [
  competitions,
  stages,
  rounds,
  groups,
  associations,
  teams,
  teamAliases,
  groupMembers,
  seasons,
  matches,
  goals,
  redCards,
  calendarEntries,
  rankingCriteria,
  printedTotals,
  sourceNotes,
] as const;
