// The read models on the real season file, checked against figures the sources print.
// "research §n [k]" = ../shared/research/season-2023-24-group-knockout.md, section n, reference k.
import { describe, expect, test } from 'vitest';
import { readSeasonFile } from '../../src/season/read.js';
import { computeGroupTable, computeGroupTables } from '../../src/domain/standings.js';
import { computeTies } from '../../src/domain/ties.js';
import { computeScorers } from '../../src/domain/scorers.js';
import { computeStats } from '../../src/domain/stats.js';
import { indexSeason } from '../../src/domain/season-index.js';
import { totalsLine } from '../../src/discord/render/totals.js';
import { computeRanking } from '../../src/domain/ranking.js';
import { nextOrLastEvent, seasonRounds } from '../../src/domain/calendar.js';
import { roundLabel, selectFixtures } from '../../src/domain/fixtures.js';
import { resolveTeam, searchPlayers } from '../../src/domain/names.js';
import { playerNames } from '../../src/domain/scorers.js';
import type { GroupId, Season } from '../../src/domain/types.js';

const { season } = readSeasonFile();

/** The season as it stood after a group matchday: later group matches and the knockout stage left out. */
const afterMatchday = (s: Season, matchday: number): Season => ({
  ...s,
  matches: s.matches.filter((m) => m.stage !== 'group' || (m.matchday ?? 0) <= matchday),
});

describe('real season: group tables', () => {
  test.each<{ source: string; group: GroupId; matchday: number; expected: [string, number][] }>([
    {
      source: 'research §3 [33] Group A final: USMA 13, Future 11, Al Hilal 6, SuperSport 4',
      group: 'A',
      matchday: 6,
      expected: [['usm-alger', 13], ['modern-future', 11], ['al-hilal-benghazi', 6], ['supersport-united', 4]],
    },
    {
      source: 'research §3 [55] Group B final: Abu Salim 9, Sagrada 8 (Zamalek 13 + the awarded win, SOAR 1 computed)',
      group: 'B',
      matchday: 6,
      expected: [['zamalek', 16], ['abu-salim', 9], ['sagrada-esperanca', 8], ['academie-soar', 1]],
    },
    {
      source: 'research §3 [84] Group C final: Dreams 12 (better GD), Rivers 12, Club Africain 10, Lobito 1',
      group: 'C',
      matchday: 6,
      expected: [['dreams-f-c', 12], ['rivers-united', 12], ['club-africain', 10], ['academica-do-lobito', 1]],
    },
    {
      source: 'research §3 [105] Group D after MD5: Berkane 11, Stade Malien 10, Sekhukhune 5, Diables Noirs 1',
      group: 'D',
      matchday: 5,
      expected: [['rs-berkane', 11], ['stade-malien', 10], ['sekhukhune-united', 5], ['diables-noirs', 1]],
    },
    {
      source: 'research §3 [54] Group B after MD5: Zamalek 13, Abu Salim 9',
      group: 'B',
      matchday: 5,
      expected: [['zamalek', 13], ['abu-salim', 9]],
    },
  ])('$source', ({ group, matchday, expected }) => {
    const table = computeGroupTable(afterMatchday(season, matchday), group);
    const actual = table.rows.map((r) => [r.team, r.points]);
    expect(actual.slice(0, expected.length)).toEqual(expected);
  });

  test('research §3 [68] Group C after MD2: CA 6 (5–1), Rivers 3 (4–2), Dreams 3 (2–3), Lobito 0 (1–6); CAF order puts Dreams above Rivers on head-to-head', () => {
    const table = computeGroupTable(afterMatchday(season, 2), 'C');
    const figures = new Map(table.rows.map((r) => [r.team, [r.points, r.goalsFor, r.goalsAgainst]]));
    expect(Object.fromEntries(figures)).toEqual({
      'club-africain': [6, 5, 1],
      'rivers-united': [3, 4, 2],
      'dreams-f-c': [3, 2, 3],
      'academica-do-lobito': [0, 1, 6],
    });
    // The source lists Rivers second on goal difference; under III. 20 head-to-head comes first, and Dreams beat Rivers 2–1 on MD2.
    expect(table.rows.map((r) => r.team)).toEqual(['club-africain', 'dreams-f-c', 'rivers-united', 'academica-do-lobito']);
    expect(table.rows[1]?.decidedBy).toBe('head_to_head_points');
  });

  test('research §3 [114] qualifiers match the quarter-final line-up: A USMA, Future; B Zamalek, Abu Salim; C Dreams, Rivers; D Berkane, Stade Malien', () => {
    const qualified = computeGroupTables(season).map((t) => t.rows.filter((r) => r.qualified).map((r) => r.team));
    expect(qualified).toEqual([
      ['usm-alger', 'modern-future'],
      ['zamalek', 'abu-salim'],
      ['dreams-f-c', 'rivers-united'],
      ['rs-berkane', 'stade-malien'],
    ]);
    const quarterFinalists = new Set(selectFixtures(season, { stage: 'quarter_final' }).flatMap((m) => [m.home, m.away]));
    expect(new Set(qualified.flat())).toEqual(quarterFinalists);
  });

  test('Group C: Dreams above Rivers on overall goal difference after a level head-to-head (2–1 each at home)', () => {
    const table = computeGroupTable(season, 'C');
    expect(table.rows[0]?.decidedBy).toBe('goal_difference');
    expect(table.notes).toContain('Dreams F.C. above Rivers United on goal difference (both on 12 points, level on head-to-head).');
  });

  test('Group B: Zamalek v SOAR counts as a Zamalek win without goals, and says so (research §2: awarded score not sourced)', () => {
    const table = computeGroupTable(season, 'B');
    expect(table.rows[0]).toMatchObject({ team: 'zamalek', played: 6, won: 5, drawn: 1, goalsFor: 8, goalsAgainst: 1, points: 16 });
    expect(table.notes).toContain(
      'Zamalek v Académie SOAR (Matchday 6) was awarded to Zamalek; the awarded score is not recorded, so it counts as a win (3 points) but its goals are excluded.',
    );
  });

  test('Group D: Diables Noirs v Sekhukhune United is scheduled with its result not published, left out, and the table says so', () => {
    expect(season.matches.find((m) => m.id === 'GD-MD6-2')).toMatchObject({ status: 'scheduled', resultNotPublished: true, score: null });
    const table = computeGroupTable(season, 'D');
    expect(table.unrecorded).toEqual(['GD-MD6-2']);
    expect(table.notes[0]).toBe('Diables Noirs v Sekhukhune United (Matchday 6): result not published, so it is left out and the table is incomplete.');
    expect(table.rows.map((r) => [r.team, r.played, r.points])).toEqual([
      ['rs-berkane', 6, 14],
      ['stade-malien', 6, 10],
      ['sekhukhune-united', 5, 5],
      ['diables-noirs', 5, 1],
    ]);
  });
});

