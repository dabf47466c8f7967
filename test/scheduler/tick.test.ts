// The dispatcher with explicit instants, a real in-memory database and a fake sender: a plain
// function that records what it was asked to post and answers with the outcome a test wants.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { Match, Season } from '../../src/domain/types.js';
import { getSubscription, setSubscription, type SubscriptionRow } from '../../src/db/guild-settings.js';
import { countByStatus, nonceFor, rowsFor } from '../../src/db/outbox.js';
import type { OpenedDatabase } from '../../src/db/client.js';
import type { OutgoingPost, SendOutcome, SendPost } from '../../src/discord/announcements/sender.js';
import { planOne, replanAll } from '../../src/planning/announcements.js';
import { runTick, type TickDeps } from '../../src/scheduler/tick.js';
import { groupTeams, match, season as makeSeason } from '../domain/builders.js';
import { makeTestDb, silent } from '../db/helpers.js';

const H = 3_600_000;
const M = 60_000;
const at = (iso: string): number => Date.parse(iso);
const G1 = '100000000000000001';
const C1 = '200000000000000001';
const C2 = '200000000000000002';
const ROLE = '300000000000000001';

// Matchday 1: two matches on 26 Nov, first kickoff 13:00 UTC, last 16:00 → recap due 18:30.
const md1Preview24h = at('2023-11-25T13:00:00Z');
const md1Recap = at('2023-11-26T18:30:00Z');

const gm = (id: string, matchday: number, home: string, away: string, kickoff: string, over: Partial<Match> = {}): Match =>
  match({ id, stage: 'group', group: 'A', matchday, home, away, date: kickoff.slice(0, 10), kickoff, status: 'played', score: { home: 1, away: 0 }, ...over });

const baseSeason = makeSeason({
  teams: groupTeams('A'),
  matches: [
    gm('GA-MD1-1', 1, 'a', 'b', '2023-11-26T13:00:00Z'),
    gm('GA-MD1-2', 1, 'c', 'd', '2023-11-26T16:00:00Z'),
    gm('GA-MD2-1', 2, 'b', 'c', '2023-12-03T13:00:00Z'),
    gm('GA-MD2-2', 2, 'd', 'a', '2023-12-03T16:00:00Z'),
  ],
});

interface FakeSender {
  readonly send: SendPost;
  readonly calls: OutgoingPost[];
  /** Outcomes to answer with, per channel, in order; `sent` when none is queued. */
  readonly script: Map<string, SendOutcome[]>;
}

const fakeSender = (): FakeSender => {
  const calls: OutgoingPost[] = [];
  const script = new Map<string, SendOutcome[]>();
  let nextId = 1000;
  const send: SendPost = async (post) => {
    calls.push(post);
    const queued = script.get(post.channelId)?.shift();
    if (queued !== undefined) return queued;
    const ids = [...post.sentMessageIds];
    for (let i = ids.length; i < post.messages.length; i++) ids.push(String(nextId++));
    return { kind: 'sent', messageIds: ids };
  };
  return { send, calls, script };
};

let opened: OpenedDatabase;
let sender: FakeSender;
let season: Season;
let unauthorized: string[];
const deps = (over: Partial<TickDeps> = {}): TickDeps => ({
  db: opened.db,
  season: () => season,
  send: sender.send,
  log: silent,
  realNow: () => 0,
  onUnauthorized: (detail) => unauthorized.push(detail),
  ...over,
});

const subscribe = (channelId: string, over: Partial<{ leadsMs: number[]; recap: boolean; roleId: string | null }> = {}, now = at('2023-11-20T00:00:00Z')): SubscriptionRow => {
  const row = setSubscription(opened.db, { guildId: G1, channelId, roleId: over.roleId ?? null, leadsMs: over.leadsMs ?? [24 * H], recap: over.recap ?? true }, now);
  planOne(opened.db, season, row, now);
  return row;
};

