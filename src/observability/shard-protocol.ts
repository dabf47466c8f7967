// The IPC messages between the shard manager's HTTP server and its shards (discord.js ShardingManager,
// process mode): the manager asks, each shard answers with its health and its metrics as prom-client
// JSON (`Registry.getMetricsAsJSON()`), which the manager merges with `AggregatorRegistry.aggregate`.
// prom-client's own AggregatorRegistry gathers from `cluster` workers only; shards are plain child
// processes, so the asking is done here.
import type { Registry } from 'prom-client';
import type { HealthReport } from './health.js';

/** Marks the bot's own messages among discord.js's (_eval, _fetchProp…) and the bench's probe. */
export const REPORT_MESSAGE = 'cafObservabilityReport';

export interface ReportRequest {
  readonly [REPORT_MESSAGE]: 'request';
  readonly requestId: number;
}

/** One registry's metrics as prom-client JSON (each metric's `collect` function does not cross IPC). */
export type ShardMetrics = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;

export interface ShardReport {
  readonly [REPORT_MESSAGE]: 'answer';
  readonly requestId: number;
  readonly health: HealthReport;
  readonly metrics: ShardMetrics;
}

export const isReportRequest = (message: unknown): message is ReportRequest =>
  typeof message === 'object' && message !== null && (message as Record<string, unknown>)[REPORT_MESSAGE] === 'request';

export const isShardReport = (message: unknown): message is ShardReport =>
  typeof message === 'object' && message !== null && (message as Record<string, unknown>)[REPORT_MESSAGE] === 'answer';
