// Two bot processes on one SQLite file: two connections, two schedulers, one dispatcher lease.
// Real time for the lease is injected (realNow), so expiry is tested without waiting.
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { pino } from 'pino';
import type { Clock } from '../../src/clock.js';
import { openDatabase, type OpenedDatabase } from '../../src/db/client.js';
import { acquireLease, releaseLease } from '../../src/db/dispatcher-lease.js';
import { setSubscription } from '../../src/db/guild-settings.js';
import { countByStatus } from '../../src/db/outbox.js';
import type { SendPost } from '../../src/discord/announcements/sender.js';
import { planOne } from '../../src/planning/announcements.js';
import { isDeadLocalHolder, startScheduler, type Scheduler } from '../../src/scheduler/cron.js';
import { groupTeams, match, season as makeSeason } from '../domain/builders.js';
import { silent, tempDir } from '../db/helpers.js';

const H = 3_600_000;
const TTL = 30_000;
const season = makeSeason({
  teams: groupTeams('A'),
  matches: [match({ id: 'GA-MD1-1', stage: 'group', group: 'A', matchday: 1, home: 'a', away: 'b', date: '2023-11-26', kickoff: '2023-11-26T13:00:00Z', status: 'scheduled' })],
});
const CHANNELS = ['21', '22', '23'];
const DUE = Date.parse('2023-11-25T13:00:00Z');
let botNow = DUE;
const clock: Clock = { now: () => new Date(botNow), rate: 1, isReplay: false };

/** A pino logger whose lines land in `lines`. */
const capture = () => {
  const lines: { level: number; msg: string; holder?: string }[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as { level: number; msg: string }) });
  return { log, lines };
};

describe('acquireLease', () => {
  let opened: OpenedDatabase;
  beforeEach(() => {
    opened = openDatabase(':memory:', { log: silent });
  });
  afterEach(() => opened.close());

  test('GIVEN a live lease THEN another holder is refused until it expires, then takes it over', () => {
    expect(acquireLease(opened.db, 'announcements', 'a', 1_000, TTL)).toMatchObject({ held: true, takenOver: true, holder: 'a', expiresAt: 31_000 });
    expect(acquireLease(opened.db, 'announcements', 'b', 2_000, TTL)).toMatchObject({ held: false, holder: 'a', expiresAt: 31_000 });
    // The holder renews: still held, first acquisition time kept.
    expect(acquireLease(opened.db, 'announcements', 'a', 20_000, TTL)).toMatchObject({ held: true, takenOver: false, acquiredAt: 1_000, expiresAt: 50_000 });
    expect(acquireLease(opened.db, 'announcements', 'b', 49_999, TTL)).toMatchObject({ held: false, holder: 'a' });
    expect(acquireLease(opened.db, 'announcements', 'b', 50_000, TTL)).toMatchObject({ held: true, takenOver: true, holder: 'b', acquiredAt: 50_000 });
    expect(acquireLease(opened.db, 'announcements', 'a', 50_001, TTL)).toMatchObject({ held: false, holder: 'b' });
  });

  test('GIVEN the holder releases THEN another takes it at once; a non-holder cannot release it', () => {
    acquireLease(opened.db, 'announcements', 'a', 1_000, TTL);
    expect(releaseLease(opened.db, 'announcements', 'b')).toBe(false);
    expect(acquireLease(opened.db, 'announcements', 'b', 2_000, TTL).held).toBe(false);
    expect(releaseLease(opened.db, 'announcements', 'a')).toBe(true);
    expect(acquireLease(opened.db, 'announcements', 'b', 2_000, TTL)).toMatchObject({ held: true, holder: 'b' });
  });
});

