import { describe, expect, test } from 'vitest';
import {
  changedSnapshots,
  detectRoundChanges,
  formatLead,
  parseLeads,
  planMovedNotices,
  planSubscription,
  postKey,
  retryDelayMs,
  roundTiming,
  shortHash,
  snapshotRound,
  timeliness,
  type PlanningRound,
  type RoundSnapshot,
  type Subscription,
} from '../../src/domain/announcements.js';
import { isUserError } from '../../src/domain/errors.js';
import type { Match } from '../../src/domain/types.js';
import { match as buildMatch } from './builders.js';

const H = 3_600_000;
const M = 60_000;
const at = (iso: string): number => Date.parse(iso);

const match = (id: string, over: Partial<Match> = {}): Match =>
  buildMatch({
    id,
    stage: 'group',
    group: 'A',
    matchday: 1,
    date: '2023-11-26',
    kickoff: '2023-11-26T16:00:00Z',
    home: 'home',
    away: 'away',
    status: 'scheduled',
    sources: [],
    ...over,
  });

const round = (key: string, matches: Match[]): PlanningRound => ({ key, label: key, matches });

const sub = (over: Partial<Subscription> = {}): Subscription => ({
  guildId: 'g1',
  channelId: 'c1',
  leadsMs: [24 * H],
  recap: true,
  roleId: null,
  activeFrom: at('2023-11-01T00:00:00Z'),
  ...over,
});

describe('roundTiming', () => {
  test.each([
    {
      name: 'GIVEN two kickoffs THEN start at the first, end 2h30 after the last',
      matches: [match('a', { kickoff: '2023-11-26T16:00:00Z' }), match('b', { date: '2023-11-27', kickoff: '2023-11-27T19:00:00Z' })],
      expected: { start: at('2023-11-26T16:00:00Z'), startTimeKnown: true, end: at('2023-11-27T21:30:00Z'), endTimeKnown: true },
    },
    {
      name: 'GIVEN dates only THEN 00:00 UTC of the first date, 24:00 of the last',
      matches: [match('a', { kickoff: null, date: '2023-11-26' }), match('b', { kickoff: null, date: '2023-11-28' })],
      expected: { start: at('2023-11-26T00:00:00Z'), startTimeKnown: false, end: at('2023-11-29T00:00:00Z'), endTimeKnown: false },
    },
    {
      name: 'GIVEN a known kickoff and a date-only match the same day THEN the day start is the start, the kickoff end the end',
      matches: [match('a', { kickoff: '2023-11-26T22:00:00Z' }), match('b', { kickoff: null, date: '2023-11-26' })],
      expected: { start: at('2023-11-26T00:00:00Z'), startTimeKnown: false, end: at('2023-11-27T00:30:00Z'), endTimeKnown: true },
    },
    {
      name: 'GIVEN a postponed match THEN it does not count',
      matches: [match('a'), match('b', { kickoff: '2023-12-20T16:00:00Z', status: 'postponed' })],
      expected: { start: at('2023-11-26T16:00:00Z'), startTimeKnown: true, end: at('2023-11-26T18:30:00Z'), endTimeKnown: true },
    },
    {
      name: 'GIVEN a walkover without a date THEN it is ignored',
      matches: [match('a'), match('w', { kickoff: null, date: null, status: 'walkover' })],
      expected: { start: at('2023-11-26T16:00:00Z'), startTimeKnown: true, end: at('2023-11-26T18:30:00Z'), endTimeKnown: true },
    },
  ])('$name', ({ matches, expected }) => {
    expect(roundTiming(matches)).toEqual(expected);
  });

  test.each([
    { name: 'no matches', matches: [] as Match[] },
    { name: 'only postponed', matches: [match('a', { status: 'postponed' })] },
    { name: 'only cancelled', matches: [match('a', { status: 'cancelled' })] },
    { name: 'no date, no kickoff', matches: [match('a', { kickoff: null, date: null })] },
  ])('GIVEN $name THEN no timing', ({ matches }) => {
    expect(roundTiming(matches)).toBeNull();
  });
});

