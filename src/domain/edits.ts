// What an editor asks `/edit` to change, as the command gives it (raw strings where the editor typed
// them: minutes, penalties, kickoffs, club names), and validateChange below checks them against a season.
import { NO_RESULT } from './as-of.js';
import { UserError } from './errors.js';
import { resolveTeam } from './names.js';
import type { AddedMatch } from './overrides.js';
import type { Association, Decision, Goal, GroupId, Match, Score, Season, Stage, Team, TeamId } from './types.js';

/** Every change names where the editor read it (a URL or a short citation). */
interface Sourced {
  readonly source: string;
}

/** `/edit result match home away source [extra-time] [penalties:"4-3"]` */
export interface ResultChange extends Sourced {
  readonly kind: 'result';
  readonly match: string;
  readonly home: number;
  readonly away: number;
  readonly extraTime?: boolean | null;
  /** `"4-3"`, home first; only after a level score. */
  readonly penalties?: string | null;
}

/** `/edit goal match team player minute source [type]` */
export interface GoalChange extends Sourced {
  readonly kind: 'goal';
  readonly match: string;
  /** The club credited (for an own goal, the one that benefited): a name, alias or team id. */
  readonly team: string;
  readonly player: string;
  /** `54`, `45+2`. */
  readonly minute: string;
  readonly type?: 'penalty' | 'own_goal' | null;
}

/** `/edit kickoff match at source`: `at` is an ISO instant or `2024-05-12 19:00 UTC`. */
export interface KickoffChange extends Sourced {
  readonly kind: 'kickoff';
  readonly match: string;
  readonly at: string;
}

export const EDITABLE_STATUSES = ['postponed', 'cancelled', 'awarded', 'walkover'] as const;
export type EditableStatus = (typeof EDITABLE_STATUSES)[number];

/** `/edit status match status source [score] [reason]`: awarded and walkover need the score ("3-0"), which names the winner. */
export interface StatusChange extends Sourced {
  readonly kind: 'status';
  readonly match: string;
  readonly status: EditableStatus;
  readonly score?: string | null;
  readonly reason?: string | null;
}

/**
 * `/edit fixture season round home away date source [time] [venue]`: adds a match. `round` is a
 * round key of the season's format (`R1-L1`, `GA-MD3` for group A matchday 3, `QF-L2`, `F`, `F-L1`;
 * see roundChoices), `date` `YYYY-MM-DD`, `time` `HH:MM` UTC.
 */
export interface FixtureChange extends Sourced {
  readonly kind: 'fixture';
  readonly round: string;
  readonly home: string;
  readonly away: string;
  readonly date: string;
  readonly time?: string | null;
  readonly venue?: string | null;
}

/** `/edit season new id competition label format`: an empty season of a format template. */
export interface SeasonNewChange extends Sourced {
  readonly kind: 'season_new';
  readonly id: string;
  readonly competition: string;
  readonly label: string;
  /** A FORMAT_TEMPLATES id. */
  readonly format: string;
}

export type Change = ResultChange | GoalChange | KickoffChange | StatusChange | FixtureChange | SeasonNewChange;
export type ChangeKind = Change['kind'];

/** One field of one match set by a change (`match` for a whole match a fixture adds). */
export interface FieldOverride {
  readonly match: string;
  readonly field: string;
  readonly value: unknown;
}

/** What validation makes of a change: the fields before and after, and the overrides to store. */
export type Validation =
  | {
      readonly ok: true;
      /** The match changed (the new match's id for a fixture); null for season_new. */
      readonly match: string | null;
      readonly before: Readonly<Record<string, unknown>>;
      readonly after: Readonly<Record<string, unknown>>;
      readonly overrides: readonly FieldOverride[];
    }
  | { readonly ok: false; readonly problems: readonly string[] };


// ---- Validation: the season file's rules, said to an editor in plain sentences. ----

/** A club a fixture may name that the season does not hold yet (from data/clubs.json), as the season would hold it. */
export interface KnownClub {
  readonly team: Team;
  readonly association: Association;
}

