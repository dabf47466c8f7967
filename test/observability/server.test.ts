import { once } from 'node:events';
import { join } from 'node:path';
import { Events, type Client } from 'discord.js';
import { startStandin, type Standin } from 'discord-standin';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../src/db/client.js';
import { acquireLease } from '../../src/db/dispatcher-lease.js';
import { createClient } from '../../src/discord/client.js';
import type { Command, CommandContext } from '../../src/discord/commands/types.js';
import { createRouter } from '../../src/discord/router.js';
import { createLogger } from '../../src/log.js';
import { heartbeatCheck } from '../../src/observability/health.js';
import { startObservability, type Observability } from '../../src/observability/index.js';
import { silent, tempDir } from '../db/helpers.js';
import { httpRequest, insertOutboxRows, parseExposition, valueOf } from './support.js';
import { sqliteOperations } from '../../src/db/store/operations.js';

// The server in-process on port 0, fed by what production feeds it: a real discord.js client logged in
// to the stand-in, the real router with its observer, a real SQLite file with the real migrations.
// Only the wall clock of the heartbeat check is ours, so "stale" needs no three-minute wait.

const TOKEN = 'MTE5NTk0NDQ0NDQ0NDQ0NDQ0NA.GsEntl.observability-test-token-0123';
const APPLICATION_ID = '1195944444444444444';
const GUILD_ID = '1100000000000000001';
const HOLDER = 'this-host:1234:0badf00d';
const T0 = Date.UTC(2026, 0, 10, 12, 0, 0);

const ping: Command = {
  data: { name: 'ping', toJSON: () => ({ name: 'ping', description: 'Pong' }) },
  execute: async (interaction) => {
    await interaction.reply({ content: 'pong' });
  },
};

let standin: Standin;
let client: Client;
let opened: OpenedDatabase;
let observability: Observability;
let realNow = T0;
let port: number;

const get = (path: string, method?: string) => httpRequest(port, path, method);
const health = async () => {
  const answer = await get('/healthz');
  return { status: answer.status, body: JSON.parse(answer.body) as { status: string; checks: Record<string, { ok: boolean; state: string; [k: string]: unknown }> } };
};
const scrape = async () => {
  const answer = await get('/metrics');
  expect(answer.status).toBe(200);
  return parseExposition(answer.body);
};

beforeAll(async () => {
  standin = await startStandin({
    applicationId: APPLICATION_ID,
    validTokens: [TOKEN],
    guilds: [{ id: GUILD_ID, name: 'CAF test server', channels: [{ name: 'general' }] }],
  });
  opened = openDatabase(join(tempDir(), 'bot.sqlite'), { log: silent });
  const log = createLogger({ level: 'silent', format: 'json' });
  client = createClient({ apiUrl: standin.apiUrl }, log);
  const router = createRouter({
    commands: [ping],
    ctx: { log } as unknown as CommandContext,
    log,
    onInteraction: (summary) => observability.recordInteraction(summary),
  });
  router.attach(client);
  observability = await startObservability({
    host: '127.0.0.1',
    port: 0,
    client,
    db: sqliteOperations(opened.db),
    commandNames: ['ping'],
    heartbeatHolder: () => HOLDER,
    log,
    realNow: () => realNow,
  });
  port = observability.port ?? 0;
  const ready = once(client, Events.ClientReady);
  await client.login(TOKEN);
  await ready;
  acquireLease(opened.db, 'announcements', HOLDER, T0, 180_000);
}, 30_000);

afterAll(async () => {
  await observability?.close();
  await client?.destroy();
  await standin?.close();
  opened?.close();
});

