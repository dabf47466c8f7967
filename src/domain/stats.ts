import { stageCodes, stagesOfKind } from './format.js';
import type {
  CompetitionProperStats,
  Match,
  PrintedGoalsCheck,
  PrintedMatchesCheck,
  Season,
  Stage,
  StageStats,
  StatsReport,
  TotalsCheck,
  TotalsMatch,
  TotalsScope,
} from './types.js';
import { indexSeason } from './season-index.js';
import type { SeasonIndex } from './season-index.js';
import { memoBySeason } from './memo.js';

/** What one scope (a stage, or several) holds, with the matches behind each gap. */
interface Scope {
  readonly played: number;
  readonly goals: number;
  readonly awarded: readonly Match[];
  /** Played with no score, or scheduled with the result not published. */
  readonly unrecorded: readonly Match[];
  /** Scheduled matches whose day passed with no published result (not counted as played). */
  readonly unpublished: number;
}

function scopeOf(index: SeasonIndex, stages: readonly Stage[]): Scope {
  let played = 0;
  let goals = 0;
  const awarded: Match[] = [];
  const unrecorded: Match[] = [];
  let unpublished = 0;
  for (const stage of stages) {
    for (const match of index.matchesByStage.get(stage) ?? []) {
      if (match.status === 'awarded') awarded.push(match);
      if (match.status === 'scheduled' && match.resultNotPublished) {
        unpublished += 1;
        unrecorded.push(match);
      }
      if (match.status !== 'played') continue;
      played += 1;
      if (match.score) goals += match.score.home + match.score.away;
      else unrecorded.push(match);
    }
  }
  return { played, goals, awarded, unrecorded, unpublished };
}

const totalsMatch = (m: Match): TotalsMatch => ({ home: m.home, away: m.away });

function matchesCheck(scope: Scope, printed: number): PrintedMatchesCheck {
  // A match whose result was not published most likely took place: printed totals count it with the played ones.
  const played = scope.played + scope.unpublished;
  const counts = { played: scope.played, unpublished: scope.unpublished, awarded: scope.awarded.length, printed };
  if (played === printed) return { ...counts, kind: 'as_printed', notInPrinted: scope.awarded.map(totalsMatch) };
  if (played + counts.awarded === printed) return { ...counts, kind: 'as_printed_with_awarded' };
  if (printed > played && printed < played + counts.awarded) return { ...counts, kind: 'counts_some_awarded', awardedInPrinted: printed - played };
  return { ...counts, kind: 'unexplained', difference: Math.abs(played + counts.awarded - printed) };
}

function goalsCheck(scope: Scope, printed: number): PrintedGoalsCheck {
  const counted = scope.goals;
  if (counted === printed) return { kind: 'as_printed', counted, printed };
  const difference = printed - counted;
  if (difference < 0) return { kind: 'over', counted, printed, difference: -difference };
  const awardedGoals = scope.awarded.reduce((sum, m) => sum + (m.decision?.score ? m.decision.score.home + m.decision.score.away : 0), 0);
  return {
    kind: 'short',
    counted,
    printed,
    difference,
    unrecorded: scope.unrecorded.map(totalsMatch),
    awardedNoScore: scope.awarded.filter((m) => !m.decision?.score).map(totalsMatch),
    awardedGoals: awardedGoals === difference ? awardedGoals : null,
  };
}

const check = (scope: TotalsScope, counted: Scope, printedMatches: number, printedGoals: number): TotalsCheck => ({
  scope,
  matches: matchesCheck(counted, printedMatches),
  goals: goalsCheck(counted, printedGoals),
});

/** Matches and goals per stage, the competition-proper totals, and how they reconcile with the printed totals. Memoized per Season object. */
export function computeStats(season: Season): StatsReport {
  return statsMemo(season);
}

const statsMemo = memoBySeason((season): StatsReport => {
  const index = indexSeason(season);
  const stages: StageStats[] = [];
  for (const stage of stageCodes(season)) {
    if (!index.matchesByStage.has(stage)) continue;
    const scope = scopeOf(index, [stage]);
    stages.push({
      stage,
      matchesPlayed: scope.played,
      matchesAwarded: scope.awarded.length,
      goals: scope.goals,
      unrecordedResults: scope.unrecorded.length,
    });
  }

  const proper = scopeOf(index, stagesOfKind(season, 'group', 'knockout'));
  const competitionProper: CompetitionProperStats = {
    matchesPlayed: proper.played,
    matchesAwarded: proper.awarded.length,
    goals: proper.goals,
    unrecordedResults: proper.unrecorded.length,
  };

  const printed = season.printedTotals;
  // No printed totals (no source prints any): nothing to reconcile against.
  if (printed === null) return { stages, competitionProper, reconciliation: [] };
  const knockout = {
    matches: { total: printed.matches, group: printed.groupMatches, knockout: printed.matches - printed.groupMatches },
    goals: { total: printed.goals, group: printed.groupGoals, knockout: printed.goals - printed.groupGoals },
  };
  const reconciliation = [
    check({ kind: 'group' }, scopeOf(index, stagesOfKind(season, 'group')), printed.groupMatches, printed.groupGoals),
    check({ kind: 'knockout', ...knockout }, scopeOf(index, stagesOfKind(season, 'knockout')), knockout.matches.knockout, knockout.goals.knockout),
    check({ kind: 'competition_proper' }, proper, printed.matches, printed.goals),
  ];
  return { stages, competitionProper, reconciliation };
});
