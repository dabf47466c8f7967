import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { clearLine, createInterface, cursorTo } from 'node:readline';
import { PROMPT } from './script.js';
import type { Session } from './session.js';

// The interactive prompt: readline with history and tab completion. Output that arrives while the
// user is typing (a channel post) is printed above the prompt, and the half-typed line is redrawn.

export interface ReplOptions {
  readonly session: Session;
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream & { isTTY?: boolean };
  /** File the history is read from and appended to; null for none. */
  readonly historyFile: string | null;
}

export interface Repl {
  /** Prints a block of text without breaking the line being typed. */
  print(text: string): void;
  /** Resolves when the user quits (:quit, Ctrl-D, Ctrl-C on an empty line). */
  readonly closed: Promise<void>;
}

const HISTORY_SIZE = 1000;

const readHistory = (file: string | null): string[] => {
  if (!file || !existsSync(file)) return [];
  try {
    // The file is oldest first; readline wants newest first.
    return readFileSync(file, 'utf8').split('\n').filter(Boolean).slice(-HISTORY_SIZE).reverse();
  } catch {
    return [];
  }
};

export const startRepl = (opts: ReplOptions): Repl => {
  const { session, output } = opts;
  const rl = createInterface({
    input: opts.input,
    output,
    prompt: PROMPT,
    terminal: output.isTTY === true,
    history: readHistory(opts.historyFile),
    historySize: HISTORY_SIZE,
    removeHistoryDuplicates: true,
    completer: (line: string, callback: (err: Error | null, result: [string[], string]) => void) => {
      session.complete(line).then(
        (result) => callback(null, result),
        () => callback(null, [[], line]),
      );
    },
  });

  let busy = false;
  let isClosed = false;
  let queue = Promise.resolve();
  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));

  const print = (text: string): void => {
    if (busy || output.isTTY !== true) {
      output.write(`${text}\n`);
      return;
    }
    clearLine(output, 0);
    cursorTo(output, 0);
    output.write(`${text}\n`);
    rl.prompt(true);
  };

  const remember = (line: string): void => {
    if (!opts.historyFile || line.trim() === '') return;
    try {
      appendFileSync(opts.historyFile, `${line.replace(/\n/g, ' ')}\n`);
    } catch {
      // History is a comfort; a read-only home must not break the sandbox.
    }
  };

  // The input is never paused, so Ctrl-C still reaches us during a long :wait; lines typed meanwhile
  // run in order once the current one is done.
  rl.on('line', (line) => {
    remember(line);
    queue = queue.then(async () => {
      busy = true;
      const result = await session.handleLine(line).catch((err: unknown) => {
        output.write(`✗ ${String(err)}\n`);
        return { ok: false, quit: false };
      });
      busy = false;
      if (isClosed) return;
      if (result.quit) rl.close();
      else rl.prompt();
    });
  });
  rl.on('SIGINT', () => {
    if (busy) {
      session.interrupt();
      return;
    }
    if (rl.line.length > 0) {
      // Like a shell: Ctrl-C drops the half-typed line.
      output.write('^C\n');
      Object.assign(rl, { line: '', cursor: 0 });
      rl.prompt();
      return;
    }
    rl.close();
  });
  rl.on('close', () => {
    // Piped input ends before its last lines have run: let them finish (a wait in progress is cut short).
    isClosed = true;
    if (output.isTTY === true) session.interrupt();
    void queue.then(resolveClosed);
  });

  rl.prompt();
  return { print, closed };
};
