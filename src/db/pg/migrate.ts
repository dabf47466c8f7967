// Applying drizzle/pg/ to a PostgreSQL database. Several processes may start at once (shards, hosts),
// so the whole migration runs in one transaction that first takes a transaction-level advisory lock:
// the second process waits, then finds nothing left to apply. PostgreSQL's DDL is transactional, so
// a failed migration leaves nothing half-applied. The bookkeeping table is drizzle's own
// (drizzle.__drizzle_migrations: hash, created_at = the journal's `when`), so drizzle-kit reads it too.
import { readFileSync } from 'node:fs';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type pg from 'pg';
import { fromPackageRoot } from '../../package-root.js';

/** drizzle/pg/ at the package root. */
export const PG_MIGRATIONS_FOLDER = fromPackageRoot('drizzle', 'pg');

/** The advisory lock key every migrating process takes (any constant; "cafmigr" in ASCII). */
export const MIGRATION_LOCK_KEY = '27973115244537714';

export interface PgMigrationResult {
  /** Tags of the migrations this call applied, in order; empty when the database was up to date. */
  readonly applied: readonly string[];
}

const journalTags = (folder: string): string[] =>
  (JSON.parse(readFileSync(`${folder}/meta/_journal.json`, 'utf8')) as { entries: { tag: string }[] }).entries.map((e) => e.tag);

/**
 * The migrations not yet applied (by tag), without applying any: a process that must not migrate (a
 * shard, whose manager migrated before spawning it) refuses to start when this is not empty.
 */
export async function pendingPgMigrations(pool: pg.Pool, opts: { readonly migrationsFolder?: string } = {}): Promise<string[]> {
  const folder = opts.migrationsFolder ?? PG_MIGRATIONS_FOLDER;
  const migrations = readMigrationFiles({ migrationsFolder: folder });
  const tags = journalTags(folder);
  const table = await pool.query<{ exists: boolean }>("select to_regclass('drizzle.__drizzle_migrations') is not null as exists");
  let lastApplied = -1;
  if (table.rows[0]?.exists === true) {
    const last = await pool.query<{ created_at: string }>('select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1');
    lastApplied = last.rows[0] === undefined ? -1 : Number(last.rows[0].created_at);
  }
  return migrations.flatMap((m, index) => (m.folderMillis > lastApplied ? [tags[index] ?? String(m.folderMillis)] : []));
}

/** Applies the pending migrations of `migrationsFolder` (drizzle/pg/ by default), under the lock. */
export async function migratePg(pool: pg.Pool, opts: { readonly migrationsFolder?: string } = {}): Promise<PgMigrationResult> {
  const folder = opts.migrationsFolder ?? PG_MIGRATIONS_FOLDER;
  const migrations = readMigrationFiles({ migrationsFolder: folder });
  const tags = journalTags(folder);
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('select pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    await client.query('create schema if not exists drizzle');
    await client.query('create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)');
    const last = await client.query<{ created_at: string }>('select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1');
    const lastApplied = last.rows[0] === undefined ? -1 : Number(last.rows[0].created_at);
    const applied: string[] = [];
    for (const [index, migration] of migrations.entries()) {
      if (migration.folderMillis <= lastApplied) continue;
      for (const statement of migration.sql) if (statement.trim() !== '') await client.query(statement);
      await client.query('insert into drizzle.__drizzle_migrations (hash, created_at) values ($1, $2)', [migration.hash, migration.folderMillis]);
      applied.push(tags[index] ?? String(migration.folderMillis));
    }
    await client.query('commit');
    return { applied };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
