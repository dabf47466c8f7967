import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Override } from '../../src/domain/overrides.js';
import type { Season } from '../../src/domain/types.js';
import { parseSeason } from '../../src/season/parse.js';
import { backoffMs, createSourcePoller, MAX_BACKOFF_MS, type SourcePollerOptions, type SourceUpdate } from '../../src/sources/poller.js';
import { seasonJsonReader } from '../../src/sources/readers.js';
import { captureLog, clSeasonFile, matchOf, startLocalSource, withoutResult, type LocalSource } from './support.js';

const ID = 'caf-cl-2023-24';
const EVERY = 15 * 60_000;

/** The season before the final's second leg: what the bot has loaded when the test starts. */
const beforeFinal = () => {
  const file = clSeasonFile();
  withoutResult(file, 'F-L2');
  file.champion = null;
  return file;
};
const asSeason = (file: unknown): Season => parseSeason(file, 'test').season;
const text = (file: unknown) => `${JSON.stringify(file, null, 2)}\n`;

let source: LocalSource;
let log: ReturnType<typeof captureLog>;
let applied: { season: Season; update: SourceUpdate }[];

beforeEach(async () => {
  source = await startLocalSource();
  log = captureLog();
  applied = [];
});
afterEach(async () => {
  await source.close();
});

const poller = (extra: Partial<SourcePollerOptions> = {}) =>
  createSourcePoller({
    seasonId: ID,
    url: source.url,
    everyMs: EVERY,
    initial: asSeason(beforeFinal()),
    read: seasonJsonReader({ id: ID }, source.url),
    apply: (season, update) => {
      applied.push({ season, update });
    },
    logger: log.logger,
    random: () => 0.5,
    ...extra,
  });

const warnings = () => log.lines().filter((l) => l.level === 40);

