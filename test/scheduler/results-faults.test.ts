// Full-time posts, goal alerts and corrections under faults, through the dispatcher with explicit
// instants, a real in-memory database and a fake sender (as tick.test.ts does for previews): 5xx and
// 429 are retried with the same nonce and sent once, 403 three times and 404 disable the channel, a
// crash mid-send is taken back and sent once; a result corrected after it was posted gets one correction.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { goalKey, postKey } from '../../src/domain/announcements.js';
import type { Goal, Match, Season } from '../../src/domain/types.js';
import { getSubscription, setSubscription } from '../../src/db/guild-settings.js';
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
const G = '100000000000000001';
const C1 = '200000000000000001';
const SEASON = 'caf-cc-2023-24';
const KICKOFF = '2023-11-26T13:00:00Z';
const FULL_TIME = at(KICKOFF) + 2.5 * H;
const SIGHTED = at('2023-11-26T14:50:00Z');

const goal: Goal = { team: 'a', player: 'Scorer', minute: '23', type: 'regular' };
const gm = (over: Partial<Match> = {}): Match =>
  match({ id: 'GA-MD1-1', stage: 'group', group: 'A', matchday: 1, home: 'a', away: 'b', date: KICKOFF.slice(0, 10), kickoff: KICKOFF, status: 'played', score: { home: 1, away: 0 }, goals: [goal], ...over });
const seasonWith = (m: Match): Season => makeSeason({ id: SEASON, teams: groupTeams('A'), matches: [m] });

let opened: OpenedDatabase;
let season: Season;
let calls: OutgoingPost[];
let script: SendOutcome[];
const send: SendPost = async (post) => {
  calls.push(post);
  return script.shift() ?? { kind: 'sent', messageIds: [String(5000 + calls.length)] };
};
const deps = (over: Partial<TickDeps> = {}): TickDeps => ({ db: opened.db, season: () => season, send, log: silent, realNow: () => 0, ...over });

/** What an editor's confirm writes: when the fact was first seen. */
const sight = (fact: string, knownAt: number): void => {
  opened.sqlite.prepare('insert or replace into fact_sightings (season_id, match_id, fact, value, known_at) values (?, ?, ?, ?, ?)').run(SEASON, 'GA-MD1-1', fact, 'x', knownAt);
};

const subscribeEach = (channelId = C1, goals = false): void => {
  const row = setSubscription(opened.db, { guildId: G, channelId, seasonId: SEASON, roleId: null, leadsMs: [], results: 'each', goals }, at('2023-11-20T00:00:00Z'));
  planOne(opened.db, season, row, at('2023-11-20T00:00:00Z'));
};

const resultKey = postKey({ guildId: G, channelId: C1, season: SEASON, kind: 'result', roundKey: 'GS-MD1', slot: 'GA-MD1-1' });
const title = (post: OutgoingPost): string => post.messages[0]?.[0]?.title ?? '';

beforeEach(() => {
  opened = makeTestDb();
  season = seasonWith(gm());
  calls = [];
  script = [];
});
afterEach(() => opened.close());