describe('planSubscription', () => {
  // Played matches (a file's results, known at full time): the recap is due when the round ends.
  const played = { status: 'played', score: { home: 1, away: 0 } } as const;
  const md1 = round('GS-MD1', [
    match('GA-MD1-1', { kickoff: '2023-11-26T13:00:00Z', ...played }),
    match('GA-MD1-2', { date: '2023-11-26', kickoff: '2023-11-26T16:00:00Z', ...played }),
  ]);
  const md2 = round('GS-MD2', [match('GA-MD2-1', { matchday: 2, date: '2023-12-03', kickoff: null, ...played })]);

  test.each([
    {
      name: 'GIVEN the default lead and recap THEN one preview 24h before the first kickoff and one recap 2h30 after the last',
      rounds: [md1],
      sub: sub(),
      expected: [
        { kind: 'preview', roundKey: 'GS-MD1', slot: '24h', leadMs: 24 * H, dueAt: at('2023-11-25T13:00:00Z'), expiresAt: at('2023-11-25T19:00:00Z') },
        { kind: 'recap', roundKey: 'GS-MD1', slot: 'after', leadMs: null, dueAt: at('2023-11-26T18:30:00Z'), expiresAt: at('2023-11-27T00:30:00Z') },
      ],
    },
    {
      name: 'GIVEN leads 24h and 1h THEN two previews, the 1h one expiring at kickoff, not 6h later',
      rounds: [md1],
      sub: sub({ leadsMs: [H, 24 * H], recap: false }),
      expected: [
        { kind: 'preview', roundKey: 'GS-MD1', slot: '24h', leadMs: 24 * H, dueAt: at('2023-11-25T13:00:00Z'), expiresAt: at('2023-11-25T19:00:00Z') },
        { kind: 'preview', roundKey: 'GS-MD1', slot: '1h', leadMs: H, dueAt: at('2023-11-26T12:00:00Z'), expiresAt: at('2023-11-26T13:00:00Z') },
      ],
    },
    {
      name: 'GIVEN a date-only round THEN the preview is 24h before 00:00 UTC of its date and the recap at the end of the date',
      rounds: [md2],
      sub: sub(),
      expected: [
        { kind: 'preview', roundKey: 'GS-MD2', slot: '24h', leadMs: 24 * H, dueAt: at('2023-12-02T00:00:00Z'), expiresAt: at('2023-12-02T06:00:00Z') },
        { kind: 'recap', roundKey: 'GS-MD2', slot: 'after', leadMs: null, dueAt: at('2023-12-04T00:00:00Z'), expiresAt: at('2023-12-04T06:00:00Z') },
      ],
    },
    {
      name: 'GIVEN a subscription made after the 24h preview was due THEN only the recap is planned',
      rounds: [md1],
      sub: sub({ activeFrom: at('2023-11-26T10:00:00Z') }),
      expected: [
        { kind: 'recap', roundKey: 'GS-MD1', slot: 'after', leadMs: null, dueAt: at('2023-11-26T18:30:00Z'), expiresAt: at('2023-11-27T00:30:00Z') },
      ],
    },
    {
      name: 'GIVEN two rounds THEN posts come in due order across rounds',
      rounds: [md2, md1],
      sub: sub({ recap: false }),
      expected: [
        { kind: 'preview', roundKey: 'GS-MD1', slot: '24h', leadMs: 24 * H, dueAt: at('2023-11-25T13:00:00Z'), expiresAt: at('2023-11-25T19:00:00Z') },
        { kind: 'preview', roundKey: 'GS-MD2', slot: '24h', leadMs: 24 * H, dueAt: at('2023-12-02T00:00:00Z'), expiresAt: at('2023-12-02T06:00:00Z') },
      ],
    },
    {
      name: 'GIVEN a round with every match postponed THEN nothing is planned for it',
      rounds: [round('GS-MD3', [match('x', { status: 'postponed' })])],
      sub: sub(),
      expected: [],
    },
  ])('$name', ({ rounds, sub: s, expected }) => {
    const planned = planSubscription(rounds, s).map(({ kind, roundKey, slot, leadMs, dueAt, expiresAt }) => ({
      kind,
      roundKey,
      slot,
      leadMs,
      dueAt,
      expiresAt,
    }));
    expect(planned).toEqual(expected);
  });

  test('GIVEN a custom late window THEN expiry follows it', () => {
    const [recap] = planSubscription([md1], sub({ leadsMs: [] }), 2 * H);
    expect(recap?.expiresAt).toBe(at('2023-11-26T20:30:00Z'));
  });

  test('GIVEN the same inputs twice THEN the keys are the same and unique', () => {
    const a = planSubscription([md1, md2], sub({ leadsMs: [24 * H, H] })).map(postKey);
    const b = planSubscription([md1, md2], sub({ leadsMs: [24 * H, H] })).map(postKey);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(a.length);
    expect(a[0]).toBe('g1:c1:preview:GS-MD1:24h');
  });

  test('GIVEN a result arrives THEN the fingerprint does not change (results do not move posts)', () => {
    const played = round('GS-MD1', md1.matches.map((m) => ({ ...m, status: 'played' as const, score: { home: 1, away: 0 } })));
    expect(snapshotRound(played).fingerprint).toBe(snapshotRound(md1).fingerprint);
  });
});

