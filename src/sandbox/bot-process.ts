import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

// The real bot (index.js next to the sandbox, exactly what `npm start` runs) as a child process. Its
// JSON log goes to a file; the sandbox reads it only to learn when the bot is ready and what its clock says.

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
// Compiled (dist/, `npm run sandbox`): plain node runs dist/index.js. From source (under tsx): src/index.ts through tsx.
const COMPILED = import.meta.url.endsWith('.js');
const BOT_ENTRY = fileURLToPath(new URL(COMPILED ? '../index.js' : '../index.ts', import.meta.url));
const LOADER_ARGS: readonly string[] = COMPILED ? [] : ['--import', import.meta.resolve('tsx')];

export interface BotLogEntry {
  readonly level?: number;
  readonly msg?: string;
  readonly [key: string]: unknown;
}

export interface ReadyInfo {
  /** The bot's clock when it logged "ready" (ISO), and its rate; null on real time. */
  readonly clock: { readonly now: string; readonly rate: number } | null;
  /** Date.now() when the sandbox read that line, to anchor its copy of the replay clock. */
  readonly receivedAt: number;
}

export interface BotProcess {
  readonly pid: number | undefined;
  readonly ready: ReadyInfo;
  /** SIGTERM, then SIGKILL if the bot has not exited within the grace period. */
  stop(): Promise<void>;
}

export interface BotProcessOptions {
  /** The bot's environment, on top of PATH/HOME/TZ/… from the sandbox's own. */
  readonly env: Readonly<Record<string, string>>;
  /** Where the child runs; a folder without a .env so the operator's settings cannot leak in. */
  readonly cwd: string;
  readonly logFile: string;
  readonly readyTimeoutMs?: number;
  /** Warnings and errors from the bot, and its exit when not asked to stop. */
  readonly onLog?: (entry: BotLogEntry) => void;
  readonly onUnexpectedExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
}

/** Variables the bot reads that must come from the sandbox only, never from the operator's shell. */
const BOT_VARIABLES = [
  'DISCORD_TOKEN',
  'DISCORD_APPLICATION_ID',
  'DISCORD_GUILD_ID',
  'DATABASE_PATH',
  'DISCORD_API_URL',
  'LOG_LEVEL',
  'LOG_FORMAT',
  'SEASON_FILE',
  'SEASON_FILES',
  'BOT_CLOCK_START',
  'BOT_CLOCK_RATE',
  'EDITOR_GUILD_ID',
  'EDITOR_ROLE_ID',
  'EDITOR_CHANNEL_ID',
  'NODE_ENV',
];

const WARN_LEVEL = 40;
const STOP_GRACE_MS = 12_000;

export const startBotProcess = (opts: BotProcessOptions): Promise<BotProcess> => {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !BOT_VARIABLES.includes(key)));
  const child: ChildProcess = spawn(process.execPath, [...LOADER_ARGS, BOT_ENTRY], {
    cwd: opts.cwd,
    env: { ...inherited, ...(COMPILED ? {} : { TSX_TSCONFIG_PATH: `${PROJECT_ROOT}tsconfig.json` }), LOG_FORMAT: 'json', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(opts.logFile, { flags: 'a' });
  const recent: string[] = [];
  let exited = false;
  let stopping = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  return new Promise<BotProcess>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      stopping = true;
      child.kill('SIGKILL');
      reject(new Error(`the bot was not ready within ${Math.round((opts.readyTimeoutMs ?? 60_000) / 1000)}s${lastLines()}`));
    }, opts.readyTimeoutMs ?? 60_000);

    const lastLines = (): string => (recent.length > 0 ? `; its last log lines:\n${recent.join('\n')}` : '');

    const remember = (line: string): void => {
      log.write(`${line}\n`);
      recent.push(line.length > 400 ? `${line.slice(0, 400)}…` : line);
      if (recent.length > 12) recent.shift();
    };

    createInterface({ input: child.stderr! }).on('line', remember);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      remember(line);
      let entry: BotLogEntry;
      try {
        entry = JSON.parse(line) as BotLogEntry;
      } catch {
        return;
      }
      if ((entry.level ?? 0) >= WARN_LEVEL) opts.onLog?.(entry);
      if (entry.msg === 'ready' && !settled) {
        settled = true;
        clearTimeout(timer);
        const clock = entry.clock;
        const replay =
          typeof clock === 'object' && clock !== null && 'now' in clock && 'rate' in clock
            ? { now: String(clock.now), rate: Number(clock.rate) }
            : null;
        resolve({ pid: child.pid, ready: { clock: replay, receivedAt: Date.now() }, stop });
      }
    });

    child.once('exit', (code, signal) => {
      exited = true;
      log.end();
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        reject(new Error(`the bot exited (code ${code ?? signal}) before it was ready${lastLines()}`));
        return;
      }
      if (!stopping) opts.onUnexpectedExit?.(code, signal);
    });
    child.once('error', (err) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(err);
    });
  });

  async function stop(): Promise<void> {
    stopping = true;
    if (exited) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exit;
    clearTimeout(killer);
  }
};
