// Opening PostgreSQL: a node-postgres pool and Drizzle over it, with every table of the PostgreSQL
// schema. Not wired into the bot yet (it still runs on SQLite): the foundation of issue 14.
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { redactUrlCredentials } from '../../log.js';
import * as announcements from './announcements-schema.js';
import * as departures from './guild-departures-schema.js';
import * as editing from './editing-schema.js';
import * as languages from './language-schema.js';
import * as season from './schema.js';

export const pgSchema = { ...season, ...announcements, ...languages, ...departures, ...editing };

export type PgDatabase = NodePgDatabase<typeof pgSchema> & { $client: pg.Pool };

export interface OpenedPgDatabase {
  readonly db: PgDatabase;
  readonly pool: pg.Pool;
  close(): Promise<void>;
}

export interface OpenPgOptions {
  /** Connections in the pool (node-postgres' default is 10). */
  readonly max?: number;
  /** Shown in pg_stat_activity, to tell the bot's processes apart. */
  readonly applicationName?: string;
  /**
   * Told about errors of idle connections (the server restarted, the network dropped). Without a
   * listener node-postgres' pool emits an unhandled 'error' and the process dies.
   */
  readonly onIdleError?: (error: Error) => void;
}

/** `postgres://user:[redacted]@host:5432/db`: the form of a database URL that may be logged. */
export const describeDatabaseUrl = (url: string): string => redactUrlCredentials(url);

/**
 * A pool on `url`. No connection is made until the first query. The URL's password stays inside the
 * pool's configuration; errors node-postgres raises name the user and host, never the password.
 */
export function openPgDatabase(url: string, opts: OpenPgOptions = {}): OpenedPgDatabase {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    application_name: opts.applicationName ?? 'caf-confed-bot',
    connectionTimeoutMillis: 10_000,
  });
  pool.on('error', (error) => opts.onIdleError?.(error));
  const db = drizzle({ client: pool, schema: pgSchema });
  return { db, pool, close: () => pool.end() };
}
