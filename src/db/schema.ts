// The seasons as SQLite tables. One database holds several seasons (caf-cc-2023-24,
// caf-cl-2023-24, …): every per-season row carries `season_id`, in its key, its unique constraints
// and its foreign keys, so two seasons can hold the same team id, round id or group letter. The
// importer replaces one season's rows in one transaction. Order inside lists is kept in `ordinal`
// columns so the domain Season comes back exactly as it went in. Times are UTC.
import { sql, type SQL } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  unique,
  type AnySQLiteColumn,
} from 'drizzle-orm/sqlite-core';
import { GOAL_TYPES, MATCH_STATUSES, STAGE_KINDS, TIEBREAK_RULES, type RankDispute } from '../domain/types.js';

export const CALENDAR_KINDS = ['draw', 'matchday', 'leg'] as const;
export const SOURCE_NOTE_KINDS = ['conflict', 'gap'] as const;
export const ENTRY_STAGES = ['first_round', 'second_round'] as const;
/** How a stage is played: two legs per tie, a round robin in groups, or one match per tie (a single-leg final). */
export const STAGE_FORMATS = ['two_legged', 'round_robin', 'single_leg'] as const;
/** Checks the database keeps while formats are data: matchdays of a round robin, and the length of a stage code or group label. */
export const MAX_MATCHDAY = 38;
export const MAX_CODE_LENGTH = 40;

// Check constraints need literal SQL: Drizzle's `enum` option is type-only.
const quoted = (values: readonly string[]): SQL => sql.raw(values.map((value) => `'${value.replaceAll("'", "''")}'`).join(', '));
const oneOf = (column: AnySQLiteColumn, values: readonly string[]): SQL => sql`${column} in (${quoted(values)})`;
const bothOrNeither = (a: AnySQLiteColumn, b: AnySQLiteColumn): SQL => sql`(${a} is null) = (${b} is null)`;
const isoDate = (column: AnySQLiteColumn): SQL =>
  sql`${column} glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`;
const nullOrIsoDate = (column: AnySQLiteColumn): SQL => sql`${column} is null or ${isoDate(column)}`;
const jsonArray = (column: AnySQLiteColumn): SQL => sql`json_valid(${column}) and json_type(${column}) = 'array'`;
const nullOrLeg = (column: AnySQLiteColumn): SQL => sql`${column} is null or ${column} in (1, 2)`;
const nullOrMatchday = (column: AnySQLiteColumn): SQL => sql`${column} is null or ${column} between 1 and ${sql.raw(String(MAX_MATCHDAY))}`;
/** A stage's code is the season format's: a lower-case slug (`first_round`, `qualifying_1`, `group`). */
const slug = (column: AnySQLiteColumn): SQL =>
  sql`${column} glob '[a-z]*' and ${column} not glob '*[^a-z0-9_]*' and length(${column}) <= ${sql.raw(String(MAX_CODE_LENGTH))}`;
/** A group's id is its label in the season's format (`A`, `B`…, or a longer name). */
const groupLabel = (column: AnySQLiteColumn): SQL => sql`length(${column}) between 1 and ${sql.raw(String(MAX_CODE_LENGTH))}`;

/** Source references (URLs or seed citations), kept as a JSON array of strings. */
const sources = () => text('sources', { mode: 'json' }).$type<string[]>().notNull();
/** The season a row belongs to; deleting the season deletes its rows. */
const seasonId = () =>
  text('season_id')
    .notNull()
    .references((): AnySQLiteColumn => seasons.id, { onDelete: 'cascade' });
/** A season whose file names no `staleAfter`: days after the last result before it counts as stale. */
export const DEFAULT_STALE_AFTER_DAYS = 21;

export const competitions = sqliteTable('competitions', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
});

