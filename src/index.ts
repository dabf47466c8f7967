// Entry point: configuration, logger, process-level safety nets and signals. Everything else is in app.ts
// (one process, or one shard) and shard-manager.ts (SHARDS=auto|N: the process that spawns the shards).
import { fileURLToPath } from 'node:url';
import type { RunningBot } from './app.js';
import { ConfigError, parseConfig, type Config, type ConfigWarning } from './config.js';
import { createLogger, flushLog, flushLogSync, redactUrlCredentials, type Logger } from './log.js';

/**
 * Exit code for problems only an operator can fix (bad config, a rejected token): sysexits'
 * EX_CONFIG. The systemd unit in ops/ does not restart on it, so a broken setup cannot burn
 * Discord's 1,000 logins a day in a restart loop.
 */
const EXIT_CONFIG = 78;

/** A shutdown that hangs (a stuck request) must not keep a supervisor waiting forever. */
const SHUTDOWN_DEADLINE_MS = 10_000;

const readConfig = (): { config: Config; warnings: readonly ConfigWarning[] } => {
  try {
    return parseConfig();
  } catch (err) {
    // An operator mistake, not a crash: the message lists every problem and how to fix it; no stack.
    const message = err instanceof ConfigError ? err.message : `Could not read the configuration: ${String(err)}`;
    process.stderr.write(`${message}\n`);
    process.exit(EXIT_CONFIG);
  }
};

/** discord.js rejects a malformed token before connecting, and Discord answers a wrong one with 401. */
const isTokenRejected = (err: unknown): boolean =>
  (err as { code?: unknown }).code === 'TokenInvalid' || /invalid token|401/i.test(String((err as Error).message));

/**
 * Start-up failures a restart cannot fix, told in their own words (no stack): a database the process
 * cannot write, a migration that fails on this file (db/client.ts; a restart would only write one more
 * pre-migrate backup), a file that is not a database at all, and a season file that is missing or
 * invalid with no earlier import to fall back on (season-store.ts).
 */
const operatorProblem = (err: unknown, databasePath: string): string | null => {
  const { code, name, message } = err as { code?: unknown; name?: unknown; message?: unknown };
  if (code === 'DATABASE_NOT_WRITABLE' || code === 'DATABASE_MIGRATION_FAILED' || name === 'SeasonFileError') return String(message);
  if (code === 'SQLITE_NOTADB') {
    return `DATABASE_PATH ${databasePath} is not a SQLite database (${String(message)}). Point DATABASE_PATH at the bot's database, or restore it from a backup (§7 of the README).`;
  }
  // PostgreSQL refusing the login or naming a database that does not exist: only the URL can change that.
  // node-postgres' messages name the user and database, never the password.
  if (typeof code === 'string' && POSTGRES_OPERATOR_CODES.has(code)) return `DATABASE_URL: PostgreSQL refused the connection (${String(message)}). Check the user, password and database name.`;
  return null;
};

/** invalid_authorization_specification, invalid_password, invalid_catalog_name (no such database), insufficient_privilege. */
const POSTGRES_OPERATOR_CODES: ReadonlySet<string> = new Set(['28000', '28P01', '3D000', '42501']);

const installSafetyNets = (log: Logger): void => {
  // Logged, never fatal: one bad interaction or a stray promise must not take the bot down for everyone.
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled promise rejection'));
  process.on('uncaughtException', (err) => {
    log.error({ err }, 'uncaught exception');
    // The log is written asynchronously: after a crash the event loop may not get to write it.
    flushLogSync(log);
  });
};

/** Every exit goes through here: the asynchronous log's last lines are written, in order, before the process ends. */
async function exitWithLog(log: Logger, code: number): Promise<never> {
  await flushLog(log);
  process.exit(code);
}

/**
 * Stops the bot once (signals, or a revoked token), then exits with `code`. A stop that hangs
 * (a stuck request) must not keep a supervisor waiting forever.
 */
