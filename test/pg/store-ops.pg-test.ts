// The operations store's contract, the same scenarios on SQLite and on PostgreSQL: settings, language
// choices, club roles, the outbox (plan → claim → settle, retry, the channel-disabling outcomes,
// expiry, reclaim), the 30-day purge and the leases. Each engine gets a fresh database per test.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../src/db/client.js';
import { PURGE_AFTER_MS } from '../../src/db/guild-departures.js';
import { openPgDatabase, type OpenedPgDatabase } from '../../src/db/pg/client.js';
import { migratePg } from '../../src/db/pg/migrate.js';
import { pgOperations } from '../../src/db/pg/operations.js';
import { startChoiceCache, withChoiceCache } from '../../src/db/store/choice-cache.js';
import { sqliteOperations } from '../../src/db/store/operations.js';
import { createLogger } from '../../src/log.js';
import type { SendPost } from '../../src/discord/announcements/sender.js';
import { roundTiming } from '../../src/domain/announcements.js';
import { seasonRounds } from '../../src/domain/calendar.js';
import { runTick } from '../../src/scheduler/tick.js';
import { readSeasonFile } from '../../src/season/read.js';
import type { OperationsStore } from '../../src/db/store/types.js';
import { factKey, type PlannedPost } from '../../src/domain/announcements.js';
import type { OutboxRow } from '../../src/db/outbox.js';
import { freshDatabase, snowflake } from './support.js';

const T0 = Date.parse('2024-02-11T12:00:00Z');
const H = 3_600_000;
const M = 60_000;
const G = snowflake(1);
const G2 = snowflake(2);
const C1 = snowflake(11);
const C2 = snowflake(12);
const SEASON = 'caf-cl-2023-24';
const LEASE = { realNow: T0, leaseMs: 2 * M, limit: 50 };

interface Engine {
  readonly name: string;
  /** The database's URL (PostgreSQL), for a second pool as another process would open. */
  url(): string;
  setup(): Promise<void>;
  /** A store on an empty database. */
  fresh(): Promise<OperationsStore>;
  teardown(): Promise<void>;
}

const sqliteEngine = (): Engine => {
  let opened: OpenedDatabase | null = null;
  return {
    name: 'SQLite',
    url: () => ':memory:',
    setup: async () => undefined,
    fresh: async () => {
      opened?.close();
      opened = openDatabase(':memory:');
      return sqliteOperations(opened.db);
    },
    teardown: async () => opened?.close(),
  };
};

const pgEngine = (): Engine => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let opened: OpenedPgDatabase;
  return {
    name: 'PostgreSQL',
    url: () => database.url,
    setup: async () => {
      database = await freshDatabase('store_ops');
      opened = openPgDatabase(database.url, { max: 4 });
      await migratePg(opened.pool);
    },
    fresh: async () => {
      await opened.db.execute(
        sql`truncate announcement_subscriptions, announcement_outbox, announcement_rounds, announcement_club_roles, guild_default_seasons, dispatcher_leases, user_languages, guild_languages, guild_departures restart identity cascade`,
      );
      return pgOperations(opened.db);
    },
    teardown: async () => {
      await opened.close();
      await database.drop();
    },
  };
};

const post = (channelId: string, over: Partial<PlannedPost> = {}): PlannedPost => ({
  guildId: G,
  channelId,
  season: SEASON,
  kind: 'preview',
  roundKey: 'gs-md1',
  slot: '24h',
  leadMs: 24 * H,
  dueAt: T0,
  expiresAt: T0 + 6 * H,
  fingerprint: 'f1',
  moves: null,
  ...over,
});

