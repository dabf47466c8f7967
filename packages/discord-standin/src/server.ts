/**
 * Local Discord stand-in: a REST API + WebSocket gateway that the real discord.js v14 client logs in to,
 * with no access to discord.com. Used by end-to-end tests (the bot logs in with
 * DISCORD_API_URL=standin.apiUrl) and by the interactive sandbox.
 *
 * Quick start
 *   const standin = await startStandin();                    // random port on 127.0.0.1
 *   const guild = standin.addGuild({ name: 'Test', channels: [{ name: 'general' }, { name: 'news', type: 5 }] });
 *   const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: standin.apiUrl } });
 *   await client.login('any-token');                          // any "Bot <token>" is accepted and recorded
 *   await standin.waitForReady();                             // READY + every GUILD_CREATE sent
 *   const ix = standin.sendInteraction({ kind: 'chatInput', name: 'standings', options: { group: 'A' } });
 *   const callback = await ix.callback;                       // the body POSTed to /interactions/{id}/{token}/callback
 *   await ix.waitForOriginal((m) => m.content !== '');        // @original after deferReply + editReply
 *   standin.messages(channelId); standin.commands(guild.id); standin.requests; standin.unknownRoutes;
 *   standin.setBotPermissions(channelId, { deny: ['SendMessages'] });   // next channel.send → 403 50013
 *   standin.injectFault({ method: 'POST', pathPattern: '/channels/:id/messages', status: 429, retryAfterSeconds: 0.1 });
 *   await client.destroy(); await standin.close();             // destroy clients first, or they try to reconnect
 *
 * Interactions: sendInteraction takes a spec — { kind: 'chatInput' | 'autocomplete' | 'button' | 'select', … }
 * (see interaction-builders.ts) — or a payload from standin.build.*() that a test may tweak first. Option
 * types and ids come from the registered command when one exists. The handle exposes the callback body,
 * @original as it evolves, follow-ups and webhook edits.
 *
 * Gateway sessions: closeSessions(1000) makes discord.js reconnect and re-identify; note that
 * @discordjs/ws spaces identifies 5 s apart, so a reconnect test takes ~5–7 s.
 *
 * How discord.js reaches it: `rest.api` is the base; @discordjs/rest appends `/v10` + the route, so
 * requests arrive at /api/v10/... (recorded paths drop that prefix). The gateway URL comes from
 * GET /gateway/bot; @discordjs/ws connects to `${url}?v=10&encoding=json`. Compression: discord.js only
 * asks for zlib-stream when the optional zlib-sync package is installed; the stand-in always answers
 * with plain JSON text frames, which @discordjs/ws parses in every mode.
 *
 * Fidelity (what a bot test can rely on): Discord's error JSON and codes (10003, 10062, 40060, 50001,
 * 50006, 50013, 50035…), per-route X-RateLimit-* headers on every response, real 429 headers/bodies,
 * an optional global 50/s limit, enforce_nonce de-duplication, message/embed/command limits, permission
 * overwrites (the bot lacking Send Messages → 403 50013), the 3 s interaction deadline (10062), one
 * initial response per interaction (40060), "first follow-up after a defer fills the thinking message",
 * privileged intents refused (close 4014) unless allowed. Unknown routes → 404 {code: 0}, logged at warn
 * and kept in `unknownRoutes`, so a gap in the stand-in never hides silently.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIApplicationCommand, APIMessage } from 'discord-api-types/v10';
import { pino, type Logger } from 'pino';
import { CommandStore } from './command-store.js';
import { FaultInjector, type FaultHandle, type FaultSpec } from './faults.js';
import { Gateway, type GatewaySession } from './gateway.js';
import { SessionStartLimiter, type SessionStartLimitOptions } from './gateway-limits.js';
import { buildInteraction, type AutocompleteSpec, type ButtonSpec, type ChatInputSpec, type InteractionSpec, type SelectSpec } from './interaction-builders.js';
import { InteractionRegistry, type InteractionHandle, type InteractionRecord } from './interactions.js';
import { MessageStore } from './messages.js';
import { compilePathPattern, type PathPattern } from './pattern.js';
import { toBits, type PermissionInput } from './permissions.js';
import { GlobalRateLimiter, RouteRateLimiter, type BucketLimit, type RouteLimitRule } from './rate-limits.js';
import { handleRest, type RestPipeline, type UnknownRoute } from './rest-server.js';
import { Router } from './router.js';
import { allRoutes } from './routes/index.js';
import { createSnowflakeGenerator } from './snowflake.js';
import { StandinState } from './state.js';
import type { ChannelRecord, ChannelSpec, GuildRecord, GuildSpec, Json, MemberRecord, OverwriteSpec, RecordedRequest, RoleRecord, UserRecord } from './types.js';
import { waitFor } from './wait-for.js';
import { newStats, type StandinStats, type World } from './world.js';

// The public types, re-exported by index.ts (the package entry point).
export type { AutocompleteSpec, ButtonSpec, ChatInputSpec, InteractionSpec, SelectSpec } from './interaction-builders.js';
export type { InteractionCallbackBody, InteractionHandle, InteractionRecord, WebhookEdit } from './interactions.js';
export type { FaultHandle, FaultSpec } from './faults.js';
export type { GatewaySession } from './gateway.js';
export type { SessionStartLimitOptions } from './gateway-limits.js';
export type { UnknownRoute } from './rest-server.js';
export type { StandinStats } from './world.js';
export type { ChannelRecord, ChannelSpec, GuildRecord, GuildSpec, OverwriteSpec, RecordedRequest, UserRecord } from './types.js';
export { Permission, type PermissionInput, type PermissionName } from './permissions.js';

export interface StandinOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default: pino at level STANDIN_LOG_LEVEL or 'warn', to stderr. Tokens are never logged. */
  log?: Logger;
  /** Requests per second per bot token before a global 429 (Discord: 50). null/undefined = off. */
  globalRateLimit?: number | null;
  /** Bucket size for every route (default 50 per 1 s, generous enough never to slow a test). */
  routeRateLimit?: BucketLimit;
  /** Per-route overrides, e.g. { method: 'POST', pathPattern: '/channels/:id/messages', limit: 5, windowSeconds: 5 }. */
  routeRateLimits?: readonly RouteLimitRule[];
  /** Accept only these bot tokens (others: REST 401, gateway close 4004). Default: any token. */
  validTokens?: readonly string[];
  /** The application id (also the bot user id). Default: a fresh snowflake. */
  applicationId?: string;
  botUsername?: string;
  /** HELLO heartbeat_interval (Discord: 41250). */
  heartbeatIntervalMs?: number;
  /** Let IDENTIFY request GuildMembers/GuildPresences/MessageContent (default false → close 4014). */
  allowPrivilegedIntents?: boolean;
  /** enforce_nonce memory (default 5 minutes). */
  nonceWindowMs?: number;
  /** Deadline for the initial interaction response (default 3000 ms, as Discord). */
  interactionDeadlineMs?: number;
  /** Follow-ups/edits allowed this long after the interaction (default 15 minutes). */
  interactionTokenLifetimeMs?: number;
  /** How long `InteractionHandle.callback` waits before rejecting (default deadline + 2000 ms). */
  callbackTimeoutMs?: number;
  /** Guilds created before the server starts. */
  guilds?: readonly GuildSpec[];
  /** `shards` in GET /gateway/bot: the shard count Discord recommends (default 1). */
  shards?: number;
  /** `session_start_limit` (default total 1,000, a 24 h window, max_concurrency 1). */
  sessionStartLimit?: SessionStartLimitOptions;
  /**
   * Refuse an IDENTIFY sooner than `identifyIntervalMs` (Discord: 5,000) after the last one of its
   * bucket (`shard_id % max_concurrency`) with INVALID_SESSION, as Discord does. Default false: a test
   * that restarts a bot at once would otherwise wait 5 s for the retry.
   */
  identifyRateLimit?: boolean;
  /** Default 5000. */
  identifyIntervalMs?: number;
  /** Guilds one session may be routed before close 4011 Sharding required (Discord: 2,500). */
  maxGuildsPerSession?: number;
  /** Large bot sharding: an IDENTIFY whose shard count is not a multiple of this closes with 4010. */
  shardCountMultipleOf?: number;
}