const retry = (code = '502'): SendOutcome => ({ kind: 'retry', error: `${code} Bad Gateway`, code, retryAfterMs: null, messageIds: [] });
const forbidden: SendOutcome = { kind: 'forbidden', missing: [], error: '403 Missing Permissions', code: '50013', messageIds: [] };

beforeEach(() => {
  opened = makeTestDb();
  sender = fakeSender();
  season = baseSeason;
  unauthorized = [];
});
afterEach(() => opened.close());

const titles = (post: OutgoingPost): string[] => post.messages.flat().map((e) => e.title ?? '');

describe('runTick: the happy path', () => {
  test('GIVEN two channels THEN nothing before due, one preview each at due, nothing more on later ticks', async () => {
    subscribe(C1);
    subscribe(C2, { leadsMs: [24 * H, H] });

    expect((await runTick(deps(), md1Preview24h - 1)).claimed).toBe(0);
    const report = await runTick(deps(), md1Preview24h);
    expect(report).toMatchObject({ claimed: 2, sent: 2, late: 0, failed: 0 });
    expect(sender.calls.map((c) => [c.channelId, titles(c)[0]])).toEqual([
      [C1, 'Group stage · Matchday 1 — preview'],
      [C2, 'Group stage · Matchday 1 — preview'],
    ]);
    // Rendered once, reused for both channels.
    expect(sender.calls[0]?.messages).toBe(sender.calls[1]?.messages);
    expect(sender.calls[0]?.nonce).toBe(nonceFor(`${G1}:${C1}:preview:GS-MD1:24h`));
    expect(sender.calls[0]?.content).toBeNull();

    expect((await runTick(deps(), md1Preview24h + M)).claimed).toBe(0);
    await runTick(deps(), at('2023-11-26T12:00:00Z')); // the 1h lead, C2 only
    await runTick(deps(), md1Recap);
    expect(sender.calls.map((c) => [c.channelId, titles(c)[0]])).toEqual([
      [C1, 'Group stage · Matchday 1 — preview'],
      [C2, 'Group stage · Matchday 1 — preview'],
      [C2, 'Group stage · Matchday 1 — preview'],
      [C1, 'Group stage · Matchday 1 — results'],
      [C2, 'Group stage · Matchday 1 — results'],
    ]);
    expect(rowsFor(opened.db, { guildId: G1, statuses: ['sent'] })).toHaveLength(5);
  });

  test('GIVEN a role THEN the post pings that role only', async () => {
    subscribe(C1, { roleId: ROLE });
    await runTick(deps(), md1Preview24h);
    expect(sender.calls[0]).toMatchObject({ roleId: ROLE, content: `<@&${ROLE}>` });
  });
});

