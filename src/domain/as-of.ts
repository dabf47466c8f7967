import type { CalendarEntry, Match, Season, Stage, TeamId } from './types.js';
import { GOAL_WINDOW_MS, goalKey, type KnownFacts } from './announcements.js';
import { drawOf, previousTieStage } from './calendar.js';
import { computeTies } from './ties.js';
import { finalStage, groupStage } from './format.js';
import { countAtOrBefore } from './memo.js';

// The season as a fan saw it at one instant. Under the replay clock (a past season re-lived at
// speed) nothing shows before it was known: a result before its match was played, a decision
// made after the match before its day, a pairing before its draw (or before the tie that feeds
// it was decided). In real time, after the season, the season is returned unchanged.
// A result this installation saw being saved (an editor's confirm, a source import: fact_sightings)
// is known from that moment, before full time or long after it; file data keeps the full-time rule.

/**
 * A season as the store serves it: with when this installation first saw each result and goal
 * (season-store.ts attaches its fact_sightings). Absent: file data only, known from full time.
 */
export type SightedSeason = Season & { readonly sightings?: KnownFacts | undefined };

/** A result counts from kickoff plus the length of a match; a date-only match from the end of its day. */
export const RESULT_AFTER_KICKOFF_MS = 2 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

const dayStart = (date: string): number => Date.parse(`${date}T00:00:00Z`);

/** When the match was over; null when no date at all is known (never hidden). */
function playedAt(match: Match, stageStart: ReadonlyMap<Stage, number>): number | null {
  if (match.kickoff !== null) return Date.parse(match.kickoff) + RESULT_AFTER_KICKOFF_MS;
  if (match.date !== null) return Date.parse(match.date) + DAY_MS;
  // An undated walkover is settled when its round starts.
  return stageStart.get(match.stage) ?? null;
}

/** A match's fields when nothing of its result is known: no score, goals, cards, crowd or note. */
export const NO_RESULT: Pick<
  Match,
  'resultNotPublished' | 'score' | 'extraTime' | 'penalties' | 'decision' | 'goals' | 'redCards' | 'attendance' | 'note'
> = Object.freeze({
  resultNotPublished: false,
  score: null,
  extraTime: false,
  penalties: null,
  decision: null,
  goals: Object.freeze([]),
  redCards: null,
  attendance: null,
  // Editors' notes often tell the result ("Zamalek won 3-0 on aggregate").
  note: null,
});

/** The match without its result: what a fan saw before it was known. */
export const withoutResult = (match: Match): Match => ({
  ...match,
  status: match.status === 'postponed' || match.status === 'cancelled' ? match.status : 'scheduled',
  ...NO_RESULT,
});

/** Played, but the decision on it comes later: "result not published" until then. */
const awaitingDecision = (match: Match): Match => ({ ...withoutResult(match), status: 'scheduled', resultNotPublished: true });

interface Timeline {
  /** When each match's result became known (index → instant); −∞ when always known. */
  readonly knownAt: readonly number[];
  /** When each sighted goal became known (index → goal key → instant). */
  readonly goalsKnownAt: ReadonlyMap<number, ReadonlyMap<string, number>>;
  /** When a match decided later was over (index → instant), for "result not published" meanwhile. */
  readonly awaitingFrom: ReadonlyMap<number, number>;
  /** Every instant at which the view changes, ascending. */
  readonly changes: readonly number[];
  /** The draw day that makes each stage's pairings known. */
  readonly drawAt: ReadonlyMap<Stage, number>;
}

const timelines = new WeakMap<Season, Timeline>();
const views = new WeakMap<Season, { readonly step: number; readonly view: Season }>();