describe('a season-json source that changes between polls', () => {
  test('unchanged, then 304, then a new result, then a moved kickoff: apply gets each valid season with its summary', async () => {
    const p = poller();
    source.serve({ body: text(beforeFinal()), etag: '"v1"' });
    expect(await p.pollOnce()).toMatchObject({ kind: 'unchanged', reason: 'no-change', nextPollMs: EVERY });

    expect(await p.pollOnce()).toMatchObject({ kind: 'unchanged', reason: 'not-modified', nextPollMs: EVERY });
    expect(source.requests.at(-1)?.['if-none-match']).toBe('"v1"');
    expect(applied).toEqual([]);

    // The final's second leg is played: Al Ahly 1-0, one scorer.
    const v2 = clSeasonFile();
    Object.assign(matchOf(v2, 'F-L2'), { goals: [{ team: 'Al Ahly SC', player: 'Test Scorer', minute: '25', type: 'regular' }] });
    source.serve({ body: text(v2), etag: '"v2"' });
    const second = await p.pollOnce();
    expect(second).toMatchObject({ kind: 'updated', nextPollMs: EVERY });
    expect(applied).toHaveLength(1);
    const final = applied[0]?.season.matches.find((m) => m.id === 'F-L2');
    expect(final).toMatchObject({ status: 'played', score: { home: 1, away: 0 } });
    expect(applied[0]?.season.champion).toBe('al-ahly-sc');
    expect(applied[0]?.update.summary).toBe('1 result, 1 goal');
    expect(applied[0]?.update.diff.resultsAdded).toEqual(['F-L2']);
    expect(p.current().matches.find((m) => m.id === 'F-L2')?.score).toEqual({ home: 1, away: 0 });

    // A kickoff time published for the first semi-final's second leg.
    const v3 = structuredClone(v2);
    matchOf(v3, 'SF1-L2').kickoff = '2024-04-26T19:00:00Z';
    source.serve({ body: text(v3), lastModified: 'Fri, 26 Apr 2024 08:00:00 GMT' });
    expect(await p.pollOnce()).toMatchObject({ kind: 'updated' });
    expect(applied[1]?.update.summary).toBe('1 kickoff moved');
    expect(applied[1]?.season.matches.find((m) => m.id === 'SF1-L2')?.kickoff).toBe('2024-04-26T19:00:00Z');
    // Now the source sends Last-Modified only: the next request carries it, and a 304 changes nothing.
    expect(await p.pollOnce()).toMatchObject({ kind: 'unchanged', reason: 'not-modified' });
    expect(source.requests.at(-1)?.['if-modified-since']).toBe('Fri, 26 Apr 2024 08:00:00 GMT');
    expect(source.requests.at(-1)?.['if-none-match']).toBeUndefined();
    expect(applied).toHaveLength(2);

    const updates = log.lines().filter((l) => typeof l.msg === 'string' && l.msg.startsWith('season updated from its source'));
    expect(updates.map((l) => l.msg)).toEqual(['season updated from its source: 1 result, 1 goal', 'season updated from its source: 1 kickoff moved']);
    expect(updates[0]).toMatchObject({ season: ID, source: source.url, changes: '1 result, 1 goal' });
  });

  test('a broken file keeps the last good season and is logged once, however often it is polled; a fixed file is applied', async () => {
    const p = poller();
    const broken = text(clSeasonFile()).slice(0, 5_000);
    source.serve({ body: broken }); // no validators: the same bytes come back each time
    for (let i = 0; i < 3; i += 1) expect(await p.pollOnce()).toMatchObject({ kind: 'failed', failures: i + 1 });
    source.serve({ body: broken, etag: '"broken"' }); // with an ETag: 304s of a broken file stay failures
    expect(await p.pollOnce()).toMatchObject({ kind: 'failed', failures: 4 });
    expect(await p.pollOnce()).toMatchObject({ kind: 'failed', failures: 5 });
    expect(source.requests.at(-1)?.['if-none-match']).toBe('"broken"');
    expect(applied).toEqual([]);
    expect(p.current().matches.find((m) => m.id === 'F-L2')?.status).toBe('scheduled');
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]?.problem).toMatch(/^not JSON: /);

    // A second, different problem: valid JSON, but a club the season does not have. Logged once too.
    const invalid = clSeasonFile();
    matchOf(invalid, 'F-L2').home = 'Nobody FC';
    source.serve({ body: text(invalid) });
    await p.pollOnce();
    await p.pollOnce();
    expect(warnings()).toHaveLength(2);
    expect(warnings()[1]?.problem).toMatch(/^is not a valid season file \(\d+ problem\(s\)\):\nmatches\[\d+\]\.home: .*Nobody FC/);

    // Another season's file at this URL is refused too.
    const other = beforeFinal();
    other.id = 'caf-cl-2024-25';
    source.serve({ body: text(other) });
    expect(await p.pollOnce()).toMatchObject({ kind: 'failed', problem: 'serves the season "caf-cl-2024-25", not "caf-cl-2023-24"' });

    source.serve({ body: text(clSeasonFile()), etag: '"fixed"' });
    expect(await p.pollOnce()).toMatchObject({ kind: 'updated', nextPollMs: EVERY });
    expect(applied.map((a) => a.update.summary)).toEqual(['1 result']);
    expect(log.lines().some((l) => l.msg === 'season source answers again')).toBe(true);

    // After recovering, the first problem is news again: logged once more.
    source.serve({ body: broken });
    await p.pollOnce();
    await p.pollOnce();
    expect(warnings()).toHaveLength(4);
  });

  test('HTTP 500: the delay grows with jitter up to 6 h, and a good answer resets it', async () => {
    let jitter = 0;
    const p = poller({ random: () => jitter });
    source.serve({ status: 500, body: 'oops' });
    const delays: number[] = [];
    for (let failures = 1; failures <= 8; failures += 1) {
      jitter = failures % 2 === 0 ? 0 : 0.999_999;
      const outcome = await p.pollOnce();
      expect(outcome).toMatchObject({ kind: 'failed', problem: 'answered HTTP 500 Internal Server Error', failures });
      const ceiling = Math.min(MAX_BACKOFF_MS, EVERY * 2 ** failures);
      expect(outcome.nextPollMs).toBeGreaterThanOrEqual(ceiling / 2);
      expect(outcome.nextPollMs).toBeLessThanOrEqual(ceiling);
      delays.push(outcome.nextPollMs);
    }
    // 15 min · 2ⁿ: 30 min, 1 h, 2 h, 4 h, then the 6 h ceiling.
    expect(delays.map((d) => Math.round(d / 60_000))).toEqual([30, 30, 120, 120, 360, 180, 360, 180]);
    expect(warnings()).toHaveLength(1);
    expect(applied).toEqual([]);

    source.serve({ body: text(beforeFinal()) });
    expect(await p.pollOnce()).toMatchObject({ kind: 'unchanged', nextPollMs: EVERY });
    source.serve({ status: 503, body: '' });
    expect(await p.pollOnce()).toMatchObject({ kind: 'failed', failures: 1 });
  });

  test('a slow answer times out: the last good data stays and the poll backs off', async () => {
    const p = poller({ timeoutMs: 200 });
    source.serve({ body: text(clSeasonFile()), delayMs: 1_500 });
    const started = Date.now();
    const outcome = await p.pollOnce();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(outcome).toMatchObject({ kind: 'failed', problem: 'no answer within 0.2 s', failures: 1 });
    expect(applied).toEqual([]);
    expect(warnings().map((w) => w.problem)).toEqual(['no answer within 0.2 s']);
  });

  test('a source that cannot be reached is a failure, not a crash', async () => {
    const url = source.url;
    await source.close();
    const p = poller({ url });
    expect(await p.pollOnce()).toMatchObject({ kind: 'failed', problem: 'cannot be fetched: ECONNREFUSED', failures: 1 });
    source = await startLocalSource(); // for afterEach
  });

  test('when the import fails the season is not taken, and the same body is applied again on the next poll', async () => {
    let fail = true;
    const p = poller({
      apply: (season, update) => {
        if (fail) throw new Error('database is locked');
        applied.push({ season, update });
      },
    });
    source.serve({ body: text(clSeasonFile()), etag: '"v2"' });
    expect(await p.pollOnce()).toMatchObject({ kind: 'failed', problem: 'could not be imported: database is locked' });
    expect(p.current().matches.find((m) => m.id === 'F-L2')?.status).toBe('scheduled');
    expect(source.requests.at(-1)?.['if-none-match']).toBeUndefined();
    fail = false;
    expect(await p.pollOnce()).toMatchObject({ kind: 'updated' });
    expect(source.requests.at(-1)?.['if-none-match']).toBeUndefined();
    expect(applied.map((a) => a.update.summary)).toEqual(['1 result']);
  });

  test("an editor's override beats the source: the override is applied and the conflict logged once", async () => {
    const overrides: Override[] = [{ season: ID, match: 'F-L2', field: 'score', value: { home: 2, away: 0 }, journal: 'journal-17' }];
    const p = poller({ overrides: () => overrides });
    source.serve({ body: text(clSeasonFile()) });
    expect(await p.pollOnce()).toMatchObject({ kind: 'updated' });
    expect(applied[0]?.season.matches.find((m) => m.id === 'F-L2')?.score).toEqual({ home: 2, away: 0 });
    expect(applied[0]?.update.conflicts).toEqual([
      { season: ID, match: 'F-L2', field: 'score', sourceValue: { home: 1, away: 0 }, overrideValue: { home: 2, away: 0 }, journal: 'journal-17' },
    ]);
    const again = clSeasonFile();
    matchOf(again, 'SF1-L2').kickoff = '2024-04-26T19:00:00Z';
    source.serve({ body: text(again) });
    expect(await p.pollOnce()).toMatchObject({ kind: 'updated' });
    const conflictLines = warnings().filter((l) => l.msg === 'season source differs from an override; the override stays');
    expect(conflictLines).toHaveLength(1);
    expect(conflictLines[0]).toMatchObject({ match: 'F-L2', field: 'score', journal: 'journal-17' });
  });

  test('credentials in the URL go as a Basic header and are never logged', async () => {
    const withCredentials = source.url.replace('http://', 'http://editor:s3cret-pass@');
    const p = poller({ url: withCredentials, read: seasonJsonReader({ id: ID }, withCredentials) });
    source.serve({ status: 500 });
    await p.pollOnce();
    expect(source.requests.at(-1)?.authorization).toBe(`Basic ${Buffer.from('editor:s3cret-pass').toString('base64')}`);
    source.serve({ body: '{"broken' });
    await p.pollOnce();
    expect(log.raw.join('')).not.toContain('s3cret-pass');
    expect(warnings()).toHaveLength(2);
  });

  test('start polls at once, then after each outcome’s delay; stop cancels the next poll', async () => {
    const scheduled: number[] = [];
    let next: (() => void) | null = null;
    let cancelled = 0;
    const p = poller({
      schedule: (run, delayMs) => {
        scheduled.push(delayMs);
        next = run;
        return () => {
          cancelled += 1;
        };
      },
    });
    source.serve({ status: 500 });
    p.start();
    await expect.poll(() => scheduled.length).toBe(1);
    expect(scheduled[0]).toBe(backoffMs(EVERY, 1, 0.5));
    source.serve({ body: text(clSeasonFile()) });
    (next as unknown as () => void)();
    await expect.poll(() => scheduled.length).toBe(2);
    expect(scheduled[1]).toBe(EVERY);
    expect(applied).toHaveLength(1);
    p.stop();
    expect(cancelled).toBe(1);
  });
});

describe('backoffMs', () => {
  test.each([
    [EVERY, 1, 0, 15 * 60_000],
    [EVERY, 1, 1, 30 * 60_000],
    [EVERY, 3, 0.5, 90 * 60_000],
    [EVERY, 40, 1, MAX_BACKOFF_MS],
    [EVERY, 40, 0, MAX_BACKOFF_MS / 2],
    [60_000, 2, 0, 2 * 60_000],
  ])('every %i ms, %i failure(s), jitter %d → %i ms', (every, failures, jitter, expected) => {
    expect(backoffMs(every, failures, jitter)).toBe(expected);
  });
});
