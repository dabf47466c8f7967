// SHARDS=2 with HTTP_PORT: the manager (dist/index.js as `npm start` runs it) serves /healthz and
// /metrics for the whole bot, asking both shard processes over IPC; the shards listen on no port.
import { join } from 'node:path';
import type { Standin } from 'discord-standin';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { botEnv, isReadyLine, makeTempDir, spawnBot, startTestStandin, stopAll, type BotProcess, type LogLine } from '../e2e/harness.js';
import { httpRequest, parseExposition, valueOf } from '../observability/support.js';

/** (id >> 22) % 2 is the low bit of the timestamp part: one guild per shard of two. */
const ON_SHARD_0 = ((2n ** 40n) << 22n).toString();
const ON_SHARD_1 = ((2n ** 40n + 1n) << 22n).toString();

const shardOf = (line: LogLine): number | undefined => line.shardId as number | undefined;

interface HealthBody {
  readonly status: string;
  readonly checks: Record<string, { ok: boolean; state: string; [detail: string]: unknown }>;
  readonly shards: readonly { shard: number; ok: boolean; state: string }[];
}

describe('the shard manager serves /healthz and /metrics for every shard (SHARDS=auto, two shards, HTTP_PORT)', () => {
  let standin: Standin;
  let bot: BotProcess;
  let port: number;
  const shardPid = (id: number): number => {
    const started = bot.lines.filter((l) => l.msg === 'shard process started' && l.shardId === id);
    return Number(started.at(-1)?.pid);
  };
  const health = async (): Promise<{ status: number; body: HealthBody }> => {
    const answer = await httpRequest(port, '/healthz');
    return { status: answer.status, body: JSON.parse(answer.body) as HealthBody };
  };
  const metrics = async () => parseExposition((await httpRequest(port, '/metrics')).body);

  beforeAll(async () => {
    standin = await startTestStandin({
      shards: 2,
      sessionStartLimit: { maxConcurrency: 2 },
      guilds: [
        { id: ON_SHARD_0, name: 'Shard zero server', channels: [{ name: 'general' }] },
        { id: ON_SHARD_1, name: 'Shard one server', channels: [{ name: 'general' }] },
      ],
    });
    const databasePath = join(makeTempDir(), 'bot.sqlite');
    bot = spawnBot(botEnv(standin, { databasePath, extra: { SHARDS: 'auto', DISCORD_GUILD_ID: undefined, HTTP_PORT: '0' } }));
    const serving = await bot.waitForLog((l) => l.msg === 'serving /healthz and /metrics', 40_000, 'the manager serving HTTP');
    port = Number(serving.port);
    await bot.waitForLog(() => bot.lines.filter(isReadyLine).length === 2, 40_000, 'both shards ready lines');
  }, 60_000);

  afterAll(async () => {
    await stopAll();
    await standin?.close();
  });

  test('the manager listens before spawning shards, and no shard listens', () => {
    expect(port).toBeGreaterThan(0);
    const serving = bot.lines.filter((l) => l.msg === 'serving /healthz and /metrics');
    expect(serving.map(shardOf)).toEqual([undefined]);
    const firstSpawn = bot.lines.findIndex((l) => l.msg === 'shard process started');
    expect(bot.lines.indexOf(serving[0] as LogLine)).toBeLessThan(firstSpawn);
  });

  test('GIVEN both shards ready THEN /healthz is 200 with each shard, the manager database and shard 0 heartbeat', async () => {
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'ok',
      checks: {
        gateway: { ok: true, state: 'ready', shards: 2 },
        database: { ok: true, state: 'up' },
        heartbeat: { ok: true, state: 'fresh', self: true, shard: 0 },
      },
    });
    expect(body.shards.map((s) => [s.shard, s.ok, s.state])).toEqual([
      [0, true, 'answered'],
      [1, true, 'answered'],
    ]);
  });

  test('GIVEN /about answered on each shard THEN /metrics has both shards\' interaction counters, labelled by shard, and the outbox once', async () => {
    for (const guildId of [ON_SHARD_0, ON_SHARD_1]) await standin.sendInteraction({ kind: 'chatInput', name: 'about', guildId }).callback;
    const about = (shard: string) => ({ command: 'about', kind: 'command', outcome: 'ok', shard });
    await expect.poll(async () => [valueOf(await metrics(), 'caf_interactions_total', about('0')), valueOf(await metrics(), 'caf_interactions_total', about('1'))], { timeout: 5_000 }).toEqual([1, 1]);
    const samples = await metrics();
    expect(valueOf(samples, 'caf_shard_up', { shard: '0' })).toBe(1);
    expect(valueOf(samples, 'caf_shard_up', { shard: '1' })).toBe(1);
    expect(valueOf(samples, 'caf_gateway_up', { shard: '1' })).toBe(1);
    expect(valueOf(samples, 'caf_interaction_duration_seconds_count', { command: 'about', kind: 'command', shard: '1' })).toBe(1);
    // The outbox is read once, by the manager: one series per status, without a shard label.
    expect(samples.filter((s) => s.name === 'caf_outbox_rows' && s.labels.status === 'pending').map((s) => s.labels)).toEqual([{ status: 'pending' }]);
    // Three processes, each its own memory series.
    expect(samples.filter((s) => s.name === 'process_resident_memory_bytes').map((s) => s.labels.shard).sort()).toEqual(['0', '1', 'manager']);
  });

  test('GIVEN shard 1 stopped (SIGSTOP) THEN /healthz is 503 naming shard 1 and caf_shard_up{shard="1"} is 0; once it runs again, 200', async () => {
    const pid = shardPid(1);
    process.kill(pid, 'SIGSTOP');
    try {
      const { status, body } = await health();
      expect(status).toBe(503);
      expect(body.status).toBe('fail');
      expect(body.checks.gateway).toEqual({ ok: false, state: 'not_ready', shards: [{ shard: 1, state: 'no_answer' }] });
      expect(body.shards.map((s) => [s.shard, s.ok, s.state])).toEqual([
        [0, true, 'answered'],
        [1, false, 'no_answer'],
      ]);
      const samples = await metrics();
      expect(valueOf(samples, 'caf_shard_up', { shard: '1' })).toBe(0);
      expect(valueOf(samples, 'caf_interactions_total', { command: 'about', kind: 'command', outcome: 'ok', shard: '0' })).toBe(1);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    await expect.poll(async () => (await health()).status, { timeout: 10_000 }).toBe(200);
  }, 20_000);

  test('GIVEN shard 1 killed THEN /healthz is 503 naming shard 1 until the manager has restarted it, then 200', async () => {
    const pid = shardPid(1);
    process.kill(pid, 'SIGKILL');
    const { status, body } = await health();
    expect(status).toBe(503);
    expect(body.checks.gateway?.shards).toEqual([expect.objectContaining({ shard: 1 })]);
    await bot.waitForLog((l) => l.msg === 'shard process started' && l.shardId === 1 && l.pid !== pid, 10_000, 'shard 1 restarted');
    await expect.poll(async () => (await health()).status, { timeout: 30_000, interval: 500 }).toBe(200);
  }, 45_000);

  test('SIGTERM to the manager closes the port with the shards', async () => {
    expect(await bot.stop('SIGTERM', 15_000)).toEqual({ code: 0, signal: null });
    await expect(httpRequest(port, '/healthz')).rejects.toThrow(/ECONNREFUSED/);
  }, 20_000);
});
