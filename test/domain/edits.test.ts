// The /edit changes checked against a season: what each stores, and each refusal's reason.
import { describe, expect, test } from 'vitest';
import { findRound, parseKickoff, parseMinute, parseScoreText, roundSlots, validateChange, type Change, type KnownClub } from '../../src/domain/edits.js';
import { association, goal, match, season, team } from './builders.js';

const teams = [team('zamalek', { name: 'Zamalek', aliases: ['Zamalek SC'] }), team('rs-berkane', { name: 'RS Berkane' }), team('al-ahly-sc', { name: 'Al Ahly SC', group: 'A', entryRound: 'group' }), team('simba', { name: 'Simba', group: 'A', entryRound: 'group' })];
const S = season({
  id: 'cup',
  teams,
  associations: [association('Nowhere', null)],
  matches: [
    match({ id: 'F-L1', stage: 'final', tie: 1, leg: 1, home: 'rs-berkane', away: 'zamalek', status: 'played', score: { home: 2, away: 1 }, goals: [goal('rs-berkane', 'Dayo'), goal('rs-berkane', 'Tahif')], date: '2024-05-12' }),
    match({ id: 'F-L2', stage: 'final', tie: 1, leg: 2, home: 'zamalek', away: 'rs-berkane', status: 'scheduled', date: '2024-05-19', kickoff: '2024-05-19T16:00:00Z' }),
    match({ id: 'GA-MD2-1', stage: 'group', group: 'A', matchday: 2, home: 'simba', away: 'al-ahly-sc', status: 'scheduled', resultNotPublished: true, date: '2023-12-01' }),
    match({ id: 'GA-MD3-1', stage: 'group', group: 'A', matchday: 3, home: 'al-ahly-sc', away: 'simba', status: 'postponed', date: '2023-12-08' }),
    match({ id: 'GA-MD1-1', stage: 'group', group: 'A', matchday: 1, home: 'al-ahly-sc', away: 'simba', status: 'scheduled', date: '2023-11-25' }),
  ],
});
const CLUBS: KnownClub[] = [{ team: team('pyramids-fc', { name: 'Pyramids FC', association: 'Egypt', sources: ['clubs'] }), association: association('Egypt', null, { code: 'EGY' }) }];
const ctx = { clubs: CLUBS, today: '2024-05-20' };
const src = { source: 'https://www.cafonline.com' };

describe('validateChange: what a change stores', () => {
  test.each<[string, Change, Record<string, unknown>]>([
    ['a result', { kind: 'result', match: 'F-L2', home: 1, away: 0, ...src }, { status: 'played', score: { home: 1, away: 0 } }],
    ['a result after extra time and penalties', { kind: 'result', match: 'F-L2', home: 1, away: 1, extraTime: true, penalties: '4-3', ...src }, { extraTime: true, penalties: { home: 4, away: 3 } }],
    ['a goal (an alias names the club)', { kind: 'goal', match: 'F-L1', team: 'Zamalek SC', player: 'Zizo', minute: '45+2', type: 'penalty', ...src }, { goals: expect.arrayContaining([{ team: 'zamalek', player: 'Zizo', minute: '45+2', type: 'penalty' }]) }],
    ['a kickoff as people write it', { kind: 'kickoff', match: 'F-L2', at: '2024-05-19 19:00 UTC', ...src }, { kickoff: '2024-05-19T19:00:00Z' }],
    ['a kickoff with an offset', { kind: 'kickoff', match: 'F-L2', at: '2024-05-20T19:00:00+03:00', ...src }, { kickoff: '2024-05-20T16:00:00Z', date: '2024-05-20' }],
    ['a result no source had published', { kind: 'result', match: 'GA-MD2-1', home: 0, away: 0, ...src }, { status: 'played', resultNotPublished: false }],
    ['a new kickoff for a postponed match schedules it again', { kind: 'kickoff', match: 'GA-MD3-1', at: '2024-01-10 16:00', ...src }, { kickoff: '2024-01-10T16:00:00Z', status: 'scheduled' }],
    ['a postponement', { kind: 'status', match: 'F-L2', status: 'postponed', ...src }, { status: 'postponed' }],
    ['an award names its winner from the score', { kind: 'status', match: 'F-L2', status: 'awarded', score: '0-3', ...src }, { status: 'awarded', decision: expect.objectContaining({ winner: 'rs-berkane', score: { home: 0, away: 3 }, decidedOn: '2024-05-20' }) }],
  ])('%s', (_name, change, after) => {
    const v = validateChange(S, change, ctx);
    if (!v.ok) throw new Error(v.problems.join('\n'));
    expect(v.after).toMatchObject(after);
    for (const field of Object.keys(after)) expect(v.overrides.some((o) => o.field === field)).toBe(true);
  });

  test('a fixture adds a match with a club new to the season, in the round the editor names', () => {
    const v = validateChange(S, { kind: 'fixture', round: 'qf-l1', home: 'Pyramids', away: 'Simba', date: '2024-03-29', time: '18:00', venue: 'Cairo', ...src }, ctx);
    if (!v.ok) throw new Error(v.problems.join('\n'));
    expect(v.match).toBe('QF-T01-L1');
    const [override] = v.overrides;
    expect(override?.field).toBe('match');
    expect(override?.value).toMatchObject({
      match: { id: 'QF-T01-L1', stage: 'quarter_final', tie: 1, leg: 1, home: 'pyramids-fc', away: 'simba', kickoff: '2024-03-29T18:00:00Z', status: 'scheduled', sources: ['https://www.cafonline.com'] },
      teams: [{ id: 'pyramids-fc', entryRound: 'group', group: null }, { id: 'simba', group: 'A' }],
      associations: [{ name: 'Nowhere' }, { name: 'Egypt', code: 'EGY' }],
    });
  });
});