/** The payload builders behind sendInteraction, for tests that want to tweak a payload first. */
export interface InteractionBuilders {
  chatInput(spec: Omit<ChatInputSpec, 'kind'>): Json;
  autocomplete(spec: Omit<AutocompleteSpec, 'kind'>): Json;
  button(spec: Omit<ButtonSpec, 'kind'>): Json;
  select(spec: Omit<SelectSpec, 'kind'>): Json;
}

export interface Standin {
  /** What the bot takes as DISCORD_API_URL / `rest.api`, e.g. http://127.0.0.1:PORT/api. */
  readonly apiUrl: string;
  /** ws://127.0.0.1:PORT/gateway (what GET /gateway/bot returns). */
  readonly gatewayUrl: string;
  readonly port: number;
  readonly application: { readonly id: string; readonly name: string };
  readonly bot: UserRecord;
  /** The default interaction invoker (a plain member of every guild). */
  readonly tester: UserRecord;
  /** The default owner of every guild (a human, never the bot). */
  readonly owner: UserRecord;
  /** Every REST request, in arrival order (live array). */
  readonly requests: readonly RecordedRequest[];
  /** Requests no route matched (also logged at warn). */
  readonly unknownRoutes: readonly UnknownRoute[];
  /** Bot tokens seen on REST and in IDENTIFY. */
  readonly tokens: ReadonlySet<string>;
  /** Gateway connections, oldest first (intents, shard, heartbeats, close code…). */
  readonly sessions: readonly GatewaySession[];
  /** Escape hatch to the full state (users, guilds, channels maps). */
  readonly state: StandinState;
  readonly build: InteractionBuilders;

