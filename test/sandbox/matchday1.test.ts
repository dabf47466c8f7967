import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { runSandboxScript, scriptPath, type SandboxRun } from './run-sandbox.js';

// Matchday 1 of the group stage replayed through the sandbox: announcements set in #matchday, the
// replay clock moved to the day before, and the scheduler's posts arriving in the channel.
//
// The shipped script line for line, but replayed at 4 simulated hours a second instead of its one:
// the 39 simulated hours to the results take 10 s, not 39. The bot's heartbeat and on-time grace
// scale with the rate (scheduler/cron.ts: a 100 ms beat, a grace of two beats either way), so the
// posts are as punctual in real time as at 3600×.
const SHIPPED_SPEED = ':speed 3600';
const TEST_SPEED = ':speed 14400';

/** The shipped script with its one `:speed 3600` line made faster; fails if the script has not exactly one. */
const fasterCopy = (): string => {
  const lines = readFileSync(scriptPath('matchday1.txt'), 'utf8').split('\n');
  const at = lines.flatMap((line, i) => (line.trim() === SHIPPED_SPEED ? [i] : []));
  expect(at, `matchday1.txt should have exactly one "${SHIPPED_SPEED}" line`).toHaveLength(1);
  lines[at[0]!] = TEST_SPEED;
  const path = join(mkdtempSync(join(tmpdir(), 'caf-matchday1-')), 'matchday1.txt');
  writeFileSync(path, lines.join('\n'));
  return path;
};

describe('npm run sandbox -- --script matchday1.txt', () => {
  let run: SandboxRun;
  beforeAll(async () => {
    run = await runSandboxScript(fasterCopy(), { TZ: 'UTC' });
  }, 240_000);

  test('runs to the end and exits 0', () => {
    expect(run.stderr).not.toContain('Script failed');
    expect(run.code).toBe(0);
  });

  test('the preview, then the results, arrive in #matchday as the replayed day passes', () => {
    // A post in #matchday by its title; on a busy machine a post may come a moment after its due
    // time at 3600× and then carries a "Posted late" line above its embed.
    const postTitled = (title: string): number =>
      run.stdout.search(new RegExp(`#matchday · caf-confed-bot:\\n(?:  [^│\\n]*\\n)?  │ ${title}`));
    const preview = postTitled('Group stage · Matchday 1 — preview');
    const results = postTitled('Group stage · Matchday 1 — results');
    expect(preview).toBeGreaterThan(-1);
    expect(results).toBeGreaterThan(preview);
    // The preview lists the fixtures with kickoffs in the reader's zone; the recap has the scores.
    expect(run.stdout.slice(preview, results)).toMatch(/26.*2023.*16:00 — Zamalek v Abu Salim/);
    expect(run.stdout.slice(results)).toContain('Zamalek 1–0 Abu Salim');
  });

  test('the channel history holds exactly the two posts', () => {
    expect(run.stdout).toContain('#matchday — 2 messages:');
  });
});
