// The production logger writes stdout asynchronously and in batches: a process that logs a burst and
// exits, or crashes, or is stopped, must still get every line out, the last one included (what the e2e
// tests and operators read); and a quiet process's line must not wait for the batch to fill.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, inject, test } from 'vitest';

const LINES = 5_000;

/** A child script with `createLogger`, `flushLog` and `flushLogSync` from the built log module in scope, after `lines` log lines. */
const script = (lines: number, body: string): string => {
  const logModule = pathToFileURL(join(inject('botBuildRoot'), 'dist', 'log.js')).href;
  return `import { createLogger, flushLog, flushLogSync } from ${JSON.stringify(logModule)};
const log = createLogger({ level: 'info', format: 'json' });
for (let i = 0; i < ${lines}; i++) log.info({ i, pad: 'x'.repeat(200) }, 'line');
${body}`;
};

const runChild = (body: string, lines = LINES) =>
  spawnSync(process.execPath, ['--input-type=module', '-e', script(lines, body)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

/** The `i` of each burst line, in the order written. */
const lineNumbers = (stdout: string): number[] =>
  stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => (JSON.parse(line) as { i?: number }).i)
    .filter((i): i is number => i !== undefined);

const messages = (stdout: string): string[] =>
  stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => (JSON.parse(line) as { msg: string }).msg);

// What src/index.ts does on SIGTERM: log, stop, then await flushLog and process.exit (exitWithLog).
const ON_SIGTERM = `process.on('SIGTERM', () => { log.info('shutting down'); setTimeout(async () => { log.info('stopped'); await flushLog(log); process.exit(0); }, 10); });
setInterval(() => {}, 1_000);
process.send?.('ready');`;

describe('the asynchronous JSON log', () => {
  test('GIVEN a write in flight THEN flushLogSync leaves the stream alone (a synchronous write would go before it); otherwise it flushes', async () => {
    const { createLogger: create, flushLog: flush, flushLogSync: flushSync } = await import('../src/log.js');
    const calls: string[] = [];
    const stream = { _writing: true, write: () => true, flushSync: () => calls.push('flushSync') };
    const log = create({ level: 'info', format: 'json', destination: stream });
    flushSync(log);
    expect(calls).toEqual([]);
    // flushLog waits for the write in flight to end, then flushes.
    const flushed = flush(log, 5_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toEqual([]);
    stream._writing = false;
    await flushed;
    expect(calls).toEqual(['flushSync']);
  });

  test.each([
    ['await flushLog then process.exit (the entry point exit paths)', `log.fatal('last words'); await flushLog(log); process.exit(3);`, 3, LINES],
    ['flushLogSync right after the burst, then the event loop running out', `log.info('last words'); flushLogSync(log);`, 0, LINES],
    ['process.exit alone (pino flushes on exit)', `log.fatal('last words'); process.exit(3);`, 3, LINES],
    ['an uncaught exception after a logged line', `log.fatal('last words'); setImmediate(() => { throw new Error('boom'); });`, 1, LINES],
    ['the event loop running out (no exit call)', `setTimeout(() => log.info('last words'), 20);`, 0, LINES],
    ['a few lines, fewer than a batch, then the event loop running out', `log.info('last words');`, 0, 3],
    ['a few lines, fewer than a batch, then process.exit', `log.info('last words'); process.exit(0);`, 0, 3],
  ])('GIVEN %s THEN every line is written, the last one included', (_, body, code, lines) => {
    const child = runChild(body, lines);
    expect(child.status, child.stderr).toBe(code);
    const msgs = messages(child.stdout);
    expect(msgs).toHaveLength(lines + 1);
    expect(msgs.at(-1)).toBe('last words');
  });

  test('GIVEN a running process stopped by SIGTERM as the entry point handles it THEN every line is written, its last words included', async () => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script(LINES, ON_SIGTERM)], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    await new Promise((resolve) => child.once('message', resolve));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    const msgs = messages(stdout);
    expect(msgs).toHaveLength(LINES + 2);
    // In order: a synchronous flush while a write was in flight once put these two before that write's lines.
    expect(msgs.slice(-2)).toEqual(['shutting down', 'stopped']);
    expect(lineNumbers(stdout)).toEqual(Array.from({ length: LINES }, (_, i) => i));
  });

  test.each([
    ['one short line', 0, `log.info('alone');`, 0],
    ['one short line just after a burst', LINES, `setImmediate(() => log.info('alone'));`, 0],
    ['one short line while a slow reader holds up the writes before it', LINES, `setTimeout(() => log.info('alone'), 300);`, 1_000],
  ])('GIVEN a running process that logs %s THEN the line is written while it runs, without waiting for a full batch', async (_, lines, body, stallMs) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script(lines, `${body} setInterval(() => {}, 1_000);`)], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const stdout = await new Promise<string>((resolve, reject) => {
        let out = '';
        // Generous for a loaded machine: the point is that the line comes out at all before the process ends.
        const timer = setTimeout(() => reject(new Error(`no 'alone' line after 5 s: ${out.slice(-500)}`)), 5_000);
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          out += chunk;
          if (out.includes('"msg":"alone"}\n')) {
            clearTimeout(timer);
            resolve(out);
          }
        });
        if (stallMs > 0) {
          child.stdout.pause();
          setTimeout(() => child.stdout.resume(), stallMs);
        }
      });
      const msgs = messages(stdout);
      expect(msgs).toHaveLength(lines + 1);
      expect(msgs.at(-1)).toBe('alone');
    } finally {
      child.kill('SIGKILL');
    }
  });
});