describe('detectRoundChanges and planMovedNotices', () => {
  const before = round('GS-MD1', [match('m1', { kickoff: '2023-11-26T13:00:00Z' }), match('m2', { kickoff: '2023-11-26T16:00:00Z' })]);
  const previous = new Map<string, RoundSnapshot>([['GS-MD1', snapshotRound(before)]]);
  const now = at('2023-11-20T09:00:00Z');

  test.each([
    {
      name: 'GIVEN a kickoff moved by a day THEN one move with before and after',
      after: round('GS-MD1', [match('m1', { date: '2023-11-27', kickoff: '2023-11-27T13:00:00Z' }), match('m2', { kickoff: '2023-11-26T16:00:00Z' })]),
      moves: [
        {
          matchId: 'm1',
          before: { id: 'm1', kickoff: '2023-11-26T13:00:00Z', date: '2023-11-26', state: 'on' },
          after: { id: 'm1', kickoff: '2023-11-27T13:00:00Z', date: '2023-11-27', state: 'on' },
        },
      ],
    },
    {
      name: 'GIVEN a match postponed THEN one move to postponed',
      after: round('GS-MD1', [match('m1', { kickoff: '2023-11-26T13:00:00Z' }), match('m2', { kickoff: '2023-11-26T16:00:00Z', status: 'postponed' })]),
      moves: [
        {
          matchId: 'm2',
          before: { id: 'm2', kickoff: '2023-11-26T16:00:00Z', date: '2023-11-26', state: 'on' },
          after: { id: 'm2', kickoff: '2023-11-26T16:00:00Z', date: '2023-11-26', state: 'postponed' },
        },
      ],
    },
  ])('$name', ({ after, moves }) => {
    const changes = detectRoundChanges([after], previous);
    expect(changes).toEqual([{ roundKey: 'GS-MD1', fingerprint: snapshotRound(after).fingerprint, moves }]);
    const notices = planMovedNotices([after], changes, sub(), now);
    expect(notices).toEqual([
      expect.objectContaining({
        kind: 'moved',
        roundKey: 'GS-MD1',
        slot: shortHash(snapshotRound(after).fingerprint),
        dueAt: now,
        expiresAt: now + 6 * H,
        moves,
      }),
    ]);
  });

  test.each([
    { name: 'nothing changed', rounds: [before], prev: previous },
    { name: 'only a result was added', rounds: [round('GS-MD1', before.matches.map((m) => ({ ...m, status: 'played' as const })))], prev: previous },
    { name: 'the round is new (never planned)', rounds: [round('GS-MD2', [match('z')])], prev: previous },
  ])('GIVEN $name THEN no change', ({ rounds, prev }) => {
    expect(detectRoundChanges(rounds, prev)).toEqual([]);
  });

  test('GIVEN a change to a round that is already over THEN no notice', () => {
    const after = round('GS-MD1', [match('m1', { kickoff: '2023-11-26T12:00:00Z' }), match('m2', { kickoff: '2023-11-26T16:00:00Z' })]);
    const changes = detectRoundChanges([after], previous);
    expect(changes).toHaveLength(1);
    expect(planMovedNotices([after], changes, sub(), at('2023-11-30T00:00:00Z'))).toEqual([]);
  });

  test.each([
    { name: 'nothing changed', stored: [snapshotRound(before)], expected: [] as string[] },
    { name: 'a round never stored', stored: [], expected: ['GS-MD1'] },
    {
      name: 'a kickoff moved',
      stored: [snapshotRound(round('GS-MD1', [match('m1', { kickoff: '2023-11-26T12:00:00Z' }), match('m2', { kickoff: '2023-11-26T16:00:00Z' })]))],
      expected: ['GS-MD1'],
    },
    {
      // The fingerprint writes a kickoff, else the date: a kickoff known later on that very date keeps it.
      name: 'the same fingerprint but a slot that differs',
      stored: [{ ...snapshotRound(before), matches: snapshotRound(before).matches.map((m) => ({ ...m, date: null })) }],
      expected: ['GS-MD1'],
    },
    { name: 'a match more than stored', stored: [{ ...snapshotRound(before), matches: snapshotRound(before).matches.slice(0, 1) }], expected: ['GS-MD1'] },
  ])('changedSnapshots: GIVEN $name THEN it writes $expected', ({ stored, expected }) => {
    const storedByKey = new Map(stored.map((s) => [s.roundKey, s]));
    expect(changedSnapshots([snapshotRound(before)], storedByKey).map((s) => s.roundKey)).toEqual(expected);
  });

  test('GIVEN two different moves of one round THEN two distinct keys', () => {
    const a = round('GS-MD1', [match('m1', { kickoff: '2023-11-26T14:00:00Z' }), match('m2')]);
    const b = round('GS-MD1', [match('m1', { kickoff: '2023-11-26T15:00:00Z' }), match('m2')]);
    const [na] = planMovedNotices([a], detectRoundChanges([a], previous), sub(), now);
    const [nb] = planMovedNotices([b], detectRoundChanges([b], previous), sub(), now);
    expect(na && nb && postKey(na) !== postKey(nb)).toBe(true);
  });
});

