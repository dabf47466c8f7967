// SHARDS=auto|N: the process that runs the bot as one process per gateway shard, with discord.js's
// ShardingManager. Before any shard starts, it does once what every shard would otherwise race for:
// migrate the database and import the season file, and sync the application commands. Then it spawns
// the shards by identify bucket (Discord: `max_concurrency` shards per 5 s) and relays their IPC
// (/about's totals). Shards attach to the database without migrating; only shard 0 dispatches
// announcements (on SQLite one process may: the dispatcher lease refuses a second). With HTTP_PORT the
// manager serves /healthz and /metrics for the whole bot, asking each shard over IPC (observability/).
import { setTimeout as sleep } from 'node:timers/promises';
import { REST, Routes, ShardingManager, type RESTGetAPIGatewayBotResult, type Shard } from 'discord.js';
import type { Config, ShardsConfig } from './config.js';
import { openStore } from './db/store/index.js';
import type { Command } from './discord/commands/types.js';
import { editorCommands } from './discord/commands/index.js';
import { syncAllCommands } from './discord/sync.js';
import type { Logger } from './log.js';
import type { ManagerObservability } from './observability/manager.js';
import { openSeasonStore, openServedSeasons } from './season-store.js';

/** Discord's identify window: `max_concurrency` shards may identify per 5 s; a little margin on top. */
const IDENTIFY_WINDOW_MS = 5_500;
/** How long a shard may take from spawn to a ready gateway session. */
const SHARD_READY_TIMEOUT_MS = 60_000;

export interface ShardManagerDeps {
  readonly log: Logger;
  readonly commands: readonly Command[];
  /** The JavaScript file each shard process runs: the bot's own entry (dist/index.js, or src/ under tsx). */
  readonly entryFile: string;
  /** Node flags for the shard processes (the manager's own, so a tsx loader carries over). */
  readonly execArgv?: readonly string[];
  /** A shard exited with a code that says only an operator can fix it (a rejected token): stop everything. */
  readonly onShardFatal: (shardId: number, exitCode: number) => void;
  /** Exit codes of a shard that must not be respawned (EX_CONFIG). */
  readonly fatalExitCodes: readonly number[];
}

export interface RunningShardManager {
  readonly shardCount: number;
  readonly manager: ShardingManager;
  /** The port of the manager's /healthz and /metrics (HTTP_PORT=0 picks one); null without HTTP_PORT. */
  readonly httpPort: number | null;
  /** Stops respawning, SIGTERMs every shard (each stops in order) and waits for them to exit. */
  stop(): Promise<void>;
}

/**
 * The order shards start in: buckets of `max_concurrency` consecutive ids (each id of a bucket has its
 * own rate limit key, `shard_id % max_concurrency`), a bucket once the one before is ready and 5 s on.
 */
export const spawnPlan = (shardCount: number, maxConcurrency: number): number[][] => {
  const perBucket = Math.max(1, maxConcurrency);
  const plan: number[][] = [];
  for (let first = 0; first < shardCount; first += perBucket) {
    plan.push(Array.from({ length: Math.min(perBucket, shardCount - first) }, (_, i) => first + i));
  }
  return plan;
};

/** What a shard that does not dispatch announcements keeps for its own bot-token requests (a test post, a channel check). */
const NON_DISPATCHER_REST_SHARE = 2;

/**
 * Each shard's part of the bot's REST budget on this host: Discord's global limit counts every process
 * of the bot together, and each process's @discordjs/rest only sees its own requests. On SQLite only
 * shard 0 dispatches announcements, so it gets the budget less a small reserve for each other shard
 * (interaction replies are not counted by Discord and skip the budget). At least 1 each.
 */
export const restShareFor = (restRequestsPerSecond: number, shardCount: number, shardId = 0): number => {
  const others = Math.max(0, shardCount - 1);
  if (others === 0) return restRequestsPerSecond;
  const reserve = Math.max(1, Math.min(NON_DISPATCHER_REST_SHARE, Math.floor(restRequestsPerSecond / (2 * others))));
  return shardId === 0 ? Math.max(1, restRequestsPerSecond - reserve * others) : reserve;
};

/** The shard count and identify concurrency Discord gives this bot (GET /gateway/bot). */
const fetchGatewayBot = (rest: REST): Promise<RESTGetAPIGatewayBotResult> => rest.get(Routes.gatewayBot()) as Promise<RESTGetAPIGatewayBotResult>;

