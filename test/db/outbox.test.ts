import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { LEGACY_SEASON_ID, type PlannedPost } from '../../src/domain/announcements.js';
import {
  disableSubscription,
  getSubscription,
  listEnabledSubscriptions,
  listSubscriptions,
  recordPermissionFailure,
  resetPermissionFailures,
  setSubscription,
  turnOff,
  type SubscriptionRow,
} from '../../src/db/guild-settings.js';
import {
  claimDue,
  countByStatus,
  expireOverdue,
  getRow,
  loadRoundSnapshots,
  nextDue,
  nonceFor,
  partNonce,
  reclaimStale,
  recordPartsSent,
  releaseClaim,
  rowsFor,
  saveRoundSnapshots,
  settleCancelled,
  settleFailed,
  settleRetry,
  settleSent,
  upsertPlan,
} from '../../src/db/outbox.js';
import type { OpenedDatabase } from '../../src/db/client.js';
import { settleChannelGone, settleForbidden, settlePostSent, settleUnauthorized } from '../../src/db/outbox-settle.js';
import { makeTestDb } from './helpers.js';

const H = 3_600_000;
const T0 = Date.parse('2023-11-20T00:00:00Z');
const G1 = '100000000000000001';
const G2 = '100000000000000002';
const C1 = '200000000000000001';
const C2 = '200000000000000002';

let opened: OpenedDatabase;
const db = () => opened.db;

beforeEach(() => {
  opened = makeTestDb();
});
afterEach(() => opened.close());

const subscribe = (guildId = G1, channelId = C1, now = T0): SubscriptionRow =>
  setSubscription(db(), { guildId, channelId, roleId: null, leadsMs: [24 * H], recap: true }, now);

const post = (over: Partial<PlannedPost> = {}): PlannedPost => ({
  guildId: G1,
  channelId: C1,
  kind: 'preview',
  roundKey: 'GS-MD1',
  slot: '24h',
  leadMs: 24 * H,
  dueAt: T0 + 10 * H,
  expiresAt: T0 + 16 * H,
  fingerprint: 'fp1',
  moves: null,
  ...over,
});

const claim = (now: number, limit = 10, realNow = 0) => claimDue(db(), now, { realNow, leaseMs: 120_000, limit });

