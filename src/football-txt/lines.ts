// The line grammar: what one tokenized line is, without looking at the lines around it. The file
// reader (parse.ts) decides about the few lines that depend on context (a scorer block that goes
// on, a line-up under a match).
import { isWeekday, monthIndex, type DayOfYear } from './dates.js';
import { readGoals, type GoalLine } from './goals.js';
import { readScoreBlock, type ScoreBlock } from './scores.js';
import type { Token, TokenizedLine } from './tokenizer.js';
import type { RoundKind, TeamRef } from './types.js';

export interface KickoffText {
  readonly local: string;
  readonly zone: string | null;
}

export interface DatePrefix {
  readonly day: DayOfYear;
  readonly kickoff: KickoffText | null;
}

export type HeadingPart =
  | { readonly kind: 'stage'; readonly name: string; readonly roundKind: RoundKind | 'container' }
  | { readonly kind: 'group'; readonly label: string | null }
  | { readonly kind: 'matchday'; readonly matchday: number };

export type LineNode =
  | { readonly kind: 'blank' }
  | { readonly kind: 'comment' }
  | { readonly kind: 'title'; readonly text: string }
  | { readonly kind: 'groupDef'; readonly label: string; readonly teams: readonly TeamRef[] }
  | { readonly kind: 'matchdayDef'; readonly matchday: number; readonly days: readonly DayOfYear[] }
  | { readonly kind: 'heading'; readonly level: number; readonly text: string; readonly parts: readonly HeadingPart[] }
  | { readonly kind: 'date'; readonly day: DayOfYear; readonly kickoff: KickoffText | null; readonly venue: string | null }
  | {
      readonly kind: 'match';
      readonly number: number | null;
      readonly day: DayOfYear | null;
      readonly kickoff: KickoffText | null;
      readonly home: TeamRef;
      readonly away: TeamRef;
      readonly result: ScoreBlock;
      readonly venue: string | null;
      readonly awarded: boolean;
      readonly notes: readonly string[];
    }
  | ({ readonly kind: 'goals' } & GoalLine);

export interface LineProblem {
  readonly problem: string;
  readonly expected: string;
}

export const EXPECT = {
  any: 'a section heading (Qual. Round 1, Group A, Quarterfinals, Final), a group line (Group A | Team  Team), a date ([Fri Aug/18]), a match (22.00  Home (ABC)  2-1 (1-0)  Away (DEF)) or a scorer line ((Name 16\', 45+1\'(p); Name 90\'(og)))',
  match: "a match line: [time] Home (ABC)  2-1 (1-0)  Away (DEF) [@ venue] [[awarded]], or Home v Away  2-1",
  goals: "a scorer line: (Name 16', 45+1'(p); Name 90'(og)) or [-; Name 31']",
  heading: 'a section heading such as Qual. Round 1, Group, Group A, » Group stage - Group A, Quarterfinals or Final',
  groupDef: 'a group line: Group A  |  Team  Team  Team  Team, or Group A : Team, Team, Team, Team',
  date: 'a date line such as [Fri Aug/18] or Sun Nov/20 2022 @ Stadium › City',
} as const;

const endOf = (t: Token) => t.col + t.text.length;
const textOf = (line: string, from: Token, to: Token) => line.slice(from.col, endOf(to)).replace(/\s+/g, ' ').trim();

// ---------------------------------------------------------------- teams

const CODE = /^[A-Z]{2,4}$/;
const NAME_KINDS = new Set(['word', 'number']);

/** A team from tokens [start, end): words, optionally followed by `(ABC)`. */
export const readTeam = (line: string, tokens: readonly Token[], start: number, end: number): TeamRef | { problem: string } => {
  let last = end;
  let code: string | null = null;
  const close = tokens[end - 1];
  const inner = tokens[end - 2];
  if (close?.kind === 'rparen' && inner?.kind === 'word' && tokens[end - 3]?.kind === 'lparen') {
    if (!CODE.test(inner.text)) return { problem: `"(${inner.text})" is not an association code such as (ALG)` };
    code = inner.text;
    last = end - 3;
  }
  if (last <= start) return { problem: 'a team name is missing' };
  for (let i = start; i < last; i++) {
    const t = tokens[i] as Token;
    if (!NAME_KINDS.has(t.kind)) return { problem: `unexpected "${t.text}" in a team name` };
  }
  return { name: textOf(line, tokens[start] as Token, tokens[last - 1] as Token), code };
};

