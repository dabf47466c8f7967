import { beforeAll, describe, expect, test } from 'vitest';
import { runSandboxScript, scriptPath, type SandboxRun } from './run-sandbox.js';

// The shipped tour script, end to end: the stand-in, the real bot (discord.js) on a fresh database,
// every command typed as text. The script's own :expect lines check each reply; here we check the run
// as a whole and what a reader of the transcript relies on.

describe('npm run sandbox -- --script tour.txt', () => {
  let run: SandboxRun;
  beforeAll(async () => {
    // Cairo: kickoffs are stored in UTC, and must show in the reader's zone (UTC+2 in November 2023).
    run = await runSandboxScript(scriptPath('tour.txt'), { TZ: 'Africa/Cairo' });
  }, 180_000);

  test('runs to the end and exits 0', () => {
    expect(run.stderr).not.toContain('Script failed');
    expect(run.code).toBe(0);
  });

  test('every registered command was typed', () => {
    const typed = new Set([...run.stdout.matchAll(/^caf> \/(\w+)/gm)].map((m) => m[1]));
    const listed = [...run.stdout.matchAll(/^ {2}\/(\w+) {2,}/gm)].map((m) => m[1]);
    expect(listed.length).toBeGreaterThanOrEqual(9);
    for (const command of listed) expect(typed, `/${command} is in :help but not in the tour`).toContain(command);
  });

  test('autocomplete picks the team, as Discord does', () => {
    expect(run.stdout).toMatch(/team: zam → Zamalek/);
  });

  test('kickoffs show in the local time zone', () => {
    // Zamalek 1–0 Abu Salim kicked off at 16:00 UTC on 26 November 2023: 18:00 in Cairo.
    expect(run.stdout).toMatch(/26.*2023.*18:00.*Zamalek 1–0 Abu Salim/);
  });

  test('buttons are listed and clicking ▶ shows the next page', () => {
    expect(run.stdout).toContain('[3] ▶');
    expect(run.stdout).toContain('clicked [3] ▶');
    expect(run.stdout).toMatch(/page 2\/\d/);
  });

  test('embeds render as text, tables kept, ephemeral replies marked', () => {
    expect(run.stdout).toMatch(/│ #\s+Team\s+P\s+W\s+D\s+L\s+GF\s+GA\s+GD\s+Pts/);
    expect(run.stdout).toContain('(only you can see this)');
    expect(run.stdout).not.toMatch(/\*\*|<t:\d+/);
  });
});