export const seasons = sqliteTable(
  'seasons',
  {
    id: text('id').primaryKey(),
    competitionId: text('competition_id')
      .notNull()
      .references(() => competitions.id),
    name: text('name').notNull(),
    /** `2023-24`, or `2023` for a one-year competition. */
    label: text('label').notNull(),
    asOf: text('as_of').notNull(),
    /** Days after the last result before an unfinished season counts as stale. */
    staleAfterDays: integer('stale_after_days').notNull().default(DEFAULT_STALE_AFTER_DAYS),
    /** `YYYY-MM-DD` after which the season is finished whatever its results say; null when not set. */
    endDate: text('end_date'),
    /**
     * A team of this season (the season file's parser checks it). No foreign key: teams point at
     * their season, and a key back would make a cycle no copy order can satisfy (db:copy).
     */
    championTeamId: text('champion_team_id'),
    /** The format's tiebreak rule set (`caf`); null on rows written before it was stored (read as `caf`). */
    tiebreak: text('tiebreak', { enum: TIEBREAK_RULES }),
  },
  (t) => [
    check('seasons_as_of_check', isoDate(t.asOf)),
    check('seasons_end_date_check', nullOrIsoDate(t.endDate)),
    check('seasons_stale_after_check', sql`${t.staleAfterDays} >= 1`),
  ],
);

export const associations = sqliteTable(
  'associations',
  {
    seasonId: seasonId(),
    name: text('name').notNull(),
    ordinal: integer('ordinal').notNull(),
    shortName: text('short_name'),
    code: text('code'),
    rank: integer('rank'),
    /** `{ printed, byPoints }` when sources disagree on the rank; null when they do not. */
    rankDispute: text('rank_dispute', { mode: 'json' }).$type<RankDispute>(),
    rankConfidence: text('rank_confidence', { enum: ['sourced', 'low'] }).notNull().default('sourced'),
    points: real('points'),
    entered: integer('entered', { mode: 'boolean' }).notNull(),
    note: text('note'),
    sources: sources(),
  },
  (t) => [
    primaryKey({ columns: [t.seasonId, t.name] }),
    unique('associations_season_ordinal_unique').on(t.seasonId, t.ordinal),
    unique('associations_season_code_unique').on(t.seasonId, t.code),
    check('associations_sources_check', jsonArray(t.sources)),
  ],
);

export const stages = sqliteTable(
  'stages',
  {
    seasonId: seasonId(),
    code: text('code').notNull(),
    ordinal: integer('ordinal').notNull(),
    name: text('name').notNull(),
    format: text('format', { enum: STAGE_FORMATS }).notNull(),
    /** `qualifying`, `group` or `knockout`; null on rows written before it was stored (src/db/format.ts reads those by rule). */
    kind: text('kind', { enum: STAGE_KINDS }),
    /** The stage's short key in round ids (`QF`); null on rows written before it was stored. */
    key: text('key'),
    /** A group stage of one group fans see without a label (a league phase). */
    unnamedGroup: integer('unnamed_group', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.seasonId, t.code] }),
    unique('stages_season_ordinal_unique').on(t.seasonId, t.ordinal),
    check('stages_code_check', slug(t.code)),
    check('stages_format_check', oneOf(t.format, STAGE_FORMATS)),
  ],
);

/** Two-legged stages have rounds for legs 1 and 2; the group stage has matchdays 1–6. */
export const rounds = sqliteTable(
  'rounds',
  {
    seasonId: seasonId(),
    id: text('id').notNull(),
    ordinal: integer('ordinal').notNull(),
    stage: text('stage').notNull(),
    matchday: integer('matchday'),
    leg: integer('leg'),
    name: text('name').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.seasonId, t.id] }),
    unique('rounds_season_ordinal_unique').on(t.seasonId, t.ordinal),
    foreignKey({ columns: [t.seasonId, t.stage], foreignColumns: [stages.seasonId, stages.code], name: 'rounds_stage_fk' }),
    index('rounds_stage_idx').on(t.seasonId, t.stage),
    check('rounds_leg_check', nullOrLeg(t.leg)),
    check('rounds_matchday_check', nullOrMatchday(t.matchday)),
    // A two-legged round has a leg, a group round a matchday, a single-leg knockout round neither.
    check('rounds_leg_or_matchday_check', sql`${t.leg} is null or ${t.matchday} is null`),
  ],
);

export const groups = sqliteTable(
  'groups',
  {
    seasonId: seasonId(),
    id: text('id').notNull(),
    ordinal: integer('ordinal').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.seasonId, t.id] }),
    unique('groups_season_ordinal_unique').on(t.seasonId, t.ordinal),
    check('groups_id_check', groupLabel(t.id)),
  ],
);

