// Opening the database: pragmas, Drizzle, and the migrations in drizzle/ — the same path in
// production and in tests, so tests exercise the real schema.
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { Logger } from 'pino';
import { fromPackageRoot } from '../package-root.js';
import * as schema from './schema.js';

/** drizzle/ at the package root (from src/ or dist/ alike), so the working directory does not matter. */
export const MIGRATIONS_FOLDER = fromPackageRoot('drizzle', 'sqlite');

const MIGRATIONS_TABLE = '__drizzle_migrations';

export type SqliteConnection = Database.Database;
export type AppDatabase = BetterSQLite3Database<typeof schema> & { $client: SqliteConnection };

export interface OpenedDatabase {
  readonly db: AppDatabase;
  readonly sqlite: SqliteConnection;
  /** Migrations this open applied (by tag); empty when the file was already up to date. */
  readonly applied: readonly string[];
  close(): void;
}

export interface OpenDatabaseOptions {
  readonly log?: Logger;
  /** Tests point this at a copy of drizzle/; production uses the default. */
  readonly migrationsFolder?: string;
  /** Clock for the backup file name. */
  readonly now?: () => Date;
  /**
   * false: this process must not migrate (a shard: its manager migrated before spawning it), so a
   * database with migrations pending is refused instead of migrated by several processes at once.
   */
  readonly migrate?: boolean;
}

/**
 * Opens the database for writing: pragmas, a write probe, then the pending migrations under an
 * exclusive lock. Throws DatabaseNotWritableError when the process cannot write the file.
 */
export function openDatabase(path: string, opts: OpenDatabaseOptions = {}): OpenedDatabase {
  const sqlite = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  try {
    applyPragmas(sqlite);
    const applied = opts.migrate === false ? refuseIfPending(sqlite, path, opts) : migrateWithSafetyNet(sqlite, path, opts);
    const db = drizzle({ client: sqlite, schema });
    return { db, sqlite, applied, close: () => sqlite.close() };
  } catch (error) {
    sqlite.close();
    throw isReadOnlyError(error) ? new DatabaseNotWritableError(path, error) : error;
  }
}

/** How long a query waits for another connection's write lock while the bot serves (it blocks the event loop). */
const BUSY_TIMEOUT_MS = 5000;
/**
 * How long start-up waits for the lock: another process may be migrating or importing the season
 * (seconds on a busy machine), and nothing is being served yet, so waiting beats failing the start.
 */
export const STARTUP_BUSY_TIMEOUT_MS = 60_000;

/** Runs `work` with a longer lock wait, for start-up steps that take the write lock. */
export function withStartupLockWait<T>(sqlite: SqliteConnection, work: () => T): T {
  sqlite.pragma(`busy_timeout = ${STARTUP_BUSY_TIMEOUT_MS}`);
  try {
    return work();
  } finally {
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}

const isBusy = (err: unknown): boolean => (err as { code?: unknown } | null)?.code === 'SQLITE_BUSY';

/**
 * Switching a new file to WAL needs a lock that SQLite does not wait for: while another process is
 * creating or switching the same file, it answers SQLITE_BUSY at once, busy timeout or not. Retry
 * with a short backoff for as long as start-up waits for any other lock.
 */
function switchToWal(sqlite: SqliteConnection): void {
  const deadline = Date.now() + STARTUP_BUSY_TIMEOUT_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let waitMs = 5; ; waitMs = Math.min(waitMs * 2, 200)) {
    try {
      sqlite.pragma('journal_mode = WAL');
      return;
    } catch (err) {
      if (!isBusy(err) || Date.now() > deadline) throw err;
      Atomics.wait(pause, 0, 0, waitMs);
    }
  }
}

function applyPragmas(sqlite: SqliteConnection): void {
  // WAL means nothing for an in-memory database (SQLite answers `memory`), so skip it there.
  if (!sqlite.memory) switchToWal(sqlite);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // Set explicitly: the WAL default differs between the connection that created the file and later ones.
  sqlite.pragma('synchronous = NORMAL');
  // 512 KiB of page cache instead of SQLite's 2 MiB: the bot reads each season once at start and keeps
  // it in memory; later reads are small indexed lookups that the OS page cache serves (issue 15: the
  // default cache stayed resident, ~0.5 MiB more in the idle bench).
  sqlite.pragma('cache_size = -512');
}