export interface EditContext {
  /** Clubs beyond the season's own, for `/edit fixture`. */
  readonly clubs?: readonly KnownClub[];
  /** Today on the bot's clock, `YYYY-MM-DD` (an awarded match's decision date). */
  readonly today: string;
  /** The bot's now (epoch ms): a goal may be saved before the result once the match has kicked off. Absent: never. */
  readonly now?: number;
}

const MAX_SOURCE = 500;
const MAX_GOALS = 99;

/** `54`, `45+2`, `120+1` → the canonical text and its parts; a reason when it is not a minute. */
export function parseMinute(text: string): { ok: true; minute: string; base: number; added: number } | { ok: false; problem: string } {
  const trimmed = text.trim().replace(/['’′]$/, '');
  const m = /^(\d{1,3})(?:\s*\+\s*(\d{1,2}))?$/.exec(trimmed);
  if (m === null) return { ok: false, problem: `"${text}" is not a minute: write it like 54 or 45+2.` };
  const base = Number(m[1]);
  const added = m[2] === undefined ? 0 : Number(m[2]);
  if (base < 1) return { ok: false, problem: `Minute ${base} is not a minute of a match: the first minute is 1.` };
  if (base > 120) return { ok: false, problem: `Minute ${base} is after the end of a match (120 at most, with extra time; added time is written 90+4).` };
  if (m[2] !== undefined && ![45, 90, 105, 120].includes(base)) return { ok: false, problem: `Added time follows minute 45, 90, 105 or 120, not ${base} ("${text}").` };
  if (m[2] !== undefined && (added < 1 || added > 30)) return { ok: false, problem: `Added time of ${added} minutes is not believable ("${text}").` };
  return { ok: true, minute: m[2] === undefined ? String(base) : `${base}+${added}`, base, added };
}

/** `4-3` (also `4–3`, `4:3`), home first. */
export function parseScoreText(text: string, what: string): { ok: true; score: Score } | { ok: false; problem: string } {
  const m = /^\s*(\d{1,2})\s*[-–:]\s*(\d{1,2})\s*$/.exec(text);
  if (m === null) return { ok: false, problem: `The ${what} "${text}" is not a score: write it home first, like 4-3.` };
  return { ok: true, score: { home: Number(m[1]), away: Number(m[2]) } };
}

/**
 * An ISO instant (`2024-05-12T19:00:00Z`, an offset allowed) or `2024-05-12 19:00 UTC` → the UTC
 * instant as season files write it (`2024-05-12T19:00:00Z`).
 */
export function parseKickoff(text: string): { ok: true; kickoff: string } | { ok: false; problem: string } {
  const t = text.trim();
  const plain = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})(?:\s*(?:UTC|GMT|Z))?$/i.exec(t);
  let instant: number;
  if (plain !== null) {
    const [, day, hh, mm] = plain;
    instant = Date.parse(`${day}T${String(hh).padStart(2, '0')}:${mm}:00Z`);
    if (Number(hh) > 23) instant = Number.NaN;
  } else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(t)) {
    instant = Date.parse(t);
  } else {
    return { ok: false, problem: `"${text}" is not a kickoff time: write 2024-05-12 19:00 UTC, or an ISO time like 2024-05-12T19:00:00Z.` };
  }
  if (Number.isNaN(instant)) return { ok: false, problem: `"${text}" is not a real date and time.` };
  const iso = new Date(instant).toISOString();
  // Written back as the input's day must be the same day (2024-02-30 is refused, not moved to March).
  if (plain !== null && iso.slice(0, 10) !== plain[1]) return { ok: false, problem: `"${text}" is not a real date.` };
  const year = Number(iso.slice(0, 4));
  if (year < 1950 || year > 2100) return { ok: false, problem: `"${text}" is not a plausible kickoff year.` };
  return { ok: true, kickoff: `${iso.slice(0, 19)}Z` };
}

/** A round of a season's format, as /edit fixture names it. */
export interface RoundSlot {
  readonly stage: Stage;
  readonly group: GroupId | null;
  readonly matchday: number | null;
  readonly leg: 1 | 2 | null;
  /** `GA-MD3`, `QF-L1`, `F` */
  readonly key: string;
  /** "Group A, matchday 3", "Quarter-finals, 1st leg", "Final" */
  readonly label: string;
}