export const teams = sqliteTable(
  'teams',
  {
    seasonId: seasonId(),
    id: text('id').notNull(),
    ordinal: integer('ordinal').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    association: text('association').notNull(),
    qualifyingMethod: text('qualifying_method'),
    entryStage: text('entry_stage').notNull(),
    note: text('note'),
    sources: sources(),
  },
  (t) => [
    primaryKey({ columns: [t.seasonId, t.id] }),
    unique('teams_season_ordinal_unique').on(t.seasonId, t.ordinal),
    foreignKey({ columns: [t.seasonId, t.association], foreignColumns: [associations.seasonId, associations.name], name: 'teams_association_fk' }),
    foreignKey({ columns: [t.seasonId, t.entryStage], foreignColumns: [stages.seasonId, stages.code], name: 'teams_entry_stage_fk' }),
    index('teams_name_idx').on(t.name),
    index('teams_association_idx').on(t.seasonId, t.association),
    check('teams_entry_stage_check', slug(t.entryStage)),
    check('teams_sources_check', jsonArray(t.sources)),
  ],
);

export const teamAliases = sqliteTable(
  'team_aliases',
  {
    seasonId: seasonId(),
    teamId: text('team_id').notNull(),
    ordinal: integer('ordinal').notNull(),
    alias: text('alias').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.seasonId, t.teamId, t.ordinal] }),
    foreignKey({ columns: [t.seasonId, t.teamId], foreignColumns: [teams.seasonId, teams.id], name: 'team_aliases_team_fk' }).onDelete('cascade'),
    index('team_aliases_alias_idx').on(t.alias),
  ],
);

