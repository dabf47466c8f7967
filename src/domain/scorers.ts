import { stageCodes, stagesOfKind } from './format.js';
import type { Match, ScorerRow, ScorerTable, Season, Stage, TeamId } from './types.js';
import { indexSeason } from './season-index.js';
import { roundKey } from './fixtures.js';
import { keptIn, memoBySeason } from './memo.js';

/** 'proper' = group stage + knockout stage (the competition proper); 'qualifying' = the qualifying rounds; else one stage of the format. */
export type ScorerStage = 'qualifying' | 'proper' | Stage;

export interface ScorerOptions {
  readonly team?: TeamId;
  /** Default 'proper'. */
  readonly stage?: ScorerStage;
  /** At least this many rows; players level with the last one are kept too, so a shared rank is never cut. */
  readonly limit?: number;
}

const topWithTies = (rows: readonly ScorerRow[], limit: number): ScorerRow[] => {
  if (limit <= 0) return [];
  const last = rows[limit - 1];
  if (last === undefined) return [...rows];
  let end = limit;
  while (rows[end]?.rank === last.rank) end++;
  return rows.slice(0, end);
};

const isScorerStage = (season: Season, stage: string): boolean => stage === 'qualifying' || stage === 'proper' || stageCodes(season).includes(stage);

const stagesFor = (season: Season, stage: ScorerStage): readonly Stage[] =>
  stage === 'proper' ? stagesOfKind(season, 'group', 'knockout') : stage === 'qualifying' ? stagesOfKind(season, 'qualifying') : [stage];

interface Tally {
  readonly player: string;
  readonly team: TeamId;
  goals: number;
  penalties: number;
  readonly byRound: Record<string, number>;
}

/**
 * Goals per player. Only matches played on the pitch count (never awarded or walkover results);
 * own goals and goals with no recorded scorer are counted apart and never given to a player.
 * Players level on goals share a rank (1, 1, 3) and are listed by name.
 */
export function computeScorers(season: Season, opts: ScorerOptions = {}): ScorerTable {
  const stage = opts.stage ?? 'proper';
  // Memoize only the bounded set of keys (known stage, known or no team), so odd input cannot grow the cache.
  const cacheable = isScorerStage(season, stage) && (opts.team === undefined || indexSeason(season).teamById.has(opts.team));
  const full = !cacheable
    ? tallyScorers(season, stage, opts.team)
    : opts.team === undefined
      ? everyScorerMemo(season, stage)
      : (teamScorersMemo(season, stage).get(opts.team) ?? NO_GOALS);
  const rows = opts.limit === undefined ? [...full.rows] : topWithTies(full.rows, opts.limit);
  return { rows, unattributedGoals: full.unattributedGoals, ownGoals: full.ownGoals };
}

const NO_GOALS: ScorerTable = { rows: [], unattributedGoals: 0, ownGoals: 0 };

const everyScorerMemo = memoBySeason((season, stage): ScorerTable => tallyScorers(season, stage as ScorerStage, undefined));

// A club's card asks for one club's table at a time, once per club and language: every club's table is
// made in one pass over the season's goals, the first time one is asked (per stage selection).
const teamScorersMemo = memoBySeason((season, stage): ReadonlyMap<TeamId, ScorerTable> => {
  const buckets = new Map<TeamId, Bucket>();
  tallyInto(season, stage as ScorerStage, (team) => keptIn(buckets, team, emptyBucket));
  return new Map([...buckets].map(([team, bucket]) => [team, tableOf(bucket)]));
});

/** What one table counts while the goals are gone through. */
interface Bucket {
  readonly tallies: Map<string, Tally>;
  unattributedGoals: number;
  ownGoals: number;
}

const emptyBucket = (): Bucket => ({ tallies: new Map(), unattributedGoals: 0, ownGoals: 0 });

/** The whole competition's table (`team` undefined), or one club's. */
function tallyScorers(season: Season, stage: ScorerStage, team: TeamId | undefined): ScorerTable {
  const bucket = emptyBucket();
  tallyInto(season, stage, (side) => (team === undefined || side === team ? bucket : null));
  return tableOf(bucket);
}

/**
 * Counts every goal of the stages' played matches into the bucket of the team it counts for (null:
 * not counted): a scorer's goal, an own goal in that team's favour, a goal with no scorer recorded,
 * and the goals of its score that no goal entry lists.
 */
function tallyInto(season: Season, stage: ScorerStage, bucketOf: (team: TeamId) => Bucket | null): void {
  const index = indexSeason(season);
  for (const s of stagesFor(season, stage)) {
    for (const match of index.matchesByStage.get(s) ?? []) {
      if (match.status !== 'played') continue;
      const round = roundKey(season, match);
      for (const side of ['home', 'away'] as const) {
        const bucket = bucketOf(match[side]);
        if (bucket !== null) bucket.unattributedGoals += unlistedGoals(match, side);
      }
      for (const goal of match.goals) {
        const bucket = bucketOf(goal.team);
        if (bucket === null) continue;
        if (goal.type === 'own_goal') {
          bucket.ownGoals += 1;
          continue;
        }
        if (goal.player === null) {
          bucket.unattributedGoals += 1;
          continue;
        }
        const key = `${goal.team}\u0000${goal.player}`;
        let tally = bucket.tallies.get(key);
        if (!tally) {
          tally = { player: goal.player, team: goal.team, goals: 0, penalties: 0, byRound: {} };
          bucket.tallies.set(key, tally);
        }
        tally.goals += 1;
        if (goal.type === 'penalty') tally.penalties += 1;
        tally.byRound[round] = (tally.byRound[round] ?? 0) + 1;
      }
    }
  }
}

/** Most goals first; level players share a rank (1, 1, 3) and are listed by name. */
function tableOf({ tallies, unattributedGoals, ownGoals }: Bucket): ScorerTable {
  const sorted = [...tallies.values()].sort(
    (a, b) => b.goals - a.goals || a.player.localeCompare(b.player, 'en') || a.team.localeCompare(b.team, 'en'),
  );
  const rows: ScorerRow[] = [];
  sorted.forEach((t, i) => {
    const previous = rows[i - 1];
    const rank = previous && previous.goals === t.goals ? previous.rank : i + 1;
    rows.push({ rank, player: t.player, team: t.team, goals: t.goals, penalties: t.penalties, byRound: t.byRound });
  });
  return { rows, unattributedGoals, ownGoals };
}

/**
 * Goals in the score that no goal entry lists (most qualifying legs have a score but no scorers):
 * they count as goals with no scorer recorded, never as a player's.
 */
function unlistedGoals(match: Match, side: 'home' | 'away'): number {
  if (match.score === null) return 0;
  const listed = match.goals.filter((goal) => goal.team === match[side]).length;
  return Math.max(0, match.score[side] - listed);
}

const playerCache = new WeakMap<Season, readonly string[]>();

/** Every named goalscorer of the season (not own-goal scorers), sorted, without duplicates. For player search. */
export function playerNames(season: Season): readonly string[] {
  const cached = playerCache.get(season);
  if (cached) return cached;
  const names = new Set<string>();
  for (const match of season.matches) for (const goal of match.goals) if (goal.player !== null && goal.type !== 'own_goal') names.add(goal.player);
  const list = [...names].sort((a, b) => a.localeCompare(b, 'en'));
  playerCache.set(season, list);
  return list;
}