describe.each([sqliteEngine(), pgEngine()])('the operations store on $name', (engine) => {
  let ops: OperationsStore;
  beforeAll(() => engine.setup());
  afterAll(() => engine.teardown());
  beforeEach(async () => {
    ops = await engine.fresh();
  });

  /** A channel following SEASON, with its plan of `posts`. */
  const subscribe = async (channelId: string, posts: readonly PlannedPost[] = [post(channelId)]) => {
    const sub = await ops.settings.setSubscription({ guildId: G, channelId, seasonId: SEASON, leadsMs: [24 * H], results: 'each' }, T0 - H);
    const plan = await ops.outbox.upsertPlan(sub, posts, T0 - H);
    return { sub, plan };
  };

  test('channel settings: defaults, a partial update keeps the rest, the default season and the post language', async () => {
    const created = await ops.settings.setSubscription({ guildId: G, channelId: C1, seasonId: SEASON, roleId: snowflake(99) }, T0);
    expect(created).toMatchObject({ guildId: G, channelId: C1, seasonId: SEASON, roleId: snowflake(99), teamId: null, language: null, results: 'round', recap: true, goals: false, enabled: true, activeFrom: T0 });
    const updated = await ops.settings.setSubscription({ guildId: G, channelId: C1, seasonId: SEASON, goals: true, language: 'fr' }, T0 + M);
    expect(updated).toMatchObject({ id: created.id, roleId: snowflake(99), goals: true, language: 'fr', createdAt: T0, updatedAt: T0 + M });
    expect(await ops.settings.getSubscription(G, C1, SEASON)).toEqual(updated);
    expect(await ops.settings.getSubscriptionById(created.id)).toEqual(updated);
    expect(await ops.settings.channelSubscriptions(G, C1)).toEqual([updated]);
    expect(await ops.settings.listSubscriptions(G2)).toEqual([]);

    expect(await ops.settings.guildSeason(G)).toBeNull();
    await ops.settings.setGuildSeason(G, SEASON, T0);
    expect(await ops.settings.guildSeason(G)).toBe(SEASON);
    expect(await ops.settings.clearGuildSeason(G)).toBe(true);
    expect(await ops.settings.clearGuildSeason(G)).toBe(false);

    expect(await ops.settings.postLanguage({ guildId: G, language: null })).toBe('en');
    await ops.languages.setServer(G, 'pt', snowflake(7), T0);
    expect(await ops.settings.serverLanguage(G)).toBe('pt');
    expect(await ops.settings.postLanguage({ guildId: G, language: null })).toBe('pt');
    expect(await ops.settings.postLanguage({ guildId: G, language: 'ar' })).toBe('ar');
  });

  test('language choices and club roles', async () => {
    const user = snowflake(500);
    expect(await ops.languages.choicesFor(user, G)).toEqual({ user: null, server: null });
    await ops.languages.setUser(user, 'fr', T0);
    await ops.languages.setUser(user, 'ar', T0 + 1);
    await ops.languages.setServer(G, 'pt', snowflake(7), T0);
    expect(await ops.languages.choicesFor(user, G)).toEqual({ user: 'ar', server: 'pt' });
    expect(await ops.languages.choicesFor(user, null)).toEqual({ user: 'ar', server: null });
    expect(await ops.languages.clearUser(user)).toBe(true);
    expect(await ops.languages.clearUser(user)).toBe(false);
    expect(await ops.languages.clearServer(G)).toBe(true);
    expect(await ops.languages.choicesFor(user, G)).toEqual({ user: null, server: null });

    await ops.clubRoles.setClubRole(G, 'ahly', snowflake(31), T0);
    await ops.clubRoles.setClubRole(G, 'esperance', snowflake(32), T0);
    await ops.clubRoles.setClubRole(G, 'ahly', snowflake(33), T0 + 1);
    expect([...(await ops.clubRoles.clubRolesOf(G))]).toEqual([
      ['ahly', snowflake(33)],
      ['esperance', snowflake(32)],
    ]);
    expect(await ops.clubRoles.clearClubRole(G, 'ahly')).toBe(true);
    expect(await ops.clubRoles.clearClubRole(G, 'ahly')).toBe(false);
    expect(await ops.clubRoles.clubRolesOf(G2)).toEqual(new Map());
  });

  test('plan → claim → settle sent; planning again changes nothing; a moved due time moves the row', async () => {
    const { plan } = await subscribe(C1, [post(C1), post(C1, { slot: '1h', leadMs: H, dueAt: T0 + 23 * H })]);
    expect(plan).toEqual({ inserted: 2, moved: 0, reopened: 0, cancelled: 0, unchanged: 0 });
    const sub = (await ops.settings.getSubscription(G, C1, SEASON))!;
    expect(await ops.outbox.upsertPlan(sub, [post(C1), post(C1, { slot: '1h', leadMs: H, dueAt: T0 + 23 * H })], T0 - H)).toEqual({ inserted: 0, moved: 0, reopened: 0, cancelled: 0, unchanged: 2 });
    expect(await ops.outbox.upsertPlan(sub, [post(C1), post(C1, { slot: '1h', leadMs: H, dueAt: T0 + 22 * H })], T0 - H)).toMatchObject({ moved: 1, unchanged: 1 });

    expect(await ops.outbox.claimDue(T0 - 1, LEASE)).toEqual([]);
    const [row, ...more] = await ops.outbox.claimDue(T0, LEASE);
    expect(more).toEqual([]);
    expect(row).toMatchObject({ guildId: G, channelId: C1, season: SEASON, club: null, kind: 'preview', slot: '24h', status: 'sending', attempts: 1, leaseUntil: T0 + 2 * M, claimedAt: T0 });
    expect(row!.nonce).toMatch(/^[0-9a-f]{24}$/);
    expect(await ops.outbox.settlePostSent(row!, [snowflake(700), snowflake(701)], false, T0 + 5)).toBe(true);
    expect(await ops.outbox.settlePostSent(row!, [snowflake(700)], false, T0 + 6)).toBe(false);
    expect(await ops.outbox.getRow(row!.id)).toMatchObject({ status: 'sent', messageId: snowflake(700), messageIds: [snowflake(700), snowflake(701)], sentAt: T0 + 5, leaseUntil: null, late: false });
    expect(await ops.outbox.countByStatus(G)).toEqual({ pending: 1, sending: 0, sent: 1, failed: 0, expired: 0, cancelled: 0 });
    expect(await ops.outbox.nextDue(G, 5)).toMatchObject([{ slot: '1h', dueAt: T0 + 22 * H }]);
    expect((await ops.outbox.recentOutcomes(G, ['sent'], 5)).map((r) => r.id)).toEqual([row!.id]);
    expect((await ops.outbox.countByStatusAndLate()).sort((a, b) => a.status.localeCompare(b.status))).toEqual([
      { status: 'pending', late: false, rows: 1 },
      { status: 'sent', late: false, rows: 1 },
    ]);
    expect((await ops.outbox.rowsFor({ guildId: G, channelId: C1, seasonId: SEASON, statuses: ['pending'] })).map((r) => r.slot)).toEqual(['1h']);
  });

  test('one post at a time per channel: a channel with a row sending is skipped', async () => {
    await subscribe(C1, [post(C1), post(C1, { slot: '12h', leadMs: 12 * H })]);
    await subscribe(C2);
    const first = await ops.outbox.claimDue(T0, LEASE);
    // SQLite claims every due row in one statement (the tick sends a channel's rows in order);
    // PostgreSQL at most one per channel per claim. Either way a channel's second row waits for its first.
    expect(new Set(first.map((r) => r.channelId))).toEqual(new Set([C1, C2]));
    const claimedC1 = first.filter((r) => r.channelId === C1);
    if (claimedC1.length === 1) {
      expect(await ops.outbox.claimDue(T0, LEASE)).toEqual([]);
      await ops.outbox.settlePostSent(claimedC1[0]!, [snowflake(1)], false, T0);
      expect((await ops.outbox.claimDue(T0, LEASE)).map((r) => r.slot)).toEqual(['12h']);
    } else {
      expect(claimedC1.map((r) => r.slot)).toEqual(['24h', '12h']);
    }
  });

  test('retry: not claimable before its next attempt; then failed for good', async () => {
    await subscribe(C1);
    const [row] = await ops.outbox.claimDue(T0, LEASE);
    expect(await ops.outbox.settlePostRetry(row!, { message: 'HTTP 503', code: '503' }, T0 + M, T0, [])).toBe(true);
    expect(await ops.outbox.claimDue(T0 + M - 1, LEASE)).toEqual([]);
    const [again] = await ops.outbox.claimDue(T0 + M, { ...LEASE, realNow: T0 + M });
    expect(again).toMatchObject({ id: row!.id, attempts: 2, lastError: 'HTTP 503', lastErrorCode: '503', nonce: row!.nonce });
    expect(await ops.outbox.settlePostFailed(again!, { message: 'Cannot send an empty message', code: '50006' }, T0 + M, [])).toBe(true);
    expect(await ops.outbox.getRow(row!.id)).toMatchObject({ status: 'failed', lastErrorCode: '50006' });
    // A failed post whose due time moves into the future is planned again.
    const sub = (await ops.settings.getSubscription(G, C1, SEASON))!;
    expect(await ops.outbox.upsertPlan(sub, [post(C1, { dueAt: T0 + H, expiresAt: T0 + 7 * H })], T0 + M)).toMatchObject({ reopened: 1 });
    expect(await ops.outbox.getRow(row!.id)).toMatchObject({ status: 'pending', attempts: 0, lastError: null });
  });

  test('a released claim (dispatcher stopping, 401) goes back pending without counting the attempt; a cancelled claim is cancelled', async () => {
    await subscribe(C1);
    await subscribe(C2);
    const rows = await ops.outbox.claimDue(T0, LEASE);
    const r1 = rows.find((r) => r.channelId === C1)!;
    const r2 = rows.find((r) => r.channelId === C2)!;
    expect(await ops.outbox.settleUnauthorized(r1, T0, [snowflake(800)])).toBe(true);
    expect(await ops.outbox.getRow(r1.id)).toMatchObject({ status: 'pending', attempts: 0, messageIds: [snowflake(800)], leaseUntil: null });
    expect(await ops.outbox.settlePostCancelled(r2, 'channel disabled', T0)).toBe(true);
    expect(await ops.outbox.getRow(r2.id)).toMatchObject({ status: 'cancelled', lastError: 'channel disabled' });
  });

  test('three forbidden answers in a row disable the channel and cancel its pending posts; a success in between resets the count', async () => {
    const posts = ['24h', '12h', '6h', '3h', '1h'].map((slot, i) => post(C1, { slot, dueAt: T0 + i }));
    await subscribe(C1, posts);
    // SQLite claims a channel's due rows at once, PostgreSQL one per claim: take them as they come.
    const claimed: OutboxRow[] = [];
    const next = async () => {
      if (claimed.length === 0) claimed.push(...(await ops.outbox.claimDue(T0 + 10, LEASE)));
      return claimed.shift()!;
    };
    const forbid = async () => ops.outbox.settleForbidden(await next(), 'missing SendMessages', { message: 'Missing Permissions', code: '50013' }, T0 + 10, []);
    expect(await forbid()).toEqual({ failures: 1, disabled: null });
    expect(await forbid()).toEqual({ failures: 2, disabled: null });
    await ops.outbox.settlePostSent(await next(), [snowflake(1)], false, T0 + 10);
    expect((await ops.settings.getSubscription(G, C1, SEASON))?.consecutivePermissionFailures).toBe(0);
    expect(await forbid()).toEqual({ failures: 1, disabled: null });
    await ops.settings.recordPermissionFailure(G, C1, 'missing SendMessages', T0 + 10);
    expect(await forbid()).toEqual({ failures: 3, disabled: 'missing_permissions' });
    expect(await ops.settings.getSubscription(G, C1, SEASON)).toMatchObject({ enabled: false, disabledReason: 'missing_permissions: missing SendMessages' });
    expect(await ops.outbox.countByStatus(G)).toMatchObject({ failed: 4, sent: 1, pending: 0 });
  });

  test('a deleted channel and a removed guild disable at once; the guild is marked for the purge', async () => {
    await subscribe(C1);
    await subscribe(C2, [post(C2), post(C2, { slot: '1h', leadMs: H, dueAt: T0 + 23 * H })]);
    const rows = await ops.outbox.claimDue(T0, LEASE);
    const gone = { message: 'Unknown Channel', code: '10003' };
    expect(await ops.outbox.settleChannelGone(rows.find((r) => r.channelId === C1)!, 'channel', gone, T0, [])).toBe('channel_deleted');
    expect(await ops.outbox.settleChannelGone(rows.find((r) => r.channelId === C2)!, 'guild', { message: 'Unknown Guild', code: '10004' }, T0, [])).toBe('guild_gone');
    expect((await ops.settings.listSubscriptions(G)).map((s) => [s.channelId, s.enabled, s.disabledReason])).toEqual([
      [C1, false, 'channel_deleted'],
      [C2, false, 'guild_gone'],
    ]);
    expect(await ops.outbox.countByStatus(G)).toMatchObject({ failed: 2, cancelled: 1, pending: 0 });
    expect(await ops.departures.departedAt(G)).toBe(T0);
  });

  test('an unsupported channel is disabled; turning a channel off cancels its pending posts; expired and reclaimed rows', async () => {
    await subscribe(C1);
    const [row] = await ops.outbox.claimDue(T0, LEASE);
    expect(await ops.outbox.settleUnsupported(row!, { message: 'Cannot send messages in a voice channel', code: '50008' }, T0, [])).toBe('unsupported_channel');
    expect((await ops.settings.getSubscription(G, C1))?.disabledReason).toBe('unsupported_channel: 50008');

    await subscribe(C2, [post(C2), post(C2, { slot: '1h', dueAt: T0 + H, expiresAt: T0 + 2 * H })]);
    expect(await ops.settings.turnOff(G, C2, T0, SEASON)).toEqual([{ channelId: C2, seasonId: SEASON }]);
    expect(await ops.settings.turnOff(G, C2, T0)).toEqual([]);
    expect(await ops.outbox.countByStatus(G)).toMatchObject({ cancelled: 2, pending: 0 });

    // Set up again: the posts reopen; past their expiry they expire.
    const again = await ops.settings.setSubscription({ guildId: G, channelId: C2, seasonId: SEASON }, T0 - H);
    await ops.outbox.upsertPlan(again, [post(C2), post(C2, { slot: '1h', dueAt: T0 + H, expiresAt: T0 + 2 * H })], T0 - H);
    const expired = await ops.outbox.expireOverdue(T0 + 7 * H);
    const why = 'not sent before it expired (bot offline or Discord failing)';
    expect(expired.map((r) => [r.slot, r.status, r.lastError]).sort()).toEqual([
      ['1h', 'expired', why],
      ['24h', 'expired', why],
    ]);

    // A row left sending by a dead process: taken back once its lease ran out (or at once, for the only dispatcher).
    const third = await ops.settings.setSubscription({ guildId: G2, channelId: C1, seasonId: SEASON }, T0);
    await ops.outbox.upsertPlan(third, [post(C1, { guildId: G2, dueAt: T0 + 8 * H, expiresAt: T0 + 9 * H })], T0);
    await ops.outbox.claimDue(T0 + 8 * H, { ...LEASE, realNow: T0 });
    expect(await ops.outbox.reclaimStale(T0 + M, T0 + 8 * H)).toEqual([]);
    expect((await ops.outbox.reclaimStale(T0 + 3 * M, T0 + 8 * H)).map((r) => [r.guildId, r.status, r.attempts])).toEqual([[G2, 'pending', 1]]);
  });

  test('round snapshots: saved per season, onlyMissing keeps the stored one', async () => {
    const matches = [{ id: 'm1', kickoff: '2024-02-11T16:00:00Z', date: '2024-02-11', state: 'on' as const }];
    await ops.outbox.saveRoundSnapshots([{ roundKey: 'gs-md1', fingerprint: 'a', matches }], T0, { seasonId: SEASON });
    await ops.outbox.saveRoundSnapshots([{ roundKey: 'gs-md1', fingerprint: 'b', matches: [] }], T0, { seasonId: SEASON, onlyMissing: true });
    expect([...(await ops.outbox.loadRoundSnapshots(SEASON))]).toEqual([['gs-md1', { roundKey: 'gs-md1', fingerprint: 'a', matches }]]);
    await ops.outbox.saveRoundSnapshots([{ roundKey: 'gs-md1', fingerprint: 'c', matches: [] }], T0, { seasonId: SEASON });
    expect((await ops.outbox.loadRoundSnapshots(SEASON)).get('gs-md1')?.fingerprint).toBe('c');
    expect(await ops.outbox.loadRoundSnapshots('other')).toEqual(new Map());
  });

  test('what a channel was shown: a sent full-time post is a posted fact, the row being sent is left out', async () => {
    await subscribe(C1, [post(C1, { kind: 'result', slot: 'm1', leadMs: null, fingerprint: '2-1' })]);
    const [row] = await ops.outbox.claimDue(T0, LEASE);
    expect([...(await ops.outbox.postedFacts(G, C1, SEASON, row!.id))]).toEqual([]);
    await ops.outbox.settlePostSent(row!, [snowflake(3)], false, T0, '2-1');
    expect([...(await ops.outbox.postedFacts(G, C1, SEASON))]).toEqual([[factKey('m1', 'result'), { value: '2-1', corrections: 0, fromRecap: false }]]);
  });

  test('departures: a mark keeps its first time, a rejoin clears it, the purge forgets a server 30 days after it left', async () => {
    await subscribe(C1);
    await ops.languages.setServer(G, 'fr', snowflake(7), T0);
    await ops.settings.setGuildSeason(G, SEASON, T0);
    await ops.clubRoles.setClubRole(G, 'ahly', snowflake(31), T0);
    await ops.settings.setSubscription({ guildId: G2, channelId: C2, seasonId: SEASON }, T0);
    expect((await ops.departures.guildsWithSettings()).sort()).toEqual([G, G2]);

    await ops.departures.markDeparted(G2, T0);
    expect(await ops.departures.clearDeparted(G2)).toBe(true);
    expect(await ops.departures.clearDeparted(G2)).toBe(false);
    await ops.departures.markDeparted(G, T0);
    await ops.departures.markDeparted(G, T0 + H);
    expect(await ops.departures.departedAt(G)).toBe(T0);
    expect(await ops.departures.purgeDepartedGuilds(T0 + PURGE_AFTER_MS - 1)).toEqual([]);
    expect(await ops.departures.purgeDepartedGuilds(T0 + PURGE_AFTER_MS)).toEqual([
      { guildId: G, leftAt: T0, subscriptions: 1, outboxRows: 1, serverLanguage: 1, serverSettings: 2 },
    ]);
    expect(await ops.settings.listSubscriptions(G)).toEqual([]);
    expect(await ops.outbox.countByStatus(G)).toEqual({ pending: 0, sending: 0, sent: 0, failed: 0, expired: 0, cancelled: 0 });
    expect(await ops.languages.choicesFor(snowflake(500), G)).toEqual({ user: null, server: null });
    expect(await ops.settings.guildSeason(G)).toBeNull();
    expect(await ops.departures.departedAt(G)).toBeNull();
    expect(await ops.settings.listSubscriptions(G2)).toHaveLength(1);
  });

  test('leases: one holder at a time, renewals keep the first time, an expired or dead holder is taken over, release frees it', async () => {
    expect(await ops.leases.acquireLease('announcements', 'a', T0, M)).toEqual({ held: true, takenOver: true, holder: 'a', acquiredAt: T0, renewedAt: T0, expiresAt: T0 + M });
    expect(await ops.leases.acquireLease('announcements', 'b', T0 + 1, M)).toMatchObject({ held: false, holder: 'a' });
    expect(await ops.leases.acquireLease('announcements', 'a', T0 + 10, M)).toEqual({ held: true, takenOver: false, holder: 'a', acquiredAt: T0, renewedAt: T0 + 10, expiresAt: T0 + 10 + M });
    expect(await ops.leases.acquireLease('announcements', 'b', T0 + 10 + M, M)).toMatchObject({ held: true, takenOver: true, holder: 'b' });
    expect(await ops.leases.acquireLease('announcements', 'c', T0 + 11 + M, M, 'b')).toMatchObject({ held: true, holder: 'c' });
    expect(await ops.leases.readLease('announcements')).toMatchObject({ holder: 'c', renewedAt: T0 + 11 + M });
    expect(await ops.leases.acquireLease('sources', 'a', T0, M)).toMatchObject({ held: true });
    expect(await ops.leases.releaseLease('announcements', 'a')).toBe(false);
    expect(await ops.leases.releaseLease('announcements', 'c')).toBe(true);
    expect(await ops.leases.readLease('announcements')).toBeNull();
    await ops.ping();
  });
});

