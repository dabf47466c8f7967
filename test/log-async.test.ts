// The production logger writes stdout asynchronously: a process that logs a burst and exits, or
// crashes, must still get every line out, the last one included (what the e2e tests and operators read).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, inject, test } from 'vitest';

const LINES = 5_000;

/** Runs `body` in a child node process with `createLogger` and `flushLogSync` from the built log module in scope. */
const runChild = (body: string) => {
  const logModule = pathToFileURL(join(inject('botBuildRoot'), 'dist', 'log.js')).href;
  const script = `import { createLogger, flushLogSync } from ${JSON.stringify(logModule)};
const log = createLogger({ level: 'info', format: 'json' });
for (let i = 0; i < ${LINES}; i++) log.info({ i, pad: 'x'.repeat(200) }, 'line');
${body}`;
  return spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
};

const messages = (stdout: string): string[] =>
  stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => (JSON.parse(line) as { msg: string }).msg);

describe('the asynchronous JSON log', () => {
  test.each([
    ['flushLogSync then process.exit (the entry point exit paths)', `log.fatal('last words'); flushLogSync(log); process.exit(3);`, 3],
    ['process.exit alone (pino flushes on exit)', `log.fatal('last words'); process.exit(3);`, 3],
    ['an uncaught exception after a logged line', `log.fatal('last words'); setImmediate(() => { throw new Error('boom'); });`, 1],
  ])('GIVEN a burst of lines and %s THEN every line is written, the last one included', (_, body, code) => {
    const child = runChild(body);
    expect(child.status).toBe(code);
    const msgs = messages(child.stdout);
    expect(msgs).toHaveLength(LINES + 1);
    expect(msgs.at(-1)).toBe('last words');
  });
});
