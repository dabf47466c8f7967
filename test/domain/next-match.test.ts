import { describe, expect, test } from 'vitest';
import { nextMatches, roundKeyOf } from '../../src/domain/next-match.js';
import { readSeasonFile } from '../../src/season/read.js';
import { leg, match, team } from './builders.js';
import type { Season } from '../../src/domain/types.js';

const { season } = readSeasonFile();

describe('/next read model on the 2023-24 season (the bot clock decides what is known)', () => {
  test.each([
    // [now, team, next match, first leg (for a second leg), last meeting]
    ['2023-11-25T12:00:00Z', 'zamalek', 'GB-MD1-1', null, null],
    ['2024-02-20T12:00:00Z', 'zamalek', 'GB-MD5-1', null, 'GB-MD1-1'],
    ['2024-04-01T12:00:00Z', 'zamalek', 'QF3-L2', 'QF3-L1', 'QF3-L1'],
    ['2024-05-15T12:00:00Z', 'zamalek', 'F-L2', 'F-L1', 'F-L1'],
    ['2024-05-15T12:00:00Z', 'rs-berkane', 'F-L2', 'F-L1', 'F-L1'],
    // Kicked off at 16:00 and still being played: it is still the next match, without a score.
    ['2024-05-19T17:00:00Z', 'zamalek', 'F-L2', 'F-L1', 'F-L1'],
  ] as const)('GIVEN %s and %s THEN the next match is %s (first leg %s, last meeting %s)', (now, club, id, firstLeg, lastMeeting) => {
    const view = nextMatches(season, new Date(now), club);
    expect(view.kind).toBe('upcoming');
    if (view.kind !== 'upcoming') return;
    expect(view.matches.map((m) => m.match.id)).toEqual([id]);
    const [next] = view.matches;
    expect(next?.match.score).toBeNull();
    expect(next?.firstLeg?.id ?? null).toBe(firstLeg);
    expect(next?.lastMeeting?.id ?? null).toBe(lastMeeting);
  });

  test('GIVEN the day after the first leg of the final THEN the first leg carries its score', () => {
    const view = nextMatches(season, new Date('2024-05-15T12:00:00Z'), 'zamalek');
    expect(view.kind === 'upcoming' && view.matches[0]?.firstLeg?.score).toEqual({ home: 2, away: 1 });
  });

  test('GIVEN the first leg of the final not yet over THEN the second leg has no first-leg score yet', () => {
    const view = nextMatches(season, new Date('2024-05-12T19:30:00Z'), 'zamalek');
    expect(view.kind === 'upcoming' && view.matches.map((m) => m.match.id)).toEqual(['F-L1']);
  });

  test.each([
    // [now, round key, number of matches]
    ['2023-11-25T12:00:00Z', 'GS-MD1', 8],
    ['2024-05-15T12:00:00Z', 'F-L2', 1],
    ['2024-05-05T12:00:00Z', 'F-L1', 1],
  ] as const)('GIVEN %s and no team THEN the next round is %s with %i matches', (now, key, count) => {
    const view = nextMatches(season, new Date(now));
    expect(view.kind).toBe('upcoming');
    if (view.kind !== 'upcoming') return;
    expect(view.roundKey).toBe(key);
    expect(view.matches).toHaveLength(count);
    expect(view.matches.every((m) => roundKeyOf(season, m.match) === key)).toBe(true);
  });

  test.each([
    // [now, team, scope, last match]
    ['2024-06-01T00:00:00Z', null, 'season', 'F-L2'],
    ['2024-06-01T00:00:00Z', 'zamalek', 'team', 'F-L2'],
    ['2024-05-01T00:00:00Z', 'dreams-f-c', 'team', 'SF2-L2'],
  ] as const)('GIVEN %s and team %s THEN it is over (%s) and the last match is %s', (now, club, scope, last) => {
    const view = nextMatches(season, new Date(now), club);
    expect(view).toMatchObject({ kind: 'over', scope });
    expect(view.kind === 'over' && view.last?.id).toBe(last);
  });

  test('GIVEN the group stage over and the quarter-final draw not yet made THEN more is to come but not yet known', () => {
    const view = nextMatches(season, new Date('2024-03-10T12:00:00Z'), 'zamalek');
    expect(view.kind).toBe('notYetKnown');
  });
});

describe('/next read model on hand-made seasons', () => {
  const base = (matches: Season['matches']): Season => ({ ...season, teams: [team('a'), team('b'), team('c')], matches, calendar: [], champion: null });

  test.each([
    // [case, matches, expected next id or null]
    ['postponed is not next', [match({ id: 'P', stage: 'group', home: 'a', away: 'b', matchday: 1, group: 'A', date: '2030-01-01', status: 'postponed' })], null],
    ['cancelled is not next', [match({ id: 'C', stage: 'group', home: 'a', away: 'b', matchday: 1, group: 'A', date: '2030-01-01', status: 'cancelled' })], null],
    ['date only, no time', [match({ id: 'D', stage: 'group', home: 'a', away: 'b', matchday: 1, group: 'A', date: '2030-01-01', status: 'scheduled' })], 'D'],
    [
      'earlier first',
      [
        leg('quarter_final', 1, 2, 'b', 'a', null, { id: 'L2', date: '2030-01-08', status: 'scheduled' }),
        leg('quarter_final', 1, 1, 'a', 'b', null, { id: 'L1', date: '2030-01-01', status: 'scheduled' }),
      ],
      'L1',
    ],
  ] as const)('%s', (_case, matches, expected) => {
    const view = nextMatches(base([...matches]), new Date('2029-12-01T00:00:00Z'), 'a');
    expect(view.kind === 'upcoming' ? view.matches[0]?.match.id : null).toBe(expected);
  });

  test('GIVEN a club that never met its opponent THEN there is no last meeting', () => {
    const s = base([
      match({ id: 'X', stage: 'group', home: 'a', away: 'c', matchday: 1, group: 'A', date: '2029-11-01', score: { home: 1, away: 0 } }),
      match({ id: 'Y', stage: 'group', home: 'a', away: 'b', matchday: 2, group: 'A', date: '2030-01-01', status: 'scheduled' }),
    ]);
    const view = nextMatches(s, new Date('2029-12-01T00:00:00Z'), 'a');
    expect(view.kind === 'upcoming' && view.matches[0]).toMatchObject({ match: { id: 'Y' }, lastMeeting: null, firstLeg: null });
  });
});
