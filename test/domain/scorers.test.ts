import { describe, expect, test } from 'vitest';
import { computeScorers, playerNames } from '../../src/domain/scorers.js';
import type { ScorerStage } from '../../src/domain/scorers.js';
import type { ScorerRow } from '../../src/domain/types.js';
import { readSeasonFile, seasonFilesIn } from '../../src/season/read.js';
import { stagesOfKind } from '../../src/domain/format.js';
import { awarded, goal, groupMatch, leg, season } from './builders.js';

// A small season: goals in every stage, an own goal, an unknown scorer and an awarded match carrying a goal.
const matches = [
  leg('first_round', 1, 1, 'a', 'x', [2, 0], { goals: [goal('a', 'Ann'), goal('a', 'Ann')] }),
  groupMatch('A', 1, 'a', 'b', [3, 1], {
    goals: [goal('a', 'Ann', 'penalty'), goal('a', 'Bea'), goal('a', 'Carl', 'own_goal'), goal('b', 'Carl')],
  }),
  groupMatch('A', 2, 'b', 'a', [2, 1], { goals: [goal('b', 'Dan'), goal('b', null), goal('a', 'Bea')] }),
  // A goal event on an awarded match must never count, even if someone recorded one.
  awarded(groupMatch('A', 3, 'a', 'c', null, { goals: [goal('a', 'Ann')] }), 'a', [3, 0]),
  leg('quarter_final', 1, 1, 'b', 'a', [1, 1], { goals: [goal('b', 'Carl'), goal('a', 'Ann')] }),
  leg('final', 1, 2, 'a', 'b', [1, 0], { goals: [goal('a', 'Ann')] }),
];
const s = season({ matches });

describe('computeScorers', () => {
  test.each<{ name: string; opts: { team?: string; stage?: ScorerStage; limit?: number }; rows: string[]; ownGoals: number; unattributed: number }>([
    {
      name: 'GIVEN no options THEN the competition proper only: awarded, own and unknown goals excluded, 1-1-3 ranks',
      opts: {},
      rows: ['1 Ann a 3', '2 Bea a 2', '2 Carl b 2', '4 Dan b 1'],
      ownGoals: 1,
      unattributed: 1,
    },
    {
      name: 'GIVEN stage qualifying THEN only the first and second rounds',
      opts: { stage: 'qualifying' },
      rows: ['1 Ann a 2'],
      ownGoals: 0,
      unattributed: 0,
    },
    {
      name: 'GIVEN stage group THEN that stage only',
      opts: { stage: 'group' },
      rows: ['1 Bea a 2', '2 Ann a 1', '2 Carl b 1', '2 Dan b 1'],
      ownGoals: 1,
      unattributed: 1,
    },
    {
      name: 'GIVEN a team THEN its scorers, and the own goals credited to it',
      opts: { team: 'b' },
      rows: ['1 Carl b 2', '2 Dan b 1'],
      ownGoals: 0,
      unattributed: 1,
    },
    {
      name: 'GIVEN team a THEN the own goal scored for it counts in ownGoals, not for the defender',
      opts: { team: 'a' },
      rows: ['1 Ann a 3', '2 Bea a 2'],
      ownGoals: 1,
      unattributed: 0,
    },
    {
      name: 'GIVEN a limit that falls inside a shared rank THEN every player on that rank is kept',
      opts: { limit: 2 },
      rows: ['1 Ann a 3', '2 Bea a 2', '2 Carl b 2'],
      ownGoals: 1,
      unattributed: 1,
    },
    {
      name: 'GIVEN a limit between two ranks THEN rows are cut there (ranks kept)',
      opts: { limit: 1 },
      rows: ['1 Ann a 3'],
      ownGoals: 1,
      unattributed: 1,
    },
    {
      name: 'GIVEN a limit beyond the table THEN every row',
      opts: { limit: 10 },
      rows: ['1 Ann a 3', '2 Bea a 2', '2 Carl b 2', '4 Dan b 1'],
      ownGoals: 1,
      unattributed: 1,
    },
  ])('$name', ({ opts, rows, ownGoals, unattributed }) => {
    const table = computeScorers(s, opts);
    expect(table.rows.map((r) => `${r.rank} ${r.player} ${r.team} ${r.goals}`)).toEqual(rows);
    expect(table.ownGoals).toBe(ownGoals);
    expect(table.unattributedGoals).toBe(unattributed);
  });

  // Most qualifying legs have a score and no goal list: those goals have no scorer recorded, and count as such.
  test.each<{ name: string; opts: { team?: string; stage?: ScorerStage }; unattributed: number; rows: string[] }>([
    { name: 'GIVEN qualifying legs with scores but no scorers THEN all their goals are unattributed', opts: { stage: 'qualifying' }, unattributed: 6, rows: ['1 Ann a 1'] },
    { name: 'GIVEN a team THEN only its own missing goals', opts: { stage: 'qualifying', team: 'x' }, unattributed: 3, rows: [] },
    { name: 'GIVEN a partly listed leg THEN only the goals not listed', opts: { stage: 'qualifying', team: 'a' }, unattributed: 1, rows: ['1 Ann a 1'] },
    { name: 'GIVEN a walkover (no score) THEN nothing', opts: { stage: 'qualifying', team: 'w' }, unattributed: 0, rows: [] },
  ])('$name', ({ opts, unattributed, rows }) => {
    const qualifying = season({
      matches: [
        leg('first_round', 1, 1, 'x', 'y', [3, 2]),
        leg('first_round', 2, 1, 'a', 'z', [2, 0], { goals: [goal('a', 'Ann')] }),
        leg('first_round', 3, 1, 'w', 'v', null, { status: 'walkover', decision: { winner: 'w', score: null, reason: 'test', decidedOn: null } }),
      ],
    });
    const table = computeScorers(qualifying, opts);
    expect(table.unattributedGoals).toBe(unattributed);
    expect(table.rows.map((r) => `${r.rank} ${r.player} ${r.team} ${r.goals}`)).toEqual(rows);
  });

  test('GIVEN goals across rounds THEN byRound uses round keys and penalties are counted', () => {
    const ann = computeScorers(s, { stage: 'proper' }).rows.find((r) => r.player === 'Ann');
    expect(ann?.byRound).toEqual({ MD1: 1, QF: 1, F: 1 });
    expect(ann?.penalties).toBe(1);
    const annQualifying = computeScorers(s, { stage: 'qualifying' }).rows[0];
    expect(annQualifying?.byRound).toEqual({ R1: 2 });
  });

  test('GIVEN the same name for two teams THEN two separate rows', () => {
    const table = computeScorers(
      season({ matches: [groupMatch('A', 1, 'a', 'b', [1, 1], { goals: [goal('a', 'Sam'), goal('b', 'Sam')] })] }),
    );
    expect(table.rows.map((r) => `${r.rank} ${r.player} ${r.team}`)).toEqual(['1 Sam a', '1 Sam b']);
  });

  test('playerNames lists named goalscorers once, sorted, without own-goal scorers', () => {
    expect(playerNames(s)).toEqual(['Ann', 'Bea', 'Carl', 'Dan']);
  });
});

