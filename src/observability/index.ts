// The observability of one running bot, assembled for the composition root (app.ts), which loads this
// module only when HTTP_PORT is set: a bot without it pays nothing for prom-client. A shard (SHARDS)
// serves no HTTP: its manager does, and asks each shard over IPC (manager.ts, shard-reporter.ts).
import type { Client } from 'discord.js';
import type { OperationsStore } from '../db/store/types.js';
import type { Logger } from '../log.js';
import { databaseCheck, gatewayCheck, healthReport, heartbeatCheck, type HealthReport } from './health.js';
import { startHttpServer } from './http-server.js';
import { createMetrics, type InteractionObservation } from './metrics.js';
import { answerManagerRequests } from './shard-reporter.js';

export interface Observability {
  /** The router's observer. */
  recordInteraction(observation: InteractionObservation): void;
  health(): Promise<HealthReport>;
  /** The port actually bound (HTTP_PORT=0 picks one); null in a shard, whose manager serves HTTP. */
  readonly port: number | null;
  close(): Promise<void>;
}

export interface ObservabilityOptions {
  readonly host: string;
  readonly port: number;
  readonly client: Client;
  readonly db: OperationsStore;
  readonly commandNames: readonly string[];
  /** This process's dispatcher lease holder once announcements run, else null. */
  readonly heartbeatHolder: () => string | null;
  /** This process's last heartbeat (real ms), where no dispatcher lease is held (PostgreSQL). */
  readonly lastBeat?: () => number | null;
  readonly log: Logger;
  /** Real wall-clock ms. Default Date.now. */
  readonly realNow?: () => number;
  /** This process's shard id under SHARDS: report to the manager over IPC instead of listening. */
  readonly shard?: number | null;
}

export const startObservability = async (opts: ObservabilityOptions): Promise<Observability> => {
  const realNow = opts.realNow ?? Date.now;
  const health = async (): Promise<HealthReport> => {
    const [database, heartbeat] = await Promise.all([
      databaseCheck(opts.db),
      heartbeatCheck({ db: opts.db, holder: opts.heartbeatHolder, realNow, ...(opts.lastBeat === undefined ? {} : { lastBeat: opts.lastBeat }) }),
    ]);
    return healthReport({ gateway: gatewayCheck(opts.client), database, heartbeat });
  };
  const shard = opts.shard ?? null;
  const metrics = createMetrics({
    db: opts.db,
    commandNames: opts.commandNames,
    gatewayUp: () => gatewayCheck(opts.client).ok,
    log: opts.log,
    shard,
  });
  const unwatch = metrics.watchClient(opts.client);
  const recordInteraction = (observation: InteractionObservation): void => metrics.recordInteraction(observation);
  if (shard !== null) {
    const stopAnswering = answerManagerRequests({ health, metrics: () => metrics.registry.getMetricsAsJSON(), log: opts.log });
    return {
      recordInteraction,
      health,
      port: null,
      close: () => {
        stopAnswering();
        unwatch();
        return Promise.resolve();
      },
    };
  }
  const http = await startHttpServer({
    host: opts.host,
    port: opts.port,
    health,
    metrics: () => metrics.render(),
    metricsContentType: metrics.contentType,
    log: opts.log,
  }).catch((err: unknown) => {
    unwatch();
    throw err;
  });
  return {
    recordInteraction,
    health,
    port: http.port,
    close: async () => {
      unwatch();
      await http.close();
    },
  };
};