describe('runTick: failures', () => {
  test('GIVEN 502 then success THEN retried with backoff and sent exactly once with the same nonce', async () => {
    subscribe(C1, { recap: false });
    sender.script.set(C1, [retry(), retry()]);
    expect(await runTick(deps(), md1Preview24h)).toMatchObject({ retried: 1, sent: 0 });
    expect(await runTick(deps(), md1Preview24h + M - 1)).toMatchObject({ claimed: 0 }); // backoff: 1 min
    expect(await runTick(deps(), md1Preview24h + M)).toMatchObject({ retried: 1 });
    expect(await runTick(deps(), md1Preview24h + 2 * M)).toMatchObject({ claimed: 0 }); // backoff: 2 min
    expect(await runTick(deps(), md1Preview24h + 3 * M)).toMatchObject({ sent: 1 });
    expect(new Set(sender.calls.map((c) => c.nonce)).size).toBe(1);
    const [row] = rowsFor(opened.db, { guildId: G1, statuses: ['sent'] });
    expect(row).toMatchObject({ attempts: 3, late: false });
  });

  test('GIVEN Discord keeps failing THEN the row expires at the end of its window, never lost', async () => {
    subscribe(C1, { recap: false });
    sender.script.set(C1, Array.from({ length: 50 }, () => retry('500')));
    for (let t = md1Preview24h; t <= md1Preview24h + 7 * H; t += 10 * M) await runTick(deps(), t);
    expect(countByStatus(opened.db, G1)).toMatchObject({ expired: 1, sent: 0, pending: 1 }); // pending: the next round
    expect(sender.calls.length).toBeLessThanOrEqual(12);
  });

  test('GIVEN a surfaced 429 with retry-after THEN the next attempt waits at least that long', async () => {
    subscribe(C1, { recap: false });
    sender.script.set(C1, [{ kind: 'retry', error: 'rate limited', code: '429', retryAfterMs: 5 * M, messageIds: [] }]);
    await runTick(deps(), md1Preview24h);
    expect(await runTick(deps(), md1Preview24h + 4 * M)).toMatchObject({ claimed: 0 });
    expect(await runTick(deps(), md1Preview24h + 5 * M)).toMatchObject({ sent: 1 });
  });

  test('GIVEN 10003 Unknown Channel THEN the channel is disabled at once and never tried again', async () => {
    subscribe(C1);
    subscribe(C2);
    sender.script.set(C1, [{ kind: 'gone', scope: 'channel', error: '404 Unknown Channel', code: '10003', messageIds: [] }]);
    const report = await runTick(deps(), md1Preview24h);
    expect(report.disabled).toEqual([`${G1}/${C1}: channel_deleted`]);
    expect(getSubscription(opened.db, G1, C1)).toMatchObject({ enabled: false, disabledReason: 'channel_deleted' });
    await runTick(deps(), md1Recap);
    expect(sender.calls.filter((c) => c.channelId === C1)).toHaveLength(1);
    expect(sender.calls.filter((c) => c.channelId === C2)).toHaveLength(2);
  });

  test('GIVEN 50013 on three posts in a row THEN disabled after the third, with no fourth request', async () => {
    subscribe(C1, { leadsMs: [48 * H, 24 * H, H] });
    sender.script.set(C1, [forbidden, forbidden, forbidden]);
    await runTick(deps(), at('2023-11-24T13:00:00Z'));
    expect(getSubscription(opened.db, G1, C1)?.consecutivePermissionFailures).toBe(1);
    await runTick(deps(), md1Preview24h);
    const third = await runTick(deps(), at('2023-11-26T12:00:00Z'));
    expect(third.disabled).toEqual([`${G1}/${C1}: missing_permissions`]);
    expect(getSubscription(opened.db, G1, C1)).toMatchObject({ enabled: false, disabledReason: 'missing_permissions: Discord 50013' });
    await runTick(deps(), md1Recap);
    expect(sender.calls).toHaveLength(3);
    expect(countByStatus(opened.db, G1)).toMatchObject({ failed: 3, pending: 0 });
  });

  test('GIVEN a failure between successes THEN the count starts over', async () => {
    subscribe(C1, { leadsMs: [48 * H, 24 * H, H] });
    sender.script.set(C1, [forbidden, forbidden, { kind: 'sent', messageIds: ['1'] }, forbidden]);
    for (const t of ['2023-11-24T13:00:00Z', '2023-11-25T13:00:00Z', '2023-11-26T12:00:00Z', '2023-11-26T18:30:00Z']) await runTick(deps(), at(t));
    expect(getSubscription(opened.db, G1, C1)).toMatchObject({ enabled: true, consecutivePermissionFailures: 1 });
  });

  test('GIVEN another 4xx (50035) THEN that post fails and the channel stays on', async () => {
    subscribe(C1);
    sender.script.set(C1, [{ kind: 'failed', error: '400 Invalid Form Body', code: '50035', messageIds: [] }]);
    await runTick(deps(), md1Preview24h);
    expect(getSubscription(opened.db, G1, C1)?.enabled).toBe(true);
    expect(rowsFor(opened.db, { guildId: G1, statuses: ['failed'] }).map((r) => r.lastErrorCode)).toEqual(['50035']);
  });

  test('GIVEN 401 THEN the pass halts, the row goes back to pending and the operator hook fires once', async () => {
    subscribe(C1);
    subscribe(C2);
    sender.script.set(C1, [{ kind: 'unauthorized', error: '401 Unauthorized', code: '401', messageIds: [] }]);
    const report = await runTick(deps({ concurrency: 1 }), md1Preview24h);
    expect(report.halted).toBe(true);
    expect(unauthorized).toHaveLength(1);
    expect(countByStatus(opened.db, G1)).toMatchObject({ sent: 0, sending: 0, failed: 0 });
    expect(sender.calls).toHaveLength(1);
  });

  test('GIVEN a split post failing on its second message THEN the retry resumes after the first', async () => {
    // 40 ties with long names: the recap needs several messages.
    const long = 'Club With A Really Quite Long Name For Testing Purposes';
    season = makeSeason({
      teams: [],
      matches: Array.from({ length: 40 }, (_, i) =>
        match({ id: `R1-T${i + 1}-L1`, stage: 'first_round', tie: i + 1, leg: 1, home: `${long} ${2 * i}`, away: `${long} ${2 * i + 1}`, date: '2023-08-18', kickoff: '2023-08-18T15:00:00Z', venue: long.repeat(3), status: 'scheduled' }),
      ),
    });
    subscribe(C1, { recap: false }, at('2023-08-01T00:00:00Z'));
    sender.script.set(C1, [{ kind: 'retry', error: 'timeout', code: 'timeout', retryAfterMs: null, messageIds: ['m1'] }]);
    await runTick(deps(), at('2023-08-17T15:00:00Z'));
    await runTick(deps(), at('2023-08-17T15:01:00Z'));
    expect(sender.calls[0]!.messages.length).toBeGreaterThan(1);
    expect(sender.calls[1]?.sentMessageIds).toEqual(['m1']);
    const [row] = rowsFor(opened.db, { guildId: G1, statuses: ['sent'] });
    expect(row?.messageIds[0]).toBe('m1');
    expect(row?.messageIds.length).toBe(sender.calls[0]!.messages.length);
  });
});

