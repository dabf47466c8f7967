// The bot's client and announcements runtime logged in to a stand-in, started as app.ts starts them
// after ready: tests drive the heartbeat's beats through `scheduler.tickNow()`.
import { once } from 'node:events';
import { Events, type Client } from 'discord.js';
import type { Standin } from 'discord-standin';
import { createClient } from '../../src/discord/client.js';
import { createAnnouncements, type AnnouncementsOptions, type AnnouncementsRuntime } from '../../src/scheduler/announcements.js';
import type { Scheduler } from '../../src/scheduler/cron.js';

export interface RunningAnnouncements {
  readonly client: Client;
  readonly announcements: AnnouncementsRuntime;
  readonly scheduler: Scheduler;
  /** Stops the runtime, then the client. */
  stop(): Promise<void>;
}

export const startAnnouncementsRuntime = async (
  standin: Standin,
  token: string,
  options: Omit<AnnouncementsOptions, 'client'>,
): Promise<RunningAnnouncements> => {
  const client = createClient({ apiUrl: standin.apiUrl }, options.log);
  const announcements = createAnnouncements({ ...options, client });
  const ready = once(client, Events.ClientReady);
  await client.login(token);
  await ready;
  await standin.waitForReady();
  const scheduler = await announcements.start();
  return {
    client,
    announcements,
    scheduler,
    async stop() {
      await announcements.stop();
      await client.destroy();
    },
  };
};
