// /healthz and /metrics under SHARDS, served by the shard manager on HTTP_PORT: at each request it asks
// every shard over IPC (shard-gather.ts) and adds its own part — the database it migrated (a connection
// of its own, no migration), the outbox gauges once for the whole bot, and its process metrics.
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { OperationsStore } from '../db/store/types.js';
import type { Logger } from '../log.js';
import { databaseCheck } from './health.js';
import { startHttpServer } from './http-server.js';
import { registerOutboxGauges } from './metrics.js';
import { gatherShards, mergedMetrics, shardedHealth, type ShardHandle } from './shard-gather.js';

export interface ManagerObservabilityOptions {
  readonly host: string;
  readonly port: number;
  /** discord.js ShardingManager.shards: filled as shards are created. */
  readonly shards: ReadonlyMap<number, ShardHandle>;
  readonly shardCount: number;
  readonly db: OperationsStore;
  readonly log: Logger;
  /** How long a shard may take to answer; default SHARD_ANSWER_TIMEOUT_MS. */
  readonly shardTimeoutMs?: number;
}

export interface ManagerObservability {
  readonly port: number;
  close(): Promise<void>;
}

export const startManagerObservability = async (opts: ManagerObservabilityOptions): Promise<ManagerObservability> => {
  const own = new Registry();
  registerOutboxGauges(own, opts.db, opts.log.child({ component: 'metrics' }));
  // The manager's own process, told apart from the shards' by its label.
  collectDefaultMetrics({ register: own, labels: { shard: 'manager' } });
  const gather = () => gatherShards(opts.shards, opts.shardCount, opts.shardTimeoutMs);
  const http = await startHttpServer({
    host: opts.host,
    port: opts.port,
    health: async () => shardedHealth(await databaseCheck(opts.db), await gather()),
    metrics: async () => mergedMetrics(own, await gather()),
    metricsContentType: own.contentType,
    log: opts.log,
  });
  return { port: http.port, close: () => http.close() };
};
