// Football.TXT tokenizer: one line in, a list of tokens out. Punctuation that structures a line
// is a token of its own; everything between spaces and punctuation is a chunk, classified as a
// whole (a score `2-1`, a time `22.00`, a minute `45+1'`, a month-day `Aug/18`, a number, a word).
// Every token keeps its column and the width of the gap before it, because the format separates
// team names in a group line by two or more spaces.

export type TokenKind =
  | 'lbrack'
  | 'rbrack'
  | 'lparen'
  | 'rparen'
  | 'comma'
  | 'semi'
  | 'pipe'
  | 'colon'
  | 'at'
  | 'eq'
  | 'marker' // ▪, ▪▪, » — a heading marker
  | 'dash' // a lone `-`: no result yet, or a separator
  | 'score' // 2-1
  | 'time' // 22.00, 19:00
  | 'minute' // 16', 45+1', 90'+9
  | 'monthDay' // Aug/18
  | 'number'
  | 'word';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** 0-based column of the first character. */
  readonly col: number;
  /** Spaces before the token (0 when it touches the previous one). */
  readonly gap: number;
}

export interface TokenizedLine {
  readonly tokens: readonly Token[];
  /** Text after `#` (a comment), or null. */
  readonly comment: string | null;
  /** Column of the first token (the indentation), or -1 for a blank line. */
  readonly indent: number;
}

const PUNCT: Readonly<Record<string, TokenKind>> = {
  '[': 'lbrack',
  ']': 'rbrack',
  '(': 'lparen',
  ')': 'rparen',
  ',': 'comma',
  ';': 'semi',
  '|': 'pipe',
  ':': 'colon',
  '@': 'at',
  '=': 'eq',
};

export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const SCORE = /^\d{1,2}-\d{1,2}$/;
const TIME = /^\d{1,2}[.:]\d{2}(h)?$/;
const MINUTE = /^\d{1,3}(\+\d{1,2})?'(\+\d{1,2})?$/;
const MONTH_DAY = new RegExp(`^(${MONTHS.join('|')})/\\d{1,2}$`);
const NUMBER = /^\d+$/;
const MARKER = /^[▪»]+$/;
const SPACE = /[\s\u00a0]/;

const classify = (chunk: string): TokenKind => {
  if (chunk === '-') return 'dash';
  if (MARKER.test(chunk)) return 'marker';
  if (SCORE.test(chunk)) return 'score';
  if (TIME.test(chunk)) return 'time';
  if (MINUTE.test(chunk)) return 'minute';
  if (MONTH_DAY.test(chunk)) return 'monthDay';
  if (NUMBER.test(chunk)) return 'number';
  return 'word';
};

/** A time chunk (`19:00`) contains a colon; it must be read before the colon splits it. */
const TIME_AT = /^\d{1,2}:\d{2}(?![\d:])/;

export const tokenize = (raw: string): TokenizedLine => {
  const line = raw.replace(/\r$/, '');
  const tokens: Token[] = [];
  let comment: string | null = null;
  let i = 0;
  let gap = 0;
  while (i < line.length) {
    const ch = line[i] ?? '';
    if (SPACE.test(ch)) {
      gap += 1;
      i += 1;
      continue;
    }
    if (ch === '#') {
      comment = line.slice(i + 1).trim();
      break;
    }
    const timeAt = TIME_AT.exec(line.slice(i));
    const punct = Object.hasOwn(PUNCT, ch) ? PUNCT[ch] : undefined;
    if (punct && !timeAt) {
      tokens.push({ kind: punct, text: ch, col: i, gap });
      gap = 0;
      i += 1;
      continue;
    }
    let end = timeAt ? i + timeAt[0].length : i;
    if (!timeAt) {
      while (end < line.length && !SPACE.test(line[end] ?? '') && !Object.hasOwn(PUNCT, line[end] ?? '') && line[end] !== '#') end += 1;
    }
    const chunk = line.slice(i, end);
    tokens.push({ kind: classify(chunk), text: chunk, col: i, gap });
    gap = 0;
    i = end;
  }
  return { tokens, comment, indent: tokens[0]?.col ?? (comment !== null ? line.indexOf('#') : -1) };
};
