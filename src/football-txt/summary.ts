// The summary an import prints: what the file gave, and what the format did not give.
import type { ParsedMatch, ParseSummary } from './types.js';

export const summarize = (matches: readonly ParsedMatch[], clubs: number, groups: number, rounds: number, scorerMismatches: readonly number[]): ParseSummary => {
  const withResult = matches.filter((m) => m.score !== null);
  const played = withResult.filter((m) => !m.awarded);
  const goalsOf = (m: ParsedMatch) => (m.score ? m.score[0] + m.score[1] : 0);
  return {
    clubs,
    matches: matches.length,
    played: played.length,
    awarded: matches.filter((m) => m.awarded).length,
    withoutResult: matches.length - withResult.length,
    groups,
    rounds,
    goals: played.reduce((sum, m) => sum + goalsOf(m), 0),
    missing: {
      scorers: played.filter((m) => goalsOf(m) > 0 && m.goals === null).length,
      scorerMismatches,
      venues: matches.filter((m) => m.venue === null).length,
      kickoffTimes: matches.filter((m) => m.kickoff === null).length,
      timeZones: matches.filter((m) => m.kickoff !== null && m.kickoff.zone === null).length,
      halfTimes: played.filter((m) => m.halfTime === null).length,
    },
  };
};
