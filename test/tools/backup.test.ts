import { mkdtempSync, rmSync } from 'node:fs';
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
      expect(count('teams')).toBe(store.season().teams.length);
      expect(count('matches')).toBe(store.season().matches.length);
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      copy.close();
    } finally {
      store.close();
    }
  });

  it('fails clearly when the source does not exist', async () => {
    await expect(backupDatabase(join(dir, 'missing.sqlite'), join(dir, 'x.sqlite'))).rejects.toThrow();
  });
});
