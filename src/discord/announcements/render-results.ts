// Posts driven by results, one match each: the full-time post (results:each), a late result after its
// round's recap, a goal alert (goals:on) and a correction when something already posted changed. Pure,
// like render.ts: the season given is the one to show (the tick passes it as known at the bot's clock,
// with this match as the data has it now).
import type { PlanningRound } from '../../domain/announcements.js';
import { goalSlotKey, hasResult } from '../../domain/announcements.js';
import { indexSeason, type SeasonIndex } from '../../domain/season-index.js';
import { resolveTie } from '../../domain/ties.js';
import type { Goal, Match, Season } from '../../domain/types.js';
import type { Translator } from '../../i18n/index.js';
import { runningScore, tieOutcome, tieWordsOf } from '../render/match-format.js';
import { escapeText, truncate } from '../render/text.js';
import { seasonFooter, stageColour } from '../render/theme.js';
import { englishTr, groupTitle, stageTitle } from '../render/words.js';
import { isGroupStage, shownGroup } from '../../domain/format.js';
import { LIMITS } from '../render/limits.js';
import type { OutboxRow } from '../../db/outbox.js';
import { clubName, linesToFields, packPost, recapLine, resultText, roundTitle, tableAfter, title, type RenderedPost } from './render.js';

/** The match a post is about, or an Error naming what is missing (the row is then failed, logged). */
const matchIn = (round: PlanningRound, matchId: string): Match => {
  const match = round.matches.find((m) => m.id === matchId);
  if (match === undefined) throw new Error(`match ${matchId} is not in round ${round.key}`);
  return match;
};

const head = (season: Season, match: Match, heading: string, tr: Translator) => ({ title: heading, colour: stageColour(match.stage, season), footer: seasonFooter(season, undefined, tr) });

/** The group table after this match's matchday, on one line; null outside a group. */
function groupLine(season: Season, index: SeasonIndex, match: Match, tr: Translator): string | null {
  if (!isGroupStage(season, match.stage) || match.group === null || match.matchday === null) return null;
  const rows = tableAfter(season, match.group, match.matchday).rows;
  if (!rows.some((r) => r.played > 0)) return null;
  return tr.t('announcements.preview.table', { rows: rows.map((r) => `${tr.number(r.position)}. ${clubName(index, r.team, tr)} ${tr.number(r.points)}`).join(' · ') });
}

/** Who goes through, for a second leg or a single-leg tie with a result; null otherwise. */
function tieLine(season: Season, index: SeasonIndex, match: Match, tr: Translator): string | null {
  if (isGroupStage(season, match.stage) || match.tie === null || match.leg === 1 || !hasResult(match)) return null;
  const legs = season.matches.filter((o) => o.stage === match.stage && o.tie === match.tie);
  const name = (id: string): string => escapeText(index.teamName(id));
  return tieOutcome(resolveTie(legs), name, tieWordsOf(season, tr));
}

/** A full-time post (`result`), or a late result after the round's recap (`late`). */
export function renderFullTime(season: Season, round: PlanningRound, matchId: string, kind: 'result' | 'late', tr: Translator = englishTr()): RenderedPost {
  const index = indexSeason(season);
  const match = matchIn(round, matchId);
  const lines = [recapLine(index, match, tr)];
  const fields = [];
  const table = groupLine(season, index, match, tr);
  if (table !== null) fields.push({ name: shownGroup(season, match.group) === null ? stageTitle(season, match.stage, tr) : groupTitle(season, match.group, tr), value: truncate(table, LIMITS.fieldValue) });
  const tie = tieLine(season, index, match, tr);
  if (tie !== null) fields.push({ name: tr.t('announcements.recap.whoGoesThrough'), value: truncate(`• ${tie}`, LIMITS.fieldValue) });
  const heading = tr.t(kind === 'late' ? 'announcements.results.lateTitle' : 'announcements.results.fullTimeTitle', { round: roundTitle(round, tr, season) });
  const intro = kind === 'late' ? `${tr.t('announcements.results.lateIntro')}\n` : '';
  return {
    messages: packPost(head(season, match, heading, tr), [{ description: `${intro}${lines.join('\n')}`, fields }], tr),
    summary: `${round.label} ${kind === 'late' ? 'late result' : 'full time'}: ${match.id}`,
  };
}

/** The score just after `goal`: the goals listed before it and itself, by the team credited. */
export function scoreAfter(match: Match, goal: Goal): { readonly home: number; readonly away: number } {
  const upTo = match.goals.slice(0, match.goals.indexOf(goal) + 1);
  return { home: upTo.filter((g) => g.team === match.home).length, away: upTo.filter((g) => g.team === match.away).length };
}