describe('upsertPlan', () => {
  test('GIVEN a plan THEN rows are inserted pending with a stable nonce; the same plan again changes nothing', () => {
    const sub = subscribe();
    const plan = [post(), post({ kind: 'recap', slot: 'after', leadMs: null, dueAt: T0 + 40 * H, expiresAt: T0 + 46 * H })];
    expect(upsertPlan(db(), sub, plan, T0)).toEqual({ inserted: 2, moved: 0, reopened: 0, cancelled: 0, unchanged: 0 });
    expect(upsertPlan(db(), sub, plan, T0)).toEqual({ inserted: 0, moved: 0, reopened: 0, cancelled: 0, unchanged: 2 });
    const rows = rowsFor(db(), { guildId: G1 });
    expect(rows.map((r) => [r.kind, r.status, r.attempts, r.nonce])).toEqual([
      ['preview', 'pending', 0, nonceFor(`${G1}:${C1}:preview:GS-MD1:24h`)],
      ['recap', 'pending', 0, nonceFor(`${G1}:${C1}:recap:GS-MD1:after`)],
    ]);
  });

  test('GIVEN a kickoff moved THEN the pending row moves, a sent row is never touched nor duplicated', () => {
    const sub = subscribe();
    upsertPlan(db(), sub, [post(), post({ kind: 'recap', slot: 'after', leadMs: null, dueAt: T0 + 40 * H, expiresAt: T0 + 46 * H })], T0);
    const [preview] = claim(T0 + 10 * H);
    settleSent(db(), preview!.id, ['900'], false, T0 + 10 * H);

    const result = upsertPlan(
      db(),
      sub,
      [
        post({ dueAt: T0 + 30 * H, expiresAt: T0 + 36 * H, fingerprint: 'fp2' }),
        post({ kind: 'recap', slot: 'after', leadMs: null, dueAt: T0 + 60 * H, expiresAt: T0 + 66 * H, fingerprint: 'fp2' }),
      ],
      T0 + 11 * H,
    );
    expect(result).toEqual({ inserted: 0, moved: 1, reopened: 0, cancelled: 0, unchanged: 1 });
    const rows = rowsFor(db(), { guildId: G1 });
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => [r.kind, r.status, r.dueAt, r.fingerprint])).toEqual([
      ['preview', 'sent', T0 + 10 * H, 'fp1'],
      ['recap', 'pending', T0 + 60 * H, 'fp2'],
    ]);
  });

  test('GIVEN a lead removed THEN its pending row is cancelled; added back THEN it reopens', () => {
    const sub = subscribe();
    const oneHour = post({ slot: '1h', leadMs: H, dueAt: T0 + 33 * H, expiresAt: T0 + 34 * H });
    upsertPlan(db(), sub, [post(), oneHour], T0);
    expect(upsertPlan(db(), sub, [post()], T0).cancelled).toBe(1);
    expect(rowsFor(db(), { guildId: G1, statuses: ['cancelled'] }).map((r) => r.slot)).toEqual(['1h']);
    expect(upsertPlan(db(), sub, [post(), oneHour], T0).reopened).toBe(1);
    expect(countByStatus(db(), G1)).toMatchObject({ pending: 2, cancelled: 0 });
  });

  test('GIVEN a pending row due before the subscription became active THEN a new plan leaves it (it is owed)', () => {
    const sub = subscribe();
    upsertPlan(db(), sub, [post()], T0);
    const later = subscribe(G1, C1, T0 + 12 * H); // settings edited after the preview was due
    expect(upsertPlan(db(), later, [], T0 + 12 * H).cancelled).toBe(0);
    expect(countByStatus(db(), G1).pending).toBe(1);
  });

  test('GIVEN an expired row whose round moved into the future THEN it reopens', () => {
    const sub = subscribe();
    upsertPlan(db(), sub, [post()], T0);
    expect(expireOverdue(db(), T0 + 17 * H)).toHaveLength(1);
    const result = upsertPlan(db(), sub, [post({ dueAt: T0 + 100 * H, expiresAt: T0 + 106 * H, fingerprint: 'fp2' })], T0 + 17 * H);
    expect(result.reopened).toBe(1);
    expect(getRow(db(), 1)).toMatchObject({ status: 'pending', dueAt: T0 + 100 * H, attempts: 0, lastError: null });
  });

  test('GIVEN a moved notice planned twice THEN one row', () => {
    const sub = subscribe();
    const notice = post({ kind: 'moved', slot: 'abc', leadMs: null, moves: [{ matchId: 'm1', before: null, after: null }] });
    upsertPlan(db(), sub, [notice], T0);
    upsertPlan(db(), sub, [notice], T0 + H);
    const rows = rowsFor(db(), { guildId: G1 });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.moves).toEqual([{ matchId: 'm1', before: null, after: null }]);
  });

  test('GIVEN the same key inserted directly THEN the unique index refuses it', () => {
    const sub = subscribe();
    upsertPlan(db(), sub, [post()], T0);
    expect(() =>
      opened.sqlite
        .prepare(
          `insert into announcement_outbox (subscription_id, guild_id, channel_id, kind, round_key, slot, due_at, expires_at, status, message_ids, nonce, fingerprint, created_at, updated_at)
           values (?, ?, ?, 'preview', 'GS-MD1', '24h', 0, 0, 'pending', '[]', 'other', 'fp', 0, 0)`,
        )
        .run(sub.id, G1, C1),
    ).toThrow(/UNIQUE/);
  });

  test('GIVEN an unknown status THEN the check constraint refuses it', () => {
    const sub = subscribe();
    upsertPlan(db(), sub, [post()], T0);
    expect(() => opened.sqlite.prepare("update announcement_outbox set status = 'lost'").run()).toThrow(/CHECK/);
  });
});

