// One pass of the announcement dispatcher: claim → send (per channel, concurrently) → settle.
// Idempotent and driven only by the rows and the clock, so a missed heartbeat, a restart or a second
// call loses and duplicates nothing. Each channel's rows go out in due order, one at a time; channels
// do not wait for each other, and each row is settled at the time of its own send. Tested by calling
// it with explicit instants and a fake sender (and in test/scheduler/ with the stand-in).
import { setMaxListeners } from 'node:events';
import {
  DEFAULT_ON_TIME_GRACE_MS,
  factKey,
  mentionRoles,
  recapFingerprint,
  resultFingerprint,
  retryDelayMs,
  roundForClub,
  type PlanningRound,
} from '../domain/announcements.js';
import type { SubscriptionRow } from '../db/guild-settings.js';
import { DEFAULT_LANGUAGE, sharedI18n, type I18n, type Language, type Translator } from '../i18n/index.js';
import type { OutboxRow } from '../db/outbox.js';
import { operationsOf, type OperationsDb } from '../db/store/operations.js';
import type { OperationsStore } from '../db/store/types.js';
import { renderMoved, renderPreview, renderRecap, type RenderedPost } from '../discord/announcements/render.js';
import { renderMatchPost } from '../discord/announcements/render-results.js';
import type { SendOutcome, SendPost } from '../discord/announcements/sender.js';
import type { Logger } from '../log.js';
import { roundsOf, seasonFrom, type SeasonSource } from '../planning/announcements.js';
import { seasonAsOf } from '../domain/as-of.js';
import type { Season } from '../domain/types.js';
import { createSlots, type Slots } from './slots.js';

export interface TickDeps {
  /** The operations store (or a SQLite database, taken as its store). */
  readonly db: OperationsDb;
  /** The loaded seasons (each row is rendered from its own), or the one season every row reads. */
  readonly season: () => SeasonSource;
  readonly send: SendPost;
  readonly log: Logger;
  /** The bot clock, read when each send starts and ends. Default: the pass's instant throughout. */
  readonly now?: () => number;
  /** Wall-clock time for leases (they must not shrink under a fast replay clock). Default Date.now. */
  readonly realNow?: () => number;
  /** How long a claim may stay `sending` before another pass may take it back. Real ms; default 2 min. */
  readonly leaseMs?: number;
  /** Rows claimed per batch. Default 50. */
  readonly batchSize?: number;
  /** Batches one pass claims at most; what is left waits for the next pass. Default 20. */
  readonly maxBatches?: number;
  /** Sends in flight at once (channels posted to at once). discord.js still queues to 50 requests/s. Default 10. */
  readonly concurrency?: number;
  /** Send slots shared with other passes in flight; default: `concurrency` slots for this pass alone. */
  readonly slots?: Slots;
  /** Aborted when the dispatcher stops: sends in flight are abandoned and their rows released. */
  readonly signal?: AbortSignal;
  /** Sent within this long after due counts as on time. Default 5 min; scale it under a replay clock. */
  readonly onTimeGraceMs?: number;
  /** Transient failures before a row fails for good. Default 12: with the backoff that outlasts the default 6 h window, so expiry ends it first. */
  readonly maxAttempts?: number;
  /** Called once when Discord answers 401: the token is dead, dispatching must stop. */
  readonly onUnauthorized?: (detail: string) => void;
  /** The bot's translations; default: the process's shared one (sharedI18n). */
  readonly i18n?: I18n;
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
  /** Rows put back untouched: the dispatcher stopped, or a 401 halted the pass. */
  readonly released: number;
  /** Channels disabled during this pass, as `guild/channel: reason`. */
  readonly disabled: readonly string[];
  /** True when a 401 stopped the pass. */
  readonly halted: boolean;
  /** True when the pass hit maxBatches with rows possibly still due. */
  readonly truncated: boolean;
}

type Counters = { -readonly [K in keyof TickReport]: K extends 'disabled' ? string[] : TickReport[K] };

