// Posts driven by results, as pure planning: results:each|round|off, the recap waiting for results (at
// most RECAP_WAIT_HOURS) with a follow-up per late result, goal alerts in their window, club filters,
// and corrections of what a channel was shown.
import { describe, expect, test } from 'vitest';
import {
  factKey,
  goalKey,
  goalSlotKey,
  planSubscription,
  postKey,
  resultsModeOf,
  type KnownFacts,
  type PlanningRound,
  type PostedFacts,
  type Subscription,
} from '../../src/domain/announcements.js';
import type { Goal, Match } from '../../src/domain/types.js';
import { match as buildMatch } from '../domain/builders.js';

const H = 3_600_000;
const at = (iso: string): number => Date.parse(iso);

const KO1 = '2023-11-26T13:00:00Z';
const KO2 = '2023-11-26T16:00:00Z';
const END = at(KO2) + 2.5 * H;

const match = (id: string, kickoff: string, home: string, away: string, over: Partial<Match> = {}): Match =>
  buildMatch({ id, stage: 'group', group: 'A', matchday: 1, date: kickoff.slice(0, 10), kickoff, home, away, status: 'scheduled', sources: [], ...over });
const played = (home: number, away: number, goals: Goal[] = []): Partial<Match> => ({ status: 'played', score: { home, away }, goals });
const goal = (team: string, player: string, minute: string): Goal => ({ team, player, minute, type: 'regular' });

const zamGoal = goal('zamalek', 'Zizo', '23');
const round = (a: Partial<Match> = {}, b: Partial<Match> = {}): PlanningRound => ({
  key: 'GS-MD1',
  label: 'Matchday 1',
  matches: [match('A1', KO1, 'zamalek', 'berkane', a), match('A2', KO2, 'sagrada', 'abusalim', b)],
});

const sub = (over: Partial<Subscription> = {}): Subscription => ({
  guildId: '1',
  channelId: '2',
  season: 'caf-cc-2023-24',
  leadsMs: [],
  results: 'round',
  roleId: null,
  activeFrom: at('2023-11-01T00:00:00Z'),
  ...over,
});

const facts = (results: Record<string, string> = {}, goals: Record<string, Record<string, string>> = {}): KnownFacts => ({
  results: new Map(Object.entries(results).map(([id, iso]) => [id, at(iso)])),
  goals: new Map(Object.entries(goals).map(([id, byKey]) => [id, new Map(Object.entries(byKey).map(([k, iso]) => [k, at(iso)]))])),
});

const brief = (posts: ReturnType<typeof planSubscription>) => posts.map((p) => [p.kind, p.slot, new Date(p.dueAt).toISOString()]);
const iso = (ms: number): string => new Date(ms).toISOString();

