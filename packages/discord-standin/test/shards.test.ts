/** Sharding: GET /gateway/bot, IDENTIFY's `shard`, per-shard routing, the identify rate and the daily limit. */
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { WebSocket } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { shardForGuild } from '../src/snowflake.js';
import type { Standin, StandinOptions } from '../src/server.js';
import { TOKEN, startQuietStandin } from './harness.js';

interface Frame {
  op: number;
  d: unknown;
  s?: number | null;
  t?: string | null;
}

/** Guild ids whose shard is known: (id >> 22) % 2 is the low bit of the timestamp part. */
const ON_SHARD_0 = ((2n ** 40n) << 22n).toString();
const ON_SHARD_1 = ((2n ** 40n + 1n) << 22n).toString();

async function connect(url: string) {
  const ws = new WebSocket(`${url}?v=10&encoding=json`);
  const frames: Frame[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (data) => {
    frames.push(JSON.parse(String(data)) as Frame);
    waiters.splice(0).forEach((w) => w());
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await once(ws, 'open');
  const next = async (): Promise<Frame> => {
    while (frames.length === 0) await new Promise<void>((resolve) => waiters.push(resolve));
    return frames.shift() as Frame;
  };
  /** Frames until the next dispatch of type `t` (skipping others). */
  const nextDispatch = async (t: string): Promise<Frame> => {
    for (;;) {
      const frame = await next();
      if (frame.t === t) return frame;
    }
  };
  const send = (frame: unknown) => ws.send(JSON.stringify(frame));
  const identify = (shard: unknown) =>
    send({ op: 2, d: { token: TOKEN, intents: 1, properties: { os: 'linux', browser: 'test', device: 'test' }, shard } });
  await next(); // HELLO
  return { ws, next, nextDispatch, closed, send, identify };
}

const gatewayBot = async (standin: Standin) => {
  const res = await fetch(`${standin.apiUrl}/v10/gateway/bot`, { headers: { authorization: `Bot ${TOKEN}` } });
  return (await res.json()) as { url: string; shards: number; session_start_limit: Record<string, number> };
};

describe('the stand-in gateway with shards', () => {
  let standin: Standin;
  const sockets: WebSocket[] = [];
  const clients: Client[] = [];

  const start = async (opts: StandinOptions = {}) => {
    standin = await startQuietStandin({ guilds: [{ id: ON_SHARD_0, name: 'Zero' }, { id: ON_SHARD_1, name: 'One' }], ...opts });
    return standin;
  };
  const open = async () => {
    const gw = await connect(standin.gatewayUrl);
    sockets.push(gw.ws);
    return gw;
  };

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.destroy()));
    for (const ws of sockets.splice(0)) ws.terminate();
    await standin?.close();
  });

  it('the chosen guild ids fall on shards 0 and 1 of 2', () => {
    expect([shardForGuild(ON_SHARD_0, 2), shardForGuild(ON_SHARD_1, 2)]).toEqual([0, 1]);
  });

  it('GET /gateway/bot answers the configured shard count and session start limit, and counts identifies', async () => {
    await start({ shards: 2, sessionStartLimit: { total: 10, maxConcurrency: 2, resetAfterMs: 60_000 } });
    expect(await gatewayBot(standin)).toEqual({
      url: standin.gatewayUrl,
      shards: 2,
      session_start_limit: { total: 10, remaining: 10, reset_after: 60_000, max_concurrency: 2 },
    });
    const gw = await open();
    gw.identify([0, 2]);
    await gw.nextDispatch('READY');
    const after = await gatewayBot(standin);
    expect(after.session_start_limit.remaining).toBe(9);
    expect(after.session_start_limit.reset_after).toBeGreaterThan(0);
    expect(after.session_start_limit.reset_after).toBeLessThanOrEqual(60_000);
  });

  it('closes with 4010 a shard count that is not a multiple of the large bot sharding number', async () => {
    await start({ shardCountMultipleOf: 4 });
    const wrong = await open();
    wrong.identify([0, 2]);
    expect(await wrong.closed).toBe(4010);
    const right = await open();
    right.identify([0, 4]);
    expect((await right.nextDispatch('READY')).d).toMatchObject({ shard: [0, 4] });
  });

  it.each([
    ['a shard id equal to the count', [2, 2], 4010],
    ['a shard count of 0', [0, 0], 4010],
    ['a negative shard id', [-1, 2], 4010],
    ['a shard that is not two numbers', ['a', 2], 4010],
    ['one session for more guilds than a session may hold', [0, 1], 4011],
  ])('closes on %s', async (_label, shard, code) => {
    await start({ maxGuildsPerSession: 1 });
    const gw = await open();
    gw.identify(shard);
    expect(await gw.closed).toBe(code);
    expect(standin.stats().identifies).toBe(0);
  });

  it('sends each session only its guilds: READY, GUILD_CREATE, later events and interactions; DMs go to shard 0', async () => {
    await start({ sessionStartLimit: { maxConcurrency: 2 } });
    const zero = await open();
    const one = await open();
    zero.identify([0, 2]);
    one.identify([1, 2]);
    const [readyZero, readyOne] = [await zero.nextDispatch('READY'), await one.nextDispatch('READY')];
    expect(readyZero.d).toMatchObject({ shard: [0, 2], guilds: [{ id: ON_SHARD_0, unavailable: true }] });
    expect(readyOne.d).toMatchObject({ shard: [1, 2], guilds: [{ id: ON_SHARD_1, unavailable: true }] });
    expect(((await zero.nextDispatch('GUILD_CREATE')).d as { id: string }).id).toBe(ON_SHARD_0);
    expect(((await one.nextDispatch('GUILD_CREATE')).d as { id: string }).id).toBe(ON_SHARD_1);
    await standin.waitForShards(2);

    // A channel created later in the shard-1 guild reaches shard 1 only.
    standin.addChannel(ON_SHARD_1, { name: 'later' });
    expect(((await one.nextDispatch('CHANNEL_CREATE')).d as { guild_id: string }).guild_id).toBe(ON_SHARD_1);

    standin.sendInteraction({ kind: 'chatInput', name: 'about', guildId: ON_SHARD_1 });
    standin.sendInteraction({ kind: 'chatInput', name: 'about', guildId: ON_SHARD_0 });
    standin.sendInteraction({ kind: 'chatInput', name: 'about', guildId: null });
    const toOne = await one.nextDispatch('INTERACTION_CREATE');
    expect((toOne.d as { guild_id?: string }).guild_id).toBe(ON_SHARD_1);
    const toZero = [await zero.nextDispatch('INTERACTION_CREATE'), await zero.nextDispatch('INTERACTION_CREATE')];
    expect(toZero.map((f) => (f.d as { guild_id?: string }).guild_id ?? 'dm')).toEqual([ON_SHARD_0, 'dm']);

    // Shard 0 saw none of shard 1's traffic: a heartbeat ACK is the next frame, not a CHANNEL_CREATE.
    zero.send({ op: 1, d: null });
    expect(await zero.next()).toEqual({ op: 11 });
    one.send({ op: 1, d: null });
    expect(await one.next()).toEqual({ op: 11 });
  });

  it('refuses an IDENTIFY sooner than 5 s after the last of its bucket with INVALID_SESSION; other buckets pass', async () => {
    await start({ identifyRateLimit: true, sessionStartLimit: { maxConcurrency: 2 } });
    const first = await open();
    first.identify([0, 4]);
    await first.nextDispatch('READY');
    const otherBucket = await open();
    otherBucket.identify([1, 4]); // 1 % 2: its own bucket
    await otherBucket.nextDispatch('READY');
    const sameBucket = await open();
    sameBucket.identify([2, 4]); // 2 % 2 = bucket 0, which identified just now
    expect(await sameBucket.next()).toEqual({ op: 9, d: false });
    expect(standin.stats()).toMatchObject({ identifies: 2, identifiesRateLimited: 1 });
    expect((await gatewayBot(standin)).session_start_limit.remaining).toBe(998);
  });

  it('past the daily session start limit closes every session with 4004, as a token reset does', async () => {
    await start({ sessionStartLimit: { total: 1, maxConcurrency: 2 } });
    const first = await open();
    first.identify([0, 2]);
    await first.nextDispatch('READY');
    const second = await open();
    second.identify([1, 2]);
    expect(await second.closed).toBe(4004);
    expect(await first.closed).toBe(4004);
    expect(standin.stats()).toMatchObject({ identifies: 1, sessionStartLimitExceeded: 1 });
    expect((await gatewayBot(standin)).session_start_limit.remaining).toBe(0);
  });

  it('two real discord.js shards identifying at once: the second is refused, retries and both end up with their own guild', async () => {
    await start({ identifyRateLimit: true, shards: 2 });
    const shardClient = (id: number) =>
      new Client({ intents: [GatewayIntentBits.Guilds], shards: id, shardCount: 2, rest: { api: standin.apiUrl } });
    const pair = [shardClient(0), shardClient(1)];
    clients.push(...pair);
    const ready = pair.map((c) => once(c, Events.ClientReady, { signal: AbortSignal.timeout(15_000) }));
    await Promise.all(pair.map((c) => c.login(TOKEN)));
    await Promise.all(ready);
    expect(pair.map((c) => [...c.guilds.cache.keys()])).toEqual([[ON_SHARD_0], [ON_SHARD_1]]);
    expect(standin.stats().identifiesRateLimited).toBeGreaterThanOrEqual(1);
    expect((await standin.waitForShards(2)).map((s) => s.shard)).toEqual([
      [0, 2],
      [1, 2],
    ]);
  }, 20_000);
});