describe('the operations store on PostgreSQL, several dispatchers', () => {
  const engine = pgEngine();
  beforeAll(() => engine.setup());
  afterAll(() => engine.teardown());

  test('a row whose lease ran out is claimed by another process (same nonce); the first can no longer settle it', async () => {
    const ops = await engine.fresh();
    const sub = await ops.settings.setSubscription({ guildId: G, channelId: C1, seasonId: SEASON }, T0 - H);
    await ops.outbox.upsertPlan(sub, [post(C1)], T0 - H);
    const [first] = await ops.outbox.claimDue(T0, LEASE);
    // Another process, after the first's lease (wall clock) ran out without a settle.
    const [taken] = await ops.outbox.claimDue(T0, { ...LEASE, realNow: T0 + 3 * M });
    expect(taken).toMatchObject({ id: first!.id, nonce: first!.nonce, attempts: 2, leaseUntil: T0 + 5 * M });
    expect(await ops.outbox.settlePostSent(first!, [snowflake(1)], false, T0)).toBe(false);
    expect(await ops.outbox.settlePostSent(taken!, [snowflake(2)], false, T0)).toBe(true);
    expect(await ops.outbox.getRow(first!.id)).toMatchObject({ status: 'sent', messageId: snowflake(2) });
  });
});

describe('the choice cache on PostgreSQL (replies read language and default-season choices from memory)', () => {
  const engine = pgEngine();
  beforeAll(() => engine.setup());
  afterAll(() => engine.teardown());

  test("a process's own writes show at once, another process's after a refresh; the store wrapped by it writes through it", async () => {
    const ops = await engine.fresh();
    await ops.languages.setUser(snowflake(500), 'fr', T0);
    const log = createLogger({ level: 'silent', format: 'json' });
    const [a, b] = [await startChoiceCache(ops, { log, refreshMs: 60_000 }), await startChoiceCache(ops, { log, refreshMs: 60_000 })];
    try {
      expect(a.languages.choicesFor(snowflake(500), G)).toEqual({ user: 'fr', server: null });
      await a.languages.setServer(G, 'ar', snowflake(7), T0);
      await a.languages.clearUser(snowflake(500));
      expect(a.languages.choicesFor(snowflake(500), G)).toEqual({ user: null, server: 'ar' });
      expect(b.languages.choicesFor(snowflake(500), G)).toEqual({ user: 'fr', server: null });
      const wrapped = withChoiceCache(ops, b);
      await wrapped.settings.setGuildSeason(G, SEASON, T0);
      expect(b.guildSeason(G)).toBe(SEASON);
      expect(a.guildSeason(G)).toBeNull();
      await Promise.all([a.refresh(), b.refresh()]);
      for (const cache of [a, b]) {
        expect(cache.languages.choicesFor(snowflake(500), G)).toEqual({ user: null, server: 'ar' });
        expect(cache.guildSeason(G)).toBe(SEASON);
      }
      expect(await wrapped.languages.choicesFor(snowflake(500), G)).toEqual({ user: null, server: 'ar' });
    } finally {
      a.stop();
      b.stop();
    }
  });
});