describe('a full-time post under faults', () => {
  test('GIVEN 502 twice THEN retried with backoff and sent once, always with the same nonce', async () => {
    subscribeEach();
    script = [
      { kind: 'retry', error: '502 Bad Gateway', code: '502', retryAfterMs: null, messageIds: [] },
      { kind: 'retry', error: '502 Bad Gateway', code: '502', retryAfterMs: null, messageIds: [] },
    ];
    await runTick(deps(), FULL_TIME);
    await runTick(deps(), FULL_TIME + M); // backoff: 1 minute after the first failure
    await runTick(deps(), FULL_TIME + 2 * M); // not yet: 2 minutes after the second
    await runTick(deps(), FULL_TIME + 3 * M);
    await runTick(deps(), FULL_TIME + 10 * M);
    expect(calls.map((c) => c.nonce)).toEqual([nonceFor(resultKey), nonceFor(resultKey), nonceFor(resultKey)]);
    expect(title(calls[2]!)).toBe('Full time — Group stage · Matchday 1');
    expect(rowsFor(opened.db, { guildId: G }).map((r) => [r.kind, r.status, r.attempts])).toEqual([['result', 'sent', 3]]);
  });

  test('GIVEN 429 with retry-after THEN the next attempt waits for it, and one post goes out', async () => {
    subscribeEach();
    script = [{ kind: 'retry', error: 'rate limited', code: '429', retryAfterMs: 5 * M, messageIds: [] }];
    await runTick(deps(), FULL_TIME);
    await runTick(deps(), FULL_TIME + 4 * M);
    expect(calls).toHaveLength(1);
    await runTick(deps(), FULL_TIME + 5 * M);
    expect(calls).toHaveLength(2);
    expect(countByStatus(opened.db, G).sent).toBe(1);
  });

  test('GIVEN 403 (50013) on three distinct posts THEN the channel is disabled with no fourth request', async () => {
    // Three results known at three instants: three distinct full-time posts.
    season = makeSeason({
      id: SEASON,
      teams: groupTeams('A'),
      matches: [gm(), gm({ id: 'GA-MD1-2', home: 'c', away: 'd', goals: [] }), gm({ id: 'GA-MD2-1', matchday: 2, home: 'b', away: 'c', goals: [], kickoff: '2023-12-03T13:00:00Z', date: '2023-12-03' })],
    });
    subscribeEach();
    const refused: SendOutcome = { kind: 'forbidden', missing: [], error: '403 Missing Permissions', code: '50013', messageIds: [] };
    script = [refused, refused, refused, refused];
    await runTick(deps(), FULL_TIME);
    await runTick(deps(), at('2023-12-03T15:30:00Z'));
    expect(calls).toHaveLength(3);
    expect(getSubscription(opened.db, G, C1, SEASON)).toMatchObject({ enabled: false, disabledReason: 'missing_permissions: Discord 50013' });
    await runTick(deps(), at('2023-12-03T16:00:00Z'));
    expect(calls).toHaveLength(3);
  });

  test('GIVEN 404 Unknown Channel THEN disabled at once and never tried again', async () => {
    subscribeEach();
    script = [{ kind: 'gone', scope: 'channel', error: '404 Unknown Channel', code: '10003', messageIds: [] }];
    await runTick(deps(), FULL_TIME);
    await runTick(deps(), FULL_TIME + H);
    expect(calls).toHaveLength(1);
    expect(getSubscription(opened.db, G, C1, SEASON)).toMatchObject({ enabled: false, disabledReason: 'channel_deleted' });
  });

  test('GIVEN a crash mid-send (the row left sending) THEN the restart takes it back and sends it once, same nonce', async () => {
    subscribeEach();
    const hang: SendPost = () => new Promise<SendOutcome>(() => undefined);
    void runTick(deps({ send: hang }), FULL_TIME);
    await vi.waitFor(() => expect(countByStatus(opened.db, G).sending).toBe(1));
    const report = await runTick(deps(), FULL_TIME + M, { reclaimAll: true });
    expect(report).toMatchObject({ reclaimed: 1, sent: 1 });
    expect(calls.map((c) => c.nonce)).toEqual([nonceFor(resultKey)]);
    await runTick(deps(), FULL_TIME + H, { reclaimAll: true });
    expect(calls).toHaveLength(1);
  });
});

