// PostgreSQL twin of ../schema.ts: the season tables, the same names, columns and rules. Times are
// timestamptz, JSON is jsonb; the date-only columns stay `YYYY-MM-DD` text with the same CHECK as in
// SQLite, so whatever SQLite accepted copies over unchanged.
import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { GOAL_TYPES, GROUPS, MATCH_STATUSES, STAGES, type RankDispute } from '../../domain/types.js';
import { CALENDAR_KINDS, ENTRY_STAGES, SOURCE_NOTE_KINDS, STAGE_FORMATS } from '../schema.js';
import { bothOrNeither, isoDate, jsonArray, nullOrIsoDate, nullOrLeg, nullOrMatchday, oneOf, quoted } from './checks.js';

/** Source references (URLs or seed citations), kept as a JSON array of strings. */
const sources = () => jsonb('sources').$type<string[]>().notNull();
const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const competitions = pgTable('competitions', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
});

export const associations = pgTable(
  'associations',
  {
    name: text('name').primaryKey(),
    ordinal: integer('ordinal').notNull().unique(),
    shortName: text('short_name'),
    code: text('code').unique(),
    rank: integer('rank'),
    rankDispute: jsonb('rank_dispute').$type<RankDispute>(),
    rankConfidence: text('rank_confidence', { enum: ['sourced', 'low'] }).notNull().default('sourced'),
    points: doublePrecision('points'),
    entered: boolean('entered').notNull(),
    note: text('note'),
    sources: sources(),
  },
  (t) => [check('associations_sources_check', jsonArray(t.sources))],
);

export const stages = pgTable(
  'stages',
  {
    code: text('code', { enum: STAGES }).primaryKey(),
    ordinal: integer('ordinal').notNull().unique(),
    name: text('name').notNull(),
    format: text('format', { enum: STAGE_FORMATS }).notNull(),
  },
  (t) => [check('stages_code_check', oneOf(t.code, STAGES)), check('stages_format_check', oneOf(t.format, STAGE_FORMATS))],
);

export const rounds = pgTable(
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

export const groups = pgTable(
  'groups',
  {
    id: text('id', { enum: GROUPS }).primaryKey(),
    ordinal: integer('ordinal').notNull().unique(),
  },
  (t) => [check('groups_id_check', oneOf(t.id, GROUPS))],
);

export const teams = pgTable(
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

export const teamAliases = pgTable(
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

export const groupMembers = pgTable(
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

export const seasons = pgTable(
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

export const matches = pgTable(
  'matches',
  {
    id: text('id').primaryKey(),
    ordinal: integer('ordinal').notNull().unique(),
    stage: text('stage', { enum: STAGES })
      .notNull()
      .references(() => stages.code),
    roundId: text('round_id').references(() => rounds.id),
    groupId: text('group_id', { enum: GROUPS }).references(() => groups.id),
    matchday: integer('matchday'),
    tie: integer('tie'),
    leg: integer('leg'),
    date: text('date'),
    kickoffAt: at('kickoff_at'),
    kickoffAlternatives: jsonb('kickoff_alternatives')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    venue: text('venue'),
    homeTeamId: text('home_team_id')
      .notNull()
      .references(() => teams.id),
    awayTeamId: text('away_team_id')
      .notNull()
      .references(() => teams.id),
    status: text('status', { enum: MATCH_STATUSES }).notNull(),
    resultNotPublished: boolean('result_not_published').notNull().default(false),
    scoreHome: integer('score_home'),
    scoreAway: integer('score_away'),
    extraTime: boolean('extra_time').notNull(),
    penaltiesHome: integer('penalties_home'),
    penaltiesAway: integer('penalties_away'),
    decisionWinnerId: text('decision_winner_id').references(() => teams.id),
    decisionScoreHome: integer('decision_score_home'),
    decisionScoreAway: integer('decision_score_away'),
    decisionReason: text('decision_reason'),
    decisionDecidedOn: text('decision_decided_on'),
    referee: text('referee'),
    attendance: integer('attendance'),
    redCardsRecorded: boolean('red_cards_recorded').notNull().default(false),
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
    check('matches_decision_status_check', sql`(${t.decisionWinnerId} is not null) = (${t.status} in (${quoted(['awarded', 'walkover'])}))`),
    check('matches_sources_check', jsonArray(t.sources)),
  ],
);

export const goals = pgTable(
  'goals',
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
    type: text('type', { enum: GOAL_TYPES }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.matchId, t.ordinal] }),
    index('goals_team_idx').on(t.teamId),
    index('goals_player_idx').on(t.player),
    check('goals_type_check', oneOf(t.type, GOAL_TYPES)),
  ],
);

export const redCards = pgTable(
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

export const calendarEntries = pgTable(
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

export const sourceNotes = pgTable(
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
  (t) => [index('data_imports_imported_at_idx').on(t.importedAt)],
);
