import type { Season, TeamId } from './types.js';
import { bestAchievements } from './ranking.js';
import { indexSeason } from './season-index.js';

// The association points every loaded season earns under the criteria the seed states: one points
// column per competition, one coefficient per season. What the seed does not state (a competition
// without a column, a season without a coefficient, a stage the table does not list) is reported as
// not stated and left out of every total — never given a value of our own.

export type Achievement = 'winners' | 'runnersUp' | 'semiFinalists' | 'quarterFinalists' | 'groupThird' | 'groupFourth';
export const ACHIEVEMENTS: readonly Achievement[] = ['winners', 'runnersUp', 'semiFinalists', 'quarterFinalists', 'groupThird', 'groupFourth'];

export interface RankingCriteriaTable {
  /** Points per achievement, by competition name as the season files spell it. */
  readonly columns: ReadonlyMap<string, Readonly<Record<Achievement, number>>>;
  /** Coefficient by season label, normalised (`2023-24`). */
  readonly coefficients: ReadonlyMap<string, number>;
  readonly source: string;
}

/** The seed's table (000_960979acb82d6ea3.txt, "Association team allocation"): three columns and five coefficients. */
export const SEED_CRITERIA: RankingCriteriaTable = {
  columns: new Map([
    ['African Football League', { winners: 7, runnersUp: 6, semiFinalists: 5, quarterFinalists: 4, groupThird: 3, groupFourth: 2 }],
    ['CAF Champions League', { winners: 6, runnersUp: 5, semiFinalists: 4, quarterFinalists: 3, groupThird: 2, groupFourth: 1 }],
    ['CAF Confederation Cup', { winners: 5, runnersUp: 4, semiFinalists: 3, quarterFinalists: 2, groupThird: 1, groupFourth: 0.5 }],
  ]),
  coefficients: new Map([
    ['2023-24', 5],
    ['2022-23', 4],
    ['2021-22', 3],
    ['2020-21', 2],
    ['2019-20', 1],
  ]),
  source: 'seed 000_960979acb82d6ea3.txt',
};

/** `2023–24` and `2023-24` are one label. */
export const normaliseLabel = (label: string): string => label.trim().replace(/[\u2010-\u2015]/g, '-');

export interface ClubResult {
  readonly team: TeamId;
  readonly name: string;
  /** The best stage in the seed's table the club reached; null when it reached none (no value stated). */
  readonly achievement: Achievement | null;
  /** Points for it from the competition's column; null when not stated. */
  readonly points: number | null;
}

export interface AssociationSeasonPoints {
  readonly association: string;
  readonly code: string | null;
  /** Sum over the clubs whose stage has a stated value; null when the competition has no column. */
  readonly points: number | null;
  readonly clubs: readonly ClubResult[];
}

export interface SeasonRankingPoints {
  readonly seasonId: string;
  readonly competition: string;
  readonly label: string;
  /** False when the seed gives no column for this competition: no points are counted for it. */
  readonly columnStated: boolean;
  /** The seed's coefficient for this season's label; null when not stated (left out of the combined view). */
  readonly coefficient: number | null;
  /** Clubs whose furthest stage is not in the seed's table (e.g. out in qualifying): no value stated. */
  readonly clubsWithoutStatedValue: number;
  /** Associations with at least one club in the season, most points first. */
  readonly associations: readonly AssociationSeasonPoints[];
  /** Whether the season file's own criteria agree with the seed's column (editors' check). */
  readonly seasonCriteriaAgree: boolean | null;
}

export interface CombinedRow {
  readonly association: string;
  readonly code: string | null;
  /** Σ points × coefficient over the seasons that count. */
  readonly total: number;
  readonly bySeason: readonly { readonly seasonId: string; readonly points: number; readonly coefficient: number; readonly weighted: number }[];
}

export type ComparisonStatus = 'agrees' | 'disagrees' | 'not_comparable';

/** A figure a season file prints (the 5-year ranking's association points) set against what the loaded seasons give. */
export interface PrintedComparison {
  readonly seasonId: string;
  readonly association: string;
  readonly printed: number;
  /** The weighted points of the loaded seasons that the printed ranking could count; null when none could. */
  readonly computed: number | null;
  readonly status: ComparisonStatus;
  /** Why (editors). */
  readonly reason: string;
}

export interface RankingAcross {
  readonly seasons: readonly SeasonRankingPoints[];
  /** Seasons that count in the combined view (column and coefficient stated). */
  readonly combinedSeasons: readonly string[];
  readonly combined: readonly CombinedRow[];
  readonly comparisons: readonly PrintedComparison[];
  readonly source: string;
}

const associationKey = (name: string, code: string | null): string => code ?? name;

/** The first year of a label (`2023-24` → 2023, `2023` → 2023); null when it has none. */
const startYear = (label: string): number | null => {
  const match = /^(\d{4})/.exec(normaliseLabel(label));
  return match ? Number(match[1]) : null;
};