const groupToken = (label: string): string => label.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** Every round of a season's format a fixture may go into, in playing order. */
export function roundSlots(season: Pick<Season, 'format'>): RoundSlot[] {
  const slots: RoundSlot[] = [];
  for (const stage of season.format.stages) {
    if (stage.kind === 'group') {
      for (const group of stage.groups) {
        for (let md = 1; md <= stage.matchdays; md += 1) {
          slots.push({ stage: stage.code, group, matchday: md, leg: null, key: `G${groupToken(group)}-MD${md}`, label: `${stage.name}, group ${group}, matchday ${md}` });
        }
      }
    } else if (stage.legs === 'single_leg') {
      slots.push({ stage: stage.code, group: null, matchday: null, leg: null, key: stage.key, label: stage.name });
    } else {
      for (const leg of [1, 2] as const) {
        slots.push({ stage: stage.code, group: null, matchday: null, leg, key: `${stage.key}-L${leg}`, label: `${stage.name}, ${leg === 1 ? '1st' : '2nd'} leg` });
      }
    }
  }
  return slots;
}

/** The round a fixture names (its key, case and spaces aside); null when the format has none. */
export const findRound = (season: Pick<Season, 'format'>, round: string): RoundSlot | null => {
  const wanted = round.trim().toUpperCase().replace(/\s+/g, '');
  return roundSlots(season).find((slot) => slot.key === wanted) ?? null;
};

type Fields = Record<string, unknown>;
type Valid = Extract<Validation, { ok: true }>;
const refused = (...problems: string[]): Validation => ({ ok: false, problems });

const sideOf = (match: Match, team: TeamId): 'home' | 'away' | null => (match.home === team ? 'home' : match.away === team ? 'away' : null);

const teamName = (season: Season, id: TeamId): string => season.teams.find((t) => t.id === id)?.name ?? id;

/** The one team of `candidates` the editor's text names (id, name, short name or alias). */
function pickTeam(candidates: readonly Team[], text: string): { ok: true; team: Team } | { ok: false; problem: string } {
  const byId = candidates.find((t) => t.id === text.trim());
  if (byId !== undefined) return { ok: true, team: byId };
  try {
    return { ok: true, team: resolveTeam(candidates, text) };
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    const maybe = err.suggestions.length > 0 ? ` Did you mean ${err.suggestions.join(', ')}?` : '';
    return { ok: false, problem: `${err.message}.${maybe}` };
  }
}

/** Only the fields whose value changes, before and after. */
function diffFields(match: Match | null, next: Fields): { before: Fields; after: Fields } {
  const before: Fields = {};
  const after: Fields = {};
  for (const [field, value] of Object.entries(next)) {
    const old = match === null ? null : (match as unknown as Fields)[field];
    if (JSON.stringify(old) === JSON.stringify(value)) continue;
    before[field] = old ?? null;
    after[field] = value;
  }
  return { before, after };
}

const fieldChange = (match: Match, next: Fields): Validation => {
  const { before, after } = diffFields(match, next);
  if (Object.keys(after).length === 0) return refused(`Nothing would change: ${match.id} already says so.`);
  return { ok: true, match: match.id, before, after, overrides: Object.entries(next).map(([field, value]) => ({ match: match.id, field, value })) };
};

const goalsFor = (match: Match, side: 'home' | 'away'): number => match.goals.filter((g) => g.team === match[side]).length;

function checkCommon(change: Change): string[] {
  const problems: string[] = [];
  const source = change.source.trim();
  if (source === '') problems.push('Say where you read it (source): a link or a short citation.');
  else if (source.length > MAX_SOURCE) problems.push(`The source is ${source.length} characters long; ${MAX_SOURCE} at most.`);
  return problems;
}

/**
 * Checks a change against the season as served (the season file's rules: a goal for a club not in
 * the match, a minute `abc` or 200, more goals than the score, penalties after a decisive score…)
 * and says what it would store. A fixture's new clubs come from `context.clubs`. For season_new the
 * season is the one with that id if it exists (refused), else null.
 */
