// Posting one announcement to one channel, and what each Discord answer means for the outbox
// (research: discord-platform-and-reliability.md §3.1). The scheduler only sees SendOutcome, so it
// is tested with a plain function instead of a discord.js mock.
import {
  DiscordAPIError,
  HTTPError,
  PermissionFlagsBits,
  RateLimitError,
  RESTEvents,
  Routes,
  type APIEmbed,
  type APIMessage,
  type Client,
  type RateLimitData,
} from 'discord.js';
import { partNonce } from '../../db/outbox.js';

export interface OutgoingPost {
  readonly guildId: string;
  readonly channelId: string;
  /** The row's nonce; part i of a split post uses partNonce(nonce, i). */
  readonly nonce: string;
  /** One entry per message. */
  readonly messages: readonly (readonly APIEmbed[])[];
  /** Text above the first message (role mention, late note); null for none. */
  readonly content: string | null;
  /** The only mention allowed to ping; null for none. */
  readonly roleId: string | null;
  /** When set, the roles allowed to ping instead of `roleId` (a club post may mention two clubs' roles). */
  readonly roleIds?: readonly string[];
  /** Messages already sent by an earlier attempt: resume after them. */
  readonly sentMessageIds: readonly string[];
}

interface Failure {
  readonly error: string;
  /** Discord's JSON code or HTTP status as text (`10003`, `502`), or `timeout`/`network`/`precheck`. */
  readonly code: string | null;
  /** Messages of a split post that did go out before the failure. */
  readonly messageIds: readonly string[];
}

export type SendOutcome =
  | { readonly kind: 'sent'; readonly messageIds: readonly string[] }
  /** Transient: 5xx, timeout, network, a 429 that surfaced, 20028. Try again later. */
  | ({ readonly kind: 'retry'; readonly retryAfterMs: number | null } & Failure)
  /** 10003 Unknown Channel / 10004 Unknown Guild: disable at once. */
  | ({ readonly kind: 'gone'; readonly scope: 'channel' | 'guild' } & Failure)
  /** 50001 / 50013, or the permission pre-check: counts towards disabling. */
  | ({ readonly kind: 'forbidden'; readonly missing: readonly string[] } & Failure)
  /** 50008 / 40058 / 50024: the channel cannot take these messages. Disable. */
  | ({ readonly kind: 'unsupported' } & Failure)
  /** 401: the token is no longer valid. Stop dispatching. */
  | ({ readonly kind: 'unauthorized' } & Failure)
  /** Any other 4xx (50035, 40005, 200000…): this post failed, the channel stays on. */
  | ({ readonly kind: 'failed' } & Failure);

export interface SendOptions {
  /** Aborted when the dispatcher stops: the send is abandoned at once (outcome `retry`, code `aborted`). */
  readonly signal?: AbortSignal;
}

export type SendPost = (post: OutgoingPost, opts?: SendOptions) => Promise<SendOutcome>;

/**
 * Longest one request may take, rate-limit waits included, before it is abandoned and the row is
 * retried later with the same nonce. Well under the one-minute heartbeat.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

/** What the bot needs in an announcement channel (19456). */
export const REQUIRED_PERMISSIONS = [
  { flag: PermissionFlagsBits.ViewChannel, name: 'View Channel' },
  { flag: PermissionFlagsBits.SendMessages, name: 'Send Messages' },
  { flag: PermissionFlagsBits.EmbedLinks, name: 'Embed Links' },
] as const;

const TRANSIENT_CODES = new Set([20028, 130000]);
const UNSUPPORTED_CODES = new Set([50008, 40058, 50024]);

/** Maps any error from a send to an outcome. Exported for tests (plain objects, no network). */
export function classifySendError(err: unknown, messageIds: readonly string[] = []): SendOutcome {
  const base = { messageIds };
  if (err instanceof RateLimitError) {
    return { kind: 'retry', error: `rate limited (${err.scope})`, code: '429', retryAfterMs: err.retryAfter, ...base };
  }
  if (err instanceof DiscordAPIError) {
    const code = typeof err.code === 'number' ? err.code : Number(err.code);
    const failure = { error: `${err.status} ${err.message}`.slice(0, 300), code: String(err.code), ...base };
    if (err.status === 401) return { kind: 'unauthorized', ...failure };
    if (code === 10003) return { kind: 'gone', scope: 'channel', ...failure };
    if (code === 10004) return { kind: 'gone', scope: 'guild', ...failure };
    if (code === 50001 || code === 50013) return { kind: 'forbidden', missing: [], ...failure };
    if (UNSUPPORTED_CODES.has(code)) return { kind: 'unsupported', ...failure };
    if (err.status === 429 || err.status >= 500 || TRANSIENT_CODES.has(code)) return { kind: 'retry', retryAfterMs: null, ...failure };
    if (err.status === 403) return { kind: 'forbidden', missing: [], ...failure };
    if (err.status === 404) return { kind: 'gone', scope: 'channel', ...failure };
    return { kind: 'failed', ...failure };
  }
  if (err instanceof HTTPError) {
    return { kind: 'retry', error: `${err.status} ${err.message}`.slice(0, 300), code: String(err.status), retryAfterMs: null, ...base };
  }
  if (err instanceof Abandoned) {
    return { kind: 'retry', error: err.message, code: err.code, retryAfterMs: err.retryAfterMs, ...base };
  }
  const name = err instanceof Error ? err.name : '';
  const message = err instanceof Error ? err.message : String(err);
  if (name === 'AbortError' || name === 'TimeoutError') return { kind: 'retry', error: 'timed out', code: 'timeout', retryAfterMs: null, ...base };
  // Connection refused/reset and DNS errors: Discord (or the network) is away; try again later.
  return { kind: 'retry', error: message.slice(0, 300), code: 'network', retryAfterMs: null, ...base };
}