interface JournalEntry {
  readonly tag: string;
  readonly when: number;
}

function readJournal(migrationsFolder: string): JournalEntry[] {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as { entries: JournalEntry[] };
  return journal.entries;
}

function tableExists(sqlite: SqliteConnection, name: string): boolean {
  return sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(name) !== undefined;
}

/**
 * Migrations drizzle would apply now, by tag. Mirrors drizzle's own rule: every journal entry
 * newer than the newest `created_at` recorded in `__drizzle_migrations`.
 */
export function pendingMigrations(sqlite: SqliteConnection, migrationsFolder: string = MIGRATIONS_FOLDER): string[] {
  const entries = readJournal(migrationsFolder);
  if (!tableExists(sqlite, MIGRATIONS_TABLE)) return entries.map((entry) => entry.tag);
  const last = sqlite.prepare(`select max(created_at) as lastWhen from ${MIGRATIONS_TABLE}`).get() as { lastWhen: number | null };
  const lastWhen = last.lastWhen === null ? null : Number(last.lastWhen);
  return entries.filter((entry) => lastWhen === null || entry.when > lastWhen).map((entry) => entry.tag);
}

function hasAnyTable(sqlite: SqliteConnection): boolean {
  return sqlite.prepare("select 1 from sqlite_master where type = 'table' and name not like 'sqlite_%' limit 1").get() !== undefined;
}

/** The database file (or its directory) cannot be written: an operator must fix permissions or the path. */
export class DatabaseNotWritableError extends Error {
  readonly code = 'DATABASE_NOT_WRITABLE';
  constructor(path: string, cause: unknown) {
    super(
      `The database ${path} is not writable by this process (${innermostMessage(cause)}). ` +
        'The bot records announcements and settings there: give its user write access to the file and its directory, ' +
        'or point DATABASE_PATH at a writable location.',
      { cause },
    );
    this.name = 'DatabaseNotWritableError';
  }
}

const isReadOnlyError = (error: unknown): boolean =>
  typeof (error as { code?: unknown }).code === 'string' && (error as { code: string }).code.startsWith('SQLITE_READONLY');

/**
 * A write that is always undone. BEGIN and even BEGIN EXCLUSIVE succeed on a read-only file in WAL
 * mode; only a real write says whether the process can write, and it must ask at start, not at the
 * first announcement.
 */
function probeWritable(sqlite: SqliteConnection, path: string): void {
  sqlite.exec('savepoint write_probe');
  try {
    sqlite.exec('create table "__write_probe" (x)');
  } catch (error) {
    if (isReadOnlyError(error)) throw new DatabaseNotWritableError(path, error);
    throw error;
  } finally {
    sqlite.exec('rollback to write_probe; release write_probe');
  }
}

/**
 * Decides and migrates under one exclusive lock, so two processes opening the same file at once
 * (the bot starting while a tool runs) cannot both apply the same migrations: the second waits for
 * the first, then finds nothing pending. drizzle's own migrate() reads its bookkeeping before
 * taking any lock and opens its own transaction, so the loop below applies the same files
 * (drizzle's readMigrationFiles) and keeps the same `__drizzle_migrations` rows, inside ours.
 */
