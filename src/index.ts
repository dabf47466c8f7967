// Entry point: configuration, logger, process-level safety nets and signals. Everything else is in app.ts.
import { startBot, type RunningBot } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { commands } from './discord/commands/index.js';
import { createLogger, type Logger } from './log.js';

/** A shutdown that hangs (a stuck request) must not keep a supervisor waiting forever. */
const SHUTDOWN_DEADLINE_MS = 10_000;

const readConfig = (): Config => {
  try {
    return loadConfig();
  } catch (err) {
    // An operator mistake, not a crash: the message lists every problem and how to fix it; no stack.
    const message = err instanceof ConfigError ? err.message : `Could not read the configuration: ${String(err)}`;
    process.stderr.write(`${message}\n`);
    process.exit(1);
  }
};

const installSafetyNets = (log: Logger): void => {
  // Logged, never fatal: one bad interaction or a stray promise must not take the bot down for everyone.
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled promise rejection'));
  process.on('uncaughtException', (err) => log.error({ err }, 'uncaught exception'));
};

const installSignals = (bot: RunningBot, log: Logger): void => {
  let shuttingDown = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info({ signal }, 'shutting down');
    setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    bot.stop().then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
};

const main = async (): Promise<void> => {
  const config = readConfig();
  const log = createLogger({ level: config.logLevel, format: config.logFormat });
  installSafetyNets(log);
  log.info(
    { databasePath: config.databasePath, guildId: config.guildId, apiUrl: config.apiUrl, seasonFile: config.seasonFile },
    'starting',
  );
  let bot: RunningBot;
  try {
    bot = await startBot(config, { log, commands });
  } catch (err) {
    log.fatal({ err }, 'startup failed');
    process.exit(1);
  }
  installSignals(bot, log);
};

await main();
