import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Standin } from 'discord-standin';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openSeasonStore } from '../src/season-store.js';
import { botEnv, makeTempDir, spawnBot, startTestStandin, stopAll, STARTUP_TIMEOUT_MS } from './e2e/harness.js';

// announcements.start() runs once the gateway is ready. When it fails, the bot must not log `ready`
// and run on answering commands while nothing is ever posted (it used to log one error line and go on).

let standin: Standin;
beforeAll(async () => {
  standin = await startTestStandin();
});
afterAll(async () => {
  await stopAll();
  await standin?.close();
});

describe('a failure to start announcements after login', () => {
  test('GIVEN a database that refuses the planner its writes THEN no ready line, a fatal line, exit 1', async () => {
    const databasePath = join(makeTempDir(), 'bot.sqlite');
    openSeasonStore({ databasePath }).close();
    // Writable (the start-up probe passes), but every write of the announcement planner aborts.
    const sqlite = new Database(databasePath);
    for (const event of ['insert', 'update']) {
      sqlite.exec(
        `create trigger refuse_round_${event} before ${event} on announcement_rounds begin select raise(abort, 'planner write refused'); end`,
      );
    }
    sqlite.close();

    const bot = spawnBot(botEnv(standin, { databasePath }));
    const status = await Promise.race([
      bot.exited,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still running:\n${bot.stdout()}`)), STARTUP_TIMEOUT_MS)),
    ]);

    expect(status.code).toBe(1);
    expect(bot.lines.map((line) => line.msg)).not.toContain('ready');
    expect(bot.lines).toContainEqual(
      expect.objectContaining({
        level: 60,
        msg: 'startup failed after login',
        err: expect.objectContaining({ message: expect.stringContaining('Announcements could not start: planner write refused') }),
      }),
    );
  }, 60_000);
});