describe('sightings, goal alerts and corrections through the dispatcher', () => {
  test('GIVEN a result sighted before full time THEN its post goes out at the sighting, not again at full time', async () => {
    sight('result', SIGHTED);
    subscribeEach();
    await runTick(deps(), SIGHTED);
    expect(calls.map(title)).toEqual(['Full time — Group stage · Matchday 1']);
    await runTick(deps(), FULL_TIME);
    expect(calls).toHaveLength(1);
  });

  test('GIVEN goals:on and a goal sighted at 13:24 THEN one alert with the minute and the score', async () => {
    sight(`goal:${goalKey(goal)}`, at('2023-11-26T13:24:00Z'));
    season = seasonWith(gm({ status: 'scheduled', score: null }));
    subscribeEach(C1, true);
    await runTick(deps(), at('2023-11-26T13:24:00Z'));
    await runTick(deps(), at('2023-11-26T13:30:00Z'));
    expect(calls.map(title)).toEqual(['Goal — Alpha v Bravo']);
    expect(calls[0]?.messages[0]?.[0]?.description).toBe("⚽ 23' Scorer (Alpha): Alpha **1–0** Bravo");
  });

  test('GIVEN a posted 1–0 corrected to 2–0, then undone THEN one correction each, none repeated', async () => {
    sight('result', SIGHTED);
    subscribeEach();
    await runTick(deps(), SIGHTED);
    // The editor corrects the score: the season changes, the planner runs (as on a store reload).
    season = seasonWith(gm({ score: { home: 2, away: 0 }, goals: [] }));
    replanAll(opened.db, season, SIGHTED + 10 * M);
    await runTick(deps(), SIGHTED + 10 * M);
    replanAll(opened.db, season, SIGHTED + 11 * M);
    await runTick(deps(), SIGHTED + 11 * M);
    // Undone: no result any more.
    season = seasonWith(gm({ status: 'scheduled', score: null, goals: [] }));
    replanAll(opened.db, season, SIGHTED + 20 * M);
    await runTick(deps(), SIGHTED + 20 * M);
    replanAll(opened.db, season, SIGHTED + 21 * M);
    await runTick(deps(), SIGHTED + 21 * M);
    expect(calls.map(title)).toEqual(['Full time — Group stage · Matchday 1', 'Correction — Group stage · Matchday 1', 'Correction — Group stage · Matchday 1']);
    expect(calls[1]?.messages[0]?.[0]?.description).toBe('A result posted earlier has changed. It now reads: Alpha **2–0** Bravo');
    expect(calls[2]?.messages[0]?.[0]?.description).toBe('The result posted earlier for Alpha v Bravo was withdrawn: result not yet known.');
    expect(rowsFor(opened.db, { guildId: G }).map((r) => [r.kind, r.slot, r.fingerprint, r.status])).toEqual([
      ['result', 'GA-MD1-1', 'played 1-0', 'sent'],
      ['correction', 'GA-MD1-1:result:1', 'played 2-0', 'sent'],
      ['correction', 'GA-MD1-1:result:2', 'none', 'sent'],
    ]);
  });

  test('GIVEN results:round and a recap that showed 1–0 THEN a correction when it becomes 2–0 (no late follow-up), and one when it is undone', async () => {
    const row = setSubscription(opened.db, { guildId: G, channelId: C1, seasonId: SEASON, roleId: null, leadsMs: [], results: 'round' }, at('2023-11-20T00:00:00Z'));
    planOne(opened.db, season, row, at('2023-11-20T00:00:00Z'));
    await runTick(deps(), FULL_TIME);
    expect(calls.map(title)).toEqual(['Group stage · Matchday 1 — results']);
    // Corrected after the recap: a new sighting, known later than the recap.
    sight('result', FULL_TIME + H);
    season = seasonWith(gm({ score: { home: 2, away: 0 }, goals: [] }));
    for (const t of [FULL_TIME + H, FULL_TIME + H + M]) {
      replanAll(opened.db, season, t);
      await runTick(deps(), t);
    }
    season = seasonWith(gm({ status: 'scheduled', score: null, goals: [] }));
    for (const t of [FULL_TIME + 2 * H, FULL_TIME + 2 * H + M]) {
      replanAll(opened.db, season, t);
      await runTick(deps(), t);
    }
    expect(calls.map(title)).toEqual(['Group stage · Matchday 1 — results', 'Correction — Group stage · Matchday 1', 'Correction — Group stage · Matchday 1']);
    expect(calls[1]?.messages[0]?.[0]?.description).toBe('A result posted earlier has changed. It now reads: Alpha **2–0** Bravo');
    expect(rowsFor(opened.db, { guildId: G }).map((r) => [r.kind, r.status])).toEqual([
      ['recap', 'sent'],
      ['correction', 'sent'],
      ['correction', 'sent'],
    ]);
  });

  test('GIVEN a recap sent late, after a result that came in past the wait THEN the recap shows it and no follow-up repeats it', async () => {
    season = makeSeason({ id: SEASON, teams: groupTeams('A'), matches: [gm(), gm({ id: 'GA-MD1-2', home: 'c', away: 'd', goals: [], status: 'scheduled', score: null })] });
    const row = setSubscription(opened.db, { guildId: G, channelId: C1, seasonId: SEASON, roleId: null, leadsMs: [], results: 'round' }, at('2023-11-20T00:00:00Z'));
    planOne(opened.db, season, row, at('2023-11-20T00:00:00Z'));
    // The bot was down past the wait (due 21:30); the second result was saved at 23:00, then it came back.
    const back = FULL_TIME + 8 * H;
    sight('result', FULL_TIME + 7.5 * H);
    (opened.sqlite.prepare("update fact_sightings set match_id = 'GA-MD1-2'").run());
    season = makeSeason({ id: SEASON, teams: groupTeams('A'), matches: [gm(), gm({ id: 'GA-MD1-2', home: 'c', away: 'd', goals: [] })] });
    for (const t of [back, back + M, back + 2 * M]) {
      replanAll(opened.db, season, t);
      await runTick(deps(), t);
    }
    expect(calls.map(title)).toEqual(['Group stage · Matchday 1 — results']);
    expect(rowsFor(opened.db, { guildId: G }).map((r) => [r.kind, r.slot, r.status])).toEqual([
      ['recap', 'after', 'sent'],
      ['late', 'GA-MD1-2', 'cancelled'],
    ]);
  });
});
