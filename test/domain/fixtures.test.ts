import { describe, expect, test } from 'vitest';
import { roundKey, roundLabel, selectFixtures } from '../../src/domain/fixtures.js';
import type { FixtureFilter } from '../../src/domain/fixtures.js';
import { indexSeason, matchTitle } from '../../src/domain/season-index.js';
import type { Match } from '../../src/domain/types.js';
import { groupMatch, leg, match, season, team } from './builders.js';

const matches: Match[] = [
  groupMatch('A', 2, 'a', 'b', null, { id: 'GA-MD2-1', date: '2023-12-03', kickoff: null, status: 'scheduled' }),
  groupMatch('A', 1, 'a', 'c', [1, 0], { id: 'GA-MD1-1', date: '2023-11-26', kickoff: '2023-11-26T19:00:00Z' }),
  groupMatch('A', 1, 'b', 'd', [0, 0], { id: 'GA-MD1-2', date: '2023-11-26', kickoff: '2023-11-26T13:00:00Z' }),
  groupMatch('B', 1, 'e', 'f', [2, 2], { id: 'GB-MD1-1', date: '2023-11-26', kickoff: null }),
  groupMatch('A', 2, 'c', 'd', null, { id: 'GA-MD2-2', date: '2023-12-03', kickoff: '2023-12-03T16:00:00Z', status: 'postponed' }),
  leg('quarter_final', 1, 1, 'a', 'e', null, { id: 'QF1-L1', date: null, kickoff: null, status: 'scheduled' }),
  match({
    id: 'R1-T11-W',
    stage: 'first_round',
    tie: 11,
    home: 'x',
    away: 'y',
    status: 'walkover',
    decision: { winner: 'x', score: null, reason: 'withdrew', decidedOn: null },
  }),
  leg('first_round', 1, 1, 'x', 'z', [1, 0], { id: 'R1-T01-L1', date: '2023-08-18' }),
  groupMatch('B', 3, 'e', 'f', null, { id: 'GB-MD3-1', date: '2023-12-10', status: 'cancelled' }),
];
const s = season({ matches, teams: [team('a', { name: 'Alpha' }), team('b', { name: 'Bravo' })] });
const ids = (filter: FixtureFilter) => selectFixtures(s, filter).map((m) => m.id);
const now = new Date('2023-12-03T15:00:00Z');

describe('selectFixtures', () => {
  test.each<{ name: string; filter: FixtureFilter; expected: string[] }>([
    {
      name: 'GIVEN no filter THEN every match by day, kickoff (unknown last), id; an undated walkover stays with its round',
      filter: {},
      expected: ['R1-T01-L1', 'R1-T11-W', 'GA-MD1-2', 'GA-MD1-1', 'GB-MD1-1', 'GA-MD2-2', 'GA-MD2-1', 'GB-MD3-1', 'QF1-L1'],
    },
    { name: 'GIVEN a team THEN its home and away matches', filter: { team: 'a' }, expected: ['GA-MD1-1', 'GA-MD2-1', 'QF1-L1'] },
    { name: 'GIVEN a group and matchday', filter: { group: 'A', matchday: 1 }, expected: ['GA-MD1-2', 'GA-MD1-1'] },
    { name: 'GIVEN a stage', filter: { stage: 'first_round' }, expected: ['R1-T01-L1', 'R1-T11-W'] },
    {
      name: 'GIVEN results THEN played, awarded and walkover only (not cancelled)',
      filter: { when: 'results' },
      expected: ['R1-T01-L1', 'R1-T11-W', 'GA-MD1-2', 'GA-MD1-1', 'GB-MD1-1'],
    },
    {
      name: 'GIVEN upcoming at 15:00Z on 3 Dec THEN a later kickoff, a date-only match that day and undated ones',
      filter: { when: 'upcoming', now },
      expected: ['GA-MD2-2', 'GA-MD2-1', 'QF1-L1'],
    },
    {
      name: 'GIVEN upcoming after the 16:00Z kickoff THEN that match is no longer upcoming',
      filter: { when: 'upcoming', now: new Date('2023-12-03T16:30:00Z') },
      expected: ['GA-MD2-1', 'QF1-L1'],
    },
    {
      name: 'GIVEN a date range THEN inclusive days, undated matches excluded',
      filter: { from: '2023-11-26', to: '2023-12-03' },
      expected: ['GA-MD1-2', 'GA-MD1-1', 'GB-MD1-1', 'GA-MD2-2', 'GA-MD2-1'],
    },
    {
      name: 'GIVEN an instant range THEN kickoffs compare as instants, date-only matches by day',
      filter: { from: '2023-11-26T14:00:00Z', to: '2023-11-26T23:00:00Z' },
      expected: ['GA-MD1-1', 'GB-MD1-1'],
    },
    { name: 'GIVEN a team and when results', filter: { team: 'a', when: 'results' }, expected: ['GA-MD1-1'] },
  ])('$name', ({ filter, expected }) => {
    expect(ids(filter)).toEqual(expected);
  });

  test('GIVEN upcoming without now THEN it throws, because the domain never reads the clock', () => {
    expect(() => selectFixtures(s, { when: 'upcoming' })).toThrow(/now/);
  });
});

describe('roundLabel and roundKey', () => {
  test.each([
    { m: matches[0] as Match, label: 'Group A · Matchday 2', key: 'MD2' },
    { m: leg('quarter_final', 1, 1, 'a', 'b', null), label: 'Quarter-finals, first leg', key: 'QF' },
    { m: leg('semi_final', 2, 2, 'a', 'b', null), label: 'Semi-finals, second leg', key: 'SF' },
    { m: leg('final', 1, 2, 'a', 'b', null), label: 'Final, second leg', key: 'F' },
    { m: leg('second_round', 3, 1, 'a', 'b', null), label: 'Second round, tie 3, first leg', key: 'R2' },
    { m: matches[6] as Match, label: 'First round, tie 11 (walkover)', key: 'R1' },
  ])('$label ($key)', ({ m, label, key }) => {
    expect(roundLabel(season(), m)).toBe(label);
    expect(roundKey(season(), m)).toBe(key);
  });
});

describe('indexSeason', () => {
  test('GIVEN the same Season object twice THEN the same index (cached)', () => {
    expect(indexSeason(s)).toBe(indexSeason(s));
  });

  test.each([
    { id: 'a', name: 'Alpha' },
    { id: 'unknown-team', name: 'unknown-team' },
  ])('teamName($id) = $name', ({ id, name }) => {
    expect(indexSeason(s).teamName(id)).toBe(name);
  });

  test('GIVEN a match THEN matchTitle names both teams', () => {
    expect(matchTitle(indexSeason(s), matches[0] as Match)).toBe('Alpha v Bravo');
  });

  test('matchesByTeam and matchesOf hold home and away matches chronologically', () => {
    const index = indexSeason(s);
    expect(index.matchesOf('b').map((m) => m.id)).toEqual(['GA-MD1-2', 'GA-MD2-1']);
    expect(index.matchesOf('nobody')).toEqual([]);
    expect(index.matchesByGroup.get('B')?.map((m) => m.id)).toEqual(['GB-MD1-1', 'GB-MD3-1']);
    expect(index.matchById.get('QF1-L1')?.stage).toBe('quarter_final');
  });
});