describe('real season: ties (research §4, teams-qualifying §4a/§4b)', () => {
  const ties = computeTies(season);
  const find = (stage: string, tie: number) => ties.find((t) => t.stage === stage && t.tie === tie);

  test.each([
    { stage: 'final', tie: 1, teams: ['rs-berkane', 'zamalek'], aggregate: [2, 2], winner: 'zamalek', decidedBy: 'away_goals' },
    { stage: 'semi_final', tie: 1, teams: ['usm-alger', 'rs-berkane'], aggregate: [0, 6], winner: 'rs-berkane', decidedBy: 'awarded' },
    { stage: 'semi_final', tie: 2, teams: ['zamalek', 'dreams-f-c'], aggregate: [3, 0], winner: 'zamalek', decidedBy: 'aggregate' },
    { stage: 'quarter_final', tie: 1, teams: ['rivers-united', 'usm-alger'], aggregate: [1, 2], winner: 'usm-alger', decidedBy: 'aggregate' },
    { stage: 'quarter_final', tie: 2, teams: ['abu-salim', 'rs-berkane'], aggregate: [2, 3], winner: 'rs-berkane', decidedBy: 'aggregate' },
    { stage: 'quarter_final', tie: 3, teams: ['modern-future', 'zamalek'], aggregate: [2, 3], winner: 'zamalek', decidedBy: 'aggregate' },
    { stage: 'quarter_final', tie: 4, teams: ['stade-malien', 'dreams-f-c'], aggregate: [2, 3], winner: 'dreams-f-c', decidedBy: 'aggregate' },
    { stage: 'first_round', tie: 6, teams: ['bendel-insurance', 'aso-chlef'], aggregate: [1, 1], winner: 'bendel-insurance', decidedBy: 'penalties' },
    { stage: 'first_round', tie: 10, teams: ['as-douanes-mauritania', 'academie-soar'], aggregate: [2, 2], winner: 'academie-soar', decidedBy: 'away_goals' },
    { stage: 'first_round', tie: 11, teams: ['ferroviario-de-maputo', 'belle-lumiere'], aggregate: null, winner: 'ferroviario-de-maputo', decidedBy: 'walkover' },
    { stage: 'first_round', tie: 13, teams: ['as-douanes-niger', 'kallon'], aggregate: null, winner: 'kallon', decidedBy: 'walkover' },
    { stage: 'first_round', tie: 14, teams: ['bahir-dar-kenema', 'azam'], aggregate: [3, 3], winner: 'bahir-dar-kenema', decidedBy: 'penalties' },
    { stage: 'first_round', tie: 19, teams: ['casa-sports', 'ef-ouagadougou'], aggregate: [1, 1], winner: 'ef-ouagadougou', decidedBy: 'away_goals' },
    { stage: 'second_round', tie: 2, teams: ['ferroviario-de-maputo', 'sagrada-esperanca'], aggregate: [1, 1], winner: 'sagrada-esperanca', decidedBy: 'penalties' },
    { stage: 'second_round', tie: 10, teams: ['al-hilal-benghazi', 'rayon-sports'], aggregate: [2, 2], winner: 'al-hilal-benghazi', decidedBy: 'penalties' },
    { stage: 'second_round', tie: 13, teams: ['fus-rabat', 'usm-alger'], aggregate: [1, 1], winner: 'usm-alger', decidedBy: 'away_goals' },
    { stage: 'second_round', tie: 15, teams: ['stade-malien', 'aigle-noir'], aggregate: [3, 3], winner: 'stade-malien', decidedBy: 'away_goals' },
  ])('$stage $tie: $winner by $decidedBy', ({ stage, tie, teams, aggregate, winner, decidedBy }) => {
    expect(find(stage, tie)).toMatchObject({ teams, aggregate, winner, decidedBy });
  });

  test('20 first-round, 16 second-round and 7 knockout ties; every tie has a winner', () => {
    const count = (stage: string) => ties.filter((t) => t.stage === stage).length;
    expect([count('first_round'), count('second_round'), count('quarter_final'), count('semi_final'), count('final')]).toEqual([20, 16, 4, 2, 1]);
    expect(ties.filter((t) => t.winner === null)).toEqual([]);
  });

  test('the 16 second-round winners are exactly the 16 group teams (teams-qualifying §4b)', () => {
    const winners = new Set(computeTies(season, 'second_round').map((t) => t.winner));
    expect(winners).toEqual(new Set(season.teams.filter((t) => t.group !== null).map((t) => t.id)));
  });

  test('the final winner is the season champion', () => {
    expect(find('final', 1)?.winner).toBe(season.champion);
  });
});

