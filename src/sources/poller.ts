// Keeps one season current from its source. Each poll is a conditional GET (ETag / If-Modified-Since);
// 304 or the same bytes change nothing. A new body is read and validated, the editors' overrides are
// applied on top, and only then is the season handed to `apply` (the store imports it in one
// transaction). A source that fails (network, HTTP status, timeout, a broken file, a failed import)
// changes nothing: the last good season stays, each distinct problem is logged once, and the next
// poll backs off (exponential, with jitter, up to 6 hours) until a poll succeeds again.
import { createHash } from 'node:crypto';
import { diffSeasons, isEmptyDiff, summarizeDiff, type SeasonDiff } from '../domain/season-diff.js';
import { applyOverrides, type Override, type OverrideConflict } from '../domain/overrides.js';
import type { Season } from '../domain/types.js';
import type { Logger } from '../log.js';
import { redactUrlCredentials } from '../log.js';
import { SourceProblem, type SeasonReader } from './readers.js';

export const MAX_BACKOFF_MS = 6 * 3_600_000;
const DEFAULT_TIMEOUT_MS = 30_000;
/** A season file is a few hundred kilobytes; anything near this is not one. */
const MAX_BODY_BYTES = 20 * 1024 * 1024;

export interface SourceUpdate {
  /** The season with the editors' overrides on top: what is served. */
  readonly season: Season;
  /** The season as the source gave it (the base an import applies the overrides to). */
  readonly source: Season;
  readonly diff: SeasonDiff;
  /** `3 results, 1 kickoff moved, 2 goals` */
  readonly summary: string;
  /** Source values that differ from an editor's override (the override was kept). */
  readonly conflicts: readonly OverrideConflict[];
  /** The sha256 (hex) of the body it was read from: what the import records. */
  readonly hash: string;
}

export type PollOutcome =
  | { readonly kind: 'updated'; readonly update: SourceUpdate; readonly nextPollMs: number }
  | { readonly kind: 'unchanged'; readonly reason: 'not-modified' | 'same-body' | 'no-change'; readonly nextPollMs: number }
  | { readonly kind: 'failed'; readonly problem: string; readonly failures: number; readonly nextPollMs: number };

export interface SourcePollerOptions {
  readonly seasonId: string;
  readonly url: string;
  /** The normal interval between polls. */
  readonly everyMs: number;
  /** The season as loaded now: the last good data, and what the first update is compared with. */
  readonly initial: Season;
  readonly read: SeasonReader;
  /** Imports the season (one transaction). A throw keeps the last good data and counts as a failure. */
  readonly apply: (season: Season, update: SourceUpdate) => void | Promise<void>;
  /** The editors' overrides, read at each update (from the database: a promise on PostgreSQL). */
  readonly overrides?: () => readonly Override[] | Promise<readonly Override[]>;
  /**
   * The season as served now (the store's: edits saved since the last update included), what an
   * update is compared with; without it (or when it gives undefined), the last good season.
   */
  readonly served?: () => Season | undefined;
  readonly logger: Logger;
  readonly fetch?: typeof globalThis.fetch;
  readonly timeoutMs?: number;
  /** [0, 1): the jitter of the back-off. */
  readonly random?: () => number;
  /** Schedules the next poll; returns a cancel function. Tests pass their own. */
  readonly schedule?: (run: () => void, delayMs: number) => () => void;
}

export interface SourcePoller {
  /** One poll now (a poll already running is joined, not doubled). */
  readonly pollOnce: () => Promise<PollOutcome>;
  /** Polls now, then after each outcome's delay, until `stop`. */
  readonly start: () => void;
  readonly stop: () => void;
  /** The last good season. */
  readonly current: () => Season;
}

