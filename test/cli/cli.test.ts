import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { MIGRATIONS_FOLDER, openDatabase, pendingMigrations } from '../../src/db/client.js';
import { runCli } from '../../src/cli/run.js';
import { DEFAULT_SEASON_FILE } from '../../src/season/read.js';
import { dumpDatabase } from '../db/helpers.js';

// The CLI as a user runs it: a real SQLite file, exit codes and output streams. Most cases run it
// in-process (runCli with its own environment and streams: no Node start and no reload of the season
// files per case); `through the real entry point` runs `node dist/cli/main.js` as npm run cli does.

const dir = mkdtempSync(join(tmpdir(), 'caf-cli-'));
const dbPath = join(dir, 'cli.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type CliResult = { code: number | null; stdout: string; stderr: string };
const cliEnv = (databasePath: string) => ({ ...process.env, DATABASE_PATH: databasePath, SEASON_FILE: '', NODE_NO_WARNINGS: '1' });

/** A real process on this run's JavaScript build; asynchronous, so the worker stays responsive. */
const cliProcess = (databasePath: string, ...args: string[]): Promise<CliResult> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(inject('botBuildRoot'), 'dist', 'cli', 'main.js'), ...args], { env: cliEnv(databasePath), timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });

/** The same run in-process; a throw ends it as an uncaught one ends the process: a stack on stderr, exit 1. */
const cliWith = async (databasePath: string, ...args: string[]): Promise<CliResult> => {
  let stdout = '';
  let stderr = '';
  const io = { env: cliEnv(databasePath), stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } };
  try {
    const code = runCli(args, io);
    return { code, stdout, stderr };
  } catch (err) {
    return { code: 1, stdout, stderr: `${stderr}${(err as Error).stack ?? String(err)}\n` };
  }
};
const cli = (...args: string[]) => cliWith(dbPath, ...args);

/** A database migrated with the first migration only, as an older version of the bot left it. */
const databaseBehind = (path: string): void => {
  const folder = join(mkdtempSync(join(tmpdir(), 'caf-cli-mig-')), 'drizzle');
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: unknown[] };
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, 1) }));
  openDatabase(path, { migrationsFolder: folder }).close();
};

const contentOf = (path: string) => {
  const sqlite = new Database(path, { readonly: true });
  try {
    return { dump: dumpDatabase(sqlite), pending: pendingMigrations(sqlite) };
  } finally {
    sqlite.close();
  }
};

