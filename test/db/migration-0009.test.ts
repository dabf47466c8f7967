import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { MIGRATIONS_FOLDER, openDatabase, type OpenedDatabase, type SqliteConnection } from '../../src/db/client.js';
import { importSeason, lastImport } from '../../src/db/import.js';
import { dataVersion, loadSeason, storedSeasons } from '../../src/db/season-repo.js';
import { fixtureSeason } from './fixtures.js';
import { silent, tempDir } from './helpers.js';

// Migration 0009 (season keys) on a database written before it: one season, every season table
// holding rows. The rows must come through whole, belong to caf-cc-2023-24 (the shipped season's
// new id; it was `2023-24`), and leave room for a second season with the same team and match ids.

const NOW = new Date('2024-06-01T08:00:00.000Z');
const opened: OpenedDatabase[] = [];
afterEach(() => {
  for (const handle of opened.splice(0)) handle.close();
});

/** drizzle/ as it was before `tag`: the same files with the journal cut there. */
function migrationsBefore(tag: string): string {
  const folder = join(tempDir(), 'drizzle');
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const upTo = journal.entries.findIndex((e) => e.tag.startsWith(tag));
  expect(upTo).toBeGreaterThan(0);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, upTo) }));
  return folder;
}

const SEASON_TABLES = [
  'competitions', 'seasons', 'stages', 'rounds', 'groups', 'associations', 'teams', 'team_aliases', 'group_members',
  'matches', 'goals', 'red_cards', 'calendar_entries', 'ranking_criteria', 'printed_totals', 'source_notes', 'data_imports',
] as const;

const columnsOf = (sqlite: SqliteConnection, table: string): string[] =>
  (sqlite.prepare(`select name from pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name);

/**
 * Writes `season` into a pre-0009 database as the old importer did: the rows today's importer makes,
 * less the columns the old tables do not have (season_id, label, stale_after_days, end_date).
 */
function writeOldRows(old: SqliteConnection, seasonId: string): Record<string, number> {
  const scratch = openDatabase(':memory:', { log: silent });
  try {
    importSeason(scratch.db, { ...fixtureSeason, id: seasonId }, 'hash-old', NOW);
    const counts: Record<string, number> = {};
    for (const table of SEASON_TABLES) {
      const oldColumns = columnsOf(old, table);
      const rows = scratch.sqlite.prepare(`select * from "${table}"`).all() as Record<string, unknown>[];
      const insert = old.prepare(`insert into "${table}" (${oldColumns.map((c) => `"${c}"`).join(', ')}) values (${oldColumns.map(() => '?').join(', ')})`);
      for (const row of rows) insert.run(oldColumns.map((c) => row[c] ?? null));
      counts[table] = rows.length;
    }
    return counts;
  } finally {
    scratch.close();
  }
}

describe('migration 0009 (season keys) on a database that holds a season', () => {
  test('every row comes through, belongs to caf-cc-2023-24, and loads back as the season it was', () => {
    const path = join(tempDir(), 'bot.db');
    const old = openDatabase(path, { log: silent, migrationsFolder: migrationsBefore('0009_') });
    expect(columnsOf(old.sqlite, 'teams')).not.toContain('season_id');
    old.sqlite.pragma('foreign_keys = OFF');
    const counts = writeOldRows(old.sqlite, '2023-24');
    old.sqlite.pragma('foreign_keys = ON');
    expect(old.sqlite.pragma('foreign_key_check')).toEqual([]);
    old.close();
    // Every season table held rows, so each table's copy is exercised.
    for (const table of SEASON_TABLES) expect(counts[table], table).toBeGreaterThan(0);

    const upgraded = openDatabase(path, { log: silent });
    opened.push(upgraded);
    expect(upgraded.applied).toContain('0009_season_keys');
    for (const table of SEASON_TABLES) {
      const n = (upgraded.sqlite.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n;
      expect(n, table).toBe(counts[table]);
    }
    for (const table of SEASON_TABLES.filter((t) => t !== 'competitions' && t !== 'seasons')) {
      const ids = upgraded.sqlite.prepare(`select distinct season_id from "${table}"`).all();
      expect(ids, table).toEqual([{ season_id: 'caf-cc-2023-24' }]);
    }
    expect(upgraded.sqlite.pragma('foreign_key_check')).toEqual([]);

    const migrated = { ...fixtureSeason, id: 'caf-cc-2023-24', label: '2023-24', staleAfterDays: 21, endDate: null };
    expect(loadSeason(upgraded.db, 'caf-cc-2023-24')).toStrictEqual(migrated);
    // The import history moved with the season: the next start compares the file's hash with it.
    expect(lastImport(upgraded.db, 'caf-cc-2023-24')?.hash).toBe('hash-old');
    expect(dataVersion(upgraded.db, 'caf-cc-2023-24')?.hash).toBe('hash-old');

    // A second season with the same team ids, match ids, rounds and groups now fits beside it.
    importSeason(upgraded.db, { ...fixtureSeason, id: 'caf-cl-2023-24', competition: 'CAF Champions League' }, 'hash-cl', NOW);
    expect(storedSeasons(upgraded.db).map((s) => [s.id, s.competition, s.label])).toEqual([
      ['caf-cc-2023-24', 'CAF Confederation Cup', '2023-24'],
      ['caf-cl-2023-24', 'CAF Champions League', '2023-24'],
    ]);
    expect(loadSeason(upgraded.db, 'caf-cc-2023-24')).toStrictEqual(migrated);
  });

  test('a season under another id keeps its id; its label falls back to the id until the next import', () => {
    const path = join(tempDir(), 'bot.db');
    const old = openDatabase(path, { log: silent, migrationsFolder: migrationsBefore('0009_') });
    old.sqlite.pragma('foreign_keys = OFF');
    writeOldRows(old.sqlite, 'test-season');
    old.sqlite.pragma('foreign_keys = ON');
    old.close();

    const upgraded = openDatabase(path, { log: silent });
    opened.push(upgraded);
    expect(upgraded.sqlite.prepare('select distinct season_id from matches').all()).toEqual([{ season_id: 'test-season' }]);
    expect(loadSeason(upgraded.db, 'test-season')).toStrictEqual({ ...fixtureSeason, id: 'test-season', label: 'test-season', staleAfterDays: 21, endDate: null });
  });

  test('an empty database migrates, and nothing is pending after', () => {
    const path = join(tempDir(), 'bot.db');
    openDatabase(path, { log: silent, migrationsFolder: migrationsBefore('0009_') }).close();
    const upgraded = openDatabase(path, { log: silent });
    opened.push(upgraded);
    expect(upgraded.applied).toEqual(expect.arrayContaining(['0009_season_keys']));
    expect(storedSeasons(upgraded.db)).toEqual([]);
  });
});