/** The delay before poll n+1 after n failures in a row: between half and all of min(6 h, every·2ⁿ). */
export const backoffMs = (everyMs: number, failures: number, random: number): number => {
  const ceiling = Math.min(MAX_BACKOFF_MS, everyMs * 2 ** Math.min(failures, 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
};

const defaultSchedule = (run: () => void, delayMs: number): (() => void) => {
  const timer = setTimeout(run, delayMs);
  timer.unref();
  return () => clearTimeout(timer);
};

/** undici refuses a URL with credentials: they travel as a Basic Authorization header instead. */
const requestOf = (url: string): { href: string; headers: Record<string, string> } => {
  const parsed = new URL(url);
  if (parsed.username === '' && parsed.password === '') return { href: parsed.href, headers: {} };
  const credentials = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
  parsed.username = '';
  parsed.password = '';
  return { href: parsed.href, headers: { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` } };
};

const describeFetchError = (err: unknown, timeoutMs: number): string => {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return `no answer within ${timeoutMs / 1000} s`;
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : null;
  const code = cause && 'code' in cause && typeof cause.code === 'string' ? cause.code : null;
  return `cannot be fetched: ${code ?? cause?.message ?? (err instanceof Error ? err.message : String(err))}`;
};

export function createSourcePoller(options: SourcePollerOptions): SourcePoller {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const random = options.random ?? Math.random;
  const schedule = options.schedule ?? defaultSchedule;
  const shownUrl = redactUrlCredentials(options.url);
  const log = options.logger.child({ season: options.seasonId, source: shownUrl });
  const request = requestOf(options.url);

  let current = options.initial;
  let etag: string | null = null;
  let lastModified: string | null = null;
  /** The sha256 of the last body that was applied or found invalid: the same bytes are not read twice. */
  let lastBodyHash: string | null = null;
  /** What was wrong with that body; null when it was good. */
  let lastBodyProblem: string | null = null;
  let failures = 0;
  /** Problems logged since the last success: each is logged once. */
  const logged = new Set<string>();
  const loggedConflicts = new Set<string>();
  let running: Promise<PollOutcome> | null = null;
  let cancel: (() => void) | null = null;
  let stopped = true;

  const succeeded = (): number => {
    if (failures > 0 || logged.size > 0) log.info({ failures }, 'season source answers again');
    failures = 0;
    logged.clear();
    return options.everyMs;
  };

  const failed = (problem: string): PollOutcome => {
    failures += 1;
    if (!logged.has(problem)) {
      logged.add(problem);
      log.warn({ problem, failures }, 'season source unusable; the last good data stays');
    }
    const nextPollMs = backoffMs(options.everyMs, failures, random());
    log.debug({ failures, nextPollMs }, 'season source: backing off');
    return { kind: 'failed', problem, failures, nextPollMs };
  };

  /** Remembers the body and its validators, so an unchanged source answers 304 next time. */
  const remember = (response: Response, hash: string, problem: string | null): void => {
    etag = response.headers.get('etag');
    lastModified = response.headers.get('last-modified');
    lastBodyHash = hash;
    lastBodyProblem = problem;
  };
  /** The source still serves the body already read: a good one changes nothing, a broken one stays broken. */
  const sameAsBefore = (reason: 'not-modified' | 'same-body'): PollOutcome =>
    lastBodyProblem === null ? { kind: 'unchanged', reason, nextPollMs: succeeded() } : failed(lastBodyProblem);

  const logConflicts = (conflicts: readonly OverrideConflict[]): void => {
    for (const c of conflicts) {
      const key = JSON.stringify([c.match, c.field, c.sourceValue, c.overrideValue, c.journal]);
      if (loggedConflicts.has(key)) continue;
      loggedConflicts.add(key);
      log.warn({ match: c.match, field: c.field, sourceValue: c.sourceValue, overrideValue: c.overrideValue, journal: c.journal }, 'season source differs from an override; the override stays');
    }
  };

  const poll = async (): Promise<PollOutcome> => {
    const headers: Record<string, string> = { ...request.headers, accept: '*/*' };
    if (etag !== null) headers['if-none-match'] = etag;
    if (lastModified !== null) headers['if-modified-since'] = lastModified;
    let response: Response;
    let body: string;
    try {
      response = await fetchImpl(request.href, { headers, signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
      if (response.status === 304) {
        await response.body?.cancel();
        return sameAsBefore('not-modified');
      }
      if (!response.ok) {
        await response.body?.cancel();
        return failed(`answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
      }
      const declared = Number(response.headers.get('content-length') ?? '0');
      if (declared > MAX_BODY_BYTES) {
        await response.body?.cancel();
        return failed(`sends ${declared} bytes, more than a season file (${MAX_BODY_BYTES})`);
      }
      body = await response.text();
      if (body.length > MAX_BODY_BYTES) return failed(`sends more than a season file (${MAX_BODY_BYTES} bytes)`);
    } catch (err) {
      return failed(describeFetchError(err, timeoutMs));
    }
    const hash = createHash('sha256').update(body).digest('hex');
    if (hash === lastBodyHash) {
      // The source ignored the validators (or has none) but sent the same bytes.
      remember(response, hash, lastBodyProblem);
      return sameAsBefore('same-body');
    }

    let season: Season;
    try {
      season = options.read(body);
    } catch (err) {
      if (!(err instanceof SourceProblem)) throw err;
      // The bytes are broken, not the connection: no need to fetch them again until they change.
      remember(response, hash, err.message);
      return failed(err.message);
    }
    const merged = applyOverrides(season, (await options.overrides?.()) ?? []);
    const diff = diffSeasons(options.served?.() ?? current, merged.season);
    // Nothing fans would see changed. Still imported when the source now differs from an editor's
    // override: the store keeps the source's data as the season's base and reports the conflict to
    // editors (notice, /edit log); otherwise they would never hear of it.
    const onlyOverridden = isEmptyDiff(diff) && merged.conflicts.length > 0;
    if (isEmptyDiff(diff) && !onlyOverridden) {
      remember(response, hash, null);
      logConflicts(merged.conflicts);
      return { kind: 'unchanged', reason: 'no-change', nextPollMs: succeeded() };
    }
    const summary = onlyOverridden ? 'no change to what is served (the source differs where editors overrode it)' : summarizeDiff(diff);
    const update: SourceUpdate = { season: merged.season, source: season, diff, summary, conflicts: merged.conflicts, hash };
    try {
      await options.apply(merged.season, update);
    } catch (err) {
      // Validators not remembered: the same body is fetched and applied again next time.
      return failed(`could not be imported: ${err instanceof Error ? err.message : String(err)}`);
    }
    remember(response, hash, null);
    current = merged.season;
    logConflicts(merged.conflicts);
    log.info({ changes: update.summary, results: diff.resultsAdded, kickoffsMoved: diff.kickoffsMoved }, `season updated from its source: ${update.summary}`);
    return { kind: 'updated', update, nextPollMs: succeeded() };
  };

  const pollOnce = (): Promise<PollOutcome> => {
    running ??= poll().finally(() => {
      running = null;
    });
    return running;
  };

  const loop = (): void => {
    cancel = null;
    void pollOnce()
      // Not a SourceProblem (a bug, an unreadable clubs file): logged once like any problem, the data
      // kept, polls at the back-off pace.
      .catch((err: unknown): PollOutcome => failed(`failed unexpectedly: ${err instanceof Error ? err.message : String(err)}`))
      .then((outcome) => {
        if (!stopped) cancel = schedule(loop, outcome.nextPollMs);
      });
  };

  return {
    pollOnce,
    start: () => {
      if (!stopped) return;
      stopped = false;
      loop();
    },
    stop: () => {
      stopped = true;
      cancel?.();
      cancel = null;
    },
    current: () => current,
  };
}
