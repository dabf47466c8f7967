// What the line reader collects before the whole-file checks (groups, matchdays, ties) run.
import type { GoalEntry } from './goals.js';
import type { ScoreBlock } from './scores.js';
import type { Kickoff, RoundKind, TeamRef } from './types.js';

export interface RoundDraft {
  readonly key: string;
  readonly name: string;
  readonly kind: RoundKind;
  readonly line: number;
}

export interface MatchDraft {
  readonly line: number;
  readonly text: string;
  readonly round: RoundDraft;
  /** The group a heading named (`Group A`), else null. */
  readonly headingGroup: string | null;
  readonly headingMatchday: number | null;
  readonly number: number | null;
  readonly date: string;
  readonly kickoff: Kickoff | null;
  readonly venue: string | null;
  readonly home: TeamRef;
  readonly away: TeamRef;
  readonly result: ScoreBlock;
  readonly awarded: boolean;
  readonly notes: readonly string[];
  readonly goals: (GoalEntry & { readonly line: number })[];
  /** True once a scorer line was read for this match (even `[-; -]`). */
  scorerLines: number;
  semis: number;
}

export interface GroupDef {
  readonly label: string;
  readonly teams: readonly TeamRef[];
  readonly line: number;
}

/** Builds errors that name the file, the line and the line's text. */
export type Fail = (line: number | null, message: string, expected?: string | null) => void;

/** Group-stage matches and knockout matches are sorted by date; lines break ties (the file's order). */
export const byDate = (a: MatchDraft, b: MatchDraft) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.line - b.line);