describe('results modes and the recap', () => {
  test.each([
    {
      name: 'GIVEN results:off THEN no recap and no full-time posts',
      rounds: [round(played(1, 0), played(2, 2))],
      sub: sub({ results: 'off' }),
      facts: facts(),
      expected: [],
    },
    {
      name: 'GIVEN results:round and a file with both results THEN one recap at the round end (full time of the last match), no follow-up',
      rounds: [round(played(1, 0), played(2, 2))],
      sub: sub(),
      facts: facts(),
      expected: [['recap', 'after', iso(END)]],
    },
    {
      name: 'GIVEN results:round and no result yet THEN the recap waits RECAP_WAIT_HOURS (6 h) past the round end',
      rounds: [round()],
      sub: sub(),
      facts: facts(),
      expected: [['recap', 'after', iso(END + 6 * H)]],
    },
    {
      name: 'GIVEN both results saved before the round end THEN the recap goes out when the last one is known',
      rounds: [round(played(1, 0), played(0, 0))],
      sub: sub(),
      facts: facts({ A1: '2023-11-26T14:55:00Z', A2: '2023-11-26T17:58:00Z' }),
      expected: [['recap', 'after', '2023-11-26T17:58:00.000Z']],
    },
    {
      name: 'GIVEN one result known and the other saved after the wait THEN the recap at the wait, and one follow-up for the late result',
      rounds: [round(played(1, 0), played(3, 1))],
      sub: sub(),
      facts: facts({ A1: '2023-11-26T14:55:00Z', A2: '2023-11-27T02:00:00Z' }),
      expected: [
        ['recap', 'after', iso(END + 6 * H)],
        ['late', 'A2', '2023-11-27T02:00:00.000Z'],
      ],
    },
    {
      name: 'GIVEN a 2 h wait (RECAP_WAIT_HOURS=2) THEN the recap goes out 2 h past the round end',
      rounds: [round(played(1, 0))],
      sub: sub(),
      facts: facts({ A1: '2023-11-26T14:55:00Z' }),
      wait: 2 * H,
      expected: [['recap', 'after', iso(END + 2 * H)]],
    },
    {
      name: 'GIVEN results:each THEN a full-time post per known result, due when it was known; none for a missing result; no recap',
      rounds: [round(played(1, 0))],
      sub: sub({ results: 'each' }),
      facts: facts({ A1: '2023-11-26T14:52:00Z' }),
      expected: [['result', 'A1', '2023-11-26T14:52:00.000Z']],
    },
    {
      name: 'GIVEN results:each and a file result with no sighting THEN the post is due at full time (kickoff + 2 h 30)',
      rounds: [round(played(1, 0))],
      sub: sub({ results: 'each' }),
      facts: facts(),
      expected: [['result', 'A1', iso(at(KO1) + 2.5 * H)]],
    },
    {
      name: 'GIVEN results:each and a result known before the channel was set up THEN it is not posted',
      rounds: [round(played(1, 0), played(0, 1))],
      sub: sub({ results: 'each', activeFrom: at('2023-11-26T16:00:00Z') }),
      facts: facts({ A1: '2023-11-26T14:52:00Z', A2: '2023-11-26T17:55:00Z' }),
      expected: [['result', 'A2', '2023-11-26T17:55:00.000Z']],
    },
    {
      name: 'GIVEN a channel following Zamalek with results:each THEN only Zamalek’s match',
      rounds: [round(played(1, 0), played(2, 0))],
      sub: sub({ results: 'each', team: 'zamalek' }),
      facts: facts({ A1: '2023-11-26T14:52:00Z', A2: '2023-11-26T17:55:00Z' }),
      expected: [['result', 'A1', '2023-11-26T14:52:00.000Z']],
    },
    {
      name: 'GIVEN a channel following Zamalek with results:round THEN its recap waits only for Zamalek’s result',
      rounds: [round(played(1, 0))],
      sub: sub({ team: 'zamalek' }),
      facts: facts({ A1: '2023-11-26T14:52:00Z' }),
      expected: [['recap', 'after', '2023-11-26T14:52:00.000Z']],
    },
  ])('$name', ({ rounds, sub: s, facts: f, wait, expected }) => {
    expect(brief(planSubscription(rounds, s, 6 * H, { facts: f, recapWaitMs: wait }))).toEqual(expected);
  });

  test('GIVEN the old recap switch THEN true reads as round and false as off; results wins over it', () => {
    expect([resultsModeOf({ recap: true }), resultsModeOf({ recap: false }), resultsModeOf({}), resultsModeOf({ recap: false, results: 'each' })]).toEqual([
      'round',
      'off',
      'round',
      'each',
    ]);
  });

  test('GIVEN a full-time post of a club channel THEN its key names the club, and another club’s channel has another key', () => {
    const r = [round(played(1, 0))];
    const f = facts({ A1: '2023-11-26T14:52:00Z' });
    const zam = planSubscription(r, sub({ results: 'each', team: 'zamalek' }), 6 * H, { facts: f });
    const ber = planSubscription(r, sub({ results: 'each', team: 'berkane' }), 6 * H, { facts: f });
    expect(zam.map(postKey)).toEqual(['1:2:result:GS-MD1:A1:zamalek']);
    expect(ber.map(postKey)).toEqual(['1:2:result:GS-MD1:A1:berkane']);
  });
});

