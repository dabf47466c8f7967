// PostgreSQL twin of ../language-schema.ts: language choices made with /language set.
import { check, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { LANGUAGES } from '../../i18n/languages.js';
import { oneOf, snowflake } from './checks.js';

export const userLanguages = pgTable(
  'user_languages',
  {
    userId: text('user_id').primaryKey(),
    language: text('language', { enum: LANGUAGES }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [check('user_languages_language_check', oneOf(t.language, LANGUAGES)), check('user_languages_user_id_check', snowflake(t.userId))],
);

export const guildLanguages = pgTable(
  'guild_languages',
  {
    guildId: text('guild_id').primaryKey(),
    language: text('language', { enum: LANGUAGES }).notNull(),
    /** Who chose it (a member with Manage Server), for an admin asking why. */
    chosenBy: text('chosen_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [check('guild_languages_language_check', oneOf(t.language, LANGUAGES)), check('guild_languages_guild_id_check', snowflake(t.guildId))],
);
