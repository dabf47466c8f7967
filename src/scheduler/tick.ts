// One pass of the announcement dispatcher: reclaim, expire, claim, render, send, settle.
// Idempotent and driven only by the rows and `now`, so a missed heartbeat, a restart or a second
// call loses and duplicates nothing. Tested by calling it with explicit instants and a fake sender.
import {
  DEFAULT_ON_TIME_GRACE_MS,
  retryDelayMs,
  timeliness,
  type PlanningRound,
} from '../domain/announcements.js';
import type { Season } from '../domain/types.js';
import {
  DISABLED_REASONS,
  disableGuild,
  disableSubscription,
  getSubscription,
  listEnabledSubscriptions,
  recordPermissionFailure,
  resetPermissionFailures,
  type SubscriptionRow,
} from '../db/guild-settings.js';
import {
  claimDue,
  expireOverdue,
  reclaimStale,
  recordPartsSent,
  settleCancelled,
  settleFailed,
  settleRetry,
  settleSent,
  type OutboxRow,
  type SyncDb,
} from '../db/outbox.js';
import { renderMoved, renderPreview, renderRecap, type RenderedPost } from '../discord/announcements/render.js';
import type { SendOutcome, SendPost } from '../discord/announcements/sender.js';
import type { Logger } from '../log.js';
import { roundsOf } from '../planning/announcements.js';

export interface TickDeps {
  readonly db: SyncDb;
  readonly season: () => Season;
  readonly send: SendPost;
  readonly log: Logger;
  /** Wall-clock time for leases (they must not shrink under a fast replay clock). Default Date.now. */
  readonly realNow?: () => number;
  /** How long a claim may stay `sending` before another pass may take it back. Real ms; default 2 min. */
  readonly leaseMs?: number;
  /** Rows claimed per batch; a tick claims batches until nothing is due. Default 50. */
  readonly batchSize?: number;
  /** Channels posted to at once. discord.js still queues to 50 requests/s. Default 10. */
  readonly concurrency?: number;
  /** Sent within this long after due counts as on time. Default 5 min; scale it under a replay clock. */
  readonly onTimeGraceMs?: number;
  /** Transient failures before a row fails for good. Default 12: with the backoff that outlasts the default 6 h window, so expiry ends it first. */
  readonly maxAttempts?: number;
  /** Called once when Discord answers 401: the token is dead, dispatching must stop. */
  readonly onUnauthorized?: (detail: string) => void;
}

export interface TickReport {
  readonly reclaimed: number;
  readonly expired: number;
  readonly claimed: number;
  readonly sent: number;
  readonly late: number;
  readonly retried: number;
  readonly failed: number;
  readonly cancelled: number;
  /** Channels disabled during this pass, as `guild/channel: reason`. */
  readonly disabled: readonly string[];
  /** True when a 401 stopped the pass. */
  readonly halted: boolean;
}

interface Counters {
  reclaimed: number;
  expired: number;
  claimed: number;
  sent: number;
  late: number;
  retried: number;
  failed: number;
  cancelled: number;
  disabled: string[];
  halted: boolean;
}

const channelKey = (guildId: string, channelId: string): string => `${guildId}/${channelId}`;

/** The text above a post: the role to ping, and a note when it goes out late. */
export function postContent(roleId: string | null, late: boolean, dueAt: number): string | null {
  const parts: string[] = [];
  if (roleId !== null) parts.push(`<@&${roleId}>`);
  if (late) parts.push(`-# Posted late: this was due <t:${Math.floor(dueAt / 1000)}:f>.`);
  return parts.length === 0 ? null : parts.join('\n');
}

/**
 * Runs one pass at bot-clock instant `now`. `reclaimAll` (at startup, when this process is the only
 * dispatcher) takes back every `sending` row at once instead of waiting for leases to run out.
 */