export const startShardManager = async (
  config: Config & { shards: Extract<ShardsConfig, { mode: 'manager' }> },
  deps: ShardManagerDeps,
): Promise<RunningShardManager> => {
  const log = deps.log.child({ component: 'shard-manager' });

  // 1. How many shards, and how many may identify at once: asked first, so a rejected token or a
  //    spent session start limit stops the start before the database is touched.
  const rest = new REST({ version: '10', ...(config.apiUrl ? { api: config.apiUrl } : {}) }).setToken(config.token);
  const gateway = await fetchGatewayBot(rest);
  const shardCount = config.shards.count === 'auto' ? gateway.shards : config.shards.count;
  const { remaining, max_concurrency: maxConcurrency, reset_after: resetAfterMs } = gateway.session_start_limit;
  if (remaining < shardCount) {
    // Starting anyway would spend the rest of the day's logins and then wait; say so instead.
    throw new Error(
      `Discord allows ${remaining} more session starts before its daily limit resets in ${Math.ceil(resetAfterMs / 60_000)} min, ` +
        `and ${shardCount} shards need one each. Start again after the reset.`,
    );
  }

  // 2. Migrate and import once; shards only attach (shard-store.ts). A failure throws before any shard exists.
  if (config.databaseUrl === null) {
    const store = openSeasonStore({ databasePath: config.databasePath, seasonFiles: config.seasonFiles, log });
    const data = store.dataVersion();
    store.close();
    log.info({ migrated: store.migrated, imported: store.imported, data: data && { hash: data.hash.slice(0, 12) } }, 'database ready for shards');
  } else {
    const opened = await openStore({ databaseUrl: config.databaseUrl, databasePath: config.databasePath, log, applicationName: 'caf-confed-bot manager' });
    try {
      const served = await openServedSeasons({ engine: 'pg', data: opened.store.data, editing: opened.store.editing, seasonFiles: config.seasonFiles, log, migrated: opened.migrated });
      const data = served.dataVersion();
      log.info({ database: opened.describe, migrated: served.migrated, imported: served.imported, data: data && { hash: data.hash.slice(0, 12) } }, 'database ready for shards');
    } finally {
      await opened.close();
    }
  }

  // 3. Commands: synced here, once for every shard (a shard never syncs).
  try {
    // /edit goes to the editor server only (EDITOR_GUILD_ID): its definition needs no editing service.
    await syncAllCommands({
      rest,
      applicationId: config.applicationId,
      guildId: config.guildId,
      commands: deps.commands,
      editorCommands: editorCommands({ editing: null, editors: config.editors }),
      editorGuildId: config.editors?.guildId ?? null,
      log,
    });
  } catch (err) {
    // Not fatal: the commands registered last time keep working; `npm run commands:deploy` retries.
    log.error({ err }, 'application command sync failed');
  }

  // 4. One process per shard.
  const shardList = Array.from({ length: shardCount }, (_, id) => id);
  const manager = new ShardingManager(deps.entryFile, {
    totalShards: shardCount,
    shardList,
    mode: 'process',
    respawn: true,
    token: config.token,
    execArgv: [...(deps.execArgv ?? [])],
  });
  let stopping = false;
  manager.on('shardCreate', (shard: Shard) => {
    // A respawn that fails is reported as an 'error' event; without a listener it would throw.
    shard.on('error', (err) => log.error({ err, shardId: shard.id }, 'shard error'));
    shard.on('spawn', (child) => log.info({ shardId: shard.id, pid: 'pid' in child ? child.pid : null }, 'shard process started'));
    shard.on('death', (child) => {
      const exitCode = 'exitCode' in child ? child.exitCode : null;
      if (stopping) return;
      log.warn({ shardId: shard.id, exitCode }, 'shard process exited; restarting it');
      if (exitCode !== null && deps.fatalExitCodes.includes(exitCode)) deps.onShardFatal(shard.id, exitCode);
    });
  });
  // On PostgreSQL every shard dispatches: an equal share each. On SQLite shard 0 does, and gets the most.
  const equalShare = Math.max(1, Math.floor(config.restRequestsPerSecond / shardCount));
  const restShare = config.databaseUrl === null ? restShareFor(config.restRequestsPerSecond, shardCount) : equalShare;
  const otherShardsRestShare = config.databaseUrl === null ? restShareFor(config.restRequestsPerSecond, shardCount, 1) : equalShare;
  log.info(
    { shards: shardCount, maxConcurrency, requested: config.shards.count, remainingSessionStarts: remaining, restRequestsPerSecond: { dispatcher: restShare, eachOther: shardCount > 1 ? otherShardsRestShare : null } },
    'spawning shards',
  );

  // Before any shard spawns, so /healthz answers (503, naming the shards not yet started) during the
  // start, and a port in use stops the start before a shard identifies.
  let observability: ManagerObservability | null = null;
  let closeDatabase = async (): Promise<void> => {};
  if (config.http) {
    const { startManagerObservability } = await import('./observability/manager.js');
    const opened = await openStore({ databaseUrl: config.databaseUrl, databasePath: config.databasePath, migrate: false, log, poolSize: 2 });
    closeDatabase = opened.close;
    try {
      observability = await startManagerObservability({ ...config.http, shards: manager.shards, shardCount, db: opened.store, log });
    } catch (err) {
      await opened.close();
      throw err;
    }
  }

  const stop = async (): Promise<void> => {
    stopping = true;
    manager.respawn = false;
    await observability?.close();
    await Promise.all(
      [...manager.shards.values()].map(async (shard) => {
        const child = shard.process;
        if (child === null || child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        shard.kill();
        await exited;
      }),
    );
    await closeDatabase();
  };

  try {
    // By identify bucket (shard_id % max_concurrency): a bucket's shards start together, the next
    // bucket once the identify window has passed.
    const plan = spawnPlan(shardCount, maxConcurrency);
    for (const [index, bucket] of plan.entries()) {
      if (index > 0) await sleep(IDENTIFY_WINDOW_MS);
      await Promise.all(
        bucket.map((id) => {
          const shard = manager.createShard(id);
          // Shard.env is what the child (and each respawn) gets: the manager's own environment plus the shard's ids.
          (shard.env as NodeJS.ProcessEnv).REST_REQUESTS_PER_SECOND = String(id === 0 ? restShare : otherShardsRestShare);
          return shard.spawn(SHARD_READY_TIMEOUT_MS);
        }),
      );
      log.info({ shards: bucket }, 'shards ready');
    }
  } catch (err) {
    await stop();
    throw err;
  }
  log.info({ shards: shardCount }, 'all shards ready');
  return { shardCount, manager, httpPort: observability?.port ?? null, stop };
};