describe('runTick: crashes and downtime', () => {
  test('GIVEN a crash after claiming (rows left sending) THEN the startup pass reclaims and sends with the same nonce', async () => {
    subscribe(C1, { recap: false });
    const hang: SendPost = () => new Promise<SendOutcome>(() => undefined); // the process "dies" mid-send
    void runTick(deps({ send: hang }), md1Preview24h);
    await vi.waitFor(() => expect(countByStatus(opened.db, G1).sending).toBe(1));
    // Restart: the lease (real time) has not run out, but this is the only dispatcher.
    const report = await runTick(deps(), md1Preview24h + M, { reclaimAll: true });
    expect(report).toMatchObject({ reclaimed: 1, sent: 1 });
    expect(sender.calls[0]?.nonce).toBe(nonceFor(`${G1}:${C1}:preview:GS-MD1:24h`));
    expect(rowsFor(opened.db, { guildId: G1, statuses: ['sent'] })[0]?.attempts).toBe(2);
  });

  test('GIVEN downtime across a due time, back inside the window THEN one post, marked late, with a note', async () => {
    subscribe(C1, { recap: false });
    const report = await runTick(deps(), md1Preview24h + 2 * H, { reclaimAll: true });
    expect(report).toMatchObject({ sent: 1, late: 1 });
    expect(sender.calls[0]?.content).toBe(`-# Posted late: this was due <t:${md1Preview24h / 1000}:f>.`);
    expect(rowsFor(opened.db, { guildId: G1, statuses: ['sent'] })[0]?.late).toBe(true);
  });

  test('GIVEN downtime past the window THEN the post is recorded expired, nothing sent', async () => {
    subscribe(C1, { recap: false });
    const report = await runTick(deps(), md1Preview24h + 6 * H + 1, { reclaimAll: true });
    expect(report).toMatchObject({ expired: 1, sent: 0 });
    expect(sender.calls).toHaveLength(0);
  });

  test('GIVEN a 1h-lead preview after downtime past kickoff THEN it expires (a preview after kickoff is noise)', async () => {
    subscribe(C1, { leadsMs: [H], recap: false });
    const report = await runTick(deps(), at('2023-11-26T13:00:01Z'));
    expect(report).toMatchObject({ expired: 1, sent: 0 });
  });

  test('GIVEN two posts owed to one channel after downtime THEN they go out in due order', async () => {
    subscribe(C1, { leadsMs: [48 * H, 24 * H], recap: false });
    await runTick(deps({ concurrency: 5 }), at('2023-11-25T14:00:00Z'));
    // The 48h preview expired (window 6h); the 24h one is sent late.
    expect(sender.calls).toHaveLength(1);
    expect(countByStatus(opened.db, G1)).toMatchObject({ expired: 1, sent: 1 });
  });
});

