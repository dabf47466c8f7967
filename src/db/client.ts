// Opening the database: pragmas, Drizzle, and the migrations in drizzle/ — the same path in
// production and in tests, so tests exercise the real schema.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { Logger } from 'pino';
import * as schema from './schema.js';

/** drizzle/ at the repository root, resolved from this file so the working directory does not matter. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

const MIGRATIONS_TABLE = '__drizzle_migrations';

export type SqliteConnection = Database.Database;
export type AppDatabase = BetterSQLite3Database<typeof schema> & { $client: SqliteConnection };

export interface OpenedDatabase {
  readonly db: AppDatabase;
  readonly sqlite: SqliteConnection;
  close(): void;
}

export interface OpenDatabaseOptions {
  readonly log?: Logger;
  /** Tests point this at a copy of drizzle/; production uses the default. */
  readonly migrationsFolder?: string;
  /** Clock for the backup file name. */
  readonly now?: () => Date;
}

export function openDatabase(path: string, opts: OpenDatabaseOptions = {}): OpenedDatabase {
  const sqlite = new Database(path, { timeout: 5000 });
  try {
    applyPragmas(sqlite);
    const db = drizzle({ client: sqlite, schema });
    migrateWithSafetyNet(db, sqlite, path, opts);
    return { db, sqlite, close: () => sqlite.close() };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

function applyPragmas(sqlite: SqliteConnection): void {
  // WAL means nothing for an in-memory database (SQLite answers `memory`), so skip it there.
  if (!sqlite.memory) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Set explicitly: the WAL default differs between the connection that created the file and later ones.
  sqlite.pragma('synchronous = NORMAL');
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

function migrateWithSafetyNet(db: AppDatabase, sqlite: SqliteConnection, path: string, opts: OpenDatabaseOptions): void {
  const migrationsFolder = opts.migrationsFolder ?? MIGRATIONS_FOLDER;
  const pending = pendingMigrations(sqlite, migrationsFolder);
  if (pending.length === 0) return;

  const backupPath = !sqlite.memory && hasAnyTable(sqlite) ? backupBeforeMigrating(sqlite, path, opts.now?.() ?? new Date()) : null;
  if (backupPath !== null) opts.log?.info({ backupPath, pending }, 'database backed up before migrating');

  const hadMigrationsTable = tableExists(sqlite, MIGRATIONS_TABLE);
  // A table rebuild starts with `PRAGMA foreign_keys=OFF`, a no-op inside the migrator's
  // transaction; turning enforcement off here stops a DROP TABLE from cascading into child rows.
  sqlite.pragma('foreign_keys = OFF');
  try {
    migrate(db, { migrationsFolder });
  } catch (error) {
    // drizzle creates its bookkeeping table before its transaction; leave a fresh file as it was.
    if (!hadMigrationsTable) sqlite.exec(`drop table if exists ${MIGRATIONS_TABLE}`);
    throw migrationError(sqlite, migrationsFolder, pending, error, backupPath);
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }

  const violations = sqlite.pragma('foreign_key_check') as unknown[];
  if (violations.length > 0) {
    throw new Error(
      `Database migration ${pending.join(', ')} left ${violations.length} foreign key violation(s); ` +
        `do not start on this schema${backupPath === null ? '' : ` (backup: ${backupPath})`}. First: ${JSON.stringify(violations[0])}`,
    );
  }
  opts.log?.info({ applied: pending }, 'database migrated');
}

/**
 * better-sqlite3's backup() is asynchronous; VACUUM INTO gives the same consistent online copy
 * synchronously, so opening the database stays one synchronous call.
 */
function backupBeforeMigrating(sqlite: SqliteConnection, path: string, now: Date): string {
  const backupPath = `${path}.pre-migrate-${now.toISOString().replaceAll(':', '-')}.bak`;
  sqlite.prepare('vacuum into ?').run(backupPath);
  return backupPath;
}

/**
 * drizzle runs every pending migration in one transaction and reports only the failed query.
 * To name the migration, replay the pending statements inside a transaction that is always
 * rolled back; the first statement that fails is the culprit, and its SQLite error the reason.
 */
function migrationError(
  sqlite: SqliteConnection,
  migrationsFolder: string,
  pending: readonly string[],
  cause: unknown,
  backupPath: string | null,
): Error {
  const failure = locateFailingStatement(sqlite, migrationsFolder, pending);
  const culprit = failure?.tag ?? pending.join(', ');
  const reason = failure === null ? innermostMessage(cause) : `${failure.reason} (in: ${failure.statement})`;
  const backup = backupPath === null ? '' : ` A backup taken before migrating is at ${backupPath}.`;
  return new Error(`Database migration ${culprit} failed: ${reason}. It was rolled back; the database is unchanged.${backup}`, {
    cause,
  });
}

function locateFailingStatement(
  sqlite: SqliteConnection,
  migrationsFolder: string,
  pending: readonly string[],
): { tag: string; statement: string; reason: string } | null {
  if (sqlite.inTransaction) return null;
  sqlite.exec('begin');
  try {
    for (const tag of pending) {
      const statements = readFileSync(`${migrationsFolder}/${tag}.sql`, 'utf8').split('--> statement-breakpoint');
      for (const statement of statements) {
        try {
          sqlite.exec(statement);
        } catch (error) {
          return { tag, statement: statement.trim().slice(0, 200), reason: innermostMessage(error) };
        }
      }
    }
    return null;
  } catch {
    return null;
  } finally {
    if (sqlite.inTransaction) sqlite.exec('rollback');
  }
}

/** drizzle wraps the SQLite error in a "Failed to run the query" error; the cause says why. */
function innermostMessage(error: unknown): string {
  let current = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}
