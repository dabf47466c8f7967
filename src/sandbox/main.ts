// `npm run sandbox`: the local Discord stand-in, the real bot logged in to it on a fresh temporary
// database, and a prompt where slash commands are typed as a fan types them in Discord.
// `npm run sandbox -- --script file` plays a scripted session and exits 0 when every line succeeded.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startRepl } from './repl.js';
import { runScript } from './script.js';
import { createSession, parseInstant, type ClockSetting, type Session } from './session.js';
import { SANDBOX_GUILD, startSandboxWorld, type SandboxWorld } from './world.js';

const USAGE = `Usage: npm run sandbox [-- options]

  --script <file>   run a scripted session (one command or :meta-command a line) and exit
  --clock <instant> start the bot's replay clock here, e.g. 2023-11-25T12:00Z
  --speed <rate>    replay speed (with --clock; default 1), e.g. 3600
  --keep            keep the temporary folder (database, logs) on exit
  --help            this text

Times are shown in your time zone (${Intl.DateTimeFormat().resolvedOptions().timeZone}); set TZ to change it.`;

const fail = (message: string): never => {
  process.stderr.write(`${message}\n`);
  process.exit(2);
};

const readOptions = () => {
  try {
    const { values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        script: { type: 'string' },
        clock: { type: 'string' },
        speed: { type: 'string' },
        keep: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    });
    return values;
  } catch (err) {
    return fail(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
  }
};

const initialClock = (clock: string | undefined, speed: string | undefined): ClockSetting | null => {
  if (clock === undefined && speed === undefined) return null;
  const start = clock === undefined ? new Date() : parseInstant(clock);
  if (!start) return fail(`--clock: "${clock}" is not an instant, e.g. 2023-11-25T12:00Z`);
  const rate = speed === undefined ? 1 : Number(speed);
  if (!(rate > 0) || rate > 1_000_000) return fail(`--speed: "${speed}" is not a positive number up to 1000000`);
  return { start: start.toISOString(), rate };
};

const main = async (): Promise<number> => {
  const options = readOptions();
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const scriptFile = options.script;
  if (scriptFile !== undefined && !existsSync(scriptFile)) fail(`--script: no file ${scriptFile}`);
  const clock = initialClock(options.clock, options.speed);
  const interactive = scriptFile === undefined;

  const dir = mkdtempSync(join(tmpdir(), 'caf-sandbox-'));
  let keep = options.keep;
  // Until the prompt exists, output goes straight to stdout; the prompt then prints above the input line.
  let print = (text: string): void => {
    process.stdout.write(`${text}\n`);
  };
  let session: Session | null = null;
  let world: SandboxWorld | null = null;

  const cleanUp = async (): Promise<void> => {
    await world?.close();
    if (!keep) rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', () => world?.killNow());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      void cleanUp().finally(() => process.exit(130));
    });
  }

  if (interactive) print(`Starting the Discord stand-in and the bot (data in ${dir}) …`);
  try {
    world = await startSandboxWorld({
      dir,
      clock,
      onChannelPost: (message) => session?.channelPost(message),
      onProblem: (text) => print(`! ${text}`),
    });
  } catch (err) {
    keep = true;
    process.stderr.write(`The sandbox could not start the bot: ${err instanceof Error ? err.message : String(err)}\n`);
    process.stderr.write(`Logs are kept in ${dir}\n`);
    await cleanUp();
    return 1;
  }

  session = createSession({ backend: world.backend, output: { write: (text) => print(text) } });

  if (!interactive) {
    const result = await runScript(readFileSync(scriptFile, 'utf8'), session, (text) => print(text));
    if (!result.ok) {
      keep = true;
      process.stderr.write(`Script failed at ${scriptFile}:${result.failedLine}. The bot's log: ${world.botLogFile}\n`);
    }
    await cleanUp();
    return result.ok ? 0 : 1;
  }

  const commandCount = world.backend.commands().length;
  print(
    [
      `Ready: ${world.backend.botName} is in "${SANDBOX_GUILD}" (#general, #matchday) with ${commandCount} commands; you are an admin.`,
      'Type /commands as in Discord (Tab completes), :help for help, :quit to leave.',
      `Times are shown in ${Intl.DateTimeFormat().resolvedOptions().timeZone}. Bot log: ${world.botLogFile}`,
      '',
    ].join('\n'),
  );
  // Only what a person typed goes into the history, not piped input.
  const historyFile = process.stdin.isTTY ? (process.env.CAF_SANDBOX_HISTORY ?? join(homedir(), '.caf-sandbox-history')) : null;
  const repl = startRepl({ session, input: process.stdin, output: process.stdout, historyFile });
  print = (text) => repl.print(text);
  await repl.closed;
  process.stdout.write('Stopping the bot and the stand-in …\n');
  await cleanUp();
  return 0;
};

process.exitCode = await main();
