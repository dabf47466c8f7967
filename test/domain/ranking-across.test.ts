import { describe, expect, test } from 'vitest';
import { computeRankingAcross, comparisonSummary, normaliseLabel, SEED_CRITERIA } from '../../src/domain/ranking-across.js';
import type { Season } from '../../src/domain/types.js';
import { association, season } from './builders.js';
import { matches, teams } from './mini-tournament.js';

// One constructed tournament shape, played by different competitions and seasons:
// Group A: w 1st, r 2nd, t 3rd, f 4th. Knockout: q lost a QF to s, s lost the SF to w, w beat r in the final.
// `out` lost in the first round (a stage the seed's table gives no value).
const associations = [
  association('Westland', 1, { code: 'WST' }),
  association('Eastland', 2, { code: 'EST' }),
  association('Northland', null, { code: 'NTH' }),
  association('Southland', null, { code: 'STH' }),
];
const played = (id: string, competition: string, label: string, extra: Partial<Season> = {}): Season =>
  season({ id, competition, label, teams, matches, associations, ...extra });

const cc = played('cc-23', 'CAF Confederation Cup', '2023-24');
const cl = played('cl-23', 'CAF Champions League', '2023–24');
const afl = played('afl-23', 'African Football League', '2023');
const superCup = played('sc-23', 'CAF Super Cup', '2023-24');
const cc22 = played('cc-22', 'CAF Confederation Cup', '2022-23');

const pointsOf = (seasons: readonly Season[], seasonId: string, association: string): number | null | undefined =>
  computeRankingAcross(seasons).seasons.find((s) => s.seasonId === seasonId)?.associations.find((a) => a.association === association)?.points;

describe('points per season and competition, from the seed column of that competition', () => {
  test.each([
    // Westland: winners + runners-up; Eastland: semi-finalists + 3rd in group; Northland: 4th; Southland: quarter-finalists (+ first round: not stated).
    { seasonId: 'cc-23', association: 'Westland', points: 5 + 4 },
    { seasonId: 'cc-23', association: 'Eastland', points: 3 + 1 },
    { seasonId: 'cc-23', association: 'Northland', points: 0.5 },
    { seasonId: 'cc-23', association: 'Southland', points: 2 },
    { seasonId: 'cl-23', association: 'Westland', points: 6 + 5 },
    { seasonId: 'cl-23', association: 'Eastland', points: 4 + 2 },
    { seasonId: 'cl-23', association: 'Northland', points: 1 },
    { seasonId: 'afl-23', association: 'Westland', points: 7 + 6 },
    { seasonId: 'afl-23', association: 'Southland', points: 4 },
    // No column for the Super Cup in the seed: not stated, no points.
    { seasonId: 'sc-23', association: 'Westland', points: null },
  ])('$seasonId $association → $points', ({ seasonId, association: name, points }) => {
    expect(pointsOf([cc, cl, afl, superCup], seasonId, name)).toBe(points);
  });

  test('a club whose furthest stage is not in the table has no value and is counted as such', () => {
    const result = computeRankingAcross([cc]).seasons[0];
    expect(result?.clubsWithoutStatedValue).toBe(1);
    const southland = result?.associations.find((a) => a.association === 'Southland');
    expect(southland?.clubs.find((c) => c.team === 'out')).toMatchObject({ achievement: null, points: null });
  });

  test.each([
    { s: cc, coefficient: 5, columnStated: true },
    { s: cl, coefficient: 5, columnStated: true },
    { s: cc22, coefficient: 4, columnStated: true },
    // The seed gives no coefficient for a one-year label, nor a column for the Super Cup.
    { s: afl, coefficient: null, columnStated: true },
    { s: superCup, coefficient: 5, columnStated: false },
  ])('$s.id: coefficient $coefficient, column stated $columnStated', ({ s, coefficient, columnStated }) => {
    expect(computeRankingAcross([s]).seasons[0]).toMatchObject({ coefficient, columnStated });
  });

  test('the season file’s own criteria are checked against the seed’s column', () => {
    const wrong = played('cc-x', 'CAF Confederation Cup', '2023-24', {
      rankingCriteria: { ...cc.rankingCriteria, confederationCup: { ...cc.rankingCriteria.confederationCup, winners: 9 } },
    });
    const [ok, bad] = computeRankingAcross([cc, wrong]).seasons;
    expect(ok?.seasonCriteriaAgree).toBe(true);
    expect(bad?.seasonCriteriaAgree).toBe(false);
  });
});

describe('the combined view weights each season by the seed’s coefficient', () => {
  test('only seasons with a stated column and coefficient count', () => {
    const result = computeRankingAcross([cc, cl, afl, superCup]);
    expect(result.combinedSeasons).toEqual(['cc-23', 'cl-23']);
  });

  test.each([
    { association: 'Westland', total: 9 * 5 + 11 * 5 },
    { association: 'Eastland', total: 4 * 5 + 6 * 5 },
    { association: 'Southland', total: 2 * 5 + 3 * 5 },
    { association: 'Northland', total: 0.5 * 5 + 1 * 5 },
  ])('$association → $total', ({ association: name, total }) => {
    const row = computeRankingAcross([cc, cl, afl, superCup]).combined.find((r) => r.association === name);
    expect(row?.total).toBe(total);
  });

  test('two seasons with different coefficients, most points first', () => {
    const result = computeRankingAcross([cc, cc22]);
    expect(result.combined.map((r) => [r.association, r.total])).toEqual([
      ['Westland', 9 * 5 + 9 * 4],
      ['Eastland', 4 * 5 + 4 * 4],
      ['Southland', 2 * 5 + 2 * 4],
      ['Northland', 0.5 * 5 + 0.5 * 4],
    ]);
  });
});

describe('printed association points compared with the loaded seasons', () => {
  const printing = (points: number) =>
    played('cc-23p', 'CAF Confederation Cup', '2023-24', {
      associations: associations.map((a) => (a.name === 'Westland' ? { ...a, points } : a)),
    });

  test('no earlier season loaded: not comparable', () => {
    const result = computeRankingAcross([printing(180), cl]);
    expect(result.comparisons).toEqual([expect.objectContaining({ association: 'Westland', status: 'not_comparable', computed: null })]);
    expect(comparisonSummary(result.comparisons)).toBe('not_comparable');
  });

  test.each([
    // 2022–23 Confederation Cup: Westland 9 × 4 = 36.
    { printed: 180, status: 'agrees', summary: 'agrees' },
    { printed: 36, status: 'agrees', summary: 'agrees' },
    { printed: 30, status: 'disagrees', summary: 'disagrees' },
  ])('an earlier season loaded, printed $printed → $status', ({ printed, status, summary }) => {
    const result = computeRankingAcross([printing(printed), cc22]);
    expect(result.comparisons).toEqual([expect.objectContaining({ association: 'Westland', printed, computed: 36, status })]);
    expect(comparisonSummary(result.comparisons)).toBe(summary);
  });

  test('no printed points: nothing to compare', () => {
    expect(comparisonSummary(computeRankingAcross([cc, cl]).comparisons)).toBe('none');
  });
});

test.each([
  ['2023–24', '2023-24'],
  [' 2023-24 ', '2023-24'],
  ['2023', '2023'],
])('label %s → %s', (label, expected) => {
  expect(normaliseLabel(label)).toBe(expected);
});

test('the seed table has three columns and five coefficients', () => {
  expect([...SEED_CRITERIA.columns.keys()]).toEqual(['African Football League', 'CAF Champions League', 'CAF Confederation Cup']);
  expect([...SEED_CRITERIA.coefficients.values()]).toEqual([5, 4, 3, 2, 1]);
});
