// `npm run data:export` writes a season with the editors' overrides applied: a corrected result in
// a file's season, and a season editors built from a template (which has no file at all).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { createEditing } from '../../src/editing/service.js';
import { parseSeason } from '../../src/season/parse.js';
import { openSeasonStore } from '../../src/season-store.js';
import { captureLog, clSeasonFile, withoutResult } from '../sources/support.js';

const dir = mkdtempSync(join(tmpdir(), 'caf-edit-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const EDITOR = { id: '111111111111111111', name: 'Ama', guildId: '222222222222222222' };

const dataExport = (databasePath: string, seasonFiles: string, ...args: string[]) => {
  const run = spawnSync(process.execPath, [join(inject('botBuildRoot'), 'dist', 'tools', 'data-export.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_PATH: databasePath, SEASON_FILE: '', SEASON_FILES: seasonFiles, NODE_NO_WARNINGS: '1' },
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
};

describe('data:export after edits', () => {
  test('writes the corrected result and the editors\' own season, and both validate', async () => {
    const file = join(dir, 'caf-cl-2023-24.json');
    const f = clSeasonFile();
    withoutResult(f, 'F-L2');
    f.champion = null;
    writeFileSync(file, JSON.stringify(f));
    const databasePath = join(dir, 'bot.sqlite');
    const store = openSeasonStore({ databasePath, seasonFiles: [file] });
    try {
      const editing = createEditing({ store, clock: { now: () => new Date('2024-05-25T20:00:00Z') }, logger: captureLog().logger });
      expect((await editing.confirm('caf-cl-2023-24', { kind: 'result', match: 'F-L2', home: 1, away: 0, source: 'CAF' }, EDITOR)).ok).toBe(true);
      const created = await editing.confirm('caf-xx-2026', { kind: 'season_new', id: 'caf-xx-2026', competition: 'Test Cup', label: '2026', format: 'knockout-8', source: 'CAF' }, EDITOR);
      expect(created.ok).toBe(true);
      const fixture = await editing.confirm('caf-xx-2026', { kind: 'fixture', round: 'QF-L1', home: 'Zamalek', away: 'Al Ahly SC', date: '2026-03-01', source: 'draw' }, EDITOR);
      expect(fixture.ok ? fixture.entry.matchId : fixture.problems).toBe('QF-T01-L1');
    } finally {
      store.close();
    }

    const out = join(dir, 'cl.json');
    const run = dataExport(databasePath, file, 'caf-cl-2023-24', '--out', out);
    expect(run.stderr).toMatch(/caf-cl-2023-24: \d+ teams, 138 matches written/);
    expect(run.code).toBe(0);
    const written = JSON.parse(readFileSync(out, 'utf8')) as { matches: { id: string; score: unknown; status: string }[] };
    expect(written.matches.find((m) => m.id === 'F-L2')).toMatchObject({ status: 'played', score: { home: 1, away: 0 } });
    expect(parseSeason(written, out).season.matches).toHaveLength(138);

    const built = dataExport(databasePath, file, 'caf-xx-2026');
    expect(built.code).toBe(0);
    const season = parseSeason(JSON.parse(built.stdout), 'stdout').season;
    expect(season.matches.map((m) => [m.id, m.home, m.away, m.date])).toEqual([['QF-T01-L1', 'zamalek', 'al-ahly-sc', '2026-03-01']]);
  });
});