describe('two dispatchers on one database file', () => {
  let first: OpenedDatabase;
  let second: OpenedDatabase;
  let realNow: number;
  const running: Scheduler[] = [];

  beforeEach(() => {
    const path = join(tempDir(), 'bot.sqlite');
    first = openDatabase(path, { log: silent });
    second = openDatabase(path, { log: silent });
    realNow = 1_000_000;
    botNow = DUE;
    const at = Date.parse('2023-11-20T00:00:00Z');
    for (const channelId of CHANNELS) {
      planOne(first.db, season, setSubscription(first.db, { guildId: '1', channelId, roleId: null, leadsMs: [24 * H], recap: false }, at), at);
    }
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.stop()));
    first.close();
    second.close();
  });

  const start = (opened: OpenedDatabase, holder: string, send: SendPost, log = silent): Scheduler => {
    const scheduler = startScheduler(
      { db: opened.db, season: () => season, send, log, clock, realNow: () => realNow, lease: { holder, ttlMs: TTL }, stopGraceMs: 10 },
      log,
    );
    running.push(scheduler);
    return scheduler;
  };
  const recorder = (into: string[]): SendPost => async (post) => {
    into.push(post.channelId);
    return { kind: 'sent', messageIds: [`m${post.channelId}`] };
  };

  test('GIVEN a second process THEN it refuses to dispatch, logging why, and every post goes out once', async () => {
    const byFirst: string[] = [];
    const bySecond: string[] = [];
    const secondLog = capture();
    const a = start(first, 'bot-a', recorder(byFirst));
    const b = start(second, 'bot-b', recorder(bySecond), secondLog.log);
    await a.tickNow();
    expect(await b.tickNow()).toBeNull();
    expect(byFirst.sort()).toEqual(CHANNELS);
    expect(bySecond).toEqual([]);
    const refusals = secondLog.lines.filter((l) => l.msg.startsWith('another bot process is dispatching'));
    expect(refusals).toHaveLength(1); // once, not on every beat
    expect(refusals[0]).toMatchObject({ level: 40, holder: 'bot-a' });
    expect(countByStatus(first.db)).toMatchObject({ sent: 3, pending: 0, sending: 0 });
  });

  test('GIVEN the first process dies mid-send THEN the second takes over once its lease expires and sends with the same nonces', async () => {
    const nonces: string[] = [];
    // Killed mid-send: never answers, never renews (answers only to the test's own cleanup).
    const hang: SendPost = (_post, opts) =>
      new Promise((resolve) => opts?.signal?.addEventListener('abort', () => resolve({ kind: 'retry', error: 'stopped', code: 'aborted', retryAfterMs: null, messageIds: [] })));
    start(first, 'bot-a', hang);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(countByStatus(first.db).sending).toBe(3);
    const b = start(second, 'bot-b', async (post) => {
      nonces.push(post.nonce);
      return { kind: 'sent', messageIds: ['x'] };
    });
    expect(await b.tickNow()).toBeNull();
    realNow += TTL - 1;
    expect(await b.tickNow()).toBeNull();
    realNow += 1;
    const report = await b.tickNow();
    expect(report).toMatchObject({ reclaimed: 3, sent: 3 });
    expect(new Set(nonces).size).toBe(3);
    expect(countByStatus(second.db)).toMatchObject({ sent: 3, sending: 0 });
  });

  test('GIVEN the first process stops cleanly THEN it releases the lease and the second dispatches at the next beat', async () => {
    const bySecond: string[] = [];
    const secondLog = capture();
    const a = start(first, 'bot-a', recorder([]));
    await a.tickNow();
    // A post due a minute later.
    planOne(first.db, season, setSubscription(first.db, { guildId: '1', channelId: '24', roleId: null, leadsMs: [24 * H - 60_000], recap: false }, DUE), DUE);
    const b = start(second, 'bot-b', recorder(bySecond), secondLog.log);
    expect(await b.tickNow()).toBeNull();
    await a.stop();
    botNow = DUE + 60_000;
    expect(await b.tickNow()).toMatchObject({ sent: 1 });
    expect(bySecond).toEqual(['24']);
    expect(secondLog.lines.some((l) => l.msg === 'dispatcher lease taken over; dispatching')).toBe(true);
  });
});

describe('a bot killed and restarted on the same host', () => {
  /** The pid of a process that has already exited. */
  const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid!;

  test.each([
    { name: 'a process of this host that has exited', holder: () => `${hostname()}:${deadPid()}:0badc0de`, dead: true },
    { name: 'this very process', holder: () => `${hostname()}:${process.pid}:0badc0de`, dead: true },
    { name: 'a live process of this host', holder: () => `${hostname()}:${process.ppid}:0badc0de`, dead: false },
    { name: 'a process of another host', holder: () => `elsewhere.example:${deadPid()}:0badc0de`, dead: false },
    { name: 'a holder named by hand', holder: () => 'bot-a', dead: false },
  ])('GIVEN a lease held by $name THEN dead: $dead', ({ holder, dead }) => {
    expect(isDeadLocalHolder(holder(), `${hostname()}:${process.pid}:12345678`)).toBe(dead);
  });

  test('GIVEN the lease of a killed process of this host THEN the restarted bot takes it over at once', async () => {
    const opened = openDatabase(':memory:', { log: silent });
    try {
      const at = Date.parse('2023-11-20T00:00:00Z');
      planOne(opened.db, season, setSubscription(opened.db, { guildId: '1', channelId: '21', roleId: null, leadsMs: [24 * H], recap: false }, at), at);
      acquireLease(opened.db, 'announcements', `${hostname()}:${deadPid()}:0badc0de`, Date.now(), 60_000);
      const scheduler = startScheduler({ db: opened.db, season: () => season, send: async () => ({ kind: 'sent', messageIds: ['1'] }), log: silent, clock: { now: () => new Date(DUE), rate: 1, isReplay: false } }, silent);
      await scheduler.stop();
      expect(countByStatus(opened.db)).toMatchObject({ sent: 1, pending: 0 });
    } finally {
      opened.close();
    }
  });
});
