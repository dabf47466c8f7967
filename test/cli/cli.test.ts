import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_SEASON_FILE } from '../../src/season/read.js';

// The CLI as a user runs it: a real process, a real SQLite file, exit codes and output streams.

const dir = mkdtempSync(join(tmpdir(), 'caf-cli-'));
const dbPath = join(dir, 'cli.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => {
  const run = spawnSync(process.execPath, [join(inject('botBuildRoot'), 'dist', 'cli', 'main.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_PATH: dbPath, SEASON_FILE: '', NODE_NO_WARNINGS: '1' },
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
};

describe('query CLI', () => {
  it('prints Group C as a table with the computed positions', () => {
    const { code, stdout } = cli('standings', '--group', 'C');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Group C/m);
    expect(stdout).toMatch(/P\s+W\s+D\s+L\s+GF\s+GA\s+GD\s+Pts/);
    const teams = stdout.split('\n').filter((l) => /^\d\s/.test(l)).map((l) => l.slice(3, 24).trim());
    expect(teams).toHaveLength(4);
  });

  it('gives JSON in the documented shape with --json', () => {
    const { code, stdout } = cli('standings', '--group', 'C', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { groups: { group: string; rows: Record<string, unknown>[]; notes: string[] }[] };
    expect(json.groups.map((g) => g.group)).toEqual(['C']);
    expect(Object.keys(json.groups[0]!.rows[0]!)).toEqual(
      expect.arrayContaining(['position', 'team', 'played', 'won', 'drawn', 'lost', 'goalsFor', 'goalsAgainst', 'goalDifference', 'points', 'decidedBy']),
    );
  });

  it('names the final winner and what decided it', () => {
    const { code, stdout } = cli('ties', '--round', 'final', '--json');
    expect(code).toBe(0);
    const { ties } = JSON.parse(stdout) as { ties: { teams: string[]; aggregate: number[]; winner: string; decidedBy: string }[] };
    expect(ties).toEqual([expect.objectContaining({ teams: ['RS Berkane', 'Zamalek'], aggregate: [2, 2], winner: 'Zamalek', decidedBy: 'away_goals' })]);
  });

  it('keeps kickoff and score null where they are not recorded', () => {
    const { stdout } = cli('fixtures', '--group', 'D', '--matchday', '6', '--json');
    const { matches } = JSON.parse(stdout) as { matches: { home: string; away: string; score: unknown; status: string }[] };
    const unrecorded = matches.find((m) => m.home === 'Diables Noirs' && m.away === 'Sekhukhune United');
    expect(unrecorded).toMatchObject({ status: 'played', score: null });
  });

  it.each([
    [['standings', '--group', 'X'], /--group must be one of: A, B, C, D/],
    [['fixtures', '--matchday', '9'], /--matchday must be a whole number from 1 to 6/],
    [['team', 'zamelek'], /Did you mean: Zamalek/],
    [['nonsense'], /Unknown query "nonsense"/],
    [['scorers', '--limit', 'many'], /--limit must be a whole number/],
    [['fixtures', '--from', '26/11/2023'], /--from must be a date/],
  ])('exits 2 with a clear message on stderr for %j', (args, message) => {
    const { code, stdout, stderr } = cli(...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('validate exits 0 for the shipped season file', () => {
    const { code, stdout } = cli('validate');
    expect(code).toBe(0);
    expect(stdout).toMatch(/is valid: 52 teams/);
  });

  it('validate exits 1 and lists the problems of a broken file', () => {
    const season = JSON.parse(readFileSync(DEFAULT_SEASON_FILE, 'utf8')) as { matches: { home: string }[] };
    season.matches[0]!.home = 'Nobody United';
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify(season));
    const { code, stderr } = cli('validate', broken);
    expect(code).toBe(1);
    expect(stderr).toContain(broken);
    expect(stderr).toMatch(/matches\[0\]\.home: .*Nobody United/);
  });
});
