import { beforeAll, describe, expect, test } from 'vitest';
import { runSandboxScript, scriptPath, type SandboxRun } from './run-sandbox.js';

// Matchday 1 of the group stage replayed through the sandbox: announcements set in #matchday, the
// replay clock moved to the day before at 3600×, and the scheduler's posts arriving in the channel.

describe('npm run sandbox -- --script matchday1.txt', () => {
  let run: SandboxRun;
  beforeAll(async () => {
    run = await runSandboxScript(scriptPath('matchday1.txt'), { TZ: 'UTC' });
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