describe('real season: scorers', () => {
  test('research §6 [112]: five players share the competition-proper lead on 4 goals', () => {
    const leaders = computeScorers(season).rows.filter((r) => r.rank === 1);
    expect(leaders.map((r) => [r.player, r.goals])).toEqual([
      ['Abdoulaye Kanou', 4],
      ['Abdul Aziz Issah', 4],
      ['John Antwi', 4],
      ['Kingsley Eduwo', 4],
      ['Paul Valère Bassène', 4],
    ]);
  });

  test('research §6: Adil Tahif has 3 attributed goals; one RS Berkane goal (MD6) and two Abu Salim goals have no scorer', () => {
    const table = computeScorers(season);
    expect(table.rows.find((r) => r.player === 'Adil Tahif')).toMatchObject({ rank: 6, goals: 3, byRound: { MD1: 1, QF: 1, F: 1 } });
    expect(table.unattributedGoals).toBe(3);
    expect(computeScorers(season, { team: 'rs-berkane' }).unattributedGoals).toBe(1);
    expect(table.ownGoals).toBe(2);
  });

  // Seed "Top goalscorers" table: per-matchday group-stage goals. Rows where the seed and the research agree.
  test.each([
    { player: 'Paul Valère Bassène', seed: { MD2: 2, MD6: 1 } },
    { player: 'Abdoulaye Kanou', seed: { MD3: 1, MD6: 1 } },
    { player: 'Abdul Aziz Issah', seed: { MD2: 1, MD3: 1, MD4: 1, MD6: 1 } },
    { player: 'John Antwi', seed: { MD2: 1, MD3: 1 } },
    { player: "Ahmed Sayed 'Zizo'", seed: { MD2: 1, MD3: 1 } },
    { player: 'Adil Tahif', seed: { MD1: 1 } },
    { player: 'Yoro Mamadou Diaby', seed: { MD1: 1 } },
    { player: 'Muetasimballah Al Taeb', seed: { MD3: 2, MD5: 1 } },
  ])('seed Top goalscorers, group stage: $player $seed', ({ player, seed }) => {
    expect(computeScorers(season, { stage: 'group' }).rows.find((r) => r.player === player)?.byRound).toEqual(seed);
  });

  // Rows where the seed differs, each explained by a recorded conflict or gap.
  test.each([
    { player: 'Kingsley Eduwo', seed: { MD4: 2, MD6: 1 }, ours: { MD1: 1, MD4: 2, MD6: 1 }, subject: 'matches.GC-MD1-1.goals' },
    { player: 'Bassem Srarfi', seed: { MD1: 1, MD2: 2 }, ours: { MD2: 2 }, subject: 'matches.GC-MD1-1.goals' },
  ])('seed vs data: $player seed $seed, data $ours ($subject)', ({ player, seed, ours, subject }) => {
    const row = computeScorers(season, { stage: 'group' }).rows.find((r) => r.player === player);
    expect(row?.byRound).toEqual(ours);
    expect(row?.byRound).not.toEqual(seed);
    expect([...season.conflicts, ...season.gaps].map((n) => n.subject)).toContain(subject);
  });

  test('the seed credits Youssef Zghoudi with a Matchday 6 goal (RS Berkane 3–0 Stade Malien): the data has it, with the seed cited', () => {
    expect(computeScorers(season, { stage: 'group' }).rows.find((r) => r.player === 'Youssef Zghoudi')?.byRound).toEqual({ MD3: 1, MD4: 1, MD6: 1 });
    const md6 = season.matches.find((m) => m.id === 'GD-MD6-1');
    expect(md6?.goals.map((g) => g.player)).toEqual(['Paul Valère Bassène', 'Youssef Zghoudi', null]);
    expect(md6?.sources).toContain('seed 000_960979acb82d6ea3.txt');
  });

  test("'Samuel' and 'Samuel Cachimbombo' are one Académica do Lobito player (the seed's MD2, MD3 and MD6 goals)", () => {
    const rows = computeScorers(season, { stage: 'group', team: 'academica-do-lobito' }).rows;
    expect(rows.find((r) => r.player === 'Samuel Cachimbombo')?.byRound).toEqual({ MD2: 1, MD3: 1, MD6: 1 });
    expect(rows.some((r) => r.player === 'Samuel')).toBe(false);
  });

  test('the seed gives the Group C Matchday 1 goal to Bassem Srarfi: the sourced Eduwo stays, and the conflict cites the seed', () => {
    const goal = season.matches.find((m) => m.id === 'GC-MD1-1')?.goals.find((g) => g.minute === '19');
    expect(goal?.player).toBe('Kingsley Eduwo');
    const conflict = season.conflicts.find((c) => c.subject === 'matches.GC-MD1-1.goals');
    expect(conflict?.sources).toContain('seed 000_960979acb82d6ea3.txt');
    expect(conflict?.text).toMatch(/seed/);
  });

  test('qualifying: the 150 goals in scores with no scorer listed count as goals with no scorer recorded', () => {
    const qualifying = computeScorers(season, { stage: 'qualifying' });
    expect(qualifying.unattributedGoals).toBe(150);
    expect(computeScorers(season, { stage: 'qualifying', team: 'kallon' })).toMatchObject({ rows: [], unattributedGoals: 2 });
  });

  test('no goal in the awarded matches counts', () => {
    const awardedIds = season.matches.filter((m) => m.status === 'awarded').map((m) => m.id);
    expect(awardedIds).toEqual(['GB-MD6-1', 'SF1-L1', 'SF1-L2']);
    const proper = computeScorers(season);
    const total = proper.rows.reduce((n, r) => n + r.goals, 0) + proper.unattributedGoals + proper.ownGoals;
    expect(total).toBe(128);
  });

  test('player search finds the scorers by part of a name', () => {
    expect(searchPlayers(playerNames(season), 'bassene')).toEqual(['Paul Valère Bassène']);
  });
});

