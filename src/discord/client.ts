import { Client, Events, GatewayIntentBits, RESTEvents } from 'discord.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { cacheOptions } from './cache.js';
import { DISCORD_GLOBAL_REQUESTS_PER_SECOND, restBudgetOptions } from './rest-budget.js';

/**
 * The gateway client. Guilds is the only intent: interactions arrive without any intent, and Guilds keeps
 * the guild/channel/role caches that announcement pre-flight checks read. No privileged intents, no MessageContent.
 */
export const createClient = (config: Pick<Config, 'apiUrl'> & Partial<Pick<Config, 'restRequestsPerSecond'>>, log: Logger): Client => {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    // Team and player names come from data: nothing the bot sends may ping anyone unless a payload says so.
    allowedMentions: { parse: [] },
    // Only the caches the bot reads (cache.ts).
    ...cacheOptions,
    // No client-wide enforceNonce: it would add a nonce and enforce_nonce to every interaction callback and
    // webhook edit, where Discord does not document them (enforce_nonce is a create-message parameter). Channel
    // posts set their own nonce + enforce_nonce per message (announcements/sender.ts), so a retried post stays one.
    enforceNonce: false,
    rest: {
      // This process's share of the bot's global REST limit (REST_REQUESTS_PER_SECOND; a shard gets the
      // manager's value divided by the shard count), kept by a slot budget (see rest-budget.ts).
      ...restBudgetOptions(config.restRequestsPerSecond ?? DISCORD_GLOBAL_REQUESTS_PER_SECOND),
      // DISCORD_API_URL points the bot at the local stand-in; otherwise discord.js's default (discord.com).
      ...(config.apiUrl ? { api: config.apiUrl } : {}),
    },
  });

  const clientLog = log.child({ component: 'client' });
  client.on(Events.Error, (err) => clientLog.error({ err }, 'client error'));
  client.on(Events.Warn, (message) => clientLog.warn({ detail: message }, 'client warning'));
  client.on(Events.Invalidated, () => clientLog.error('session invalidated'));
  client.on(Events.ShardError, (err, shardId) => clientLog.error({ err, shardId }, 'shard error'));
  client.on(Events.ShardDisconnect, (event, shardId) =>
    clientLog.warn({ shardId, code: event.code }, 'shard disconnected'),
  );
  client.on(Events.ShardReconnecting, (shardId) => clientLog.info({ shardId }, 'shard reconnecting'));
  client.on(Events.ShardResume, (shardId, replayedEvents) => clientLog.info({ shardId, replayedEvents }, 'shard resumed'));
  // Only route-level fields: the request URL of an interaction callback carries its token.
  client.rest.on(RESTEvents.RateLimited, (info) =>
    clientLog.warn(
      { route: info.route, method: info.method, retryAfterMs: info.retryAfter, scope: info.scope, global: info.global },
      'rate limited',
    ),
  );
  return client;
};