describe('goal alerts', () => {
  const key = goalKey(zamGoal);
  test('GIVEN a goal THEN its sighting key is team|minute|scorer, as the season store writes it, and its slot key a short hash', () => {
    expect(key).toBe('zamalek|23|Zizo');
    expect(goalSlotKey(zamGoal)).toMatch(/^[0-9a-z]{1,7}$/);
  });
  test.each([
    { name: 'GIVEN goals:on and a goal saved at 13:24 THEN an alert due then', goals: true, seen: '2023-11-26T13:24:00Z', expected: [['goal', `A1:${goalSlotKey(zamGoal)}`, '2023-11-26T13:24:00.000Z']] },
    { name: 'GIVEN goals:off THEN no alert', goals: false, seen: '2023-11-26T13:24:00Z', expected: [] },
    { name: 'GIVEN a goal saved more than 3 h after kickoff THEN no alert (it is history)', goals: true, seen: '2023-11-26T16:01:00Z', expected: [] },
    { name: 'GIVEN a goal saved before kickoff THEN no alert', goals: true, seen: '2023-11-26T12:59:00Z', expected: [] },
  ])('$name', ({ goals, seen, expected }) => {
    const r = [round({ status: 'scheduled', goals: [zamGoal] })];
    expect(brief(planSubscription(r, sub({ results: 'off', goals }), 6 * H, { facts: facts({}, { A1: { [key]: seen } }) }))).toEqual(expected);
  });

  test('GIVEN a goal with no sighting (file data) or a sighting of a goal no longer in the data THEN no alert', () => {
    const r = [round({ goals: [zamGoal] })];
    expect(planSubscription(r, sub({ results: 'off', goals: true }), 6 * H, { facts: facts() })).toEqual([]);
    const withdrawn = [round({ goals: [] })];
    expect(planSubscription(withdrawn, sub({ results: 'off', goals: true }), 6 * H, { facts: facts({}, { A1: { [key]: '2023-11-26T13:24:00Z' } }) })).toEqual([]);
  });

  test('GIVEN a channel following the other group match’s clubs THEN no alert for Zamalek’s goal', () => {
    const r = [round({ goals: [zamGoal] })];
    const f = facts({}, { A1: { [key]: '2023-11-26T13:24:00Z' } });
    expect(planSubscription(r, sub({ results: 'off', goals: true, team: 'sagrada' }), 6 * H, { facts: f })).toEqual([]);
    expect(planSubscription(r, sub({ results: 'off', goals: true, team: 'berkane' }), 6 * H, { facts: f }).map((p) => p.kind)).toEqual(['goal']);
  });
});

describe('corrections', () => {
  const NOW = at('2023-11-26T19:00:00Z');
  const posted = (entries: [string, string, string, number][]): PostedFacts =>
    new Map(entries.map(([matchId, fact, value, corrections]) => [factKey(matchId, fact), { value, corrections }]));
  const plan = (r: PlanningRound, shown: PostedFacts) =>
    planSubscription([r], sub({ results: 'each' }), 6 * H, { facts: facts({ A1: '2023-11-26T14:52:00Z' }), posted: shown, now: NOW }).filter((p) => p.kind === 'correction');

  test.each([
    { name: 'GIVEN the channel was shown 1–0 and the data still says 1–0 THEN no correction', data: played(1, 0), shown: [['A1', 'result', 'played 1-0', 0]], expected: [] },
    { name: 'GIVEN it was shown 1–0 and the result is now 2–0 THEN a correction due now', data: played(2, 0), shown: [['A1', 'result', 'played 1-0', 0]], expected: [['A1:result:1', 'played 2-0']] },
    { name: 'GIVEN one correction already went out and the result changed again THEN the second correction', data: played(2, 1), shown: [['A1', 'result', 'played 2-0', 1]], expected: [['A1:result:2', 'played 2-1']] },
    { name: 'GIVEN the result was undone THEN a correction saying it was withdrawn', data: {}, shown: [['A1', 'result', 'played 1-0', 0]], expected: [['A1:result:1', 'none']] },
    { name: 'GIVEN a goal alert went out and the goal was undone THEN a correction', data: played(0, 0), shown: [['A1', `goal:${goalSlotKey(zamGoal)}`, 'on', 0]], expected: [[`A1:goal:${goalSlotKey(zamGoal)}:1`, 'gone']] },
  ] as const)('$name', ({ data, shown, expected }) => {
    const corrections = plan(round(data), posted(shown.map((s) => [...s])));
    expect(corrections.map((p) => [p.slot, p.fingerprint])).toEqual(expected);
    for (const p of corrections) expect([p.dueAt, p.expiresAt]).toEqual([NOW, NOW + 6 * H]);
  });

  test('GIVEN the same state planned twice THEN the same keys (a correction is planned once)', () => {
    const shown = posted([['A1', 'result', 'played 1-0', 0]]);
    expect(plan(round(played(2, 0)), shown).map(postKey)).toEqual(plan(round(played(2, 0)), shown).map(postKey));
  });
});
