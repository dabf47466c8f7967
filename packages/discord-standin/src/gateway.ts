/**
 * The WebSocket gateway (events/gateway.mdx), JSON encoding, text frames, no compression:
 * HELLO → IDENTIFY → READY (guilds unavailable) → one GUILD_CREATE per guild (Guilds intent),
 * heartbeats ACKed, RESUME answered with INVALID_SESSION(false) so the client re-identifies,
 * dispatches carry increasing sequence numbers. Stays text even if the client asked for
 * zlib-stream: @discordjs/ws parses text frames as plain JSON whatever it negotiated.
 * Shards: IDENTIFY's `shard: [id, n]` is checked as Discord does (gateway-limits.ts: 4010, 4011, the
 * identify rate, the daily session start limit); a session gets only the guilds, events and
 * interactions of its shard, `(guild_id >> 22) % n`, and events without a guild go to shard 0.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { checkShard } from './gateway-limits.js';
import { guildCreateObject, userObject } from './serialize.js';
import { shardForGuild } from './snowflake.js';
import { GUILDS_INTENT, type DispatchEvent } from './state.js';
import type { Json } from './types.js';
import type { World } from './world.js';

/** GUILD_MEMBERS, GUILD_PRESENCES, MESSAGE_CONTENT: refused unless enabled (Discord: close 4014). */
export const PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15);

const Op = { Dispatch: 0, Heartbeat: 1, Identify: 2, Presence: 3, Voice: 4, Resume: 6, Reconnect: 7, RequestMembers: 8, InvalidSession: 9, Hello: 10, HeartbeatAck: 11 } as const;

export interface GatewaySession {
  /** Connection number (1, 2, …); `sessionId` is Discord's session_id once identified. */
  connection: number;
  sessionId: string | null;
  /** Raw token from IDENTIFY. */
  token: string | null;
  intents: number | null;
  shard: [number, number];
  properties: Json | null;
  query: { v: string | null; encoding: string | null; compress: string | null };
  identifiedAt: number | null;
  /** READY and every GUILD_CREATE have been sent. */
  ready: boolean;
  closed: boolean;
  closeCode: number | null;
  seq: number;
  heartbeats: number;
  /** Opcodes received, in order (handy to assert a RESUME or presence update happened). */
  received: number[];
}

export interface GatewayOptions {
  heartbeatIntervalMs: number;
  validTokens: ReadonlySet<string> | null;
  allowPrivilegedIntents: boolean;
}

export class Gateway {
  readonly sessions: GatewaySession[] = [];
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Map<GatewaySession, WebSocket>();

