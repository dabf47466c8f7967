/**
 * The REST pipeline for one request: strip /api/v{n}, match the route, check auth, serve injected
 * faults, apply the global and per-route limiters, run the handler, and record everything.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError } from './errors.js';
import { faultErrorBody, type FaultInjector, type FaultSpec } from './faults.js';
import { parseBody, readRaw, send } from './http-io.js';
import { bucketHash, rateLimitedResponse, type GlobalRateLimiter, type RouteRateLimiter } from './rate-limits.js';
import type { Router } from './router.js';
import type { RecordedRequest } from './types.js';
import type { World } from './world.js';

export interface UnknownRoute {
  method: string;
  path: string;
  at: number;
}

export interface RestPipeline {
  world: World;
  router: Router;
  faults: FaultInjector;
  routeLimiter: RouteRateLimiter;
  globalLimiter: GlobalRateLimiter | null;
  /** When set, only these bot tokens are accepted (others → 401). */
  validTokens: ReadonlySet<string> | null;
  requests: RecordedRequest[];
  unknownRoutes: UnknownRoute[];
  tokens: Set<string>;
}

type Outcome = { status: number; body?: unknown; headers?: Record<string, string>; cause?: RecordedRequest['cause'] };

function splitPath(pathname: string): { path: string; apiVersion: string | null } {
  let path = pathname.startsWith('/api/') || pathname === '/api' ? pathname.slice(4) : pathname;
  const versioned = /^\/v(\d+)(\/.*)?$/.exec(path);
  if (!versioned) return { path: path || '/', apiVersion: null };
  path = versioned[2] ?? '/';
  return { path, apiVersion: versioned[1] ?? null };
}

/** discord.js escapes route segments ("@original" → "%40original"); tests read and match the decoded form. */
function decodePath(pathname: string): string {
  return pathname
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/');
}

const header = (req: IncomingMessage, name: string): string | null => {
  const value = req.headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
};

function faultOutcome(spec: FaultSpec, method: string, route: string, limit: number, now: number): Outcome {
  const status = spec.status ?? 500;
  if (status === 429) {
    const global = spec.global === true;
    const { headers, body } = rateLimitedResponse({
      retryAfter: spec.retryAfterSeconds ?? 1,
      global,
      scope: global ? 'global' : (spec.scope ?? 'user'),
      limit,
      bucket: bucketHash(method, route),
      now,
      code: spec.code,
    });
    return { status, body, headers, cause: 'fault' };
  }
  return { status, body: faultErrorBody(spec, status), cause: 'fault' };
}

export async function handleRest(p: RestPipeline, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const startedAt = Date.now();
  const { world } = p;
  const url = new URL(req.url ?? '/', 'http://standin.local');
  const { path, apiVersion } = splitPath(decodePath(url.pathname));
  const method = (req.method ?? 'GET').toUpperCase();
  const authorization = header(req, 'authorization');
  const record: RecordedRequest = {
    seq: p.requests.length + 1,
    method,
    path,
    route: null,
    query: Object.fromEntries(url.searchParams),
    body: null,
    files: [],
    headers: {
      authorization,
      userAgent: header(req, 'user-agent'),
      contentType: header(req, 'content-type'),
      auditLogReason: header(req, 'x-audit-log-reason'),
    },
    apiVersion,
    status: 0,
    errorCode: null,
    cause: null,
    deduplicated: false,
    startedAt,
    durationMs: 0,
  };

  const outcome = await decide(p, req, record, url, path, method, authorization).catch((error: unknown): Outcome => {
    if (error instanceof ApiError) return { status: error.status, body: error.toBody() };
    world.log.error({ err: error, method, path }, 'stand-in: handler crashed');
    return { status: 500, body: { message: '500: Internal Server Error', code: 0 } };
  });

  record.status = outcome.status;
  record.cause = outcome.cause ?? null;
  const code = (outcome.body as { code?: unknown } | undefined)?.code;
  record.errorCode = outcome.status >= 400 && typeof code === 'number' ? code : null;
  record.durationMs = Date.now() - startedAt;
  p.requests.push(record);
  world.stats.requests += 1;
  world.stats.byStatus[outcome.status] = (world.stats.byStatus[outcome.status] ?? 0) + 1;
  if (!res.destroyed) send(res, outcome.status, outcome.body, outcome.headers);
  world.state.changed();
}

async function decide(
  p: RestPipeline,
  req: IncomingMessage,
  record: RecordedRequest,
  url: URL,
  path: string,
  method: string,
  authorization: string | null,
): Promise<Outcome> {
  const { world } = p;
  const parsed = await parseBody(await readRaw(req), header(req, 'content-type') ?? undefined);
  record.body = parsed.body;
  record.files = parsed.files;

  const match = p.router.match(method, path);
  if (match === undefined || match === 'method') {
    p.unknownRoutes.push({ method, path, at: Date.now() });
    world.stats.unknownRoutes += 1;
    world.log.warn({ method, path }, `stand-in: UNKNOWN ROUTE ${method} ${path} — the stand-in does not implement it`);
    return match === 'method'
      ? { status: 405, body: { message: '405: Method Not Allowed', code: 0 } }
      : { status: 404, body: { message: '404: Not Found', code: 0 } };
  }
  const { def, params, major } = match;
  record.route = def.route;

  let token: string | null = null;
  if (def.auth !== false) {
    const bot = authorization ? /^Bot\s+(\S+)$/.exec(authorization) : null;
    token = bot?.[1] ?? null;
    if (!token || (p.validTokens && !p.validTokens.has(token))) {
      return { status: 401, body: { message: '401: Unauthorized', code: 0 } };
    }
    p.tokens.add(token);
  }

  const now = Date.now();
  const fault = p.faults.take(method, path);
  if (fault) {
    if (fault.delayMs) await sleep(fault.delayMs);
    if (fault.status !== undefined) {
      world.stats.faultsServed += 1;
      return faultOutcome(fault, method, def.route, p.routeLimiter.limitFor(method, path).limit, Date.now());
    }
  }

  if (p.globalLimiter && def.globalLimit !== false && token) {
    const verdict = p.globalLimiter.take(token, now);
    if (verdict.limited) {
      world.stats.globalLimited += 1;
      const limited = rateLimitedResponse({ retryAfter: verdict.retryAfter, global: true, scope: 'global', limit: p.routeLimiter.limitFor(method, path).limit, bucket: bucketHash(method, def.route), now });
      return { status: 429, ...limited, cause: 'global' };
    }
  }

  const bucket = p.routeLimiter.take(method, def.route, path, major, now);
  if (bucket.limited) {
    world.stats.routeLimited += 1;
    const limited = rateLimitedResponse({ retryAfter: bucket.retryAfter, global: false, scope: 'user', limit: Number(bucket.headers['X-RateLimit-Limit']), bucket: bucketHash(method, def.route), now });
    return { status: 429, ...limited, cause: 'route' };
  }

  try {
    const result = await def.handler({
      world,
      method,
      path,
      params,
      query: url.searchParams,
      body: parsed.body,
      files: parsed.files,
      now,
      markDeduplicated: () => {
        record.deduplicated = true;
        world.stats.nonceDeduplicated += 1;
      },
    });
    return { status: result.status, body: result.body, headers: bucket.headers };
  } catch (error) {
    if (error instanceof ApiError) return { status: error.status, body: error.toBody(), headers: bucket.headers };
    throw error;
  }
}