function timelineOf(season: SightedSeason): Timeline {
  const cached = timelines.get(season);
  if (cached) return cached;
  const stageStart = new Map<Stage, number>();
  for (const match of season.matches) {
    const day = match.kickoff !== null ? Date.parse(match.kickoff) : match.date !== null ? Date.parse(match.date) : null;
    if (day === null) continue;
    const known = stageStart.get(match.stage);
    if (known === undefined || day < known) stageStart.set(match.stage, day);
  }
  const awaitingFrom = new Map<number, number>();
  const goalsKnownAt = new Map<number, ReadonlyMap<string, number>>();
  const knownAt = season.matches.map((match, index) => {
    const goals = season.sightings?.goals.get(match.id);
    if (goals !== undefined) goalsKnownAt.set(index, goals);
    const played = playedAt(match, stageStart) ?? Number.NEGATIVE_INFINITY;
    // Seen being saved: known from then, whatever its kickoff or decision day says; saved after the
    // match was over, "result not published" meanwhile.
    const sighted = season.sightings?.results.get(match.id);
    if (sighted !== undefined) {
      if (sighted > played) awaitingFrom.set(index, played);
      return sighted;
    }
    const decidedOn = match.decision?.decidedOn;
    if (decidedOn === undefined || decidedOn === null) return played;
    const decided = dayStart(decidedOn);
    if (decided <= played) return played;
    awaitingFrom.set(index, played);
    return decided;
  });
  const drawAt = new Map<Stage, number>();
  for (const stage of new Set(season.matches.map((m) => m.stage))) {
    const draw = drawOf(season, stage);
    if (draw !== null) drawAt.set(stage, dayStart(draw.startDate));
  }
  const calendarEnds = season.calendar.map((entry) => dayStart(entry.endDate) + DAY_MS);
  const goalTimes = [...goalsKnownAt.values()].flatMap((byKey) => [...byKey.values()]);
  // A match with goals saved while it was played stops reading "in progress" when its play is over.
  const playEnds = season.matches.filter((m) => m.status === 'scheduled' && m.score === null && m.goals.length > 0).map(playOverAt);
  const changes = [...new Set([...knownAt, ...awaitingFrom.values(), ...drawAt.values(), ...calendarEnds, ...goalTimes, ...playEnds])]
    .filter((t) => Number.isFinite(t))
    .sort((a, b) => a - b);
  const timeline: Timeline = { knownAt, goalsKnownAt, awaitingFrom, changes, drawAt };
  timelines.set(season, timeline);
  return timeline;
}

/** Every instant at which `seasonAsOf(season, ·)` gives another view, ascending (for memos keyed by the step between two). */
export const asOfChanges = (season: SightedSeason): readonly number[] => timelineOf(season).changes;

/**
 * The season as known at `now`: results not yet known taken out (status scheduled, no score, goals,
 * penalties or decision); a match played but decided later reads "result not published" until its
 * decision day; matches whose pairing was not yet drawn (or whose feeding tie was not yet decided) left
 * out, with group membership before the group draw; calendar notes of entries not yet over left out.
 * Returns the same object for the same state, so the read models' per-season caches keep working.
 */
export function seasonAsOf(season: SightedSeason, now: Date): Season {
  const timeline = timelineOf(season);
  const t = now.getTime();
  const step = countAtOrBefore(timeline.changes, t);
  if (step === timeline.changes.length) return season;

  const cached = views.get(season);
  if (cached?.step === step) return cached.view;
  const view = buildView(season, timeline, t);
  views.set(season, { step, view });
  return view;
}

function buildView(season: Season, timeline: Timeline, t: number): Season {
  const matches = season.matches.map((match, i) => {
    if ((timeline.knownAt[i] ?? Number.NEGATIVE_INFINITY) <= t) return playOver(withGoalsKnown(match, timeline.goalsKnownAt.get(i), t), t);
    const awaiting = timeline.awaitingFrom.get(i);
    if (awaiting !== undefined && awaiting <= t) return awaitingDecision(match);
    return playOver(inPlayAt(match, timeline.goalsKnownAt.get(i), t), t);
  });
  const final = finalStage(season)?.code;
  const finalPending = season.matches.some((m, i) => m.stage === final && (timeline.knownAt[i] ?? 0) > t);
  const withResults: Season = {
    ...season,
    champion: season.matches.some((m) => m.stage === final) && !finalPending ? season.champion : null,
    matches,
  };
  const drawn = (stage: Stage): boolean => (timeline.drawAt.get(stage) ?? Number.NEGATIVE_INFINITY) <= t;
  const visible = pairingsKnown(withResults, drawn, undecidedInData(season, timeline, t));
  const groupDrawn = drawn(groupStage(season)?.code ?? 'group');
  return {
    ...withResults,
    teams: groupDrawn ? season.teams : season.teams.map((team) => (team.group === null ? team : { ...team, group: null })),
    matches: matches.filter(visible),
    calendar: season.calendar.map((entry): CalendarEntry => (dayStart(entry.endDate) + DAY_MS <= t ? entry : { ...entry, note: null })),
  };
}

