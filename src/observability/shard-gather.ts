// The manager's side of /healthz and /metrics under SHARDS: ask every shard over IPC, wait a bounded
// time, and merge what came back with the manager's own checks and metrics. A shard that is not
// running or does not answer is named in the health report and counted 0 in caf_shard_up.
import { AggregatorRegistry, Gauge, Registry } from 'prom-client';
import { healthReport, type Check, type HealthReport } from './health.js';
import { isShardReport, REPORT_MESSAGE, type ReportRequest, type ShardMetrics, type ShardReport } from './shard-protocol.js';

/** What the manager needs of a discord.js Shard (structurally one). */
export interface ShardHandle {
  readonly id: number;
  /** The child process; null while the shard is dead (before a respawn). */
  readonly process: unknown;
  send(message: unknown): Promise<unknown>;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

/** Why a shard has no report: never spawned yet, its process is dead, or it did not answer in time. */
export type ShardAnswer =
  | { readonly shard: number; readonly state: 'answered'; readonly report: ShardReport }
  | { readonly shard: number; readonly state: 'not_started' | 'down' | 'no_answer'; readonly error?: string };

/** A healthy shard answers in milliseconds; a scrape must not wait on a stuck one for long. */
export const SHARD_ANSWER_TIMEOUT_MS = 2_000;

let lastRequestId = 0;

const askShard = (shard: ShardHandle, timeoutMs: number): Promise<ShardAnswer> => {
  if (shard.process === null) return Promise.resolve({ shard: shard.id, state: 'down' });
  const requestId = (lastRequestId += 1);
  return new Promise<ShardAnswer>((resolve) => {
    const finish = (answer: ShardAnswer): void => {
      clearTimeout(timer);
      shard.off('message', onMessage);
      resolve(answer);
    };
    const onMessage = (message: unknown): void => {
      if (isShardReport(message) && message.requestId === requestId) finish({ shard: shard.id, state: 'answered', report: message });
    };
    const timer = setTimeout(() => finish({ shard: shard.id, state: 'no_answer' }), timeoutMs);
    shard.on('message', onMessage);
    const request: ReportRequest = { [REPORT_MESSAGE]: 'request', requestId };
    // A channel closed by a dying process rejects: the shard is down, not slow.
    shard.send(request).catch((err: unknown) => finish({ shard: shard.id, state: 'down', error: (err as Error).message }));
  });
};

/** One answer per shard id 0…shardCount-1, in order, asked at once. */
export const gatherShards = (shards: ReadonlyMap<number, ShardHandle>, shardCount: number, timeoutMs = SHARD_ANSWER_TIMEOUT_MS): Promise<ShardAnswer[]> =>
  Promise.all(
    Array.from({ length: shardCount }, (_, id): Promise<ShardAnswer> => {
      const shard = shards.get(id);
      return shard ? askShard(shard, timeoutMs) : Promise.resolve({ shard: id, state: 'not_started' });
    }),
  );

/** The shard that dispatches announcements (on SQLite shard 0 alone: the dispatcher lease refuses a second). */
const DISPATCHING_SHARD = 0;

/**
 * The whole bot's health: every shard answered with a ready gateway, the manager's database answers,
 * and the dispatching shard's heartbeat is fresh. A failing shard is named in `gateway.shards`; each
 * shard's own checks are under `shards`.
 */
export const shardedHealth = (database: Check, answers: readonly ShardAnswer[]): HealthReport => {
  const failing = answers.flatMap((answer) => {
    if (answer.state !== 'answered') return [{ shard: answer.shard, state: answer.state }];
    const gateway = answer.report.health.checks.gateway;
    return gateway.ok ? [] : [{ shard: answer.shard, state: gateway.state }];
  });
  const gateway: Check = failing.length === 0 ? { ok: true, state: 'ready', shards: answers.length } : { ok: false, state: 'not_ready', shards: failing };
  const dispatcher = answers.find((answer) => answer.shard === DISPATCHING_SHARD);
  const heartbeat: Check =
    dispatcher?.state === 'answered' ? { ...dispatcher.report.health.checks.heartbeat, shard: DISPATCHING_SHARD } : { ok: false, state: 'unknown', shard: DISPATCHING_SHARD };
  return {
    ...healthReport({ gateway, database, heartbeat }),
    shards: answers.map((answer) =>
      answer.state === 'answered'
        ? { shard: answer.shard, ok: answer.report.health.ok, state: 'answered', checks: answer.report.health.checks }
        : { shard: answer.shard, ok: false, state: answer.state, ...(answer.error ? { error: answer.error } : {}) },
    ),
  };
};

/**
 * The manager's registry and every shard's, merged with prom-client's aggregator (each shard's series
 * carry its `shard` label, so nothing is summed across shards), plus caf_shard_up per shard.
 */
export const mergedMetrics = async (own: Registry, answers: readonly ShardAnswer[]): Promise<string> => {
  const scratch = new Registry();
  const shardUp = new Gauge({
    name: 'caf_shard_up',
    help: "1 when the shard's process answered the manager and its gateway is ready, else 0 (by shard).",
    labelNames: ['shard'] as const,
    registers: [scratch],
  });
  const fromShards: ShardMetrics[] = [];
  for (const answer of answers) {
    const up = answer.state === 'answered' && answer.report.health.checks.gateway.ok;
    shardUp.set({ shard: String(answer.shard) }, up ? 1 : 0);
    if (answer.state === 'answered') fromShards.push(answer.report.metrics);
  }
  const merged = AggregatorRegistry.aggregate([await own.getMetricsAsJSON(), await scratch.getMetricsAsJSON(), ...fromShards]);
  return merged.metrics();
};
