import { describe, expect, test } from 'vitest';
import { goalKey, type KnownFacts } from '../../src/domain/announcements.js';
import { seasonAsOf, type SightedSeason } from '../../src/domain/as-of.js';
import { nextMatches } from '../../src/domain/next-match.js';
import { selectFixtures } from '../../src/domain/fixtures.js';
import { readSeasonFile } from '../../src/season/read.js';

// A result this installation saw being saved (fact_sightings) is known from that moment: before its
// full time (an editor saving it at noon for an evening match) and after it (an editor fixing an old
// match under the replay clock). Matches without a sighting keep the file rule (full time).

const { season } = readSeasonFile();
const matchOf = (s: { readonly matches: SightedSeason['matches'] }, id: string) => s.matches.find((m) => m.id === id);
const ms = (iso: string): number => Date.parse(iso);

/** The season with sightings: match id → when its result was seen; goals as [match id, goal index, when]. */
const sighted = (results: Record<string, string>, goals: readonly (readonly [string, number, string])[] = []): SightedSeason => {
  const byMatch = new Map<string, Map<string, number>>();
  for (const [id, index, when] of goals) {
    const goal = season.matches.find((m) => m.id === id)?.goals[index];
    if (goal === undefined) throw new Error(`no goal ${index} in ${id}`);
    const keys = byMatch.get(id) ?? new Map<string, number>();
    keys.set(goalKey(goal), ms(when));
    byMatch.set(id, keys);
  }
  const sightings: KnownFacts = { results: new Map(Object.entries(results).map(([id, when]) => [id, ms(when)])), goals: byMatch };
  return { ...season, sightings };
};

// GA-MD1-1 kicks off 2023-11-26T19:00Z (2-0, full time 21:00); GA-MD1-2 at 13:00Z (1-0, full time 15:00).
const savedAtNoon = sighted({ 'GA-MD1-1': '2023-11-26T12:00:00Z' });
const savedTwoDaysLate = sighted({ 'GA-MD1-1': '2023-11-28T10:00:00Z' });

