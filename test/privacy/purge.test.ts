// The 30-day purge of a server the bot left, on a real SQLite database with the migrations, driven
// by the bot's clock (a replay clock whose real time the test moves).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createClock, type Clock } from '../../src/clock.js';
import type { OpenedDatabase } from '../../src/db/client.js';
import { clearDeparted, departedAt, markDeparted, purgeDepartedGuilds, PURGE_AFTER_MS } from '../../src/db/guild-departures.js';
import { clubRolesOf, setClubRole } from '../../src/db/club-roles.js';
import { guildSeason, listSubscriptions, setGuildSeason, setSubscription, disableGuild } from '../../src/db/guild-settings.js';
import { createLanguageStore } from '../../src/db/languages.js';
import { claimDue, countByStatus, rowsFor, settleSent } from '../../src/db/outbox.js';
import { settleChannelGone } from '../../src/db/outbox-settle.js';
import { planOne } from '../../src/planning/announcements.js';
import { startScheduler } from '../../src/scheduler/cron.js';
import { createPurge, PURGE_EVERY_MS } from '../../src/scheduler/purge.js';
import { groupTeams, match, season as makeSeason } from '../domain/builders.js';
import { makeTestDb, silent } from '../db/helpers.js';

const H = 3_600_000;
const DAY = 24 * H;
const GONE = '1100000000000000001';
const STAYS = '1100000000000000002';
const CH_GONE = '1200000000000000001';
const CH_STAYS = '1200000000000000002';
const START = Date.parse('2023-11-20T00:00:00Z');

const season = makeSeason({
  teams: groupTeams('A'),
  matches: [
    match({ id: 'GA-MD1-1', stage: 'group', group: 'A', matchday: 1, home: 'a', away: 'b', date: '2023-11-26', kickoff: '2023-11-26T13:00:00Z', status: 'scheduled' }),
    match({ id: 'GA-MD2-1', stage: 'group', group: 'A', matchday: 2, home: 'b', away: 'a', date: '2024-02-26', kickoff: '2024-02-26T13:00:00Z', status: 'scheduled' }),
  ],
});

/** A replay clock at rate 1 whose real time the test sets: `clock.now()` is START + advanced ms. */
const steppedClock = (): { clock: Clock; advance: (ms: number) => void } => {
  let real = 0;
  const clock = createClock({ start: new Date(START).toISOString(), rate: 1 }, () => real);
  return { clock, advance: (ms) => (real += ms) };
};

let opened: OpenedDatabase;
const db = () => opened.db;
const total = (guildId: string): number => Object.values(countByStatus(db(), guildId)).reduce((a, b) => a + b, 0);

/** Two servers with a channel each, every post planned, one already sent (history, not just pending posts). */
const seed = (now: number): void => {
  for (const [guildId, channelId] of [
    [GONE, CH_GONE],
    [STAYS, CH_STAYS],
  ] as const) {
    const row = setSubscription(db(), { guildId, channelId, roleId: null, leadsMs: [24 * H], recap: true }, now);
    planOne(db(), season, row, now);
  }
  const due = claimDue(db(), Date.parse('2023-11-25T13:00:00Z'), { realNow: 0, leaseMs: 60_000, limit: 10 });
  for (const row of due) settleSent(db(), row.id, [`90000000000000000${row.id}`], false, Date.parse('2023-11-25T13:00:00Z'));
};

beforeEach(() => {
  opened = makeTestDb();
  seed(START);
  // The fixture is what the test says it is: both servers have sent and pending rows.
  for (const guildId of [GONE, STAYS]) {
    expect(countByStatus(db(), guildId).sent).toBeGreaterThan(0);
    expect(countByStatus(db(), guildId).pending).toBeGreaterThan(0);
  }
});
afterEach(() => opened.close());

