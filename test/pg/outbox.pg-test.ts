import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { announcementOutbox, announcementSubscriptions } from '../../src/db/pg/announcements-schema.js';
import { openPgDatabase, type OpenedPgDatabase } from '../../src/db/pg/client.js';
import { migratePg } from '../../src/db/pg/migrate.js';
import { channelLockKey, claimDuePg, releaseClaimPg, settleFailedPg, settleRetryPg, settleSentPg, type PgOutboxRow } from '../../src/db/pg/outbox.js';
import { freshDatabase, seedOutbox } from './support.js';

const T0 = Date.parse('2024-02-11T12:00:00Z');
const LEASE = 60_000;

describe('the PostgreSQL outbox', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let main: OpenedPgDatabase;
  const pools: OpenedPgDatabase[] = [];
  const open = (max = 2) => {
    const o = openPgDatabase(database.url, { max });
    pools.push(o);
    return o;
  };

  beforeAll(async () => {
    database = await freshDatabase('outbox');
    main = open(4);
    await migratePg(main.pool);
  });
  afterAll(async () => {
    await Promise.all(pools.map((o) => o.close()));
    await database.drop();
  });
  beforeEach(async () => {
    await main.db.execute(sql`truncate ${announcementSubscriptions} restart identity cascade`);
  });

  const all = () => main.db.select().from(announcementOutbox).orderBy(announcementOutbox.id);
  const claim = (db = main.db, now = T0, realNow = T0, limit = 50) => claimDuePg(db, now, { realNow, leaseMs: LEASE, limit });

  test('claims due pending rows only, oldest first, as sending with a lease and one more attempt', async () => {
    await seedOutbox(main.db, { channels: 3, perChannel: 1, dueAt: T0 });
    await main.db.update(announcementOutbox).set({ dueAt: new Date(T0 + 1) }).where(eq(announcementOutbox.id, 3)); // not yet due
    await main.db.update(announcementOutbox).set({ dueAt: new Date(T0 - 5) }).where(eq(announcementOutbox.id, 2)); // the oldest
    const claimed = await claim();
    expect(claimed.map((r) => [r.id, r.status, r.attempts, r.leaseUntil, r.claimedAt])).toEqual([
      [2, 'sending', 1, T0 + LEASE, T0],
      [1, 'sending', 1, T0 + LEASE, T0],
    ]);
    expect(await claim()).toEqual([]); // nothing else due, and the claimed rows are leased
  });

  test('settles sent, retry and failed; a retry is claimable again only at its next attempt time', async () => {
    await seedOutbox(main.db, { channels: 3, perChannel: 1, dueAt: T0 });
    const [a, b, c] = await claim();
    if (a === undefined || b === undefined || c === undefined) throw new Error('three rows expected');
    expect(await settleSentPg(main.db, a, ['111', '112'], false, T0 + 10)).toBe(true);
    expect(await settleRetryPg(main.db, b, { message: 'HTTP 503', code: '503' }, T0 + 30_000, T0 + 10)).toBe(true);
    expect(await settleFailedPg(main.db, c, { message: 'Missing Access', code: '50001' }, T0 + 10)).toBe(true);
    // Settling twice is refused: the row is no longer `sending`.
    expect(await settleSentPg(main.db, a, ['111'], false, T0 + 20)).toBe(false);
    const rows = await all();
    expect(rows.map((r) => [r.status, r.messageId, r.messageIds, r.leaseUntil, r.lastErrorCode])).toEqual([
      ['sent', '111', ['111', '112'], null, null],
      ['pending', null, [], null, '503'],
      ['failed', null, [], null, '50001'],
    ]);
    expect(await claim(main.db, T0 + 29_999, T0 + 29_999)).toEqual([]);
    const again = await claim(main.db, T0 + 30_000, T0 + 30_000);
    expect(again.map((r) => [r.id, r.attempts])).toEqual([[2, 2]]);
  });

  test('a dead claimer: its lease runs out, another process takes the row with the same nonce, and the first can no longer settle it', async () => {
    await seedOutbox(main.db, { channels: 1, perChannel: 1, dueAt: T0 });
    const other = open();
    const [first] = await claim(main.db, T0, T0);
    if (first === undefined) throw new Error('one row expected');
    expect(await claim(other.db, T0 + 1000, T0 + LEASE - 1)).toEqual([]); // lease still running
    const [taken] = await claim(other.db, T0 + 1000, T0 + LEASE + 1);
    expect(taken).toMatchObject({ id: first.id, nonce: first.nonce, attempts: 2, leaseUntil: T0 + 2 * LEASE + 1 });
    expect(await settleSentPg(main.db, first, ['999'], false, T0 + LEASE + 2)).toBe(false);
    expect(await releaseClaimPg(main.db, first, T0 + LEASE + 2)).toBe(false);
    if (taken === undefined) return;
    expect(await settleSentPg(other.db, taken, ['1000'], true, T0 + LEASE + 3)).toBe(true);
    expect((await all()).map((r) => [r.status, r.messageId, r.late])).toEqual([['sent', '1000', true]]);
  });

  test('a released claim goes back to pending without counting the attempt', async () => {
    await seedOutbox(main.db, { channels: 1, perChannel: 1, dueAt: T0 });
    const [row] = await claim();
    if (row === undefined) throw new Error('one row expected');
    expect(await releaseClaimPg(main.db, row, T0 + 5, ['501'])).toBe(true);
    expect((await all()).map((r) => [r.status, r.attempts, r.messageIds])).toEqual([['pending', 0, ['501']]]);
  });

  test('one post at a time per channel: two claimers at once over a channel with two due rows get one row between them', async () => {
    await seedOutbox(main.db, { channels: 1, perChannel: 2, dueAt: T0 });
    const [x, y] = [open(), open()];
    const now = T0 + 10; // both rows due
    const [fromX, fromY] = await Promise.all([claim(x.db, now), claim(y.db, now)]);
    const claimed = [...fromX, ...fromY];
    expect(claimed.map((r) => r.id)).toEqual([1]);
    expect(await claim(main.db, now)).toEqual([]); // the channel is busy until row 1 settles
    const [first] = claimed;
    if (first === undefined) return;
    expect(await settleSentPg(main.db, first, ['1'], false, now)).toBe(true);
    expect((await claim(main.db, now)).map((r) => r.id)).toEqual([2]);
  });

  test('one post at a time per channel: while another claimer is mid-claim on a channel (its row locked, nothing committed), the channel\'s other row is not claimed', async () => {
    await seedOutbox(main.db, { channels: 1, perChannel: 2, dueAt: T0 });
    const now = T0 + 10;
    // A claimer between its scan and its commit: it holds row 1's lock and the channel's advisory lock.
    const midClaim = await main.pool.connect();
    try {
      await midClaim.query('begin');
      await midClaim.query('select id from announcement_outbox where id = 1 for update');
      const key = await main.db.execute<{ key: string }>(sql`select ${channelLockKey(sql`guild_id`, sql`channel_id`)}::text as key from ${announcementOutbox} where id = 1`);
      await midClaim.query('select pg_advisory_xact_lock($1::bigint)', [key.rows[0]?.key]);
      expect(await claim(open().db, now)).toEqual([]);
    } finally {
      await midClaim.query('rollback');
      midClaim.release();
    }
    expect((await claim(main.db, now)).map((r) => r.id)).toEqual([1]);
  });

  test('3 claimers, each with its own pool, over 1,000 due rows in 1,000 channels: every row is claimed exactly once', async () => {
    await seedOutbox(main.db, { channels: 1000, perChannel: 1, dueAt: T0 });
    const claimers = [open(3), open(3), open(3)];
    const claimedBy = new Map<number, number[]>();
    const started = performance.now();
    const run = async (who: number): Promise<number> => {
      const { db } = claimers[who] ?? main;
      let mine = 0;
      for (;;) {
        const rows: PgOutboxRow[] = await claimDuePg(db, T0, { realNow: Date.now(), leaseMs: LEASE, limit: 25 });
        if (rows.length === 0) return mine;
        mine += rows.length;
        for (const row of rows) claimedBy.set(row.id, [...(claimedBy.get(row.id) ?? []), who]);
        await Promise.all(rows.map((row) => settleSentPg(db, row, [`m${row.id}`], false, T0).then((ok) => expect(ok).toBe(true))));
      }
    };
    const perClaimer = await Promise.all([0, 1, 2].map(run));
    const seconds = (performance.now() - started) / 1000;
    console.info(`3 claimers: 1000 rows claimed and settled in ${seconds.toFixed(2)} s (${Math.round(1000 / seconds)} rows/s); per claimer ${perClaimer.join(', ')}`);

    expect(perClaimer.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(claimedBy.size).toBe(1000);
    expect([...claimedBy.values()].filter((who) => who.length !== 1)).toEqual([]);
    // Every claimer did a share of the work (SKIP LOCKED lets them run side by side).
    expect(perClaimer.every((n) => n > 0)).toBe(true);
    const states = await main.db.execute<{ status: string; attempts: number; n: string }>(
      sql`select status, attempts, count(*) as n from ${announcementOutbox} group by status, attempts`,
    );
    expect(states.rows.map((r) => [r.status, r.attempts, Number(r.n)])).toEqual([['sent', 1, 1000]]);
  });
});