describe('claim and settle', () => {
  beforeEach(() => {
    const sub = subscribe();
    upsertPlan(db(), sub, [post(), post({ slot: '1h', leadMs: H, dueAt: T0 + 33 * H, expiresAt: T0 + 34 * H })], T0);
  });

  test('GIVEN one row due and one in the future THEN only the due one is claimed, once', () => {
    expect(claim(T0 + 9 * H)).toEqual([]);
    const claimed = claim(T0 + 10 * H, 10, 5_000);
    expect(claimed.map((r) => [r.slot, r.status, r.attempts, r.claimedAt, r.leaseUntil])).toEqual([['24h', 'sending', 1, T0 + 10 * H, 125_000]]);
    expect(claim(T0 + 10 * H)).toEqual([]);
  });

  test('GIVEN a limit THEN at most that many rows, oldest due first', () => {
    const claimed = claim(T0 + 40 * H, 1);
    expect(claimed.map((r) => r.slot)).toEqual(['24h']);
  });

  test('GIVEN a send THEN sent with message ids and the late flag; a second settle is refused', () => {
    const [row] = claim(T0 + 12 * H);
    expect(settleSent(db(), row!.id, ['111', '112'], true, T0 + 12 * H)).toBe(true);
    expect(getRow(db(), row!.id)).toMatchObject({ status: 'sent', messageId: '111', messageIds: ['111', '112'], late: true, sentAt: T0 + 12 * H });
    expect(settleSent(db(), row!.id, ['999'], false, T0 + 13 * H)).toBe(false);
    expect(settleFailed(db(), row!.id, { message: 'x', code: null }, T0 + 13 * H)).toBe(false);
    expect(getRow(db(), row!.id)?.messageId).toBe('111');
  });

  test('GIVEN a retry THEN pending until next_attempt_at, then claimed again with attempts 2', () => {
    const [row] = claim(T0 + 10 * H);
    settleRetry(db(), row!.id, { message: '502 Bad Gateway', code: '502' }, T0 + 10 * H + 60_000, T0 + 10 * H);
    expect(getRow(db(), row!.id)).toMatchObject({ status: 'pending', lastError: '502 Bad Gateway', lastErrorCode: '502', attempts: 1 });
    expect(claim(T0 + 10 * H + 59_999)).toEqual([]);
    expect(claim(T0 + 10 * H + 60_000).map((r) => r.attempts)).toEqual([2]);
  });

  test('GIVEN a split post that failed half-way THEN the parts sent are kept for the retry', () => {
    const [row] = claim(T0 + 10 * H);
    recordPartsSent(db(), row!.id, ['501'], T0 + 10 * H);
    settleRetry(db(), row!.id, { message: 'timeout', code: 'timeout' }, T0 + 10 * H, T0 + 10 * H);
    expect(getRow(db(), row!.id)).toMatchObject({ status: 'pending', messageIds: ['501'], messageId: '501' });
  });

  test('GIVEN a permanent failure THEN failed with the error', () => {
    const [row] = claim(T0 + 10 * H);
    settleFailed(db(), row!.id, { message: '400 Invalid Form Body', code: '50035' }, T0 + 10 * H);
    expect(getRow(db(), row!.id)).toMatchObject({ status: 'failed', lastErrorCode: '50035' });
    expect(claim(T0 + 20 * H)).toEqual([]);
  });

  test('GIVEN a claimed row cancelled THEN cancelled', () => {
    const [row] = claim(T0 + 10 * H);
    expect(settleCancelled(db(), row!.id, 'channel disabled', T0 + 10 * H)).toBe(true);
    expect(getRow(db(), row!.id)?.status).toBe('cancelled');
  });

  test('GIVEN a crash while sending THEN the row is reclaimed only once its lease ran out (or at startup)', () => {
    const [row] = claim(T0 + 10 * H, 10, 1_000); // lease until 121 000 real ms
    expect(reclaimStale(db(), 121_000, T0 + 11 * H)).toEqual([]);
    expect(reclaimStale(db(), 121_001, T0 + 11 * H).map((r) => r.id)).toEqual([row!.id]);
    expect(getRow(db(), row!.id)).toMatchObject({ status: 'pending', attempts: 1, nonce: row!.nonce });
    claim(T0 + 11 * H, 10, 500_000);
    expect(reclaimStale(db(), Number.POSITIVE_INFINITY, T0 + 11 * H)).toHaveLength(1);
  });

  test('GIVEN downtime past the window THEN pending rows expire with a reason; rows inside it stay', () => {
    const expired = expireOverdue(db(), T0 + 16 * H + 1);
    expect(expired.map((r) => [r.slot, r.status])).toEqual([['24h', 'expired']]);
    expect(expired[0]?.lastError).toMatch(/not sent before it expired/);
    expect(expireOverdue(db(), T0 + 16 * H + 2)).toEqual([]);
    expect(countByStatus(db(), G1)).toMatchObject({ expired: 1, pending: 1 });
  });

  test('GIVEN the claim query THEN SQLite uses the (status, due_at) index', () => {
    const plan = opened.sqlite
      .prepare("explain query plan select id from announcement_outbox where status = 'pending' and due_at <= ? order by due_at, id limit 50")
      .all(T0) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('announcement_outbox_status_due_idx');
  });

  test('GIVEN nextDue THEN pending rows soonest first', () => {
    expect(nextDue(db(), G1, 5).map((r) => r.slot)).toEqual(['24h', '1h']);
    expect(nextDue(db(), G2, 5)).toEqual([]);
  });
});