export function validateChange(season: Season | null, change: Change, context: EditContext): Validation {
  const common = checkCommon(change);
  if (change.kind === 'season_new') return validateSeasonNew(season, change, common);
  if (season === null) return refused(...common, 'No such season is loaded.');
  if (change.kind === 'fixture') return withCommon(common, validateFixture(season, change, context));
  const match = season.matches.find((m) => m.id === change.match.trim());
  if (match === undefined) return refused(...common, `No match ${change.match} in ${season.name}: pick one from the list.`);
  switch (change.kind) {
    case 'result':
      return withCommon(common, validateResult(season, match, change));
    case 'goal':
      return withCommon(common, validateGoal(season, match, change, context));
    case 'kickoff':
      return withCommon(common, validateKickoff(match, change));
    case 'status':
      return withCommon(common, validateStatus(season, match, change, context));
  }
}

const withCommon = (common: readonly string[], validation: Validation): Validation => {
  if (common.length === 0) return validation;
  return { ok: false, problems: [...common, ...(validation.ok ? [] : validation.problems)] };
};

function validateResult(season: Season, match: Match, change: ResultChange): Validation {
  const problems: string[] = [];
  for (const side of ['home', 'away'] as const) {
    const n = change[side];
    if (!Number.isInteger(n) || n < 0 || n > MAX_GOALS) problems.push(`The ${side} score must be a whole number from 0 to ${MAX_GOALS} (got ${n}).`);
  }
  if (problems.length > 0) return refused(...problems);
  const score: Score = { home: change.home, away: change.away };
  let penalties: Score | null = null;
  if (change.penalties !== undefined && change.penalties !== null && change.penalties.trim() !== '') {
    const parsed = parseScoreText(change.penalties, 'penalty shoot-out');
    if (!parsed.ok) problems.push(parsed.problem);
    else {
      penalties = parsed.score;
      if (penalties.home === penalties.away) problems.push('A penalty shoot-out cannot end level.');
      if (score.home !== score.away) problems.push(`Penalties follow a level score, not ${score.home}-${score.away}.`);
      if (match.group !== null) problems.push('A group match has no penalty shoot-out.');
    }
  }
  if (change.extraTime === true && match.group !== null) problems.push('A group match has no extra time.');
  for (const side of ['home', 'away'] as const) {
    const listed = goalsFor(match, side);
    if (listed > score[side]) problems.push(`${listed} goals are recorded for ${teamName(season, match[side])}, more than the ${score[side]} of this score: correct or undo those goals first.`);
  }
  const extra = match.goals.find((g) => inExtraTime(g.minute));
  if (extra !== undefined && change.extraTime !== true) problems.push(`A goal is recorded in minute ${extra.minute ?? ''}, in extra time: set extra-time, or correct that goal first.`);
  if (problems.length > 0) return refused(...problems);
  // A result for a match whose result no source published: it is published now.
  const published = match.resultNotPublished ? { resultNotPublished: false } : {};
  return fieldChange(match, { status: 'played', score, extraTime: change.extraTime === true, penalties, decision: null, ...published });
}

/**
 * A match being played: scheduled, no result, and its kickoff (or, with only a date, its day) reached
 * at `now`. Its goals may be saved before its result; the score is then the goals saved so far.
 */
export function inPlay(match: Match, now: number | undefined): boolean {
  if (now === undefined || match.status !== 'scheduled' || match.score !== null || match.resultNotPublished) return false;
  if (match.kickoff !== null) return Date.parse(match.kickoff) <= now;
  return match.date !== null && Date.parse(`${match.date}T00:00:00Z`) <= now;
}

/** A goal scored in extra time (after minute 90 and its added time). */
const inExtraTime = (minute: string | null): boolean => {
  const parsed = minute === null ? null : parseMinute(minute);
  return parsed !== null && parsed.ok && parsed.base > 90;
};

