import { describe, expect, test } from 'vitest';
import { seasonAsOf } from '../../src/domain/as-of.js';
import { selectFixtures } from '../../src/domain/fixtures.js';
import { computeGroupTable } from '../../src/domain/standings.js';
import { computeScorers } from '../../src/domain/scorers.js';
import { readSeasonFile } from '../../src/season/read.js';

const { season } = readSeasonFile();
const at = (iso: string) => seasonAsOf(season, new Date(iso));
const match = (s: typeof season, id: string) => s.matches.find((m) => m.id === id)!;

describe('the season as a fan saw it at an instant (replay clock)', () => {
  test.each([
    // [instant, match id, expected status, expected score]
    ['2023-11-25T12:00:00Z', 'GA-MD1-1', 'scheduled', null], // the day before matchday 1
    ['2023-11-26T19:30:00Z', 'GA-MD1-1', 'scheduled', null], // kicked off at 19:00, still being played
    ['2023-11-26T21:00:00Z', 'GA-MD1-1', 'played', { home: 2, away: 0 }], // full time
    ['2024-05-18T12:00:00Z', 'F-L1', 'played', { home: 2, away: 1 }],
    ['2024-05-18T12:00:00Z', 'F-L2', 'scheduled', null],
  ])('GIVEN %s THEN %s is %s with score %j', (instant, id, status, score) => {
    const m = match(at(instant), id);
    expect(m.status).toBe(status);
    expect(m.score).toEqual(score);
    if (status === 'scheduled') expect(m.goals).toEqual([]);
  });

  test('GIVEN a date-only match THEN its result counts from the end of its day', () => {
    const dateOnly = season.matches.find((m) => m.kickoff === null && m.date !== null && m.status === 'played' && m.score)!;
    expect(match(at(`${dateOnly.date}T23:59:00Z`), dateOnly.id).score).toBeNull();
    const nextDay = new Date(Date.parse(dateOnly.date!) + 24 * 3600 * 1000).toISOString();
    expect(match(at(nextDay), dateOnly.id).score).toEqual(dateOnly.score);
  });

  test('GIVEN the eve of matchday 1 THEN the tables are empty, matchday 1 is upcoming and nobody has scored', () => {
    const eve = at('2023-11-25T12:00:00Z');
    expect(computeGroupTable(eve, 'B').rows.every((r) => r.played === 0 && r.points === 0)).toBe(true);
    const upcoming = selectFixtures(eve, { when: 'upcoming', now: new Date('2023-11-25T12:00:00Z'), stage: 'group', matchday: 1 });
    expect(upcoming).toHaveLength(8);
    expect(computeScorers(eve).rows).toEqual([]);
    expect(eve.champion).toBeNull();
  });

  test('GIVEN an awarded semi-final leg before its date THEN its decision is hidden too', () => {
    const before = match(at('2024-04-20T00:00:00Z'), 'SF1-L1');
    expect(before).toMatchObject({ status: 'scheduled', decision: null });
    expect(match(at('2024-04-22T00:00:00Z'), 'SF1-L1').status).toBe('awarded');
  });

  test('GIVEN a walkover with no date THEN it is hidden until its round starts, then settled', () => {
    const walkover = season.matches.find((m) => m.status === 'walkover' && m.date === null && m.kickoff === null)!;
    const roundStart = Math.min(
      ...season.matches.filter((m) => m.stage === walkover.stage && (m.kickoff ?? m.date) !== null).map((m) => Date.parse((m.kickoff ?? m.date)!)),
    );
    expect(match(at(new Date(roundStart - 60_000).toISOString()), walkover.id)).toMatchObject({ status: 'scheduled', decision: null });
    expect(match(at(new Date(roundStart).toISOString()), walkover.id)).toMatchObject({ status: 'walkover', decision: walkover.decision });
  });

  test('GIVEN real time after the season THEN the season itself is returned (nothing hidden, caches intact)', () => {
    expect(at('2026-11-27T00:00:00Z')).toBe(season);
  });

  test('GIVEN two instants between the same kickoffs THEN the same view object is returned', () => {
    expect(at('2023-12-01T00:00:00Z')).toBe(at('2023-12-02T00:00:00Z'));
    expect(at('2023-12-01T00:00:00Z')).not.toBe(at('2023-12-04T00:00:00Z'));
  });
});
