/**
 * Discord's two REST limiters (topics/rate-limits.mdx): per-route buckets, keyed by route + method and
 * the top-level resource (channel, guild, webhook), which report X-RateLimit-* on every response; and an
 * optional global limit per bot token. Both use fixed windows that open on the first request.
 */
import { createHash } from 'node:crypto';
import { compilePathPattern, type PathPattern } from './pattern.js';

export interface RouteLimitRule {
  method?: string;
  pathPattern: PathPattern;
  limit: number;
  windowSeconds: number;
}

export interface BucketLimit {
  limit: number;
  windowSeconds: number;
}

export interface RateLimitVerdict {
  limited: boolean;
  /** Seconds until the window reopens (for 429s). */
  retryAfter: number;
  headers: Record<string, string>;
}

interface Window {
  resetAt: number;
  used: number;
}

/** A stable opaque bucket id per method + route template, like Discord's hashes. */
export function bucketHash(method: string, route: string): string {
  return createHash('sha1').update(`${method} ${route}`).digest('hex').slice(0, 16);
}

const seconds = (ms: number) => (Math.max(0, ms) / 1000).toFixed(3);

export class RouteRateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly rules: { method?: string; matches: (path: string) => boolean; limit: BucketLimit }[];

  constructor(
    private readonly fallback: BucketLimit,
    rules: readonly RouteLimitRule[] = [],
  ) {
    this.rules = rules.map((r) => ({
      method: r.method?.toUpperCase(),
      matches: compilePathPattern(r.pathPattern),
      limit: { limit: r.limit, windowSeconds: r.windowSeconds },
    }));
  }

  limitFor(method: string, path: string): BucketLimit {
    return this.rules.find((r) => (!r.method || r.method === method) && r.matches(path))?.limit ?? this.fallback;
  }

  /** Counts one request against its bucket and returns the headers Discord would send with the response. */
  take(method: string, route: string, path: string, major: string, now: number): RateLimitVerdict {
    const rule = this.limitFor(method, path);
    const hash = bucketHash(method, route);
    const key = `${hash}:${major}`;
    let window = this.windows.get(key);
    if (!window || now >= window.resetAt) {
      window = { resetAt: now + rule.windowSeconds * 1000, used: 0 };
      this.windows.set(key, window);
    }
    const limited = window.used >= rule.limit;
    if (!limited) window.used += 1;
    const resetAfterMs = window.resetAt - now;
    return {
      limited,
      retryAfter: resetAfterMs / 1000,
      headers: {
        'X-RateLimit-Limit': String(rule.limit),
        'X-RateLimit-Remaining': String(Math.max(0, rule.limit - window.used)),
        'X-RateLimit-Reset': (window.resetAt / 1000).toFixed(3),
        'X-RateLimit-Reset-After': seconds(resetAfterMs),
        'X-RateLimit-Bucket': hash,
      },
    };
  }

  clear(): void {
    this.windows.clear();
  }
}

/** At most `perSecond` requests per token per second; the excess gets a global 429. */
export class GlobalRateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly perSecond: number) {}

  take(token: string, now: number): { limited: boolean; retryAfter: number } {
    let window = this.windows.get(token);
    if (!window || now >= window.resetAt) {
      window = { resetAt: now + 1000, used: 0 };
      this.windows.set(token, window);
    }
    if (window.used >= this.perSecond) return { limited: true, retryAfter: (window.resetAt - now) / 1000 };
    window.used += 1;
    return { limited: false, retryAfter: 0 };
  }
}

/** Headers and body of a 429, as Discord sends them. */
export function rateLimitedResponse(opts: {
  retryAfter: number;
  global: boolean;
  scope: 'user' | 'global' | 'shared';
  limit: number;
  bucket: string;
  now: number;
  code?: number;
}): { headers: Record<string, string>; body: Record<string, unknown> } {
  const retryAfter = Math.max(0.001, opts.retryAfter);
  const headers: Record<string, string> = {
    'Retry-After': String(Number(retryAfter.toFixed(3))),
    'X-RateLimit-Limit': String(opts.limit),
    'X-RateLimit-Remaining': '0',
    'X-RateLimit-Reset': ((opts.now + retryAfter * 1000) / 1000).toFixed(3),
    'X-RateLimit-Reset-After': retryAfter.toFixed(3),
    'X-RateLimit-Bucket': opts.bucket,
    'X-RateLimit-Scope': opts.scope,
  };
  if (opts.global) headers['X-RateLimit-Global'] = 'true';
  const body: Record<string, unknown> = {
    message: 'You are being rate limited.',
    retry_after: Number(retryAfter.toFixed(3)),
    global: opts.global,
  };
  if (opts.code !== undefined) body.code = opts.code;
  return { headers, body };
}
