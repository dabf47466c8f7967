import { join } from 'node:path';
import type { APIMessage } from 'discord.js';
import type { Standin } from 'discord-standin';
import { afterAll } from 'vitest';
import { announceAsManager } from './announcement-support.js';
import { GUILD_ID, makeTempDir, startTestStandin } from './harness.js';
import { endInProcessRun, startInProcessBot, type InProcessBot } from './in-process-bot.js';

/**
 * One test server ('general' plus the named channels) and the whole bot in-process on a replay clock
 * the test moves, stopped after the file, whose output must never hold the token. Call `start` in
 * beforeAll; `prepare` runs on the stand-in before the bot logs in (roles it must know at ready).
 */
export const replayServer = (channelNames: readonly string[], clockStart: string) => {
  let standin: Standin | undefined;
  let bot: InProcessBot | undefined;
  afterAll(() => endInProcessRun([bot], standin));
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('replayServer: call start() in beforeAll first');
    return value;
  };
  return {
    start: async (prepare?: (standin: Standin) => void): Promise<{ standin: Standin; bot: InProcessBot }> => {
      standin = await startTestStandin({
        guilds: [{ id: GUILD_ID, name: 'CAF test server', channels: [{ name: 'general' }, ...channelNames.map((name) => ({ name }))] }],
      });
      prepare?.(standin);
      bot = await startInProcessBot(standin, { databasePath: join(makeTempDir(), 'bot.sqlite'), clock: { start: clockStart, rate: 14_400 } });
      return { standin, bot };
    },
    channel: (name: string): string => started(standin).channelByName(GUILD_ID, name)!.id,
    announce: (subcommand: string, options: Record<string, string | boolean>): Promise<APIMessage> =>
      announceAsManager(started(standin), subcommand, options),
  };
};
