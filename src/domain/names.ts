// Forgiving name lookup for teams and players: accents, case, punctuation, aliases, prefixes and small typos.
import type { Team } from './types.js';
import { UserError } from './errors.js';
import { memoByString } from './memo.js';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Arabic letters spelled either way by fans, folded as Arabic search does: the tatweel (a stretch
 * that carries no letter) goes, teh marbuta reads as heh, alef maqsura as yeh. Harakat and the
 * hamza on alef go with the other combining marks.
 */
const foldArabic = (s: string): string => s.replace(/\u0640/g, '').replace(/\u0629/g, '\u0647').replace(/\u0649/g, '\u064a');

/** Lower-case, no diacritics, punctuation and runs of spaces collapsed to one space. */
export function normalizeName(s: string): string {
  // Most names and queries are plain ASCII: skip Unicode decomposition for them (it is the slow part).
  if (PRINTABLE_ASCII.test(s)) return s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  return foldArabic(s.normalize('NFKD').replace(/\p{M}/gu, ''))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A searchable string, normalized once. */
interface Candidate {
  readonly text: string;
  readonly compact: string;
  readonly tokens: readonly string[];
  /** Character signatures (see `charMask`) of `text` and of each token. */
  readonly mask: number;
  readonly tokenMasks: readonly number[];
}

/**
 * A 32-bit set of the characters in `s` (folded by code modulo 32). Every character type that one
 * string has and the other lacks costs at least one edit, so the set difference bounds the edit
 * distance from below; folding only shrinks the difference, which keeps the bound valid.
 */
function charMask(s: string): number {
  let mask = 0;
  for (let i = 0; i < s.length; i += 1) mask |= 1 << (s.charCodeAt(i) & 31);
  return mask;
}

function popcount(n: number): number {
  let x = n - ((n >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** A lower bound of the edit distance between two strings with these masks. */
const maskDistance = (a: number, b: number): number => Math.max(popcount(a & ~b), popcount(b & ~a));

const candidate = (raw: string): Candidate => {
  const text = normalizeName(raw);
  const tokens = text.split(' ').filter(Boolean);
  return { text, compact: text.replace(/ /g, ''), tokens, mask: charMask(text), tokenMasks: tokens.map(charMask) };
};

const SCORE = {
  exact: 100,
  compact: 98,
  prefix: 90,
  tokenPrefix: 75,
  substring: 60,
  /** Fuzzy: this minus 10 per edit. */
  fuzzy: 40,
} as const;

/** At or above this a hit counts as a "strong" match that `resolveTeam` may pick. */
const STRONG = SCORE.substring;

/** Typos tolerated for a query of this length. */
const allowedEdits = (length: number): number => (length <= 3 ? 0 : length <= 5 ? 1 : 2);

// Three reusable DP rows: fuzzy search runs hundreds of comparisons per query, and fresh arrays for
// each would be most of its cost.
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)] as const;

/** Optimal string alignment distance (edits + adjacent swaps), giving up once it exceeds `max`. */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (rows[0].length <= b.length) rows = [new Int32Array(b.length + 1), new Int32Array(b.length + 1), new Int32Array(b.length + 1)];
  let [prevPrev, prev, row] = rows;
  for (let j = 0; j <= b.length; j += 1) prev[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        value = Math.min(value, (prevPrev[j - 2] as number) + 1);
      }
      row[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    const oldest = prevPrev;
    prevPrev = prev;
    prev = row;
    row = oldest;
  }
  return prev[b.length] as number;
}

/** Exact, prefix, word-prefix and substring matches; 0 when none applies. */
function scoreCandidate(query: Candidate, c: Candidate): number {
  if (c.text === query.text) return SCORE.exact;
  if (c.compact === query.compact) return SCORE.compact;
  if (c.text.startsWith(query.text)) return SCORE.prefix;
  if (query.tokens.every((q) => c.tokens.some((t) => t.startsWith(q)))) return SCORE.tokenPrefix;
  if (c.compact.includes(query.compact)) return SCORE.substring;
  return 0;
}

/** A small typo in the whole name, in one word of it ("zamalk", "berkone"), or in its first letters. */
function fuzzyScore(query: Candidate, c: Candidate): number {
  const max = allowedEdits(query.compact.length);
  if (max === 0) return 0;
  const q = query.text;
  // The masks skip most comparisons before the (costly) distance is computed.
  let best = maskDistance(query.mask, c.mask) <= max ? editDistance(q, c.text, max) : max + 1;
  c.tokens.forEach((token, i) => {
    if (best > 0 && maskDistance(query.mask, c.tokenMasks[i] ?? 0) <= max) best = Math.min(best, editDistance(q, token, max));
  });
  if (best > 0 && c.text.length > q.length) {
    const head = c.text.slice(0, q.length);
    if (maskDistance(query.mask, charMask(head)) <= max) best = Math.min(best, editDistance(q, head, max));
  }
  return best <= max ? SCORE.fuzzy - 10 * best : 0;
}

// Names normalize the same way whatever Season object they come from, so a reloaded season (same
// names, new objects) reuses the work. Bounded: cleared if it ever grows past any real team list.
const nameCandidate = memoByString(10_000, candidate);

/** Normalized once, duplicates dropped (the id usually normalizes to the name). */
function uniqueCandidates(raw: readonly string[]): Candidate[] {
  const seen = new Set<string>();
  const out: Candidate[] = [];
  for (const r of raw) {
    const c = nameCandidate(r);
    if (c.text === '' || seen.has(c.text)) continue;
    seen.add(c.text);
    out.push(c);
  }
  return out;
}

interface Entry<T> {
  readonly item: T;
  readonly label: string;
  readonly candidates: readonly Candidate[];
}

const teamEntries = new WeakMap<readonly Team[], readonly Entry<Team>[]>();

function entriesOf(teams: readonly Team[]): readonly Entry<Team>[] {
  const cached = teamEntries.get(teams);
  if (cached) return cached;
  const entries = teams.map((team) => ({
    item: team,
    label: team.name,
    candidates: uniqueCandidates([team.name, ...team.aliases, team.id]),
  }));
  teamEntries.set(teams, entries);
  return entries;
}

interface Hit<T> {
  readonly item: T;
  readonly label: string;
  readonly score: number;
}

/** Every entry's best score for the query under `score`, unsorted; none for a blank query. */
function scored<T>(entries: readonly Entry<T>[], q: Candidate, score: (q: Candidate, c: Candidate) => number): Hit<T>[] {
  const hits: Hit<T>[] = [];
  if (q.text === '') return hits;
  for (const entry of entries) {
    let top = 0;
    for (const c of entry.candidates) {
      top = Math.max(top, score(q, c));
      if (top === SCORE.exact) break;
    }
    if (top > 0) hits.push({ item: entry.item, label: entry.label, score: top });
  }
  return hits;
}

const bestFirst = <T>(hits: Hit<T>[]): Hit<T>[] => hits.sort((a, b) => b.score - a.score || a.label.localeCompare(b.label, 'en'));

/**
 * Scores every entry; typo matching runs only when nothing matches properly, both because next to real
 * matches typos are noise and because it is the expensive part.
 */
function rank<T>(entries: readonly Entry<T>[], query: string): Hit<T>[] {
  const q = candidate(query);
  const hits = scored(entries, q, scoreCandidate);
  return bestFirst(hits.length > 0 ? hits : scored(entries, q, fuzzyScore));
}

/** Teams matching the query, best first (exact, prefix, word prefix, substring); small typos only when nothing else matches. */
export function searchTeams(teams: readonly Team[], query: string, limit = 25): Team[] {
  return rank(entriesOf(teams), query)
    .slice(0, limit)
    .map((hit) => hit.item);
}

const SUGGESTIONS = 5;

/** Closest names for a "did you mean", looser than search: up to a third of the query may be wrong. */
function didYouMean<T>(entries: readonly Entry<T>[], query: string): string[] {
  const q = normalizeName(query);
  if (q === '') return [];
  const qMask = charMask(q);
  const max = Math.max(2, Math.floor(q.length / 3));
  const scored: { label: string; distance: number }[] = [];
  for (const entry of entries) {
    let distance = max + 1;
    for (const c of entry.candidates) {
      if (maskDistance(qMask, c.mask) <= max) distance = Math.min(distance, editDistance(q, c.text, max));
      c.tokens.forEach((token, i) => {
        if (maskDistance(qMask, c.tokenMasks[i] ?? 0) <= max) distance = Math.min(distance, editDistance(q, token, max));
      });
    }
    if (distance <= max) scored.push({ label: entry.label, distance });
  }
  return scored
    .sort((a, b) => a.distance - b.distance || a.label.localeCompare(b.label, 'en'))
    .slice(0, SUGGESTIONS)
    .map((s) => s.label);
}

/**
 * What resolveTeam decides: the team, or a refusal whose suggestions are worked out only when asked
 * (a typo search and a did-you-mean over every name: the costly part, and a refusal is often only a
 * "no", as when the default-season rule asks each season whether it has the club). Typo scores stay
 * below STRONG, so only the proper matches can name a team.
 */
type Decision =
  | { readonly team: Team }
  | { readonly refusal: 'ambiguous' | 'unknown'; readonly suggestions: () => readonly string[] };

function decideTeam(teams: readonly Team[], query: string): Decision {
  const entries = entriesOf(teams);
  const q = candidate(query);
  const hits = bestFirst(scored(entries, q, scoreCandidate));
  const best = hits[0];
  if (best && best.score >= STRONG) {
    const level = hits.filter((hit) => hit.score === best.score);
    if (level.length === 1) return { team: best.item };
    const labels = level.slice(0, SUGGESTIONS).map((hit) => hit.label);
    return { refusal: 'ambiguous', suggestions: () => labels };
  }
  let suggestions: readonly string[] | undefined;
  const suggest = (): readonly string[] => {
    if (suggestions === undefined) {
      const loose = hits.length > 0 ? hits : bestFirst(scored(entries, q, fuzzyScore));
      suggestions = loose.length > 0 ? loose.slice(0, SUGGESTIONS).map((hit) => hit.label) : didYouMean(entries, query);
    }
    return suggestions;
  };
  return { refusal: 'unknown', suggestions: suggest };
}

/** A refusal as the UserError resolveTeam throws, naming the query as typed. */
const refusalError = (decision: Exclude<Decision, { readonly team: Team }>, query: string): UserError =>
  new UserError(
    decision.refusal === 'ambiguous' ? `More than one team matches "${query}"` : `No team matches "${query}"`,
    [...decision.suggestions()],
  );

/**
 * The one team the query names. Throws UserError (with did-you-mean suggestions) when nothing
 * matches strongly, or when several teams match equally well ("United").
 */
export function resolveTeam(teams: readonly Team[], query: string): Team {
  const decision = decideTeam(teams, query);
  if ('team' in decision) return decision.team;
  throw refusalError(decision, query);
}

/** How many folded queries are kept per team list (the oldest dropped first). */
const RESOLVED_LIMIT = 1000;
const decisions = new WeakMap<readonly Team[], Map<string, Decision>>();

/**
 * decideTeam, kept per team list (a season's teams stay the same array while the season does) and
 * folded query: it reads the query only as normalizeName folds it, so "Zamálek" and "zamalek" share it.
 */
function keptDecision(teams: readonly Team[], query: string): Decision {
  let known = decisions.get(teams);
  if (known === undefined) {
    known = new Map();
    decisions.set(teams, known);
  }
  const folded = normalizeName(query);
  let decision = known.get(folded);
  if (decision === undefined) {
    decision = decideTeam(teams, query);
    if (known.size >= RESOLVED_LIMIT) known.delete(known.keys().next().value as string);
    known.set(folded, decision);
  }
  return decision;
}

/**
 * resolveTeam, the same answer and the same UserError (naming the query as typed), kept per team list
 * and folded query: every club command resolves its option, often the same autocomplete id, on each call.
 */
export function resolveTeamOnce(teams: readonly Team[], query: string): Team {
  const decision = keptDecision(teams, query);
  if ('team' in decision) return decision.team;
  throw refusalError(decision, query);
}

/** The team resolveTeam would give, or undefined where it refuses; kept as resolveTeamOnce is. */
export const findTeamOnce = (teams: readonly Team[], query: string): Team | undefined => {
  const decision = keptDecision(teams, query);
  return 'team' in decision ? decision.team : undefined;
};

const playerEntries = new WeakMap<readonly string[], readonly Entry<string>[]>();

/** Player names matching the query, best first; same rules as team search. */
export function searchPlayers(names: readonly string[], query: string, limit = 25): string[] {
  let entries = playerEntries.get(names);
  if (!entries) {
    entries = names.map((name) => ({ item: name, label: name, candidates: [nameCandidate(name)] }));
    playerEntries.set(names, entries);
  }
  return rank(entries, query)
    .slice(0, limit)
    .map((hit) => hit.item);
}
