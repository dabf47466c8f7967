// The score block of a match line, read from tokens: `2-1`, `2-1 (1-0)`, `-` (no result yet),
// `3-2 pen. (1-1, 0-1)`, `3-2 pen. (0-0)`, `4-2 pen. 3-3 a.e.t. (2-2, 2-0)`, `1-1 a.e.t., 1-3 pen.`.
// Scores outside parentheses are tagged (`pen.`, `a.e.t.`) or plain; the parenthesised list gives
// the earlier states of the match, latest first, down to half-time.
import type { Token } from './tokenizer.js';
import type { Score } from './types.js';

export interface ScoreBlock {
  readonly score: Score | null;
  readonly fullTime: Score | null;
  readonly halfTime: Score | null;
  readonly extraTime: boolean;
  readonly penalties: Score | null;
}

export type ScoreRead = { readonly block: ScoreBlock; readonly next: number } | { readonly problem: string };

const PEN_TAGS = new Set(['pen.', 'pen', 'p.', 'pso', 'i.e.']);
const AET_TAGS = new Set(['a.e.t.', 'a.e.t', 'aet', 'aet.', 'n.v.']);

const tagOf = (t: Token | undefined): 'pen' | 'aet' | null => {
  if (t?.kind !== 'word') return null;
  const w = t.text.toLowerCase();
  return PEN_TAGS.has(w) ? 'pen' : AET_TAGS.has(w) ? 'aet' : null;
};

export const scoreOf = (text: string): Score => {
  const [h, a] = text.split('-').map(Number);
  return [h ?? 0, a ?? 0];
};

const level = (s: Score) => s[0] === s[1];
const same = (a: Score, b: Score) => a[0] === b[0] && a[1] === b[1];
const show = (s: Score) => `${s[0]}-${s[1]}`;

/** Reads a score block starting at `start`; `next` is the first token after it. */
export const readScoreBlock = (tokens: readonly Token[], start: number): ScoreRead => {
  const first = tokens[start];
  if (first?.kind === 'dash') {
    return { block: { score: null, fullTime: null, halfTime: null, extraTime: false, penalties: null }, next: start + 1 };
  }
  let plain: Score | null = null;
  let aet: Score | null = null;
  let pens: Score | null = null;
  let paren: Score[] | null = null;
  let i = start;
  for (;;) {
    const t = tokens[i];
    if (t?.kind === 'score') {
      const s = scoreOf(t.text);
      const tag = tagOf(tokens[i + 1]);
      i += tag ? 2 : 1;
      if (tag === 'pen') {
        if (pens) return { problem: 'two penalty shoot-out scores' };
        pens = s;
      } else if (tag === 'aet') {
        if (aet) return { problem: 'two scores after extra time' };
        aet = s;
      } else {
        if (plain || aet) return { problem: `a second result ${show(s)} where one was expected` };
        plain = s;
      }
      continue;
    }
    if (t?.kind === 'lparen' && tokens[i + 1]?.kind === 'score') {
      if (paren) return { problem: 'two sets of parentheses in the score' };
      const list: Score[] = [];
      let j = i + 1;
      for (;;) {
        const s = tokens[j];
        if (s?.kind !== 'score') return { problem: 'expected scores separated by commas inside the parentheses, e.g. (1-1, 0-1)' };
        list.push(scoreOf(s.text));
        const after = tokens[j + 1];
        if (after?.kind === 'comma') {
          j += 2;
          continue;
        }
        if (after?.kind === 'rparen') break;
        return { problem: 'expected ")" after the scores in parentheses' };
      }
      paren = list;
      i = j + 2;
      continue;
    }
    // A comma separates the parts of a result (`1-1 a.e.t., 1-3 pen.`) only when a score follows.
    if (t?.kind === 'comma' && tokens[i + 1]?.kind === 'score') {
      i += 1;
      continue;
    }
    break;
  }
  if (!plain && !aet && !pens) return { problem: 'expected a result such as 2-1, 2-1 (1-0), 3-2 pen. (1-1, 0-1) or "-" for none' };
  if (plain && aet) return { problem: 'a result and a score after extra time' };
  if (pens && level(pens)) return { problem: `a penalty shoot-out cannot end level (${show(pens)})` };

  const list = paren ?? [];
  let score: Score | null;
  let fullTime: Score | null = null;
  let halfTime: Score | null = null;
  let extraTime = false;
  if (plain) {
    // `2-1 (1-0)`: the parentheses hold half-time.
    if (list.length > 1) return { problem: `expected one half-time score after ${show(plain)}, found ${list.length}` };
    score = plain;
    fullTime = plain;
    halfTime = list[0] ?? null;
  } else {
    // After `a.e.t.` or a lone `pen.`: the parentheses run [after extra time,] full time[, half-time].
    if (list.length > 3) return { problem: 'more than three scores in parentheses' };
    let rest = list;
    if (list.length === 3) {
      const [afterEt, ...others] = list as [Score, Score, Score];
      if (aet && !same(aet, afterEt)) return { problem: `${show(aet)} a.e.t. but ${show(afterEt)} in parentheses` };
      aet = afterEt;
      rest = others;
    }
    extraTime = aet !== null;
    fullTime = rest[0] ?? null;
    halfTime = rest[1] ?? null;
    score = aet ?? fullTime;
    if (!score) return { problem: 'a penalty shoot-out without the score it followed, e.g. 3-2 pen. (1-1, 0-1)' };
  }
  if (halfTime && fullTime && (halfTime[0] > fullTime[0] || halfTime[1] > fullTime[1])) {
    return { problem: `half-time ${show(halfTime)} is more than full time ${show(fullTime)}` };
  }
  if (extraTime && fullTime && score && (fullTime[0] > score[0] || fullTime[1] > score[1])) {
    return { problem: `full time ${show(fullTime)} is more than ${show(score)} after extra time` };
  }
  return { block: { score, fullTime, halfTime, extraTime, penalties: pens }, next: i };
};