// Every club's table is made in one pass over the season (scorers.ts): it must be the table a pass
// for that club alone gives. Checked on every shipped season: a club's rows are the competition's
// rows of its players, ranked again among themselves, and the goals counted apart (own goals in its
// favour, goals with no scorer) add up over the clubs to the competition's.
describe('computeScorers per club, on the shipped seasons', () => {
  const shipped = seasonFilesIn().map((file) => readSeasonFile(file).season);
  const reranked = (rows: readonly ScorerRow[]): string[] =>
    rows.map((r, i, all) => {
      const rank = all.findIndex((other) => other.goals === r.goals) + 1;
      return `${i === 0 ? 1 : rank} ${r.player} ${r.team} ${r.goals} ${r.penalties} ${JSON.stringify(r.byRound)}`;
    });
  const shown = (rows: readonly ScorerRow[]): string[] => rows.map((r) => `${r.rank} ${r.player} ${r.team} ${r.goals} ${r.penalties} ${JSON.stringify(r.byRound)}`);

  test('there are shipped seasons with goals to check', () => {
    expect(shipped.length).toBeGreaterThanOrEqual(4);
    expect(shipped.some((season) => computeScorers(season).rows.length > 10)).toBe(true);
  });

  test.each(shipped.flatMap((season) => (['proper', 'qualifying'] as const).map((stage) => ({ id: season.id, season, stage }))))(
    '$id, $stage: each club as counted alone, and together the whole competition',
    ({ season, stage }) => {
      const whole = computeScorers(season, { stage });
      let unattributed = 0;
      let ownGoals = 0;
      const stages = new Set(stage === 'proper' ? stagesOfKind(season, 'group', 'knockout') : stagesOfKind(season, 'qualifying'));
      const played = season.matches.filter((m) => m.status === 'played' && stages.has(m.stage));
      for (const club of season.teams) {
        const own = computeScorers(season, { stage, team: club.id });
        expect(shown(own.rows), club.id).toEqual(reranked(whole.rows.filter((r) => r.team === club.id)));
        // Counted here the plain way: its own goals in its favour; its goals with no scorer, listed or not.
        const goals = played.flatMap((m) => m.goals.filter((g) => g.team === club.id));
        const unlisted = played.reduce((sum, m) => {
          const side = m.home === club.id ? 'home' : m.away === club.id ? 'away' : null;
          return side === null || m.score === null ? sum : sum + Math.max(0, m.score[side] - m.goals.filter((g) => g.team === club.id).length);
        }, 0);
        expect(own.ownGoals, club.id).toBe(goals.filter((g) => g.type === 'own_goal').length);
        expect(own.unattributedGoals, club.id).toBe(unlisted + goals.filter((g) => g.type !== 'own_goal' && g.player === null).length);
        unattributed += own.unattributedGoals;
        ownGoals += own.ownGoals;
      }
      expect(unattributed).toBe(whole.unattributedGoals);
      expect(ownGoals).toBe(whole.ownGoals);
    },
  );
});