describe('replanning', () => {
  test('GIVEN a kickoff moved after the preview went out THEN a moved notice, and the recap moves with the round', async () => {
    subscribe(C1);
    replanAll(opened.db, season, at('2023-11-20T00:00:00Z'));
    await runTick(deps(), md1Preview24h);
    season = makeSeason({
      ...baseSeason,
      matches: baseSeason.matches.map((m) => (m.id === 'GA-MD1-2' ? { ...m, date: '2023-11-27', kickoff: '2023-11-27T16:00:00Z' } : m)),
    });
    const report = replanAll(opened.db, season, md1Preview24h + H);
    expect(report.changes.map((c) => c.roundKey)).toEqual(['GS-MD1']);
    await runTick(deps(), md1Preview24h + H);
    expect(titles(sender.calls[1]!)[0]).toBe('Group stage · Matchday 1 — schedule change');
    await runTick(deps(), md1Recap);
    expect(sender.calls).toHaveLength(2); // the recap moved to 27 Nov 18:30
    await runTick(deps(), at('2023-11-27T18:30:00Z'));
    expect(titles(sender.calls[2]!)[0]).toBe('Group stage · Matchday 1 — results');
    // Replanning again with the same data plans nothing new.
    expect(replanAll(opened.db, season, at('2023-11-27T19:00:00Z')).changes).toEqual([]);
    expect(rowsFor(opened.db, { guildId: G1 }).filter((r) => r.kind === 'moved')).toHaveLength(1);
  });
});

describe('replay clock moved back', () => {
  test('GIVEN a channel set up in real time (2026) THEN a restart with the clock back in 2023 plans the season from then on', async () => {
    subscribe(C1, {}, at('2026-11-27T12:00:00Z'));
    expect(rowsFor(opened.db, { guildId: G1 })).toHaveLength(0); // nothing left in the season after 2026

    replanAll(opened.db, season, at('2023-11-25T06:00:00Z'));
    await runTick(deps(), md1Preview24h);
    expect(titles(sender.calls[0]!)[0]).toBe('Group stage · Matchday 1 — preview');
  });

  test('GIVEN a channel set up mid-season THEN earlier rounds stay unannounced (the clamp only applies when the clock went back)', () => {
    subscribe(C1, {}, at('2023-11-30T00:00:00Z'));
    replanAll(opened.db, season, at('2023-12-01T00:00:00Z'));
    expect(rowsFor(opened.db, { guildId: G1 }).map((r) => r.roundKey)).not.toContain('GS-MD1');
  });
});