describe('claims per channel, and releasing a claim', () => {
  beforeEach(() => {
    upsertPlan(db(), subscribe(), [post(), post({ slot: '12h', leadMs: 12 * H, dueAt: T0 + 11 * H })], T0);
    upsertPlan(db(), subscribe(G1, C2), [post({ channelId: C2 })], T0);
  });

  test('GIVEN a channel with a row still sending THEN its next row waits, other channels do not', () => {
    const first = claim(T0 + 12 * H, 2);
    expect(first.map((r) => [r.channelId, r.slot])).toEqual([
      [C1, '24h'],
      [C2, '24h'],
    ]);
    expect(claim(T0 + 12 * H)).toEqual([]); // C1's 12h row waits for its 24h row
    settleSent(db(), first[0]!.id, ['1'], false, T0 + 12 * H);
    expect(claim(T0 + 12 * H).map((r) => [r.channelId, r.slot])).toEqual([[C1, '12h']]);
  });

  test('GIVEN a claim released (stop, 401) THEN pending again, the attempt not counted, claimable at once, parts kept', () => {
    const [row] = claim(T0 + 10 * H, 1);
    expect(releaseClaim(db(), row!.id, T0 + 10 * H, ['p1'])).toBe(true);
    expect(getRow(db(), row!.id)).toMatchObject({ status: 'pending', attempts: 0, leaseUntil: null, messageIds: ['p1'] });
    expect(claim(T0 + 10 * H, 1).map((r) => [r.id, r.attempts])).toEqual([[row!.id, 1]]);
    expect(releaseClaim(db(), row!.id, T0 + 10 * H)).toBe(true);
    expect(releaseClaim(db(), row!.id, T0 + 10 * H)).toBe(false); // not sending any more
  });

  test('GIVEN a permanent failure after some parts went out THEN the parts are on the failed row', () => {
    const [row] = claim(T0 + 10 * H, 1);
    settleFailed(db(), row!.id, { message: '400', code: '50035' }, T0 + 10 * H, ['p1', 'p2']);
    expect(getRow(db(), row!.id)).toMatchObject({ status: 'failed', messageIds: ['p1', 'p2'], messageId: 'p1' });
  });
});