function validateGoal(season: Season, match: Match, change: GoalChange, context: EditContext): Validation {
  const problems: string[] = [];
  const playing = inPlay(match, context.now);
  const sides = season.teams.filter((t) => t.id === match.home || t.id === match.away);
  const picked = pickTeam(sides, change.team);
  const inMatch = `${teamName(season, match.home)} v ${teamName(season, match.away)}`;
  if (!picked.ok) problems.push(`${picked.problem} The goal must be credited to ${inMatch}.`.replace(/^No team matches/, 'No club of this match matches'));
  const player = change.player.trim();
  if (player === '') problems.push('Name the scorer (player).');
  else if (player.length > 100) problems.push('The scorer\'s name is longer than 100 characters.');
  const minute = parseMinute(change.minute);
  if (!minute.ok) problems.push(minute.problem);
  else if (minute.base > 90 && playing && match.group !== null) {
    problems.push(`Minute ${minute.minute} is in extra time, but a group match has none.`);
  } else if (minute.base > 90 && !playing && !match.extraTime) {
    problems.push(`Minute ${minute.minute} is in extra time, but this match's result has no extra time: save the result with extra time first.`);
  }
  if (problems.length > 0 || !picked.ok || !minute.ok) return refused(...problems);
  const side = sideOf(match, picked.team.id);
  if (side === null) return refused(`${picked.team.name} is not playing in ${inMatch}.`);
  if (match.score === null && !playing) {
    if (match.status === 'scheduled' && !match.resultNotPublished && context.now !== undefined) {
      return refused(`${inMatch} has not kicked off yet: a goal can be saved once the match has started.`);
    }
    return refused(`${inMatch} has no result yet: save the result first (/edit result), then its goals.`);
  }
  // In play the score is the goals saved so far; after the result, never more than it.
  if (match.score !== null && goalsFor(match, side) + 1 > match.score[side]) {
    return refused(`${teamName(season, match[side])} scored ${match.score[side]} in this match and ${goalsFor(match, side)} goals are already recorded for them: one more would be more than the score.`);
  }
  const goal: Goal = { team: picked.team.id, player, minute: minute.minute, type: change.type ?? 'regular' };
  if (match.goals.some((g) => g.team === goal.team && g.minute === goal.minute && g.player === goal.player)) return refused('This goal is already recorded.');
  const order = (g: Goal): number => {
    const p = g.minute === null ? null : parseMinute(g.minute);
    return p === null || !p.ok ? 1_000 : p.base * 100 + p.added;
  };
  const goals = [...match.goals, goal].map((g, i) => ({ g, i })).sort((a, b) => order(a.g) - order(b.g) || a.i - b.i).map((x) => x.g);
  return fieldChange(match, { goals });
}

function validateKickoff(match: Match, change: KickoffChange): Validation {
  const parsed = parseKickoff(change.at);
  if (!parsed.ok) return refused(parsed.problem);
  // A postponed match given its new kickoff is scheduled again.
  const rescheduled = match.status === 'postponed' ? { status: 'scheduled' } : {};
  return fieldChange(match, { kickoff: parsed.kickoff, date: parsed.kickoff.slice(0, 10), ...rescheduled });
}

function validateStatus(season: Season, match: Match, change: StatusChange, context: EditContext): Validation {
  if (!EDITABLE_STATUSES.includes(change.status)) return refused(`The status must be one of ${EDITABLE_STATUSES.join(', ')}.`);
  const cleared = { score: null, extraTime: false, penalties: null, ...(match.goals.length > 0 ? { goals: [] } : {}), ...(match.resultNotPublished ? { resultNotPublished: false } : {}) };
  if (change.status === 'postponed' || change.status === 'cancelled') {
    if (change.score !== undefined && change.score !== null && change.score.trim() !== '') return refused(`A ${change.status} match has no score: leave score empty.`);
    return fieldChange(match, { status: change.status, decision: null, ...cleared });
  }
  if (change.score === undefined || change.score === null || change.score.trim() === '') {
    return refused(`Give the score the match was ${change.status === 'awarded' ? 'awarded' : 'decided'} at, home first (like 3-0): it names the winner.`);
  }
  const parsed = parseScoreText(change.score, 'awarded score');
  if (!parsed.ok) return refused(parsed.problem);
  const { score } = parsed;
  if (score.home === score.away) return refused(`An ${change.status} match has a winner: ${score.home}-${score.away} is level.`);
  if (score.home > MAX_GOALS || score.away > MAX_GOALS) return refused('That score is not believable.');
  const winner = score.home > score.away ? match.home : match.away;
  const reason = change.reason?.trim() || `${change.status === 'awarded' ? 'Awarded' : 'Walkover'} to ${teamName(season, winner)} (${change.source.trim()}).`;
  const decision: Decision = { winner, score, reason, decidedOn: context.today };
  return fieldChange(match, { status: change.status, decision, ...cleared });
}

