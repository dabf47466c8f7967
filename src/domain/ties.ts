// Ties of the qualifying and knockout rounds. Two legs (Regulations III. 13 & 14): aggregate, then away
// goals, then penalties without extra time. A leg flagged extraTime is still handled: its score already
// includes extra time. A single-leg round (the format's legs "single_leg") is decided by its one match:
// score, extra time, penalties, or the award.
import { stagesOfKind } from './format.js';
import type { Match, Season, Stage, TeamId, TieDecider, TieResult } from './types.js';
import { indexSeason, stageOrder } from './season-index.js';
import { matchOutcome } from './outcome.js';
import { memoBySeason } from './memo.js';
import { pairingsPending } from './calendar.js';

interface Totals {
  goals: [number, number];
  away: [number, number];
}

/** Adds a leg's goals to the two teams' totals, in the order of `teams`. */
function addLeg(totals: Totals, teams: readonly [TeamId, TeamId], leg: Match, home: number, away: number): void {
  if (leg.home === teams[0]) {
    totals.goals[0] += home;
    totals.goals[1] += away;
    totals.away[1] += away;
  } else {
    totals.goals[1] += home;
    totals.goals[0] += away;
    totals.away[0] += away;
  }
}

const winnerOf = (teams: readonly [TeamId, TeamId], pair: readonly [number, number]): TeamId | null =>
  pair[0] > pair[1] ? teams[0] : pair[1] > pair[0] ? teams[1] : null;

/** Winner on the legs played on the pitch only; used to tell whether an awarded leg decided the tie. */
function winnerOnPitch(teams: readonly [TeamId, TeamId], legs: readonly Match[]): TeamId | null {
  const played = legs.filter((leg) => leg.status === 'played' && leg.score !== null);
  const totals: Totals = { goals: [0, 0], away: [0, 0] };
  for (const leg of played) if (leg.score) addLeg(totals, teams, leg, leg.score.home, leg.score.away);
  if (played.length === 0) return null;
  return winnerOf(teams, totals.goals) ?? (played.length > 1 ? winnerOf(teams, totals.away) : null);
}

/**
 * Resolves one tie from its legs (any order). `teams` is [host of the first leg, the other].
 * The aggregate covers the legs with a result so far; it is null when a leg's score is unknown or
 * the tie was a walkover. `winner` stays null until every leg is settled.
 */
export function resolveTie(legs: readonly Match[]): TieResult {
  const ordered = [...legs].sort((a, b) => (a.leg ?? 0) - (b.leg ?? 0));
  const first = ordered[0];
  if (!first) throw new Error('resolveTie needs at least one leg');
  const teams: readonly [TeamId, TeamId] = [first.home, first.away];
  // Built as a literal: spreading a base object is surprisingly slow in V8, and this runs per tie.
  const tieResult = (
    aggregate: readonly [number, number] | null,
    awayGoals: readonly [number, number] | null,
    winner: TeamId | null,
    decidedBy: TieDecider | null,
  ): TieResult => ({ stage: first.stage, tie: first.tie ?? 1, teams, legs: ordered, aggregate, awayGoals, winner, decidedBy });

  const walkover = ordered.find((leg) => leg.status === 'walkover');
  if (walkover) {
    return tieResult(null, null, walkover.decision?.winner ?? null, 'walkover');
  }

  const totals: Totals = { goals: [0, 0], away: [0, 0] };
  let scoresKnown = true;
  let pending = false;
  let anyResult = false;
  let awardedWithoutScore: TeamId | null = null;
  for (const leg of ordered) {
    const outcome = matchOutcome(leg);
    if (outcome.kind !== 'pending') anyResult = true;
    if (outcome.kind === 'score') addLeg(totals, teams, leg, outcome.score.home, outcome.score.away);
    else if (outcome.kind === 'winner_only') {
      scoresKnown = false;
      awardedWithoutScore = outcome.winner;
    } else if (outcome.kind === 'pending') pending = true;
    else scoresKnown = false;
  }

  // No aggregate before a leg has a result: "0–0" would read as a played tie.
  const counted = scoresKnown && anyResult;
  const aggregate: readonly [number, number] | null = counted ? [totals.goals[0], totals.goals[1]] : null;
  const awayGoals: readonly [number, number] | null = counted ? [totals.away[0], totals.away[1]] : null;
  if (awardedWithoutScore !== null) {
    // A forfeit without a recorded score: CAF's decision names who goes through.
    return tieResult(null, null, awardedWithoutScore, 'awarded');
  }
  if (pending || !scoresKnown) return tieResult(aggregate, awayGoals, null, null);

  const twoLegs = ordered.length > 1;
  const lastLeg = ordered[ordered.length - 1] as Match;
  let winner = winnerOf(teams, totals.goals);
  let decidedBy: TieDecider | null = winner ? (lastLeg.extraTime ? 'extra_time' : 'aggregate') : null;
  if (!winner && twoLegs) {
    winner = winnerOf(teams, totals.away);
    if (winner) decidedBy = 'away_goals';
  }
  if (!winner) {
    const shootout = [...ordered].reverse().find((leg) => leg.penalties !== null);
    if (shootout?.penalties) {
      const { home, away } = shootout.penalties;
      winner = home > away ? shootout.home : away > home ? shootout.away : null;
      if (winner) decidedBy = 'penalties';
    }
  }
  if (!winner) return tieResult(aggregate, awayGoals, null, null);

  const anyAwarded = ordered.some((leg) => leg.status === 'awarded');
  if (anyAwarded && winnerOnPitch(teams, ordered) !== winner) decidedBy = 'awarded';
  return tieResult(aggregate, awayGoals, winner, decidedBy);
}

