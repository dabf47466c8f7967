import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSeasonStore } from '../../src/season-store.js';
import { backupDatabase } from '../../src/tools/backup.js';

const dir = mkdtempSync(join(tmpdir(), 'caf-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('db:backup', () => {
  it('copies a live database (WAL, connection still open) into a file that opens and holds the data', async () => {
    const source = join(dir, 'bot.sqlite');
    const store = openSeasonStore({ databasePath: source });
    try {
      const target = join(dir, 'nested', 'copy.sqlite');
      const { pages } = await backupDatabase(source, target);
      expect(pages).toBeGreaterThan(0);

      const copy = new Database(target, { readonly: true });
      const count = (table: string) => (copy.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
      // Every season the store serves (data/seasons/ holds several).
      const seasons = store.catalog().list().map((entry) => store.catalog().get(entry.id)!);
      expect(count('teams')).toBe(seasons.reduce((n, s) => n + s.teams.length, 0));
      expect(count('matches')).toBe(seasons.reduce((n, s) => n + s.matches.length, 0));
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      copy.close();
    } finally {
      store.close();
    }
  });

  it('fails clearly when the source does not exist, and creates nothing', async () => {
    const missing = join(dir, 'missing.sqlite');
    const targetDir = join(dir, 'never-made');
    await expect(backupDatabase(missing, join(targetDir, 'x.sqlite'))).rejects.toThrow(
      `There is no database at ${missing}: nothing to back up. Check DATABASE_PATH.`,
    );
    expect(existsSync(targetDir)).toBe(false);
    expect(existsSync(missing)).toBe(false);
  });

  it('refuses to back a database up onto itself', async () => {
    const source = join(dir, 'self.sqlite');
    openSeasonStore({ databasePath: source }).close();
    const before = readFileSync(source);
    await expect(backupDatabase(source, join(dir, '.', 'self.sqlite'))).rejects.toThrow(/is the database itself; choose another path/);
    expect(readFileSync(source).equals(before)).toBe(true);
  });

  it('says so when the source is not a database', async () => {
    const notADatabase = join(dir, 'notes.txt');
    writeFileSync(notADatabase, 'not sqlite at all, just some text that is long enough to have a header '.repeat(4));
    await expect(backupDatabase(notADatabase, join(dir, 'y.sqlite'))).rejects.toThrow('file is not a database');
  });
});
