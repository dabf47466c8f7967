// Test databases: in memory, with the real migrations from drizzle/.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { pino } from 'pino';
import { MIGRATIONS_FOLDER, openDatabase, type AppDatabase, type OpenedDatabase, type SqliteConnection } from '../../src/db/client.js';
import * as schema from '../../src/db/schema.js';

export const silent = pino({ level: 'silent' });

/**
 * The per-connection settings openDatabase makes (src/db/client.ts applyPragmas), which a copy of a
 * database does not carry; helpers.test.ts checks a copy agrees with openDatabase on these and more.
 */
const CONNECTION_PRAGMAS = ['foreign_keys', 'busy_timeout', 'synchronous', 'cache_size'] as const;

let template: { readonly bytes: Buffer; readonly applied: readonly string[]; readonly pragmas: readonly [string, unknown][] } | undefined;

/**
 * A fresh in-memory database with the real migrations from drizzle/, as openDatabase(':memory:')
 * makes it. Migrating takes ~50 ms and some 370 tests start from a fresh database, so the first one
 * per process is migrated and the others are copies of it as it was then (~0.1 ms each).
 */
export const makeTestDb = (): OpenedDatabase => {
  if (template === undefined) {
    const first = openDatabase(':memory:', { log: silent });
    const pragmas = CONNECTION_PRAGMAS.map((name): [string, unknown] => [name, first.sqlite.pragma(name, { simple: true })]);
    template = { bytes: first.sqlite.serialize(), applied: first.applied, pragmas };
    return first;
  }
  const sqlite = new Database(template.bytes);
  for (const [name, value] of template.pragmas) sqlite.pragma(`${name} = ${String(value)}`);
  const db = drizzle({ client: sqlite, schema }) as AppDatabase;
  return { db, sqlite, applied: template.applied, close: () => sqlite.close() };
};

export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'caf-db-test-'));

/** Every row of every table (schema included), optionally leaving some tables out. */
export function dumpDatabase(sqlite: SqliteConnection, exclude: readonly string[] = []): Record<string, unknown[]> {
  const objects = sqlite
    .prepare("select type, name, tbl_name, sql from sqlite_master where name not like 'sqlite_%' order by name")
    .all() as { type: string; name: string; sql: string | null }[];
  const dump: Record<string, unknown[]> = { $schema: objects };
  for (const { type, name } of objects) {
    if (type !== 'table' || exclude.includes(name)) continue;
    dump[name] = sqlite.prepare(`select * from "${name}" order by rowid`).all();
  }
  return dump;
}

/** A copy of drizzle/ with one more migration appended to the journal. */
export function migrationsWithExtra(tag: string, sqlText: string): string {
  const folder = join(tempDir(), 'drizzle');
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number; when: number; tag: string }[] };
  const last = journal.entries[journal.entries.length - 1];
  if (last === undefined) throw new Error('the real journal has no entries');
  journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1000, tag });
  writeFileSync(journalPath, JSON.stringify(journal, null, 2));
  writeFileSync(join(folder, `${tag}.sql`), sqlText);
  return folder;
}
