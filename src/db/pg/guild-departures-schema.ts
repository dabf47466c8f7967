// PostgreSQL twin of ../guild-departures-schema.ts: servers the bot was removed from, and when.
import { check, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { snowflake } from './checks.js';

export const guildDepartures = pgTable(
  'guild_departures',
  {
    guildId: text('guild_id').primaryKey(),
    leftAt: timestamp('left_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [check('guild_departures_guild_id_check', snowflake(t.guildId))],
);
