// `npm run commands:deploy`: overwrite the registered application commands with ours, whether or not
// they differ (the bot's startup sync only writes on a difference). Exits non-zero on failure.
import { REST } from 'discord.js';
import { ConfigError, loadConfig } from '../config.js';
import { createLogger } from '../log.js';
import { commands, editorCommands } from './commands/index.js';
import { syncAllCommands } from './sync.js';

const run = async (): Promise<number> => {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    process.stderr.write(`${err instanceof ConfigError ? err.message : String(err)}\n`);
    return 1;
  }
  const log = createLogger({ level: config.logLevel, format: config.logFormat }).child({ component: 'deploy' });
  const rest = new REST({ version: '10', ...(config.apiUrl ? { api: config.apiUrl } : {}) }).setToken(config.token);
  try {
    // The fans' commands globally (or in DISCORD_GUILD_ID), /edit in the editor server only.
    const results = await syncAllCommands({
      rest,
      applicationId: config.applicationId,
      guildId: config.guildId,
      commands,
      editorCommands: editorCommands({ editing: null, editors: config.editors }),
      editorGuildId: config.editors?.guildId ?? null,
      log,
      force: true,
    });
    log.info({ scopes: results.map((r) => ({ scope: r.scope, guildId: r.guildId, count: r.count })) }, 'deploy done');
    return 0;
  } catch (err) {
    log.error({ err }, 'deploy failed');
    return 1;
  }
};

process.exit(await run());
