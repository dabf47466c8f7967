import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { parseSeason } from '../../src/season/parse.js';
import { seasonStatus } from '../../src/domain/season-status.js';
import { runSandboxScript, scriptPath, type SandboxRun } from './run-sandbox.js';

// `npm run sandbox -- --live`: the sandbox fixture of a season in progress (data/sandbox/, never in
// data/seasons/), the bot's clock inside it, and the shipped script that tries /next, /standings and
// /fixtures on it, as a user runs it (compiled sandbox, the real bot as a child process, the stand-in).

const LIVE_FILE = new URL('../../data/sandbox/live-2026-27.json', import.meta.url);
const live = parseSeason(JSON.parse(readFileSync(LIVE_FILE, 'utf8')), 'live-2026-27.json').season;

describe('the sandbox fixture season', () => {
  test('is in progress at the sandbox clock: played matches and matches to come without scores', () => {
    expect(seasonStatus(live, new Date('2026-12-01T12:00:00Z'))).toBe('in_progress');
    const played = live.matches.filter((m) => m.status === 'played');
    const toCome = live.matches.filter((m) => m.status === 'scheduled');
    expect([played.length, toCome.length]).toEqual([24, 24]);
    expect(toCome.every((m) => m.score === null && m.goals.length === 0 && m.kickoff !== null && m.kickoff > '2026-12-01T12:00:00Z')).toBe(true);
    expect(played.every((m) => m.kickoff !== null && m.kickoff < '2026-12-01T12:00:00Z')).toBe(true);
  });

  test('says it is invented, everywhere a source would be', () => {
    expect(live.competition).toBe('Sandbox Cup');
    expect([...live.matches, ...live.teams].every((r) => r.sources.every((s) => /^Invented for the sandbox: not real results$/.test(s)))).toBe(true);
  });
});

describe('npm run sandbox -- --live --script live.txt', () => {
  let run: SandboxRun;
  beforeAll(async () => {
    run = await runSandboxScript(scriptPath('live.txt'), { TZ: 'UTC' }, 170_000, ['--live']);
  }, 200_000);

  test('runs to the end and exits 0', () => {
    expect(run.stderr).not.toContain('Script failed');
    expect(run.code).toBe(0);
  });

  test('/next answers with matchday 4, later today on the sandbox clock, in the season in progress', () => {
    const next = run.stdout.slice(run.stdout.indexOf('caf> /next team:Nile Stars'), run.stdout.indexOf('caf> /standings group:A'));
    expect(next).toContain('Carthage Wanderers v Nile Stars');
    expect(next).toMatch(/1 December 2026|Dec(ember)? 1, 2026|2026-12-01/);
    expect(next).toContain('Sandbox Cup 2026–27');
  });
});
