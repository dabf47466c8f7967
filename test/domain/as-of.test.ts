import { describe, expect, test } from 'vitest';
import { seasonAsOf } from '../../src/domain/as-of.js';
import { selectFixtures } from '../../src/domain/fixtures.js';
import { computeGroupTable } from '../../src/domain/standings.js';
import { computeScorers } from '../../src/domain/scorers.js';
import { pairingsPending } from '../../src/domain/calendar.js';
import { bracketStages, computeTies } from '../../src/domain/ties.js';
import type { Stage } from '../../src/domain/types.js';
import { fromPackageRoot } from '../../src/package-root.js';
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
    if (status === 'scheduled') expect(m).toMatchObject({ goals: [], note: null, referee: m.referee });
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

  // A decision made after the match shows only from the day it was made; meanwhile "result not published".
  test.each([
    ['2024-04-20T00:00:00Z', 'SF1-L1', { status: 'scheduled', resultNotPublished: false, decision: null }], // before the match
    ['2024-04-22T00:00:00Z', 'SF1-L1', { status: 'scheduled', resultNotPublished: true, decision: null }], // not played, not yet decided
    ['2024-04-24T00:00:00Z', 'SF1-L1', { status: 'awarded', resultNotPublished: false, decision: { winner: 'rs-berkane', decidedOn: '2024-04-24' } }],
    ['2024-04-30T00:00:00Z', 'SF1-L2', { status: 'scheduled', resultNotPublished: true, decision: null }],
    ['2024-05-01T00:00:00Z', 'SF1-L2', { status: 'awarded', decision: { decidedOn: '2024-05-01' } }],
    ['2024-03-05T00:00:00Z', 'GB-MD6-1', { status: 'scheduled', resultNotPublished: true, decision: null }],
    ['2024-03-11T00:00:00Z', 'GB-MD6-1', { status: 'awarded', decision: { winner: 'zamalek', score: null } }],
    ['2024-03-02T00:00:00Z', 'GD-MD6-2', { status: 'scheduled', resultNotPublished: false }], // still to come
    ['2024-03-04T00:00:00Z', 'GD-MD6-2', { status: 'scheduled', resultNotPublished: true }], // its day passed, no result published
  ])('GIVEN %s THEN %s reads %j', (instant, id, expected) => {
    expect(match(at(instant), id)).toMatchObject(expected);
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

  test('GIVEN the view changes when a decision day comes THEN each state is its own object', () => {
    expect(at('2024-04-22T00:00:00Z')).not.toBe(at('2024-04-24T00:00:00Z'));
  });
});

