import { readFileSync } from 'node:fs';
import { Events, type Client } from 'discord.js';
import { createClock } from './clock.js';
import { startDataWatch } from './data-watch.js';
import { seasonAsOf } from './domain/as-of.js';
import type { Config } from './config.js';
import { guildSeason } from './db/guild-settings.js';
import { createLanguageStore } from './db/languages.js';
import { startChoiceCache, withChoiceCache } from './db/store/choice-cache.js';
import { openStore } from './db/store/index.js';
import { sqliteOperations } from './db/store/operations.js';
import type { OperationsStore } from './db/store/types.js';
import { createClient } from './discord/client.js';
import { editorCommands } from './discord/commands/index.js';
import type { Command, CommandContext, CommandLanguages } from './discord/commands/types.js';
import { startEditorNotices, type EditorNotices } from './discord/editor-notices.js';
import { createRouter } from './discord/router.js';
import { syncAllCommands, type SyncResult } from './discord/sync.js';
import { createEditing } from './editing/index.js';
import { sharedI18n } from './i18n/index.js';
import type { Logger } from './log.js';
import type { Observability } from './observability/index.js';
import { fromPackageRoot } from './package-root.js';
import { createAnnouncements } from './scheduler/announcements.js';
import { configuredSeasonFiles, domainOverrides, openSeasonStore, openServedSeasons, type ServedSeasons } from './season-store.js';
import type { SourceLeader } from './sources/leader.js';
import { attachSeasonStore } from './shard-store.js';

export interface BotDeps {
  readonly log: Logger;
  readonly commands: readonly Command[];
  /** Defaults to package.json's version. */
  readonly version?: string;
  /** Real time source for the clock (tests). */
  readonly realNow?: () => number;
  /**
   * Discord answered 401 to an announcement post: the token is no longer valid. Announcements have
   * already stopped; the entry point decides whether the process exits.
   */
  readonly onUnauthorized?: (detail: string) => void;
}

export interface RunningBot {
  readonly client: Client;
  /**
   * Resolves once the gateway is ready, commands are synced, announcements run and the ready line is
   * logged; rejects when announcements cannot start (the caller stops the bot).
   */
  readonly ready: Promise<void>;
  /** The port of the /healthz and /metrics server (HTTP_PORT=0 picks one); null without HTTP_PORT. */
  readonly httpPort: number | null;
  /** Stops taking interactions, lets those in flight finish, disconnects and closes the database. Idempotent. */
  stop(): Promise<void>;
}