describe('settling an outcome: row and channel in one transaction', () => {
  beforeEach(() => {
    upsertPlan(db(), subscribe(), [post(), post({ slot: '12h', leadMs: 12 * H, dueAt: T0 + 22 * H, expiresAt: T0 + 28 * H })], T0);
    upsertPlan(db(), subscribe(G1, C2), [post({ channelId: C2 })], T0);
  });
  const claimOne = (channelId: string) => claim(T0 + 10 * H, 10).find((r) => r.channelId === channelId)!;

  test('GIVEN a third refusal in a row THEN the post fails, the channel is disabled and its pending posts cancelled', () => {
    for (let i = 0; i < 2; i++) recordPermissionFailure(db(), G1, C1, 'Discord 50013', T0);
    const row = claimOne(C1);
    expect(settleForbidden(db(), row, 'Discord 50013', { message: '403', code: '50013' }, T0 + 10 * H, [])).toEqual({ failures: 3, disabled: 'missing_permissions' });
    expect(getRow(db(), row.id)?.status).toBe('failed');
    expect(getSubscription(db(), G1, C1)).toMatchObject({ enabled: false });
    expect(countByStatus(db(), G1)).toMatchObject({ cancelled: 1, failed: 1 });
  });

  test('GIVEN a post sent THEN sent at its own time and the permission count starts over', () => {
    recordPermissionFailure(db(), G1, C1, 'Discord 50013', T0);
    const row = claimOne(C1);
    expect(settlePostSent(db(), row, ['m1'], true, T0 + 10 * H + 7)).toBe(true);
    expect(getRow(db(), row.id)).toMatchObject({ status: 'sent', sentAt: T0 + 10 * H + 7, late: true });
    expect(getSubscription(db(), G1, C1)?.consecutivePermissionFailures).toBe(0);
  });

  test('GIVEN Unknown Guild THEN every channel of the guild is disabled with the post failed', () => {
    const row = claimOne(C1);
    expect(settleChannelGone(db(), row, 'guild', { message: '404', code: '10004' }, T0 + 10 * H, [])).toBe('guild_gone');
    expect(listEnabledSubscriptions(db())).toEqual([]);
    expect(getRow(db(), row.id)?.status).toBe('failed');
  });

  test('GIVEN 401 THEN the row goes back untouched', () => {
    const row = claimOne(C2);
    expect(settleUnauthorized(db(), row, T0 + 10 * H, [])).toBe(true);
    expect(getRow(db(), row.id)).toMatchObject({ status: 'pending', attempts: 0 });
  });
});

describe('nonces', () => {
  test('GIVEN keys THEN nonces are stable, at most 25 characters and distinct; split parts differ', () => {
    const a = nonceFor(`${G1}:${C1}:preview:GS-MD1:24h`);
    expect(a).toBe(nonceFor(`${G1}:${C1}:preview:GS-MD1:24h`));
    expect(a).not.toBe(nonceFor(`${G1}:${C2}:preview:GS-MD1:24h`));
    expect(a.length).toBeLessThanOrEqual(25);
    expect(partNonce(a, 0)).toBe(a);
    expect(new Set([0, 1, 2, 35].map((i) => partNonce(a, i))).size).toBe(4);
    expect(partNonce(a, 35).length).toBeLessThanOrEqual(25);
  });
});

describe('round snapshots', () => {
  test('GIVEN snapshots saved THEN loaded back; onlyMissing keeps the old one', () => {
    const s1 = { roundKey: 'GS-MD1', fingerprint: 'a', matches: [{ id: 'm', kickoff: null, date: '2023-11-26', state: 'on' as const }] };
    saveRoundSnapshots(db(), [s1], T0);
    saveRoundSnapshots(db(), [{ ...s1, fingerprint: 'b' }], T0, { onlyMissing: true });
    expect(loadRoundSnapshots(db()).get('GS-MD1')).toEqual(s1);
    saveRoundSnapshots(db(), [{ ...s1, fingerprint: 'b' }], T0);
    expect(loadRoundSnapshots(db()).get('GS-MD1')?.fingerprint).toBe('b');
  });
});

