// The real data file: it parses, has the season's shape, and says what the research says.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Match, Stage } from '../../src/domain/types.js';
import { DEFAULT_SEASON_FILE, readSeasonFile } from '../../src/season/read.js';

const { season, hash } = readSeasonFile(DEFAULT_SEASON_FILE);

const matchById = (id: string): Match => {
  const found = season.matches.find((m) => m.id === id);
  if (!found) throw new Error(`no match ${id}`);
  return found;
};
const inStages = (...stages: Stage[]): Match[] => season.matches.filter((m) => stages.includes(m.stage));
const goalsIn = (matches: readonly Match[]): number =>
  matches.reduce((sum, m) => sum + (m.score === null ? 0 : m.score.home + m.score.away), 0);

describe('data/seasons/caf-cc-2023-24.json', () => {
  test('GIVEN the file THEN its hash is the sha256 of its bytes', () => {
    expect(hash).toBe(createHash('sha256').update(readFileSync(DEFAULT_SEASON_FILE)).digest('hex'));
  });

  test.each([
    ['teams', season.teams.length, 52],
    ['associations that entered', season.associations.filter((a) => a.entered).length, 41],
    ['associations that did not enter', season.associations.filter((a) => !a.entered).length, 15],
    ['qualifying entries', inStages('first_round', 'second_round').length, 68],
    ['first-round entries', inStages('first_round').length, 36],
    ['second-round legs', inStages('second_round').length, 32],
    ['walkovers', season.matches.filter((m) => m.status === 'walkover').length, 4],
    ['group matches', inStages('group').length, 48],
    ['knockout legs', inStages('quarter_final', 'semi_final', 'final').length, 14],
    ['teams with a bye', season.teams.filter((t) => t.entryRound === 'second_round').length, 12],
    ['teams in groups', season.teams.filter((t) => t.group !== null).length, 16],
    ['calendar draws', season.calendar.filter((c) => c.kind === 'draw').length, 3],
    ['calendar matchdays', season.calendar.filter((c) => c.kind === 'matchday').length, 6],
    ['calendar legs', season.calendar.filter((c) => c.kind === 'leg').length, 10],
  ])('GIVEN the file THEN it has %s: %i', (_what, actual, expected) => {
    expect(actual).toBe(expected);
  });

  test('GIVEN the group matches THEN the 46 recorded results hold the research’s 103 goals', () => {
    const group = inStages('group');
    expect(group.filter((m) => m.score !== null)).toHaveLength(46);
    expect(goalsIn(group)).toBe(103);
  });

  test('GIVEN the knockout legs played on the pitch THEN they are 12 with 25 goals (printed totals reconcile)', () => {
    const played = inStages('quarter_final', 'semi_final', 'final').filter((m) => m.status === 'played');
    expect(played).toHaveLength(12);
    expect(goalsIn(played)).toBe(25);
    expect(season.printedTotals).toMatchObject({ matches: 60, goals: 131, groupMatches: 48, groupGoals: 106 });
    const printed = season.printedTotals!;
    expect(printed.matches - played.length).toBe(printed.groupMatches);
    expect(printed.goals - goalsIn(played)).toBe(printed.groupGoals);
  });

  test('GIVEN USM Alger v Al Hilal Benghazi (MD1) THEN score, kickoff and the 90+4 goal match the research', () => {
    const match = matchById('GA-MD1-1');
    expect(match).toMatchObject({
      home: 'usm-alger',
      away: 'al-hilal-benghazi',
      date: '2023-11-26',
      kickoff: '2023-11-26T19:00:00Z',
      score: { home: 2, away: 0 },
    });
    expect(match.goals).toEqual([
      { team: 'usm-alger', player: 'Islam Merili', minute: '54', type: 'regular' },
      { team: 'usm-alger', player: 'Tumisang Orebonye', minute: '90+4', type: 'regular' },
    ]);
  });

  test('GIVEN an own goal THEN it is credited to the beneficiary and names the defender', () => {
    expect(matchById('GB-MD6-2').goals[0]).toEqual({
      team: 'sagrada-esperanca',
      player: 'Sayfulnasr Judour',
      minute: '4',
      type: 'own_goal',
    });
  });

  test('GIVEN the final THEN RS Berkane 2–1 Zamalek, Zamalek 1–0 RS Berkane, Zamalek champions', () => {
    expect(matchById('F-L1')).toMatchObject({ home: 'rs-berkane', away: 'zamalek', score: { home: 2, away: 1 }, date: '2024-05-12' });
    expect(matchById('F-L2')).toMatchObject({ home: 'zamalek', away: 'rs-berkane', score: { home: 1, away: 0 }, date: '2024-05-19' });
    expect(matchById('F-L1').goals.map((g) => g.minute)).toEqual(['13', '32', '47']);
    expect(season.champion).toBe('zamalek');
  });

  test.each([
    ['SF1-L1', 'usm-alger', 'rs-berkane', { home: 0, away: 3 }],
    ['SF1-L2', 'rs-berkane', 'usm-alger', { home: 3, away: 0 }],
  ])('GIVEN semi-final %s THEN it is awarded to RS Berkane with the awarded score', (id, home, away, awarded) => {
    const match = matchById(id);
    expect(match).toMatchObject({ home, away, status: 'awarded', score: null, goals: [] });
    expect(match.decision?.winner).toBe('rs-berkane');
    expect(match.decision?.score).toEqual(awarded);
  });

  test('GIVEN Zamalek v Académie SOAR THEN it is awarded to Zamalek with no awarded score', () => {
    const match = matchById('GB-MD6-1');
    expect(match).toMatchObject({ home: 'zamalek', away: 'academie-soar', status: 'awarded', score: null });
    expect(match.decision).toMatchObject({ winner: 'zamalek', score: null });
    expect(match.decision?.reason).toMatch(/SCORELINE is not stated/);
  });

  test.each([
    ['F-L1', { kickoff: '2024-05-12T19:00:00Z', kickoffAlternatives: ['2024-05-12T18:00:00Z'], referee: 'Peter Waweru (KEN)', attendance: 10000 }],
    ['F-L2', { referee: 'Issa Sy (SEN)', attendance: 52000, redCards: [{ team: 'rs-berkane', player: 'Hamza El Moussaoui', minute: null }] }],
    ['GA-MD1-2', { kickoff: '2023-11-26T13:00:00Z', kickoffAlternatives: ['2023-11-26T19:00:00Z'] }],
    ['QF4-L1', { redCards: [{ team: 'stade-malien', player: 'Fady Coulibaly', minute: '87' }] }],
    ['GB-MD1-2', { referee: null, attendance: null, redCards: null, kickoffAlternatives: [] }],
  ])('GIVEN %s THEN the facts fans read are fields, as the research gives them', (id, fields) => {
    expect(matchById(id)).toMatchObject(fields);
  });

  test.each([
    ['SF1-L1', 'rs-berkane', { home: 0, away: 3 }, '2024-04-24'],
    ['SF1-L2', 'rs-berkane', { home: 3, away: 0 }, '2024-05-01'],
    ['GB-MD6-1', 'zamalek', null, '2024-03-11'],
  ])('GIVEN the awarded match %s THEN awarded to %s, score %j, decided on %s', (id, winner, score, decidedOn) => {
    expect(matchById(id).decision).toMatchObject({ winner, score, decidedOn });
  });

  test('short names where a known short form exists; none longer than the name', () => {
    expect(season.teams.find((t) => t.name === 'Académica do Lobito')?.shortName).toBe('Académica');
    expect(season.associations.find((a) => a.name === 'São Tomé and Príncipe')?.shortName).toBe('São Tomé');
    expect(season.teams.find((t) => t.name === 'Zamalek')?.shortName).toBeNull();
  });

  test('GIVEN Diables Noirs v Sekhukhune United THEN it is scheduled with its result not published (not played), and a note', () => {
    const match = matchById('GD-MD6-2');
    expect(match).toMatchObject({ home: 'diables-noirs', away: 'sekhukhune-united', status: 'scheduled', resultNotPublished: true, score: null });
    expect(match.note).toMatch(/no source found publishes the result/);
    expect(season.gaps.some((g) => g.subject === 'matches.GD-MD6-2.score')).toBe(true);
  });

  test.each([
    ['R1-T06-L2', 'aso-chlef', { home: 3, away: 4 }],
    ['R1-T14-L2', 'azam', { home: 3, away: 4 }],
    ['R2-T02-L2', 'sagrada-esperanca', { home: 5, away: 3 }],
    ['R2-T10-L2', 'rayon-sports', { home: 2, away: 4 }],
  ])('GIVEN qualifying tie leg %s THEN the shoot-out is on the second leg (home %s)', (id, home, penalties) => {
    expect(matchById(id)).toMatchObject({ home, penalties });
  });

  test('GIVEN every other match THEN there is no shoot-out', () => {
    const withPenalties = season.matches.filter((m) => m.penalties !== null).map((m) => m.id);
    expect(withPenalties.sort()).toEqual(['R1-T06-L2', 'R1-T14-L2', 'R2-T02-L2', 'R2-T10-L2']);
  });

  test('GIVEN a walkover THEN it has no leg, no score and a decision for the team that advanced', () => {
    expect(matchById('R1-T11-W')).toMatchObject({
      stage: 'first_round',
      leg: null,
      status: 'walkover',
      score: null,
      decision: { winner: 'ferroviario-de-maputo', score: null },
    });
    const walkovers = season.matches.filter((m) => m.status === 'walkover').map((m) => m.id);
    expect(walkovers.sort()).toEqual(['R1-T11-W', 'R1-T12-W', 'R1-T13-W', 'R1-T18-W']);
  });

  test('GIVEN the qualifying rounds THEN no goal events are invented', () => {
    expect(inStages('first_round', 'second_round').every((m) => m.goals.length === 0)).toBe(true);
  });

  test('GIVEN Algeria THEN the seed’s printed rank 2 is kept with CAF’s points and a conflict note', () => {
    expect(season.associations.find((a) => a.name === 'Algeria')).toMatchObject({ rank: 2, points: 134, code: 'ALG' });
    expect(season.conflicts.some((c) => c.subject === 'associations.Algeria.rank')).toBe(true);
  });

  test('GIVEN the ranking criteria THEN they are the seed’s Confederation Cup column and ×5', () => {
    expect(season.rankingCriteria.confederationCup).toEqual({
      winners: 5,
      runnersUp: 4,
      semiFinalists: 3,
      quarterFinalists: 2,
      groupThird: 1,
      groupFourth: 0.5,
    });
    expect(season.rankingCriteria.seasonCoefficient).toBe(5);
  });

  test.each([
    ['dreams-f-c', ['Dreams FC', 'Dreams']],
    ['academie-soar', ['SOAR', 'SOAR Coyah']],
    ['academica-do-lobito', ['APC', 'Académica Lobito', 'APC Lobito']],
    ['modern-future', ['Future FC']],
    ['usm-alger', ['USMA']],
    ['rs-berkane', ['Berkane', 'RSB']],
  ])('GIVEN team %s THEN its aliases include %j', (id, aliases) => {
    expect(season.teams.find((t) => t.id === id)?.aliases).toEqual(expect.arrayContaining(aliases));
  });

  test('GIVEN the groups THEN each has four teams and the draw’s members', () => {
    const members = (group: string) =>
      season.teams
        .filter((t) => t.group === group)
        .map((t) => t.id)
        .sort();
    expect(members('A')).toEqual(['al-hilal-benghazi', 'modern-future', 'supersport-united', 'usm-alger']);
    expect(members('B')).toEqual(['abu-salim', 'academie-soar', 'sagrada-esperanca', 'zamalek']);
    expect(members('C')).toEqual(['academica-do-lobito', 'club-africain', 'dreams-f-c', 'rivers-united']);
    expect(members('D')).toEqual(['diables-noirs', 'rs-berkane', 'sekhukhune-united', 'stade-malien']);
  });

  test('GIVEN every record THEN it carries at least one source', () => {
    const records = [
      ...season.associations,
      ...season.teams,
      ...season.matches,
      ...season.calendar,
      ...season.conflicts,
      ...season.gaps,
      season.rankingCriteria,
      ...(season.printedTotals === null ? [] : [season.printedTotals]),
    ];
    expect(records.filter((r) => r.sources.length === 0)).toEqual([]);
  });

  test('GIVEN every kickoff THEN it falls on the local match date in this season', () => {
    const shifted = season.matches.filter((m) => m.kickoff !== null && m.kickoff.slice(0, 10) !== m.date);
    expect(shifted).toEqual([]);
  });
});