export const packageVersion = (): string => {
  const pkg = JSON.parse(readFileSync(fromPackageRoot('package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
};

/** The bot's data on its engine: the seasons it serves, the operations store, and the choices replies read. */
interface BotData {
  readonly seasons: ServedSeasons;
  readonly ops: OperationsStore;
  readonly languages: CommandLanguages;
  readonly guildSeason: (guildId: string) => string | null;
  /** The database as it may be logged (no password). */
  readonly describe: string;
  close(): Promise<void>;
}

/**
 * SQLite (DATABASE_PATH, the default): the season store opens, migrates and imports, as it always did;
 * replies read language and default-season choices from the file. PostgreSQL (DATABASE_URL): migrate
 * under the advisory lock, import the season files (each once, whichever process comes first), and keep
 * the choices replies read in a cache of this process (src/db/store/choice-cache.ts).
 */
const openBotData = async (config: Config, log: Logger): Promise<BotData> => {
  const { shards } = config;
  if (config.databaseUrl === null) {
    const sqlite =
      shards.mode === 'shard'
        ? attachSeasonStore({ databasePath: config.databasePath, seasonFiles: config.seasonFiles, log })
        : openSeasonStore({ databasePath: config.databasePath, seasonFiles: config.seasonFiles, log });
    return {
      seasons: sqlite,
      ops: sqliteOperations(sqlite.db),
      languages: createLanguageStore(sqlite.db),
      guildSeason: (guildId) => guildSeason(sqlite.db, guildId),
      describe: config.databasePath,
      close: async () => sqlite.close(),
    };
  }
  const opened = await openStore({
    databaseUrl: config.databaseUrl,
    databasePath: config.databasePath,
    migrate: shards.mode !== 'shard',
    log,
    applicationName: shards.mode === 'shard' ? `caf-confed-bot shard ${shards.id}` : 'caf-confed-bot',
  });
  try {
    const seasons = await openServedSeasons({
      engine: 'pg',
      data: opened.store.data,
      editing: opened.store.editing,
      seasonFiles: config.seasonFiles,
      log,
      migrated: opened.migrated,
      importFiles: shards.mode !== 'shard',
    });
    const choices = await startChoiceCache(opened.store, { log });
    log.info({ database: opened.describe, migrations: opened.migrated.length }, 'data on PostgreSQL');
    return {
      seasons,
      ops: withChoiceCache(opened.store, choices),
      languages: choices.languages,
      guildSeason: choices.guildSeason,
      describe: opened.describe,
      close: async () => {
        choices.stop();
        await opened.close();
      },
    };
  } catch (error) {
    await opened.close();
    throw error;
  }
};

/**
 * The composition root, callable in-process: database (pragmas, migrations) → season import →
 * snapshot → client → router → login → on ready: command sync, announcements, one "ready" line.
 * Throws before logging in when the database or the season file cannot be loaded.
 */
export const startBot = async (config: Config, deps: BotDeps): Promise<RunningBot> => {
  const { log } = deps;
  const version = deps.version ?? packageVersion();
  const clock = createClock(config.clock, deps.realNow);
  if (clock.isReplay) log.info({ start: config.clock?.start, rate: clock.rate }, 'replay clock on');

  // Migration or import failures throw here: the bot never logs in on a half-known schema or bad data.
  // A shard neither migrates nor imports: its manager did both once, before spawning shards.
  const { shards } = config;
  const data = await openBotData(config, log);
  const { seasons: store, ops } = data;
  // On SQLite one process dispatches (the dispatcher lease refuses a second): shard 0, not every shard.
  // On PostgreSQL every process does: the claim (FOR UPDATE SKIP LOCKED) shares the rows between them.
  const dispatches = ops.engine === 'pg' || shards.mode !== 'shard' || shards.id === 0;
  // Another process's import (a source update on shard 0, a bot started with a changed file) reaches
  // this one within DATA_CHECK_SECONDS: the store reloads and commands serve the new snapshot.
  const dataWatch = startDataWatch({ data: store.data, reload: store.reload, intervalMs: config.dataCheckMs, log: log.child({ component: 'data-watch' }) });

  const client = createClient(config, log);
  // One translation instance per process (i18next and the lookups it memoizes): replies, posts and the
  // renderers' English defaults share it.
  const i18n = sharedI18n();
  const announcements = createAnnouncements({
    db: ops,
    data: store.data,
    client,
    clock,
    // Every loaded season: each channel is planned and posted from the season it follows.
    season: () => store.catalog(),
    log: log.child({ component: 'announcements' }),
    lateWindowMs: config.lateWindowMs,
    recapWaitMs: config.recapWaitMs,
    // On PostgreSQL each process claims about a second of its REST share at a time, so the processes'
    // last batches end together instead of one after another.
    tick: { leaseMs: config.claimLeaseMs, ...(ops.engine === 'pg' ? { batchSize: Math.max(5, config.restRequestsPerSecond) } : {}) },
    ...(deps.onUnauthorized ? { onUnauthorized: deps.onUnauthorized } : {}),
    i18n,
  });

  const ctx: CommandContext = {
    // Commands see the season as of the bot's clock: under a replay clock, no result before its match.
    season: () => seasonAsOf(store.season(), clock.now()),
    dataVersion: store.dataVersion,
    // Every loaded season, read live: fan commands choose one per reply (option, server default, status).
    get catalog() {
      return store.catalog();
    },
    // The server's season (/announcements default), for fan commands without a competition.
    guildSeason: data.guildSeason,
    log,
    now: () => clock.now(),
    startedAt: clock.now(),
    version,
    announcements: announcements.service,
    // Language choices live in the bot's database.
    i18n,
    languages: data.languages,
  };

  // Editors' changes (/edit, the editor server only): previews, the journal, overrides on every import.
  const editing = createEditing({ store, clock, logger: log.child({ component: 'editing' }) });
  const routed = [...deps.commands, ...editorCommands({ editing, editors: config.editors })];
  let editorNotices: EditorNotices | null = null;

  // Started just before login (below); the router reports to it from then on.
  let observability: Observability | null = null;
  let heartbeatHolder: string | null = null;
  let lastBeat: (() => number | null) | null = null;
  let sources: SourceLeader | null = null;
  const router = createRouter({ commands: routed, ctx, log, onInteraction: (summary) => observability?.recordInteraction(summary) });
  router.attach(client);

  const ready = new Promise<void>((resolve, reject) => {
    client.once(Events.ClientReady, async (readyClient) => {
      let sync: readonly SyncResult[] | null = null;
      try {
        // The shard manager synced them once for every shard.
        // The fans' commands globally (or in DISCORD_GUILD_ID), /edit in the editor server only.
        if (shards.mode !== 'shard') sync = await syncAllCommands({
          rest: readyClient.rest,
          applicationId: config.applicationId,
          guildId: config.guildId,
          commands: deps.commands,
          editorCommands: routed.slice(deps.commands.length),
          editorGuildId: config.editors?.guildId ?? null,
          log,
        });
      } catch (err) {
        // Not fatal: the commands registered last time keep working; `npm run commands:deploy` retries.
        log.error({ err }, 'application command sync failed');
      }
      if (readyClient.application.id !== config.applicationId) {
        log.warn(
          { tokenApplicationId: readyClient.application.id, configuredApplicationId: config.applicationId },
          'DISCORD_APPLICATION_ID does not match the application of the token',
        );
      }
      // After the sync, so the first tick (which catches up on anything due while down) runs on a ready client.
      // A failure here is not logged and forgotten: `ready` rejects, no ready line is logged, and the
      // entry point stops the process rather than run a bot that answers commands but never posts.
      try {
        if (dispatches) {
          const scheduler = await announcements.start();
          heartbeatHolder = scheduler.holder;
          lastBeat = scheduler.lastBeat;
        }
      } catch (err) {
        reject(new Error(`Announcements could not start: ${(err as Error).message}`, { cause: err }));
        return;
      }
      // A source that disagrees with an edit: one notice in the editor channel (the dispatching process,
      // and the process polling the sources, whose imports find them; the channel de-duplicates).
      const channelId = config.editors?.channelId;
      const noticeEditors = (): EditorNotices | null =>
        (editorNotices ??= channelId
          ? startEditorNotices({ editing, rest: readyClient.rest, channelId, season: (seasonId) => store.catalog().get(seasonId), log })
          : null);
      const startNotices = dispatches ? noticeEditors() : null;
      // Conflicts the start's own import found, before this subscribed (already posted ones are skipped).
      if (startNotices !== null) for (const entry of store.catalog().list()) startNotices.report(entry.id, editing.conflicts(entry.id));
      // Seasons whose file names a source are kept current by one process, the holder of the `sources`
      // lease (independent of dispatch): an update is imported and served at once. Other processes see
      // it at their next data check; the dispatcher re-plans it (its own import, or its season watch).
      // Loaded here, not at start: the source readers (football.txt parser, importer) are not needed
      // to answer the first interaction.
      const [{ startSeasonSources }, { startSourceLeader }] = await Promise.all([import('./sources/start.js'), import('./sources/leader.js')]);
      // Stopped while it loaded: no poller to outlive the bot.
      if (stopping !== null) {
        resolve();
        return;
      }
      sources = startSourceLeader({
        db: ops,
        logger: log,
        startPolling: () => {
          noticeEditors();
          return startSeasonSources({
            seasonFiles: configuredSeasonFiles({ seasonFiles: config.seasonFiles }),
            clubsFile: fromPackageRoot('data', 'clubs.json'),
            current: (seasonId) => store.catalog().get(seasonId),
            apply: async (season, update) => {
              await store.importFromSource(season, update.hash);
              // Already served here: the data check need not reload for this process's own import.
              await dataWatch.noteCurrent();
              if (dispatches) void announcements.replan([season.id]).catch((err: unknown) => log.error({ err, seasonId: season.id }, 're-planning an updated season failed; the season watch retries'));
            },
            // The editors' live overrides on top of each update: a field an editor set is not "changed" by the source.
            overrides: async (seasonId) => domainOverrides(await store.editing.liveOverrides(seasonId)),
            today: () => clock.now().toISOString().slice(0, 10),
            logger: log,
          });
        },
      });
      const data = store.dataVersion();
      log.info(
        {
          version,
          data: data && { hash: data.hash.slice(0, 12), asOf: store.season().asOf, importedAt: data.importedAt.toISOString() },
          guilds: readyClient.guilds.cache.size,
          ...(shards.mode === 'shard' ? { shard: { id: shards.id, count: shards.count }, dispatches } : {}),
          commands: {
            count: deps.commands.length,
            scope: config.guildId ? 'guild' : 'global',
            registered: sync === null ? null : sync.some((scope) => scope.put),
            ...(config.editors ? { editorGuild: config.editors.guildId } : {}),
          },
          clock: clock.isReplay ? { now: clock.now().toISOString(), rate: clock.rate } : 'real',
        },
        'ready',
      );
      resolve();
    });
  });

  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await observability?.close();
      await router.close();
      editorNotices?.stop();
      await sources?.stop();
      dataWatch.stop();
      await announcements.stop();
      // A deliberate disconnect is not news: keep "shard reconnecting/disconnected" out of the shutdown log.
      for (const event of [Events.ShardDisconnect, Events.ShardReconnecting, Events.ShardResume] as const) {
        client.removeAllListeners(event);
      }
      await client.destroy();
      await data.close();
    })();
    return stopping;
  };

  try {
    if (config.http) {
      // Before login, so /healthz answers (503) while the bot connects; a port in use stops the start.
      const { startObservability } = await import('./observability/index.js');
      observability = await startObservability({
        ...config.http,
        client,
        db: ops,
        commandNames: routed.map((command) => command.data.name),
        heartbeatHolder: () => heartbeatHolder,
        // Read only where no dispatcher lease is held (PostgreSQL).
        ...(ops.engine === 'sqlite' ? {} : { lastBeat: () => lastBeat?.() ?? null }),
        log,
        // A shard answers its manager's HTTP server over IPC instead of listening itself.
        shard: shards.mode === 'shard' ? shards.id : null,
      });
    }
    await client.login(config.token);
  } catch (err) {
    await stop();
    throw err;
  }
  return { client, ready, httpPort: observability?.port ?? null, stop };
};
