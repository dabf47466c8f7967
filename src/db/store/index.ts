// The bot's whole store on the engine the configuration names: PostgreSQL with DATABASE_URL, else the
// SQLite file at DATABASE_PATH (the default, as `npm install && npm start` uses it). One async
// interface for both: the operations (./types.ts), the season data (./season-data.ts) and the
// editors' data (./editing.ts).
//
// Opening migrates, unless told not to (a shard: its manager migrated before spawning it), in which
// case pending migrations are refused. On PostgreSQL several processes may start at once: the
// migration runs under an advisory lock (../pg/migrate.ts), so the second finds nothing to apply.
import type { Logger } from '../../log.js';
import { openDatabase, type AppDatabase } from '../client.js';
import type { PgDatabase } from '../pg/client.js';
import { sqliteEditing, type EditingStore } from './editing.js';
import { sqliteOperations } from './operations.js';
import { sqliteSeasonData, type SeasonDataStore } from './season-data.js';
import type { Engine, OperationsStore } from './types.js';

export type { Engine, OperationsStore } from './types.js';

/** Everything the bot stores, on one engine. */
export interface Store extends OperationsStore {
  readonly data: SeasonDataStore;
  readonly editing: EditingStore;
}

export interface OpenedStore {
  readonly engine: Engine;
  readonly store: Store;
  /** Migrations this open applied, by tag. */
  readonly migrated: readonly string[];
  /** The database as the engine's own handle, for what is not on the store yet (SQLite) or the pool (PostgreSQL). */
  readonly handle: { readonly engine: 'sqlite'; readonly db: AppDatabase } | { readonly engine: 'pg'; readonly db: PgDatabase };
  /** `postgres://user:[redacted]@host/db` or the SQLite path: what may be logged. */
  readonly describe: string;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** postgres://… (DATABASE_URL); null: SQLite at databasePath. */
  readonly databaseUrl: string | null;
  readonly databasePath: string;
  /** false: refuse a database with migrations pending instead of applying them (a shard). Default true. */
  readonly migrate?: boolean;
  readonly log?: Logger;
  /** Connections in this process's pool (PostgreSQL); default 10. */
  readonly poolSize?: number;
  /** Shown in pg_stat_activity. */
  readonly applicationName?: string;
}

/** The whole store over a SQLite database already open (tests, tools). */
export const sqliteStore = (db: AppDatabase): Store => ({ ...sqliteOperations(db), data: sqliteSeasonData(db), editing: sqliteEditing(db) });

export async function openStore(opts: OpenStoreOptions): Promise<OpenedStore> {
  const migrate = opts.migrate ?? true;
  if (opts.databaseUrl === null) {
    const opened = openDatabase(opts.databasePath, { ...(opts.log ? { log: opts.log } : {}), migrate });
    return {
      engine: 'sqlite',
      store: sqliteStore(opened.db),
      migrated: opened.applied,
      handle: { engine: 'sqlite', db: opened.db },
      describe: opts.databasePath,
      close: async () => opened.close(),
    };
  }
  // Loaded only here: a bot on SQLite never loads node-postgres or the PostgreSQL schema (../pg/store.ts).
  const { openPgStore } = await import('../pg/store.js');
  return openPgStore(opts.databaseUrl, {
    migrate,
    ...(opts.log ? { log: opts.log } : {}),
    ...(opts.poolSize === undefined ? {} : { poolSize: opts.poolSize }),
    ...(opts.applicationName === undefined ? {} : { applicationName: opts.applicationName }),
  });
}