/** Everything one pass shares between its rows. */
interface Pass {
  readonly deps: TickDeps;
  readonly ops: OperationsStore;
  readonly log: Logger;
  readonly clock: () => number;
  readonly graceMs: number;
  readonly maxAttempts: number;
  readonly c: Counters;
  readonly subscriptions: Map<string, SubscriptionRow>;
  /** Channels and guilds disabled during this pass: their other claimed rows are cancelled, not sent. */
  readonly disabledChannels: Set<string>;
  readonly disabledGuilds: Set<string>;
  /** Aborted by the dispatcher's stop or by a 401 in this pass. */
  readonly signal: AbortSignal;
  readonly halt: () => void;
  readonly render: (row: OutboxRow, language: Language) => RenderedPost | Error | 'no-round';
  /** The roles a row's post mentions (its season's matches, the server's club roles). */
  readonly mentions: (row: OutboxRow, channelRole: string | null) => Promise<string[]>;
  /** What a post about results showed, recorded as its fingerprint when sent (corrections compare with it). */
  readonly shown: (row: OutboxRow) => string | undefined;
  /** A channel's post language: its own, else its server's /language choice (read once per pass), else English. */
  readonly languageOf: (sub: SubscriptionRow) => Promise<Language>;
  readonly translator: (language: Language) => Translator;
}

const channelKey = (guildId: string, channelId: string): string => `${guildId}/${channelId}`;
const subscriptionKey = (guildId: string, channelId: string, seasonId: string): string => `${guildId}/${channelId}/${seasonId}`;

/** The text above a post: the role to ping, and a note when it goes out late. */
export function postContent(roles: string | null | readonly string[], late: boolean, dueAt: number, tr?: Translator): string | null {
  const parts: string[] = [];
  const mentioned = roles === null ? [] : typeof roles === 'string' ? [roles] : roles;
  if (mentioned.length > 0) parts.push(mentioned.map((id) => `<@&${id}>`).join(' '));
  if (late) {
    // In the post's language (English without a translator, as before).
    const time = `<t:${Math.floor(dueAt / 1000)}:f>`;
    parts.push(`-# ${tr === undefined ? `Posted late: this was due ${time}.` : tr.t('announcements.post.late', { time })}`);
  }
  return parts.length === 0 ? null : parts.join('\n');
}

/**
 * Runs one pass at bot-clock instant `now`. `reclaimAll` (at startup, or on taking over the dispatcher
 * lease, when this process is the only dispatcher) takes back every `sending` row at once instead of
 * waiting for row leases to run out.
 */
export async function runTick(deps: TickDeps, now: number, opts: { readonly reclaimAll?: boolean } = {}): Promise<TickReport> {
  const pass = await openPass(deps, now);
  const { c, log, ops } = pass;
  const realNow = deps.realNow ?? Date.now;
  const batchSize = deps.batchSize ?? 50;
  const maxBatches = Math.max(1, deps.maxBatches ?? 20);
  const slots = deps.slots ?? createSlots(deps.concurrency ?? 10);

  const reclaimed = await ops.outbox.reclaimStale(opts.reclaimAll ? Number.POSITIVE_INFINITY : realNow(), now);
  c.reclaimed = reclaimed.length;
  for (const row of reclaimed) log.warn({ row: row.id, key: describe(row), attempts: row.attempts }, 'announcement reclaimed after an interrupted send');
  const expired = await ops.outbox.expireOverdue(now);
  c.expired = expired.length;
  for (const row of expired) {
    log.warn({ row: row.id, key: describe(row), dueAt: new Date(row.dueAt).toISOString(), expiresAt: new Date(row.expiresAt).toISOString() }, 'announcement expired unsent');
  }

  // Bounded: a pass ends even if claiming kept finding rows (a bug, or a flood); the next pass goes on.
  // The next batch is claimed once every channel of this one has begun sending, not once all have
  // finished: a stalled channel holds one slot, not the batches behind it. Claims stay fresh (row
  // leases) because a batch is claimed only when slots are about to free up for it.
  const channels: Promise<void>[] = [];
  for (let batch = 0; ; batch++) {
    if (pass.signal.aborted) break;
    if (batch === maxBatches) {
      c.truncated = true;
      log.warn({ batches: maxBatches, batchSize }, 'announcement pass reached its batch limit; the next tick continues');
      break;
    }
    const claimed = await ops.outbox.claimDue(now, { realNow: realNow(), leaseMs: deps.leaseMs ?? 120_000, limit: batchSize });
    if (claimed.length === 0) break;
    c.claimed += claimed.length;
    const started = byChannel(claimed).map((rows) => {
      let begin: () => void = () => undefined;
      const begun = new Promise<void>((resolve) => (begin = resolve));
      const done = sendChannel(pass, slots, rows, begin).finally(begin);
      channels.push(done);
      return begun;
    });
    await Promise.all(started);
  }
  await Promise.all(channels);

  const report: TickReport = { ...c };
  if (c.claimed + c.expired + c.reclaimed > 0) log.info({ ...report, at: new Date(now).toISOString() }, 'announcement tick');
  return report;
}