describe('a sighted result is known from its sighting, an unsighted one from full time', () => {
  test.each([
    // [season, instant, match, expected score]
    ['saved at noon', savedAtNoon, '2023-11-26T11:59:59Z', 'GA-MD1-1', null],
    ['saved at noon', savedAtNoon, '2023-11-26T12:00:00Z', 'GA-MD1-1', { home: 2, away: 0 }],
    ['saved at noon', savedAtNoon, '2023-11-26T19:30:00Z', 'GA-MD1-1', { home: 2, away: 0 }],
    ['saved at noon', savedAtNoon, '2023-11-26T12:00:00Z', 'GA-MD1-2', null], // not sighted: full time 15:00
    ['saved at noon', savedAtNoon, '2023-11-26T15:00:00Z', 'GA-MD1-2', { home: 1, away: 0 }],
    ['saved two days late', savedTwoDaysLate, '2023-11-26T21:00:00Z', 'GA-MD1-1', null], // full time passed, nobody knew yet
    ['saved two days late', savedTwoDaysLate, '2023-11-28T09:59:59Z', 'GA-MD1-1', null],
    ['saved two days late', savedTwoDaysLate, '2023-11-28T10:00:00Z', 'GA-MD1-1', { home: 2, away: 0 }],
    ['file only', season, '2023-11-26T12:00:00Z', 'GA-MD1-1', null],
    ['file only', season, '2023-11-26T21:00:00Z', 'GA-MD1-1', { home: 2, away: 0 }],
  ] as const)('GIVEN %s, AT %s THEN %s reads %j', (_label, source, instant, id, score) => {
    const view = seasonAsOf(source, new Date(instant));
    const m = matchOf(view, id);
    expect(m?.score ?? null).toEqual(score);
    expect(m?.status).toBe(score === null ? 'scheduled' : 'played');
    if (score === null) expect(m?.goals).toEqual([]);
  });

  test('GIVEN a result saved after full time THEN the match reads "result not published" until then', () => {
    expect(matchOf(seasonAsOf(savedTwoDaysLate, new Date('2023-11-26T20:59:00Z')), 'GA-MD1-1')).toMatchObject({ status: 'scheduled', resultNotPublished: false });
    expect(matchOf(seasonAsOf(savedTwoDaysLate, new Date('2023-11-27T12:00:00Z')), 'GA-MD1-1')).toMatchObject({ status: 'scheduled', resultNotPublished: true });
    expect(matchOf(seasonAsOf(savedAtNoon, new Date('2023-11-26T11:00:00Z')), 'GA-MD1-1')).toMatchObject({ status: 'scheduled', resultNotPublished: false });
  });

  test('GIVEN a decision sighted before its decision day THEN the awarded result shows from the sighting', () => {
    const early = sighted({ 'SF1-L1': '2024-04-22T08:00:00Z' });
    expect(matchOf(seasonAsOf(early, new Date('2024-04-22T07:59:00Z')), 'SF1-L1')).toMatchObject({ status: 'scheduled', resultNotPublished: true });
    expect(matchOf(seasonAsOf(early, new Date('2024-04-22T08:00:00Z')), 'SF1-L1')).toMatchObject({ status: 'awarded', decision: { winner: 'rs-berkane' } });
    // Without the sighting: not before the decision day (24 April).
    expect(matchOf(seasonAsOf(season, new Date('2024-04-22T08:00:00Z')), 'SF1-L1')).toMatchObject({ status: 'scheduled', resultNotPublished: true });
  });

  test('GIVEN a goal saved after its result THEN the result shows first and that goal from its own sighting', () => {
    const full = matchOf(season, 'GA-MD1-1');
    const withLateGoal = sighted({ 'GA-MD1-1': '2023-11-26T12:00:00Z' }, [
      ['GA-MD1-1', 0, '2023-11-26T12:00:00Z'],
      ['GA-MD1-1', 1, '2023-11-26T12:30:00Z'],
    ]);
    const before = matchOf(seasonAsOf(withLateGoal, new Date('2023-11-26T12:10:00Z')), 'GA-MD1-1');
    expect(before?.score).toEqual({ home: 2, away: 0 });
    expect(before?.goals).toEqual(full?.goals.slice(0, 1));
    expect(matchOf(seasonAsOf(withLateGoal, new Date('2023-11-26T12:30:00Z')), 'GA-MD1-1')?.goals).toEqual(full?.goals);
  });

  test('GIVEN the final sighted at its kickoff THEN the champion is known from then, not from full time', () => {
    const final = sighted({ 'F-L2': '2024-05-19T16:00:00Z' });
    expect(seasonAsOf(final, new Date('2024-05-19T15:59:00Z')).champion).toBeNull();
    expect(seasonAsOf(final, new Date('2024-05-19T16:00:00Z')).champion).toBe(season.champion);
    expect(seasonAsOf(season, new Date('2024-05-19T16:00:00Z')).champion).toBeNull();
  });

  test('GIVEN the result saved at noon THEN /fixtures lists it as a result and /next moves to the next match', () => {
    const noon = new Date('2023-11-26T12:00:00Z');
    const played = selectFixtures(seasonAsOf(savedAtNoon, noon), { when: 'results', now: noon, stage: 'group', matchday: 1 });
    expect(played.map((m) => m.id)).toContain('GA-MD1-1');
    const usmFile = nextMatches(season, noon, 'usm-alger');
    const usmSighted = nextMatches(savedAtNoon, noon, 'usm-alger');
    expect(usmFile.kind === 'upcoming' ? usmFile.matches.map((m) => m.match.id) : usmFile.kind).toEqual(['GA-MD1-1']);
    expect(usmSighted.kind === 'upcoming' ? usmSighted.matches.map((m) => m.match.id) : usmSighted.kind).toEqual(['GA-MD2-1']);
  });

  test('GIVEN two instants with no sighting between them THEN the same view object; a sighting between them: a new one', () => {
    const a = seasonAsOf(savedAtNoon, new Date('2023-11-26T12:00:00Z'));
    expect(seasonAsOf(savedAtNoon, new Date('2023-11-26T12:30:00Z'))).toBe(a);
    expect(seasonAsOf(savedAtNoon, new Date('2023-11-26T11:30:00Z'))).not.toBe(a);
  });

  test('GIVEN real time after the season and every sighting THEN the season itself is returned', () => {
    expect(seasonAsOf(savedTwoDaysLate, new Date('2026-11-27T00:00:00Z'))).toBe(savedTwoDaysLate);
  });
});
