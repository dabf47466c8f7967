// Test databases: in memory, with the real migrations from drizzle/.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { MIGRATIONS_FOLDER, openDatabase, type OpenedDatabase, type SqliteConnection } from '../../src/db/client.js';

export const silent = pino({ level: 'silent' });

export const makeTestDb = (): OpenedDatabase => openDatabase(':memory:', { log: silent });

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
