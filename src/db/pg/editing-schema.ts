// PostgreSQL twin of ../editing-schema.ts: season bases, the editors' journal, overrides and fact
// sightings. Times are timestamptz, JSON is jsonb, Discord ids are text with a CHECK.
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { EDIT_ACTIONS, SEASON_BASE_ORIGINS } from '../editing-schema.js';
import { oneOf, snowflake } from './checks.js';

const jsonObject = (column: AnyPgColumn) => sql`jsonb_typeof(${column}) = 'object'`;
const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const seasonBases = pgTable(
  'season_bases',
  {
    seasonId: text('season_id').primaryKey(),
    origin: text('origin', { enum: SEASON_BASE_ORIGINS }).notNull(),
    body: jsonb('body').$type<Record<string, unknown>>().notNull(),
    hash: text('hash').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [check('season_bases_origin_check', oneOf(t.origin, SEASON_BASE_ORIGINS)), check('season_bases_body_check', jsonObject(t.body))],
);

export const editJournal = pgTable(
  'edit_journal',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    seasonId: text('season_id').notNull(),
    matchId: text('match_id'),
    action: text('action', { enum: EDIT_ACTIONS }).notNull(),
    editorId: text('editor_id').notNull(),
    editorName: text('editor_name').notNull(),
    guildId: text('guild_id').notNull(),
    at: at('at').notNull(),
    before: jsonb('before').$type<Record<string, unknown>>().notNull(),
    after: jsonb('after').$type<Record<string, unknown>>().notNull(),
    source: text('source').notNull(),
    reason: text('reason'),
    undoes: integer('undoes').references((): AnyPgColumn => editJournal.id),
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

export const seasonOverrides = pgTable(
  'season_overrides',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    seasonId: text('season_id').notNull(),
    matchId: text('match_id').notNull(),
    field: text('field').notNull(),
    /** JSON-encoded text, as in SQLite (a jsonb null would read back as SQL NULL through Drizzle). */
    value: text('value').notNull(),
    journalId: integer('journal_id')
      .notNull()
      .references(() => editJournal.id),
    createdAt: at('created_at').notNull(),
    retiredAt: at('retired_at'),
  },
  (t) => [index('season_overrides_match_idx').on(t.seasonId, t.matchId, t.field), check('season_overrides_value_check', sql`(${t.value})::jsonb is not null`)],
);

export const factSightings = pgTable(
  'fact_sightings',
  {
    seasonId: text('season_id').notNull(),
    matchId: text('match_id').notNull(),
    fact: text('fact').notNull(),
    value: text('value').notNull(),
    knownAt: at('known_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.seasonId, t.matchId, t.fact] }), index('fact_sightings_known_idx').on(t.seasonId, t.knownAt)],
);
