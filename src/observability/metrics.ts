// Prometheus metrics for one bot instance, in a registry of its own (never prom-client's global one),
// so tests and several bots in one process do not collide. Counters are fed by the router's observer
// and discord.js events; the outbox gauges ask the database at each scrape, so the scheduler needs no
// hook. Names are listed in README §7.
import { Events, RESTEvents, type APIRequest, type Client, type RateLimitData, type ResponseLike } from 'discord.js';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { OUTBOX_STATUSES } from '../db/announcements-schema.js';
import type { OperationsStore } from '../db/store/types.js';
import type { Logger } from '../log.js';

/** What the router reports for each interaction (structurally its InteractionSummary). */
export interface InteractionObservation {
  readonly kind: string;
  readonly command: string | null;
  readonly outcome: string;
  readonly latencyMs: number;
}

export interface BotMetrics {
  readonly registry: Registry;
  readonly contentType: string;
  recordInteraction(observation: InteractionObservation): void;
  /** Counts REST 429s and gateway reconnects of `client`; returns a function that stops counting. */
  watchClient(client: Client): () => void;
  /** The exposition text. */
  render(): Promise<string>;
}

export interface MetricsOptions {
  readonly db: Pick<OperationsStore, 'outbox'>;
  /** Every command name the bot registers: any other name (a forged payload) is counted as `unknown`. */
  readonly commandNames: readonly string[];
  /** 1 when the gateway is connected (the same answer as /healthz). */
  readonly gatewayUp: () => boolean;
  readonly log: Logger;
  /** prom-client's process metrics (event-loop lag, heap, GC…). Default true. */
  readonly processMetrics?: boolean;
  /**
   * Under SHARDS, this process's shard id: a `shard` label on every series, and no outbox gauges (the
   * manager reads those once for the whole bot). Null for a bot in one process.
   */
  readonly shard?: number | null;
}

/** Seconds; Discord's deadline for a first answer is 3 s. */
const LATENCY_BUCKETS = [0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10];

/** Kinds the router names; anything else is `other`, so a label never takes an unbounded value. */
const KINDS = new Set(['command', 'autocomplete', 'button', 'select', 'other']);

const SCOPES = new Set(['user', 'shared', 'global']);

/** The four ends of a post, from the outbox's status and late flag. */
const POST_RESULTS = ['sent', 'late', 'expired', 'failed'] as const;

