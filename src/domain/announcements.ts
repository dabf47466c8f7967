// Matchday announcements as pure planning: which posts a channel subscription should get, and when.
// Everything here works on epoch milliseconds (UTC) passed in explicitly; the outbox stores the
// result and the scheduler sends it. No clocks, no I/O.
import { UserError } from './errors.js';
import { matchOutcome } from './outcome.js';
import type { Goal, Match, Round, TeamId } from './types.js';

/**
 * preview, recap and moved are per round; `result` is one match's full-time post (results:each),
 * `late` a result that came in after its round's recap, `goal` a goal alert (goals:on), and
 * `correction` a follow-up when a result or goal already posted changed or was withdrawn.
 */
export const POST_KINDS = ['preview', 'recap', 'moved', 'result', 'late', 'goal', 'correction'] as const;

/** What a channel gets once results come in: a post per match, one recap per round, or nothing. */
export const RESULTS_MODES = ['each', 'round', 'off'] as const;
export type ResultsMode = (typeof RESULTS_MODES)[number];

/**
 * The season of every subscription and post made before the bot held several seasons (the CAF
 * Confederation Cup 2023–24): the migration gives it to the old rows, and its posts keep the keys (so
 * the nonces) they always had.
 */
export const LEGACY_SEASON_ID = 'caf-cc-2023-24';
export type PostKind = (typeof POST_KINDS)[number];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A match is over this long after kickoff (90 minutes, half-time, stoppage and extra time). */
export const MATCH_SPAN_MS = 2 * HOUR + 30 * MINUTE;
export const DEFAULT_LEADS_MS: readonly number[] = [24 * HOUR];
export const DEFAULT_LATE_WINDOW_MS = 6 * HOUR;
/** A post sent within this long after its due time counts as on time (the heartbeat's granularity). */
export const DEFAULT_ON_TIME_GRACE_MS = 5 * MINUTE;
export const MIN_LEAD_MS = 5 * MINUTE;
export const MAX_LEAD_MS = 14 * DAY;
export const MAX_LEADS = 5;
/** How long a round's recap waits for results still missing after the round's planned end. */
export const DEFAULT_RECAP_WAIT_MS = 6 * HOUR;
/** A goal is alerted only when it becomes known within this long after kickoff: later it is history. */
export const GOAL_WINDOW_MS = 3 * HOUR;

/** What the planner needs of a round: calendar.ts's `seasonRounds` gives these (and more). */
/** What the planner needs of a calendar round (types.ts `Round`): its key, label and matches. */
export type PlanningRound = Pick<Round, 'key' | 'label' | 'matches'>;

export interface Subscription {
  readonly guildId: string;
  readonly channelId: string;
  /** The season the channel follows; absent: LEGACY_SEASON_ID. */
  readonly season?: string | undefined;
  readonly leadsMs: readonly number[];
  /** Full-time posts per match, a recap per round, or none; absent: from `recap` (true: round). */
  readonly results?: ResultsMode | undefined;
  /** Before `results`: true is `round`, false is `off`. Read only when `results` is absent. */
  readonly recap?: boolean | undefined;
  /** Goal alerts (opt-in). */
  readonly goals?: boolean | undefined;
  readonly roleId: string | null;
  /** The club the channel follows: only its matches' posts, with only its matches. Null (or absent): everything. */
  readonly team?: TeamId | null | undefined;
  /** Posts due before this instant are not planned: a new subscription does not inherit the past. */
  readonly activeFrom: number;
}

export interface RoundTiming {
  /** The first kickoff, or 00:00 UTC of the first date when its time is not recorded. */
  readonly start: number;
  readonly startTimeKnown: boolean;
  /** The last kickoff + 2h30, or the end (24:00 UTC) of the last date when its time is not recorded. */
  readonly end: number;
  readonly endTimeKnown: boolean;
}