async function openPass(deps: TickDeps, now: number): Promise<Pass> {
  const ops = operationsOf(deps.db);
  const halted = new AbortController();
  const source = deps.season();
  // Each row's season, read once per pass: posts show it as known at the bot's clock, like the
  // commands (no result before it was known). Undefined: the season is no longer loaded.
  const seasons = new Map<string, { readonly full: Season; readonly view: Season; readonly rounds: Map<string, PlanningRound> } | undefined>();
  const seasonOfRow = (seasonId: string) => {
    if (!seasons.has(seasonId)) {
      const full = seasonFrom(source, seasonId);
      seasons.set(
        seasonId,
        full === undefined ? undefined : { full, view: seasonAsOf(full, new Date(now)), rounds: new Map(roundsOf(full, now).map((r) => [r.key, r])) },
      );
    }
    return seasons.get(seasonId);
  };
  const rendered = new Map<string, RenderedPost | Error>();
  const c: Counters = { reclaimed: 0, expired: 0, claimed: 0, sent: 0, late: 0, retried: 0, failed: 0, cancelled: 0, released: 0, disabled: [], halted: false, truncated: false };
  const i18n = deps.i18n ?? sharedI18n();
  const serverLanguages = new Map<string, Promise<Language | null>>();
  const clubRoles = new Map<string, Promise<Map<string, string>>>();
  const renderRound = (season: { readonly full: Season; readonly view: Season }, row: OutboxRow, round: PlanningRound, tr: Translator): RenderedPost | Error => {
    try {
      if (row.kind === 'preview') return renderPreview(season.view, round, tr);
      if (row.kind === 'recap') return renderRecap(season.view, round, tr);
      if (row.kind === 'moved') return renderMoved(season.view, round, row.moves ?? [], tr);
      return renderMatchPost(season, row, round, tr);
    } catch (err) {
      return err instanceof Error ? err : new Error(String(err));
    }
  };
  const signal = deps.signal === undefined ? halted.signal : AbortSignal.any([deps.signal, halted.signal]);
  // Every send in flight listens to it (up to the slot count): not a leak.
  setMaxListeners(0, signal);
  const enabled = await ops.settings.listEnabledSubscriptions();
  return {
    deps,
    ops,
    log: deps.log,
    clock: deps.now ?? (() => now),
    graceMs: deps.onTimeGraceMs ?? DEFAULT_ON_TIME_GRACE_MS,
    maxAttempts: deps.maxAttempts ?? 12,
    c,
    subscriptions: new Map(enabled.map((s) => [subscriptionKey(s.guildId, s.channelId, s.seasonId), s])),
    disabledChannels: new Set(),
    disabledGuilds: new Set(),
    signal,
    halt: () => {
      c.halted = true;
      halted.abort();
    },
    translator: (language) => i18n.translator(language),
    languageOf: async (sub) => {
      if (sub.language !== null) return sub.language;
      let server = serverLanguages.get(sub.guildId);
      if (server === undefined) serverLanguages.set(sub.guildId, (server = ops.settings.serverLanguage(sub.guildId)));
      return (await server) ?? DEFAULT_LANGUAGE;
    },
    // Rendered once per pass per round and language (and per change for moved notices), reused for every
    // channel. The language is read here, at render time: it is in no outbox key or nonce.
    render: (row, language) => {
      const season = seasonOfRow(row.season);
      const whole = season?.rounds.get(row.roundKey);
      // A channel following a club gets the round with only its club's matches (and its group's table).
      const round = whole === undefined ? undefined : roundForClub(whole, row.club ?? null);
      if (season === undefined || round === undefined || round.matches.length === 0) return 'no-round';
      const club = row.club ?? '';
      const perRound = row.kind === 'preview' || row.kind === 'recap';
      const key = `${row.season}:${language}:${perRound ? `${row.kind}:${row.roundKey}:${club}` : `${row.kind}:${row.roundKey}:${row.slot}:${club}`}`;
      const post = rendered.get(key) ?? renderRound(season, row, round, i18n.translator(language));
      rendered.set(key, post);
      return post;
    },
    shown: (row) => {
      const season = seasonOfRow(row.season);
      if (season === undefined) return undefined;
      if (row.kind === 'recap') {
        const whole = season.rounds.get(row.roundKey);
        const matches = whole === undefined ? [] : roundForClub(whole, row.club ?? null).matches;
        return recapFingerprint(row.fingerprint, matches);
      }
      if (row.kind === 'result' || row.kind === 'late' || (row.kind === 'correction' && /:result:\d+$/.test(row.slot))) {
        const matchId = row.kind === 'correction' ? row.slot.replace(/:result:\d+$/, '') : row.slot;
        const match = season.full.matches.find((m) => m.id === matchId);
        return match === undefined ? undefined : resultFingerprint(match);
      }
      return undefined;
    },
    // A club channel's post mentions the roles of the clubs playing in it (the server's club roles,
    // read once per pass per server), else the channel's role (planning's postMentions, over the store).
    mentions: async (row, channelRole) => {
      const season = seasonOfRow(row.season);
      if (season === undefined) return [];
      const club = row.club ?? null;
      if (club === null) return mentionRoles(row.guildId, [], null, channelRole, new Map());
      const round = season.rounds.get(row.roundKey);
      const matches = round === undefined ? [] : roundForClub(round, club).matches;
      let roles = clubRoles.get(row.guildId);
      if (roles === undefined) clubRoles.set(row.guildId, (roles = ops.clubRoles.clubRolesOf(row.guildId)));
      return mentionRoles(row.guildId, matches, club, channelRole, await roles);
    },
  };
}

