// End-to-end harness: the real bot (index.js, as `npm start` runs it from dist/) as a child process,
// talking discord.js to the local stand-in. Children are always killed in afterAll via stopAll().
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStandin, type Standin, type StandinOptions } from 'discord-standin';
import { inject } from 'vitest';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** This run's JavaScript build of src/ (test/support/build-bot.ts): children run it with plain node. */
export const BUILT_SRC = join(inject('botBuildRoot'), 'dist');
const ENTRY = join(BUILT_SRC, 'index.js');
/** `npm run commands:deploy`. */
export const DEPLOY_ENTRY = join(BUILT_SRC, 'discord', 'deploy.js');

/** Token-shaped on purpose, so a leak is caught whether or not the scrubber recognises it. */
export const TEST_TOKEN = 'MTE5NTk0NDQ0NDQ0NDQ0NDQ0NA.GsEntl.e2e-sentinel-token-never-print-me-0123';
export const APPLICATION_ID = '1195944444444444444';
export const GUILD_ID = '1100000000000000001';

/** Startup includes the first season import, on a machine the whole suite shares: be generous. */
export const STARTUP_TIMEOUT_MS = 45_000;

export interface LogLine {
  readonly level?: number;
  readonly msg?: string;
  readonly [key: string]: unknown;
}