/** How a match stands for planning purposes: results do not move posts, postponements do. */
export type MatchState = 'on' | 'postponed' | 'cancelled';

export interface MatchSlot {
  readonly id: string;
  readonly kickoff: string | null;
  readonly date: string | null;
  readonly state: MatchState;
}

/** What a round looked like when it was last planned; the outbox keeps one per round. */
export interface RoundSnapshot {
  readonly roundKey: string;
  readonly fingerprint: string;
  readonly matches: readonly MatchSlot[];
}

export interface MatchMove {
  readonly matchId: string;
  /** Null when the match is new to the round. */
  readonly before: MatchSlot | null;
  /** Null when the match left the data. */
  readonly after: MatchSlot | null;
}

export interface RoundChange {
  readonly roundKey: string;
  readonly fingerprint: string;
  readonly moves: readonly MatchMove[];
}

export interface PlannedPost {
  readonly guildId: string;
  readonly channelId: string;
  /** The season the post is about (part of the key); absent: LEGACY_SEASON_ID. */
  readonly season?: string | undefined;
  readonly kind: PostKind;
  readonly roundKey: string;
  /**
   * Distinguishes posts of one kind for one round: the lead (`24h`), `after`, the change's hash; the
   * match id for a full-time or late post, `match:goal` for a goal alert, `match:fact:hash` for a correction.
   */
  readonly slot: string;
  /** The club a club-filtered channel follows (part of the key); null (or absent) for a channel that gets everything. */
  readonly club?: TeamId | null | undefined;
  /** Lead before the first kickoff, for previews; null otherwise. */
  readonly leadMs: number | null;
  readonly dueAt: number;
  /**
   * After this instant the post is no longer worth sending and is recorded as expired: the due time
   * plus the late window, and never after the round's first kickoff for a preview.
   */
  readonly expiresAt: number;
  /** The round's fingerprint when this post was planned. */
  readonly fingerprint: string;
  /** For `moved` notices: what moved. */
  readonly moves: readonly MatchMove[] | null;
}

const stateOf = (match: Match): MatchState =>
  match.status === 'postponed' ? 'postponed' : match.status === 'cancelled' ? 'cancelled' : 'on';

const dateStart = (date: string): number => Date.parse(`${date}T00:00:00Z`);

/**
 * When a round starts and ends. Postponed and cancelled matches and matches with neither a date nor a
 * kickoff do not count; null when no match counts (nothing to announce until the data says when).
 */
export function roundTiming(matches: readonly Match[]): RoundTiming | null {
  let start: { at: number; known: boolean } | null = null;
  let end: { at: number; known: boolean } | null = null;
  for (const match of matches) {
    if (stateOf(match) !== 'on') continue;
    const kickoff = match.kickoff === null ? Number.NaN : Date.parse(match.kickoff);
    const hasKickoff = !Number.isNaN(kickoff);
    if (!hasKickoff && match.date === null) continue;
    const from = hasKickoff ? kickoff : dateStart(match.date!);
    const to = hasKickoff ? kickoff + MATCH_SPAN_MS : dateStart(match.date!) + DAY;
    if (Number.isNaN(from)) continue;
    // At equal instants a known time wins: "16:00" is better information than "that day".
    if (start === null || from < start.at || (from === start.at && hasKickoff)) start = { at: from, known: hasKickoff };
    if (end === null || to > end.at || (to === end.at && hasKickoff)) end = { at: to, known: hasKickoff };
  }
  if (start === null || end === null) return null;
  return { start: start.at, startTimeKnown: start.known, end: end.at, endTimeKnown: end.known };
}