describe('validateChange: refusals', () => {
  test.each<[string, Change, RegExp]>([
    ['an unknown match', { kind: 'result', match: 'X', home: 1, away: 0, ...src }, /No match X/],
    ['an empty source', { kind: 'result', match: 'F-L2', home: 1, away: 0, source: ' ' }, /Say where you read it/],
    ['a negative score', { kind: 'result', match: 'F-L2', home: -1, away: 0, ...src }, /whole number from 0 to 99/],
    ['a huge score', { kind: 'result', match: 'F-L2', home: 1000, away: 0, ...src }, /whole number from 0 to 99/],
    ['a fractional score', { kind: 'result', match: 'F-L2', home: 1.5, away: 0, ...src }, /whole number/],
    ['penalties after a decisive score', { kind: 'result', match: 'F-L2', home: 2, away: 1, penalties: '4-3', ...src }, /Penalties follow a level score/],
    ['penalties that end level', { kind: 'result', match: 'F-L2', home: 1, away: 1, penalties: '4-4', ...src }, /cannot end level/],
    ['penalties that are not a score', { kind: 'result', match: 'F-L2', home: 1, away: 1, penalties: 'four', ...src }, /not a score/],
    ['penalties in a group match', { kind: 'result', match: 'GA-MD1-1', home: 1, away: 1, penalties: '4-3', ...src }, /group match has no penalty/],
    ['a score below the goals recorded', { kind: 'result', match: 'F-L1', home: 1, away: 1, ...src }, /2 goals are recorded for RS Berkane/],
    ['nothing changes', { kind: 'result', match: 'F-L1', home: 2, away: 1, ...src }, /Nothing would change/],
    ['a goal for a club not in the match', { kind: 'goal', match: 'F-L1', team: 'Simba', player: 'X', minute: '10', ...src }, /No club of this match matches "Simba"/],
    ['a minute abc', { kind: 'goal', match: 'F-L1', team: 'Zamalek', player: 'X', minute: 'abc', ...src }, /"abc" is not a minute/],
    ['minute 200', { kind: 'goal', match: 'F-L1', team: 'Zamalek', player: 'X', minute: '200', ...src }, /after the end of a match/],
    ['minute 0', { kind: 'goal', match: 'F-L1', team: 'Zamalek', player: 'X', minute: '0', ...src }, /first minute is 1/],
    ['added time after minute 30', { kind: 'goal', match: 'F-L1', team: 'Zamalek', player: 'X', minute: '30+2', ...src }, /Added time follows minute 45, 90/],
    ['extra time in a match without it', { kind: 'goal', match: 'F-L1', team: 'Zamalek', player: 'X', minute: '105', ...src }, /in extra time/],
    ['more goals than the score', { kind: 'goal', match: 'F-L1', team: 'RS Berkane', player: 'X', minute: '80', ...src }, /more than the score/],
    ['a goal before the result', { kind: 'goal', match: 'F-L2', team: 'Zamalek', player: 'X', minute: '10', ...src }, /no result yet/],
    ['no scorer', { kind: 'goal', match: 'F-L1', team: 'Zamalek', player: ' ', minute: '10', ...src }, /Name the scorer/],
    ['a kickoff that is not a time', { kind: 'kickoff', match: 'F-L2', at: 'next friday', ...src }, /not a kickoff time/],
    ['a kickoff on 30 February', { kind: 'kickoff', match: 'F-L2', at: '2024-02-30 19:00 UTC', ...src }, /not a real date/],
    ['an award without a score', { kind: 'status', match: 'F-L2', status: 'awarded', ...src }, /Give the score/],
    ['an award at a level score', { kind: 'status', match: 'F-L2', status: 'walkover', score: '0-0', ...src }, /level/],
    ['a postponement with a score', { kind: 'status', match: 'F-L2', status: 'postponed', score: '1-0', ...src }, /has no score/],
    ['a fixture in a round the format lacks', { kind: 'fixture', round: 'R9', home: 'Zamalek', away: 'Simba', date: '2024-01-01', ...src }, /"R9" is not a round/],
    ['a fixture with an unknown club', { kind: 'fixture', round: 'QF-L1', home: 'Nobody United', away: 'Simba', date: '2024-01-01', ...src }, /Home: No team matches "Nobody United"/],
    ['a fixture with a bad date', { kind: 'fixture', round: 'QF-L1', home: 'Zamalek', away: 'Simba', date: '2024-13-01', ...src }, /not a date/],
    ['a club against itself', { kind: 'fixture', round: 'QF-L1', home: 'Zamalek', away: 'Zamalek SC', date: '2024-01-01', ...src }, /cannot play itself/],
    ['a group fixture with a club of another group', { kind: 'fixture', round: 'GB-MD2', home: 'Al Ahly SC', away: 'Zamalek', date: '2024-01-01', ...src }, /Al Ahly SC is in group A, not group B/],
    ['a club playing twice on a matchday', { kind: 'fixture', round: 'GA-MD1', home: 'Simba', away: 'Zamalek', date: '2024-01-01', ...src }, /Simba already plays on matchday 1/],
    ['the same leg twice', { kind: 'fixture', round: 'F-L1', home: 'Zamalek', away: 'RS Berkane', date: '2024-01-01', ...src }, /already have a match in Final, 1st leg/],
    ['a season id with capitals', { kind: 'season_new', id: 'CAF CL', competition: 'CAF Champions League', label: '2025-26', format: 'caf-club', ...src }, /not a season id/],
    ['a label that skips a year', { kind: 'season_new', id: 'caf-cl-2025-27', competition: 'CAF Champions League', label: '2025-27', format: 'caf-club', ...src }, /not two years in a row/],
  ])('%s', (_name, change, problem) => {
    const v = validateChange(change.kind === 'season_new' ? null : S, change, ctx);
    expect(v.ok).toBe(false);
    expect(v.ok ? '' : v.problems.join(' ')).toMatch(problem);
  });
});