describe('purgeDepartedGuilds', () => {
  test('GIVEN the bot left a server THEN after 29 days everything is kept; at 30 days its channels, posts and mark are gone, the other server untouched', () => {
    const { clock, advance } = steppedClock();
    const leftAt = clock.now().getTime();
    const languages = createLanguageStore(db());
    languages.setServer(GONE, 'fr', '1000000000000000007', leftAt);
    languages.setServer(STAYS, 'pt', '1000000000000000008', leftAt);
    // Its default season and a club role: server settings, purged with the rest; the other server's stay.
    for (const guildId of [GONE, STAYS]) {
      setGuildSeason(db(), guildId, 'caf-cl-2023-24', leftAt);
      setClubRole(db(), guildId, 'a', '1300000000000000001', leftAt);
    }
    markDeparted(db(), GONE, leftAt);
    disableGuild(db(), GONE, leftAt); // what GUILD_DELETE already did: no more posts there
    const before = { gone: total(GONE), stays: total(STAYS) };

    advance(29 * DAY);
    expect(purgeDepartedGuilds(db(), clock.now().getTime())).toEqual([]);
    expect(listSubscriptions(db(), GONE)).toHaveLength(1);
    expect(total(GONE)).toBe(before.gone);
    expect(departedAt(db(), GONE)).toBe(leftAt);

    advance(DAY - 1);
    expect(purgeDepartedGuilds(db(), clock.now().getTime())).toEqual([]);

    advance(1);
    expect(clock.now().getTime() - leftAt).toBe(PURGE_AFTER_MS);
    expect(languages.choicesFor('1000000000000000007', GONE).server).toBe('fr');
    expect(purgeDepartedGuilds(db(), clock.now().getTime())).toEqual([{ guildId: GONE, leftAt, subscriptions: 1, outboxRows: before.gone, serverLanguage: 1, serverSettings: 2 }]);
    expect([guildSeason(db(), GONE), clubRolesOf(db(), GONE).size]).toEqual([null, 0]);
    expect([guildSeason(db(), STAYS), clubRolesOf(db(), STAYS).size]).toEqual(['caf-cl-2023-24', 1]);
    expect(languages.choicesFor('1000000000000000007', GONE).server).toBeNull();
    expect(languages.choicesFor('1000000000000000007', STAYS).server).toBe('pt');
    expect(listSubscriptions(db(), GONE)).toEqual([]);
    expect(rowsFor(db(), { guildId: GONE })).toEqual([]);
    expect(departedAt(db(), GONE)).toBeNull();

    expect(listSubscriptions(db(), STAYS)).toHaveLength(1);
    expect(total(STAYS)).toBe(before.stays);
    // Nothing left to do: a second pass purges nothing.
    expect(purgeDepartedGuilds(db(), clock.now().getTime() + DAY)).toEqual([]);
  });

  test('GIVEN the bot left and was added back within 30 days THEN nothing is ever purged and the settings are as they were', () => {
    const { clock, advance } = steppedClock();
    markDeparted(db(), GONE, clock.now().getTime());
    const settings = listSubscriptions(db(), GONE);
    advance(10 * DAY);
    expect(clearDeparted(db(), GONE)).toBe(true);
    advance(40 * DAY);
    expect(purgeDepartedGuilds(db(), clock.now().getTime())).toEqual([]);
    expect(listSubscriptions(db(), GONE)).toEqual(settings);
  });

  test('GIVEN a second departure mark THEN the wait counts from the first', () => {
    const { clock, advance } = steppedClock();
    const first = clock.now().getTime();
    markDeparted(db(), GONE, first);
    advance(20 * DAY);
    markDeparted(db(), GONE, clock.now().getTime());
    expect(departedAt(db(), GONE)).toBe(first);
    advance(10 * DAY);
    expect(purgeDepartedGuilds(db(), clock.now().getTime()).map((p) => p.guildId)).toEqual([GONE]);
  });

  test('GIVEN a server that left with no settings THEN the purge just forgets the mark', () => {
    const other = '1100000000000000009';
    markDeparted(db(), other, START);
    expect(purgeDepartedGuilds(db(), START + PURGE_AFTER_MS)).toEqual([{ guildId: other, leftAt: START, subscriptions: 0, outboxRows: 0, serverLanguage: 0, serverSettings: 0 }]);
    expect(departedAt(db(), other)).toBeNull();
  });
});

