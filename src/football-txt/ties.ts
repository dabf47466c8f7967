// Ties of the qualifying and knockout rounds: the legs of a tie are the matches of one round between
// the same two clubs. Who goes through is left to the engine (aggregate, away goals, penalties,
// awarded legs under the competition's rules); this records what decides it.
import { byDate, type Fail, type MatchDraft, type RoundDraft } from './draft.js';
import type { ParsedTie, Score } from './types.js';

export interface TieResult {
  readonly ties: ParsedTie[];
  readonly twoLegged: Set<string>;
  /** Match line → leg number, for two-legged rounds. */
  readonly legOf: Map<number, 1 | 2>;
}

export const resolveTies = (rounds: readonly RoundDraft[], matches: readonly MatchDraft[], fail: Fail): TieResult => {
  const ties: ParsedTie[] = [];
  const twoLegged = new Set<string>();
  const legOf = new Map<number, 1 | 2>();
  for (const round of rounds.filter((r) => r.kind !== 'group')) {
    const byPair = new Map<string, MatchDraft[]>();
    for (const m of matches.filter((x) => x.round === round).sort(byDate)) {
      const pair = [m.home.name, m.away.name].sort().join('\u0000');
      byPair.set(pair, [...(byPair.get(pair) ?? []), m]);
    }
    const legsOfPairs = [...byPair.values()];
    if (legsOfPairs.some((legs) => legs.length === 2)) twoLegged.add(round.key);
    for (const legs of legsOfPairs) {
      if (legs.length > 2) {
        fail(legs[2]?.line ?? round.line, `${legs[0]?.home.name} and ${legs[0]?.away.name} meet ${legs.length} times in "${round.name}" (lines ${legs.map((l) => l.line).join(', ')}); a tie has one or two legs`);
        continue;
      }
      const first = legs[0] as MatchDraft;
      const oriented = (m: MatchDraft, s: Score): Score => (m.home.name === first.home.name ? s : [s[1], s[0]]);
      const results = legs.map((m) => m.result.score);
      const aggregate = results.every((s) => s !== null)
        ? legs.reduce<Score>((sum, m) => {
            const s = oriented(m, m.result.score as Score);
            return [sum[0] + s[0], sum[1] + s[1]];
          }, [0, 0])
        : null;
      const last = legs[legs.length - 1] as MatchDraft;
      if (twoLegged.has(round.key)) legs.forEach((m, i) => legOf.set(m.line, (i + 1) as 1 | 2));
      ties.push({
        round: round.key,
        first: first.home,
        second: first.away,
        legs: legs.map((m) => m.line),
        aggregate,
        penalties: last.result.penalties ? oriented(last, last.result.penalties) : null,
        extraTime: legs.some((m) => m.result.extraTime),
        awardedLegs: legs.filter((m) => m.awarded).map((m) => m.line),
      });
    }
  }
  return { ties, twoLegged, legOf };
};
