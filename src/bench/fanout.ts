// Fan-out benchmark: one round's preview to N channels through the real tick, sender and discord.js
// REST queue, against the local stand-in enforcing Discord's global 50 requests/s.
// Reports posts per second (target ≥ 45), duplicates (must be 0), missing posts (must be 0) and RSS.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Events, type Client } from 'discord.js';
import { roundTiming } from '../domain/announcements.js';
import { seasonRounds } from '../domain/calendar.js';
import { setSubscription } from '../db/guild-settings.js';
import { countByStatus } from '../db/outbox.js';
import { createClient } from '../discord/client.js';
import { createDiscordSender } from '../discord/announcements/sender.js';
import { restShareFor } from '../shard-manager.js';
import { silentLogger } from '../log.js';
import { planOne } from '../planning/announcements.js';
import { runTick } from '../scheduler/tick.js';
import { openSeasonStore } from '../season-store.js';
import { startStandin } from 'discord-standin';

export interface FanoutOptions {
  readonly channels?: number;
  /** Channels per guild (the fan-out crosses guilds, as in production). Default 10. */
  readonly channelsPerGuild?: number;
  /** The stand-in's global limit. Default 50 (Discord's). */
  readonly globalRateLimit?: number;
  /** Sends in flight at once (discord.js still queues to the global limit). Default 50. */
  readonly concurrency?: number;
  /** Which round to announce. Default: group stage matchday 1. */
  readonly roundKey?: string;
  /**
   * Dispatching processes sharing the bot's budget, simulated as that many discord.js clients, each
   * with REST_REQUESTS_PER_SECOND / clients (as the shard manager gives each shard), each running the
   * tick at once over the same outbox. Default 1.
   */
  readonly clients?: number;
  /** The bot's REST budget split among the clients (REST_REQUESTS_PER_SECOND). Default 50. */
  readonly restRequestsPerSecond?: number;
}

export interface FanoutReport {
  readonly channels: number;
  /** Clients (dispatching processes) and each one's REST requests per second. */
  readonly clients: { readonly count: number; readonly restRequestsPerSecondEach: number };
  readonly posts: number;
  readonly seconds: number;
  readonly postsPerSecond: number;
  /** Channels with more than one post, counted in the stand-in's own message store. */
  readonly duplicates: number;
  /** Channels with no post. */
  readonly missing: number;
  /** Outbox rows by status after the run. */
  readonly outbox: Record<string, number>;
  /** 429s the stand-in answered (global, route). */
  readonly rateLimited: { readonly global: number; readonly route: number };
  readonly rssMb: number;
  readonly target: { readonly postsPerSecond: number; readonly met: boolean };
}

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.bench.fanout-token-not-a-real-one-000000';
const APPLICATION_ID = '1000000000000000001';

export async function benchFanout(opts: FanoutOptions = {}): Promise<FanoutReport> {
  const total = opts.channels ?? 1000;
  const perGuild = opts.channelsPerGuild ?? 10;
  const log = silentLogger();
  const guildCount = Math.ceil(total / perGuild);
  const standin = await startStandin({
    applicationId: APPLICATION_ID,
    validTokens: [TOKEN],
    globalRateLimit: opts.globalRateLimit ?? 50,
    guilds: Array.from({ length: guildCount }, (_, g) => ({
      name: `bench ${g}`,
      channels: Array.from({ length: Math.min(perGuild, total - g * perGuild) }, (_, c) => ({ name: `matchday-${c}` })),
    })),
  });
  const dir = mkdtempSync(join(tmpdir(), 'caf-bench-fanout-'));
  const store = openSeasonStore({ databasePath: join(dir, 'bench.sqlite') });
  const clientCount = Math.max(1, opts.clients ?? 1);
  const restShare = restShareFor(opts.restRequestsPerSecond ?? 50, clientCount);
  const clients: Client[] = [];
  try {
    for (let i = 0; i < clientCount; i += 1) {
      const client = createClient({ apiUrl: standin.apiUrl, restRequestsPerSecond: restShare }, log);
      clients.push(client);
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await client.login(TOKEN);
      await ready;
    }

    const season = store.season();
    const round = seasonRounds(season).find((r) => r.key === (opts.roundKey ?? 'GS-MD1'));
    const timing = round === undefined ? null : roundTiming(round.matches);
    if (round === undefined || timing === null) throw new Error(`bench: round ${opts.roundKey ?? 'GS-MD1'} has no date in the season data`);
    const plannedAt = timing.start - 7 * 24 * 3_600_000;
    const dueAt = timing.start - 24 * 3_600_000;

    const channelIds: string[] = [];
    for (const guild of standin.state.guilds.values()) {
      for (const channel of standin.state.channels.values()) {
        if (channel.guildId !== guild.id || channelIds.length >= total) continue;
        channelIds.push(channel.id);
        const row = setSubscription(store.db, { guildId: guild.id, channelId: channel.id, roleId: null, leadsMs: [24 * 3_600_000], recap: false }, plannedAt);
        planOne(store.db, season, row, plannedAt);
      }
    }

    const started = performance.now();
    // Each client claims its own rows (the claim is one statement), as separate processes would. Claims
    // shrink with the number of clients: with 200 each, the last client's batch finished alone at its
    // share (2 clients: 40.8 posts/s; with 100 each: 47.4).
    const reports = await Promise.all(
      clients.map((client) =>
        runTick({ db: store.db, season: () => season, send: createDiscordSender(client), log, concurrency: opts.concurrency ?? 50, batchSize: Math.ceil(200 / clientCount) }, dueAt),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    const report = { sent: reports.reduce((sum, r) => sum + r.sent, 0) };

    let duplicates = 0;
    let missing = 0;
    for (const id of channelIds) {
      const posts = standin.messages(id).length;
      if (posts === 0) missing += 1;
      if (posts > 1) duplicates += 1;
    }
    const stats = standin.stats();
    const postsPerSecond = report.sent / seconds;
    return {
      channels: channelIds.length,
      clients: { count: clientCount, restRequestsPerSecondEach: restShare },
      posts: report.sent,
      seconds: Number(seconds.toFixed(2)),
      postsPerSecond: Number(postsPerSecond.toFixed(1)),
      duplicates,
      missing,
      outbox: countByStatus(store.db),
      rateLimited: { global: stats.globalLimited, route: stats.routeLimited },
      rssMb: Math.round(process.memoryUsage().rss / 1024 / 1024),
      target: { postsPerSecond: 45, met: postsPerSecond >= 45 && duplicates === 0 && missing === 0 },
    };
  } finally {
    await Promise.all(clients.map((client) => client.destroy()));
    store.close();
    await standin.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// `npx tsx --conditions=standin-source src/bench/fanout.ts [channels] [clients]` runs it alone
// (clients: dispatching processes sharing the 50/s budget, default 1).
if (import.meta.url === `file://${process.argv[1]}`) {
  const channels = Number(process.argv[2] ?? 1000);
  const clients = Number(process.argv[3] ?? 1);
  benchFanout({ channels, clients }).then(
    (report) => {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      process.exit(report.target.met ? 0 : 1);
    },
    (err: unknown) => {
      process.stderr.write(`${String(err instanceof Error ? err.stack : err)}\n`);
      process.exit(1);
    },
  );
}
