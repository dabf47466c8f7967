import { join } from 'node:path';
import { startStandin, type Standin } from 'discord-standin';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startBot, type RunningBot } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { commands } from '../../src/discord/commands/index.js';
import { createLogger } from '../../src/log.js';
import { tempDir } from '../db/helpers.js';
import { httpRequest, parseExposition, valueOf } from './support.js';

// The whole bot in-process, as index.ts starts it (config parsed from an environment with HTTP_PORT=0),
// against the stand-in: the server is up before login, the heartbeat is this bot's own, a real command
// shows in /metrics, and stop() closes the port.

const TOKEN = 'MTE5NTk0NDQ0NDQ0NDQ0NDQ0NA.GsEntl.observability-bot-test-token-01';
const APPLICATION_ID = '1195944444444444444';
const GUILD_ID = '1100000000000000001';

let standin: Standin;
let bot: RunningBot;
let port: number;

beforeAll(async () => {
  standin = await startStandin({
    applicationId: APPLICATION_ID,
    validTokens: [TOKEN],
    guilds: [{ id: GUILD_ID, name: 'CAF test server', channels: [{ name: 'general' }] }],
  });
  const { config } = parseConfig({
    DISCORD_TOKEN: TOKEN,
    DISCORD_APPLICATION_ID: APPLICATION_ID,
    DISCORD_GUILD_ID: GUILD_ID,
    DISCORD_API_URL: standin.apiUrl,
    DATABASE_PATH: join(tempDir(), 'bot.sqlite'),
    HTTP_PORT: '0',
  });
  bot = await startBot(config, { log: createLogger({ level: 'silent', format: 'json' }), commands });
  port = bot.httpPort ?? 0;
  await bot.ready;
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  await standin?.close();
});

describe('a bot started with HTTP_PORT', () => {
  test('GIVEN the bot ready THEN /healthz is 200 with its own heartbeat', async () => {
    expect(port).toBeGreaterThan(0);
    const answer = await httpRequest(port, '/healthz');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({
      status: 'ok',
      checks: { gateway: { ok: true, state: 'ready' }, database: { ok: true, state: 'up' }, heartbeat: { ok: true, state: 'fresh', self: true } },
    });
  });

  test('GIVEN /about answered THEN /metrics counts it under its name, beside the outbox and process metrics', async () => {
    const handle = standin.sendInteraction({ kind: 'chatInput', name: 'about', guildId: GUILD_ID });
    await handle.callback;
    await expect
      .poll(async () => valueOf(parseExposition((await httpRequest(port, '/metrics')).body), 'caf_interactions_total', { command: 'about', kind: 'command', outcome: 'ok' }), {
        timeout: 5_000,
      })
      .toBe(1);
    const samples = parseExposition((await httpRequest(port, '/metrics')).body);
    expect(valueOf(samples, 'caf_outbox_rows', { status: 'pending' })).toBe(0);
    expect(valueOf(samples, 'caf_gateway_up')).toBe(1);
    expect(valueOf(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  test('GIVEN a second bot on the same HTTP_PORT THEN it refuses to start, before logging in, saying why', async () => {
    const sessions = standin.sessions.length;
    const { config } = parseConfig({
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: APPLICATION_ID,
      DISCORD_API_URL: standin.apiUrl,
      DATABASE_PATH: join(tempDir(), 'second.sqlite'),
      HTTP_PORT: String(port),
    });
    await expect(startBot(config, { log: createLogger({ level: 'silent', format: 'json' }), commands })).rejects.toThrow(
      `Cannot serve /healthz and /metrics on 127.0.0.1:${port}: the port is in use.`,
    );
    expect(standin.sessions.length).toBe(sessions);
    expect((await httpRequest(port, '/healthz')).status).toBe(200);
  });

  test('GIVEN stop() THEN the port no longer answers', async () => {
    await bot.stop();
    await expect(httpRequest(port, '/healthz')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
