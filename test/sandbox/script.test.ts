import { describe, expect, test } from 'vitest';
import { runScript } from '../../src/sandbox/script.js';
import type { LineResult, Session } from '../../src/sandbox/session.js';

// A session that answers from a table, to test the script runner alone.
const tableSession = (answers: Record<string, LineResult>) => {
  const handled: string[] = [];
  const session: Session = {
    handleLine: async (line) => {
      handled.push(line);
      return answers[line] ?? { ok: true };
    },
    channelPost: () => {},
    complete: async () => [[], ''],
    lastOutput: () => '',
    interrupt: () => {},
  };
  return { session, handled };
};

describe('runScript', () => {
  test('runs every line, echoes commands after the prompt and comments as they are', async () => {
    const { session, handled } = tableSession({});
    const echoed: string[] = [];
    const result = await runScript('# Tour\n# of groups\n/standings group:B\n\n  /scorers  \n# Part 2\n:expect Zamalek\n', session, (t) =>
      echoed.push(t),
    );
    expect(result).toEqual({ ok: true });
    expect(handled).toEqual(['/standings group:B', '/scorers', ':expect Zamalek']);
    expect(echoed).toEqual(['# Tour', '# of groups', 'caf> /standings group:B', 'caf> /scorers', '\n# Part 2', 'caf> :expect Zamalek']);
  });

  test('stops at the first failing line and reports its number', async () => {
    const { session, handled } = tableSession({ ':expect nothing': { ok: false } });
    const result = await runScript('/scorers\n\n:expect nothing\n/standings', session, () => {});
    expect(result).toEqual({ ok: false, failedLine: 3 });
    expect(handled).toEqual(['/scorers', ':expect nothing']);
  });

  test(':quit ends the script successfully', async () => {
    const { session, handled } = tableSession({ ':quit': { ok: true, quit: true } });
    expect(await runScript(':quit\n/scorers', session, () => {})).toEqual({ ok: true });
    expect(handled).toEqual([':quit']);
  });
});
