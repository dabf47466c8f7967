// D4: SIGTERM while a post waits out a rate limit. The real entry point in a child process (the e2e
// harness), a 429 with a 12 s Retry-After (discord.js waits that out itself: it is under the sender's
// request deadline): the bot must exit 0, well inside its 10 s shutdown deadline, and leave the row
// claimable for the next start.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Standin } from 'discord-standin';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { setSubscription } from '../../src/db/guild-settings.js';
import { botEnv, GUILD_ID, makeTempDir, startBotProcess, startTestStandin, stopAll, STARTUP_TIMEOUT_MS } from '../e2e/harness.js';

const H = 3_600_000;
/** Group stage matchday 1 of the real season: first kickoff 2023-11-26 13:00 UTC, so the 24h preview is due here. */
const PREVIEW_24H = Date.parse('2023-11-25T13:00:00Z');

const subscribe = (databasePath: string, channelId: string): void => {
  const { db, close } = openDatabase(databasePath);
  try {
    setSubscription(db, { guildId: GUILD_ID, channelId, roleId: null, leadsMs: [24 * H], recap: false }, PREVIEW_24H - 24 * H);
  } finally {
    close();
  }
};

const readRows = (databasePath: string, sql: string, ...params: unknown[]): unknown[] => {
  const sqlite = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    return sqlite.prepare(sql).all(...params);
  } finally {
    sqlite.close();
  }
};

let standin: Standin;

beforeAll(async () => {
  standin = await startTestStandin();
});
afterAll(async () => {
  await stopAll();
  await standin?.close();
});

test(
  'GIVEN SIGTERM during a long rate-limit wait THEN the bot stops at once with exit 0 and the post stays claimable',
  async () => {
    const channelId = standin.channelByName(GUILD_ID, 'general')!.id;
    const databasePath = join(makeTempDir(), 'bot.sqlite');
    subscribe(databasePath, channelId);
    const limited = standin.injectFault({ method: 'POST', pathPattern: `/channels/${channelId}/messages`, status: 429, retryAfterSeconds: 12, times: Number.POSITIVE_INFINITY });
    const env = botEnv(standin, { databasePath, extra: { BOT_CLOCK_START: new Date(PREVIEW_24H + 5_000).toISOString(), BOT_CLOCK_RATE: '1' } });

    const { bot } = await startBotProcess(env);
    await standin.waitFor(() => limited.hits >= 1, 20_000, 'the rate-limited post');
    await new Promise((resolve) => setTimeout(resolve, 300)); // discord.js is now sleeping on Retry-After

    const started = Date.now();
    const status = await bot.stop('SIGTERM', 20_000);
    const tookMs = Date.now() - started;
    expect(status).toEqual({ code: 0, signal: null });
    expect(tookMs).toBeLessThan(6_000);
    expect(bot.lines.some((l) => l.msg === 'shutdown took too long; exiting')).toBe(false);
    expect(bot.lines.some((l) => l.msg === 'stopped')).toBe(true);

    const rows = readRows(databasePath, "select status, attempts, lease_until from announcement_outbox where channel_id = ? and round_key = 'GS-MD1'", channelId);
    expect(rows).toEqual([{ status: 'pending', attempts: 0, lease_until: null }]);
    expect(readRows(databasePath, 'select count(*) as n from dispatcher_leases')).toEqual([{ n: 0 }]);
  },
  STARTUP_TIMEOUT_MS + 30_000,
);