export async function runTick(deps: TickDeps, now: number, opts: { readonly reclaimAll?: boolean } = {}): Promise<TickReport> {
  const realNow = deps.realNow ?? Date.now;
  const leaseMs = deps.leaseMs ?? 120_000;
  const batchSize = deps.batchSize ?? 50;
  const concurrency = Math.max(1, deps.concurrency ?? 10);
  const graceMs = deps.onTimeGraceMs ?? DEFAULT_ON_TIME_GRACE_MS;
  const maxAttempts = deps.maxAttempts ?? 12;
  const log = deps.log;
  const c: Counters = { reclaimed: 0, expired: 0, claimed: 0, sent: 0, late: 0, retried: 0, failed: 0, cancelled: 0, disabled: [], halted: false };

  const reclaimed = reclaimStale(deps.db, opts.reclaimAll ? Number.POSITIVE_INFINITY : realNow(), now);
  c.reclaimed = reclaimed.length;
  for (const row of reclaimed) log.warn({ row: row.id, key: describe(row), attempts: row.attempts }, 'announcement reclaimed after an interrupted send');

  const expired = expireOverdue(deps.db, now);
  c.expired = expired.length;
  for (const row of expired) {
    log.warn({ row: row.id, key: describe(row), dueAt: new Date(row.dueAt).toISOString(), expiresAt: new Date(row.expiresAt).toISOString() }, 'announcement expired unsent');
  }

  const season = deps.season();
  const rounds = new Map(roundsOf(season).map((r) => [r.key, r]));
  const rendered = new Map<string, RenderedPost | Error>();
  const subscriptions = new Map(listEnabledSubscriptions(deps.db).map((s) => [channelKey(s.guildId, s.channelId), s]));
  // Channels and guilds disabled during this pass: their other claimed rows are cancelled, not sent.
  const disabledChannels = new Set<string>();
  const disabledGuilds = new Set<string>();
  const markDisabled = (guildId: string, channelId: string | null, reason: string): void => {
    if (channelId === null) disabledGuilds.add(guildId);
    else disabledChannels.add(channelKey(guildId, channelId));
    c.disabled.push(`${guildId}/${channelId ?? '*'}: ${reason}`);
  };

  const renderFor = (row: OutboxRow, round: PlanningRound): RenderedPost | Error => {
    // Rendered once per tick per round (and per change for moved notices), reused for every channel.
    const key = row.kind === 'moved' ? `moved:${row.roundKey}:${row.slot}` : `${row.kind}:${row.roundKey}`;
    const cached = rendered.get(key);
    if (cached !== undefined) return cached;
    let post: RenderedPost | Error;
    try {
      post =
        row.kind === 'preview'
          ? renderPreview(season, round)
          : row.kind === 'recap'
            ? renderRecap(season, round)
            : renderMoved(season, round, row.moves ?? []);
    } catch (err) {
      post = err instanceof Error ? err : new Error(String(err));
    }
    rendered.set(key, post);
    return post;
  };

  const settle = (row: OutboxRow, sub: SubscriptionRow, outcome: SendOutcome, late: boolean): void => {
    const at = now;
    switch (outcome.kind) {
      case 'sent':
        if (settleSent(deps.db, row.id, outcome.messageIds, late, at)) {
          c.sent += 1;
          if (late) c.late += 1;
          resetPermissionFailures(deps.db, row.guildId, row.channelId);
          log.info({ row: row.id, key: describe(row), messageIds: outcome.messageIds, late }, late ? 'announcement sent late' : 'announcement sent');
        }
        return;
      case 'retry': {
        if (row.attempts >= maxAttempts) {
          settleFailed(deps.db, row.id, { message: `gave up after ${row.attempts} attempts: ${outcome.error}`, code: outcome.code }, at);
          c.failed += 1;
          log.warn({ row: row.id, key: describe(row), code: outcome.code }, 'announcement failed after repeated transient errors');
          return;
        }
        const next = at + Math.max(retryDelayMs(row.attempts), outcome.retryAfterMs ?? 0);
        settleRetry(deps.db, row.id, { message: outcome.error, code: outcome.code }, next, at, outcome.messageIds);
        c.retried += 1;
        log.warn({ row: row.id, key: describe(row), code: outcome.code, error: outcome.error, nextAttemptAt: new Date(next).toISOString() }, 'announcement will be retried');
        return;
      }
      case 'gone': {
        settleFailed(deps.db, row.id, { message: outcome.error, code: outcome.code }, at);
        c.failed += 1;
        if (outcome.scope === 'guild') {
          disableGuild(deps.db, row.guildId, at);
          markDisabled(row.guildId, null, DISABLED_REASONS.guildGone);
        } else if (disableSubscription(deps.db, row.guildId, row.channelId, DISABLED_REASONS.channelDeleted, at)) {
          markDisabled(row.guildId, row.channelId, DISABLED_REASONS.channelDeleted);
        }
        log.warn({ guildId: row.guildId, channelId: row.channelId, code: outcome.code }, 'announcement channel is gone; disabled');
        return;
      }
      case 'forbidden': {
        settleFailed(deps.db, row.id, { message: outcome.error, code: outcome.code }, at);
        c.failed += 1;
        const detail = outcome.missing.length > 0 ? `missing ${outcome.missing.join(', ')}` : `Discord ${outcome.code ?? '403'}`;
        const { failures, disabled } = recordPermissionFailure(deps.db, row.guildId, row.channelId, detail, at);
        if (disabled) markDisabled(row.guildId, row.channelId, DISABLED_REASONS.missingPermissions);
        log.warn({ row: row.id, guildId: row.guildId, channelId: row.channelId, code: outcome.code, failures, disabled }, 'announcement refused: missing permissions');
        return;
      }
      case 'unsupported':
        settleFailed(deps.db, row.id, { message: outcome.error, code: outcome.code }, at);
        c.failed += 1;
        if (disableSubscription(deps.db, row.guildId, row.channelId, `${DISABLED_REASONS.unsupportedChannel}: ${outcome.code}`, at)) {
          markDisabled(row.guildId, row.channelId, DISABLED_REASONS.unsupportedChannel);
        }
        log.warn({ guildId: row.guildId, channelId: row.channelId, code: outcome.code }, 'announcement channel cannot take posts; disabled');
        return;
      case 'unauthorized':
        // Not the row's fault: put it back untouched and stop everything.
        settleRetry(deps.db, row.id, { message: outcome.error, code: outcome.code }, at, at, outcome.messageIds);
        if (!c.halted) {
          c.halted = true;
          log.fatal({ code: outcome.code }, 'Discord rejected the bot token (401); announcements stopped');
          deps.onUnauthorized?.(outcome.error);
        }
        return;
      case 'failed':
        settleFailed(deps.db, row.id, { message: outcome.error, code: outcome.code }, at);
        c.failed += 1;
        log.error({ row: row.id, key: describe(row), code: outcome.code, error: outcome.error, subscription: sub.id }, 'announcement failed');
        return;
    }
  };

  const handle = async (row: OutboxRow): Promise<void> => {
    const key = channelKey(row.guildId, row.channelId);
    // A channel set up while this pass runs is not in the map yet: look it up once.
    const sub = subscriptions.get(key) ?? enabledOrUndefined(getSubscription(deps.db, row.guildId, row.channelId));
    if (sub !== undefined) subscriptions.set(key, sub);
    if (sub === undefined || disabledChannels.has(key) || disabledGuilds.has(row.guildId)) {
      settleCancelled(deps.db, row.id, 'channel disabled', now);
      c.cancelled += 1;
      return;
    }
    if (c.halted) {
      settleRetry(deps.db, row.id, { message: 'dispatch halted (401)', code: '401' }, now, now, row.messageIds);
      return;
    }
    const round = rounds.get(row.roundKey);
    if (round === undefined) {
      settleCancelled(deps.db, row.id, `round ${row.roundKey} is no longer in the season data`, now);
      c.cancelled += 1;
      return;
    }
    const post = renderFor(row, round);
    if (post instanceof Error) {
      settleFailed(deps.db, row.id, { message: `render failed: ${post.message}`, code: 'render' }, now);
      c.failed += 1;
      log.error({ err: post, row: row.id, key: describe(row) }, 'announcement could not be rendered');
      return;
    }
    const late = timeliness(row, now, graceMs) === 'late';
    let outcome: SendOutcome;
    try {
      outcome = await deps.send({
        guildId: row.guildId,
        channelId: row.channelId,
        nonce: row.nonce,
        messages: post.messages,
        content: postContent(sub.roleId, late, row.dueAt),
        roleId: sub.roleId,
        sentMessageIds: row.messageIds,
      });
    } catch (err) {
      // A sender must return outcomes; a throw is a bug, treated as transient so nothing is lost.
      outcome = { kind: 'retry', error: err instanceof Error ? err.message : String(err), code: 'sender', retryAfterMs: null, messageIds: row.messageIds };
    }
    if (outcome.kind !== 'sent' && outcome.messageIds.length > row.messageIds.length) {
      recordPartsSent(deps.db, row.id, outcome.messageIds, now);
    }
    settle(row, sub, outcome, late);
  };

  for (;;) {
    if (c.halted) break;
    const batch = claimDue(deps.db, now, { realNow: realNow(), leaseMs, limit: batchSize });
    if (batch.length === 0) break;
    c.claimed += batch.length;
    await inChannelOrder(batch, concurrency, handle);
  }

  const report: TickReport = { ...c };
  if (c.claimed + c.expired + c.reclaimed > 0) log.info({ ...report, at: new Date(now).toISOString() }, 'announcement tick');
  return report;
}

/**
 * Runs rows with bounded concurrency across channels while keeping each channel's rows in due order
 * (a 24h preview never overtakes the 1h one after a downtime).
 */
async function inChannelOrder(rows: readonly OutboxRow[], concurrency: number, work: (row: OutboxRow) => Promise<void>): Promise<void> {
  const byChannel = new Map<string, OutboxRow[]>();
  for (const row of rows) {
    const key = channelKey(row.guildId, row.channelId);
    const list = byChannel.get(key);
    if (list) list.push(row);
    else byChannel.set(key, [row]);
  }
  const queues = [...byChannel.values()];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < queues.length) {
      const queue = queues[next++]!;
      for (const row of queue) await work(row);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queues.length) }, worker));
}

const enabledOrUndefined = (row: SubscriptionRow | null): SubscriptionRow | undefined => (row !== null && row.enabled ? row : undefined);

const describe = (row: Pick<OutboxRow, 'guildId' | 'channelId' | 'kind' | 'roundKey' | 'slot'>): string =>
  `${row.guildId}/${row.channelId} ${row.kind} ${row.roundKey} ${row.slot}`;