function migrateWithSafetyNet(sqlite: SqliteConnection, path: string, opts: OpenDatabaseOptions): string[] {
  const migrationsFolder = opts.migrationsFolder ?? MIGRATIONS_FOLDER;
  // A table rebuild starts with `PRAGMA foreign_keys=OFF`, a no-op inside a transaction; turning
  // enforcement off here stops a DROP TABLE from cascading into child rows.
  sqlite.pragma('foreign_keys = OFF');
  try {
    withStartupLockWait(sqlite, () => sqlite.exec('begin exclusive'));
    try {
      probeWritable(sqlite, path);
      const pending = pendingMigrations(sqlite, migrationsFolder);
      if (pending.length === 0) {
        sqlite.exec('commit');
        return [];
      }
      // In WAL mode the lock stops writers, not readers: a second connection copies exactly what we see.
      const backupPath = !sqlite.memory && hasAnyTable(sqlite) ? backupBeforeMigrating(path, opts.now?.() ?? new Date()) : null;
      if (backupPath !== null) opts.log?.info({ backupPath, pending }, 'database backed up before migrating');
      applyMigrations(sqlite, migrationsFolder, pending, backupPath);
      sqlite.exec('commit');
      opts.log?.info({ applied: pending }, 'database migrated');
      return pending;
    } finally {
      if (sqlite.inTransaction) sqlite.exec('rollback');
    }
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
}

/**
 * A migration that failed on this file's contents: the same SQL on the same file fails again, so a
 * restart cannot help (`permanent`), unless the disk itself failed or filled up.
 */
export class MigrationFailedError extends Error {
  readonly code: 'DATABASE_MIGRATION_FAILED' | 'DATABASE_MIGRATION_IO';
  constructor(message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'MigrationFailedError';
    const sqliteCode = String((cause as { code?: unknown } | undefined)?.code ?? '');
    this.code = /^SQLITE_(IOERR|FULL)/.test(sqliteCode) ? 'DATABASE_MIGRATION_IO' : 'DATABASE_MIGRATION_FAILED';
  }
}

function refuseIfPending(sqlite: SqliteConnection, path: string, opts: OpenDatabaseOptions): string[] {
  const pending = pendingMigrations(sqlite, opts.migrationsFolder ?? MIGRATIONS_FOLDER);
  if (pending.length > 0) {
    throw new Error(`The database ${path} has migrations pending (${pending.join(', ')}) and this process does not migrate: the shard manager migrates before it spawns shards.`);
  }
  return [];
}

/** Runs the pending migrations in the caller's transaction; a failure names its migration and statement. */
function applyMigrations(sqlite: SqliteConnection, migrationsFolder: string, pending: readonly string[], backupPath: string | null): void {
  const backup = backupPath === null ? '' : ` A backup taken before migrating is at ${backupPath}.`;
  const tags = readJournal(migrationsFolder).map((entry) => entry.tag);
  const files = readMigrationFiles({ migrationsFolder });
  sqlite.exec(`create table if not exists "${MIGRATIONS_TABLE}" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`);
  const record = sqlite.prepare(`insert into "${MIGRATIONS_TABLE}" ("hash", "created_at") values (?, ?)`);
  files.forEach((file, index) => {
    const tag = tags[index] ?? String(index);
    if (!pending.includes(tag)) return;
    for (const statement of file.sql) {
      try {
        sqlite.exec(statement);
      } catch (error) {
        throw new MigrationFailedError(
          `Database migration ${tag} failed: ${innermostMessage(error)} (in: ${statement.trim().slice(0, 200)}). ` +
            `It was rolled back; the database is unchanged.${backup}`,
          error,
        );
      }
    }
    record.run(file.hash, file.folderMillis);
  });
  // Checked before COMMIT, so a migration that orphans rows is rolled back instead of started on.
  const violations = sqlite.pragma('foreign_key_check') as unknown[];
  if (violations.length > 0) {
    throw new MigrationFailedError(
      `Database migration ${pending.join(', ')} would leave ${violations.length} foreign key violation(s); ` +
        `it was rolled back.${backup} First: ${JSON.stringify(violations[0])}`,
    );
  }
}

/**
 * VACUUM INTO cannot run inside a transaction, so a second, read-only connection takes the copy
 * while this one holds the write lock: nobody can commit in between. Synchronous, so opening the
 * database stays one synchronous call.
 */
function backupBeforeMigrating(path: string, now: Date): string {
  const backupPath = `${path}.pre-migrate-${now.toISOString().replaceAll(':', '-')}.bak`;
  const reader = new Database(path, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    reader.prepare('vacuum into ?').run(backupPath);
  } finally {
    reader.close();
  }
  return backupPath;
}

/** drizzle and better-sqlite3 wrap the SQLite error; the innermost cause says why. */
function innermostMessage(error: unknown): string {
  let current = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}