/** A batch's rows per channel, each list in due order (a 24h preview never overtakes the 1h one after a downtime). */
function byChannel(rows: readonly OutboxRow[]): OutboxRow[][] {
  const channels = new Map<string, OutboxRow[]>();
  for (const row of rows) {
    const key = channelKey(row.guildId, row.channelId);
    const list = channels.get(key);
    if (list) list.push(row);
    else channels.set(key, [row]);
  }
  return [...channels.values()];
}

/** One channel's rows, one after another; each send waits for a free slot. `begin` fires as the first starts. */
async function sendChannel(pass: Pass, slots: Slots, rows: readonly OutboxRow[], begin: () => void): Promise<void> {
  for (const row of rows) {
    await slots.run(() => {
      begin();
      return sendRow(pass, row);
    });
  }
}

// ---- send ----

async function sendRow(pass: Pass, row: OutboxRow): Promise<void> {
  const { deps, c, ops } = pass;
  const key = subscriptionKey(row.guildId, row.channelId, row.season);
  // A channel set up while this pass runs is not in the map yet: look it up once.
  const sub = pass.subscriptions.get(key) ?? enabledOrUndefined(await ops.settings.getSubscription(row.guildId, row.channelId, row.season));
  if (sub !== undefined) pass.subscriptions.set(key, sub);
  if (sub === undefined || pass.disabledChannels.has(channelKey(row.guildId, row.channelId)) || pass.disabledGuilds.has(row.guildId)) {
    return settleCancelled(pass, row, 'channel disabled');
  }
  if (pass.signal.aborted) return settleReleased(pass, row, row.messageIds);
  // A late result the round's recap showed after all (the recap went out after the result came in,
  // just before this row in the channel's due order) needs no follow-up.
  if (row.kind === 'late' && (await ops.outbox.postedFacts(row.guildId, row.channelId, row.season, row.id)).get(factKey(row.slot, 'result'))?.fromRecap === true) {
    return settleCancelled(pass, row, 'the round recap showed this result');
  }
  const language = await pass.languageOf(sub);
  const post = pass.render(row, language);
  if (post === 'no-round') return settleCancelled(pass, row, `round ${row.roundKey} of ${row.season} is no longer in the season data`);
  if (post instanceof Error) {
    await ops.outbox.settlePostFailed(row, { message: `render failed: ${post.message}`, code: 'render' }, pass.clock(), row.messageIds);
    c.failed += 1;
    pass.log.error({ err: post, row: row.id, key: describe(row) }, 'announcement could not be rendered');
    return;
  }
  const lateAtStart = isLate(row, pass.clock(), pass.graceMs);
  // A club channel's post mentions its clubs' roles (/announcements roles), else the channel's role.
  const mentions = await pass.mentions(row, sub.roleId);
  let outcome: SendOutcome;
  try {
    outcome = await deps.send(
      {
        guildId: row.guildId,
        channelId: row.channelId,
        nonce: row.nonce,
        messages: post.messages,
        content: postContent(mentions, lateAtStart, row.dueAt, pass.translator(language)),
        roleId: mentions[0] ?? null,
        roleIds: mentions,
        sentMessageIds: row.messageIds,
      },
      { signal: pass.signal },
    );
  } catch (err) {
    // A sender must return outcomes; a throw is a bug, treated as transient so nothing is lost.
    outcome = { kind: 'retry', error: err instanceof Error ? err.message : String(err), code: 'sender', retryAfterMs: null, messageIds: row.messageIds };
  }
  // The time of this send, not of the pass: a slow channel's lateness is its own.
  const at = pass.clock();
  await settle(pass, row, sub, outcome, at, lateAtStart || isLate(row, at, pass.graceMs));
}