describe('parsing what editors type', () => {
  test.each([
    ['54', '54'],
    ['45+2', '45+2'],
    [' 90 + 4 ', '90+4'],
    ["67'", '67'],
    ['120+1', '120+1'],
  ])('minute %j → %j', (text, minute) => expect(parseMinute(text)).toMatchObject({ ok: true, minute }));
  test.each(['abc', '', '121', '46+1', '90+45', '-3'])('minute %j is refused', (text) => expect(parseMinute(text).ok).toBe(false));
  test.each([
    ['4-3', { home: 4, away: 3 }],
    ['4–3', { home: 4, away: 3 }],
    ['10:9', { home: 10, away: 9 }],
  ])('score %j', (text, score) => expect(parseScoreText(text, 'x')).toEqual({ ok: true, score }));
  test.each([
    ['2024-05-12 19:00 UTC', '2024-05-12T19:00:00Z'],
    ['2024-05-12 9:05', '2024-05-12T09:05:00Z'],
    ['2024-05-12T19:00:00Z', '2024-05-12T19:00:00Z'],
    ['2024-05-12T21:00+02:00', '2024-05-12T19:00:00Z'],
  ])('kickoff %j → %j', (text, kickoff) => expect(parseKickoff(text)).toEqual({ ok: true, kickoff }));
  test.each(['2024-05-12', '19:00', '2024-05-12 25:00 UTC', '1900-01-01 10:00'])('kickoff %j is refused', (text) => expect(parseKickoff(text).ok).toBe(false));
});

describe('rounds of a format', () => {
  test('every group matchday, both legs of two-legged rounds, the key of a single-leg one', () => {
    const keys = roundSlots(S).map((r) => r.key);
    expect(keys).toHaveLength(2 * 2 + 4 * 6 + 3 * 2);
    expect(keys.slice(0, 3)).toEqual(['R1-L1', 'R1-L2', 'R2-L1']);
    expect(keys).toContain('GD-MD6');
    expect(findRound(S, 'gd-md6')).toMatchObject({ stage: 'group', group: 'D', matchday: 6, leg: null });
    const single = season({ format: { ...S.format, stages: [{ code: 'final', name: 'Final', key: 'F', kind: 'knockout', legs: 'single_leg' }] } });
    expect(roundSlots(single).map((r) => [r.key, r.label])).toEqual([['F', 'Final']]);
  });
});