describe('runTick: each row on its own time (D3)', () => {
  test('GIVEN one channel answering slowly THEN the others are settled at their own send time and only the slow one is late', async () => {
    subscribe(C1, { recap: false });
    subscribe(C2, { recap: false });
    let clock = md1Preview24h;
    let releaseSlow: () => void = () => undefined;
    const send: SendPost = async (post) => {
      if (post.channelId === C1) {
        // Discord takes ten minutes to answer this one; the clock moves on meanwhile.
        await new Promise<void>((resolve) => (releaseSlow = resolve));
        return { kind: 'sent', messageIds: ['slow'] };
      }
      return { kind: 'sent', messageIds: ['quick'] };
    };
    const pass = runTick(deps({ send, now: () => clock }), md1Preview24h);
    await new Promise((resolve) => setTimeout(resolve, 20));
    // C2 went out while C1 was still waiting.
    expect(rowsFor(opened.db, { guildId: G1, channelId: C2, statuses: ['sent'] })).toHaveLength(1);
    clock = md1Preview24h + 10 * M;
    releaseSlow();
    expect(await pass).toMatchObject({ sent: 2, late: 1 });
    const [slow] = rowsFor(opened.db, { guildId: G1, channelId: C1 });
    const [quick] = rowsFor(opened.db, { guildId: G1, channelId: C2 });
    expect(slow).toMatchObject({ status: 'sent', sentAt: md1Preview24h + 10 * M, late: true });
    expect(quick).toMatchObject({ status: 'sent', sentAt: md1Preview24h, late: false });
  });

  test('GIVEN the dispatcher stopping mid-send THEN the send is abandoned and the row stays claimable, attempt not counted', async () => {
    subscribe(C1, { recap: false });
    const stop = new AbortController();
    const send: SendPost = (_post, opts) =>
      new Promise<SendOutcome>((resolve) =>
        opts?.signal?.addEventListener('abort', () => resolve({ kind: 'retry', error: 'dispatcher stopping', code: 'aborted', retryAfterMs: null, messageIds: [] })),
      );
    const pass = runTick(deps({ send, signal: stop.signal }), md1Preview24h);
    await new Promise((resolve) => setTimeout(resolve, 10));
    stop.abort();
    expect(await pass).toMatchObject({ claimed: 1, released: 1, retried: 0, failed: 0 });
    const [row] = rowsFor(opened.db, { guildId: G1, channelId: C1 });
    expect(row).toMatchObject({ status: 'pending', attempts: 0, leaseUntil: null });
    expect((await runTick(deps(), md1Preview24h + 1)).sent).toBe(1);
  });
});

describe('runTick: a stalled channel does not hold up the batches behind it', () => {
  test('GIVEN batches of one and the first channel hanging THEN the next batch is claimed and sent meanwhile', async () => {
    subscribe(C1, { recap: false });
    subscribe(C2, { recap: false });
    let release: () => void = () => undefined;
    const send: SendPost = async (post) => {
      if (post.channelId === C1) await new Promise<void>((resolve) => (release = resolve));
      return { kind: 'sent', messageIds: [post.channelId] };
    };
    const pass = runTick(deps({ send, batchSize: 1, concurrency: 2 }), md1Preview24h);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(rowsFor(opened.db, { guildId: G1, channelId: C2 })[0]?.status).toBe('sent');
    expect(rowsFor(opened.db, { guildId: G1, channelId: C1 })[0]?.status).toBe('sending');
    release();
    expect(await pass).toMatchObject({ claimed: 2, sent: 2 });
  });
});

describe('runTick: a pass is bounded', () => {
  test('GIVEN more due rows than maxBatches × batchSize THEN the pass stops there and the next pass sends the rest', async () => {
    for (const channel of [C1, C2, '200000000000000003']) subscribe(channel, { recap: false });
    const first = await runTick(deps({ batchSize: 1, maxBatches: 2 }), md1Preview24h);
    expect(first).toMatchObject({ claimed: 2, sent: 2, truncated: true });
    const second = await runTick(deps({ batchSize: 1, maxBatches: 2 }), md1Preview24h);
    expect(second).toMatchObject({ claimed: 1, sent: 1, truncated: false });
    expect(sender.calls).toHaveLength(3);
  });
});