// ---- settle: one function per outcome, each one store call (one transaction) ----

function settle(pass: Pass, row: OutboxRow, sub: SubscriptionRow, outcome: SendOutcome, at: number, late: boolean): Promise<void> {
  // Stopping (or a 401 elsewhere in this pass) abandoned the send: the row goes back as it was.
  if (outcome.kind !== 'sent' && outcome.kind !== 'unauthorized' && pass.signal.aborted) return settleReleased(pass, row, outcome.messageIds);
  switch (outcome.kind) {
    case 'sent':
      return settleSent(pass, row, outcome.messageIds, at, late);
    case 'retry':
      return settleRetry(pass, row, outcome, at);
    case 'gone':
      return settleGone(pass, row, outcome, at);
    case 'forbidden':
      return settleRefused(pass, row, outcome, at);
    case 'unsupported':
      return settleUnsupportedChannel(pass, row, outcome, at);
    case 'unauthorized':
      return settleTokenRejected(pass, row, outcome, at);
    case 'failed':
      return settleFailed(pass, row, outcome, at, sub);
  }
}

type Outcome<K extends SendOutcome['kind']> = Extract<SendOutcome, { kind: K }>;

async function settleSent(pass: Pass, row: OutboxRow, messageIds: readonly string[], at: number, late: boolean): Promise<void> {
  if (!(await pass.ops.outbox.settlePostSent(row, messageIds, late, at, pass.shown(row)))) return;
  pass.c.sent += 1;
  if (late) pass.c.late += 1;
  pass.log.info({ row: row.id, key: describe(row), messageIds, late }, late ? 'announcement sent late' : 'announcement sent');
}

async function settleRetry(pass: Pass, row: OutboxRow, outcome: Outcome<'retry'>, at: number): Promise<void> {
  if (row.attempts >= pass.maxAttempts) {
    await pass.ops.outbox.settlePostFailed(row, { message: `gave up after ${row.attempts} attempts: ${outcome.error}`, code: outcome.code }, at, outcome.messageIds);
    pass.c.failed += 1;
    pass.log.warn({ row: row.id, key: describe(row), code: outcome.code }, 'announcement failed after repeated transient errors');
    return;
  }
  const next = at + Math.max(retryDelayMs(row.attempts), outcome.retryAfterMs ?? 0);
  await pass.ops.outbox.settlePostRetry(row, { message: outcome.error, code: outcome.code }, next, at, outcome.messageIds);
  pass.c.retried += 1;
  pass.log.warn({ row: row.id, key: describe(row), code: outcome.code, error: outcome.error, nextAttemptAt: new Date(next).toISOString() }, 'announcement will be retried');
}