  addGuild(spec?: GuildSpec): GuildRecord;
  /** GUILD_DELETE; `unavailable: true` models an outage instead of a removal. */
  removeGuild(guildId: string, opts?: { unavailable?: boolean }): void;
  addChannel(guildId: string, spec: ChannelSpec): ChannelRecord;
  deleteChannel(channelId: string): void;
  /** Replace a channel's permission overwrites (CHANNEL_UPDATE is dispatched). */
  setChannelPermissions(channelId: string, overwrites: readonly OverwriteSpec[]): void;
  /** A member overwrite for the bot in one channel, e.g. { deny: ['SendMessages'] } → posting gets 403 50013. */
  setBotPermissions(channelId: string, overwrite: { allow?: PermissionInput; deny?: PermissionInput }): void;
  /** The permissions of the bot's managed role in a guild. */
  setBotGuildPermissions(guildId: string, permissions: PermissionInput): void;
  addUser(spec: { id?: string; username: string; globalName?: string | null; bot?: boolean }): UserRecord;
  addRole(guildId: string, spec: { id?: string; name: string; permissions?: PermissionInput; mentionable?: boolean }): RoleRecord;
  addMember(guildId: string, userId: string, roleIds?: readonly string[]): MemberRecord;
  channel(channelId: string): ChannelRecord | undefined;
  channelByName(guildId: string, name: string): ChannelRecord | undefined;
  /** Permissions of a user (default: the bot) in a channel, overwrites included. */
  permissionsIn(channelId: string, userId?: string): bigint;

  /** Non-ephemeral messages of a channel, oldest first (bot posts and interaction replies; the latter have webhook_id). */
  messages(channelId: string): APIMessage[];
  /** Registered commands: global when guildId is omitted. */
  commands(guildId?: string): APIApplicationCommand[];
  /** Recorded requests filtered by method and/or path pattern (see pattern.ts). */
  requestsTo(method?: string, pathPattern?: PathPattern): RecordedRequest[];
  stats(): StandinStats;

  /** Dispatch INTERACTION_CREATE to the connected bot. Takes a spec ({ kind: 'chatInput', … }) or a built payload. */
  sendInteraction(input: InteractionSpec | Json): InteractionHandle;
  interactions(): readonly InteractionRecord[];

  injectFault(spec: FaultSpec): FaultHandle;
  clearFaults(): void;

