// `npm run sandbox`: the local Discord stand-in, the real bot logged in to it on a fresh temporary
// database, and a prompt where slash commands are typed as a fan types them in Discord.
// `npm run sandbox -- --script file` plays a scripted session and exits 0 when every line succeeded.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fromPackageRoot } from '../package-root.js';
import { seasonFilesIn } from '../season/read.js';
import { startRepl } from './repl.js';
import { runScript } from './script.js';
import { createSession, parseInstant, type ClockSetting, type Session } from './session.js';
import { SANDBOX_GUILD, startSandboxWorld, type SandboxWorld } from './world.js';

/** The sandbox fixture of a season in progress (never shipped as real data: not in data/seasons/). */
const LIVE_SEASON = fromPackageRoot('data', 'sandbox', 'live-2026-27.json');
/** Inside the live fixture: matchday 4 kicks off at 16:00 UTC that day. */
const LIVE_CLOCK = '2026-12-01T12:00:00Z';

const USAGE = `Usage: npm run sandbox [-- options]

  --script <file>   run a scripted session (one command or :meta-command a line) and exit
  --clock <instant> start the bot's replay clock here, e.g. 2023-11-25T12:00Z
  --speed <rate>    replay speed (with --clock; default 1), e.g. 3600
  --season-files <a.json,b.json>
                    the season files the bot serves (its SEASON_FILES; default: data/seasons/),
                    e.g. a copy whose "source" is a local HTTP server (README §6)
  --live            a season in progress: the invented Sandbox Cup 2026–27 (data/sandbox/live-2026-27.json;
                    matchdays 1–3 played, 4–6 to come) beside the shipped seasons, and the clock at
                    ${LIVE_CLOCK} (inside it) unless --clock or BOT_CLOCK_START says otherwise;
                    the sandbox's server is the editor server, so /edit can be tried
  --keep            keep the temporary folder (database, logs) on exit
  --help            this text

BOT_CLOCK_START and BOT_CLOCK_RATE in the environment set the replay clock as for \`npm start\`
(--clock and --speed win over them).

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
        'season-files': { type: 'string' },
        live: { type: 'boolean', default: false },
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

/**
 * The replay clock from --clock/--speed, else from BOT_CLOCK_START/BOT_CLOCK_RATE (what `npm start`
 * reads; the bot process gets only the sandbox's own setting, so they are read here).
 */
const initialClock = (flags: { clock: string | undefined; speed: string | undefined; live: boolean }, env: NodeJS.ProcessEnv): ClockSetting | null => {
  const fromFlags = flags.clock !== undefined || flags.speed !== undefined;
  // --live starts inside its season unless a clock is given.
  const clock = fromFlags ? (flags.clock ?? (flags.live ? LIVE_CLOCK : undefined)) : env.BOT_CLOCK_START || (flags.live ? LIVE_CLOCK : undefined);
  const speed = fromFlags ? flags.speed : env.BOT_CLOCK_RATE || undefined;
  const [clockName, speedName] = fromFlags ? ['--clock', '--speed'] : ['BOT_CLOCK_START', 'BOT_CLOCK_RATE'];
  if (clock === undefined && speed === undefined) return null;
  const start = clock === undefined ? new Date() : parseInstant(clock);
  if (!start) return fail(`${clockName}: "${clock}" is not an instant, e.g. 2023-11-25T12:00Z`);
  const rate = speed === undefined ? 1 : Number(speed);
  if (!(rate > 0) || rate > 1_000_000) return fail(`${speedName}: "${speed}" is not a positive number up to 1000000`);
  return { start: start.toISOString(), rate };
};

/** The end of the bot's log, for a run that failed and whose folder is about to be removed. */
const logTail = (file: string, lines = 20): string => {
  try {
    const text = readFileSync(file, 'utf8').trimEnd();
    return text === '' ? '' : text.split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
};

const main = async (): Promise<number> => {
  const options = readOptions();
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const scriptFile = options.script;
  if (scriptFile !== undefined && !existsSync(scriptFile)) fail(`--script: no file ${scriptFile}`);
  const clock = initialClock({ clock: options.clock, speed: options.speed, live: options.live }, process.env);
  // The bot runs in the temporary folder: relative paths are resolved here, where they were typed.
  const given = options['season-files']?.split(',').map((file) => resolve(file.trim()));
  const seasonFiles = options.live ? [LIVE_SEASON, ...(given ?? seasonFilesIn())] : given;
  for (const file of seasonFiles ?? []) if (!existsSync(file)) fail(`--season-files: no file ${file}`);
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
      ...(seasonFiles ? { seasonFiles } : {}),
      editorServer: options.live,
      onChannelPost: (message) => session?.channelPost(message),
      onProblem: (text) => print(`! ${text}`),
    });
  } catch (err) {
    process.stderr.write(`The sandbox could not start the bot: ${err instanceof Error ? err.message : String(err)}\n`);
    process.stderr.write(keep ? `Logs are kept in ${dir}\n` : 'Run again with --keep to keep its database and logs.\n');
    await cleanUp();
    return 1;
  }

  session = createSession({ backend: world.backend, output: { write: (text) => print(text) } });

  if (!interactive) {
    const result = await runScript(readFileSync(scriptFile, 'utf8'), session, (text) => print(text));
    // A failed script shows the end of the bot's log here; the temporary folder goes unless --keep.
    if (!result.ok) {
      const tail = logTail(world.botLogFile);
      process.stderr.write(`Script failed at ${scriptFile}:${result.failedLine}.\n`);
      if (tail !== '') process.stderr.write(`The end of the bot's log:\n${tail}\n`);
      process.stderr.write(keep ? `Database and logs are kept in ${dir}\n` : 'Run again with --keep to keep its database and logs.\n');
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
