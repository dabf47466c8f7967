// `npm run data:import` and the query CLI as an operator runs them: real files, exit codes and output
// streams. In-process (runDataImport, runCli) but for the entry point's own case at the end, a real
// process on this run's JavaScript build (test/support/build-bot.ts).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { runDataImport } from '../../src/tools/data-import-run.js';

const dir = mkdtempSync(join(tmpdir(), 'caf-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/openfootball/${name}`, import.meta.url));
const SHIPPED_CLUBS = fileURLToPath(new URL('../../data/clubs.json', import.meta.url));

type Run = { code: number | null; stdout: string; stderr: string };
/** A real process on this run's JavaScript build, as `npm run data:import` runs it. */
const nodeProcess = (script: string[], args: string[]): Run => {
  const run = spawnSync(process.execPath, [join(inject('botBuildRoot'), 'dist', ...script), ...args], {
    encoding: 'utf8',
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
};
/**
 * The same run in-process (no Node start per case): its output in buffers; a throw ends it as an
 * uncaught one ends the process, a stack on stderr and exit 1.
 */
const inProcess = (runIt: (io: { stdout: { write(text: string): unknown }; stderr: { write(text: string): unknown } }) => number): Run => {
  let stdout = '';
  let stderr = '';
  try {
    const code = runIt({ stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } });
    return { code, stdout, stderr };
  } catch (err) {
    return { code: 1, stdout, stderr: `${stderr}${(err as Error).stack ?? String(err)}\n` };
  }
};
const dataImport = (...args: string[]) => inProcess((io) => runDataImport(args, io));
// No database: the query CLI reads the season file in memory.
const cli = (...args: string[]) => inProcess((io) => runCli(args, { ...io, env: { ...process.env, DATABASE_PATH: join(dir, 'none.sqlite'), SEASON_FILE: '' } }));

/** A private copy of data/clubs.json, so no test writes the shipped one. */
const clubsCopy = (name: string, keep?: (club: { sources: string[] }) => boolean): string => {
  const path = join(dir, name);
  const json = JSON.parse(readFileSync(SHIPPED_CLUBS, 'utf8')) as { clubs: { sources: string[] }[] };
  writeFileSync(path, JSON.stringify(keep ? { ...json, clubs: json.clubs.filter(keep) } : json));
  return path;
};
const clArgs = (out: string, clubs: string, ...more: string[]) => [
  fixture('cl-2023-24.txt'),
  '--id', 'caf-cl-2023-24',
  '--competition', 'CAF Champions League',
  '--label', '2023-24',
  '--groups', fixture('cl-2023-24-groups.json'),
  '--out', out,
  '--clubs', clubs,
  ...more,
];

describe('npm run data:import', () => {
  const out = join(dir, 'cl.json');
  const clubs = clubsCopy('clubs-cc-only.json', (c) => c.sources.some((s) => s.startsWith('data/seasons/caf-cc-2023-24.json')));
  const first = dataImport(...clArgs(out, clubs, '--write-clubs'));

  test('imports CL 2023-24: prints what it found and what the format did not give, writes the season and the new clubs', () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Found: 54 clubs (0 in clubs-cc-only.json, 54 new), 138 matches (134 played, 4 awarded, 0 without a result), 4 groups, 6 rounds, 258 goals.');
    expect(first.stdout).toContain('Champion: Al Ahly SC.');
    expect(first.stdout).toMatch(/AS Douanes \(BFA\) → as-douanes; not AS Douanes Niger \(NIG\): another association/);
    expect(first.stdout).toMatch(/scorers for 109 played match\(es\) with goals/);
    expect(first.stdout).toMatch(/138 printed with no time zone/);
    const season = JSON.parse(readFileSync(out, 'utf8')) as { matches: unknown[]; teams: unknown[]; id: string };
    expect([season.id, season.teams.length, season.matches.length]).toEqual(['caf-cl-2023-24', 54, 138]);
    const written = JSON.parse(readFileSync(clubs, 'utf8')) as { clubs: { id: string; association: string }[] };
    expect(written.clubs).toHaveLength(52 + 54);
    expect(written.clubs.filter((c) => c.id.startsWith('as-douanes')).map((c) => `${c.id} ${c.association}`)).toEqual([
      'as-douanes-niger NIG',
      'as-douanes-mauritania MTN',
      'as-douanes BFA',
    ]);
  });

  test('a second import knows every club; without --write-clubs new clubs are only listed', () => {
    const again = dataImport(...clArgs(join(dir, 'cl-again.json'), clubs));
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('54 clubs (54 in clubs-cc-only.json, 0 new)');
    const untouched = clubsCopy('clubs-untouched.json', (c) => c.sources.some((s) => s.startsWith('data/seasons/caf-cc-2023-24.json')));
    const before = readFileSync(untouched, 'utf8');
    const listed = dataImport(...clArgs(join(dir, 'cl-listed.json'), untouched));
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/New clubs \(not in .*clubs-untouched\.json; rerun with --write-clubs to add them\):/);
    expect(readFileSync(untouched, 'utf8')).toBe(before);
  });

  test('the query CLI reads the imported file: four group tables, every tie with its winner and how', () => {
    const standings = cli('standings', '--file', out, '--json');
    expect(standings.code).toBe(0);
    const tables = (JSON.parse(standings.stdout) as { groups: { group: string; rows: { team: string; points: number }[] }[] }).groups;
    expect(tables.map((g) => [g.group, g.rows[0]?.team, g.rows[0]?.points, g.rows.length])).toEqual([
      ['A', 'Mamelodi Sundowns', 13, 4],
      ['B', 'ASEC Mimosas', 11, 4],
      ['C', 'Petro Atlético', 12, 4],
      ['D', 'Al Ahly SC', 12, 4],
    ]);
    // --season-file is the older name of --file: the same answer.
    expect(cli('standings', '--season-file', out, '--json').stdout).toBe(standings.stdout);

    const ties = cli('ties', '--file', out, '--json');
    expect(ties.code).toBe(0);
    const list = (JSON.parse(ties.stdout) as { ties: { round: string; winner: string | null; decidedBy: string | null }[] }).ties;
    expect(list).toHaveLength(22 + 16 + 4 + 2 + 1);
    expect(list.filter((t) => t.winner === null || t.decidedBy === null)).toEqual([]);
    const how = (decidedBy: string) => list.filter((t) => t.decidedBy === decidedBy).length;
    expect({ aggregate: how('aggregate'), away_goals: how('away_goals'), penalties: how('penalties'), awarded: how('awarded') }).toEqual({ aggregate: 35, away_goals: 4, penalties: 4, awarded: 2 });
    expect(list.at(-1)).toMatchObject({ round: 'final', winner: 'Al Ahly SC', decidedBy: 'aggregate' });
  });

  test('--file and --season-file naming two files is a usage error', () => {
    const run = cli('standings', '--file', out, '--season-file', join(dir, 'other.json'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--file and --season-file name two different files/);
  });
});

describe('data:import refuses bad input and writes nothing', () => {
  test('an unreadable line: file, line number, the line and what was expected; exit 1', () => {
    const broken = join(dir, 'broken.txt');
    const lines = readFileSync(fixture('cl-2023-24.txt'), 'utf8').split('\n');
    lines[12] = '  16.00  KMKM (ZAN)               1:2 somehow  St. George SC (ETH)';
    writeFileSync(broken, lines.join('\n'));
    const out = join(dir, 'broken.json');
    const clubs = clubsCopy('clubs-broken.json');
    const before = readFileSync(clubs, 'utf8');
    const run = dataImport(broken, '--id', 'x', '--competition', 'CAF Champions League', '--label', '2023-24', '--out', out, '--clubs', clubs, '--write-clubs');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${broken}:13: `);
    expect(run.stderr).toContain('    16.00  KMKM (ZAN)               1:2 somehow  St. George SC (ETH)');
    expect(run.stderr).toMatch(/expected: /);
    expect(run.stderr).toMatch(/nothing was written/);
    expect(existsSync(out)).toBe(false);
    expect(readFileSync(clubs, 'utf8')).toBe(before);
  });

  test.each([
    ['afl-2023.txt', 'caf-afl-2023', 'African Football League', '2023', 'Rounds: Quarterfinals, Semifinals, Final. Champion: Mamelodi Sundowns.', /14 matches \(13 played, 0 awarded, 1 without a result\)/],
    ['cl-2024-25.txt', 'caf-cl-2024-25', 'CAF Champions League', '2024-25', 'Rounds: Qual. Round 1, Qual. Round 2. Champion: not decided.', /59 clubs \(\d+ in clubs-caf-cl-2024-25\.json, \d+ new\), 86 matches \(85 played, 1 awarded, 0 without a result\)/],
  ])('%s: its format from its sections, written and read back by the query CLI', (name, id, competition, label, rounds, found) => {
    const out = join(dir, `${id}.json`);
    const run = dataImport(fixture(name), '--id', id, '--competition', competition, '--label', label, '--out', out, '--clubs', clubsCopy(`clubs-${id}.json`), '--as-of', '2024-10-05');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(rounds);
    expect(run.stdout).toMatch(found);
    const written = JSON.parse(readFileSync(out, 'utf8')) as { id: string; format: { stages: { code: string }[] } };
    expect(written.id).toBe(id);
    const ties = cli('ties', '--file', out, '--json');
    expect(ties.code).toBe(0);
    const json = JSON.parse(ties.stdout) as { season: { id: string }; ties: { round: string; winner: string | null; decidedBy: string | null }[] };
    expect(json.season.id).toBe(id);
    expect(new Set(json.ties.map((t) => t.round))).toEqual(new Set(written.format.stages.map((st) => st.code)));
    // Every tie the file gives both results of has its winner; the AFL semi-final with a leg the file leaves blank has none.
    expect(json.ties.filter((t) => t.winner === null).map((t) => t.round)).toEqual(id === 'caf-afl-2023' ? ['semi_final'] : []);
  });

  test('the shipped AFL 2023 and CL 2024-25 files are what the importer writes from the fixtures', () => {
    const SRC = 'https://github.com/openfootball/africa/blob/16b5eccee9a91f00fd12c9cb2aa8d0cb088f919f';
    for (const [name, id, competition, label, path] of [
      ['afl-2023.txt', 'caf-afl-2023', 'African Football League', '2023', 'african-football-league/2023/afl.txt'],
      ['cl-2024-25.txt', 'caf-cl-2024-25', 'CAF Champions League', '2024-25', 'champions-league/2024-25/cl.txt'],
    ] as const) {
      const out = join(dir, `shipped-${id}.json`);
      const run = dataImport(fixture(name), '--id', id, '--competition', competition, '--label', label, '--out', out, '--clubs', SHIPPED_CLUBS, '--as-of', '2024-10-05', '--source', `${SRC}/${path}`);
      expect(run.code).toBe(0);
      const shipped = fileURLToPath(new URL(`../../data/seasons/${id}.json`, import.meta.url));
      expect(readFileSync(out, 'utf8')).toBe(readFileSync(shipped, 'utf8'));
    }
  });

  test.each([
    [['--id', 'x'], /Name the Football.TXT file to import/],
    [[fixture('cl-2023-24.txt'), '--id', 'x'], /Missing --competition, --label\./],
    [[fixture('cl-2023-24.txt'), '--id', 'Not A Slug', '--competition', 'c', '--label', '2023-24'], /must be a slug/],
    [[fixture('cl-2023-24.txt'), '--bogus'], /Unknown option '--bogus'/],
  ])('usage errors exit 2: %j', (args, message) => {
    const run = dataImport(...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/^Usage: npm run data:import/m);
    // A league phase needs no --groups: the usage says how a round without letters is read.
    expect(run.stderr).toMatch(/one pool is\s+read as one unnamed group/);
  });

  test('a clubs file two clubs of one association share a name in is refused, exit 1', () => {
    const path = join(dir, 'clubs-bad.json');
    copyFileSync(SHIPPED_CLUBS, path);
    const json = JSON.parse(readFileSync(path, 'utf8')) as { clubs: { id: string; aliases: string[] }[] };
    // RS Berkane (MAR) is also "Berkane"; FUS Rabat is of the same association.
    json.clubs.find((c) => c.id === 'fus-rabat')?.aliases.push('Berkane');
    writeFileSync(path, JSON.stringify(json));
    const run = dataImport(...clArgs(join(dir, 'never.json'), path));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/clubs\[1\] \(RS Berkane\): "Berkane" is also a name of clubs\[0\] \(FUS Rabat\) of the same association MAR/);
    expect(existsSync(join(dir, 'never.json'))).toBe(false);
  });
});

describe('npm run data:import through the real entry point (node dist/tools/data-import.js)', () => {
  test('a usage error exits 2 with the message and the usage on stderr, nothing on stdout', () => {
    const run = nodeProcess(['tools', 'data-import.js'], []);
    expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: '' });
    expect(run.stderr).toContain('Name the Football.TXT file to import.');
    expect(run.stderr).toContain('npm run data:import');
  });
});
