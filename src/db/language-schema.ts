// Language choices made with /language set: one row per user who chose, one per server whose admins
// chose. Absent rows mean "no choice" (the resolver falls back to Discord's locales). Discord ids are TEXT.
import { sql, type SQL } from 'drizzle-orm';
import { check, integer, sqliteTable, text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { LANGUAGES } from '../i18n/languages.js';

// Drizzle's `enum` option is type-only; the CHECK constraints make the database enforce it too.
const oneOf = (column: AnySQLiteColumn, values: readonly string[]): SQL =>
  sql`${column} in (${sql.raw(values.map((v) => `'${v}'`).join(', '))})`;
const snowflake = (column: AnySQLiteColumn): SQL => sql`${column} glob '[0-9]*' and length(${column}) between 1 and 20`;

export const userLanguages = sqliteTable(
  'user_languages',
  {
    userId: text('user_id').primaryKey(),
    language: text('language', { enum: LANGUAGES }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [check('user_languages_language_check', oneOf(t.language, LANGUAGES)), check('user_languages_user_id_check', snowflake(t.userId))],
);

export const guildLanguages = sqliteTable(
  'guild_languages',
  {
    guildId: text('guild_id').primaryKey(),
    language: text('language', { enum: LANGUAGES }).notNull(),
    /** Who chose it (a member with Manage Server), for an admin asking why. */
    chosenBy: text('chosen_by').notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [check('guild_languages_language_check', oneOf(t.language, LANGUAGES)), check('guild_languages_guild_id_check', snowflake(t.guildId))],
);
