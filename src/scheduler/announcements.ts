// Everything the composition root needs for matchday announcements, in one place:
//   const announcements = createAnnouncements({ db, client, clock, season, log, lateWindowMs });
//   ctx.announcements = announcements.service;          // for /announcements
//   on ClientReady (after command sync): announcements.start();
//   on a season's data change: announcements.replan([seasonId]);
//   on shutdown, before client.destroy() and db close: await announcements.stop();
import { Events, type Client, type Guild, type NonThreadGuildBasedChannel, type DMChannel } from 'discord.js';
import type { Clock } from '../clock.js';
import { DISABLED_REASONS } from '../db/guild-settings.js';
import { operationsOf, type OperationsDb } from '../db/store/operations.js';
import type { SeasonDataStore } from '../db/store/season-data.js';
import { planningDbOf, type AnnouncementsService } from '../discord/announcements/service.js';
import { createDiscordSender } from '../discord/announcements/sender.js';
import type { SendPost } from '../discord/announcements/sender.js';
import type { I18n } from '../i18n/index.js';
import type { Logger } from '../log.js';
import { startScheduler, type Scheduler } from './cron.js';
import { createPurge, watchGuildMembership } from './purge.js';
import { createSeasonWatch } from './season-watch.js';
import { replanAll, type ReplanReport, type SeasonSource } from '../planning/announcements.js';
import type { TickDeps } from './tick.js';

export interface AnnouncementsRuntime {
  readonly service: AnnouncementsService;
  /**
   * Re-plans every channel against its season as it stands (and notices moved kickoffs); with
   * `seasons`, only the channels following those seasons (the ones whose data changed).
   */
  replan(seasons?: readonly string[]): Promise<ReplanReport>;
  /** Re-plans, then starts the heartbeat (its first tick catches up at once). Call after ClientReady. */
  start(): Promise<Scheduler>;
  /**
   * Stops the heartbeat: quick sends finish, slow ones (a long rate limit, no answer) are abandoned
   * within about two seconds with their rows left claimable, and the dispatcher lease is released.
   * Safe to call when not started.
   */
  stop(): Promise<void>;
}

export interface AnnouncementsOptions {
  /** The operations store (or a SQLite database, taken as its store). */
  readonly db: OperationsDb;
  /** When each result and goal was first seen (planning reads it); absent: read through the SQLite database. */
  readonly data?: Pick<SeasonDataStore, 'readKnownFacts'>;
  readonly client: Client;
  readonly clock: Clock;
  /** The loaded seasons (a catalog), or one season every channel follows. Read at each plan and pass. */
  readonly season: () => SeasonSource;
  readonly log: Logger;
  readonly lateWindowMs: number;
  /** How long a round's recap waits for missing results (RECAP_WAIT_HOURS); default 6 h. */
  readonly recapWaitMs?: number;
  /** Defaults to posting through the client's REST queue. */
  readonly send?: SendPost;
  /** Tick tuning (tests, the benchmark). */
  readonly tick?: Partial<Pick<TickDeps, 'batchSize' | 'maxBatches' | 'concurrency' | 'leaseMs' | 'realNow'>>;
  /** Discord answered 401: the default stops the scheduler; the root may also exit non-zero. */
  readonly onUnauthorized?: (detail: string) => void;
  /** The bot's translations, which its posts are rendered with; absent: the process's shared one (sharedI18n). */
  readonly i18n?: I18n;
}