describe('routes', () => {
  test('GIVEN another path, a trailing slash or a POST THEN 404 or 405, never a page', async () => {
    expect((await get('/')).status).toBe(404);
    expect((await get('/healthz/')).status).toBe(404);
    expect((await get('/metrics.json')).status).toBe(404);
    const post = await get('/healthz', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  test('GIVEN HEAD THEN the status and headers of GET with no body', async () => {
    const head = await get('/healthz', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-type']).toContain('application/json');
    expect((await get('/healthz?verbose=1')).status).toBe(200);
  });
});

describe('/healthz', () => {
  test('GIVEN the gateway ready, the database open and a heartbeat 30 s ago THEN 200 and every check ok', async () => {
    realNow = T0 + 30_000;
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'ok',
      ok: true,
      checks: {
        gateway: { ok: true, state: 'ready' },
        database: { ok: true, state: 'up' },
        heartbeat: { ok: true, state: 'fresh', ageSeconds: 30, self: true, lastBeat: new Date(T0).toISOString() },
      },
    });
  });

  test('GIVEN the last heartbeat 2 min 1 s ago THEN 503 naming the heartbeat, the rest still ok', async () => {
    realNow = T0 + 121_000;
    const { status, body } = await health();
    expect(status).toBe(503);
    expect(body.status).toBe('fail');
    expect(body.checks.heartbeat).toMatchObject({ ok: false, state: 'stale', ageSeconds: 121 });
    expect(body.checks.gateway?.ok).toBe(true);
    expect(body.checks.database?.ok).toBe(true);
  });

  test('GIVEN another live process holding the dispatcher lease THEN this one is a healthy standby', async () => {
    realNow = T0 + 200_000;
    acquireLease(opened.db, 'announcements', 'other-host:99:cafe0001', T0 + 190_000, 180_000);
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body.checks.heartbeat).toMatchObject({ ok: true, state: 'fresh', self: false });
    // Back to ours for the tests below.
    opened.sqlite.prepare('delete from dispatcher_leases').run();
    acquireLease(opened.db, 'announcements', HOLDER, realNow, 180_000);
  });

  test('GIVEN no lease row while announcements run THEN 503 heartbeat missing', async () => {
    opened.sqlite.prepare('delete from dispatcher_leases').run();
    const { status, body } = await health();
    expect(status).toBe(503);
    expect(body.checks.heartbeat).toMatchObject({ ok: false, state: 'missing' });
    acquireLease(opened.db, 'announcements', HOLDER, realNow, 180_000);
    expect((await health()).status).toBe(200);
  });

  test('GIVEN no dispatcher lease by design (PostgreSQL: every process dispatches) THEN the check reads this process own last beat', async () => {
    const check = (lastBeat: number | null) =>
      heartbeatCheck({ db: sqliteOperations(opened.db), holder: () => HOLDER, lastBeat: () => lastBeat, realNow: () => T0 + 300_000 });
    expect(await check(null)).toMatchObject({ ok: false, state: 'missing' });
    expect(await check(T0 + 270_000)).toMatchObject({ ok: true, state: 'fresh', ageSeconds: 30, self: true });
    expect(await check(T0 + 179_000)).toMatchObject({ ok: false, state: 'stale', ageSeconds: 121 });
  });
});

describe('/metrics', () => {
  test('GIVEN interactions through the router THEN counted by command, kind and outcome, with their latency', async () => {
    const before = valueOf(await scrape(), 'caf_interactions_total', { command: 'ping', outcome: 'ok' }) ?? 0;
    const answer = standin.sendInteraction({ kind: 'chatInput', name: 'ping', guildId: GUILD_ID });
    expect((await answer.callback).data?.content).toBe('pong');
    // A forged name is counted, but never becomes a label value of its own.
    await standin.sendInteraction({ kind: 'chatInput', name: 'drop-table-x', guildId: GUILD_ID }).callback;

    // The router reports once discord.js has the callback's answer, a moment after the stand-in has it.
    await expect
      .poll(async () => valueOf(await scrape(), 'caf_interactions_total', { command: 'unknown', kind: 'command', outcome: 'unknown_command' }), { timeout: 5_000 })
      .toBe(1);
    const samples = await scrape();
    expect(valueOf(samples, 'caf_interactions_total', { command: 'ping', kind: 'command', outcome: 'ok' })).toBe(before + 1);
    expect(samples.some((s) => Object.values(s.labels).includes('drop-table-x'))).toBe(false);
    expect(valueOf(samples, 'caf_interaction_duration_seconds_count', { command: 'ping', kind: 'command' })).toBe(before + 1);
    expect(valueOf(samples, 'caf_interaction_duration_seconds_bucket', { command: 'ping', kind: 'command', le: '+Inf' })).toBe(before + 1);
  });

  test('GIVEN outbox rows in every state THEN the gauges count them at the scrape, and posts by how they ended', async () => {
    expect(valueOf(await scrape(), 'caf_outbox_rows', { status: 'pending' })).toBe(0);
    insertOutboxRows(opened.sqlite, [
      { status: 'pending' },
      { status: 'pending' },
      { status: 'sending' },
      { status: 'sent' },
      { status: 'sent' },
      { status: 'sent', late: true },
      { status: 'expired' },
      { status: 'failed' },
      { status: 'cancelled' },
    ]);
    const samples = await scrape();
    const rows = Object.fromEntries(['pending', 'sending', 'sent', 'failed', 'expired', 'cancelled'].map((status) => [status, valueOf(samples, 'caf_outbox_rows', { status })]));
    expect(rows).toEqual({ pending: 2, sending: 1, sent: 3, failed: 1, expired: 1, cancelled: 1 });
    const posts = Object.fromEntries(['sent', 'late', 'expired', 'failed'].map((result) => [result, valueOf(samples, 'caf_announcement_posts', { result })]));
    expect(posts).toEqual({ sent: 2, late: 1, expired: 1, failed: 1 });
  });

  test('GIVEN Discord answers a reply with 429 THEN the 429 is counted and the reply still goes out', async () => {
    const before = valueOf(await scrape(), 'caf_discord_rest_429_total', { scope: 'user' }) ?? 0;
    const fault = standin.injectFault({ method: 'POST', pathPattern: '/interactions/:id/:token/callback', status: 429, retryAfterSeconds: 0.05 });
    const answer = standin.sendInteraction({ kind: 'chatInput', name: 'ping', guildId: GUILD_ID });
    expect((await answer.callback).data?.content).toBe('pong');
    expect(fault.hits).toBe(1);
    await expect.poll(async () => valueOf(await scrape(), 'caf_discord_rest_429_total', { scope: 'user' }), { timeout: 5_000 }).toBe(before + 1);
  });

  test('GIVEN the process metrics THEN event-loop lag and heap are there, and the gateway is up', async () => {
    const samples = await scrape();
    expect(valueOf(samples, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(valueOf(samples, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect(valueOf(samples, 'caf_gateway_up')).toBe(1);
    expect(valueOf(samples, 'caf_gateway_reconnects_total')).toBe(0);
    // Series that exist before their first event, so rate() and alerts see them.
    expect(valueOf(samples, 'caf_discord_rest_429_total', { scope: 'global' })).toBe(0);
    expect(valueOf(samples, 'caf_discord_rest_rate_limit_waits_total', { global: 'true' })).toBe(0);
  });

  test('GIVEN Discord asks for a reconnect THEN it is counted, health is 503 on the gateway meanwhile and 200 once ready', async () => {
    standin.requestReconnect();
    // The stand-in refuses RESUME, so discord.js identifies anew after a wait: the shard is not ready for a while.
    await expect
      .poll(async () => (await health()).body.checks.gateway, { timeout: 10_000, interval: 50 })
      .toMatchObject({ ok: false, state: 'reconnecting', shards: [{ shard: 0, state: expect.any(String) }] });
    expect((await health()).status).toBe(503);
    expect(valueOf(await scrape(), 'caf_gateway_reconnects_total')).toBe(1);
    await expect.poll(async () => (await health()).status, { timeout: 20_000, interval: 200 }).toBe(200);
    expect(valueOf(await scrape(), 'caf_gateway_up')).toBe(1);
  }, 30_000);
});

// Last: it closes the database for good.
describe('when the database is gone', () => {
  test('GIVEN the database closed THEN /healthz is 503 naming the database, and /metrics still answers', async () => {
    opened.close();
    const { status, body } = await health();
    expect(status).toBe(503);
    expect(body.checks.database).toMatchObject({ ok: false, state: 'down', error: expect.stringContaining('not open') });
    expect(body.checks.gateway?.ok).toBe(true);

    const samples = await scrape();
    // No stale numbers from a database that no longer answers.
    expect(samples.filter((s) => s.name === 'caf_outbox_rows' || s.name === 'caf_announcement_posts')).toEqual([]);
    expect(valueOf(samples, 'caf_interactions_total', { command: 'ping', outcome: 'ok' })).toBeGreaterThan(0);
  });
});
