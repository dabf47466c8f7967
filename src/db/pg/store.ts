// The whole store on PostgreSQL: the unit runner, the season data, the editors' data and the
// operations over one pool, and opening it (migrated, or refused with migrations pending). Only
// ../store/index.ts's openStore reaches this file, through a dynamic import: a bot on SQLite (the
// default) never loads node-postgres, Drizzle's PostgreSQL dialect or this schema (issue 15: idle memory).
import type { Logger } from '../../log.js';
import { editingOn, type EditingStore } from '../store/editing.js';
import type { OpenedStore, Store } from '../store/index.js';
import { seasonDataOn, type SeasonDataStore, type UnitRunner } from '../store/season-data.js';
import { runAsync } from '../store/season-units.js';
import { describeDatabaseUrl, openPgDatabase, type PgDatabase } from './client.js';
import { lockSeasonWrites } from './import.js';
import { migratePg, pendingPgMigrations } from './migrate.js';
import { pgOperations } from './operations.js';
import { pgSeasonRepo } from './season-repo.js';

/**
 * Runs a unit on PostgreSQL in one transaction: `write` first takes the season data's advisory lock
 * (what SQLite's IMMEDIATE gives: two processes deciding the same import serialize, the second finds
 * it done), `read` is REPEATABLE READ (one snapshot for every query).
 */
export const pgUnitRunner = (db: PgDatabase): UnitRunner => ({
  run: (unit, mode) =>
    db.transaction(
      async (tx) => {
        if (mode === 'write') await lockSeasonWrites(tx);
        return runAsync(unit, pgSeasonRepo(tx));
      },
      mode === 'read' ? { isolationLevel: 'repeatable read', accessMode: 'read only' } : undefined,
    ),
  repo: pgSeasonRepo(db),
});

export const pgSeasonData = (db: PgDatabase): SeasonDataStore => seasonDataOn(pgUnitRunner(db));

export const pgEditing = (db: PgDatabase): EditingStore => editingOn(pgUnitRunner(db));

/** The whole store over a PostgreSQL pool already open and migrated. */
export const pgStore = (db: PgDatabase): Store => ({ ...pgOperations(db), data: pgSeasonData(db), editing: pgEditing(db) });

export interface OpenPgStoreOptions {
  readonly migrate: boolean;
  readonly log?: Logger;
  readonly poolSize?: number;
  readonly applicationName?: string;
}

/** A pool on `databaseUrl`, migrated (or refused when `migrate` is false and migrations are pending), as the whole store. */
export async function openPgStore(databaseUrl: string, opts: OpenPgStoreOptions): Promise<OpenedStore> {
  const shown = describeDatabaseUrl(databaseUrl);
  const log = opts.log;
  const opened = openPgDatabase(databaseUrl, {
    ...(opts.poolSize === undefined ? {} : { max: opts.poolSize }),
    ...(opts.applicationName === undefined ? {} : { applicationName: opts.applicationName }),
    // An idle connection dropped (server restart, network): logged; the pool opens a new one on the next query.
    onIdleError: (error) => log?.warn({ err: error, database: shown }, 'an idle PostgreSQL connection failed; the pool replaces it'),
  });
  try {
    let migrated: readonly string[] = [];
    if (opts.migrate) {
      migrated = (await migratePg(opened.pool)).applied;
      if (migrated.length > 0) log?.info({ database: shown, migrations: migrated }, 'PostgreSQL migrations applied');
    } else {
      const pending = await pendingPgMigrations(opened.pool);
      if (pending.length > 0) throw new Error(`PostgreSQL database ${shown} has migrations pending (${pending.join(', ')}): the process that starts the shards migrates it first.`);
    }
    return { engine: 'pg', store: pgStore(opened.db), migrated, handle: { engine: 'pg', db: opened.db }, describe: shown, close: () => opened.close() };
  } catch (error) {
    await opened.close();
    throw error;
  }
}
