// PostgreSQL twin of ../schema.ts: the season tables, the same names, columns and rules. Times are
// timestamptz, JSON is jsonb; the date-only columns stay `YYYY-MM-DD` text with the same CHECK as in
// SQLite, so whatever SQLite accepted copies over unchanged.
import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { GOAL_TYPES, MATCH_STATUSES, STAGE_KINDS, TIEBREAK_RULES, type RankDispute } from '../../domain/types.js';
import { CALENDAR_KINDS, DEFAULT_STALE_AFTER_DAYS, SOURCE_NOTE_KINDS, STAGE_FORMATS } from '../schema.js';
import { bothOrNeither, groupLabel, isoDate, jsonArray, nullOrIsoDate, nullOrLeg, nullOrMatchday, oneOf, quoted, slug } from './checks.js';

/** Source references (URLs or seed citations), kept as a JSON array of strings. */
const sources = () => jsonb('sources').$type<string[]>().notNull();
const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
/** The season a row belongs to; deleting the season deletes its rows. */
const seasonId = () =>
  text('season_id')
    .notNull()
    .references((): AnyPgColumn => seasons.id, { onDelete: 'cascade' });

export const competitions = pgTable('competitions', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
});

export const seasons = pgTable(
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

export const associations = pgTable(
  'associations',
  {
    seasonId: seasonId(),
    name: text('name').notNull(),
    ordinal: integer('ordinal').notNull(),
    shortName: text('short_name'),
    code: text('code'),
    rank: integer('rank'),
    /** `{ printed, byPoints }` when sources disagree on the rank; null when they do not. */
    rankDispute: jsonb('rank_dispute').$type<RankDispute>(),
    rankConfidence: text('rank_confidence', { enum: ['sourced', 'low'] }).notNull().default('sourced'),
    points: doublePrecision('points'),
    entered: boolean('entered').notNull(),
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

export const stages = pgTable(
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
    unnamedGroup: boolean('unnamed_group').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.seasonId, t.code] }),
    unique('stages_season_ordinal_unique').on(t.seasonId, t.ordinal),
    check('stages_code_check', slug(t.code)),
    check('stages_format_check', oneOf(t.format, STAGE_FORMATS)),
  ],
);

/** Two-legged stages have rounds for legs 1 and 2; the group stage has matchdays 1–6. */
export const rounds = pgTable(
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

export const groups = pgTable(
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

export const teams = pgTable(
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

export const teamAliases = pgTable(
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

export const groupMembers = pgTable(
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

export const matches = pgTable(
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
    kickoffAt: at('kickoff_at'),
    /** Other UTC kickoffs sources give (ISO strings); `[]` when they agree. */
    kickoffAlternatives: jsonb('kickoff_alternatives')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    venue: text('venue'),
    homeTeamId: text('home_team_id').notNull(),
    awayTeamId: text('away_team_id').notNull(),
    status: text('status', { enum: MATCH_STATUSES }).notNull(),
    /** A scheduled match whose day passed with no published result. */
    resultNotPublished: boolean('result_not_published').notNull().default(false),
    scoreHome: integer('score_home'),
    scoreAway: integer('score_away'),
    extraTime: boolean('extra_time').notNull(),
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
    redCardsRecorded: boolean('red_cards_recorded').notNull().default(false),
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

export const goals = pgTable(
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

export const redCards = pgTable(
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

export const calendarEntries = pgTable(
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
export const rankingCriteria = pgTable(
  'ranking_criteria',
  {
    seasonId: text('season_id')
      .primaryKey()
      .references(() => seasons.id, { onDelete: 'cascade' }),
    winners: doublePrecision('winners').notNull(),
    runnersUp: doublePrecision('runners_up').notNull(),
    semiFinalists: doublePrecision('semi_finalists').notNull(),
    quarterFinalists: doublePrecision('quarter_finalists').notNull(),
    groupThird: doublePrecision('group_third').notNull(),
    groupFourth: doublePrecision('group_fourth').notNull(),
    seasonCoefficient: doublePrecision('season_coefficient').notNull(),
    note: text('note'),
    sources: sources(),
  },
  (t) => [check('ranking_criteria_sources_check', jsonArray(t.sources))],
);

/** Totals a source prints, kept to reconcile computed totals against. */
export const printedTotals = pgTable(
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
export const sourceNotes = pgTable(
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

export const dataImports = pgTable(
  'data_imports',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    seasonId: text('season_id').notNull(),
    contentHash: text('content_hash').notNull(),
    importedAt: at('imported_at').notNull(),
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
