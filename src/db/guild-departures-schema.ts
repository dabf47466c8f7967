// Servers the bot was removed from, and when: the start of the 30-day wait before their settings and
// pending posts are purged (src/scheduler/purge.ts). A row exists only while the bot is out of the
// server; rejoining deletes it. Times are bot-clock epoch ms; Discord ids are TEXT.
import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const guildDepartures = sqliteTable(
  'guild_departures',
  {
    guildId: text('guild_id').primaryKey(),
    /** When GUILD_DELETE (a removal, not an outage) or a 10004 Unknown Guild said the bot was out. */
    leftAt: integer('left_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [check('guild_departures_guild_id_check', sql`${t.guildId} glob '[0-9]*' and length(${t.guildId}) between 1 and 20`)],
);