export interface ExitStatus {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface BotProcess {
  readonly child: ChildProcess;
  /** Parsed JSON log lines from stdout, in order (live). */
  readonly lines: readonly LogLine[];
  stdout(): string;
  stderr(): string;
  /** Resolves with the first log line (past or future) matching `predicate`. */
  waitForLog(predicate: (line: LogLine) => boolean, timeoutMs?: number, what?: string): Promise<LogLine>;
  readonly exited: Promise<ExitStatus>;
  /** Sends `signal` and waits for the exit. SIGKILLs if it has not exited by `timeoutMs`. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<ExitStatus>;
}

const running = new Set<BotProcess>();
const tempDirs = new Set<string>();

export const makeTempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'caf-bot-e2e-'));
  tempDirs.add(dir);
  return dir;
};

export const startTestStandin = (opts: StandinOptions = {}): Promise<Standin> =>
  startStandin({
    applicationId: APPLICATION_ID,
    validTokens: [TEST_TOKEN],
    guilds: [{ id: GUILD_ID, name: 'CAF test server', channels: [{ name: 'general' }, { name: 'matchday', type: 5 }] }],
    ...opts,
  });

/** The bot's environment: nothing inherited from the developer's shell but PATH/HOME. */
export const botEnv = (
  standin: Pick<Standin, 'apiUrl'>,
  opts: { databasePath: string; extra?: Record<string, string | undefined> },
): Record<string, string> => {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    DISCORD_API_URL: standin.apiUrl,
    DISCORD_TOKEN: TEST_TOKEN,
    DISCORD_APPLICATION_ID: APPLICATION_ID,
    DISCORD_GUILD_ID: GUILD_ID,
    DATABASE_PATH: opts.databasePath,
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'debug',
    ...opts.extra,
  };
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
};

/**
 * Starts `node index.js` (or another entry) in a fresh temporary working directory,
 * so a developer's .env never leaks in and nothing depends on the current directory.
 */
export const spawnBot = (env: Record<string, string>, entry: string = ENTRY): BotProcess => {
  const child = spawn(process.execPath, [entry], {
    cwd: makeTempDir(),
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let partial = '';
  const lines: LogLine[] = [];
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const waiter of [...waiters]) waiter();
  };

  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    stdout += chunk;
    partial += chunk;
    const complete = partial.split('\n');
    partial = complete.pop() ?? '';
    for (const raw of complete) {
      if (raw.trim() === '') continue;
      try {
        lines.push(JSON.parse(raw) as LogLine);
      } catch {
        lines.push({ msg: raw, unparsed: true });
      }
    }
    notify();
  });
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
  });

  const exited = new Promise<ExitStatus>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(bot);
      notify();
      resolve({ code, signal });
    });
  });
  let exitStatus: ExitStatus | null = null;
  void exited.then((status) => {
    exitStatus = status;
  });

  const bot: BotProcess = {
    child,
    lines,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    waitForLog: (predicate, timeoutMs = STARTUP_TIMEOUT_MS, what = 'a log line') =>
      new Promise<LogLine>((resolve, reject) => {
        const check = () => {
          const found = lines.find(predicate);
          if (found) {
            finish();
            resolve(found);
          } else if (exitStatus) {
            finish();
            reject(new Error(`bot exited (${JSON.stringify(exitStatus)}) before ${what}\nstdout:\n${stdout}\nstderr:\n${stderr}`));
          }
        };
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}\nstdout:\n${stdout}\nstderr:\n${stderr}`));
        }, timeoutMs);
        const finish = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
    stop: async (signal = 'SIGTERM', timeoutMs = 15_000) => {
      if (exitStatus) return exitStatus;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
  running.add(bot);
  return bot;
};

export const isReadyLine = (line: LogLine): boolean => line.msg === 'ready';

/** Spawns the bot and waits for its one "ready" line (gateway ready + command sync done). */
export const startBotProcess = async (env: Record<string, string>): Promise<{ bot: BotProcess; ready: LogLine }> => {
  const bot = spawnBot(env);
  const ready = await bot.waitForLog(isReadyLine, STARTUP_TIMEOUT_MS, 'the ready line');
  return { bot, ready };
};

/** For afterAll: kill every child still running and remove temporary directories. */
export const stopAll = async (): Promise<void> => {
  await Promise.all([...running].map((bot) => bot.stop('SIGKILL', 5_000)));
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
};

// ---- Payload checks shared by the e2e files ----

export const EPHEMERAL = 64;

export interface CallbackData {
  readonly content?: string;
  readonly embeds?: readonly {
    readonly title?: string;
    readonly description?: string;
    readonly fields?: readonly { readonly name: string; readonly value: string }[];
    readonly footer?: { readonly text: string };
    readonly author?: { readonly name: string };
  }[];
  readonly components?: readonly { readonly type: number; readonly components: readonly ComponentData[] }[];
  readonly flags?: number;
  readonly allowed_mentions?: { readonly parse?: readonly string[] };
  readonly choices?: readonly { readonly name: string; readonly value: string | number }[];
}

export interface ComponentData {
  readonly type: number;
  readonly custom_id?: string;
  readonly label?: string;
  readonly disabled?: boolean;
}

/** The text Discord renders as markdown (and parses for mentions): content and embeds. */
export const markdownText = (data: CallbackData): string[] => [
  ...(data.content ? [data.content] : []),
  ...(data.embeds ?? []).flatMap((e) => [
    e.title ?? '',
    e.description ?? '',
    e.footer?.text ?? '',
    e.author?.name ?? '',
    ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
  ]),
];

/** Every piece of text a message payload shows: markdown text plus component labels (shown literally). */
export const renderedText = (data: CallbackData): string[] => [
  ...markdownText(data),
  ...(data.components ?? []).flatMap((row) => row.components.map((c) => c.label ?? '')),
];

/** Discord's message limits (message.mdx): a payload over any of them is a 400 50035. */
export const limitViolations = (data: CallbackData): string[] => {
  const problems: string[] = [];
  if ((data.content ?? '').length > 2000) problems.push('content > 2000');
  const embeds = data.embeds ?? [];
  if (embeds.length > 10) problems.push('more than 10 embeds');
  let total = 0;
  for (const [i, e] of embeds.entries()) {
    const fields = e.fields ?? [];
    if ((e.title ?? '').length > 256) problems.push(`embed ${i}: title > 256`);
    if ((e.description ?? '').length > 4096) problems.push(`embed ${i}: description > 4096`);
    if (fields.length > 25) problems.push(`embed ${i}: more than 25 fields`);
    for (const f of fields) {
      if (f.name.length > 256) problems.push(`embed ${i}: field name > 256`);
      if (f.value.length > 1024) problems.push(`embed ${i}: field value > 1024`);
    }
    total +=
      (e.title ?? '').length +
      (e.description ?? '').length +
      (e.footer?.text ?? '').length +
      (e.author?.name ?? '').length +
      fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  }
  if (total > 6000) problems.push(`embeds total ${total} > 6000`);
  if ((data.components ?? []).length > 5) problems.push('more than 5 action rows');
  for (const row of data.components ?? []) {
    if (row.components.length > 5) problems.push('more than 5 components in a row');
    for (const c of row.components) {
      if (c.custom_id !== undefined && (c.custom_id.length < 1 || c.custom_id.length > 100)) problems.push(`custom_id length ${c.custom_id.length}`);
      if ((c.label ?? '').length > 80) problems.push('button label > 80');
    }
  }
  if (!data.content && embeds.length === 0) problems.push('empty message');
  return problems;
};

export const buttons = (data: CallbackData): ComponentData[] =>
  (data.components ?? []).flatMap((row) => row.components).filter((c) => c.type === 2);