describe('pairings are known only from their draw (calendar) and once the round before is decided', () => {
  const stages = (s: typeof season) => new Set(s.matches.map((m) => m.stage));
  test.each([
    // instant, stages with pairings, what the others wait for
    ['2023-07-20T00:00:00Z', [], { first_round: { drawOn: '2023-07-25' }, group: { drawOn: '2023-10-06' }, quarter_final: { drawOn: '2024-03-12' } }],
    ['2023-08-01T00:00:00Z', ['first_round'], { second_round: { waitingFor: 'first_round' }, group: { drawOn: '2023-10-06' } }],
    ['2023-10-02T00:00:00Z', ['first_round', 'second_round'], { group: { drawOn: '2023-10-06' } }],
    ['2024-02-26T00:00:00Z', ['first_round', 'second_round', 'group'], { quarter_final: { drawOn: '2024-03-12' }, semi_final: { drawOn: '2024-03-12' }, final: { drawOn: '2024-03-12' } }],
    ['2024-03-20T00:00:00Z', ['first_round', 'second_round', 'group', 'quarter_final'], { semi_final: { waitingFor: 'quarter_final' }, final: { waitingFor: 'semi_final' } }],
    ['2024-04-10T00:00:00Z', ['first_round', 'second_round', 'group', 'quarter_final', 'semi_final'], { final: { waitingFor: 'semi_final' } }],
    ['2024-05-02T00:00:00Z', ['first_round', 'second_round', 'group', 'quarter_final', 'semi_final', 'final'], {}],
  ] as const)('GIVEN %s THEN pairings of %j, the others pending as %j', (instant, known, pending) => {
    const view = at(instant);
    expect([...stages(view)].sort()).toEqual([...known].sort());
    for (const [stage, why] of Object.entries(pending)) {
      expect(pairingsPending(view, stage as Stage, new Date(instant))).toEqual(why);
      expect(computeTies(view, stage as Stage)).toEqual([]);
    }
  });

  test('GIVEN the eve of the group draw THEN no team has a group yet; after it, all 16 do', () => {
    expect(at('2023-10-05T12:00:00Z').teams.filter((t) => t.group !== null)).toEqual([]);
    expect(at('2023-10-06T12:00:00Z').teams.filter((t) => t.group !== null)).toHaveLength(16);
  });

  test('GIVEN 25 November 2023 THEN nothing about the final shows: no pairing, no champion, no calendar note', () => {
    const view = at('2023-11-25T12:00:00Z');
    expect(view.matches.filter((m) => m.stage === 'final')).toEqual([]);
    expect(view.champion).toBeNull();
    expect(view.calendar.filter((e) => e.stage === 'final').map((e) => e.note)).toEqual([null, null]);
    expect(JSON.stringify({ matches: view.matches, calendar: view.calendar })).not.toMatch(/Zamalek won on away goals|2-1 Zamalek/);
  });

  test('GIVEN a quarter-final drawn but not yet played THEN its tie has no aggregate (never "0–0")', () => {
    const ties = computeTies(at('2024-03-20T00:00:00Z'), 'quarter_final');
    expect(ties).toHaveLength(4);
    expect(ties.map((t) => [t.aggregate, t.winner])).toEqual([[null, null], [null, null], [null, null], [null, null]]);
  });

  test.each([
    ['2024-02-26T00:00:00Z', ['draw on 2024-03-12', 'draw on 2024-03-12', 'draw on 2024-03-12']],
    ['2024-03-20T00:00:00Z', ['4 ties, none played', 'after quarter_final', 'after semi_final']],
    ['2024-04-24T12:00:00Z', ['4 ties, 4 decided', '2 ties, 0 decided', 'after semi_final']],
    ['2024-06-01T00:00:00Z', ['4 ties, 4 decided', '2 ties, 2 decided', '1 ties, 1 decided']],
  ])('the bracket read model as of %s: %j', (instant, expected) => {
    const described = bracketStages(at(instant), new Date(instant)).map((s) =>
      'ties' in s
        ? s.ties.every((t) => t.aggregate === null && t.winner === null)
          ? `${s.ties.length} ties, none played`
          : `${s.ties.length} ties, ${s.ties.filter((t) => t.winner !== null).length} decided`
        : 'drawOn' in s
          ? `draw on ${s.drawOn}`
          : `after ${s.waitingFor}`,
    );
    expect(described).toEqual(expected);
  });
});

describe('a tie the data never decides: a later match naming the club says who went through (AFL 2023)', () => {
  const afl = readSeasonFile(fromPackageRoot('data', 'seasons', 'caf-afl-2023.json')).season;
  const finalAt = (iso: string) =>
    seasonAsOf(afl, new Date(iso))
      .matches.filter((m) => m.stage === 'final')
      .map((m) => `${m.id} ${m.home}–${m.away} ${m.status}`);

  test.each([
    // instant, the final as fans see it
    ['2023-11-01T12:00:00Z', []], // semi-final second legs still being played: no pairing yet
    ['2023-11-05T12:00:00Z', ['F-L1 wydad-ac–mamelodi-sundowns scheduled', 'F-L2 mamelodi-sundowns–wydad-ac scheduled']],
    ['2023-11-06T12:00:00Z', ['F-L1 wydad-ac–mamelodi-sundowns played', 'F-L2 mamelodi-sundowns–wydad-ac scheduled']],
  ] as const)('GIVEN %s THEN the final shows %j', (instant, expected) => {
    expect(finalAt(instant)).toEqual(expected);
  });

  test('GIVEN 5 November 2023 THEN the semi-final leg printed "-" stays without a result and its tie without a winner', () => {
    const view = seasonAsOf(afl, new Date('2023-11-05T12:00:00Z'));
    expect(match(view, 'SF1-L2')).toMatchObject({ status: 'scheduled', score: null });
    expect(computeTies(view, 'semi_final').find((tie) => tie.tie === 1)?.winner).toBeNull();
  });
});
