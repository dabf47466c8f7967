/**
 * What Discord checks before it starts a gateway session (events/gateway.mdx, "Sharding", "Identifying",
 * "Session Start Limit Object"):
 * - `shard: [id, n]` must have 0 <= id < n (close 4010 Invalid shard), `n` a multiple of the shard
 *   number of a bot under large bot sharding (4010 too), and a session may not be routed more than
 *   2,500 guilds (close 4011 Sharding required);
 * - IDENTIFYs are rate limited per bucket `shard_id % max_concurrency`: one per 5 s each; a faster one
 *   is answered with INVALID_SESSION (op 9, d: false) and starts nothing;
 * - every session start counts against a daily `session_start_limit.total` (1,000): past it, Discord
 *   ends every session and resets the token.
 */

export interface SessionStartLimitOptions {
  /** Session starts allowed per window (Discord: 1,000 a day). */
  total?: number;
  /** Window length in ms (Discord: 24 h). */
  resetAfterMs?: number;
  /** Identify buckets per interval (Discord: 1 for most bots, 16+ for large ones). */
  maxConcurrency?: number;
}

export interface GatewayLimitsOptions {
  /** `shards` in GET /gateway/bot: the count Discord recommends (default 1). */
  recommendedShards: number;
  sessionStartLimit: Required<SessionStartLimitOptions>;
  /** One IDENTIFY per bucket per this many ms (Discord: 5,000); null = not enforced. */
  identifyIntervalMs: number | null;
  /** Guilds one session may be routed before close 4011 (Discord: 2,500). */
  maxGuildsPerSession: number;
  /** Large bot sharding: the shard count must be a multiple of this (else 4010); null = any count. */
  shardCountMultipleOf: number | null;
}

export type ShardCheck =
  | { ok: true; shard: [number, number] }
  | { ok: false; code: 4010 | 4011; reason: string };

/** Validates `d.shard` of an IDENTIFY as Discord does; `guildsFor(id, n)` counts the guilds it would route. */
export function checkShard(
  raw: unknown,
  guildsFor: (id: number, count: number) => number,
  limits: Pick<GatewayLimitsOptions, 'maxGuildsPerSession' | 'shardCountMultipleOf'>,
): ShardCheck {
  let shard: [number, number] = [0, 1];
  if (raw !== undefined && raw !== null) {
    if (!Array.isArray(raw) || raw.length !== 2) return { ok: false, code: 4010, reason: 'Invalid shard.' };
    shard = [Number(raw[0]), Number(raw[1])];
  }
  const [id, count] = shard;
  if (!Number.isInteger(id) || !Number.isInteger(count) || id < 0 || count < 1 || id >= count) {
    return { ok: false, code: 4010, reason: 'Invalid shard.' };
  }
  // A bot moved to large bot sharding must run a multiple of the shard number Discord gave it.
  if (limits.shardCountMultipleOf !== null && count % limits.shardCountMultipleOf !== 0) return { ok: false, code: 4010, reason: 'Invalid shard.' };
  if (guildsFor(id, count) > limits.maxGuildsPerSession) return { ok: false, code: 4011, reason: 'Sharding required.' };
  return { ok: true, shard };
}

export class SessionStartLimiter {
  private windowStart: number | null = null;
  private used = 0;
  private readonly lastIdentifyByBucket = new Map<number, number>();

  constructor(readonly opts: GatewayLimitsOptions) {}

  private roll(now: number): void {
    if (this.windowStart !== null && now - this.windowStart >= this.opts.sessionStartLimit.resetAfterMs) {
      this.windowStart = null;
      this.used = 0;
    }
  }

  /** The `session_start_limit` object of GET /gateway/bot. */
  snapshot(now: number): { total: number; remaining: number; reset_after: number; max_concurrency: number } {
    this.roll(now);
    const { total, resetAfterMs, maxConcurrency } = this.opts.sessionStartLimit;
    return {
      total,
      remaining: Math.max(0, total - this.used),
      reset_after: this.windowStart === null ? resetAfterMs : this.windowStart + resetAfterMs - now,
      max_concurrency: maxConcurrency,
    };
  }

  /**
   * Decides one IDENTIFY for `shardId`: 'rateLimited' when its bucket identified less than the
   * interval ago (nothing counted), 'exhausted' when the daily total is spent, else 'ok' (counted).
   */
  admit(shardId: number, now: number): 'ok' | 'rateLimited' | 'exhausted' {
    this.roll(now);
    const bucket = shardId % this.opts.sessionStartLimit.maxConcurrency;
    const last = this.lastIdentifyByBucket.get(bucket);
    const interval = this.opts.identifyIntervalMs;
    if (interval !== null && last !== undefined && now - last < interval) return 'rateLimited';
    if (this.used >= this.opts.sessionStartLimit.total) return 'exhausted';
    this.windowStart ??= now;
    this.used += 1;
    this.lastIdentifyByBucket.set(bucket, now);
    return 'ok';
  }
}
