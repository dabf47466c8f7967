import type { Match, Score, TeamId } from './types.js';

/** How a match counts in tables and ties: the one place that reads status, score and decision together. */
export type MatchOutcome =
  /** Played with a recorded score, or decided off the pitch with a recorded awarded score. */
  | { readonly kind: 'score'; readonly score: Score; readonly offPitch: boolean }
  /** Awarded or walkover with no recorded score: the winner is known, the goals are not. */
  | { readonly kind: 'winner_only'; readonly winner: TeamId }
  /** Played with no score in any source, or its day passed with no published result (`resultNotPublished`). */
  | { readonly kind: 'unrecorded' }
  /** Scheduled or postponed: no result yet. */
  | { readonly kind: 'pending' }
  | { readonly kind: 'cancelled' };

export function matchOutcome(match: Match): MatchOutcome {
  switch (match.status) {
    case 'played':
      return match.score ? { kind: 'score', score: match.score, offPitch: false } : { kind: 'unrecorded' };
    case 'awarded':
    case 'walkover':
      if (match.decision?.score) return { kind: 'score', score: match.decision.score, offPitch: true };
      if (match.decision) return { kind: 'winner_only', winner: match.decision.winner };
      return { kind: 'unrecorded' };
    case 'scheduled':
      return match.resultNotPublished ? { kind: 'unrecorded' } : { kind: 'pending' };
    case 'postponed':
      return { kind: 'pending' };
    case 'cancelled':
      return { kind: 'cancelled' };
  }
}
