// The operations store (../store/types.ts) on PostgreSQL: every area over one pool.
import { sql } from 'drizzle-orm';
import type { OperationsStore } from '../store/types.js';
import type { PgDatabase } from './client.js';
import { pgOutbox } from './outbox-store.js';
import { pgClubRoles, pgDepartures, pgLanguages, pgLeases, pgSettings } from './settings.js';

export const pgOperations = (db: PgDatabase): OperationsStore => ({
  engine: 'pg',
  outbox: pgOutbox(db),
  settings: pgSettings(db),
  languages: pgLanguages(db),
  clubRoles: pgClubRoles(db),
  departures: pgDepartures(db),
  leases: pgLeases(db),
  ping: async () => {
    await db.execute(sql`select 1`);
  },
});
