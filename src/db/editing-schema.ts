// Editors' corrections in SQLite (the live-season issue): what a season's source said before any
// correction (season_bases), the corrections themselves (season_overrides, applied on top of the
// base by src/domain/overrides.ts at every import), the append-only journal of every change (who,
// when, before, after, source), and when the bot first saw each fact (fact_sightings: a result or a
// goal is "known" from the moment it was saved, which drives the full-time and goal posts).
// None of these tables has a foreign key to `seasons`: an import replaces a season's rows, and
// corrections and their journal must outlive that. Times are bot-clock epoch ms; Discord ids are TEXT.
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';

/** Where a season's base came from: its file, its polled source, or an editor's `/edit season new`. */
export const SEASON_BASE_ORIGINS = ['file', 'source', 'editor'] as const;
export type SeasonBaseOrigin = (typeof SEASON_BASE_ORIGINS)[number];

/** What an editor did: the `/edit` subcommand that wrote the journal row. */
export const EDIT_ACTIONS = ['result', 'goal', 'kickoff', 'status', 'fixture', 'season_new', 'undo'] as const;
export type EditAction = (typeof EDIT_ACTIONS)[number];

const oneOf = (column: AnySQLiteColumn, values: readonly string[]) => sql`${column} in (${sql.raw(values.map((v) => `'${v}'`).join(', '))})`;
const snowflake = (column: AnySQLiteColumn) => sql`${column} glob '[0-9]*' and length(${column}) between 1 and 20`;
const json = (column: AnySQLiteColumn) => sql`json_valid(${column})`;
const jsonObject = (column: AnySQLiteColumn) => sql`json_valid(${column}) and json_type(${column}) = 'object'`;

/** A season as its source gave it, before overrides: what an undo falls back to. One row per season. */
export const seasonBases = sqliteTable(
  'season_bases',
  {
    seasonId: text('season_id').primaryKey(),
    origin: text('origin', { enum: SEASON_BASE_ORIGINS }).notNull(),
    /** The season file's JSON (the data:export format). */
    body: text('body', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    /** sha256 of `body`. */
    hash: text('hash').notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [check('season_bases_origin_check', oneOf(t.origin, SEASON_BASE_ORIGINS)), check('season_bases_body_check', jsonObject(t.body))],
);

/**
 * The editors' journal, append-only: every confirmed change, and every undo as a row of its own
 * (`undoes` names the row it reverts; one undo per row).
 */
export const editJournal = sqliteTable(
  'edit_journal',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    seasonId: text('season_id').notNull(),
    /** The match changed; null for a season-wide change (`season_new`). */
    matchId: text('match_id'),
    action: text('action', { enum: EDIT_ACTIONS }).notNull(),
    editorId: text('editor_id').notNull(),
    /** The editor's display name when they made the change (kept: the journal is a record). */
    editorName: text('editor_name').notNull(),
    /** The server the change was made in (the editor server). */
    guildId: text('guild_id').notNull(),
    /** Bot-clock time of the confirm. */
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    /** The changed fields' values before and after, as JSON objects keyed by field. */
    before: text('before', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    after: text('after', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    /** Where the editor read it (a URL or a short citation). */
    source: text('source').notNull(),
    reason: text('reason'),
    undoes: integer('undoes').references((): AnySQLiteColumn => editJournal.id),
  },
  (t) => [
    index('edit_journal_season_match_idx').on(t.seasonId, t.matchId),
    uniqueIndex('edit_journal_undoes_uq').on(t.undoes),
    check('edit_journal_action_check', oneOf(t.action, EDIT_ACTIONS)),
    check('edit_journal_editor_check', snowflake(t.editorId)),
    check('edit_journal_guild_check', snowflake(t.guildId)),
    check('edit_journal_source_check', sql`length(trim(${t.source})) between 1 and 500`),
    check('edit_journal_before_check', jsonObject(t.before)),
    check('edit_journal_after_check', jsonObject(t.after)),
    check('edit_journal_undo_check', sql`(${t.action} = 'undo') = (${t.undoes} is not null)`),
  ],
);

/**
 * One correction of one field of one match (src/domain/overrides.ts), or a match an editor added
 * (field `match`, the whole match as value). Live while `retired_at` is null; for one (season,
 * match, field) the newest live row wins.
 */
export const seasonOverrides = sqliteTable(
  'season_overrides',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    seasonId: text('season_id').notNull(),
    matchId: text('match_id').notNull(),
    field: text('field').notNull(),
    /** The field's value, JSON-encoded text in both dialects (`null` is a value: "kickoff not known"). */
    value: text('value').notNull(),
    journalId: integer('journal_id')
      .notNull()
      .references(() => editJournal.id),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    /** Set by an undo (or when an editor retires an override the source now agrees with). */
    retiredAt: integer('retired_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('season_overrides_match_idx').on(t.seasonId, t.matchId, t.field), check('season_overrides_value_check', json(t.value))],
);

/**
 * When this installation first saw a fact of a match: `result`, or `goal:<key>` per goal. Written
 * by an editor's confirm and by a source import, never by a start that imports a file (a file's
 * results are known from full time, as before). `value` is the fact's fingerprint: a corrected
 * result is a new sighting.
 */
export const factSightings = sqliteTable(
  'fact_sightings',
  {
    seasonId: text('season_id').notNull(),
    matchId: text('match_id').notNull(),
    fact: text('fact').notNull(),
    value: text('value').notNull(),
    knownAt: integer('known_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.seasonId, t.matchId, t.fact] }), index('fact_sightings_known_idx').on(t.seasonId, t.knownAt)],
);
