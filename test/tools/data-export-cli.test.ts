// `npm run data:export` as an operator runs it: this run's JavaScript build, a real database, files.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { openSeasonStore } from '../../src/season-store.js';
import { parseSeason } from '../../src/season/parse.js';
import { claimedSeasonId, seasonFilesIn } from '../../src/season/read.js';

const dir = mkdtempSync(join(tmpdir(), 'caf-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const dataExport = (databasePath: string, ...args: string[]) => {
  const run = spawnSync(process.execPath, [join(inject('botBuildRoot'), 'dist', 'tools', 'data-export.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_PATH: databasePath, SEASON_FILE: '', SEASON_FILES: '', NODE_NO_WARNINGS: '1' },
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
};

describe('npm run data:export', () => {
  test('writes a loaded season as it is in the database, source updates included, and it validates', () => {
    const databasePath = join(dir, 'bot.sqlite');
    const store = openSeasonStore({ databasePath });
    try {
      const cl = store.catalog().get('caf-cl-2023-24')!;
      store.importFromSource({ ...cl, matches: cl.matches.map((m, i) => (i === 0 ? { ...m, venue: 'Corrected venue' } : m)) }, 'fix-1');
    } finally {
      store.close();
    }
    const out = join(dir, 'cl.json');
    const run = dataExport(databasePath, 'caf-cl-2023-24', '--out', out);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/caf-cl-2023-24: 54 teams, 138 matches written to .*cl\.json \(from the database\)/);
    const written = JSON.parse(readFileSync(out, 'utf8')) as { id: string; $comment: string; matches: { venue: string | null }[] };
    expect(written.id).toBe('caf-cl-2023-24');
    expect(written.$comment).toMatch(/^Imported by npm run data:import/);
    expect(written.matches[0]?.venue).toBe('Corrected venue');
    expect(parseSeason(written, out).season.matches).toHaveLength(138);
  });

  test('without --out the season goes to stdout; from the file when there is no database', () => {
    const run = dataExport(join(dir, 'none.sqlite'), 'caf-cc-2023-24');
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { id: string; teams: unknown[] }).teams).toHaveLength(52);
  });

  test('an unknown season exits 2 and lists the loaded ones', () => {
    const run = dataExport(join(dir, 'none.sqlite'), 'caf-xx-1999');
    expect(run.code).toBe(2);
    // The shipped seasons, in the order they are configured (the default season first): whatever data/seasons/ holds.
    const shipped = seasonFilesIn().map((file) => claimedSeasonId(file));
    expect(shipped.length).toBeGreaterThanOrEqual(2);
    expect(shipped[0]).toBe('caf-cc-2023-24');
    expect(run.stderr).toContain(`No season caf-xx-1999 is loaded. Loaded seasons: ${shipped.join(', ')}.`);
  });
});
