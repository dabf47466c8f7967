// Shared by the announcement end-to-end files (test/e2e/announcement*.test.ts, test/faults/): the real
// bot process on a replay clock, its database seeded or read directly, and its posts in the stand-in.
import Database from 'better-sqlite3';
import type { APIMessage } from 'discord.js';
import type { Standin } from 'discord-standin';
import { openDatabase } from '../../src/db/client.js';
import { setSubscription } from '../../src/db/guild-settings.js';
import { botEnv, GUILD_ID, startBotProcess, type BotProcess } from './harness.js';

export const H = 3_600_000;
/** Group stage matchday 1: first kickoff 2023-11-26 13:00 UTC, so the 24h preview is due here. */
export const PREVIEW_24H = Date.parse('2023-11-25T13:00:00Z');

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Bot posts in a channel (interaction replies, which carry a webhook id, left out). */
export const posts = (standin: Standin, channelId: string): APIMessage[] =>
  standin.messages(channelId).filter((m) => m.webhook_id === undefined);

/** Starts the bot on a replay clock and waits for its scheduler; the process is added to `bots`. */
export const startAnnouncingBot = async (
  standin: Standin,
  bots: BotProcess[],
  databasePath: string,
  clockStart: string,
  rate: number,
): Promise<BotProcess> => {
  const env = botEnv(standin, { databasePath, extra: { BOT_CLOCK_START: clockStart, BOT_CLOCK_RATE: String(rate) } });
  const { bot } = await startBotProcess(env);
  bots.push(bot);
  await bot.waitForLog((l) => l.msg === 'announcement scheduler started', 10_000, 'the scheduler');
  return bot;
};

/** Subscriptions written straight into a fresh database, as if set up at `at`. */
export const seed = (databasePath: string, channels: readonly { id: string; leadsMs: number[]; recap?: boolean }[], at: number): void => {
  const { db, close } = openDatabase(databasePath);
  try {
    for (const c of channels) setSubscription(db, { guildId: GUILD_ID, channelId: c.id, roleId: null, leadsMs: c.leadsMs, recap: c.recap ?? false }, at);
  } finally {
    close();
  }
};

export const readRows = (databasePath: string, sql: string, ...params: unknown[]): Record<string, unknown>[] => {
  const sqlite = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    return sqlite.prepare(sql).all(...params) as Record<string, unknown>[];
  } finally {
    sqlite.close();
  }
};

/** A message's visible text: content, then each embed's title, description and fields. */
export const messageText = (m: APIMessage): string =>
  [m.content, ...m.embeds.flatMap((e) => [e.title ?? '', e.description ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])])].join('\n');

/** `/announcements <subcommand>` by a member with Manage Server; resolves with the bot's reply. */
export const announceAsManager = async (standin: Standin, subcommand: string, options: Record<string, string | boolean>): Promise<APIMessage> => {
  const handle = standin.sendInteraction({ kind: 'chatInput', name: 'announcements', subcommand, options, memberPermissions: '32' });
  await handle.callback;
  return handle.waitForOriginal((m) => (m.content ?? '') !== '' || m.embeds.length > 0, 15_000);
};