// ---------------------------------------------------------------- dates

const ZONE = /^(UTC|GMT)([+-]\d{1,2}(:?\d{2})?)?$/;

/** `[Fri Aug/18]`, `Sun Nov/20 2022`, `Sat Dec 3`, `Aug/18`, followed by an optional `19:00 [UTC+3]`. */
export const readDatePrefix = (tokens: readonly Token[], start: number): { prefix: DatePrefix | null; next: number } | { problem: string } => {
  let i = start;
  const dateLike = (t: Token | undefined) => t?.kind === 'monthDay' || (t?.kind === 'word' && (isWeekday(t.text) || monthIndex(t.text) >= 0));
  // `[` opens a date only when a weekday or month follows (`[-; Name 16']` is a scorer block).
  const bracketed = tokens[i]?.kind === 'lbrack' && dateLike(tokens[i + 1]);
  if (bracketed) i += 1;
  let weekday: string | null = null;
  const w = tokens[i];
  if (w?.kind === 'word' && isWeekday(w.text) && (tokens[i + 1]?.kind === 'monthDay' || (tokens[i + 1]?.kind === 'word' && tokens[i + 2]?.kind === 'number'))) {
    weekday = w.text;
    i += 1;
  }
  let month = -1;
  let day = 0;
  const md = tokens[i];
  if (md?.kind === 'monthDay') {
    const [m, d] = md.text.split('/');
    month = monthIndex(m ?? '');
    day = Number(d);
    i += 1;
  } else if (md?.kind === 'word' && monthIndex(md.text) >= 0 && /^[A-Za-z]+\.?$/.test(md.text) && tokens[i + 1]?.kind === 'number' && Number(tokens[i + 1]?.text) <= 31) {
    month = monthIndex(md.text);
    day = Number(tokens[i + 1]?.text);
    i += 2;
  } else {
    if (bracketed || weekday) return { problem: 'expected a month and day such as Aug/18 or Nov 20' };
    return { prefix: null, next: start };
  }
  let year: number | null = null;
  const y = tokens[i];
  if (y?.kind === 'number' && /^\d{4}$/.test(y.text)) {
    year = Number(y.text);
    i += 1;
  }
  if (bracketed) {
    if (tokens[i]?.kind !== 'rbrack') return { problem: 'expected "]" to close the date' };
    i += 1;
  }
  let kickoff: KickoffText | null = null;
  const t = tokens[i];
  if (t?.kind === 'time') {
    const z = tokens[i + 1];
    const zone = z?.kind === 'word' && ZONE.test(z.text) ? z.text : null;
    kickoff = { local: t.text, zone };
    i += zone ? 2 : 1;
  }
  return { prefix: { day: { month, day, year, weekday }, kickoff }, next: i };
};

// ---------------------------------------------------------------- headings

const KNOCKOUT = /third place|3rd place|\bfinals?\b|semi|quarter|round of \d+|last \d+|\b1\/\d+|knock-?out|eighth/i;
const GROUP = /\bgroups?\b|league phase|league stage/i;
const QUALIFYING = /qual|prelim|play-?off|\bfirst round\b|\bsecond round\b|\bround \d+\b/i;
const CONTAINER = /\bstage\b|\bphase\b/i;

export const roundKindOf = (name: string): RoundKind | 'container' | null => {
  if (KNOCKOUT.test(name)) return 'knockout';
  if (GROUP.test(name)) return 'group';
  if (QUALIFYING.test(name)) return 'qualifying';
  if (CONTAINER.test(name)) return 'container';
  return null;
};

