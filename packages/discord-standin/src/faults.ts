/**
 * Fault injection: the next `times` requests matching method + path get a Discord-shaped error
 * (or a delay) instead of the normal answer.
 */
import { compilePathPattern, type PathPattern } from './pattern.js';
import { STATUS_MESSAGES, messageForCode } from './errors.js';

export type FaultStatus = 400 | 401 | 403 | 404 | 429 | 500 | 502 | 503;

export interface FaultSpec {
  /** Any method when omitted. */
  method?: string;
  pathPattern: PathPattern;
  /** Omit together with `delayMs` to only slow the request down (then it is handled normally). */
  status?: FaultStatus;
  /** Discord JSON code. Defaults: 403 → 50013, 404 → 10003, 400 → 50035, others → 0. */
  code?: number;
  message?: string;
  /** How many matching requests fail (default 1; Infinity = until cleared). */
  times?: number;
  /** 429 only: seconds in Retry-After / retry_after (default 1; fractions allowed). */
  retryAfterSeconds?: number;
  /** 429 only: a global rate limit (X-RateLimit-Global, scope "global"). */
  global?: boolean;
  /** 429 only: X-RateLimit-Scope when not global (default "user"). */
  scope?: 'user' | 'shared';
  /** Wait this long before answering (models a slow Discord; combine with the client's `rest.timeout`). */
  delayMs?: number;
}

export interface FaultHandle {
  readonly spec: Readonly<FaultSpec>;
  /** Requests this fault has answered so far. */
  readonly hits: number;
  readonly remaining: number;
  cancel(): void;
}

interface ActiveFault {
  spec: FaultSpec;
  matches: (path: string) => boolean;
  hits: number;
  remaining: number;
}

const DEFAULT_CODES: Partial<Record<number, number>> = { 403: 50013, 404: 10003, 400: 50035 };

export function faultErrorBody(spec: FaultSpec, status: number): { code: number; message: string } {
  const code = spec.code ?? DEFAULT_CODES[status] ?? 0;
  const message = spec.message ?? (code === 0 ? (STATUS_MESSAGES[status] ?? String(status)) : messageForCode(code, status));
  return { code, message };
}

export class FaultInjector {
  private faults: ActiveFault[] = [];

  inject(spec: FaultSpec): FaultHandle {
    if (spec.status === undefined && spec.delayMs === undefined) {
      throw new Error('stand-in: a fault needs a status, a delayMs, or both');
    }
    const fault: ActiveFault = {
      spec: { ...spec },
      matches: compilePathPattern(spec.pathPattern),
      hits: 0,
      remaining: spec.times ?? 1,
    };
    this.faults.push(fault);
    return {
      spec: fault.spec,
      get hits() {
        return fault.hits;
      },
      get remaining() {
        return fault.remaining;
      },
      cancel: () => {
        fault.remaining = 0;
      },
    };
  }

  /** The first armed fault matching this request, with one use consumed. */
  take(method: string, path: string): FaultSpec | undefined {
    const fault = this.faults.find(
      (f) => f.remaining > 0 && (!f.spec.method || f.spec.method.toUpperCase() === method) && f.matches(path),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    fault.hits += 1;
    this.faults = this.faults.filter((f) => f.remaining > 0);
    return fault.spec;
  }

  clear(): void {
    this.faults = [];
  }
}