/**
 * A match whose result is not known at `t`: without it, but with the goals already seen being saved
 * by then (a match being played: its goals before its result, the score so far).
 */
function inPlayAt(match: Match, sighted: ReadonlyMap<string, number> | undefined, t: number): Match {
  const bare = withoutResult(match);
  if (sighted === undefined || bare.status !== 'scheduled') return bare;
  const goals = match.goals.filter((goal) => (sighted.get(goalKey(goal)) ?? Number.POSITIVE_INFINITY) <= t);
  return goals.length === 0 ? bare : { ...bare, goals };
}

/**
 * A match with goals but no result past the goal-alert window: the goals stay, but it no longer reads
 * "in progress" weeks later; it reads "result not published" until an editor saves the result.
 */
function playOver(match: Match, t: number): Match {
  if (match.status !== 'scheduled' || match.score !== null || match.goals.length === 0 || match.resultNotPublished) return match;
  return t >= playOverAt(match) ? { ...match, resultNotPublished: true } : match;
}

/** When a match's play is surely over: kickoff + the goal-alert window; for a date only, the day's end. */
function playOverAt(match: Match): number {
  if (match.kickoff !== null) return Date.parse(match.kickoff) + GOAL_WINDOW_MS;
  return match.date === null ? Number.POSITIVE_INFINITY : dayStart(match.date) + DAY_MS;
}

/** A known result's goals, less those sighted after `t` (a goal saved after its result). */
function withGoalsKnown(match: Match, sighted: ReadonlyMap<string, number> | undefined, t: number): Match {
  if (sighted === undefined) return match;
  const goals = match.goals.filter((goal) => (sighted.get(goalKey(goal)) ?? Number.NEGATIVE_INFINITY) <= t);
  return goals.length === match.goals.length ? match : { ...match, goals };
}

/**
 * Teams of a round's ties that the data never decides (a leg printed with no result), once every leg
 * of the tie is over at `t`: a later round's match naming such a team is the data saying who went through.
 */
function undecidedInData(season: Season, timeline: Timeline, t: number): (stage: Stage) => ReadonlySet<TeamId> {
  const indexOf = new Map(season.matches.map((m, i) => [m.id, i] as const));
  const byStage = new Map<Stage, ReadonlySet<TeamId>>();
  return (stage) => {
    const known = byStage.get(stage);
    if (known) return known;
    const over = (leg: Match) => (timeline.knownAt[indexOf.get(leg.id) ?? -1] ?? Number.POSITIVE_INFINITY) <= t;
    const teams = new Set(
      computeTies(season, stage)
        .filter((tie) => tie.winner === null && tie.legs.every(over))
        .flatMap((tie) => [...tie.teams]),
    );
    byStage.set(stage, teams);
    return teams;
  };
}

/**
 * A pairing is known once its stage was drawn and each team's tie in the round before was decided (or
 * is over without the data ever deciding it: the later match itself says who went through).
 */
function pairingsKnown(
  season: Season,
  drawn: (stage: Stage) => boolean,
  undecided: (stage: Stage) => ReadonlySet<TeamId>,
): (match: Match) => boolean {
  const winnersByStage = new Map<Stage, { readonly teams: ReadonlySet<TeamId>; readonly winners: ReadonlySet<TeamId> }>();
  const feeding = (stage: Stage) => {
    const known = winnersByStage.get(stage);
    if (known) return known;
    const ties = computeTies(season, stage);
    const entry = {
      teams: new Set(ties.flatMap((tie) => [...tie.teams])),
      winners: new Set(ties.flatMap((tie) => (tie.winner === null ? [] : [tie.winner]))),
    };
    winnersByStage.set(stage, entry);
    return entry;
  };
  return (match) => {
    if (!drawn(match.stage)) return false;
    const before = previousTieStage(season, match.stage);
    if (before === null) return true;
    const { teams, winners } = feeding(before);
    // A team that did not play the round before (a bye) is known from the draw.
    return [match.home, match.away].every((team) => !teams.has(team) || winners.has(team) || undecided(before).has(team));
  };
}
