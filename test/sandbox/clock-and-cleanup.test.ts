import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runSandboxScript, type SandboxRun } from './run-sandbox.js';

// The sandbox as an operator uses it: the replay clock from BOT_CLOCK_START/BOT_CLOCK_RATE (as for
// `npm start`), README §5's `role:@Matchday` typed as written, `:clock` moved back replaying the posts,
// and a failed script leaving nothing behind in the temporary folder.

const scratch = mkdtempSync(join(tmpdir(), 'caf-sandbox-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const scriptFile = (name: string, lines: readonly string[]): string => {
  const file = join(scratch, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
};

describe('replay clock from the environment, role:@Matchday, :clock moved back', () => {
  let run: SandboxRun;
  beforeAll(async () => {
    const script = scriptFile('rewind.txt', [
      '# The clock comes from BOT_CLOCK_START: matchday 1 is still to come.',
      '# The Confederation Cup for every command (the Champions League 2023–24 is loaded too).',
      '/announcements default competition:caf-cc-2023-24',
      '/fixtures when:upcoming group:B',
      ':expect Zamalek v Abu Salim',
      '/announcements set channel:#matchday role:@Matchday',
      ':expect mentions @Matchday',
      ':wait-for — preview',
      '# Back to the start: the preview is owed again.',
      ':clock 2023-11-25T06:00Z',
      ':expect posted again',
      ':wait-for — preview',
      ':channel #matchday',
      ':expect 2 messages',
    ]);
    run = await runSandboxScript(script, { TZ: 'UTC', BOT_CLOCK_START: '2023-11-25T06:00:00Z', BOT_CLOCK_RATE: '3600' });
  }, 240_000);

  test('runs to the end and exits 0', () => {
    expect(run.stderr).not.toContain('Script failed');
    expect(run.code).toBe(0);
  });

  test('the bot starts on the replay clock from the environment', () => {
    // On real time the season is over and nothing is upcoming.
    expect(run.stdout).not.toContain('the season is over');
    expect(run.stdout).toContain('✓ found "Zamalek v Abu Salim"');
  });

  test('role:@Matchday is accepted and the posts mention it', () => {
    expect(run.stdout).toContain('mentions @Matchday');
    expect(run.stdout).not.toMatch(/no role "@Matchday"/);
  });

  test('moving the clock back posts the preview again, as a new message', () => {
    expect(run.stdout).toContain('clock moved back: 1 post due from then on will be posted again');
    const arrived = run.stdout.slice(0, run.stdout.indexOf('caf> :channel #matchday'));
    expect(arrived.match(/#matchday · caf-confed-bot:\n {2}@Matchday\n {2}│ Group stage · Matchday 1 — preview/g)).toHaveLength(2);
    expect(run.stdout).toContain('#matchday — 2 messages:');
  });
});

describe('a failed script', () => {
  test('exits 1, shows the end of the bot log, and leaves no temporary folder', async () => {
    const ownTmp = mkdtempSync(join(scratch, 'tmp-'));
    const script = scriptFile('fails.txt', ['/about', ':expect this text is not in the reply']);
    const run = await runSandboxScript(script, { TMPDIR: ownTmp, TZ: 'UTC' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Script failed at');
    expect(run.stderr).toContain("The end of the bot's log:");
    expect(readdirSync(ownTmp)).toEqual([]);
  }, 240_000);
});
