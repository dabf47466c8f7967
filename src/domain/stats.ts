import { KNOCKOUT_STAGES, STAGES } from './types.js';
import type { CompetitionProperStats, Match, Season, Stage, StageStats, StatsReport } from './types.js';
import { indexSeason, matchTitle } from './season-index.js';
import type { SeasonIndex } from './season-index.js';
import { memoBySeason } from './memo.js';

const PROPER_STAGES: readonly Stage[] = ['group', ...KNOCKOUT_STAGES];

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

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

function matchesPart(index: SeasonIndex, scope: Scope, printed: number): string {
  // A match whose result was not published most likely took place: printed totals count it with the played ones.
  const played = scope.played + scope.unpublished;
  const awarded = scope.awarded.length;
  const unpublishedText = scope.unpublished ? ` + ${scope.unpublished} with no published result` : '';
  const playedText = `${plural(scope.played, 'match', 'matches')} played${unpublishedText}`;
  if (played === printed) {
    const excluded = awarded
      ? `; the ${plural(awarded, 'awarded match is', 'awarded matches are')} not in the printed figure (${scope.awarded.map((m) => matchTitle(index, m)).join(', ')})`
      : '';
    return `${playedText} = ${printed} as printed${excluded}`;
  }
  if (played + awarded === printed) return `${playedText} + ${awarded} awarded = ${printed} as printed`;
  const counted = `${playedText} + ${awarded} awarded = ${played + awarded} vs ${printed} printed`;
  if (printed > played && printed < played + awarded) {
    return `${counted}: the printed figure counts ${printed - played} of the ${awarded} awarded matches`;
  }
  return `${counted}: ${Math.abs(played + awarded - printed)} not explained by any recorded gap`;
}

function goalsPart(index: SeasonIndex, scope: Scope, printed: number): string {
  const counted = `${plural(scope.goals, 'goal', 'goals')} counted`;
  if (scope.goals === printed) return `${counted} = ${printed} as printed`;
  const difference = printed - scope.goals;
  const head = `${counted} vs ${printed} printed (${Math.abs(difference)} ${difference > 0 ? 'short' : 'over'})`;
  if (difference < 0) return `${head}: not explained by any recorded gap`;

  const reasons = scope.unrecorded.map((m) => `${matchTitle(index, m)}'s result is not published`);
  for (const m of scope.awarded) {
    if (!m.decision?.score) reasons.push(`${matchTitle(index, m)} was awarded and its score was not published`);
  }
  const awardedGoals = scope.awarded.reduce((sum, m) => sum + (m.decision?.score ? m.decision.score.home + m.decision.score.away : 0), 0);
  if (awardedGoals === difference) {
    reasons.push(`${reasons.length ? 'or ' : ''}counting the awarded scores (${awardedGoals} goals) would make up the difference`);
  }
  return reasons.length ? `${head}: ${reasons.join('; ')}` : `${head}: not explained by any recorded gap`;
}

const line = (index: SeasonIndex, label: string, scope: Scope, printedMatches: number, printedGoals: number): string =>
  `${label}: ${matchesPart(index, scope, printedMatches)}; ${goalsPart(index, scope, printedGoals)}.`;

/** Matches and goals per stage, the competition-proper totals, and how they reconcile with the printed totals. Memoized per Season object. */
export function computeStats(season: Season): StatsReport {
  return statsMemo(season);
}

const statsMemo = memoBySeason((season): StatsReport => {
  const index = indexSeason(season);
  const stages: StageStats[] = [];
  for (const stage of STAGES) {
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

  const proper = scopeOf(index, PROPER_STAGES);
  const competitionProper: CompetitionProperStats = {
    matchesPlayed: proper.played,
    matchesAwarded: proper.awarded.length,
    goals: proper.goals,
    unrecordedResults: proper.unrecorded.length,
  };

  const printed = season.printedTotals;
  const knockoutMatches = printed.matches - printed.groupMatches;
  const knockoutGoals = printed.goals - printed.groupGoals;
  const reconciliation = [
    line(index, 'Group stage', scopeOf(index, ['group']), printed.groupMatches, printed.groupGoals),
    line(
      index,
      `Knockout stage (printed ${printed.matches} − ${printed.groupMatches} = ${knockoutMatches} matches, ${printed.goals} − ${printed.groupGoals} = ${knockoutGoals} goals)`,
      scopeOf(index, KNOCKOUT_STAGES),
      knockoutMatches,
      knockoutGoals,
    ),
    line(index, 'Competition proper', proper, printed.matches, printed.goals),
  ];
  return { stages, competitionProper, reconciliation };
});