describe('real season: stats (research §5 totals reconciliation)', () => {
  const report = computeStats(season);

  test('per stage: 46 played + 1 not published + 1 awarded group matches with 103 goals; knockout 12 played (25 goals) + 2 awarded', () => {
    expect(report.stages.filter((s) => s.stage !== 'first_round' && s.stage !== 'second_round')).toEqual([
      { stage: 'group', matchesPlayed: 46, matchesAwarded: 1, goals: 103, unrecordedResults: 1 },
      { stage: 'quarter_final', matchesPlayed: 8, matchesAwarded: 0, goals: 18, unrecordedResults: 0 },
      { stage: 'semi_final', matchesPlayed: 2, matchesAwarded: 2, goals: 3, unrecordedResults: 0 },
      { stage: 'final', matchesPlayed: 2, matchesAwarded: 0, goals: 4, unrecordedResults: 0 },
    ]);
    expect(report.competitionProper).toEqual({ matchesPlayed: 58, matchesAwarded: 3, goals: 128, unrecordedResults: 1 });
  });

  test('reconciliation against the printed 48/106 and 60/131', () => {
    // The domain gives facts; the English renderer says them (test/discord/render/about-totals.test.ts for the other languages).
    expect(report.reconciliation.map((check) => totalsLine(check, indexSeason(season).teamName))).toEqual([
      "Group stage: 46 matches played + 1 with no published result + 1 awarded = 48 as printed; 103 goals counted vs 106 printed (3 short): Diables Noirs v Sekhukhune United's result is not published; Zamalek v Académie SOAR was awarded and its score was not published.",
      'Knockout stage (printed 60 − 48 = 12 matches, 131 − 106 = 25 goals): 12 matches played = 12 as printed; the 2 awarded matches are not in the printed figure (USM Alger v RS Berkane, RS Berkane v USM Alger); 25 goals counted = 25 as printed.',
      "Competition proper: 58 matches played + 1 with no published result + 3 awarded = 62 vs 60 printed: the printed figure counts 1 of the 3 awarded matches; 128 goals counted vs 131 printed (3 short): Diables Noirs v Sekhukhune United's result is not published; Zamalek v Académie SOAR was awarded and its score was not published.",
    ]);
  });
});