  constructor(
    private readonly world: World,
    private readonly opts: GatewayOptions,
  ) {
    world.state.events.on('dispatch', (event: DispatchEvent) => this.broadcast(event));
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req));
  }

  private accept(ws: WebSocket, req: IncomingMessage): void {
    const url = new URL(req.url ?? '/', 'http://standin.local');
    const session: GatewaySession = {
      connection: this.sessions.length + 1,
      sessionId: null,
      token: null,
      intents: null,
      shard: [0, 1],
      properties: null,
      query: { v: url.searchParams.get('v'), encoding: url.searchParams.get('encoding'), compress: url.searchParams.get('compress') },
      identifiedAt: null,
      ready: false,
      closed: false,
      closeCode: null,
      seq: 0,
      heartbeats: 0,
      received: [],
    };
    this.sessions.push(session);
    this.sockets.set(session, ws);
    ws.on('message', (data) => this.onMessage(session, ws, String(data)));
    ws.on('close', (code) => {
      session.closed = true;
      session.closeCode = code;
      this.sockets.delete(session);
      this.world.state.changed();
    });
    ws.on('error', (err) => this.world.log.warn({ err }, 'stand-in gateway: socket error'));
    if (session.query.encoding && session.query.encoding !== 'json') {
      this.world.log.warn({ encoding: session.query.encoding }, 'stand-in gateway: only encoding=json is supported');
    }
    this.send(ws, { op: Op.Hello, d: { heartbeat_interval: this.opts.heartbeatIntervalMs, _trace: ['["standin-gateway",{}]'] }, s: null, t: null });
    this.world.state.changed();
  }

  private send(ws: WebSocket, payload: Json): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(payload));
  }

  private dispatchTo(session: GatewaySession, t: string, d: unknown): void {
    const ws = this.sockets.get(session);
    if (!ws) return;
    session.seq += 1;
    this.send(ws, { op: Op.Dispatch, t, s: session.seq, d });
  }

  private onMessage(session: GatewaySession, ws: WebSocket, text: string): void {
    let payload: { op?: unknown; d?: unknown };
    try {
      payload = JSON.parse(text) as { op?: unknown; d?: unknown };
    } catch {
      ws.close(4002, 'Error while decoding payload.');
      return;
    }
    const op = Number(payload.op);
    session.received.push(op);
    if (op === Op.Heartbeat) {
      session.heartbeats += 1;
      this.send(ws, { op: Op.HeartbeatAck });
      return;
    }
    if (op === Op.Identify) return this.identify(session, ws, (payload.d ?? {}) as Json);
    if (op === Op.Resume) {
      // Sessions are not kept: tell the client to start over, which it does with a fresh IDENTIFY.
      this.world.stats.resumes += 1;
      this.send(ws, { op: Op.InvalidSession, d: false });
      return;
    }
    if (!session.identifiedAt) {
      ws.close(4003, 'Not authenticated.');
      return;
    }
    if (op === Op.Presence || op === Op.Voice || op === Op.RequestMembers) return;
    ws.close(4001, 'Unknown opcode.');
  }

  private identify(session: GatewaySession, ws: WebSocket, d: Json): void {
    const { state, stats } = this.world;
    if (session.identifiedAt) {
      ws.close(4005, 'Already authenticated.');
      return;
    }
    const token = typeof d.token === 'string' ? d.token.replace(/^Bot\s+/, '') : '';
    if (!token || (this.opts.validTokens && !this.opts.validTokens.has(token))) {
      ws.close(4004, 'Authentication failed.');
      return;
    }
    const intents = typeof d.intents === 'number' ? d.intents : NaN;
    if (!Number.isInteger(intents) || intents < 0) {
      ws.close(4013, 'Invalid intent(s).');
      return;
    }
    if (!this.opts.allowPrivilegedIntents && intents & PRIVILEGED_INTENTS) {
      ws.close(4014, 'Disallowed intent(s).');
      return;
    }
    const guildsFor = (id: number, count: number) => [...state.guilds.values()].filter((g) => shardForGuild(g.id, count) === id).length;
    const shardCheck = checkShard(d.shard, guildsFor, this.world.sessionStarts.opts);
    if (!shardCheck.ok) {
      ws.close(shardCheck.code, shardCheck.reason);
      return;
    }
    const [shardId, shardCount] = shardCheck.shard;
    const admitted = this.world.sessionStarts.admit(shardId, Date.now());
    if (admitted === 'rateLimited') {
      // Discord's answer to an IDENTIFY faster than max_concurrency per 5 s: no session, identify again later.
      stats.identifiesRateLimited += 1;
      this.send(ws, { op: Op.InvalidSession, d: false });
      return;
    }
    if (admitted === 'exhausted') {
      // Past the daily session start limit Discord ends every session and resets the token.
      stats.sessionStartLimitExceeded += 1;
      this.closeSessions(4004, 'Authentication failed.');
      ws.close(4004, 'Authentication failed.');
      return;
    }
    stats.identifies += 1;
    Object.assign(session, {
      sessionId: randomBytes(16).toString('hex'),
      token,
      intents,
      shard: [shardId, shardCount],
      properties: (d.properties ?? null) as Json | null,
      identifiedAt: Date.now(),
    });
    const guilds = [...state.guilds.values()].filter((g) => shardForGuild(g.id, shardCount) === shardId);
    this.dispatchTo(session, 'READY', {
      v: 10,
      user_settings: {},
      user: { ...userObject(state.bot), bot: true, verified: true, mfa_enabled: false, email: null },
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.sessionId,
      session_type: 'normal',
      resume_gateway_url: this.world.gatewayUrl(),
      shard: [shardId, shardCount],
      application: { id: state.application.id, flags: state.application.flags },
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      _trace: ['["standin-gateway",{}]'],
    });
    if (intents & GUILDS_INTENT) {
      for (const guild of guilds) this.dispatchTo(session, 'GUILD_CREATE', guildCreateObject(state, guild));
    }
    session.ready = true;
    state.changed();
  }

  private live(): GatewaySession[] {
    return this.sessions.filter((s) => s.ready && !s.closed);
  }

  private covers(session: GatewaySession, guildId: string | null): boolean {
    const [id, count] = session.shard;
    return guildId === null ? id === 0 : shardForGuild(guildId, count) === id;
  }

  private broadcast(event: DispatchEvent): void {
    for (const session of this.live()) {
      if (!this.covers(session, event.guildId)) continue;
      if (event.intent !== null && !((session.intents ?? 0) & event.intent)) continue;
      this.dispatchTo(session, event.t, event.d);
    }
  }

  /** INTERACTION_CREATE goes to one session only (the newest live one for the guild's shard), as on Discord. */
  dispatchInteraction(payload: Json): GatewaySession {
    const guildId = typeof payload.guild_id === 'string' ? payload.guild_id : null;
    const target = this.live()
      .filter((s) => this.covers(s, guildId))
      .at(-1);
    if (!target) throw new Error('stand-in: no bot is connected to the gateway yet (await standin.waitForReady())');
    this.dispatchTo(target, 'INTERACTION_CREATE', payload);
    this.world.stats.interactionsDispatched += 1;
    return target;
  }

  /** Ask every live client to reconnect (op 7), as Discord does before maintenance. */
  requestReconnect(): void {
    for (const [, ws] of this.sockets) this.send(ws, { op: Op.Reconnect, d: null });
  }

  /** Close every connection with `code` (1000 by default: the client reconnects and re-identifies). */
  closeSessions(code = 1000, reason = 'stand-in closed the session'): void {
    for (const [, ws] of this.sockets) ws.close(code, reason);
  }

  async close(): Promise<void> {
    for (const [, ws] of this.sockets) ws.terminate();
    this.sockets.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
