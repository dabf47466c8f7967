// SHARDS=2: the real bot (dist/index.js as `npm start` runs it) as a ShardingManager with two shard
// processes, against the stand-in with one guild on each shard.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Standin } from 'discord-standin';
import { shardForGuild } from 'discord-standin';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  botEnv,
  isReadyLine,
  makeTempDir,
  spawnBot,
  startTestStandin,
  stopAll,
  type BotProcess,
  type CallbackData,
  type LogLine,
} from '../e2e/harness.js';

/** (id >> 22) % 2 is the low bit of the timestamp part: one guild per shard of two. */
const ON_SHARD_0 = ((2n ** 40n) << 22n).toString();
const ON_SHARD_1 = ((2n ** 40n + 1n) << 22n).toString();

/** Every line a shard process logs carries its shard id; the manager's lines carry none. */
const shardOf = (line: LogLine): number | undefined => line.shardId as number | undefined;

describe('the bot under the sharding manager (SHARDS=auto, two shards)', () => {
  let standin: Standin;
  let bot: BotProcess;

  beforeAll(async () => {
    standin = await startTestStandin({
      // Identifies enforced as Discord does, with two buckets so both shards may start at once
      // (max_concurrency 1 would add the 5 s wait between them: spawnPlan's unit test covers it).
      shards: 2,
      sessionStartLimit: { maxConcurrency: 2 },
      identifyRateLimit: true,
      guilds: [
        { id: ON_SHARD_0, name: 'Shard zero server', channels: [{ name: 'general' }] },
        { id: ON_SHARD_1, name: 'Shard one server', channels: [{ name: 'general' }] },
      ],
    });
    const dir = makeTempDir();
    // Global commands (no DISCORD_GUILD_ID): one registration for the whole bot.
    bot = spawnBot(botEnv(standin, { databasePath: join(dir, 'bot.sqlite'), extra: { SHARDS: 'auto', DISCORD_GUILD_ID: undefined } }));
    await bot.waitForLog((l) => l.msg === 'all shards ready', 40_000, 'every shard ready');
    // A shard's own ready line follows its gateway ready (announcements start in between).
    await bot.waitForLog(() => bot.lines.filter(isReadyLine).length === 2, 10_000, 'both shards ready lines');
    await standin.waitForShards(2);
  }, 60_000);

  afterAll(async () => {
    await stopAll();
    await standin?.close();
  });

  test('the guild ids fall on shards 0 and 1 of 2', () => {
    expect([shardForGuild(ON_SHARD_0, 2), shardForGuild(ON_SHARD_1, 2)]).toEqual([0, 1]);
  });

  test('the manager migrated and imported once; each shard attached to the database, saw its own guild and logged ready', async () => {
    const database = bot.lines.filter((l) => l.msg === 'database ready for shards');
    expect(database).toHaveLength(1);
    expect(database[0]?.imported).toBe(true);
    // One import per season file (data/seasons/ holds several), all by the manager.
    expect(bot.lines.filter((l) => l.msg === 'season file imported').map((l) => [shardOf(l) ?? 'manager', l.seasonId])).toEqual([
      ['manager', 'caf-cc-2023-24'],
      ['manager', 'caf-afl-2023'],
      ['manager', 'caf-cl-2023-24'],
      ['manager', 'caf-cl-2024-25'],
    ]);
    expect(bot.lines.filter((l) => l.msg === 'database migrated')).toHaveLength(1);
    const ready = bot.lines.filter(isReadyLine);
    expect(ready.map((l) => [shardOf(l), l.shard, l.guilds, l.dispatches]).sort()).toEqual([
      [0, { id: 0, count: 2 }, 1, true],
      [1, { id: 1, count: 2 }, 1, false],
    ]);
    // The manager did the database work, not a shard.
    expect(shardOf(database[0] ?? {})).toBeUndefined();
    expect(bot.lines.filter((l) => l.msg === 'database migrated').map(shardOf)).toEqual([undefined]);
    // Only shard 0 runs the announcement scheduler (on SQLite one process dispatches).
    expect(bot.lines.filter((l) => l.msg === 'announcement scheduler started').map(shardOf)).toEqual([0]);
  });

  test('both shards started in one identify bucket (max_concurrency 2): one identify each, none refused', () => {
    expect(bot.lines.filter((l) => l.msg === 'shards ready').map((l) => l.shards)).toEqual([[0, 1]]);
    expect(standin.sessions.filter((s) => s.identifiedAt !== null).map((s) => s.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(standin.stats()).toMatchObject({ identifies: 2, identifiesRateLimited: 0 });
  });

  test('commands are registered once for the whole bot (by the manager), never by a shard', () => {
    expect(standin.requestsTo('PUT', '/applications/:id/commands')).toHaveLength(1);
    expect(standin.requestsTo('GET', '/applications/:id/commands')).toHaveLength(1);
    expect(standin.commands().map((c) => c.name)).toContain('about');
  });

  test.each([
    ['shard 0', ON_SHARD_0, 0],
    ['shard 1', ON_SHARD_1, 1],
  ])('an interaction in the %s guild is answered by that shard, and /about shows it with the totals', async (_label, guildId, shardId) => {
    const handle = standin.sendInteraction({ kind: 'chatInput', name: 'about', guildId });
    const callback = await handle.callback;
    expect(callback.type).toBe(4);
    const fields = ((callback.data as CallbackData).embeds ?? [])[0]?.fields ?? [];
    expect(fields.find((f) => f.name === 'Shard')?.value).toBe(`${shardId} of 2 · 2 servers in all`);
    // Handled in that shard's process and no other: the stand-in routes by (guild_id >> 22) % 2.
    const handled = await bot.waitForLog((l) => l.msg === 'interaction' && l.interactionId === handle.id, 5_000, 'the interaction log line');
    expect(shardOf(handled)).toBe(shardId);
    expect(bot.lines.filter((l) => l.interactionId === handle.id)).toHaveLength(1);
  });

  test('SIGTERM to the manager stops every shard in order and exits 0', async () => {
    const shardPids = bot.lines.filter((l) => l.msg === 'shard process started').map((l) => Number(l.pid));
    expect(shardPids).toHaveLength(2);
    expect(await bot.stop('SIGTERM', 15_000)).toEqual({ code: 0, signal: null });
    for (const pid of shardPids) expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
    // Each shard stopped in order (its own shutdown), then the manager.
    expect(bot.lines.filter((l) => l.msg === 'stopped').map(shardOf).sort()).toEqual([0, 1, undefined]);
  }, 20_000);
});

// Two independent managers, each with its own stand-in and database: run side by side.
describe.concurrent('the sharding manager refuses to start shards it could not run', () => {
  afterAll(async () => {
    await stopAll();
  });

  const startManager = async (standinOptions: Parameters<typeof startTestStandin>[0], extra: Record<string, string | undefined> = {}) => {
    const standin = await startTestStandin({ shards: 2, ...standinOptions });
    const databasePath = join(makeTempDir(), 'bot.sqlite');
    const bot = spawnBot(botEnv(standin, { databasePath, extra: { SHARDS: 'auto', DISCORD_GUILD_ID: undefined, ...extra } }));
    const status = await bot.exited;
    await standin.close();
    return { bot, standin, status, databasePath };
  };

  test('GIVEN fewer session starts left today than shards THEN it exits 1 saying when to start again, before any shard identifies', async () => {
    const { bot, standin, status, databasePath } = await startManager({ sessionStartLimit: { total: 1 } });
    expect(status).toEqual({ code: 1, signal: null });
    const failed = bot.lines.find((l) => l.msg === 'startup failed');
    expect(JSON.stringify(failed?.err)).toContain('allows 1 more session starts');
    expect(bot.lines.some((l) => l.msg === 'shard process started')).toBe(false);
    expect(standin.stats().identifies).toBe(0);
    // Asked before the database is touched: nothing migrated for a start that cannot happen.
    expect(existsSync(databasePath)).toBe(false);
  }, 30_000);

  test('GIVEN a token Discord rejects THEN it exits 78 (no restart loop) without spawning a shard', async () => {
    const { bot, status, databasePath } = await startManager({}, { DISCORD_TOKEN: 'MTE5NTk0NDQ0NDQ0NDQ0NDQ0NA.GsEntl.not-the-valid-test-token-0123456789' });
    expect(status).toEqual({ code: 78, signal: null });
    expect(existsSync(databasePath)).toBe(false);
    expect(bot.lines.some((l) => l.msg === 'shard process started')).toBe(false);
  }, 30_000);
});