  /** Resolves once a bot session is identified and has received every GUILD_CREATE. */
  waitForReady(timeoutMs?: number): Promise<GatewaySession>;
  /** Resolves once every shard 0…shardCount-1 of that count has a live, ready session (one per shard, by id). */
  waitForShards(shardCount: number, timeoutMs?: number): Promise<GatewaySession[]>;
  /** Resolves with the first truthy value of `check` (re-checked on every state change). */
  waitFor<T>(check: () => T | undefined | null | false, timeoutMs?: number, what?: string): Promise<T>;
  closeSessions(code?: number): void;
  requestReconnect(): void;
  close(): Promise<void>;
}

const isSpec = (input: InteractionSpec | Json): input is InteractionSpec => typeof (input as { kind?: unknown }).kind === 'string';

function defaultLogger(): Logger {
  return pino({ name: 'standin', level: process.env.STANDIN_LOG_LEVEL ?? 'warn' }, pino.destination(2));
}

export async function startStandin(opts: StandinOptions = {}): Promise<Standin> {
  const host = opts.host ?? '127.0.0.1';
  const log = opts.log ?? defaultLogger();
  const state = new StandinState({ snowflake: createSnowflakeGenerator(), applicationId: opts.applicationId, botUsername: opts.botUsername });
  const deadline = opts.interactionDeadlineMs ?? 3000;
  const validTokens = opts.validTokens ? new Set(opts.validTokens) : null;
  let port = 0;
  const stats = newStats();
  const interactions = new InteractionRegistry(state, opts.callbackTimeoutMs ?? deadline + 2000);
  const world: World = {
    state,
    messages: new MessageStore(state),
    commands: new CommandStore(state),
    interactions,
    settings: {
      nonceWindowMs: opts.nonceWindowMs ?? 5 * 60_000,
      interactionDeadlineMs: deadline,
      interactionTokenLifetimeMs: opts.interactionTokenLifetimeMs ?? 15 * 60_000,
    },
    stats,
    sessionStarts: new SessionStartLimiter({
      recommendedShards: opts.shards ?? 1,
      sessionStartLimit: {
        total: opts.sessionStartLimit?.total ?? 1000,
        resetAfterMs: opts.sessionStartLimit?.resetAfterMs ?? 86_400_000,
        maxConcurrency: opts.sessionStartLimit?.maxConcurrency ?? 1,
      },
      identifyIntervalMs: opts.identifyRateLimit ? (opts.identifyIntervalMs ?? 5000) : null,
      maxGuildsPerSession: opts.maxGuildsPerSession ?? 2500,
      shardCountMultipleOf: opts.shardCountMultipleOf ?? null,
    }),
    log,
    baseUrl: () => `http://${host}:${port}`,
    gatewayUrl: () => `ws://${host}:${port}/gateway`,
  };
  const pipeline: RestPipeline = {
    world,
    router: new Router(allRoutes),
    faults: new FaultInjector(),
    routeLimiter: new RouteRateLimiter(opts.routeRateLimit ?? { limit: 50, windowSeconds: 1 }, opts.routeRateLimits ?? []),
    globalLimiter: opts.globalRateLimit ? new GlobalRateLimiter(opts.globalRateLimit) : null,
    validTokens,
    requests: [],
    unknownRoutes: [],
    tokens: new Set(),
  };
  const gateway = new Gateway(world, {
    heartbeatIntervalMs: opts.heartbeatIntervalMs ?? 41_250,
    validTokens,
    allowPrivilegedIntents: opts.allowPrivilegedIntents ?? false,
  });
  for (const guild of opts.guilds ?? []) state.addGuild(guild);

  const server: Server = createServer((req, res) => {
    handleRest(pipeline, req, res).catch((err: unknown) => log.error({ err }, 'stand-in: request failed'));
  });
  server.on('upgrade', (req, socket, head) => gateway.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  log.info({ apiUrl: `${world.baseUrl()}/api` }, 'stand-in listening');

  const builderContext = {
    state,
    commands: world.commands,
    findMessage: (id: string) => world.messages.findAnywhere(id) ?? interactions.findMessage(id),
  };
  const build = (spec: InteractionSpec) => buildInteraction(builderContext, spec).payload;
  const tokens = new Set<string>();
  const allTokens = () => {
    for (const t of pipeline.tokens) tokens.add(t);
    for (const s of gateway.sessions) if (s.token) tokens.add(s.token);
    return tokens;
  };
  let closed = false;

  return {
    apiUrl: `${world.baseUrl()}/api`,
    gatewayUrl: world.gatewayUrl(),
    port,
    application: state.application,
    bot: state.bot,
    tester: state.tester,
    owner: state.owner,
    requests: pipeline.requests,
    unknownRoutes: pipeline.unknownRoutes,
    get tokens() {
      return allTokens();
    },
    sessions: gateway.sessions,
    state,
    build: {
      chatInput: (spec) => build({ ...spec, kind: 'chatInput' }),
      autocomplete: (spec) => build({ ...spec, kind: 'autocomplete' }),
      button: (spec) => build({ ...spec, kind: 'button' }),
      select: (spec) => build({ ...spec, kind: 'select' }),
    },

    addGuild: (spec) => state.addGuild(spec),
    removeGuild: (guildId, o) => state.removeGuild(guildId, o),
    addChannel: (guildId, spec) => state.addChannel(guildId, spec),
    deleteChannel: (id) => state.deleteChannel(id),
    setChannelPermissions: (id, overwrites) => state.setChannelOverwrites(id, overwrites),
    setBotPermissions: (id, o) => state.putChannelOverwrite(id, { id: state.bot.id, type: 'member', ...o }),
    setBotGuildPermissions: (guildId, permissions) =>
      state.setRolePermissions(guildId, state.guild(guildId).botRoleId, toBits(permissions)),
    addUser: (spec) => state.addUser(spec),
    addRole: (guildId, spec) => state.addRole(guildId, { ...spec, permissions: toBits(spec.permissions) }),
    addMember: (guildId, userId, roleIds) => state.addMember(guildId, userId, roleIds),
    channel: (id) => state.channels.get(id),
    channelByName: (guildId, name) => state.channelByName(guildId, name),
    permissionsIn: (channelId, userId) => state.permissionsIn(channelId, userId ?? state.bot.id),

    messages: (channelId) => world.messages.list(channelId),
    commands: (guildId) => world.commands.list(guildId ?? null),
    requestsTo: (method, pathPattern) => {
      const matches = pathPattern === undefined ? () => true : compilePathPattern(pathPattern);
      return pipeline.requests.filter((r) => (!method || r.method === method.toUpperCase()) && matches(r.path));
    },
    stats: () => structuredClone(stats),

    sendInteraction: (input) => {
      const built = isSpec(input)
        ? buildInteraction(builderContext, input)
        : { payload: input, sourceMessage: (input.message as APIMessage | undefined) ?? null };
      const handle = interactions.register(built.payload, built.sourceMessage);
      gateway.dispatchInteraction(built.payload);
      return handle;
    },
    interactions: () => interactions.all(),

    injectFault: (spec) => pipeline.faults.inject(spec),
    clearFaults: () => pipeline.faults.clear(),

    waitForReady: (timeoutMs = 10_000) =>
      waitFor(state.events, () => gateway.sessions.find((s) => s.ready && !s.closed), timeoutMs, 'a ready gateway session'),
    waitForShards: (shardCount, timeoutMs = 15_000) =>
      waitFor(
        state.events,
        () => {
          const live = gateway.sessions.filter((s) => s.ready && !s.closed && s.shard[1] === shardCount);
          const byId = Array.from({ length: shardCount }, (_, id) => live.findLast((s) => s.shard[0] === id));
          return byId.every((s) => s !== undefined) ? (byId as GatewaySession[]) : undefined;
        },
        timeoutMs,
        `a ready session for each of ${shardCount} shards`,
      ),
    waitFor: (check, timeoutMs = 5000, what) => waitFor(state.events, check, timeoutMs, what),
    closeSessions: (code) => gateway.closeSessions(code),
    requestReconnect: () => gateway.requestReconnect(),
    close: async () => {
      if (closed) return;
      closed = true;
      interactions.rejectAll('stand-in closed');
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