describe('timeliness', () => {
  const post = { dueAt: at('2023-11-25T13:00:00Z'), expiresAt: at('2023-11-25T19:00:00Z') };
  test.each([
    { now: '2023-11-25T12:59:59.999Z', expected: 'not_due' },
    { now: '2023-11-25T13:00:00Z', expected: 'on_time' },
    { now: '2023-11-25T13:05:00Z', expected: 'on_time' },
    { now: '2023-11-25T13:05:00.001Z', expected: 'late' },
    { now: '2023-11-25T19:00:00Z', expected: 'late' },
    { now: '2023-11-25T19:00:00.001Z', expected: 'expired' },
  ])('GIVEN now $now THEN $expected', ({ now, expected }) => {
    expect(timeliness(post, at(now))).toBe(expected);
  });

  test('GIVEN a larger grace (replay clock) THEN a later send is still on time', () => {
    expect(timeliness(post, post.dueAt + 30 * M, H)).toBe('on_time');
  });
});

describe('leads', () => {
  test.each([
    { text: '24h', expected: [24 * H] },
    { text: '24h,1h', expected: [24 * H, H] },
    { text: ' 1h , 24h ,1h', expected: [24 * H, H] },
    { text: '2d', expected: [48 * H] },
    { text: '90m', expected: [90 * M] },
    { text: '1h30m', expected: [90 * M] },
    { text: '1D2H', expected: [26 * H] },
  ])('GIVEN "$text" THEN $expected', ({ text, expected }) => {
    expect(parseLeads(text)).toEqual(expected);
  });

  test.each(['', 'soon', '24', 'h', '1m', '15d', '1h,2h,3h,4h,5h,6h', '-1h'])('GIVEN "%s" THEN a UserError', (text) => {
    let caught: unknown;
    try {
      parseLeads(text);
    } catch (error) {
      caught = error;
    }
    expect(isUserError(caught)).toBe(true);
  });

  test.each([
    { ms: 24 * H, expected: '24h' },
    { ms: 48 * H, expected: '48h' },
    { ms: 72 * H, expected: '3d' },
    { ms: H, expected: '1h' },
    { ms: 90 * M, expected: '1h30m' },
    { ms: 26 * H, expected: '26h' },
    { ms: 5 * M, expected: '5m' },
  ])('formatLead($ms) = $expected', ({ ms, expected }) => {
    expect(formatLead(ms)).toBe(expected);
  });
});

describe('retryDelayMs', () => {
  test.each([
    { attempts: 1, expected: M },
    { attempts: 2, expected: 2 * M },
    { attempts: 4, expected: 8 * M },
    { attempts: 7, expected: 64 * M },
    { attempts: 30, expected: 64 * M },
  ])('after $attempts attempts THEN $expected ms', ({ attempts, expected }) => {
    expect(retryDelayMs(attempts)).toBe(expected);
  });
});