function validateFixture(season: Season, change: FixtureChange, context: EditContext): Validation {
  const problems: string[] = [];
  const slot = findRound(season, change.round);
  if (slot === null) {
    const keys = roundSlots(season).map((s) => s.key);
    problems.push(`"${change.round}" is not a round of ${season.name}: ${keys.length === 0 ? 'its format has no rounds' : `pick one of ${keys.slice(0, 12).join(', ')}${keys.length > 12 ? ', …' : ''}`}.`);
  }
  const clubs = [...season.teams, ...(context.clubs ?? []).map((c) => c.team).filter((t) => !season.teams.some((s) => s.id === t.id))];
  const home = pickTeam(clubs, change.home);
  const away = pickTeam(clubs, change.away);
  if (!home.ok) problems.push(`Home: ${home.problem}`);
  if (!away.ok) problems.push(`Away: ${away.problem}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(change.date.trim()) || Number.isNaN(Date.parse(`${change.date.trim()}T00:00:00Z`)) || new Date(`${change.date.trim()}T00:00:00Z`).toISOString().slice(0, 10) !== change.date.trim()) {
    problems.push(`"${change.date}" is not a date: write it YYYY-MM-DD, like 2025-02-14.`);
  }
  let kickoff: string | null = null;
  if (change.time !== undefined && change.time !== null && change.time.trim() !== '') {
    const parsed = parseKickoff(`${change.date.trim()} ${change.time.trim()} UTC`);
    if (!parsed.ok) problems.push(`"${change.time}" is not a time of day: write it HH:MM in UTC, like 19:00.`);
    else kickoff = parsed.kickoff;
  }
  const venue = change.venue?.trim() || null;
  if (venue !== null && venue.length > 200) problems.push('The venue is longer than 200 characters.');
  if (problems.length > 0 || slot === null || !home.ok || !away.ok) return refused(...problems);
  if (home.team.id === away.team.id) return refused(`A club cannot play itself (${home.team.name}).`);

  // In the group stage both clubs belong to the round's group.
  const teamFor = (team: Team): Team => {
    const inSeason = season.teams.find((t) => t.id === team.id);
    if (slot.group === null) return inSeason ?? { ...team, entryRound: entryStage(season, slot.stage), group: null };
    return { ...(inSeason ?? team), entryRound: inSeason?.entryRound ?? entryStage(season, slot.stage), group: slot.group };
  };
  for (const team of [home.team, away.team]) {
    const inSeason = season.teams.find((t) => t.id === team.id);
    if (slot.group !== null && inSeason?.group !== undefined && inSeason.group !== null && inSeason.group !== slot.group) {
      problems.push(`${team.name} is in group ${inSeason.group}, not group ${slot.group}.`);
    }
  }
  const sameStage = season.matches.filter((m) => m.stage === slot.stage);
  const pair = (m: Match) => (m.home === home.team.id && m.away === away.team.id) || (m.home === away.team.id && m.away === home.team.id);
  let tie: number | null = null;
  if (slot.group === null) {
    const existing = sameStage.find(pair);
    tie = existing?.tie ?? Math.max(0, ...sameStage.map((m) => m.tie ?? 0)) + 1;
    if (sameStage.some((m) => pair(m) && m.leg === slot.leg)) problems.push(`${home.team.name} and ${away.team.name} already have a match in ${slot.label}.`);
    for (const team of [home.team, away.team]) {
      const other = sameStage.find((m) => (m.home === team.id || m.away === team.id) && !pair(m));
      if (other !== undefined) problems.push(`${team.name} already plays ${teamName(season, other.home === team.id ? other.away : other.home)} in this round (${other.id}).`);
    }
  } else {
    if (sameStage.some((m) => m.home === home.team.id && m.away === away.team.id)) problems.push(`${home.team.name} v ${away.team.name} is already in the group stage.`);
    for (const team of [home.team, away.team]) {
      if (sameStage.some((m) => m.matchday === slot.matchday && (m.home === team.id || m.away === team.id))) problems.push(`${team.name} already plays on matchday ${slot.matchday}.`);
    }
  }
  if (problems.length > 0) return refused(...problems);

  const id = newMatchId(season, slot, tie);
  const match: Match = {
    id,
    stage: slot.stage,
    group: slot.group,
    matchday: slot.matchday,
    tie,
    leg: slot.leg,
    date: change.date.trim(),
    kickoff,
    kickoffAlternatives: [],
    venue,
    home: home.team.id,
    away: away.team.id,
    status: 'scheduled',
    ...NO_RESULT,
    referee: null,
    sources: [change.source.trim()],
  };
  // Both clubs, always: the match must stay valid when another fixture that brought a club is undone.
  const teams = [teamFor(home.team), teamFor(away.team)];
  const associations = [
    ...season.associations.filter((a) => teams.some((t) => t.association === a.name)),
    ...(context.clubs ?? []).filter((c) => teams.some((t) => t.id === c.team.id) && !season.associations.some((a) => a.name === c.association.name)).map((c) => ({ ...c.association, sources: [change.source.trim()] })),
  ];
  const value: AddedMatch = { match, teams: teams.map((t) => ({ ...t, sources: t.sources.length > 0 ? t.sources : [change.source.trim()] })), associations: dedupe(associations) };
  const after: Fields = { round: slot.label, home: home.team.name, away: away.team.name, date: match.date, kickoff, venue };
  const result: Valid = { ok: true, match: id, before: {}, after, overrides: [{ match: id, field: 'match', value }] };
  return result;
}

const dedupe = (list: readonly Association[]): Association[] => list.filter((a, i) => list.findIndex((b) => b.name === a.name) === i);

/**
 * The stage a club new to the season enters in: the fixture's, or before a knockout round the last
 * stage a club can enter in; in a format of knockout rounds only, its first round (the season file's rule).
 */
function entryStage(season: Season, stage: Stage): Stage {
  const stages = season.format.stages;
  const at = stages.findIndex((s) => s.code === stage);
  for (let i = at; i >= 0; i -= 1) {
    const s = stages[i];
    if (s !== undefined && s.kind !== 'knockout') return s.code;
  }
  return stages.find((s) => s.kind !== 'knockout')?.code ?? stages[0]?.code ?? stage;
}

/** A readable id no match of the season has: `GA-MD3-2`, `QF-T04-L1`, `F-T01`. */
function newMatchId(season: Season, slot: RoundSlot, tie: number | null): string {
  const taken = new Set(season.matches.map((m) => m.id));
  const prefix = slot.group !== null ? `G${groupToken(slot.group) || 'X'}-MD${slot.matchday}` : `${slot.key.replace(/-L[12]$/, '')}-T${String(tie ?? 1).padStart(2, '0')}${slot.leg === null ? '' : `-L${slot.leg}`}`;
  if (slot.group === null && !taken.has(prefix)) return prefix;
  for (let n = 1; ; n += 1) {
    const id = `${prefix}-${n}`;
    if (!taken.has(id)) return id;
  }
}

function validateSeasonNew(existing: Season | null, change: SeasonNewChange, common: readonly string[]): Validation {
  const problems = [...common];
  const id = change.id.trim();
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id) || id.length > 60) problems.push(`"${change.id}" is not a season id: lower-case letters, digits and dashes, like caf-cl-2025-26.`);
  if (change.competition.trim() === '' || change.competition.trim().length > 100) problems.push('Name the competition (at most 100 characters), like CAF Champions League.');
  if (!/^\d{4}(-\d{2})?$/.test(change.label.trim())) problems.push(`"${change.label}" is not a season label: write 2025-26, or 2025 for a one-year competition.`);
  else {
    const [first, second] = change.label.trim().split('-');
    if (second !== undefined && Number(second) !== (Number(first) + 1) % 100) problems.push(`"${change.label}" is not two years in a row (2025-26).`);
  }
  if (existing !== null) problems.push(`A season ${id} already exists.`);
  if (change.format.trim() === '') problems.push('Pick a format template.');
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    match: null,
    before: {},
    after: { id, competition: change.competition.trim(), label: change.label.trim(), format: change.format.trim() },
    overrides: [],
  };
}
