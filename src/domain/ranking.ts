import type { Association, RankingCriteria, RankingRow, Season, Stage, TeamId } from './types.js';
import { indexSeason } from './season-index.js';
import { computeGroupTables, settledPlace } from './standings.js';
import { computeTies, tieLoser } from './ties.js';
import { memoBySeason } from './memo.js';
import { knownStageLike } from './format.js';

/** Associations ranked 1–12 may enter two teams. */
const TWO_SLOT_RANK = 12;

type Achievement = keyof RankingCriteria['confederationCup'];

/** The achievement a team that went out in (or is still in) a knockout stage has earned at least. */
const KNOCKOUT_ACHIEVEMENT: Partial<Record<Stage, Achievement>> = {
  quarter_final: 'quarterFinalists',
  semi_final: 'semiFinalists',
  final: 'runnersUp',
};

/** Each team's best achievement this season; teams that went out before the group stage earn nothing. */
export function bestAchievements(season: Season): ReadonlyMap<TeamId, Achievement> {
  return achievementsMemo(season);
}

const achievementsMemo = memoBySeason((season): ReadonlyMap<TeamId, Achievement> => {
  const best = new Map<TeamId, Achievement>();
  const points = season.rankingCriteria.confederationCup;
  const raise = (team: TeamId, achievement: Achievement) => {
    const current = best.get(team);
    if (current === undefined || points[achievement] > points[current]) best.set(team, achievement);
  };

  for (const table of computeGroupTables(season)) {
    // Places 3 and 4 score once the group is over and no result left unpublished could change them.
    if (!table.complete) continue;
    for (const row of table.rows) {
      const place = settledPlace(table, row.team);
      if (place === 3) raise(row.team, 'groupThird');
      if (place === 4) raise(row.team, 'groupFourth');
    }
  }
  for (const tie of computeTies(season)) {
    // A stage of another code scores as the CAF stage its format makes it (the final by its place).
    const like = knownStageLike(season, tie.stage);
    const reached = like === null ? undefined : KNOCKOUT_ACHIEVEMENT[like];
    if (!reached) continue;
    for (const team of tie.teams) raise(team, reached);
    if (like === 'final' && tie.winner !== null) raise(tie.winner, 'winners');
    const loser = tieLoser(tie);
    if (like === 'final' && loser !== null) raise(loser, 'runnersUp');
  }
  if (season.champion !== null) raise(season.champion, 'winners');
  return best;
});

const compareRank = (a: number | null, b: number | null): number =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a - b;

/** Higher points first; unknown points last. */
const comparePoints = (a: number | null, b: number | null): number =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : b - a;

const ordinal = (n: number): string => {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
};

/** The fan's footnote for a row's rank, built from the structured fields only. */
export function rankFootnote(association: Pick<Association, 'name' | 'rank' | 'rankDispute' | 'rankConfidence'>): string | null {
  const { rankDispute: dispute } = association;
  if (dispute !== null && dispute.byPoints !== null && dispute.printed !== null) {
    return `CAF's points put ${association.name} ${ordinal(dispute.byPoints)}; the competition's own list printed it ${ordinal(dispute.printed)}.`;
  }
  if (association.rankConfidence === 'low' && association.rank !== null) {
    return `${association.name}'s rank (${ordinal(association.rank)}) is uncertain: only one CAF list gives it, possibly of another edition.`;
  }
  return null;
}

/**
 * The association ranking as printed (rank, points, slots), with the points this season's
 * Confederation Cup results earn each association (best achievement per team × season coefficient).
 */
export function computeRanking(season: Season): RankingRow[] {
  return [...rankingMemo(season)];
}

const rankingMemo = memoBySeason((season): readonly RankingRow[] => {
  const index = indexSeason(season);
  const criteria = season.rankingCriteria;
  const achievements = bestAchievements(season);

  const rows = season.associations.map((association): RankingRow => {
    const teams = index.teamsByAssociation.get(association.name) ?? [];
    const earned = teams.reduce((sum, team) => {
      const achievement = achievements.get(team.id);
      return sum + (achievement ? criteria.confederationCup[achievement] : 0);
    }, 0);
    return {
      rank: association.rank,
      association: association.name,
      shortName: association.shortName,
      code: association.code,
      points: association.points,
      slots: association.rank !== null && association.rank <= TWO_SLOT_RANK ? 2 : 1,
      entered: teams.length,
      seasonPoints: earned * criteria.seasonCoefficient,
      rankDispute: association.rankDispute,
      rankConfidence: association.rankConfidence,
      note: rankFootnote(association),
    };
  });
  return rows.sort(
    (a, b) => compareRank(a.rank, b.rank) || comparePoints(a.points, b.points) || a.association.localeCompare(b.association, 'en'),
  );
});
