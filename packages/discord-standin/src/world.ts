/** What route handlers and the gateway share: state, stores, settings and counters. */
import type { Logger } from 'pino';
import type { CommandStore } from './command-store.js';
import type { SessionStartLimiter } from './gateway-limits.js';
import type { InteractionRegistry } from './interactions.js';
import type { MessageStore, UploadedFile } from './messages.js';
import type { StandinState } from './state.js';

export interface StandinSettings {
  /** enforce_nonce looks back this far (Discord: "the past few minutes"). */
  nonceWindowMs: number;
  /** The initial response must arrive within this long (Discord: 3 s), else 10062. */
  interactionDeadlineMs: number;
  /** Follow-ups and edits work this long after the interaction (Discord: 15 min), else 50027. */
  interactionTokenLifetimeMs: number;
}

export interface StandinStats {
  requests: number;
  byStatus: Record<number, number>;
  /** 429s from the optional global limit. */
  globalLimited: number;
  /** 429s from the per-route buckets. */
  routeLimited: number;
  faultsServed: number;
  unknownRoutes: number;
  nonceDeduplicated: number;
  identifies: number;
  /** IDENTIFYs answered with INVALID_SESSION because their bucket identified less than 5 s before. */
  identifiesRateLimited: number;
  /** IDENTIFYs past the daily session_start_limit (every session closed with 4004). */
  sessionStartLimitExceeded: number;
  resumes: number;
  interactionsDispatched: number;
  lateCallbacks: number;
}

export interface World {
  state: StandinState;
  messages: MessageStore;
  commands: CommandStore;
  interactions: InteractionRegistry;
  settings: StandinSettings;
  stats: StandinStats;
  /** Shard count to recommend, session start limit, identify rate (GET /gateway/bot and IDENTIFY). */
  sessionStarts: SessionStartLimiter;
  log: Logger;
  baseUrl(): string;
  gatewayUrl(): string;
}

export interface RouteContext {
  world: World;
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  files: UploadedFile[];
  now: number;
  /** Set by a handler when enforce_nonce returned an existing message. */
  markDeduplicated(): void;
}

export interface RouteResult {
  status: number;
  body?: unknown;
}

export type RouteHandler = (ctx: RouteContext) => RouteResult | Promise<RouteResult>;

export interface RouteDef {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Discord-style template: "/channels/:channel_id/messages". */
  route: string;
  handler: RouteHandler;
  /** Interaction callbacks and webhook-token routes need no Authorization header. */
  auth?: boolean;
  /** Interaction endpoints are not bound to the global rate limit. */
  globalLimit?: boolean;
}

export function newStats(): StandinStats {
  return {
    requests: 0,
    byStatus: {},
    globalLimited: 0,
    routeLimited: 0,
    faultsServed: 0,
    unknownRoutes: 0,
    nonceDeduplicated: 0,
    identifies: 0,
    identifiesRateLimited: 0,
    sessionStartLimitExceeded: 0,
    resumes: 0,
    interactionsDispatched: 0,
    lateCallbacks: 0,
  };
}