const seasonPoints = (season: Season, criteria: RankingCriteriaTable): SeasonRankingPoints => {
  const column = criteria.columns.get(season.competition) ?? null;
  const coefficient = criteria.coefficients.get(normaliseLabel(season.label)) ?? null;
  const achievements = bestAchievements(season);
  const index = indexSeason(season);
  const codes = new Map(season.associations.map((a) => [a.name, a.code]));
  let clubsWithoutStatedValue = 0;
  const associations: AssociationSeasonPoints[] = [];
  for (const [association, teams] of index.teamsByAssociation) {
    const clubs = teams.map((team): ClubResult => {
      const achievement = achievements.get(team.id) ?? null;
      const points = achievement !== null && column !== null ? column[achievement] : null;
      if (achievement === null) clubsWithoutStatedValue += 1;
      return { team: team.id, name: team.name, achievement, points };
    });
    const points = column === null ? null : clubs.reduce((sum, club) => sum + (club.points ?? 0), 0);
    associations.push({ association, code: codes.get(association) ?? null, points, clubs });
  }
  associations.sort((a, b) => (b.points ?? -1) - (a.points ?? -1) || a.association.localeCompare(b.association, 'en'));
  const own = season.rankingCriteria.confederationCup;
  const seasonCriteriaAgree = column === null ? null : ACHIEVEMENTS.every((a) => own[a] === column[a]);
  return {
    seasonId: season.id,
    competition: season.competition,
    label: season.label,
    columnStated: column !== null,
    coefficient,
    clubsWithoutStatedValue,
    associations,
    seasonCriteriaAgree,
  };
};

const combine = (perSeason: readonly SeasonRankingPoints[]): { seasons: string[]; rows: CombinedRow[] } => {
  const counted = perSeason.filter((s) => s.columnStated && s.coefficient !== null);
  const rows = new Map<string, { association: string; code: string | null; bySeason: CombinedRow['bySeason'][number][] }>();
  for (const season of counted) {
    const coefficient = season.coefficient ?? 0;
    for (const a of season.associations) {
      const key = associationKey(a.association, a.code);
      const row = rows.get(key) ?? { association: a.association, code: a.code, bySeason: [] };
      const points = a.points ?? 0;
      row.bySeason.push({ seasonId: season.seasonId, points, coefficient, weighted: points * coefficient });
      rows.set(key, row);
    }
  }
  const combined = [...rows.values()]
    .map((row) => ({ ...row, total: row.bySeason.reduce((sum, s) => sum + s.weighted, 0) }))
    .sort((a, b) => b.total - a.total || a.association.localeCompare(b.association, 'en'));
  return { seasons: counted.map((s) => s.seasonId), rows: combined };
};

/**
 * A season file's printed association points are the ranking that allocated that season's places,
 * so they were fixed before it and can only count earlier seasons. They are compared with the
 * loaded seasons that started earlier (and count in the combined view): none → not comparable;
 * more computed than printed → disagrees; otherwise the loaded seasons fit within the printed figure
 * (agrees as far as they go — earlier seasons not loaded may make up the rest).
 */
const compare = (seasons: readonly Season[], perSeason: readonly SeasonRankingPoints[]): PrintedComparison[] => {
  const out: PrintedComparison[] = [];
  for (const season of seasons) {
    const year = startYear(season.label);
    const earlier = perSeason.filter((s) => {
      const y = startYear(s.label);
      return s.columnStated && s.coefficient !== null && y !== null && year !== null && y < year;
    });
    for (const association of season.associations) {
      if (association.points === null) continue;
      const key = associationKey(association.name, association.code);
      if (earlier.length === 0) {
        out.push({
          seasonId: season.id,
          association: association.name,
          printed: association.points,
          computed: null,
          status: 'not_comparable',
          reason: `the printed ranking allocated places in ${season.label} and counts only earlier seasons; no earlier season with stated criteria is loaded`,
        });
        continue;
      }
      const computed = earlier.reduce((sum, s) => {
        const row = s.associations.find((a) => associationKey(a.association, a.code) === key);
        return sum + (row?.points ?? 0) * (s.coefficient ?? 0);
      }, 0);
      const agrees = computed <= association.points;
      out.push({
        seasonId: season.id,
        association: association.name,
        printed: association.points,
        computed,
        status: agrees ? 'agrees' : 'disagrees',
        reason: agrees
          ? `the loaded earlier seasons (${earlier.map((s) => s.seasonId).join(', ')}) give ${computed}, within the printed ${association.points}`
          : `the loaded earlier seasons (${earlier.map((s) => s.seasonId).join(', ')}) alone give ${computed}, more than the printed ${association.points}`,
      });
    }
  }
  return out;
};

/** Points per season and competition, the combined view, and how the printed figures compare. */
export function computeRankingAcross(seasons: readonly Season[], criteria: RankingCriteriaTable = SEED_CRITERIA): RankingAcross {
  const perSeason = seasons.map((season) => seasonPoints(season, criteria));
  const { seasons: combinedSeasons, rows } = combine(perSeason);
  return { seasons: perSeason, combinedSeasons, combined: rows, comparisons: compare(seasons, perSeason), source: criteria.source };
}

/** One plain sentence for fans on how the printed figures compare. */
export const comparisonSummary = (comparisons: readonly PrintedComparison[]): ComparisonStatus | 'none' => {
  if (comparisons.length === 0) return 'none';
  if (comparisons.some((c) => c.status === 'disagrees')) return 'disagrees';
  if (comparisons.every((c) => c.status === 'not_comparable')) return 'not_comparable';
  return 'agrees';
};