const allTies = memoBySeason((season): readonly TieResult[] => {
  const index = indexSeason(season);
  const ties: TieResult[] = [];
  for (const stage of stagesOfKind(season, 'qualifying', 'knockout')) {
    const byTie = new Map<number, Match[]>();
    for (const match of index.matchesByStage.get(stage) ?? []) {
      const key = match.tie ?? 1;
      const legs = byTie.get(key);
      if (legs) legs.push(match);
      else byTie.set(key, [match]);
    }
    for (const legs of byTie.values()) ties.push(resolveTie(legs));
  }
  return ties.sort((a, b) => stageOrder(season, a.stage) - stageOrder(season, b.stage) || a.tie - b.tie);
});

/** Every tie of the qualifying rounds and the knockout stage (or of one stage), in competition order. Memoized per Season object. */
export function computeTies(season: Season, stage?: Stage): TieResult[] {
  const ties = allTies(season);
  return stage ? ties.filter((t) => t.stage === stage) : [...ties];
}

/** The team that lost a decided tie; null while it is open. */
export const tieLoser = (tie: TieResult): TeamId | null =>
  tie.winner === null ? null : tie.winner === tie.teams[0] ? tie.teams[1] : tie.teams[0];

/** One knockout stage of the bracket as known at an instant: its ties, or why they are not known yet. */
export type BracketStage =
  | { readonly stage: Stage; readonly ties: readonly TieResult[] }
  /** The draw is still to come: "Draw on 12 March 2024". */
  | { readonly stage: Stage; readonly drawOn: string }
  /** Drawn, but the pairing waits for the round before: "Winners of the quarter-finals". */
  | { readonly stage: Stage; readonly waitingFor: Stage };

/**
 * The bracket read model for a season as of `now` (as-of.ts): per stage, the ties whose pairing is
 * known, else the draw date or the round it waits for; never a pairing with "0–0" ahead of its draw.
 */
export function bracketStages(season: Season, now: Date, stages: readonly Stage[] = stagesOfKind(season, 'knockout')): BracketStage[] {
  return stages.map((stage): BracketStage => {
    const pending = pairingsPending(season, stage, now);
    if (pending === null) return { stage, ties: computeTies(season, stage) };
    return 'drawOn' in pending ? { stage, drawOn: pending.drawOn } : { stage, waitingFor: pending.waitingFor };
  });
}