export function snapshotRound(round: PlanningRound): RoundSnapshot {
  const matches = [...round.matches]
    .map((m): MatchSlot => ({ id: m.id, kickoff: m.kickoff, date: m.date, state: stateOf(m) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const fingerprint = matches.map((m) => `${m.id}@${m.kickoff ?? m.date ?? '-'}:${m.state}`).join('|');
  return { roundKey: round.key, fingerprint, matches };
}

/** A short, stable hash (FNV-1a, 32 bit, base 36): names a change in keys without storing it whole. */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

const sameSlot = (a: MatchSlot, b: MatchSlot): boolean => a.kickoff === b.kickoff && a.date === b.date && a.state === b.state;

/**
 * The snapshots that differ from those stored (new rounds, or any match's id, kickoff, date or state):
 * what a replan must write. Most replans (every start) change nothing, and rewriting every round of
 * every season was a hundred or more writes per start (issue 15).
 */
export function changedSnapshots(snapshots: readonly RoundSnapshot[], stored: ReadonlyMap<string, RoundSnapshot>): RoundSnapshot[] {
  return snapshots.filter((snapshot) => {
    const before = stored.get(snapshot.roundKey);
    return (
      before === undefined ||
      before.fingerprint !== snapshot.fingerprint ||
      before.matches.length !== snapshot.matches.length ||
      snapshot.matches.some((m, i) => {
        const was = before.matches[i];
        return was === undefined || was.id !== m.id || !sameSlot(was, m);
      })
    );
  });
}

/** Rounds whose kickoffs, dates or postponements differ from the snapshot last planned. New rounds are not changes. */
export function detectRoundChanges(
  rounds: readonly PlanningRound[],
  previous: ReadonlyMap<string, RoundSnapshot>,
): RoundChange[] {
  const changes: RoundChange[] = [];
  for (const round of rounds) {
    const before = previous.get(round.key);
    const now = snapshotRound(round);
    if (before === undefined || before.fingerprint === now.fingerprint) continue;
    const beforeById = new Map(before.matches.map((m) => [m.id, m]));
    const afterById = new Map(now.matches.map((m) => [m.id, m]));
    const moves: MatchMove[] = [];
    for (const after of now.matches) {
      const was = beforeById.get(after.id) ?? null;
      if (was === null || !sameSlot(was, after)) moves.push({ matchId: after.id, before: was, after });
    }
    for (const was of before.matches) {
      if (!afterById.has(was.id)) moves.push({ matchId: was.id, before: was, after: null });
    }
    if (moves.length > 0) changes.push({ roundKey: round.key, fingerprint: now.fingerprint, moves });
  }
  return changes;
}

const involves = (match: Match, team: TeamId): boolean => match.home === team || match.away === team;

/**
 * A round as a channel following `team` sees it: only the club's matches (none when it does not play
 * in the round). Without a team, the round itself.
 */
export const roundForClub = <R extends PlanningRound>(round: R, team: TeamId | null): R =>
  team === null ? round : { ...round, matches: round.matches.filter((m) => involves(m, team)) };

/** When results and goals became known: the sightings of this installation (editors, source imports). */
export interface KnownFacts {
  /** Match id → when its current result was first seen. */
  readonly results: ReadonlyMap<string, number>;
  /** Match id → goal key (`goalKey`, as sighted) → when the goal was first seen. */
  readonly goals: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

export const NO_FACTS: KnownFacts = { results: new Map(), goals: new Map() };

/**
 * What a channel was last shown of a fact, from its sent posts: per `factKey(match, fact)`, the value
 * (a `resultFingerprint`, or `on` for a goal) and how many corrections of it went out.
 */
export type PostedFacts = ReadonlyMap<string, { readonly value: string; readonly corrections: number; readonly fromRecap?: boolean }>;

export const factKey = (matchId: string, fact: string): string => `${matchId}\u0000${fact}`;

export interface ResultPlanning {
  readonly facts?: KnownFacts | undefined;
  /** How long a recap waits for missing results after the round's planned end. Default 6 h. */
  readonly recapWaitMs?: number | undefined;
  /** What the channel was shown (for corrections); absent: nothing was shown. */
  readonly posted?: PostedFacts | undefined;
  /** The planner's instant: corrections are due then. Needed with `posted`. */
  readonly now?: number | undefined;
}

/** The channel's results mode: its own, else what its old `recap` switch meant (absent: round). */
export const resultsModeOf = (sub: Pick<Subscription, 'results' | 'recap'>): ResultsMode =>
  sub.results ?? (sub.recap === false ? 'off' : 'round');

/** True when the match has a result a post can give: a score, or an awarded winner. */
export const hasResult = (match: Match): boolean => {
  const kind = matchOutcome(match).kind;
  return kind === 'score' || kind === 'winner_only';
};

/**
 * A result as a short stable text (`played 2-1 et p4-3`, `awarded 3-0 w:club`, `none`): what a post
 * showed, so a changed or withdrawn result is noticed.
 */
export function resultFingerprint(match: Match): string {
  if (!hasResult(match)) return 'none';
  const outcome = matchOutcome(match);
  const score = outcome.kind === 'score' ? `${outcome.score.home}-${outcome.score.away}` : '';
  const winner = outcome.kind === 'winner_only' ? ` w:${outcome.winner}` : match.decision ? ` w:${match.decision.winner}` : '';
  const et = match.extraTime ? ' et' : '';
  const pens = match.penalties ? ` p${match.penalties.home}-${match.penalties.away}` : '';
  return `${match.status} ${score}${et}${pens}${winner}`.trim();
}

/** Separates a sent recap's round fingerprint from the results it showed. */
export const SHOWN_SEPARATOR = '\u0001';

/**
 * A sent recap's fingerprint: the round's, then the results it showed (match id → resultFingerprint,
 * matches with a result only: a missing one gets its own follow-up, not a correction).
 */
export const recapFingerprint = (roundFingerprint: string, matches: readonly Match[]): string => {
  const base = roundFingerprint.split(SHOWN_SEPARATOR)[0] ?? '';
  const shown = Object.fromEntries(matches.filter(hasResult).map((m) => [m.id, resultFingerprint(m)]));
  return `${base}${SHOWN_SEPARATOR}${JSON.stringify(shown)}`;
};

/**
 * A goal's key in sightings (`goal:<key>`, fact_sightings.fact): its team, minute and scorer, as the
 * season store writes them (season-store.ts `goalKey`; a corrected scorer is a new goal).
 */
export const goalKey = (goal: Pick<Goal, 'team' | 'minute' | 'player'>): string => `${goal.team}|${goal.minute ?? ''}|${goal.player ?? ''}`;

/** A goal's key in post slots and corrections: `goalKey` hashed (short, and free of `:`). */
export const goalSlotKey = (goal: Pick<Goal, 'team' | 'minute' | 'player'>): string => shortHash(goalKey(goal));

/** The sighting fact name of a goal (fact_sightings.fact). */
export const goalFact = (goal: Goal): string => `goal:${goalKey(goal)}`;

/** When a file's result counts as known: full time (kickoff + MATCH_SPAN_MS), or the end of its day. */
export function fullTimeOf(match: Pick<Match, 'kickoff' | 'date'>): number | null {
  const kickoff = match.kickoff === null ? Number.NaN : Date.parse(match.kickoff);
  if (!Number.isNaN(kickoff)) return kickoff + MATCH_SPAN_MS;
  if (match.date !== null) {
    const day = dateStart(match.date);
    return Number.isNaN(day) ? null : day + DAY;
  }
  return null;
}

/**
 * When the match's result became known: its sighting, else full time (file data). Null: no result.
 * A result with no date at all was always known.
 */
export function resultKnownAt(match: Match, facts: KnownFacts = NO_FACTS): number | null {
  if (!hasResult(match)) return null;
  return facts.results.get(match.id) ?? fullTimeOf(match) ?? Number.NEGATIVE_INFINITY;
}

/**
 * When a round's recap goes out: once every result is known, and at the latest `waitMs` after the
 * round's planned end; the matches known after that instant get a follow-up each. Null: no timing.
 */
export function recapDue(round: PlanningRound, facts: KnownFacts, waitMs: number): { readonly dueAt: number; readonly late: readonly Match[] } | null {
  const timing = roundTiming(round.matches);
  if (timing === null) return null;
  const counted = round.matches.filter((m) => stateOf(m) === 'on' && (m.kickoff !== null || m.date !== null));
  const latest = timing.end + waitMs;
  const known = counted.map((m) => resultKnownAt(m, facts));
  const allKnown = known.every((at) => at !== null);
  const dueAt = allKnown ? Math.min(latest, Math.max(timing.end - MATCH_SPAN_MS, ...(known as number[]))) : latest;
  const late = counted.filter((_, i) => {
    const at = known[i];
    return at !== null && at !== undefined && at > dueAt;
  });
  return { dueAt, late };
}

/**
 * The posts one subscription should have for the season as it stands: previews, and per its results
 * mode a recap per round (with follow-ups for late results) or a full-time post per match; goal alerts
 * with goals:on; corrections of what it was shown. A channel following a club gets only the rounds the
 * club plays in, timed and fingerprinted by its matches. Posts due before `sub.activeFrom` are left out.
 * `rounds` must carry the results as the data has them (not a view as of now): a file's result is due
 * at full time, possibly in the replay clock's future.
 */
export function planSubscription(
  rounds: readonly PlanningRound[],
  sub: Subscription,
  lateWindowMs: number = DEFAULT_LATE_WINDOW_MS,
  planning: ResultPlanning = {},
): PlannedPost[] {
  const posts: PlannedPost[] = [];
  const leads = normaliseLeads(sub.leadsMs);
  const mode = resultsModeOf(sub);
  const facts = planning.facts ?? NO_FACTS;
  const waitMs = planning.recapWaitMs ?? DEFAULT_RECAP_WAIT_MS;
  for (const whole of rounds) {
    const round = roundForClub(whole, sub.team ?? null);
    const timing = roundTiming(round.matches);
    if (timing !== null) {
      const { fingerprint } = snapshotRound(round);
      const base = { guildId: sub.guildId, channelId: sub.channelId, season: seasonOf(sub), roundKey: round.key, club: sub.team ?? null, fingerprint, moves: null };
      for (const leadMs of leads) {
        const dueAt = timing.start - leadMs;
        const expiresAt = Math.min(dueAt + lateWindowMs, timing.start);
        posts.push({ ...base, kind: 'preview', slot: formatLead(leadMs), leadMs, dueAt, expiresAt });
      }
      const recap = mode === 'round' ? recapDue(round, facts, waitMs) : null;
      if (recap !== null) {
        posts.push({ ...base, kind: 'recap', slot: 'after', leadMs: null, dueAt: recap.dueAt, expiresAt: recap.dueAt + lateWindowMs });
        // A match the sent recap already showed (it went out after the result came in) needs no follow-up.
        const shown = (m: Match) => planning.posted?.get(factKey(m.id, 'result'))?.fromRecap === true;
        for (const match of recap.late) if (!shown(match)) posts.push(matchPost(sub, round.key, match, 'late', facts, lateWindowMs));
      }
    }
    if (mode === 'each') {
      for (const match of round.matches) {
        if (resultKnownAt(match, facts) !== null) posts.push(matchPost(sub, round.key, match, 'result', facts, lateWindowMs));
      }
    }
    if (sub.goals === true) posts.push(...goalAlerts(sub, round, facts, lateWindowMs));
    if (planning.posted !== undefined && planning.now !== undefined) posts.push(...corrections(sub, round, planning.posted, planning.now, lateWindowMs));
  }
  return posts.filter((p) => p.dueAt >= sub.activeFrom).sort(comparePosts);
}

const postBase = (sub: Subscription, roundKey: string) => ({
  guildId: sub.guildId,
  channelId: sub.channelId,
  season: seasonOf(sub),
  roundKey,
  club: sub.team ?? null,
  leadMs: null,
  moves: null,
});

/** A full-time post (`result`) or a late result's follow-up (`late`): slot the match, due when known. */
function matchPost(sub: Subscription, roundKey: string, match: Match, kind: 'result' | 'late', facts: KnownFacts, lateWindowMs: number): PlannedPost {
  const dueAt = resultKnownAt(match, facts) ?? Number.NEGATIVE_INFINITY;
  return { ...postBase(sub, roundKey), kind, slot: match.id, dueAt, expiresAt: dueAt + lateWindowMs, fingerprint: resultFingerprint(match) };
}

/** Goal alerts: each goal still in the data whose sighting falls between kickoff and kickoff + 3 h. */
function goalAlerts(sub: Subscription, round: PlanningRound, facts: KnownFacts, lateWindowMs: number): PlannedPost[] {
  const posts: PlannedPost[] = [];
  for (const match of round.matches) {
    const seen = facts.goals.get(match.id);
    const kickoff = match.kickoff === null ? Number.NaN : Date.parse(match.kickoff);
    if (seen === undefined || Number.isNaN(kickoff)) continue;
    for (const goal of match.goals) {
      const at = seen.get(goalKey(goal));
      if (at === undefined || at < kickoff || at > kickoff + GOAL_WINDOW_MS) continue;
      // A goal alert an hour old is no longer news.
      const expiresAt = at + Math.min(lateWindowMs, HOUR);
      posts.push({ ...postBase(sub, round.key), kind: 'goal', slot: `${match.id}:${goalSlotKey(goal)}`, dueAt: at, expiresAt, fingerprint: 'on' });
    }
  }
  return posts;
}

/**
 * A correction for each fact the channel was shown that no longer stands as shown: a result changed or
 * withdrawn, a goal withdrawn. Numbered per fact, so a value that changes back and forth is corrected
 * every time; a correction still pending takes the newest value when it is rendered.
 */
function corrections(sub: Subscription, round: PlanningRound, posted: PostedFacts, now: number, lateWindowMs: number): PlannedPost[] {
  const posts: PlannedPost[] = [];
  for (const match of round.matches) {
    const current = new Map<string, string>([['result', resultFingerprint(match)]]);
    for (const goal of match.goals) current.set(`goal:${goalSlotKey(goal)}`, 'on');
    for (const [key, shown] of posted) {
      const [matchId, fact] = key.split('\u0000');
      if (matchId !== match.id || fact === undefined) continue;
      const value = current.get(fact) ?? (fact === 'result' ? 'none' : 'gone');
      if (value === shown.value) continue;
      posts.push({
        ...postBase(sub, round.key),
        kind: 'correction',
        slot: `${match.id}:${fact}:${shown.corrections + 1}`,
        dueAt: now,
        expiresAt: now + lateWindowMs,
        fingerprint: value,
      });
    }
  }
  return posts;
}

/**
 * "Moved" notices for one subscription, due at `now`. A change to a round that is already over
 * is history, not news, and gets no notice.
 */
export function planMovedNotices(
  rounds: readonly PlanningRound[],
  changes: readonly RoundChange[],
  sub: Subscription,
  now: number,
  lateWindowMs: number = DEFAULT_LATE_WINDOW_MS,
): PlannedPost[] {
  if (sub.activeFrom > now) return [];
  const byKey = new Map(rounds.map((r) => [r.key, r]));
  const posts: PlannedPost[] = [];
  for (const change of changes) {
    const whole = byKey.get(change.roundKey);
    const round = whole === undefined ? undefined : roundForClub(whole, sub.team ?? null);
    const timing = round === undefined ? null : roundTiming(round.matches);
    if (timing !== null && timing.end <= now) continue;
    // A channel following a club hears only of its club's matches moving.
    const ids = (sub.team ?? null) === null || round === undefined ? null : new Set(round.matches.map((m) => m.id));
    const moves = ids === null ? change.moves : change.moves.filter((move) => ids.has(move.matchId));
    if (moves.length === 0) continue;
    posts.push({
      guildId: sub.guildId,
      channelId: sub.channelId,
      season: seasonOf(sub),
      kind: 'moved',
      roundKey: change.roundKey,
      slot: shortHash(change.fingerprint),
      club: sub.team ?? null,
      leadMs: null,
      dueAt: now,
      expiresAt: now + lateWindowMs,
      fingerprint: change.fingerprint,
      moves,
    });
  }
  return posts;
}

/**
 * The roles a post mentions. A channel following no club mentions its own role. A channel following a
 * club mentions the role of every club with one that plays in the post's matches (both, for a match of
 * two such clubs), and falls back to the channel's role when none has one. Never the guild id (@everyone).
 */
export function mentionRoles(
  guildId: string,
  matches: readonly Pick<Match, 'home' | 'away'>[],
  club: TeamId | null,
  channelRole: string | null,
  clubRoles: ReadonlyMap<TeamId, string>,
): string[] {
  const own = channelRole === null || channelRole === guildId ? [] : [channelRole];
  if (club === null) return own;
  const roles: string[] = [];
  // The followed club's role first, then its opponents' in match order.
  for (const match of [{ home: club, away: club }, ...matches]) {
    for (const team of [match.home, match.away]) {
      const role = clubRoles.get(team);
      if (role !== undefined && role !== guildId && !roles.includes(role)) roles.push(role);
    }
  }
  return roles.length > 0 ? roles : own;
}

const KIND_ORDER: Readonly<Record<PostKind, number>> = { moved: 0, preview: 1, goal: 2, result: 3, correction: 4, recap: 5, late: 6 };

/** Due time first; at the same instant a moved notice precedes a preview, goals precede results, and a recap precedes its late follow-ups. */
export const comparePosts = (
  a: Pick<PlannedPost, 'dueAt' | 'kind' | 'roundKey' | 'slot'>,
  b: Pick<PlannedPost, 'dueAt' | 'kind' | 'roundKey' | 'slot'>,
): number =>
  a.dueAt - b.dueAt ||
  KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
  (a.roundKey < b.roundKey ? -1 : a.roundKey > b.roundKey ? 1 : 0) ||
  (a.slot < b.slot ? -1 : a.slot > b.slot ? 1 : 0);

/** The season of a subscription or post: its own, else the one every row had before seasons. */
export const seasonOf = (p: { readonly season?: string | undefined }): string => p.season ?? LEGACY_SEASON_ID;

/**
 * The unique key of a post: one row per (guild, channel, season, kind, round, slot, club), ever. A post
 * of LEGACY_SEASON_ID keeps the key (and so the nonce) such posts always had, as a channel that follows
 * no club does: the key names only what was added since, so no post already sent is planned again.
 */
export const postKey = (
  p: Pick<PlannedPost, 'guildId' | 'channelId' | 'kind' | 'roundKey' | 'slot'> & { readonly club?: TeamId | null; readonly season?: string | undefined },
): string => {
  const season = seasonOf(p);
  const seasonPart = season === LEGACY_SEASON_ID ? '' : `${season}:`;
  return `${p.guildId}:${p.channelId}:${seasonPart}${p.kind}:${p.roundKey}:${p.slot}${p.club === null || p.club === undefined ? '' : `:${p.club}`}`;
};

// ---- Lateness ----

export type Timeliness = 'not_due' | 'on_time' | 'late' | 'expired';

/** Where `now` falls for a post: before due, on time (within the grace), late, or past its expiry. */
export function timeliness(
  post: { readonly dueAt: number; readonly expiresAt: number },
  now: number,
  onTimeGraceMs: number = DEFAULT_ON_TIME_GRACE_MS,
): Timeliness {
  if (now < post.dueAt) return 'not_due';
  if (now > post.expiresAt) return 'expired';
  return now - post.dueAt <= onTimeGraceMs ? 'on_time' : 'late';
}

export const isStillRelevant = (post: { readonly dueAt: number; readonly expiresAt: number }, now: number): boolean =>
  now <= post.expiresAt;

// ---- Retry backoff ----

/** 1, 2, 4, 8 … minutes after the nth failed attempt, capped at 64 minutes. */
export function retryDelayMs(attempts: number): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 6));
  return MINUTE * 2 ** exponent;
}

// ---- Leads: "24h,1h" ----

const LEAD_PART = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/;

/** Parses `24h,1h`, `2d`, `90m`, `1h30m` into distinct leads, longest first. */
/** Why a `leads:` text was refused: a kind and its values, so the command can say it in the user's language. */
export type LeadsProblem =
  | { readonly kind: 'empty' }
  | { readonly kind: 'notALead'; readonly part: string }
  | { readonly kind: 'outOfRange'; readonly part: string; readonly min: string; readonly max: string }
  | { readonly kind: 'tooMany'; readonly max: number };

const leadsProblemText = (problem: LeadsProblem): string => {
  switch (problem.kind) {
    case 'empty':
      return 'Give at least one lead time, for example `24h` or `24h,1h`.';
    case 'notALead':
      return `\`${problem.part}\` is not a lead time. Use days, hours and minutes such as \`24h\`, \`2d\`, \`90m\` or \`1h30m\`.`;
    case 'outOfRange':
      return `Lead time \`${problem.part}\` is out of range: use between ${problem.min} and ${problem.max}.`;
    case 'tooMany':
      return `At most ${problem.max} lead times per channel.`;
  }
};

/** A refused `leads:` text: its message is the English sentence; `problem` is what a translation needs. */
export class LeadsError extends UserError {
  constructor(readonly problem: LeadsProblem) {
    super(leadsProblemText(problem));
  }
}

export function parseLeads(text: string): number[] {
  const parts = text
    .split(/[,\s]+/)
    .map((p) => p.trim().toLowerCase())
    .filter((p) => p.length > 0);
  if (parts.length === 0) throw new LeadsError({ kind: 'empty' });
  const leads = parts.map((part) => {
    const m = LEAD_PART.exec(part);
    if (m === null || (m[1] === undefined && m[2] === undefined && m[3] === undefined)) {
      throw new LeadsError({ kind: 'notALead', part: part.slice(0, 20) });
    }
    const ms = Number(m[1] ?? 0) * DAY + Number(m[2] ?? 0) * HOUR + Number(m[3] ?? 0) * MINUTE;
    if (ms < MIN_LEAD_MS || ms > MAX_LEAD_MS) {
      throw new LeadsError({ kind: 'outOfRange', part: part.slice(0, 20), min: formatLead(MIN_LEAD_MS), max: formatLead(MAX_LEAD_MS) });
    }
    return ms;
  });
  const distinct = normaliseLeads(leads);
  if (distinct.length > MAX_LEADS) throw new LeadsError({ kind: 'tooMany', max: MAX_LEADS });
  return distinct;
}

/** Distinct leads, longest first. */
export const normaliseLeads = (leads: readonly number[]): number[] => [...new Set(leads)].sort((a, b) => b - a);

/** `24h`, `1h30m`, `2d`, `2d6h`: the canonical spelling, also used in keys. */
export function formatLead(ms: number): string {
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  // Whole days up to 2 read better as hours (24h, 48h); longer leads as days.
  if (days > 0 && days <= 2 && minutes === 0) return `${days * 24 + hours}h`;
  const out = `${days > 0 ? `${days}d` : ''}${hours > 0 ? `${hours}h` : ''}${minutes > 0 ? `${minutes}m` : ''}`;
  return out === '' ? '0m' : out;
}
