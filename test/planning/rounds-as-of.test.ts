// The announcement planner sees the season as of the bot's clock, like the commands.
import { expect, test } from 'vitest';
import { roundsOf } from '../../src/planning/announcements.js';
import { roundTiming } from '../../src/domain/announcements.js';
import { readSeasonFile } from '../../src/season/read.js';

const { season } = readSeasonFile();
const at = (iso: string) => roundsOf(season, Date.parse(iso));
const matchIn = (rounds: ReturnType<typeof roundsOf>, key: string, id: string) =>
  rounds.find((r) => r.key === key)?.matches.find((m) => m.id === id);

test.each([
  // instant, round, match, what the planner (and the posts it renders) may know
  ['2023-11-25T12:00:00Z', 'F-L1', 'F-L1', { status: 'scheduled', score: null, goals: [], note: null }],
  ['2024-04-21T22:00:00Z', 'SF-L1', 'SF1-L1', { status: 'scheduled', resultNotPublished: true, decision: null }],
  ['2024-04-24T00:00:00Z', 'SF-L1', 'SF1-L1', { status: 'awarded', decision: { winner: 'rs-berkane' } }],
  ['2023-11-26T21:00:00Z', 'GS-MD1', 'GA-MD1-1', { status: 'played', score: { home: 2, away: 0 } }],
])('GIVEN the clock at %s THEN in round %s, %s reads %j', (instant, key, id, expected) => {
  expect(matchIn(at(instant), key, id)).toMatchObject(expected);
});

test('GIVEN any instant THEN the rounds keep the same keys and timing (pairings not yet drawn keep their slot)', () => {
  const full = roundsOf(season);
  for (const instant of ['2023-07-01T00:00:00Z', '2024-02-26T00:00:00Z', '2024-04-22T00:00:00Z']) {
    const view = at(instant);
    expect(view.map((r) => r.key)).toEqual(full.map((r) => r.key));
    expect(view.map((r) => roundTiming(r.matches))).toEqual(full.map((r) => roundTiming(r.matches)));
  }
});

test('GIVEN the clock after the season THEN the rounds are the season rounds themselves', () => {
  expect(at('2026-01-01T00:00:00Z')).toEqual(roundsOf(season));
});