/** A goal alert: who scored, the minute and the score it made. */
export function renderGoal(season: Season, round: PlanningRound, matchId: string, key: string, tr: Translator = englishTr()): RenderedPost {
  const index = indexSeason(season);
  const match = matchIn(round, matchId);
  const goal = match.goals.find((g) => goalSlotKey(g) === key);
  if (goal === undefined) throw new Error(`goal ${key} is not in match ${matchId}`);
  const score = scoreAfter(match, goal);
  const player = goal.player === null ? tr.t('announcements.results.scorerNotPublished') : tr.name(escapeText(goal.player));
  const type = goal.type === 'penalty' ? ` (${tr.t('words.goal.penalty')})` : goal.type === 'own_goal' ? ` (${tr.t('words.goal.ownGoal')})` : '';
  const minute = goal.minute === null ? tr.t('announcements.results.minuteNotPublished') : `${escapeText(goal.minute)}'`;
  const line = tr.t('announcements.results.goalLine', {
    minute,
    player: `${player}${type}`,
    team: clubName(index, goal.team, tr),
    score: tr.t('announcements.result.score', { home: clubName(index, match.home, tr), away: clubName(index, match.away, tr), score: tr.name(`${score.home}–${score.away}`) }),
  });
  const heading = tr.t('announcements.results.goalTitle', { match: title(index, match, tr) });
  return { messages: packPost(head(season, match, heading, tr), [{ description: line, fields: [] }], tr), summary: `goal ${match.id} ${goal.minute ?? '?'}` };
}

/** A correction: the result now (changed or withdrawn), or a goal that no longer stands with the score now. */
export function renderCorrection(season: Season, round: PlanningRound, matchId: string, fact: string, tr: Translator = englishTr()): RenderedPost {
  const index = indexSeason(season);
  const match = matchIn(round, matchId);
  const running = runningScore(match);
  // A match being played reads its score so far (the goal withdrawn no longer counted); past its play
  // window (kickoff + 3 h, as-of.ts) one with goals and no result reads "result not published", as /fixtures does.
  const now = hasResult(match)
    ? resultText(index, match, tr)
    : match.resultNotPublished
      ? tr.t('announcements.result.state', { home: clubName(index, match.home, tr), away: clubName(index, match.away, tr), state: tr.t('words.status.resultNotPublished') })
      : running === null
        ? null
        : tr.t('announcements.results.inPlay', { result: tr.t('announcements.result.score', { home: clubName(index, match.home, tr), away: clubName(index, match.away, tr), score: tr.name(`${running.home}–${running.away}`) }) });
  const text =
    fact === 'result'
      ? now === null
        ? tr.t('announcements.results.correctionWithdrawn', { match: title(index, match, tr) })
        : tr.t('announcements.results.correctionResult', { result: now })
      : tr.t('announcements.results.correctionGoal', { match: title(index, match, tr), result: now ?? tr.t('announcements.result.state', { home: clubName(index, match.home, tr), away: clubName(index, match.away, tr), state: tr.t('announcements.results.notYetKnown') }) });
  const heading = tr.t('announcements.results.correctionTitle', { round: roundTitle(round, tr, season) });
  const fields = linesToFields(tr.t('announcements.recap.results'), [recapLine(index, match, tr)], tr);
  return { messages: packPost(head(season, match, heading, tr), [{ description: text, fields }], tr), summary: `correction ${match.id} ${fact}` };
}

/**
 * A post about one match (full time, late result, goal, correction). Its match is shown as the data has
 * it now, whatever the replay clock says: the row is due because the fact is known (a sighting, or full
 * time); the rest of the season as known at the bot's clock.
 */
export function renderMatchPost(
  season: { readonly full: Season; readonly view: Season },
  row: Pick<OutboxRow, 'kind' | 'slot' | 'season'>,
  round: PlanningRound,
  tr: Translator = englishTr(),
): RenderedPost {
  const matchId = row.kind === 'result' || row.kind === 'late' ? row.slot : correctionOrGoal(row.slot).matchId;
  const known = season.full.matches.find((m) => m.id === matchId);
  if (known === undefined) throw new Error(`match ${matchId} is not in ${row.season}`);
  // The view at the bot's clock says whether a match with goals and no result is still being played.
  const match = !hasResult(known) && season.view.matches.find((m) => m.id === matchId)?.resultNotPublished === true ? { ...known, resultNotPublished: true } : known;
  const shown: Season = { ...season.view, matches: season.view.matches.map((m) => (m.id === matchId ? match : m)) };
  const withMatch: PlanningRound = { ...round, matches: round.matches.map((m) => (m.id === matchId ? match : m)) };
  if (row.kind === 'result' || row.kind === 'late') return renderFullTime(shown, withMatch, matchId, row.kind, tr);
  if (row.kind === 'goal') return renderGoal(shown, withMatch, matchId, row.slot.slice(row.slot.lastIndexOf(':') + 1), tr);
  return renderCorrection(shown, withMatch, matchId, correctionOrGoal(row.slot).fact, tr);
}

/** `match:goalKey` (a goal alert) or `match:fact:n` (a correction) → the match id and the fact. */
function correctionOrGoal(slot: string): { readonly matchId: string; readonly fact: string } {
  const correction = /^(.*):(result|goal:[^:]+):\d+$/.exec(slot);
  if (correction !== null) return { matchId: correction[1] ?? '', fact: correction[2] ?? '' };
  const cut = slot.lastIndexOf(':');
  return { matchId: slot.slice(0, cut), fact: `goal:${slot.slice(cut + 1)}` };
}
