// Scorer lines: `(Enner VALENCIA 16'(p), 31')`, `[-; Cody Gakpo 84' Davy Klaassen 90+9']`,
// `Lionel MESSI 23'(p), 108', Angel DI MARIA 36';` and their continuation on the next line.
// A `;` separates the home team's goals from the away team's; `-` says a side scored none.
// Own goals are listed under the team they counted for, as the format does.
import type { Token } from './tokenizer.js';

export interface GoalEntry {
  readonly player: string;
  readonly minute: number;
  readonly stoppage: number | null;
  readonly penalty: boolean;
  readonly ownGoal: boolean;
  /** Semicolons before this goal on its line: with the ones on earlier lines, 0 is home, 1 away. */
  readonly part: number;
}

export interface GoalLine {
  readonly entries: readonly GoalEntry[];
  /** Semicolons seen on this line. */
  readonly semis: number;
  /** The bracket still open at the end of the line (the block continues), else null. */
  readonly openCloser: 'rparen' | 'rbrack' | null;
}

const PENALTY_MARKS = new Set(['p', 'pen', 'pen.', 'p.']);
const OWN_GOAL_MARKS = new Set(['og', 'o.g.', 'o.g', 'og.']);

export const readMinute = (text: string): { minute: number; stoppage: number | null } => {
  // 45+1' and the older 90'+9 spelling.
  const m = /^(\d+)(?:\+(\d+))?'(?:\+(\d+))?$/.exec(text);
  const extra = m?.[2] ?? m?.[3];
  return { minute: Number(m?.[1] ?? 0), stoppage: extra === undefined ? null : Number(extra) };
};

/**
 * Reads scorer tokens from `start`. `closer` is the bracket that ends the block when the line
 * (or an earlier one) opened it; `semisBefore` counts the `;` on the block's earlier lines.
 */
export const readGoals = (
  tokens: readonly Token[],
  start: number,
  closer: 'rparen' | 'rbrack' | null,
  semisBefore: number,
): GoalLine | { problem: string } => {
  const entries: GoalEntry[] = [];
  let player: string | null = null;
  let name: string[] = [];
  let semis = 0;
  let i = start;
  let closed = closer === null;
  let lastWasMinute = false;
  while (i < tokens.length) {
    const t = tokens[i] as Token;
    if (closer && t.kind === closer) {
      closed = true;
      i += 1;
      break;
    }
    if (t.kind === 'word' || t.kind === 'number') {
      if (lastWasMinute) player = null;
      name.push(t.text);
      lastWasMinute = false;
      i += 1;
      continue;
    }
    if (t.kind === 'minute') {
      if (name.length > 0) {
        player = name.join(' ');
        name = [];
      }
      if (!player) return { problem: `a minute (${t.text}) with no scorer before it` };
      const { minute, stoppage } = readMinute(t.text);
      let penalty = false;
      let ownGoal = false;
      i += 1;
      // Markers right after the minute: (p), (pen.), (og), (o.g.)
      while (tokens[i]?.kind === 'lparen' && tokens[i + 1]?.kind === 'word' && tokens[i + 2]?.kind === 'rparen') {
        const mark = (tokens[i + 1] as Token).text.toLowerCase();
        if (PENALTY_MARKS.has(mark)) penalty = true;
        else if (OWN_GOAL_MARKS.has(mark)) ownGoal = true;
        else return { problem: `unknown goal marker (${(tokens[i + 1] as Token).text}); expected (p), (pen.), (og) or (o.g.)` };
        i += 3;
      }
      entries.push({ player, minute, stoppage, penalty, ownGoal, part: semis });
      lastWasMinute = true;
      continue;
    }
    if (t.kind === 'comma') {
      if (name.length > 0) return { problem: `"${name.join(' ')}" has no minute` };
      i += 1;
      continue;
    }
    if (t.kind === 'semi') {
      if (name.length > 0) return { problem: `"${name.join(' ')}" has no minute` };
      if (semisBefore + semis >= 1) return { problem: 'more than one ";" in a scorer block (it separates the home goals from the away goals)' };
      semis += 1;
      player = null;
      lastWasMinute = false;
      i += 1;
      continue;
    }
    if (t.kind === 'dash' && name.length === 0) {
      // `-`: this side scored none.
      i += 1;
      continue;
    }
    return { problem: `unexpected "${t.text}" in a scorer list` };
  }
  if (name.length > 0) return { problem: `"${name.join(' ')}" has no minute` };
  if (i < tokens.length) return { problem: `unexpected "${(tokens[i] as Token).text}" after the scorer list` };
  return { entries, semis, openCloser: closed ? null : closer };
};
