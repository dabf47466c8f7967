// What changed between two snapshots of one season, match by match (matched on the match id).
// A source that keeps a season current logs this after each update (`3 results, 1 kickoff moved,
// 2 goals`), so editors see what a poll brought without reading the file.
import type { Goal, Match, Season } from './types.js';

export interface SeasonDiff {
  /** Matches that had no result and now have one (played, awarded or walkover). */
  readonly resultsAdded: readonly string[];
  /** Matches whose result changed (score, shoot-out, extra time, decision) or was withdrawn. */
  readonly resultsChanged: readonly string[];
  /** Matches whose date or kickoff instant changed. */
  readonly kickoffsMoved: readonly string[];
  /** Goals (team, scorer, minute, type) present now that were not before, over all matches. */
  readonly goalsAdded: number;
  /** Goals present before that are gone now (a corrected scorer counts as one removed, one added). */
  readonly goalsRemoved: number;
  readonly matchesAdded: readonly string[];
  readonly matchesRemoved: readonly string[];
  /** Matches changed in another way (status such as postponed, venue, referee, notes, sources…). */
  readonly otherChanges: readonly string[];
}

const DECIDED: ReadonlySet<Match['status']> = new Set(['played', 'awarded', 'walkover']);

/** The result as one comparable value; null while the match has none. */
const resultOf = (m: Match): string | null =>
  DECIDED.has(m.status)
    ? JSON.stringify([
        m.status,
        m.score && [m.score.home, m.score.away],
        m.extraTime,
        m.penalties && [m.penalties.home, m.penalties.away],
        m.decision && [m.decision.winner, m.decision.score && [m.decision.score.home, m.decision.score.away]],
      ])
    : null;

const goalKey = (g: Goal): string => JSON.stringify([g.team, g.player, g.minute, g.type]);

/** Goals of `a` not in `b`, as multisets (two identical goal lines are two goals). */
const goalsMissingFrom = (a: readonly Goal[], b: readonly Goal[]): number => {
  const left = new Map<string, number>();
  for (const g of b) left.set(goalKey(g), (left.get(goalKey(g)) ?? 0) + 1);
  let missing = 0;
  for (const g of a) {
    const n = left.get(goalKey(g)) ?? 0;
    if (n > 0) left.set(goalKey(g), n - 1);
    else missing += 1;
  }
  return missing;
};

/** Every field except the ones the diff counts on their own (the status too, when the result changed). */
const restOf = (m: Match, resultChanged: boolean): string => {
  const { score: _s, extraTime: _e, penalties: _p, decision: _d, goals: _g, date: _date, kickoff: _k, ...rest } = m;
  if (!resultChanged) return JSON.stringify(rest);
  const { status: _status, resultNotPublished: _r, ...others } = rest;
  return JSON.stringify(others);
};

export function diffSeasons(before: Season, after: Season): SeasonDiff {
  const old = new Map(before.matches.map((m) => [m.id, m]));
  const now = new Set(after.matches.map((m) => m.id));
  const resultsAdded: string[] = [];
  const resultsChanged: string[] = [];
  const kickoffsMoved: string[] = [];
  const matchesAdded: string[] = [];
  const otherChanges: string[] = [];
  let goalsAdded = 0;
  let goalsRemoved = 0;

  for (const m of after.matches) {
    const was = old.get(m.id);
    if (was === undefined) {
      matchesAdded.push(m.id);
      if (resultOf(m) !== null) resultsAdded.push(m.id);
      goalsAdded += m.goals.length;
      continue;
    }
    const [r0, r1] = [resultOf(was), resultOf(m)];
    if (r0 === null && r1 !== null) resultsAdded.push(m.id);
    else if (r0 !== r1) resultsChanged.push(m.id);
    if (was.date !== m.date || was.kickoff !== m.kickoff) kickoffsMoved.push(m.id);
    goalsAdded += goalsMissingFrom(m.goals, was.goals);
    goalsRemoved += goalsMissingFrom(was.goals, m.goals);
    if (restOf(was, r0 !== r1) !== restOf(m, r0 !== r1)) otherChanges.push(m.id);
  }
  const matchesRemoved = before.matches.filter((m) => !now.has(m.id)).map((m) => m.id);
  for (const id of matchesRemoved) goalsRemoved += old.get(id)?.goals.length ?? 0;
  return { resultsAdded, resultsChanged, kickoffsMoved, goalsAdded, goalsRemoved, matchesAdded, matchesRemoved, otherChanges };
}

export const isEmptyDiff = (d: SeasonDiff): boolean =>
  d.resultsAdded.length + d.resultsChanged.length + d.kickoffsMoved.length + d.goalsAdded + d.goalsRemoved + d.matchesAdded.length + d.matchesRemoved.length + d.otherChanges.length === 0;

const count = (n: number, one: string, many: string): string | null => (n === 0 ? null : `${n} ${n === 1 ? one : many}`);

/** One line for the log: `3 results, 1 kickoff moved, 2 goals`; `no change` when nothing differs. */
export function summarizeDiff(d: SeasonDiff): string {
  const parts = [
    count(d.resultsAdded.length, 'result', 'results'),
    count(d.resultsChanged.length, 'result corrected', 'results corrected'),
    count(d.kickoffsMoved.length, 'kickoff moved', 'kickoffs moved'),
    count(d.goalsAdded, 'goal', 'goals'),
    count(d.goalsRemoved, 'goal removed', 'goals removed'),
    count(d.matchesAdded.length, 'match added', 'matches added'),
    count(d.matchesRemoved.length, 'match removed', 'matches removed'),
    count(d.otherChanges.length, 'other match change', 'other match changes'),
  ].filter((p): p is string => p !== null);
  return parts.length === 0 ? 'no change' : parts.join(', ');
}