export function createAnnouncements(opts: AnnouncementsOptions): AnnouncementsRuntime {
  const log = opts.log;
  const ops = operationsOf(opts.db);
  const send = opts.send ?? createDiscordSender(opts.client);
  const service: AnnouncementsService = { db: ops, ...(opts.data === undefined ? {} : { data: opts.data }), send, lateWindowMs: opts.lateWindowMs, ...(opts.recapWaitMs === undefined ? {} : { recapWaitMs: opts.recapWaitMs }) };
  let scheduler: Scheduler | null = null;

  const now = (): number => opts.clock.now().getTime();
  // Every process marks the servers the bot leaves (a shard sees only its own guilds' events);
  // only the dispatcher, on its heartbeat, purges them 30 days later.
  const unwatchMembership = watchGuildMembership({ client: opts.client, db: ops, now, log });

  const replan = async (seasons?: readonly string[]): Promise<ReplanReport> => {
    const report = await replanAll(planningDbOf(ops, opts.data), opts.season(), now(), opts.lateWindowMs, seasons, opts.recapWaitMs);
    log.info(
      {
        subscriptions: report.subscriptions,
        ...report.totals,
        changedRounds: report.changes.map((c) => `${c.seasonId}/${c.roundKey}`),
        ...(seasons === undefined ? {} : { seasons }),
      },
      'announcements planned',
    );
    if (report.missingSeasons.length > 0) {
      log.warn({ seasons: report.missingSeasons }, 'channels follow seasons that are not loaded; their posts are not planned');
    }
    return report;
  };

  // A removed guild (not an outage: discord.js reports those as GuildUnavailable) and a deleted
  // channel are facts from Discord itself, so they disable at once, before any post fails.
  // A season whose data changed (a source update) re-plans its own channels on the next heartbeat.
  const seasonWatch = createSeasonWatch(opts.season, (seasons) => replan(seasons), log);

  // A database failure here is logged, never thrown into discord.js's event emitter.
  const onGuildDelete = (guild: Guild): void => {
    ops.settings.disableGuild(guild.id, now()).then(
      (disabled) => {
        if (disabled > 0) log.warn({ guildId: guild.id, disabled }, 'bot removed from a guild; its announcement channels are disabled');
      },
      (err: unknown) => log.error({ err, guildId: guild.id }, 'announcement channels of a removed guild could not be disabled'),
    );
  };
  const onChannelDelete = (channel: DMChannel | NonThreadGuildBasedChannel): void => {
    if (channel.isDMBased()) return;
    ops.settings.disableSubscription(channel.guildId, channel.id, DISABLED_REASONS.channelDeleted, now()).then(
      (disabled) => {
        if (disabled) log.warn({ guildId: channel.guildId, channelId: channel.id }, 'announcement channel deleted; disabled');
      },
      (err: unknown) => log.error({ err, guildId: channel.guildId, channelId: channel.id }, 'a deleted announcement channel could not be disabled'),
    );
  };

  let stopped = false;
  let starting: Promise<Scheduler> | null = null;
  const stop = async (): Promise<void> => {
    stopped = true;
    unwatchMembership();
    opts.client.off(Events.GuildDelete, onGuildDelete);
    opts.client.off(Events.ChannelDelete, onChannelDelete);
    // A start still planning finishes first, so no heartbeat starts after this returns.
    await starting?.catch(() => undefined);
    const running = scheduler;
    scheduler = null;
    if (running !== null) await running.stop();
  };

  const launch = async (): Promise<Scheduler> => {
    await replan();
    // Stopped while planning: nothing to start.
    if (stopped) return { heartbeat: 'stopped', holder: '', lastBeat: () => null, tickNow: async () => null, stop: async () => undefined };
    seasonWatch.prime();
    opts.client.on(Events.GuildDelete, onGuildDelete);
    opts.client.on(Events.ChannelDelete, onChannelDelete);
    scheduler = startScheduler(
      {
        db: ops,
        season: opts.season,
        send,
        log,
        clock: opts.clock,
        housekeeping: ((purge) => async (at: number) => {
          await purge(at);
          seasonWatch.check();
        })(createPurge(ops, log)),
        ...opts.tick,
        ...(opts.i18n === undefined ? {} : { i18n: opts.i18n }),
        onUnauthorized: (detail) => {
          void stop();
          opts.onUnauthorized?.(detail);
        },
      },
      log,
    );
    return scheduler;
  };

  const start = (): Promise<Scheduler> => {
    if (scheduler !== null) return Promise.resolve(scheduler);
    starting ??= launch().finally(() => (starting = null));
    return starting;
  };

  return { service, replan, start, stop };
}