const readHeadingPart = (words: readonly Token[]): HeadingPart | null => {
  const [first, second, ...more] = words;
  if (!first) return null;
  const head = first.text.toLowerCase();
  if ((head === 'group' || head === 'groups') && more.length === 0) {
    if (!second) return { kind: 'group', label: null };
    if (/^[A-Za-z0-9]{1,3}$/.test(second.text)) return { kind: 'group', label: second.text };
  }
  if (head === 'matchday' && second?.kind === 'number' && more.length === 0) return { kind: 'matchday', matchday: Number(second.text) };
  const name = words.map((w) => w.text).join(' ');
  const kind = roundKindOf(name);
  return kind ? { kind: 'stage', name, roundKind: kind } : null;
};

/** `Quarterfinals`, `Group A:`, `▪▪ Group A`, `» Group stage - Group A`, `▪ Group A, Matchday 1`. */
export const readHeading = (line: string, tokens: readonly Token[]): LineNode | { problem: string } => {
  let i = 0;
  let level = 0;
  if (tokens[0]?.kind === 'marker') {
    level = [...tokens[0].text].length;
    i = 1;
  }
  let end = tokens.length;
  if (tokens[end - 1]?.kind === 'colon') end -= 1;
  if (i >= end) return { problem: 'a heading with no name' };
  const parts: HeadingPart[] = [];
  let words: Token[] = [];
  const flush = (): string | null => {
    const part = readHeadingPart(words);
    if (!part) return `"${words.map((w) => w.text).join(' ')}" names no round, group or matchday`;
    parts.push(part);
    words = [];
    return null;
  };
  for (; i < end; i++) {
    const t = tokens[i] as Token;
    if (t.kind === 'dash' || t.kind === 'comma') {
      if (words.length === 0) return { problem: `unexpected "${t.text}" in a heading` };
      const bad = flush();
      if (bad) return { problem: bad };
      continue;
    }
    if (t.kind !== 'word' && t.kind !== 'number') return { problem: `unexpected "${t.text}" in a heading` };
    words.push(t);
  }
  if (words.length === 0) return { problem: 'a heading ends with a separator' };
  const bad = flush();
  if (bad) return { problem: bad };
  const first = tokens[level > 0 ? 1 : 0] as Token;
  return { kind: 'heading', level, text: textOf(line, first, tokens[end - 1] as Token), parts };
};

// ---------------------------------------------------------------- group and matchday definitions

/** `Group A  |  Team  Team  Team` (two or more spaces between teams) or `Group A : T1, T2, T3`. */
const readGroupDef = (line: string, tokens: readonly Token[]): LineNode | { problem: string } => {
  const label = tokens[1] as Token;
  const sep = tokens[2] as Token;
  const teams: TeamRef[] = [];
  let start = 3;
  const byComma = sep.kind === 'colon' || tokens.some((t, i) => i > 2 && t.kind === 'comma');
  for (let i = 3; i <= tokens.length; i++) {
    const t = tokens[i];
    const boundary = !t || (byComma ? t.kind === 'comma' : i > start && t.gap >= 2 && t.kind !== 'lparen');
    if (!boundary) continue;
    if (i === start) return { problem: 'an empty team name in the group line' };
    const team = readTeam(line, tokens, start, i);
    if ('problem' in team) return team;
    teams.push(team);
    start = t?.kind === 'comma' ? i + 1 : i;
  }
  if (teams.length < 2) return { problem: `group ${label.text} lists fewer than two teams` };
  return { kind: 'groupDef', label: label.text, teams };
};

/** `Matchday 1  |  Sun Nov/20` (one or more dates, or a range `Sat Dec 3 - Tue Dec 6`). */
const readMatchdayDef = (tokens: readonly Token[]): LineNode | { problem: string } => {
  const days: DayOfYear[] = [];
  let i = 3;
  while (i < tokens.length) {
    const read = readDatePrefix(tokens, i);
    if ('problem' in read) return read;
    if (!read.prefix) return { problem: `expected a date after "|", found "${tokens[i]?.text}"` };
    days.push(read.prefix.day);
    i = read.next;
    if (tokens[i]?.kind === 'comma' || tokens[i]?.kind === 'dash') i += 1;
  }
  if (days.length === 0) return { problem: 'a matchday line with no date' };
  return { kind: 'matchdayDef', matchday: Number(tokens[1]?.text), days };
};