describe('several dispatchers on one PostgreSQL (the real tick, each process its own pool)', () => {
  const engine = pgEngine();
  const pools: OpenedPgDatabase[] = [];
  beforeAll(() => engine.setup());
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
    await engine.teardown();
  });

  test('three passes at once over 60 channels: every channel gets its post exactly once, and every dispatcher sends some', async () => {
    const ops = await engine.fresh();
    const { season } = readSeasonFile();
    const round = seasonRounds(season).find((r) => r.key === 'GS-MD1')!;
    const dueAt = roundTiming(round.matches)!.start - 24 * H;
    for (let c = 0; c < 60; c += 1) {
      const channelId = snowflake(2000 + c);
      const sub = await ops.settings.setSubscription({ guildId: G, channelId, seasonId: season.id, leadsMs: [24 * H], recap: false }, dueAt - H);
      await ops.outbox.upsertPlan(sub, [post(channelId, { season: season.id, roundKey: 'GS-MD1', dueAt, expiresAt: dueAt + 6 * H })], dueAt - H);
    }
    const sends: { channelId: string; nonce: string; by: number }[] = [];
    const dispatchers = [0, 1, 2].map((by) => {
      const pool = openPgDatabase(engine.url(), { max: 3 });
      pools.push(pool);
      const send: SendPost = async (outgoing) => {
        sends.push({ channelId: outgoing.channelId, nonce: outgoing.nonce, by });
        await new Promise((resolve) => setTimeout(resolve, 5));
        return { kind: 'sent', messageIds: [snowflake(9000 + sends.length)] };
      };
      return runTick({ db: pgOperations(pool.db), season: () => season, send, log: createLogger({ level: 'silent', format: 'json' }), batchSize: 5, concurrency: 4, realNow: () => dueAt }, dueAt);
    });
    const reports = await Promise.all(dispatchers);
    expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(60);
    expect(new Set(sends.map((s) => s.channelId)).size).toBe(60);
    expect(sends).toHaveLength(60);
    expect(new Set(sends.map((s) => s.by))).toEqual(new Set([0, 1, 2]));
    expect(await ops.outbox.countByStatus(G)).toMatchObject({ sent: 60, pending: 0, sending: 0 });
  });
});