describe('10004 Unknown Guild on a post', () => {
  test('GIVEN a post answered 10004 THEN the server is marked as left (the bot may have been removed while down) and its channels disabled', () => {
    const at = Date.parse('2024-02-25T13:00:00Z');
    const claimed = claimDue(db(), at, { realNow: 0, leaseMs: 60_000, limit: 10 });
    const row = claimed.find((r) => r.guildId === GONE);
    const other = claimed.find((r) => r.guildId === STAYS);
    expect(row).toBeDefined();
    expect(other).toBeDefined();
    expect(settleChannelGone(db(), row!, 'guild', { message: 'Unknown Guild', code: '10004' }, at, [])).toBe('guild_gone');
    expect(departedAt(db(), GONE)).toBe(at);
    expect(departedAt(db(), STAYS)).toBeNull();
    // A 10003 (one channel deleted) says nothing about the server.
    settleChannelGone(db(), other!, 'channel', { message: 'Unknown Channel', code: '10003' }, at, []);
    expect(departedAt(db(), STAYS)).toBeNull();
  });
});

describe('the purge on the heartbeat', () => {
  test('GIVEN the dispatcher heartbeat with the purge THEN it purges a server 30 days gone, at most once an hour of bot clock', async () => {
    const { clock, advance } = steppedClock();
    markDeparted(db(), GONE, clock.now().getTime());
    const purge = createPurge(db(), silent);
    expect(await purge(clock.now().getTime())).toEqual([]);

    // 29 days and 23½ hours: not yet. Half an hour later the purge has not run again (throttled)…
    advance(30 * DAY - 30 * 60_000);
    expect(await purge(clock.now().getTime())).toEqual([]);
    advance(30 * 60_000);
    expect(await purge(clock.now().getTime())).toEqual([]);
    expect(listSubscriptions(db(), GONE)).toHaveLength(1);
    // …and an hour after its last run, it has.
    advance(PURGE_EVERY_MS - 30 * 60_000);
    expect((await purge(clock.now().getTime())).map((p) => p.guildId)).toEqual([GONE]);
    expect(listSubscriptions(db(), GONE)).toEqual([]);
  });

  test('GIVEN startScheduler with the purge as housekeeping THEN a beat holding the lease purges', async () => {
    const { clock, advance } = steppedClock();
    markDeparted(db(), GONE, clock.now().getTime());
    advance(31 * DAY);
    const scheduler = startScheduler(
      {
        db: db(),
        season: () => season,
        send: async () => ({ kind: 'sent' as const, messageIds: ['1'] }),
        log: silent,
        clock,
        housekeeping: createPurge(db(), silent),
        lease: { holder: 'purge-test:1:00000000' },
      },
      silent,
    );
    await scheduler.stop();
    expect(listSubscriptions(db(), GONE)).toEqual([]);
    expect(rowsFor(db(), { guildId: GONE })).toEqual([]);
    expect(listSubscriptions(db(), STAYS)).toHaveLength(1);
  });

  test('GIVEN another process holds the dispatcher lease THEN this one does not purge', async () => {
    const { clock, advance } = steppedClock();
    markDeparted(db(), GONE, clock.now().getTime());
    advance(31 * DAY);
    const deps = {
      db: db(),
      season: () => season,
      send: async () => ({ kind: 'sent' as const, messageIds: ['1'] }),
      log: silent,
      clock,
      housekeeping: createPurge(db(), silent),
    };
    const first = startScheduler({ ...deps, housekeeping: () => undefined, lease: { holder: 'other-host:1:00000000', ttlMs: 60 * 60_000 } }, silent);
    await first.tickNow();
    const second = startScheduler({ ...deps, lease: { holder: 'purge-test:2:00000000', ttlMs: 60 * 60_000 } }, silent);
    await second.tickNow();
    expect(listSubscriptions(db(), GONE)).toHaveLength(1);
    await second.stop();
    await first.stop();
  });
});