export const groupMembers = sqliteTable(
  'group_members',
  {
    seasonId: seasonId(),
    teamId: text('team_id').notNull(),
    groupId: text('group_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.seasonId, t.teamId] }),
    foreignKey({ columns: [t.seasonId, t.teamId], foreignColumns: [teams.seasonId, teams.id], name: 'group_members_team_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.seasonId, t.groupId], foreignColumns: [groups.seasonId, groups.id], name: 'group_members_group_fk' }),
    index('group_members_group_idx').on(t.seasonId, t.groupId),
  ],
);

export const matches = sqliteTable(
  'matches',
  {
    seasonId: seasonId(),
    id: text('id').notNull(),
    ordinal: integer('ordinal').notNull(),
    stage: text('stage').notNull(),
    /** Null only for a walkover with no leg played. */
    roundId: text('round_id'),
    groupId: text('group_id'),
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
    homeTeamId: text('home_team_id').notNull(),
    awayTeamId: text('away_team_id').notNull(),
    status: text('status', { enum: MATCH_STATUSES }).notNull(),
    /** A scheduled match whose day passed with no published result. */
    resultNotPublished: integer('result_not_published', { mode: 'boolean' }).notNull().default(false),
    scoreHome: integer('score_home'),
    scoreAway: integer('score_away'),
    extraTime: integer('extra_time', { mode: 'boolean' }).notNull(),
    penaltiesHome: integer('penalties_home'),
    penaltiesAway: integer('penalties_away'),
    decisionWinnerId: text('decision_winner_id'),
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
    primaryKey({ columns: [t.seasonId, t.id] }),
    unique('matches_season_ordinal_unique').on(t.seasonId, t.ordinal),
    foreignKey({ columns: [t.seasonId, t.stage], foreignColumns: [stages.seasonId, stages.code], name: 'matches_stage_fk' }),
    foreignKey({ columns: [t.seasonId, t.roundId], foreignColumns: [rounds.seasonId, rounds.id], name: 'matches_round_fk' }),
    foreignKey({ columns: [t.seasonId, t.groupId], foreignColumns: [groups.seasonId, groups.id], name: 'matches_group_fk' }),
    foreignKey({ columns: [t.seasonId, t.homeTeamId], foreignColumns: [teams.seasonId, teams.id], name: 'matches_home_fk' }),
    foreignKey({ columns: [t.seasonId, t.awayTeamId], foreignColumns: [teams.seasonId, teams.id], name: 'matches_away_fk' }),
    foreignKey({ columns: [t.seasonId, t.decisionWinnerId], foreignColumns: [teams.seasonId, teams.id], name: 'matches_decision_winner_fk' }),
    index('matches_stage_idx').on(t.seasonId, t.stage, t.tie, t.leg),
    index('matches_round_idx').on(t.seasonId, t.roundId),
    index('matches_group_idx').on(t.seasonId, t.groupId, t.matchday),
    index('matches_home_idx').on(t.seasonId, t.homeTeamId),
    index('matches_away_idx').on(t.seasonId, t.awayTeamId),
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
    seasonId: seasonId(),
    matchId: text('match_id').notNull(),
    ordinal: integer('ordinal').notNull(),
    /** The team credited; for an own goal, the beneficiary. */
    teamId: text('team_id').notNull(),
    player: text('player'),
    /** As written by the source: `54`, `90+4`. */
    minute: text('minute'),
    type: text('type', { enum: GOAL_TYPES }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.seasonId, t.matchId, t.ordinal] }),
    foreignKey({ columns: [t.seasonId, t.matchId], foreignColumns: [matches.seasonId, matches.id], name: 'goals_match_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.seasonId, t.teamId], foreignColumns: [teams.seasonId, teams.id], name: 'goals_team_fk' }),
    index('goals_team_idx').on(t.seasonId, t.teamId),
    index('goals_player_idx').on(t.player),
    check('goals_type_check', oneOf(t.type, GOAL_TYPES)),
  ],
);

export const redCards = sqliteTable(
  'red_cards',
  {
    seasonId: seasonId(),
    matchId: text('match_id').notNull(),
    ordinal: integer('ordinal').notNull(),
    teamId: text('team_id').notNull(),
    player: text('player'),
    minute: text('minute'),
  },
  (t) => [
    primaryKey({ columns: [t.seasonId, t.matchId, t.ordinal] }),
    foreignKey({ columns: [t.seasonId, t.matchId], foreignColumns: [matches.seasonId, matches.id], name: 'red_cards_match_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.seasonId, t.teamId], foreignColumns: [teams.seasonId, teams.id], name: 'red_cards_team_fk' }),
    index('red_cards_team_idx').on(t.seasonId, t.teamId),
  ],
);

export const calendarEntries = sqliteTable(
  'calendar_entries',
  {
    seasonId: seasonId(),
    id: text('id').notNull(),
    ordinal: integer('ordinal').notNull(),
    phase: text('phase').notNull(),
    round: text('round').notNull(),
    kind: text('kind', { enum: CALENDAR_KINDS }).notNull(),
    stage: text('stage'),
    matchday: integer('matchday'),
    leg: integer('leg'),
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    note: text('note'),
    sources: sources(),
  },
  (t) => [
    primaryKey({ columns: [t.seasonId, t.id] }),
    unique('calendar_entries_season_ordinal_unique').on(t.seasonId, t.ordinal),
    foreignKey({ columns: [t.seasonId, t.stage], foreignColumns: [stages.seasonId, stages.code], name: 'calendar_entries_stage_fk' }),
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
    seasonId: seasonId(),
    kind: text('kind', { enum: SOURCE_NOTE_KINDS }).notNull(),
    ordinal: integer('ordinal').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    sources: sources(),
  },
  (t) => [
    primaryKey({ columns: [t.seasonId, t.kind, t.ordinal] }),
    index('source_notes_subject_idx').on(t.subject),
    check('source_notes_kind_check', oneOf(t.kind, SOURCE_NOTE_KINDS)),
    check('source_notes_sources_check', jsonArray(t.sources)),
  ],
);

/**
 * One row per import of one season: which file content that season holds (the newest row per
 * season_id). Not season data, so never replaced; it outlives a season dropped from the list.
 */
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
  (t) => [index('data_imports_imported_at_idx').on(t.importedAt), index('data_imports_season_idx').on(t.seasonId, t.id)],
);

/** Season tables in an order where every table comes after the tables it references. */
export const SEASON_TABLES_PARENTS_FIRST = [
  competitions,
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
] as const;