describe('guild settings', () => {
  test('GIVEN two guilds THEN each sees only its channels', () => {
    subscribe(G1, C1);
    subscribe(G2, C2);
    expect(listSubscriptions(db(), G1).map((s) => s.channelId)).toEqual([C1]);
    expect(getSubscription(db(), G1, C2)).toBeNull();
    // Guild 1 cannot turn off guild 2's channel.
    expect(turnOff(db(), G1, C2, T0)).toEqual([]);
    expect(getSubscription(db(), G2, C2)?.enabled).toBe(true);
  });

  test('GIVEN set twice THEN one row, settings replaced, created time kept', () => {
    const first = subscribe();
    const second = setSubscription(db(), { guildId: G1, channelId: C1, roleId: '300000000000000001', leadsMs: [H], recap: false }, T0 + H);
    expect(second).toMatchObject({ id: first.id, roleId: '300000000000000001', leadsMs: [H], recap: false, createdAt: T0, activeFrom: T0 + H });
    expect(listSubscriptions(db(), G1)).toHaveLength(1);
  });

  test('GIVEN off THEN disabled with the reason and pending rows cancelled; set again re-enables', () => {
    const sub = subscribe();
    upsertPlan(db(), sub, [post()], T0);
    expect(turnOff(db(), G1, null, T0 + H)).toEqual([{ channelId: C1, seasonId: LEGACY_SEASON_ID }]);
    expect(getSubscription(db(), G1, C1)).toMatchObject({ enabled: false, disabledReason: 'turned_off', disabledAt: T0 + H });
    expect(countByStatus(db(), G1)).toMatchObject({ pending: 0, cancelled: 1 });
    expect(listEnabledSubscriptions(db())).toEqual([]);
    expect(subscribe(G1, C1, T0 + 2 * H)).toMatchObject({ enabled: true, disabledReason: null });
  });

  test('GIVEN three permission failures in a row THEN disabled on the third; a success in between resets', () => {
    const sub = subscribe();
    upsertPlan(db(), sub, [post()], T0);
    expect(recordPermissionFailure(db(), G1, C1, 'missing Embed Links', T0)).toEqual({ failures: 1, disabled: false });
    expect(recordPermissionFailure(db(), G1, C1, 'missing Embed Links', T0)).toEqual({ failures: 2, disabled: false });
    resetPermissionFailures(db(), G1, C1);
    expect(recordPermissionFailure(db(), G1, C1, 'missing Embed Links', T0)).toEqual({ failures: 1, disabled: false });
    recordPermissionFailure(db(), G1, C1, 'missing Embed Links', T0);
    expect(recordPermissionFailure(db(), G1, C1, 'missing Embed Links', T0)).toEqual({ failures: 3, disabled: true });
    expect(getSubscription(db(), G1, C1)).toMatchObject({ enabled: false, disabledReason: 'missing_permissions: missing Embed Links' });
    expect(countByStatus(db(), G1).pending).toBe(0);
  });

  test('GIVEN a channel disabled twice THEN the second call reports nothing changed', () => {
    subscribe();
    expect(disableSubscription(db(), G1, C1, 'channel_deleted', T0)).toBe(true);
    expect(disableSubscription(db(), G1, C1, 'channel_deleted', T0)).toBe(false);
  });

  test('GIVEN a malformed id THEN the check constraint refuses it', () => {
    expect(() => setSubscription(db(), { guildId: 'abc', channelId: C1, roleId: null, leadsMs: [], recap: true }, T0)).toThrow(/CHECK/);
  });
});