/**
 * Missing permissions according to the gateway cache, or null when the cache cannot tell (a miss is
 * never proof: only Discord's own answer disables a channel).
 */
export function cachedMissingPermissions(client: Client, channelId: string): string[] | null {
  const channel = client.channels.cache.get(channelId);
  if (channel === undefined || !('guild' in channel) || channel.isDMBased()) return null;
  const me = channel.guild.members.me;
  if (me === null) return null;
  const permissions = channel.permissionsFor(me);
  if (permissions === null) return null;
  return REQUIRED_PERMISSIONS.filter((p) => !permissions.has(p.flag)).map((p) => p.name);
}

/** Why a request was given up on before Discord answered. */
class Abandoned extends Error {
  constructor(
    message: string,
    readonly code: 'timeout' | '429' | 'aborted',
    readonly retryAfterMs: number | null,
  ) {
    super(message);
    this.name = 'Abandoned';
  }
}

/**
 * One POST with a deadline. The signal handed to discord.js cancels the queue wait and the network
 * request; a rate-limit wait inside discord.js cannot be cancelled, so the caller stops waiting for
 * it instead (the request, its signal already aborted, never reaches Discord afterwards). A wait for
 * this channel longer than the deadline is given up on at once, with Discord's Retry-After.
 */
/** Rate-limit waits reported by discord.js, routed to the sends of the channel they hold up. One listener per sender. */
type RateLimitWatch = (channelId: string, onWait: (info: RateLimitData) => void) => () => void;

function watchRateLimits(client: Client): RateLimitWatch {
  const watchers = new Map<string, Set<(info: RateLimitData) => void>>();
  client.rest.on(RESTEvents.RateLimited, (info) => {
    // A global limit holds up every channel.
    const targets = info.global ? [...watchers.values()] : [watchers.get(info.majorParameter)].filter((w) => w !== undefined);
    for (const set of targets) for (const onWait of set) onWait(info);
  });
  return (channelId, onWait) => {
    const set = watchers.get(channelId) ?? new Set();
    set.add(onWait);
    watchers.set(channelId, set);
    return () => {
      set.delete(onWait);
      if (set.size === 0) watchers.delete(channelId);
    };
  };
}

async function postWithDeadline(
  client: Client,
  watch: RateLimitWatch,
  channelId: string,
  body: object,
  timeoutMs: number,
  outer: AbortSignal | undefined,
): Promise<APIMessage> {
  const controller = new AbortController();
  const giveUp = (reason: Abandoned): void => {
    if (!controller.signal.aborted) controller.abort(reason);
  };
  const abandoned = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason as Error), { once: true });
  });
  const timer = setTimeout(() => giveUp(new Abandoned(`no answer within ${timeoutMs} ms`, 'timeout', null)), timeoutMs);
  const onStop = (): void => giveUp(new Abandoned('dispatcher stopping', 'aborted', null));
  const onRateLimited = (info: RateLimitData): void => {
    if (info.retryAfter > timeoutMs) {
      giveUp(new Abandoned(`rate limited (${info.global ? 'global' : info.scope}) for ${info.retryAfter} ms`, '429', info.retryAfter));
    }
  };
  if (outer?.aborted) onStop();
  outer?.addEventListener('abort', onStop, { once: true });
  const unwatch = watch(channelId, onRateLimited);
  const request = client.rest.post(Routes.channelMessages(channelId), { body, signal: controller.signal }) as Promise<APIMessage>;
  // Abandoned requests still settle later (with an AbortError): never an unhandled rejection.
  request.catch(() => undefined);
  try {
    return await Promise.race([request, abandoned]);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onStop);
    unwatch();
  }
}

/**
 * Posts through discord.js's REST queue, which honours the global 50 requests/s, per-route buckets
 * and Retry-After by itself. Each message carries a nonce derived from the outbox row with
 * enforce_nonce, so Discord returns the existing message instead of creating a second one: a request
 * abandoned after `requestTimeoutMs` (hung, or stuck behind a long rate limit) is retried by a later
 * pass with the same nonces. Part i of a split post carries partNonce(nonce, i).
 */
export function createDiscordSender(client: Client, opts: { readonly requestTimeoutMs?: number } = {}): SendPost {
  const timeoutMs = opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const watch = watchRateLimits(client);
  return async (post, sendOpts = {}) => {
    const missing = cachedMissingPermissions(client, post.channelId);
    if (missing !== null && missing.length > 0) {
      return {
        kind: 'forbidden',
        missing,
        error: `missing ${missing.join(', ')} (checked before sending)`,
        code: 'precheck',
        messageIds: post.sentMessageIds,
      };
    }
    const ids = [...post.sentMessageIds];
    try {
      for (let i = ids.length; i < post.messages.length; i++) {
        const first = i === 0;
        // Exactly the roles the post names may ping: never @everyone, users or other roles.
        const roles = post.roleIds ?? (post.roleId === null ? [] : [post.roleId]);
        const ping = first && roles.length > 0;
        const body = {
          ...(first && post.content !== null ? { content: post.content } : {}),
          embeds: post.messages[i],
          nonce: partNonce(post.nonce, i),
          enforce_nonce: true,
          allowed_mentions: ping ? { parse: [], roles: [...roles] } : { parse: [] },
        };
        const message = await postWithDeadline(client, watch, post.channelId, body, timeoutMs, sendOpts.signal);
        ids.push(message.id);
      }
      return { kind: 'sent', messageIds: ids };
    } catch (err) {
      return classifySendError(err, ids);
    }
  };
}
