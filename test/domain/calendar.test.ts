import { describe, expect, test } from 'vitest';
import { nextOrLastEvent, scheduleEntries, seasonRounds } from '../../src/domain/calendar.js';
import type { CalendarEntry } from '../../src/domain/types.js';
import { groupMatch, leg, match, season } from './builders.js';

const entry = (id: string, startDate: string, endDate = startDate): CalendarEntry => ({
  id,
  phase: 'p',
  round: id,
  kind: 'leg',
  stage: null,
  matchday: null,
  leg: null,
  startDate,
  endDate,
  note: null,
  sources: ['test'],
});

const calendar = [entry('MD2', '2023-12-03'), entry('R1-L1', '2023-08-18', '2023-08-20'), entry('MD1', '2023-11-26')];
const s = season({ calendar });

describe('scheduleEntries', () => {
  test('GIVEN an unordered calendar THEN entries by start date', () => {
    expect(scheduleEntries(s).map((e) => e.id)).toEqual(['R1-L1', 'MD1', 'MD2']);
  });
});

describe('nextOrLastEvent', () => {
  test.each([
    { now: '2023-07-01T00:00:00Z', id: 'R1-L1', relation: 'next' },
    { now: '2023-08-19T12:00:00Z', id: 'R1-L1', relation: 'current' },
    { now: '2023-08-20T23:59:00Z', id: 'R1-L1', relation: 'current' },
    { now: '2023-08-21T00:00:00Z', id: 'MD1', relation: 'next' },
    { now: '2023-11-26T20:00:00Z', id: 'MD1', relation: 'current' },
    { now: '2023-12-04T00:00:00Z', id: 'MD2', relation: 'last' },
  ])('GIVEN now $now THEN $relation $id', ({ now, id, relation }) => {
    expect(nextOrLastEvent(s, new Date(now))).toMatchObject({ entry: { id }, relation });
  });

  test('GIVEN an empty calendar THEN null', () => {
    expect(nextOrLastEvent(season(), new Date('2024-01-01T00:00:00Z'))).toBeNull();
  });
});

describe('seasonRounds', () => {
  const matches = [
    groupMatch('A', 1, 'a', 'b', [1, 0], { id: 'GA-MD1-1', date: '2023-11-26', kickoff: '2023-11-26T19:00:00Z' }),
    groupMatch('B', 1, 'c', 'd', [1, 0], { id: 'GB-MD1-1', date: '2023-11-26', kickoff: '2023-11-26T13:00:00Z' }),
    groupMatch('B', 1, 'e', 'f', [1, 0], { id: 'GB-MD1-2', date: '2023-11-26', kickoff: null }),
    // Brought forward a day, time unknown.
    groupMatch('A', 3, 'a', 'c', [1, 0], { id: 'GA-MD3-1', date: '2023-12-09', kickoff: null }),
    groupMatch('A', 3, 'b', 'd', [1, 0], { id: 'GA-MD3-2', date: '2023-12-10', kickoff: '2023-12-10T19:00:00Z' }),
    leg('quarter_final', 1, 2, 'a', 'b', null, { id: 'QF1-L2', date: '2024-04-07', status: 'scheduled' }),
    leg('quarter_final', 1, 1, 'b', 'a', [0, 0], { id: 'QF1-L1', date: '2024-03-31', kickoff: '2024-03-31T16:00:00Z' }),
    leg('final', 1, 1, 'a', 'b', null, { id: 'F-L1', status: 'scheduled' }),
    match({ id: 'R1-T11-W', stage: 'first_round', tie: 11, home: 'x', away: 'y', status: 'walkover', decision: { winner: 'x', score: null, reason: 'r', decidedOn: null } }),
  ];
  const rounds = seasonRounds(season({ matches }));

  test.each([
    { key: 'GS-MD1', label: 'Group stage · Matchday 1', ids: ['GB-MD1-1', 'GA-MD1-1', 'GB-MD1-2'], first: '2023-11-26T13:00:00Z', last: '2023-11-26T19:00:00Z' },
    { key: 'GS-MD3', label: 'Group stage · Matchday 3', ids: ['GA-MD3-1', 'GA-MD3-2'], first: '2023-12-09T00:00:00Z', last: '2023-12-10T19:00:00Z' },
    { key: 'QF-L1', label: 'Quarter-finals, first leg', ids: ['QF1-L1'], first: '2024-03-31T16:00:00Z', last: '2024-03-31T16:00:00Z' },
    { key: 'QF-L2', label: 'Quarter-finals, second leg', ids: ['QF1-L2'], first: '2024-04-07T00:00:00Z', last: '2024-04-07T00:00:00Z' },
    { key: 'F-L1', label: 'Final, first leg', ids: ['F-L1'], first: null, last: null },
  ])('$key: $label', ({ key, label, ids, first, last }) => {
    const round = rounds.find((r) => r.key === key);
    expect(round?.label).toBe(label);
    expect(round?.matches.map((m) => m.id)).toEqual(ids);
    expect(round?.firstKickoff).toBe(first);
    expect(round?.lastKickoff).toBe(last);
  });

  test('GIVEN all rounds THEN competition order, and a walkover with no leg belongs to none', () => {
    expect(rounds.map((r) => r.key)).toEqual(['GS-MD1', 'GS-MD3', 'QF-L1', 'QF-L2', 'F-L1']);
    expect(rounds.find((r) => r.key === 'GS-MD1')).toMatchObject({ stage: 'group', matchday: 1, leg: null });
    expect(rounds.find((r) => r.key === 'QF-L2')).toMatchObject({ stage: 'quarter_final', matchday: null, leg: 2 });
  });
});
