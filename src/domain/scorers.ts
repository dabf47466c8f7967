import { stageCodes, stagesOfKind } from './format.js';
import type { Match, ScorerRow, ScorerTable, Season, Stage, TeamId } from './types.js';
import { indexSeason } from './season-index.js';
import { roundKey } from './fixtures.js';
import { memoBySeason } from './memo.js';

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
  const full = cacheable ? scorersMemo(season, `${stage}\u0000${opts.team ?? ''}`) : tallyScorers(season, stage, opts.team);
  const rows = opts.limit === undefined ? [...full.rows] : topWithTies(full.rows, opts.limit);
  return { rows, unattributedGoals: full.unattributedGoals, ownGoals: full.ownGoals };
}

const scorersMemo = memoBySeason((season, key): ScorerTable => {
  const [stage = 'proper', team = ''] = key.split('\u0000');
  return tallyScorers(season, stage as ScorerStage, team === '' ? undefined : team);
});

function tallyScorers(season: Season, stage: ScorerStage, team: TeamId | undefined): ScorerTable {
  const index = indexSeason(season);
  const tallies = new Map<string, Tally>();
  let unattributedGoals = 0;
  let ownGoals = 0;

  for (const s of stagesFor(season, stage)) {
    for (const match of index.matchesByStage.get(s) ?? []) {
      if (match.status !== 'played') continue;
      const round = roundKey(season, match);
      unattributedGoals += unlistedGoals(match, team);
      for (const goal of match.goals) {
        if (team !== undefined && goal.team !== team) continue;
        if (goal.type === 'own_goal') {
          ownGoals += 1;
          continue;
        }
        if (goal.player === null) {
          unattributedGoals += 1;
          continue;
        }
        const key = `${goal.team}\u0000${goal.player}`;
        let tally = tallies.get(key);
        if (!tally) {
          tally = { player: goal.player, team: goal.team, goals: 0, penalties: 0, byRound: {} };
          tallies.set(key, tally);
        }
        tally.goals += 1;
        if (goal.type === 'penalty') tally.penalties += 1;
        tally.byRound[round] = (tally.byRound[round] ?? 0) + 1;
      }
    }
  }

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
function unlistedGoals(match: Match, team: TeamId | undefined): number {
  if (match.score === null) return 0;
  let missing = 0;
  for (const side of ['home', 'away'] as const) {
    if (team !== undefined && match[side] !== team) continue;
    const listed = match.goals.filter((goal) => goal.team === match[side]).length;
    missing += Math.max(0, match.score[side] - listed);
  }
  return missing;
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
