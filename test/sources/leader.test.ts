// One source poller across processes: two "processes" in this test (two season stores on one real
// SQLite file, two source leaders with different holder ids) share a local HTTP source. The lease's
// clock is ours, so expiry needs no wait; the polling and the imports are the real ones.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { startDataWatch } from '../../src/data-watch.js';
import { acquireLease } from '../../src/db/dispatcher-lease.js';
import { openSeasonStore, type SeasonStore } from '../../src/season-store.js';
import { SOURCES_LEASE, startSourceLeader, type SourceLeader } from '../../src/sources/leader.js';
import { startSeasonSources } from '../../src/sources/start.js';
import { captureLog, clSeasonFile, startLocalSource, withoutResult, type LocalSource } from './support.js';

const ID = 'caf-cl-2023-24';
const CLUBS = new URL('../../data/clubs.json', import.meta.url).pathname;
const TTL = 90_000;
const T0 = Date.UTC(2026, 11, 1, 5, 0, 0);

let dir: string;
let source: LocalSource;
let stores: SeasonStore[];
let leaders: SourceLeader[];
let realNow: number;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'leader-'));
  source = await startLocalSource();
  stores = [];
  leaders = [];
  realNow = T0;
});
afterEach(async () => {
  for (const leader of leaders) await leader.stop();
  for (const store of stores) store.close();
  await source.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The season file the processes start from: the final's second leg not yet played, polled from the local source. */
const seasonFile = (): string => {
  const before = clSeasonFile();
  withoutResult(before, 'F-L2');
  before.champion = null;
  const file = join(dir, 'cl.json');
  writeFileSync(file, JSON.stringify({ ...before, source: { url: source.url, format: 'season-json', every: '10m' } }));
  return file;
};

interface Process {
  readonly name: string;
  readonly store: SeasonStore;
  readonly leader: SourceLeader;
  readonly log: ReturnType<typeof captureLog>;
  /** Every import this process made from the source. */
  readonly imports: string[];
  /** How many times it started polling. */
  starts: number;
  /** Its current pollers, stoppable without touching the lease (the process "dies"). */
  pollers: { stop: () => void } | null;
}

/** A bot process as app.ts composes it: its own store, a source leader, the store's import on each update. */
const startProcess = (name: string, file: string): Process => {
  const store = openSeasonStore({ databasePath: join(dir, 'bot.sqlite'), seasonFiles: [file] });
  stores.push(store);
  const log = captureLog();
  const proc: Process = {
    name,
    store,
    log,
    imports: [],
    starts: 0,
    pollers: null,
    leader: undefined as unknown as SourceLeader,
  };
  const leader = startSourceLeader({
    db: store.db,
    holder: name,
    ttlMs: TTL,
    renewEveryMs: 0,
    realNow: () => realNow,
    logger: log.logger,
    startPolling: () => {
      proc.starts += 1;
      proc.pollers = startSeasonSources({
        seasonFiles: [file],
        clubsFile: CLUBS,
        current: (seasonId) => store.catalog().get(seasonId),
        apply: (season, update) => {
          store.importFromSource(season, update.hash);
          proc.imports.push(update.summary);
        },
        today: () => '2024-05-26',
        logger: log.logger,
      });
      return proc.pollers;
    },
  });
  leaders.push(leader);
  Object.assign(proc, { leader });
  return proc;
};

const messages = (proc: Process): string[] => proc.log.lines().map((l) => String(l.msg)).filter((m) => m.includes('source lease') || m.includes('another process polls'));
const finalScore = (store: SeasonStore): unknown => store.catalog().get(ID)?.matches.find((m) => m.id === 'F-L2')?.score ?? null;

describe('the sources lease', () => {
  test('only one process polls; the other follows the data version and takes over after the holder dies; the change is imported once', async () => {
    const file = seasonFile();
    source.serve({ body: JSON.stringify(clSeasonFile()), etag: '"1"' });
    const a = startProcess('process-a', file);
    await a.leader.check();
    const b = startProcess('process-b', file);
    const watchB = startDataWatch({ db: b.store.db, reload: b.store.reload, log: b.log.logger, intervalMs: 0 });

    expect(await a.leader.check()).toBe(true);
    expect(await b.leader.check()).toBe(false);
    expect([a.leader.polling(), b.leader.polling()]).toEqual([true, false]);

    // A imports the served result once; B serves it after its data check, without polling.
    await expect.poll(() => a.imports).toEqual(['1 result']);
    expect(finalScore(b.store)).toBeNull();
    expect(await watchB.check()).toBe(true);
    expect(finalScore(b.store)).toEqual(finalScore(a.store));
    expect(finalScore(b.store)).not.toBeNull();
    expect(b.starts).toBe(0);

    // A renews within its ttl: B still waits, however often it asks.
    realNow += TTL - 1_000;
    expect(await a.leader.check()).toBe(true);
    const renewedAt = realNow;
    realNow += TTL - 1_000;
    expect(await b.leader.check()).toBe(false);

    // A dies (its pollers stop, its lease is neither renewed nor released): B takes over only after expiry.
    a.pollers?.stop();
    const requests = source.requests.length;
    realNow = renewedAt + TTL - 1;
    expect(await b.leader.check()).toBe(false);
    realNow = renewedAt + TTL;
    expect(await b.leader.check()).toBe(true);
    expect(b.starts).toBe(1);
    // B polls the same served source at once; it already holds that data, so nothing is imported twice.
    await expect.poll(() => source.requests.length).toBe(requests + 1);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect([...a.imports, ...b.imports]).toEqual(['1 result']);

    // A comes back from its stall: the lease is B's, so A stops polling and says so once.
    expect(await a.leader.check()).toBe(false);
    expect(await a.leader.check()).toBe(false);
    expect(a.leader.polling()).toBe(false);
    expect(a.starts).toBe(1);

    expect(messages(a)).toEqual([
      'source lease acquired; polling season sources',
      'source lease lost to another process (this one stalled past its expiry); polling stopped',
    ]);
    expect(messages(b)).toEqual([
      'another process polls the season sources; this one follows the data version',
      'source lease taken over; polling season sources',
    ]);
    watchB.stop();
  });

  test('the sources lease is its own row: holding the announcements lease neither gives it nor blocks it', async () => {
    const file = seasonFile();
    source.serve({ status: 304 });
    const a = startProcess('process-a', file);
    // Another process dispatches; this one still polls.
    expect(acquireLease(a.store.db, 'announcements', 'process-b', realNow, TTL).held).toBe(true);
    expect(await a.leader.check()).toBe(true);
    expect(acquireLease(a.store.db, 'announcements', 'process-a', realNow, TTL).held).toBe(false);
    expect(acquireLease(a.store.db, SOURCES_LEASE, 'process-b', realNow, TTL).held).toBe(false);
  });

  test('a holder that stops gives the lease up: the next process polls at once, without waiting for expiry', async () => {
    const file = seasonFile();
    source.serve({ status: 304 });
    const a = startProcess('process-a', file);
    const b = startProcess('process-b', file);
    expect(await a.leader.check()).toBe(true);
    expect(await b.leader.check()).toBe(false);
    await a.leader.stop();
    expect(a.leader.polling()).toBe(false);
    expect(await b.leader.check()).toBe(true);
    expect(b.leader.polling()).toBe(true);
  });
});