describe('real season: ranking', () => {
  const rows = computeRanking(season);

  test.each([
    // Zamalek winners 5 + Modern Future quarter-finalist 2 = 7 × 5.
    { association: 'Egypt', seasonPoints: 35, slots: 2, entered: 2 },
    // RS Berkane runners-up 4 × 5 (FUS Rabat out in the second round).
    { association: 'Morocco', seasonPoints: 20, slots: 2, entered: 2 },
    { association: 'Algeria', seasonPoints: 15, slots: 2, entered: 2 },
    { association: 'Ghana', seasonPoints: 15, slots: 1, entered: 1 },
    // Abu Salim quarter-finalist 2 + Al Hilal Benghazi third in group A 1.
    { association: 'Libya', seasonPoints: 15, slots: 2, entered: 2 },
    { association: 'Nigeria', seasonPoints: 10, slots: 2, entered: 2 },
    { association: 'Mali', seasonPoints: 10, slots: 1, entered: 1 },
    // Sekhukhune third in group D 1 + SuperSport fourth in group A 0.5.
    { association: 'South Africa', seasonPoints: 7.5, slots: 2, entered: 2 },
    { association: 'Angola', seasonPoints: 7.5, slots: 2, entered: 2 },
    { association: 'Tunisia', seasonPoints: 5, slots: 2, entered: 2 },
    { association: 'Guinea', seasonPoints: 2.5, slots: 2, entered: 2 },
    { association: 'Congo', seasonPoints: 2.5, slots: 1, entered: 1 },
    { association: 'Tanzania', seasonPoints: 0, slots: 2, entered: 2 },
  ])('$association: $seasonPoints season points', (expected) => {
    expect(rows.find((r) => r.association === expected.association)).toMatchObject(expected);
  });

  test('season points add up to the 16 group teams’ achievements (5+4+3+3+4×2+4×1+4×0.5 = 29) × 5', () => {
    expect(rows.reduce((sum, r) => sum + r.seasonPoints, 0)).toBe(145);
  });

  test('Morocco 1st, then Egypt (2, 172.5 points) above Algeria (printed 2, 134 points), with one plain footnote; unranked last', () => {
    expect(rows.slice(0, 4).map((r) => [r.rank, r.association, r.points])).toEqual([
      [1, 'Morocco', 180],
      [2, 'Egypt', 172.5],
      [2, 'Algeria', 134],
      [4, 'South Africa', rows[3]?.points ?? null],
    ]);
    expect(rows.find((r) => r.association === 'Algeria')?.note).toBe(
      "CAF's points put Algeria 3rd; the competition's own list printed it 2nd.",
    );
    expect(rows.find((r) => r.association === 'Cameroon')).toMatchObject({ rank: 14, rankConfidence: 'low' });
    expect(rows.find((r) => r.association === 'Cameroon')?.note).toMatch(/^Cameroon's rank \(14th\) is uncertain/);
    expect(rows.filter((r) => r.note !== null).map((r) => r.association)).toEqual(['Algeria', 'Cameroon']);
    expect(rows.find((r) => r.association === 'Morocco')?.note).toBeNull();
    const firstUnranked = rows.findIndex((r) => r.rank === null);
    expect(rows.slice(firstUnranked).every((r) => r.rank === null)).toBe(true);
    expect(rows).toHaveLength(season.associations.length);
  });
});

describe('real season: calendar, rounds and fixtures', () => {
  const rounds = seasonRounds(season);

  test('16 rounds; every group matchday has the 8 matches of all four groups', () => {
    expect(rounds.map((r) => r.key)).toEqual([
      'R1-L1', 'R1-L2', 'R2-L1', 'R2-L2',
      'GS-MD1', 'GS-MD2', 'GS-MD3', 'GS-MD4', 'GS-MD5', 'GS-MD6',
      'QF-L1', 'QF-L2', 'SF-L1', 'SF-L2', 'F-L1', 'F-L2',
    ]);
    for (const r of rounds.filter((x) => x.stage === 'group')) expect(r.matches).toHaveLength(8);
  });

  test('GS-MD3 starts on 9 Dec (Zamalek v Sagrada brought forward, research §1) at the known 16:00 UTC kickoff', () => {
    expect(rounds.find((r) => r.key === 'GS-MD3')).toMatchObject({ firstKickoff: '2023-12-09T16:00:00Z', lastKickoff: '2023-12-10T19:00:00Z' });
  });

  test.each([
    { now: '2024-05-12T10:00:00Z', id: 'F-L1', relation: 'current' },
    { now: '2024-05-14T10:00:00Z', id: 'F-L2', relation: 'next' },
    { now: '2024-06-01T00:00:00Z', id: 'F-L2', relation: 'last' },
  ])('nextOrLastEvent at $now: $relation $id', ({ now, id, relation }) => {
    expect(nextOrLastEvent(season, new Date(now))).toMatchObject({ entry: { id }, relation });
  });

  test("Zamalek's 14 matches: two qualifying legs, six group matches, six knockout legs", () => {
    const labels = selectFixtures(season, { team: resolveTeam(season.teams, 'Zamálek').id }).map((m) => roundLabel(season, m));
    expect(labels).toEqual([
      'Second round, tie 1, first leg',
      'Second round, tie 1, second leg',
      'Group B · Matchday 1',
      'Group B · Matchday 2',
      'Group B · Matchday 3',
      'Group B · Matchday 4',
      'Group B · Matchday 5',
      'Group B · Matchday 6',
      'Quarter-finals, first leg',
      'Quarter-finals, second leg',
      'Semi-finals, first leg',
      'Semi-finals, second leg',
      'Final, first leg',
      'Final, second leg',
    ]);
  });

  test('the season is over: nothing upcoming after the final', () => {
    expect(selectFixtures(season, { when: 'upcoming', now: new Date('2024-05-20T00:00:00Z') })).toEqual([]);
  });
});

describe('real season: team names', () => {
  test.each([
    ['Future FC', 'modern-future'],
    ['APC Lobito', 'academica-do-lobito'],
    ['SOAR Coyah', 'academie-soar'],
    ['USMA', 'usm-alger'],
    ['Berkane', 'rs-berkane'],
    ['Dreams', 'dreams-f-c'],
    ['zamalek', 'zamalek'],
    ['ZAMALEK', 'zamalek'],
    ['Zamálek', 'zamalek'],
    ['Al Hilal', 'al-hilal-benghazi'],
    ['CA', 'club-africain'],
    ['rivers', 'rivers-united'],
    ['sekhukhune', 'sekhukhune-united'],
    ['Saint Eloi', 'saint-eloi-lupopo'],
  ])('%j → %s', (query, id) => {
    expect(resolveTeam(season.teams, query).id).toBe(id);
  });

  test('"United" is ambiguous among the 52 entrants', () => {
    expect(() => resolveTeam(season.teams, 'United')).toThrow(/More than one team/);
  });
});