export const createMetrics = (opts: MetricsOptions): BotMetrics => {
  const registry = new Registry();
  const registers = [registry];
  const known = new Set(opts.commandNames);
  const log = opts.log.child({ component: 'metrics' });
  const shard = opts.shard ?? null;
  if (shard !== null) registry.setDefaultLabels({ shard: String(shard) });

  const commandLabel = (command: string | null): string => (command === null ? 'none' : known.has(command) ? command : 'unknown');

  const interactions = new Counter({
    name: 'caf_interactions_total',
    help: 'Interactions handled, by command, kind (command, autocomplete, button, select) and outcome (ok, user_error, error, expired, unknown_command, unsupported, dropped).',
    labelNames: ['command', 'kind', 'outcome'] as const,
    registers,
  });
  const latency = new Histogram({
    name: 'caf_interaction_duration_seconds',
    help: 'Time from an interaction reaching the router to its answer being sent, by command and kind.',
    labelNames: ['command', 'kind'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const restRateLimited = new Counter({
    name: 'caf_discord_rest_429_total',
    help: 'REST responses from Discord with status 429 (rate limited), by scope (user, shared, global).',
    labelNames: ['scope'] as const,
    registers,
  });
  const restWaits = new Counter({
    name: 'caf_discord_rest_rate_limit_waits_total',
    help: "Requests discord.js held back because a known rate limit bucket was exhausted (its 'rateLimited' event), by global.",
    labelNames: ['global'] as const,
    registers,
  });
  const reconnects = new Counter({
    name: 'caf_gateway_reconnects_total',
    help: 'Gateway shard reconnect attempts (a closed connection that discord.js resumes or re-identifies).',
    registers,
  });
  const disconnects = new Counter({
    name: 'caf_gateway_disconnects_total',
    help: 'Gateway shards closed for good (an unrecoverable close code).',
    registers,
  });
  // Zero from the start, so rate() and alerts see the series before the first event.
  for (const scope of SCOPES) restRateLimited.inc({ scope }, 0);
  for (const global of ['true', 'false']) restWaits.inc({ global }, 0);
  new Gauge({
    name: 'caf_gateway_up',
    help: '1 when every gateway shard is ready, else 0.',
    registers,
    collect() {
      this.set(opts.gatewayUp() ? 1 : 0);
    },
  });

  if (shard === null) registerOutboxGauges(registry, opts.db, log);

  if (opts.processMetrics ?? true) collectDefaultMetrics({ register: registry });

  return {
    registry,
    contentType: registry.contentType,
    recordInteraction({ kind, command, outcome, latencyMs }) {
      const labels = { command: commandLabel(command), kind: KINDS.has(kind) ? kind : 'other' };
      interactions.inc({ ...labels, outcome });
      latency.observe(labels, latencyMs / 1000);
    },
    watchClient(client) {
      // 'rateLimited' fires only when discord.js waits on a bucket it knows is empty, not on a 429
      // Discord sends (discord.js #8994): the 429s themselves are counted from 'response'.
      const onResponse = (_request: APIRequest, response: ResponseLike): void => {
        if (response.status !== 429) return;
        const scope = response.headers.has('X-RateLimit-Global') ? 'global' : (response.headers.get('X-RateLimit-Scope') ?? 'user');
        restRateLimited.inc({ scope: SCOPES.has(scope) ? scope : 'other' });
      };
      const onRateLimited = (info: RateLimitData): void => restWaits.inc({ global: String(info.global) });
      const onReconnecting = (): void => reconnects.inc();
      const onDisconnect = (): void => disconnects.inc();
      client.rest.on(RESTEvents.Response, onResponse);
      client.rest.on(RESTEvents.RateLimited, onRateLimited);
      client.on(Events.ShardReconnecting, onReconnecting);
      client.on(Events.ShardDisconnect, onDisconnect);
      return () => {
        client.rest.off(RESTEvents.Response, onResponse);
        client.rest.off(RESTEvents.RateLimited, onRateLimited);
        client.off(Events.ShardReconnecting, onReconnecting);
        client.off(Events.ShardDisconnect, onDisconnect);
      };
    },
    render: () => registry.metrics(),
  };
};

/**
 * caf_outbox_rows and caf_announcement_posts: both ask the database at scrape time; a database that does
 * not answer leaves them empty (no stale numbers) and /healthz says why.
 */
export const registerOutboxGauges = (registry: Registry, db: Pick<OperationsStore, 'outbox'>, log: Logger): void => {
  const registers = [registry];
  const outboxCounts = async (gauge: Gauge<string>): Promise<readonly { status: string; late: boolean; rows: number }[] | null> => {
    try {
      return await db.outbox.countByStatusAndLate();
    } catch (err) {
      gauge.reset();
      log.warn({ err }, 'outbox metrics could not be read');
      return null;
    }
  };
  new Gauge({
    name: 'caf_outbox_rows',
    help: 'Announcement outbox rows by status (pending, sending, sent, failed, expired, cancelled).',
    labelNames: ['status'] as const,
    registers,
    async collect() {
      const rows = await outboxCounts(this);
      if (rows === null) return;
      for (const status of OUTBOX_STATUSES) {
        this.set({ status }, rows.filter((r) => r.status === status).reduce((sum, r) => sum + r.rows, 0));
      }
    },
  });
  new Gauge({
    name: 'caf_announcement_posts',
    help: 'Announcement posts by how they ended: sent (on time), late (sent after the on-time grace), expired (too late to send), failed (Discord refused it). From the outbox, so it survives restarts.',
    labelNames: ['result'] as const,
    registers,
    async collect() {
      const rows = await outboxCounts(this);
      if (rows === null) return;
      const tally = new Map<string, number>(POST_RESULTS.map((result) => [result, 0]));
      for (const r of rows) {
        const result = r.status === 'sent' ? (r.late ? 'late' : 'sent') : r.status;
        if (tally.has(result)) tally.set(result, (tally.get(result) ?? 0) + r.rows);
      }
      for (const [result, value] of tally) this.set({ result }, value);
    },
  });
};
