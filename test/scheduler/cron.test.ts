// The heartbeat's wiring, without waiting on timers: start it, let its first (catch-up) tick run,
// stop it. The timing rules are pure functions tested on their own.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Clock } from '../../src/clock.js';
import { setSubscription } from '../../src/db/guild-settings.js';
import { countByStatus } from '../../src/db/outbox.js';
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