// ---------------------------------------------------------------- matches

const isVersus = (t: Token | undefined) => t?.kind === 'word' && /^(v|vs\.?)$/i.test(t.text);
const isResultStart = (t: Token | undefined) => t?.kind === 'score' || t?.kind === 'dash';

/** Trailing `[awarded]`-style notes, read from the end of the line. */
const readNotes = (tokens: readonly Token[], end: number): { notes: string[]; end: number } => {
  const notes: string[] = [];
  let e = end;
  while (tokens[e - 1]?.kind === 'rbrack') {
    let j = e - 2;
    while (j >= 0 && tokens[j]?.kind === 'word') j -= 1;
    if (tokens[j]?.kind !== 'lbrack' || j === e - 2) break;
    notes.unshift(
      tokens
        .slice(j + 1, e - 1)
        .map((t) => t.text)
        .join(' '),
    );
    e = j;
  }
  return { notes, end: e };
};

/** The venue after `@` (`Stadium › City, Country`), without an attendance `, Att: 67372`. */
const readVenue = (line: string, tokens: readonly Token[], at: number, end: number): string | null => {
  const from = tokens[at + 1];
  const to = tokens[end - 1];
  if (!from || !to || at + 1 >= end) return null;
  const text = textOf(line, from, to).replace(/,?\s*Att\s*:\s*[\d,.]+$/i, '').trim();
  return text === '' ? null : text;
};

export const readMatch = (line: string, tokens: readonly Token[]): LineNode | { problem: string } => {
  let i = 0;
  let number: number | null = null;
  if (tokens[0]?.kind === 'lparen' && tokens[1]?.kind === 'number' && tokens[2]?.kind === 'rparen') {
    number = Number(tokens[1].text);
    i = 3;
  }
  const date = readDatePrefix(tokens, i);
  if ('problem' in date) return date;
  i = date.next;
  let kickoff = date.prefix?.kickoff ?? null;
  const t = tokens[i];
  if (!kickoff && t?.kind === 'time') {
    const z = tokens[i + 1];
    const zone = z?.kind === 'word' && ZONE.test(z.text) ? z.text : null;
    kickoff = { local: t.text, zone };
    i += zone ? 2 : 1;
  }
  const { notes, end: noteEnd } = readNotes(tokens, tokens.length);
  const atIndex = tokens.findIndex((tok, k) => k >= i && tok.kind === 'at');
  const bodyEnd = atIndex >= 0 && atIndex < noteEnd ? atIndex : noteEnd;
  const venue = atIndex >= 0 && atIndex < noteEnd ? readVenue(line, tokens, atIndex, noteEnd) : null;

  let homeEnd: number;
  let awayStart: number;
  let awayEnd: number;
  let result: ScoreBlock;
  const vs = tokens.findIndex((tok, k) => k >= i && k < bodyEnd && isVersus(tok));
  if (vs >= 0) {
    // Home v Away [result]
    homeEnd = vs;
    awayStart = vs + 1;
    let r = awayStart;
    while (r < bodyEnd && !isResultStart(tokens[r])) r += 1;
    awayEnd = r;
    if (r < bodyEnd) {
      const read = readScoreBlock(tokens, r);
      if ('problem' in read) return read;
      if (read.next !== bodyEnd) return { problem: `unexpected "${tokens[read.next]?.text}" after the result` };
      result = read.block;
    } else {
      result = { score: null, fullTime: null, halfTime: null, extraTime: false, penalties: null };
    }
  } else {
    // Home result Away
    let r = i;
    while (r < bodyEnd && !isResultStart(tokens[r])) r += 1;
    if (r >= bodyEnd) return { problem: 'no result (2-1, or "-" for none) and no "v" between the teams' };
    const read = readScoreBlock(tokens, r);
    if ('problem' in read) return read;
    homeEnd = r;
    awayStart = read.next;
    awayEnd = bodyEnd;
    result = read.block;
  }
  const home = readTeam(line, tokens, i, homeEnd);
  if ('problem' in home) return { problem: `home team: ${home.problem}` };
  const away = readTeam(line, tokens, awayStart, awayEnd);
  if ('problem' in away) return { problem: `away team: ${away.problem}` };
  const awarded = notes.some((n) => n.toLowerCase() === 'awarded');
  return {
    kind: 'match',
    number,
    day: date.prefix?.day ?? null,
    kickoff,
    home,
    away,
    result,
    venue,
    awarded,
    notes: notes.filter((n) => n.toLowerCase() !== 'awarded'),
  };
};

