// The heartbeat's wiring, without waiting on timers: start it, let its first (catch-up) tick run,
// stop it. The timing rules are pure functions tested on their own.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Clock } from '../../src/clock.js';
import { setSubscription } from '../../src/db/guild-settings.js';
import { countByStatus, rowsFor } from '../../src/db/outbox.js';
import type { OutgoingPost, SendOptions, SendOutcome } from '../../src/discord/announcements/sender.js';
import type { OpenedDatabase } from '../../src/db/client.js';
import { onTimeGraceFor, replayIntervalMs, startScheduler } from '../../src/scheduler/cron.js';
import { planOne } from '../../src/planning/announcements.js';
import { groupTeams, match, season as makeSeason } from '../domain/builders.js';
import { makeTestDb, silent } from '../db/helpers.js';

const H = 3_600_000;
const season = makeSeason({
  teams: groupTeams('A'),
  matches: [match({ id: 'GA-MD1-1', stage: 'group', group: 'A', matchday: 1, home: 'a', away: 'b', date: '2023-11-26', kickoff: '2023-11-26T13:00:00Z', status: 'scheduled' })],
});

describe('heartbeat timing', () => {
  test.each([
    { rate: 1, expected: 60_000 },
    { rate: 60, expected: 1_000 },
    { rate: 600, expected: 100 },
    { rate: 3600, expected: 100 },
  ])('GIVEN rate $rate THEN a tick every $expected real ms', ({ rate, expected }) => {
    expect(replayIntervalMs(rate)).toBe(expected);
  });

  test.each([
    { clock: { rate: 1, isReplay: false }, expected: 5 * 60_000 },
    { clock: { rate: 60, isReplay: true }, expected: 5 * 60_000 },
    { clock: { rate: 3600, isReplay: true }, expected: 12 * 60_000 },
    { clock: { rate: 36_000, isReplay: true }, expected: 2 * H },
  ])('GIVEN $clock THEN on-time grace $expected ms', ({ clock, expected }) => {
    expect(onTimeGraceFor(clock)).toBe(expected);
  });
});

describe('startScheduler', () => {
  let opened: OpenedDatabase;
  beforeEach(() => {
    opened = makeTestDb();
    const now = Date.parse('2023-11-20T00:00:00Z');
    const row = setSubscription(opened.db, { guildId: '1', channelId: '2', roleId: null, leadsMs: [24 * H], recap: false }, now);
    planOne(opened.db, season, row, now);
  });
  afterEach(() => opened.close());

  test.each([
    { name: 'real clock (node-cron)', isReplay: false, heartbeat: 'cron * * * * *' },
    { name: 'replay clock (timer)', isReplay: true, heartbeat: 'timer 100ms' },
  ])('GIVEN the $name THEN the first tick catches up at start and stop waits for it', async ({ isReplay, heartbeat }) => {
    const sent: string[] = [];
    const clock: Clock = { now: () => new Date('2023-11-25T13:00:00Z'), rate: isReplay ? 3600 : 1, isReplay };
    const scheduler = startScheduler(
      {
        db: opened.db,
        season: () => season,
        send: async (post) => {
          sent.push(post.channelId);
          return { kind: 'sent', messageIds: ['9'] };
        },
        log: silent,
        clock,
      },
      silent,
    );
    expect(scheduler.heartbeat).toBe(heartbeat);
    await scheduler.stop();
    expect(sent).toEqual(['2']);
    expect(countByStatus(opened.db)).toMatchObject({ sent: 1, pending: 0 });
    expect(await scheduler.tickNow()).toBeNull();
  });
});

describe('startScheduler: a slow send holds up nothing else (D3) and stop abandons it (D4)', () => {
  let opened: OpenedDatabase;
  const C2 = '3';
  const due = Date.parse('2023-11-25T13:00:00Z');
  beforeEach(() => {
    opened = makeTestDb();
    const now = Date.parse('2023-11-20T00:00:00Z');
    planOne(opened.db, season, setSubscription(opened.db, { guildId: '1', channelId: '2', roleId: null, leadsMs: [24 * H], recap: false }, now), now);
  });
  afterEach(() => opened.close());

  /** Channel 2 never answers until the send is abandoned; every other channel answers at once. */
  const hangingOnChannel2 = (sent: string[]) => async (post: OutgoingPost, opts?: SendOptions): Promise<SendOutcome> => {
    if (post.channelId !== '2') {
      sent.push(post.channelId);
      return { kind: 'sent', messageIds: ['9'] };
    }
    return new Promise<SendOutcome>((resolve) =>
      opts?.signal?.addEventListener('abort', () => resolve({ kind: 'retry', error: 'dispatcher stopping', code: 'aborted', retryAfterMs: null, messageIds: [] })),
    );
  };

  test('GIVEN a send that never answers THEN the next beat still dispatches another channel', async () => {
    const sent: string[] = [];
    let now = due;
    const clock: Clock = { now: () => new Date(now), rate: 1, isReplay: false };
    const scheduler = startScheduler({ db: opened.db, season: () => season, send: hangingOnChannel2(sent), log: silent, clock, stopGraceMs: 10 }, silent);
    try {
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(countByStatus(opened.db).sending).toBe(1);
      // A channel set up meanwhile, with a post due a minute later.
      planOne(opened.db, season, setSubscription(opened.db, { guildId: '1', channelId: C2, roleId: null, leadsMs: [24 * H - 60_000], recap: false }, due), due);
      now = due + 60_000;
      const report = await scheduler.tickNow();
      expect(report).toMatchObject({ claimed: 1, sent: 1 });
      expect(sent).toEqual([C2]);
    } finally {
      await scheduler.stop();
    }
  });

  test('GIVEN a send stuck in a long wait THEN stop abandons it at once and the row stays claimable', async () => {
    const clock: Clock = { now: () => new Date(due), rate: 1, isReplay: false };
    const scheduler = startScheduler({ db: opened.db, season: () => season, send: hangingOnChannel2([]), log: silent, clock, stopGraceMs: 50 }, silent);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(countByStatus(opened.db).sending).toBe(1);
    const started = Date.now();
    const stopped = await Promise.race([scheduler.stop().then(() => 'stopped'), new Promise((resolve) => setTimeout(() => resolve('still waiting'), 2_000))]);
    expect(stopped).toBe('stopped');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(countByStatus(opened.db)).toMatchObject({ sending: 0, pending: 1, sent: 0 });
    expect(rowsFor(opened.db, { guildId: '1' })[0]?.attempts).toBe(0);
  });
});
