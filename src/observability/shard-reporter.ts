// A shard's side of the manager's /healthz and /metrics: it serves no HTTP itself (shards of one host
// would need a port each); it answers the manager's IPC request with its health and metrics.
import type { Logger } from '../log.js';
import type { HealthReport } from './health.js';
import { isReportRequest, REPORT_MESSAGE, type ShardMetrics, type ShardReport } from './shard-protocol.js';

export interface ShardReporterOptions {
  readonly health: () => Promise<HealthReport>;
  readonly metrics: () => Promise<ShardMetrics>;
  readonly log: Logger;
}

/** Listens on this process's IPC channel (discord.js's ShardingManager opened it); returns a function that stops. */
export const answerManagerRequests = (opts: ShardReporterOptions): (() => void) => {
  const onMessage = (message: unknown): void => {
    if (!isReportRequest(message)) return;
    const { requestId } = message;
    Promise.all([opts.metrics(), opts.health()])
      .then(([metrics, health]) => {
        const report: ShardReport = { [REPORT_MESSAGE]: 'answer', requestId, health, metrics };
        // The manager may be gone (shutting down): nothing to answer to, nothing to crash on.
        process.send?.(report, undefined, undefined, (err: Error | null) => {
          if (err) opts.log.warn({ err }, 'could not answer the shard manager');
        });
      })
      .catch((err: unknown) => opts.log.error({ err }, 'observability report failed'));
  };
  process.on('message', onMessage);
  return () => {
    process.off('message', onMessage);
  };
};
