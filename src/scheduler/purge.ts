// Forgetting servers the bot was removed from. Every process watches its own gateway events (under
// the sharding manager each shard sees only its guilds) and marks a server the moment the bot leaves
// it; the dispatcher's heartbeat purges what has been marked for 30 days (PURGE_AFTER_MS).
//
// A removal is GUILD_DELETE without `unavailable` (discord.js: GuildDelete). An outage is
// GUILD_DELETE with `unavailable: true` (discord.js: GuildUnavailable) and marks nothing.
import { Events, type Client, type Guild } from 'discord.js';
import { PURGE_AFTER_MS, type PurgedGuild } from '../db/guild-departures.js';
import { operationsOf, type OperationsDb } from '../db/store/operations.js';
import type { Logger } from '../log.js';

/** Bot-clock ms between two purge passes: the heartbeat beats every minute, the purge needs far less. */
export const PURGE_EVERY_MS = 60 * 60 * 1000;

export interface MembershipDeps {
  readonly client: Client;
  /** The operations store (or a SQLite database, taken as its store). */
  readonly db: OperationsDb;
  /** The bot clock. */
  readonly now: () => number;
  readonly log: Logger;
}

/**
 * Marks a server when the bot is removed from it, and clears the mark when the bot is back (a rejoin
 * within 30 days keeps every setting). Returns the function that stops watching.
 */
export function watchGuildMembership(deps: MembershipDeps): () => void {
  const { client, log } = deps;
  const ops = operationsOf(deps.db);
  const guard = (what: string, guildId: string, work: () => Promise<void>): void => {
    // A database hiccup must not reach the gateway's event loop; the next event or start corrects it.
    work().catch((err: unknown) => log.error({ err, guildId }, `guild membership could not be recorded (${what})`));
  };

  const onDelete = (guild: Guild): void =>
    guard('left', guild.id, async () => {
      await ops.departures.markDeparted(guild.id, deps.now());
      log.info({ guildId: guild.id, purgeAfterDays: PURGE_AFTER_MS / 86_400_000 }, 'bot removed from a server; its settings are purged unless it is added back');
    });
  const rejoined = async (guildId: string): Promise<void> => {
    if (await ops.departures.clearDeparted(guildId)) log.info({ guildId }, 'bot added back to a server it had left; its settings are kept');
  };
  const onCreate = (guild: Guild): void => guard('joined', guild.id, () => rejoined(guild.id));
  // GUILD_CREATEs before READY are not GuildCreate events in discord.js: at ready, the cache is the
  // truth. A server in it is not departed; one with settings but missing from it was left while the
  // bot was down (no GUILD_DELETE ever came). Only a client that sees every guild can say the second.
  const onReady = (ready: Client<true>): void =>
    guard('ready', '*', async () => {
      for (const guildId of ready.guilds.cache.keys()) await rejoined(guildId);
      if (ready.shard !== null) return;
      for (const guildId of await ops.departures.guildsWithSettings()) {
        if (!ready.guilds.cache.has(guildId)) await ops.departures.markDeparted(guildId, deps.now());
      }
    });

  client.on(Events.GuildDelete, onDelete);
  client.on(Events.GuildCreate, onCreate);
  client.on(Events.ClientReady, onReady);
  return () => {
    client.off(Events.GuildDelete, onDelete);
    client.off(Events.GuildCreate, onCreate);
    client.off(Events.ClientReady, onReady);
  };
}

/**
 * The purge as the heartbeat runs it: at most once per PURGE_EVERY_MS of bot clock, logging each
 * server it forgets. Never throws (a failed purge is retried on the next pass).
 */
export function createPurge(db: OperationsDb, log: Logger, everyMs: number = PURGE_EVERY_MS): (now: number) => Promise<readonly PurgedGuild[]> {
  const ops = operationsOf(db);
  let lastRun = Number.NEGATIVE_INFINITY;
  return async (now) => {
    if (now - lastRun < everyMs && now >= lastRun) return [];
    lastRun = now;
    try {
      const purged = await ops.departures.purgeDepartedGuilds(now);
      for (const p of purged) {
        log.info(
          { guildId: p.guildId, leftAt: new Date(p.leftAt).toISOString(), subscriptions: p.subscriptions, outboxRows: p.outboxRows, serverLanguage: p.serverLanguage, serverSettings: p.serverSettings },
          'server data purged 30 days after the bot left it',
        );
      }
      return purged;
    } catch (err) {
      lastRun = Number.NEGATIVE_INFINITY;
      log.error({ err }, 'purge of departed servers failed; retried on the next heartbeat');
      return [];
    }
  };
}
