import { spawn, type SpawnOptions } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { openSeasonStore } from '../src/season-store.js';

// The entry point as a supervisor runs it: exit codes and log lines of start-ups that must not
// reach `ready`. None of these gets as far as logging in, so no Discord stand-in is needed.

const TOKEN = 'MTE5NTk0NDQ0NDQ0NDQ0NDQ0NA.GsEntl.sentinel-token-value-do-not-print-0123';
const EXIT_CONFIG = 78;
const NOBODY = 65534;

const dir = mkdtempSync(join(tmpdir(), 'caf-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'not-a-season.json'), '{ "not": "a season" }');

const startBot = async (env: Record<string, string>, as: Pick<SpawnOptions, 'uid' | 'gid'> = {}) => {
  // This run's build of src/ (test/support/build-bot.ts), as `npm start` runs it. Asynchronous, so the
  // worker's event loop is not blocked while it runs; the cases still run one after another (run side by
  // side on a loaded machine, a case once saw a level-30 line after the fatal one: not yet understood).
  const child = spawn(process.execPath, [join(inject('botBuildRoot'), 'dist', 'index.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_NO_WARNINGS: '1',
      LOG_FORMAT: 'json',
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: '1195944444444444444',
      ...env,
    },
    timeout: 60_000,
    ...as,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const [code] = (await once(child, 'close')) as [number | null];
  const lines = stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level: number; msg: string; [key: string]: unknown });
  return { code, stdout, stderr, lines };
};

describe('start-up refusals (exit 78: a person must fix them, a restart would not)', { timeout: 60_000 }, () => {
  test('GIVEN a database file this process cannot write THEN it exits 78 with what to fix, never logging ready', async () => {
    // A migrated, imported database, as a previous start left it; then owned by someone else.
    const home = join(dir, 'readonly');
    mkdirSync(home);
    const databasePath = join(home, 'bot.sqlite');
    openSeasonStore({ databasePath }).close();
    const isRoot = process.getuid?.() === 0;
    // root writes whatever the mode says: run the bot as nobody instead, in a directory it may write
    // (SQLite's -wal/-shm) next to a file it may not.
    // The run's build folder is private to root (mkdtemp): opened to nobody too, so this start runs
    // the same JavaScript as the others instead of compiling src/ again with tsx.
    if (isRoot) {
      chmodSync(dir, 0o755);
      chmodSync(home, 0o1777);
      chmodSync(inject('botBuildRoot'), 0o755);
    }
    else chmodSync(databasePath, 0o444);

    const run = await startBot(
      {
        DATABASE_PATH: databasePath,
        // Two fixable mistakes on the way, and a proxy URL with a password that must not be printed.
        DISCORD_TOKEN: `${TOKEN}\n`,
        DISCORD_API_URL: 'http://proxyuser:hunter2@127.0.0.1:9/api/v10',
      },
      isRoot ? { uid: NOBODY, gid: NOBODY } : {},
    );

    expect(run.code, `${run.stderr}${run.stdout}`).toBe(EXIT_CONFIG);
    const messages = run.lines.map((line) => line.msg);
    expect(messages).toEqual([
      expect.stringContaining('DISCORD_TOKEN had spaces or a line break around it'),
      expect.stringContaining('DISCORD_API_URL http://[redacted]@127.0.0.1:9/api/v10 should not end in an API version'),
      'starting',
      'startup failed',
    ]);
    expect(run.lines.at(-1)?.problem).toMatch(
      new RegExp(`^The database ${databasePath} is not writable by this process \\(attempt to write a readonly database\\)`),
    );
    expect(run.lines.find((line) => line.msg === 'starting')).toMatchObject({ apiUrl: 'http://[redacted]@127.0.0.1:9/api' });
    expect(run.lines.at(-1)?.level).toBe(60);
    expect(`${run.stdout}${run.stderr}`).not.toContain('hunter2');
    expect(`${run.stdout}${run.stderr}`).not.toContain('sentinel-token');
  });

  test.each([
    ['missing', () => join(dir, 'no-such-season.json'), /no-such-season\.json has 1 problem:\n\s+- \$: cannot read the file/],
    ['not a season', () => join(dir, 'not-a-season.json'), /not-a-season\.json has \d+ problems?:/],
  ])('GIVEN a SEASON_FILE that is %s and nothing imported before THEN it exits 78 with the problems', async (_label, file, message) => {
    const run = await startBot({ DATABASE_PATH: join(dir, `fresh-${Math.random().toString(36).slice(2)}.sqlite`), SEASON_FILE: file() });
    expect(run.code, `${run.stderr}${run.stdout}`).toBe(EXIT_CONFIG);
    const fatal = run.lines.at(-1);
    expect(fatal?.level, run.stdout).toBe(60);
    expect(fatal).toMatchObject({ msg: 'startup failed', problem: expect.stringMatching(message) });
    expect(fatal).not.toHaveProperty('err');
  });

  test('GIVEN DATABASE_PATH at a file that is not a SQLite database THEN it exits 78 and leaves the file alone', async () => {
    const notADatabase = join(dir, 'notes.txt');
    const text = 'meeting notes, not a database: '.repeat(10);
    writeFileSync(notADatabase, text);
    const run = await startBot({ DATABASE_PATH: notADatabase });
    expect(run.code, `${run.stderr}${run.stdout}`).toBe(EXIT_CONFIG);
    expect(run.lines.at(-1)?.problem).toMatch(new RegExp(`^DATABASE_PATH ${notADatabase} is not a SQLite database \\(file is not a database\\)`));
    expect(readFileSync(notADatabase, 'utf8')).toBe(text);
  });

  test('GIVEN a database whose schema blocks a migration THEN it exits 78 naming the migration, after one backup', async () => {
    const home = join(dir, 'blocked');
    mkdirSync(home);
    const databasePath = join(home, 'bot.sqlite');
    const sqlite = new Database(databasePath);
    sqlite.exec('create table associations (unexpected text)');
    sqlite.close();

    const run = await startBot({ DATABASE_PATH: databasePath });
    expect(run.code, `${run.stderr}${run.stdout}`).toBe(EXIT_CONFIG);
    expect(run.lines.at(-1), run.stdout).toMatchObject({ msg: 'startup failed', problem: expect.stringMatching(/^Database migration 0000_season failed: .*already exists/) });
    expect(readdirSync(home).filter((name) => name.endsWith('.bak'))).toHaveLength(1);
  });

  test.each([
    ['in a directory that does not exist', () => join(dir, 'no-such-dir', 'bot.sqlite'), /the directory .*no-such-dir does not exist/],
    ['pointing at a directory', () => dir, /is a directory/],
  ])('GIVEN DATABASE_PATH %s THEN it exits 78 before logging anything', async (_label, path, message) => {
    const run = await startBot({ DATABASE_PATH: path() });
    expect(run.code).toBe(EXIT_CONFIG);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.lines).toEqual([]);
  });
});
