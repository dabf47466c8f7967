// `cli ranking` across seasons, in-process (runCli): with SEASON_FILES naming both shipped seasons the
// JSON's acrossSeasons counts both; with --file, only that file.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { runCli } from '../../src/cli/run.js';

const CC = join('data', 'seasons', 'caf-cc-2023-24.json');
const CL = join('data', 'seasons', 'caf-cl-2023-24.json');

const run = (...args: string[]) => {
  let stdout = '';
  let stderr = '';
  const databasePath = join(mkdtempSync(join(tmpdir(), 'caf-cli-across-')), 'bot.sqlite');
  const env = { ...process.env, DATABASE_PATH: databasePath, SEASON_FILE: '', SEASON_FILES: `${CC},${CL}`, NODE_NO_WARNINGS: '1' };
  const code = runCli(args, { env, stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { code, stdout, stderr };
};

interface AcrossJson {
  readonly acrossSeasons: {
    readonly combinedSeasons: readonly string[];
    readonly comparison: string;
    readonly seasons: readonly { season: string; coefficient: number | string; associations: readonly { code: string; points: number | string }[] }[];
    readonly combined: readonly { code: string; total: number }[];
    readonly comparisons: readonly { status: string }[];
  };
}

test('--json: both loaded seasons, their coefficients, Egypt 70 first, the printed points not comparable', () => {
  const { code, stdout } = run('ranking', '--json');
  expect(code).toBe(0);
  const { acrossSeasons: a } = JSON.parse(stdout) as AcrossJson;
  expect([...a.combinedSeasons].sort()).toEqual(['caf-cc-2023-24', 'caf-cl-2023-24']);
  expect(a.seasons.map((s) => s.coefficient)).toEqual([5, 5]);
  expect(a.combined[0]).toMatchObject({ code: 'EGY', total: 70 });
  expect(a.comparison).toBe('not_comparable');
  expect(a.comparisons.length).toBeGreaterThan(0);
  expect(new Set(a.comparisons.map((c) => c.status))).toEqual(new Set(['not_comparable']));
});

test('--file: only that season counts', () => {
  const { code, stdout } = run('ranking', '--json', '--file', CL);
  expect(code).toBe(0);
  const { acrossSeasons: a } = JSON.parse(stdout) as AcrossJson;
  expect(a.combinedSeasons).toEqual(['caf-cl-2023-24']);
  expect(a.combined[0]).toMatchObject({ code: 'EGY', total: 35 });
  // The Champions League file prints no association points: nothing to compare.
  expect(a.comparison).toBe('none');
});

test('text: the table across seasons and the plain comparison sentence', () => {
  const { code, stdout } = run('ranking');
  expect(code).toBe(0);
  expect(stdout).toMatch(/^Association\s+caf-cc-2023-24 \(×5\)\s+caf-cl-2023-24 \(×5\)\s+Total$/m);
  expect(stdout).toMatch(/^EGY\s+7\s+7\s+70$/m);
  expect(stdout).toContain('The printed 5-year ranking was fixed before the loaded seasons were played');
});