async function settleGone(pass: Pass, row: OutboxRow, outcome: Outcome<'gone'>, at: number): Promise<void> {
  const disabled = await pass.ops.outbox.settleChannelGone(row, outcome.scope, { message: outcome.error, code: outcome.code }, at, outcome.messageIds);
  pass.c.failed += 1;
  if (outcome.scope === 'guild') markDisabled(pass, row.guildId, null, disabled ?? 'guild_gone');
  else if (disabled !== null) markDisabled(pass, row.guildId, row.channelId, disabled);
  pass.log.warn({ guildId: row.guildId, channelId: row.channelId, code: outcome.code }, 'announcement channel is gone; disabled');
}

async function settleRefused(pass: Pass, row: OutboxRow, outcome: Outcome<'forbidden'>, at: number): Promise<void> {
  const detail = outcome.missing.length > 0 ? `missing ${outcome.missing.join(', ')}` : `Discord ${outcome.code ?? '403'}`;
  const { failures, disabled } = await pass.ops.outbox.settleForbidden(row, detail, { message: outcome.error, code: outcome.code }, at, outcome.messageIds);
  pass.c.failed += 1;
  if (disabled !== null) markDisabled(pass, row.guildId, row.channelId, disabled);
  pass.log.warn({ row: row.id, guildId: row.guildId, channelId: row.channelId, code: outcome.code, failures, disabled: disabled !== null }, 'announcement refused: missing permissions');
}

async function settleUnsupportedChannel(pass: Pass, row: OutboxRow, outcome: Outcome<'unsupported'>, at: number): Promise<void> {
  const disabled = await pass.ops.outbox.settleUnsupported(row, { message: outcome.error, code: outcome.code }, at, outcome.messageIds);
  pass.c.failed += 1;
  if (disabled !== null) markDisabled(pass, row.guildId, row.channelId, disabled);
  pass.log.warn({ guildId: row.guildId, channelId: row.channelId, code: outcome.code }, 'announcement channel cannot take posts; disabled');
}

async function settleTokenRejected(pass: Pass, row: OutboxRow, outcome: Outcome<'unauthorized'>, at: number): Promise<void> {
  // Not the row's fault: put it back untouched and stop everything.
  await pass.ops.outbox.settleUnauthorized(row, at, outcome.messageIds);
  pass.c.released += 1;
  if (pass.c.halted) return;
  pass.halt();
  pass.log.fatal({ code: outcome.code }, 'Discord rejected the bot token (401); announcements stopped');
  pass.deps.onUnauthorized?.(outcome.error);
}

async function settleFailed(pass: Pass, row: OutboxRow, outcome: Outcome<'failed'>, at: number, sub: SubscriptionRow): Promise<void> {
  await pass.ops.outbox.settlePostFailed(row, { message: outcome.error, code: outcome.code }, at, outcome.messageIds);
  pass.c.failed += 1;
  pass.log.error({ row: row.id, key: describe(row), code: outcome.code, error: outcome.error, subscription: sub.id }, 'announcement failed');
}

async function settleCancelled(pass: Pass, row: OutboxRow, reason: string): Promise<void> {
  await pass.ops.outbox.settlePostCancelled(row, reason, pass.clock());
  pass.c.cancelled += 1;
}

async function settleReleased(pass: Pass, row: OutboxRow, messageIds: readonly string[]): Promise<void> {
  await pass.ops.outbox.settleUnauthorized(row, pass.clock(), messageIds);
  pass.c.released += 1;
}

function markDisabled(pass: Pass, guildId: string, channelId: string | null, reason: string): void {
  if (channelId === null) pass.disabledGuilds.add(guildId);
  else pass.disabledChannels.add(channelKey(guildId, channelId));
  pass.c.disabled.push(`${guildId}/${channelId ?? '*'}: ${reason}`);
}

const isLate = (row: Pick<OutboxRow, 'dueAt'>, at: number, graceMs: number): boolean => at - row.dueAt > graceMs;

const enabledOrUndefined = (row: SubscriptionRow | null): SubscriptionRow | undefined => (row !== null && row.enabled ? row : undefined);

const describe = (row: Pick<OutboxRow, 'guildId' | 'channelId' | 'season' | 'kind' | 'roundKey' | 'slot'>): string =>
  `${row.guildId}/${row.channelId} ${row.season} ${row.kind} ${row.roundKey} ${row.slot}`;