// ---------------------------------------------------------------- the line

/** A kickoff time first, a score, a "v", or a lone "-" between two names: the line means to be a match. */
const looksLikeMatch = (tokens: readonly Token[]) =>
  tokens[0]?.kind === 'time' || tokens.some((t) => t.kind === 'score' || isVersus(t)) || tokens.some((t, k) => t.kind === 'dash' && k > 0 && k < tokens.length - 1);

/**
 * What a line is, by itself. Lines that only make sense in context (a scorer block going on, a
 * line-up) are read by the caller before this.
 */
export const readLine = (line: string, tl: TokenizedLine): LineNode | LineProblem => {
  const { tokens } = tl;
  const first = tokens[0];
  if (!first) return { kind: tl.comment === null ? 'blank' : 'comment' };
  if (first.kind === 'eq') return { kind: 'title', text: tokens.length > 1 ? textOf(line, tokens[1] as Token, tokens[tokens.length - 1] as Token) : '' };
  if (first.kind === 'marker') {
    const h = readHeading(line, tokens);
    return 'problem' in h ? { problem: h.problem, expected: EXPECT.heading } : h;
  }
  const second = tokens[1];
  const third = tokens[2];
  if (first.kind === 'word' && /^groups?$/i.test(first.text) && second && (third?.kind === 'pipe' || (third?.kind === 'colon' && tokens.length > 3))) {
    const g = readGroupDef(line, tokens);
    return 'problem' in g ? { problem: g.problem, expected: EXPECT.groupDef } : g;
  }
  if (first.kind === 'word' && /^matchday$/i.test(first.text) && second?.kind === 'number' && third?.kind === 'pipe') {
    const m = readMatchdayDef(tokens);
    return 'problem' in m ? { problem: m.problem, expected: EXPECT.date } : m;
  }
  const date = readDatePrefix(tokens, 0);
  if ('problem' in date) {
    if (first.kind === 'lbrack') return { problem: date.problem, expected: EXPECT.date };
  } else if (date.prefix && (date.next === tokens.length || tokens[date.next]?.kind === 'at')) {
    const venue = date.next < tokens.length ? readVenue(line, tokens, date.next, tokens.length) : null;
    return { kind: 'date', day: date.prefix.day, kickoff: date.prefix.kickoff, venue };
  }
  const numbered = first.kind === 'lparen' && second?.kind === 'number' && third?.kind === 'rparen';
  if (numbered || (first.kind !== 'lparen' && first.kind !== 'lbrack' && looksLikeMatch(tokens))) {
    const m = readMatch(line, tokens);
    if (!('problem' in m)) return m;
    // `Group stage - Group A` at the start of a line is a heading, not a match with no result.
    const h = tl.indent === 0 && !numbered ? readHeading(line, tokens) : null;
    return h && !('problem' in h) ? h : { problem: m.problem, expected: EXPECT.match };
  }
  if (first.kind === 'lparen' || first.kind === 'lbrack') {
    const g = readGoals(tokens, 1, first.kind === 'lparen' ? 'rparen' : 'rbrack', 0);
    return 'problem' in g ? { problem: g.problem, expected: EXPECT.goals } : { kind: 'goals', ...g };
  }
  if (tokens.some((t) => t.kind === 'minute')) {
    const g = readGoals(tokens, 0, null, 0);
    return 'problem' in g ? { problem: g.problem, expected: EXPECT.goals } : { kind: 'goals', ...g };
  }
  if (tl.indent === 0) {
    const h = readHeading(line, tokens);
    return 'problem' in h ? { problem: h.problem, expected: EXPECT.heading } : h;
  }
  return { problem: 'this line is none of the kinds the format has', expected: EXPECT.any };
};
