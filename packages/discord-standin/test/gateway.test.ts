/** The gateway protocol, driven with a bare `ws` client. */
import { once } from 'node:events';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Standin } from '../src/server.js';
import { startQuietStandin } from './harness.js';

interface Frame {
  op: number;
  d: unknown;
  s?: number | null;
  t?: string | null;
}

/** A gateway client that queues frames so a test can take them in order. */
async function connect(url: string) {
  const ws = new WebSocket(`${url}?v=10&encoding=json`);
  const frames: Frame[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (data) => {
    frames.push(JSON.parse(String(data)) as Frame);
    waiters.splice(0).forEach((w) => w());
  });
  await once(ws, 'open');
  const next = async (): Promise<Frame> => {
    while (frames.length === 0) await new Promise<void>((resolve) => waiters.push(resolve));
    return frames.shift() as Frame;
  };
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  return { ws, next, closed, send: (frame: unknown) => ws.send(JSON.stringify(frame)) };
}

const identify = (intents: number, token = 'gw-token') => ({
  op: 2,
  d: { token, intents, properties: { os: 'linux', browser: 'test', device: 'test' }, shard: [0, 1] },
});

describe('the stand-in gateway', () => {
  let standin: Standin;
  let guildIds: string[];

  beforeAll(async () => {
    standin = await startQuietStandin({ heartbeatIntervalMs: 1234, validTokens: ['gw-token'] });
    guildIds = [standin.addGuild({ name: 'One' }).id, standin.addGuild({ name: 'Two' }).id];
  });

  afterAll(async () => {
    await standin?.close();
  });

  it('says HELLO, ACKs heartbeats, then READY and one GUILD_CREATE per guild with sequence numbers', async () => {
    const gw = await connect(standin.gatewayUrl);
    expect(await gw.next()).toMatchObject({ op: 10, d: { heartbeat_interval: 1234 } });
    gw.send({ op: 1, d: null });
    expect(await gw.next()).toEqual({ op: 11 });

    gw.send(identify(1));
    const ready = await gw.next();
    expect(ready).toMatchObject({
      op: 0,
      t: 'READY',
      s: 1,
      d: {
        v: 10,
        user: { id: standin.bot.id, bot: true },
        guilds: guildIds.map((id) => ({ id, unavailable: true })),
        resume_gateway_url: standin.gatewayUrl,
        application: { id: standin.application.id },
      },
    });
    expect((ready.d as { session_id: string }).session_id).toMatch(/^[0-9a-f]{32}$/);
    const creates = [await gw.next(), await gw.next()];
    expect(creates.map((f) => [f.t, f.s, (f.d as { id: string }).id])).toEqual([
      ['GUILD_CREATE', 2, guildIds[0]],
      ['GUILD_CREATE', 3, guildIds[1]],
    ]);
    const guild = creates[0]?.d as { members: { user: { id: string } }[]; channels: unknown[]; roles: unknown[] };
    expect(guild.members.map((m) => m.user.id)).toEqual([standin.bot.id]);
    expect(guild.channels).toHaveLength(1);
    expect(guild.roles).toHaveLength(2);
    gw.ws.close();
  });

  it('answers RESUME with INVALID_SESSION(false)', async () => {
    const gw = await connect(standin.gatewayUrl);
    await gw.next();
    gw.send({ op: 6, d: { token: 'gw-token', session_id: 'old', seq: 5 } });
    expect(await gw.next()).toEqual({ op: 9, d: false });
    gw.ws.close();
  });

  it.each([
    ['a privileged intent (MessageContent)', identify(1 | (1 << 15)), 4014],
    ['a wrong token', identify(1, 'other-token'), 4004],
    ['a presence update before IDENTIFY', { op: 3, d: {} }, 4003],
    ['an unknown opcode', { op: 99, d: null }, 4003],
  ])('closes the connection on %s', async (_label, frame, code) => {
    const gw = await connect(standin.gatewayUrl);
    await gw.next();
    gw.send(frame);
    expect(await gw.closed).toBe(code);
  });

  it('skips GUILD_CREATE when the Guilds intent is missing', async () => {
    const gw = await connect(standin.gatewayUrl);
    await gw.next();
    gw.send(identify(0));
    expect((await gw.next()).t).toBe('READY');
    // The next frame is the heartbeat ACK, not a GUILD_CREATE.
    gw.send({ op: 1, d: 1 });
    expect(await gw.next()).toEqual({ op: 11 });
    gw.ws.close();
  });
});