const createShutdown = (getBot: () => Pick<RunningBot, 'stop'> | null, log: Logger) => {
  let shuttingDown = false;
  return (reason: string, code: number): void => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info({ reason }, 'shutting down');
    setTimeout(() => {
      log.error('shutdown took too long; exiting');
      void exitWithLog(log, 1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    const bot = getBot();
    (bot ? bot.stop() : Promise.resolve()).then(
      () => {
        log.info('stopped');
        void exitWithLog(log, code);
      },
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        void exitWithLog(log, 1);
      },
    );
  };
};

const main = async (): Promise<void> => {
  const { config, warnings } = readConfig();
  const baseLog = createLogger({ level: config.logLevel, format: config.logFormat });
  // Shards share the manager's stdout: every line of a shard process says which shard wrote it.
  const log = config.shards.mode === 'shard' ? baseLog.child({ shardId: config.shards.id }) : baseLog;
  installSafetyNets(log);
  for (const warning of warnings) log.warn(warning);
  log.info(
    {
      ...(config.databaseUrl === null ? { databasePath: config.databasePath } : { database: redactUrlCredentials(config.databaseUrl) }),
      guildId: config.guildId,
      apiUrl: config.apiUrl,
      seasonFiles: config.seasonFiles,
    },
    'starting',
  );
  let bot: RunningBot | null = null;
  let manager: Pick<RunningBot, 'stop'> | null = null;
  const shutdown = createShutdown(() => bot ?? manager, log);
  // Before login, so a signal during startup still ends in an orderly exit.
  process.on('SIGINT', () => shutdown('SIGINT', 0));
  process.on('SIGTERM', () => shutdown('SIGTERM', 0));
  if (config.shards.mode === 'manager') {
    manager = await startManager({ ...config, shards: config.shards }, log, shutdown);
    return;
  }
  // A shard whose manager is gone (killed) would serve on with nobody to restart or stop it.
  if (config.shards.mode === 'shard') process.on('disconnect', () => shutdown('sharding manager gone', 0));
  try {
    // Loaded only once the configuration is valid, so a config mistake is reported at once.
    const [{ startBot }, { commands }] = await Promise.all([import('./app.js'), import('./discord/commands/index.js')]);
    bot = await startBot(config, {
      log,
      commands,
      onUnauthorized: (detail) => {
        // The token was revoked or reset: nothing will work until an operator replaces it.
        log.fatal({ detail }, 'Discord rejected the bot token (401); stopping');
        shutdown('invalid token', EXIT_CONFIG);
      },
    });
  } catch (err) {
    return exitOnStartupFailure(log, err, config.databasePath);
  }
  // Announcements start once the gateway is ready; a bot that cannot post must not run as if it could.
  bot.ready.catch((err: unknown) => {
    log.fatal({ err }, 'startup failed after login');
    shutdown('startup failed after login', 1);
  });
};

/** Logs the one `startup failed` line and exits: 78 for what only an operator can fix, else 1. */
function exitOnStartupFailure(log: Logger, err: unknown, databasePath: string): Promise<never> {
  const problem = operatorProblem(err, databasePath);
  if (problem !== null) {
    // The same `startup failed` line as any other failure, with the operator's words instead of a stack.
    log.fatal({ problem }, 'startup failed');
    return exitWithLog(log, EXIT_CONFIG);
  }
  log.fatal({ err }, 'startup failed');
  return exitWithLog(log, isTokenRejected(err) ? EXIT_CONFIG : 1);
}

/** SHARDS=auto|N: migrate, import and sync once, then one process per shard running this same file. */
const startManager = async (
  config: Parameters<typeof import('./shard-manager.js').startShardManager>[0],
  log: Logger,
  shutdown: (reason: string, code: number) => void,
): Promise<Pick<RunningBot, 'stop'> | null> => {
  try {
    const [{ startShardManager }, { commands }] = await Promise.all([import('./shard-manager.js'), import('./discord/commands/index.js')]);
    return await startShardManager(config, {
      log,
      commands,
      entryFile: fileURLToPath(import.meta.url),
      execArgv: process.execArgv,
      fatalExitCodes: [EXIT_CONFIG],
      onShardFatal: (shardId, exitCode) => {
        log.fatal({ shardId, exitCode }, 'a shard stopped on a problem only an operator can fix; stopping every shard');
        shutdown('shard exited with a configuration problem', EXIT_CONFIG);
      },
    });
  } catch (err) {
    return exitOnStartupFailure(log, err, config.databasePath);
  }
};

await main();
