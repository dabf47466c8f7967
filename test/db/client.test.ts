import { existsSync, readdirSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { MIGRATIONS_FOLDER, openDatabase, pendingMigrations, type OpenedDatabase } from '../../src/db/client.js';
import { importSeason } from '../../src/db/import.js';
import { loadSeason } from '../../src/db/season-repo.js';
import { fixtureSeason } from './fixtures.js';
import { dumpDatabase, migrationsWithExtra, silent, tempDir } from './helpers.js';

const opened: OpenedDatabase[] = [];
const track = (handle: OpenedDatabase): OpenedDatabase => {
  opened.push(handle);
  return handle;
};
afterEach(() => {
  for (const handle of opened.splice(0)) if (handle.sqlite.open) handle.close();
});

const BROKEN_MIGRATION = [
  'ALTER TABLE `teams` ADD `colour` text;',
  "UPDATE `teams` SET `colour` = 'white';",
  'INSERT INTO `no_such_table` VALUES (1);',
].join('\n--> statement-breakpoint\n');

describe('openDatabase', () => {
  test('in memory: foreign keys on, busy timeout and synchronous set, WAL skipped', () => {
    const { sqlite } = track(openDatabase(':memory:', { log: silent }));
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(1);
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('memory');
  });

  test('a file database is in WAL mode with synchronous NORMAL and a 512 KiB page cache', () => {
    const { sqlite } = track(openDatabase(join(tempDir(), 'bot.sqlite'), { log: silent }));
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(1);
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    // Negative: a size in KiB rather than pages (SQLite's own default is -2000).
    expect(sqlite.pragma('cache_size', { simple: true })).toBe(-512);
  });

  test('applies the real migrations: season tables exist and nothing is pending', () => {
    const { sqlite } = track(openDatabase(':memory:', { log: silent }));
    const tables = (sqlite.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['matches', 'goals', 'teams', 'team_aliases', 'associations', 'data_imports']));
    expect(pendingMigrations(sqlite)).toEqual([]);
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
  });

  test('MIGRATIONS_FOLDER is absolute and holds the journal', () => {
    expect(isAbsolute(MIGRATIONS_FOLDER)).toBe(true);
    expect(existsSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'))).toBe(true);
  });

  test('pendingMigrations lists every migration for an empty database', () => {
    const sqlite = new Database(':memory:');
    expect(pendingMigrations(sqlite).length).toBeGreaterThan(0);
    expect(pendingMigrations(sqlite)[0]).toMatch(/^0000_/);
    sqlite.close();
  });

  test('reopening a migrated file keeps its data and takes no backup', () => {
    const dir = tempDir();
    const path = join(dir, 'bot.sqlite');
    const first = openDatabase(path, { log: silent });
    importSeason(first.db, fixtureSeason, 'h1');
    first.close();
    const second = track(openDatabase(path, { log: silent }));
    expect(loadSeason(second.db)).toEqual(fixtureSeason);
    expect(readdirSync(dir).filter((name) => name.endsWith('.bak'))).toEqual([]);
  });

  test('a file with data and a pending migration is backed up first', () => {
    const dir = tempDir();
    const path = join(dir, 'bot.sqlite');
    const first = openDatabase(path, { log: silent });
    importSeason(first.db, fixtureSeason, 'h1');
    first.close();

    const folder = migrationsWithExtra('0099_add_colour', 'ALTER TABLE `teams` ADD `colour` text;');
    const now = () => new Date('2024-05-01T10:20:30.000Z');
    const second = track(openDatabase(path, { log: silent, migrationsFolder: folder, now }));
    expect(pendingMigrations(second.sqlite, folder)).toEqual([]);

    const backupPath = `${path}.pre-migrate-2024-05-01T10-20-30.000Z.bak`;
    expect(existsSync(backupPath)).toBe(true);
    const backup = new Database(backupPath, { readonly: true });
    const columns = (backup.prepare('select name from pragma_table_info(?)').all('teams') as { name: string }[]).map((c) => c.name);
    expect(columns).not.toContain('colour');
    expect(backup.prepare('select count(*) as n from teams').get()).toEqual({ n: fixtureSeason.teams.length });
    backup.close();
  });

  test('a failing migration rolls back, leaves the file unchanged and names the migration', () => {
    const path = join(tempDir(), 'bot.sqlite');
    const first = openDatabase(path, { log: silent });
    importSeason(first.db, fixtureSeason, 'h1');
    const before = dumpDatabase(first.sqlite);
    first.close();

    const folder = migrationsWithExtra('0099_broken', BROKEN_MIGRATION);
    expect(() => openDatabase(path, { log: silent, migrationsFolder: folder })).toThrow(
      /Database migration 0099_broken failed: .*no such table: no_such_table.*rolled back/,
    );
    // Marked permanent: the entry point exits 78 instead of restarting into the same failure.
    expect(() => openDatabase(path, { log: silent, migrationsFolder: folder })).toThrow(
      expect.objectContaining({ name: 'MigrationFailedError', code: 'DATABASE_MIGRATION_FAILED' }),
    );

    const after = new Database(path);
    expect(dumpDatabase(after)).toEqual(before);
    expect(pendingMigrations(after, folder)).toEqual(['0099_broken']);
    after.close();
  });

  test('a migration that would orphan rows is rolled back before it is committed', () => {
    const path = join(tempDir(), 'bot.sqlite');
    const first = openDatabase(path, { log: silent });
    importSeason(first.db, fixtureSeason, 'h1');
    const before = dumpDatabase(first.sqlite);
    first.close();

    const folder = migrationsWithExtra('0099_orphans', 'DELETE FROM `teams`;');
    expect(() => openDatabase(path, { log: silent, migrationsFolder: folder })).toThrow(/0099_orphans would leave \d+ foreign key violation.*rolled back/);
    const after = new Database(path);
    expect(dumpDatabase(after)).toEqual(before);
    after.close();
  });

  test('a database another connection already migrated is not migrated again, and its records stay', () => {
    const path = join(tempDir(), 'bot.sqlite');
    track(openDatabase(path, { log: silent }));
    const second = track(openDatabase(path, { log: silent }));
    expect(second.applied).toEqual([]);
    const recorded = second.sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number };
    expect(recorded.n).toBe(pendingMigrations(new Database(':memory:')).length);
  });

  test('a failing first migration leaves a new database empty', () => {
    const path = join(tempDir(), 'fresh.sqlite');
    const folder = migrationsWithExtra('0099_broken', BROKEN_MIGRATION);
    expect(() => openDatabase(path, { log: silent, migrationsFolder: folder })).toThrow(/0099_broken failed/);
    const after = new Database(path);
    expect(after.prepare("select name from sqlite_master where name not like 'sqlite_%'").all()).toEqual([]);
    after.close();
  });
});