describe.concurrent('query CLI', () => {
  it('prints Group C as a table with the computed positions', async () => {
    const { code, stdout } = await cli('standings', '--group', 'C');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Group C/m);
    expect(stdout).toMatch(/P\s+W\s+D\s+L\s+GF\s+GA\s+GD\s+Pts/);
    const teams = stdout.split('\n').filter((l) => /^\d\s/.test(l)).map((l) => l.slice(3, 24).trim());
    expect(teams).toHaveLength(4);
  });

  it('gives JSON in the documented shape with --json', async () => {
    const { code, stdout } = await cli('standings', '--group', 'C', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { groups: { group: string; rows: Record<string, unknown>[]; notes: string[] }[] };
    expect(json.groups.map((g) => g.group)).toEqual(['C']);
    expect(Object.keys(json.groups[0]!.rows[0]!)).toEqual(
      expect.arrayContaining(['position', 'team', 'played', 'won', 'drawn', 'lost', 'goalsFor', 'goalsAgainst', 'goalDifference', 'points', 'decidedBy']),
    );
  });

  it('names the final winner and what decided it', async () => {
    const { code, stdout } = await cli('ties', '--round', 'final', '--json');
    expect(code).toBe(0);
    const { ties } = JSON.parse(stdout) as { ties: { teams: string[]; aggregate: number[]; winner: string; decidedBy: string }[] };
    expect(ties).toEqual([expect.objectContaining({ teams: ['RS Berkane', 'Zamalek'], aggregate: [2, 2], winner: 'Zamalek', decidedBy: 'away_goals' })]);
  });

  it('keeps kickoff and score null where they are not recorded', async () => {
    const { stdout } = await cli('fixtures', '--group', 'D', '--matchday', '6', '--json');
    const { matches } = JSON.parse(stdout) as { matches: { home: string; away: string; score: unknown; status: string }[] };
    const unrecorded = matches.find((m) => m.home === 'Diables Noirs' && m.away === 'Sekhukhune United');
    expect(unrecorded).toMatchObject({ status: 'scheduled', score: null }); // result not published: not "played" (issue 10)
  });

  it.each([
    [['standings', '--group', 'X'], /--group must be one of: A, B, C, D/],
    [['fixtures', '--matchday', '9'], /--matchday must be a whole number from 1 to 6/],
    [['team', 'zamelek'], /Did you mean: Zamalek/],
    [['nonsense'], /Unknown query "nonsense"/],
    [['scorers', '--limit', 'many'], /--limit must be a whole number/],
    [['fixtures', '--from', '26/11/2023'], /--from must be a date/],
  ])('exits 2 with a clear message on stderr for %j', async (args, message) => {
    const { code, stdout, stderr } = await cli(...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('validate exits 0 for the shipped season files, each named', async () => {
    const { code, stdout } = await cli('validate');
    expect(code).toBe(0);
    expect(stdout).toMatch(/caf-cc-2023-24\.json is valid: 52 teams/);
    expect(stdout).toMatch(/caf-cl-2023-24\.json is valid: 54 teams, 138 matches/);
    expect(stdout).toMatch(/caf-cl-2024-25\.json is valid: 59 teams, 86 matches/);
    expect(stdout).toMatch(/caf-afl-2023\.json is valid: 8 teams, 14 matches/);
    const json = await cli('validate', '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ valid: true, files: Array.from({ length: 4 }, () => ({ valid: true, problems: [] })) });
  });

  it('validate exits 1 and lists the problems of a broken file', async () => {
    const season = JSON.parse(readFileSync(DEFAULT_SEASON_FILE, 'utf8')) as { matches: { home: string }[] };
    season.matches[0]!.home = 'Nobody United';
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify(season));
    const { code, stderr } = await cli('validate', broken);
    expect(code).toBe(1);
    expect(stderr).toContain(broken);
    expect(stderr).toMatch(/matches\[0\]\.home: .*Nobody United/);
  });

  it('a query name from Object.prototype is an unknown query, not a crash or "undefined"', { timeout: 30_000 }, async () => {
    for (const name of ['constructor', '__proto__']) {
      const { code, stdout, stderr } = await cli(name);
      expect({ name, code, stdout }).toEqual({ name, code: 2, stdout: '' });
      expect(stderr).toContain(`Unknown query "${name}"`);
    }
  });
});

// Several CLI processes per test, on a shared two-core machine.
describe('query CLI and the database: queries write nothing, migrate is explicit', { timeout: 60_000 }, () => {
  it('a query with no database file reads the season file and creates nothing', async () => {
    const path = join(dir, 'never-created.sqlite');
    const { code, stdout } = await cliWith(path, 'standings', '--group', 'C');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Group C/m);
    expect(existsSync(path)).toBe(false);
  });

  it('a query on a database behind the migrations leaves it as it was and says how to migrate', async () => {
    const path = join(dir, 'behind.sqlite');
    databaseBehind(path);
    const before = contentOf(path);
    expect(before.pending.length).toBeGreaterThan(0);

    const { code, stdout, stderr } = await cliWith(path, 'ties', '--round', 'final', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ ties: [expect.objectContaining({ winner: 'Zamalek' })] });
    expect(stderr).toMatch(/not migrated.*npm run cli -- migrate/);
    expect(contentOf(path)).toEqual(before);
  });

  it('migrate brings the database up to date and imports the season; queries then read it without changing it', async () => {
    const path = join(dir, 'migrated.sqlite');
    databaseBehind(path);
    const migrated = await cliWith(path, 'migrate');
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toMatch(/applied .*; season files imported \(caf-cl-2024-25, caf-afl-2023, caf-cl-2023-24, caf-cc-2023-24\)\./);
    const after = contentOf(path);
    expect(after.pending).toEqual([]);
    expect(after.dump.data_imports).toHaveLength(4);

    const again = await cliWith(path, 'migrate');
    expect(again.stdout).toMatch(/schema already up to date; season data already current \(caf-cl-2024-25, caf-afl-2023, caf-cl-2023-24, caf-cc-2023-24\)\./);

    const query = await cliWith(path, 'standings', '--group', 'C');
    expect(query.code).toBe(0);
    expect(query.stderr).toBe('');
    expect(contentOf(path)).toEqual(after);
  });
});

describe.concurrent('several seasons: --season, --file and the seasons query', () => {
  it('seasons --json lists every shipped season, newest first, with its status on the clock', async () => {
    const { code, stdout } = await cli('seasons', '--json');
    expect(code).toBe(0);
    const { seasons } = JSON.parse(stdout) as { seasons: Record<string, unknown>[] };
    expect(seasons.map((s) => Object.keys(s))).toEqual(seasons.map(() => ['id', 'competition', 'label', 'status', 'matches', 'lastResult', 'source']));
    expect(seasons.map((s) => [s.id, s.competition, s.label])).toEqual([
      ['caf-cl-2024-25', 'CAF Champions League', '2024-25'],
      ['caf-afl-2023', 'African Football League', '2023'],
      ['caf-cl-2023-24', 'CAF Champions League', '2023-24'],
      ['caf-cc-2023-24', 'CAF Confederation Cup', '2023-24'],
    ]);
    // The 2023–24 finals were played in May 2024 and the AFL's in November 2023: finished on today's
    // clock; the Champions League 2024–25 data stopped in September 2024: stale.
    expect(seasons.map((s) => s.status)).toEqual(['stale', 'finished', 'finished', 'finished']);
    expect(seasons[0]).toMatchObject({ matches: 86, lastResult: '2024-09-22', source: expect.stringMatching(/data\/seasons\/caf-cl-2024-25\.json$/) });
    expect(seasons[1]).toMatchObject({ matches: 14, lastResult: '2023-11-12', source: expect.stringMatching(/data\/seasons\/caf-afl-2023\.json$/) });
    expect(seasons[2]).toMatchObject({ matches: 138, lastResult: '2024-05-25', source: expect.stringMatching(/data\/seasons\/caf-cl-2023-24\.json$/) });
    expect(seasons[3]).toMatchObject({ lastResult: '2024-05-19', source: expect.stringMatching(/data\/seasons\/caf-cc-2023-24\.json$/) });
  });

  it('seasons prints a table for people', async () => {
    const { code, stdout } = await cli('seasons');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Season\s+Competition\s+Label\s+Status\s+Matches\s+Last result/m);
    expect(stdout).toMatch(/^caf-cl-2023-24\s+CAF Champions League\s+2023-24\s+finished\s+138\s+2024-05-25$/m);
  });

  it('--season picks a loaded season; the JSON names it at the top', async () => {
    const { code, stdout } = await cli('standings', '--season', 'caf-cl-2023-24', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { season: unknown; groups: { group: string }[] };
    expect(json.season).toEqual({ id: 'caf-cl-2023-24', competition: 'CAF Champions League', label: '2023-24' });
    expect(json.groups).toHaveLength(4);
  });

  it('without --season the JSON is about the default season (the first file)', async () => {
    const { code, stdout } = await cli('teams', '--json');
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { season: unknown }).season).toEqual({ id: 'caf-cc-2023-24', competition: 'CAF Confederation Cup', label: '2023-24' });
  });

  it('--file queries that file in memory, whatever the database holds', async () => {
    const { code, stdout, stderr } = await cli('ties', '--round', 'final', '--file', join('data', 'seasons', 'caf-cl-2023-24.json'), '--json');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect((JSON.parse(stdout) as { season: { id: string } }).season.id).toBe('caf-cl-2023-24');
  });

  it.each([
    [['standings', '--season', 'caf-xx-1999'], /No season caf-xx-1999 is loaded\. Loaded seasons: caf-cc-2023-24, caf-afl-2023, caf-cl-2023-24, caf-cl-2024-25/],
    [['standings', '--season', 'caf-cc-2023-24', '--file', 'x.json'], /--file reads one season file and --season picks a loaded season; give one/],
  ])('exits 2 with a clear message for %j', async (args, message) => {
    const { code, stderr } = await cli(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});


describe.concurrent('through the real entry point (node dist/cli/main.js, as npm run cli runs it)', () => {
  it('prints Group C on stdout and exits 0', async () => {
    const { code, stdout, stderr } = await cliProcess(dbPath, 'standings', '--group', 'C');
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/^Group C/m);
  });

  it('exits 2 with the message and the usage on stderr, nothing on stdout, for an unknown query', async () => {
    const { code, stdout, stderr } = await cliProcess(dbPath, 'nonsense');
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toContain('Unknown query "nonsense"');
    expect(stderr).toContain('Usage: npm run cli');
  });
});
