// Group tables under the CAF tiebreakers (Regulations III. 20 & 21):
//  1 points; 2–5 head-to-head points, goal difference, goals, away goals among the tied teams;
//  6 2–5 again on a still-tied subset; 7–9 goal difference, goals, away goals in all group matches;
//  10 drawing of lots, which we cannot know, so such teams are listed by name and flagged 'unresolved'.
import { advancing, groupLabels, isGroupStage } from './format.js';
import type { GroupId, GroupNote, GroupTable, Match, NoteMatch, Score, Season, StandingRow, TeamId, TiebreakRule } from './types.js';
import { indexSeason, matchTitle } from './season-index.js';
import type { SeasonIndex } from './season-index.js';
import { matchOutcome } from './outcome.js';
import { memoBySeason } from './memo.js';
import { fateOf, placeRanges, type OpenMatch, type PlaceRange } from './clinch.js';

const WIN_POINTS = 3;
const DRAW_POINTS = 1;
const QUALIFIERS_PER_GROUP = 2;

/** A group match as it counts: goals are null when only the winner of an awarded match is recorded. */
interface Counted {
  readonly home: TeamId;
  readonly away: TeamId;
  readonly goals: Score | null;
  /** null for a draw. */
  readonly winner: TeamId | null;
}

interface Tally {
  played: number;
  won: number;
  drawn: number;
  lost: number;
  goalsFor: number;
  goalsAgainst: number;
  awayGoals: number;
  points: number;
}

const emptyTally = (): Tally => ({ played: 0, won: 0, drawn: 0, lost: 0, goalsFor: 0, goalsAgainst: 0, awayGoals: 0, points: 0 });

function tallyOf(teams: readonly TeamId[], matches: readonly Counted[]): Map<TeamId, Tally> {
  const tallies = new Map<TeamId, Tally>(teams.map((t) => [t, emptyTally()]));
  for (const m of matches) {
    const home = tallies.get(m.home);
    const away = tallies.get(m.away);
    if (!home || !away) continue;
    home.played += 1;
    away.played += 1;
    if (m.winner === null) {
      home.drawn += 1;
      away.drawn += 1;
      home.points += DRAW_POINTS;
      away.points += DRAW_POINTS;
    } else {
      const [winner, loser] = m.winner === m.home ? [home, away] : [away, home];
      winner.won += 1;
      winner.points += WIN_POINTS;
      loser.lost += 1;
    }
    if (m.goals) {
      home.goalsFor += m.goals.home;
      home.goalsAgainst += m.goals.away;
      away.goalsFor += m.goals.away;
      away.goalsAgainst += m.goals.home;
      away.awayGoals += m.goals.away;
    }
  }
  return tallies;
}

const HEAD_TO_HEAD_RULES: readonly TiebreakRule[] = [
  'head_to_head_points',
  'head_to_head_goal_difference',
  'head_to_head_goals',
  'head_to_head_away_goals',
];
const OVERALL_RULES: readonly TiebreakRule[] = ['goal_difference', 'goals_for', 'away_goals'];

const keyOf = (t: Tally | undefined, withPoints: boolean): number[] => {
  const x = t ?? emptyTally();
  const rest = [x.goalsFor - x.goalsAgainst, x.goalsFor, x.awayGoals];
  return withPoints ? [x.points, ...rest] : rest;
};

interface Partitioned {
  readonly parts: TeamId[][];
  /** rules[i] separated parts[i] from parts[i + 1]. */
  readonly rules: TiebreakRule[];
}

/** Sorts by the keys (all "higher is better") and groups teams whose keys are all equal. */
function partition(teams: readonly TeamId[], key: (t: TeamId) => readonly number[], rules: readonly TiebreakRule[]): Partitioned {
  const keyed = teams.map((team) => ({ team, key: key(team) }));
  const firstDifference = (a: readonly number[], b: readonly number[]): number => a.findIndex((v, i) => v !== b[i]);
  keyed.sort((a, b) => {
    const i = firstDifference(a.key, b.key);
    return i < 0 ? 0 : (b.key[i] ?? 0) - (a.key[i] ?? 0);
  });
  const parts: TeamId[][] = [];
  const partRules: TiebreakRule[] = [];
  let previous: readonly number[] | null = null;
  for (const { team, key: k } of keyed) {
    const i = previous === null ? -2 : firstDifference(previous, k);
    if (i === -1) parts[parts.length - 1]?.push(team);
    else {
      if (i >= 0) partRules.push(rules[i] ?? 'unresolved');
      parts.push([team]);
    }
    previous = k;
  }
  return { parts, rules: partRules };
}

/** One placed team and the rule that put it above the next team of its tied set. */
interface Placed {
  readonly team: TeamId;
  decidedBy: TiebreakRule | null;
}

interface TieContext {
  /** The teams level on points. */
  readonly levelOnPoints: readonly TeamId[];
  readonly points: number;
}

interface TiebreakNote {
  readonly upper: TeamId;
  readonly lower: TeamId;
  readonly rule: TiebreakRule;
  readonly context: TieContext;
  /** The still-tied subset when rule 6 reapplied the head-to-head criteria; null otherwise. */
  readonly reappliedTo: readonly TeamId[] | null;
}

interface Ranker {
  readonly index: SeasonIndex;
  readonly matches: readonly Counted[];
  readonly overall: ReadonlyMap<TeamId, Tally>;
  readonly notes: TiebreakNote[];
}

function joinPlaced(parts: readonly Placed[][], rules: readonly TiebreakRule[], onBoundary: (upper: TeamId, lower: TeamId, rule: TiebreakRule) => void): Placed[] {
  const out: Placed[] = [];
  parts.forEach((placed, i) => {
    const last = placed[placed.length - 1];
    const rule = rules[i];
    const nextFirst = parts[i + 1]?.[0];
    if (last && rule && nextFirst) {
      last.decidedBy = rule;
      onBoundary(last.team, nextFirst.team, rule);
    }
    out.push(...placed);
  });
  return out;
}

/** Rules 2–10 for teams level on points; `reapplied` marks the rule-6 pass on a subset. */
function resolveTied(r: Ranker, tied: readonly TeamId[], context: TieContext, reapplied: boolean): Placed[] {
  if (tied.length === 1) return [{ team: tied[0] as TeamId, decidedBy: null }];
  const members = new Set(tied);
  const h2hMatches = r.matches.filter((m) => members.has(m.home) && members.has(m.away));
  const h2h = tallyOf(tied, h2hMatches);
  const byHeadToHead = partition(tied, (t) => keyOf(h2h.get(t), true), HEAD_TO_HEAD_RULES);
  const note = (reappliedTo: readonly TeamId[] | null) => (upper: TeamId, lower: TeamId, rule: TiebreakRule) =>
    r.notes.push({ upper, lower, rule, context, reappliedTo });

  if (byHeadToHead.parts.length > 1) {
    const placed = byHeadToHead.parts.map((part) => resolveTied(r, part, context, true));
    return joinPlaced(placed, byHeadToHead.rules, note(reapplied ? tied : null));
  }

  const byOverall = partition(tied, (t) => keyOf(r.overall.get(t), false), OVERALL_RULES);
  const placed = byOverall.parts.map((part) => {
    const byName = [...part].sort((a, b) => r.index.teamName(a).localeCompare(r.index.teamName(b), 'en'));
    return joinPlaced(
      byName.map((team) => [{ team, decidedBy: null }]),
      byName.slice(1).map(() => 'unresolved' as const),
      note(null),
    );
  });
  return joinPlaced(placed, byOverall.rules, note(null));
}

const RULE_LABEL: Record<TiebreakRule, string> = {
  points: 'points',
  head_to_head_points: 'head-to-head points',
  head_to_head_goal_difference: 'head-to-head goal difference',
  head_to_head_goals: 'head-to-head goals scored',
  head_to_head_away_goals: 'head-to-head away goals',
  goal_difference: 'goal difference',
  goals_for: 'goals scored',
  away_goals: 'away goals scored',
  unresolved: 'drawing of lots',
};

const pointsText = (points: number): string => `${points} ${points === 1 ? 'point' : 'points'}`;

const listNames = (names: readonly string[]): string =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;

/** A tiebreak note as facts; null where `tiebreakNoteText` says nothing. */
function tiebreakNoteFact(n: TiebreakNote, groupFinished: boolean): GroupNote | null {
  const level = { levelOnPoints: n.context.levelOnPoints, points: n.context.points };
  if (n.rule === 'unresolved') return groupFinished ? { kind: 'lots', upper: n.upper, lower: n.lower, ...level } : null;
  return { kind: 'tiebreak', upper: n.upper, lower: n.lower, rule: n.rule, ...level, reappliedTo: n.reappliedTo, levelOnHeadToHead: OVERALL_RULES.includes(n.rule) };
}

function tiebreakNoteText(index: SeasonIndex, n: TiebreakNote, groupFinished: boolean): string | null {
  const upper = index.teamName(n.upper);
  const lower = index.teamName(n.lower);
  const level =
    n.context.levelOnPoints.length === 2
      ? `both on ${pointsText(n.context.points)}`
      : `${listNames(n.context.levelOnPoints.map(index.teamName))} level on ${pointsText(n.context.points)}`;
  if (n.rule === 'unresolved') {
    // Before the group ends, level teams are ordinary; only a finished group needs the lots caveat.
    return groupFinished
      ? `${upper} and ${lower} are level on every criterion (${level}); drawing of lots would decide, so they are listed by name.`
      : null;
  }
  const reapplied = n.reappliedTo ? `, reapplied to ${listNames(n.reappliedTo.map(index.teamName))} only` : '';
  const h2hLevel = OVERALL_RULES.includes(n.rule) ? ', level on head-to-head' : '';
  return `${upper} above ${lower} on ${RULE_LABEL[n.rule]}${reapplied} (${level}${h2hLevel}).`;
}

const formatScore = (s: Score): string => `${s.home}–${s.away}`;

function buildGroupTable(season: Season, group: GroupId): GroupTable {
  const index = indexSeason(season);
  const groupMatches = index.matchesByGroup.get(group) ?? [];
  const teamIds = new Set((index.teamsByGroup.get(group) ?? []).map((t) => t.id));
  const counted: Counted[] = [];
  const open: OpenMatch[] = [];
  const toPlay = new Map<TeamId, number>();
  const unrecorded: string[] = [];
  const matchNotes: string[] = [];
  const unrecordedNotes: string[] = [];
  const matchFacts: GroupNote[] = [];
  const unrecordedFacts: GroupNote[] = [];
  const noteMatch = (m: Match): NoteMatch => ({ home: m.home, away: m.away, matchday: m.matchday });
  let finished = groupMatches.length > 0;
  const where = (m: Match) => `${matchTitle(index, m)}${m.matchday === null ? '' : ` (Matchday ${m.matchday})`}`;

  for (const m of groupMatches) {
    if (!isGroupStage(season, m.stage)) continue;
    teamIds.add(m.home);
    teamIds.add(m.away);
    const outcome = matchOutcome(m);
    switch (outcome.kind) {
      case 'score': {
        const { home, away } = outcome.score;
        counted.push({ home: m.home, away: m.away, goals: outcome.score, winner: home > away ? m.home : away > home ? m.away : null });
        if (outcome.offPitch) {
          const winner = m.decision ? index.teamName(m.decision.winner) : 'a team';
          matchNotes.push(`${where(m)} was awarded ${formatScore(outcome.score)} to ${winner}; the awarded score counts.`);
          matchFacts.push({ kind: 'awarded_score', match: noteMatch(m), score: outcome.score, winner: m.decision ? m.decision.winner : null });
        }
        break;
      }
      case 'winner_only':
        counted.push({ home: m.home, away: m.away, goals: null, winner: outcome.winner });
        matchNotes.push(
          `${where(m)} was awarded to ${index.teamName(outcome.winner)}; the awarded score is not recorded, so it counts as a win (3 points) but its goals are excluded.`,
        );
        matchFacts.push({ kind: 'awarded_winner', match: noteMatch(m), winner: outcome.winner });
        break;
      case 'unrecorded':
        unrecorded.push(m.id);
        open.push({ home: m.home, away: m.away });
        unrecordedNotes.push(`${where(m)}: result not published, so it is left out and the table is incomplete.`);
        unrecordedFacts.push({ kind: 'unrecorded', match: noteMatch(m) });
        break;
      case 'cancelled':
        matchNotes.push(`${where(m)} was cancelled and is not counted.`);
        matchFacts.push({ kind: 'cancelled', match: noteMatch(m) });
        break;
      case 'pending':
        finished = false;
        open.push({ home: m.home, away: m.away });
        for (const team of [m.home, m.away]) toPlay.set(team, (toPlay.get(team) ?? 0) + 1);
        break;
    }
  }

  const teams = [...teamIds];
  const overall = tallyOf(teams, counted);
  const ranker: Ranker = { index, matches: counted, overall, notes: [] };
  const byPoints = partition(teams, (t) => [overall.get(t)?.points ?? 0], ['points']);
  const placed = joinPlaced(
    byPoints.parts.map((part) =>
      resolveTied(ranker, part, { levelOnPoints: part, points: overall.get(part[0] as TeamId)?.points ?? 0 }, false),
    ),
    byPoints.rules,
    () => undefined,
  );

  // How many go through comes from the format (two a group for CAF's quarter-finals); with no knockout
  // round after the groups, nobody's fate is claimed.
  const through = advancing(season);
  const qualifiers = through?.direct ?? QUALIFIERS_PER_GROUP;
  const ranges = placeRanges(teams, counted, open, new Map(placed.map((p, i) => [p.team, i])), qualifiers);
  const rows: StandingRow[] = placed.map((p, i) => {
    const t = overall.get(p.team) ?? emptyTally();
    const fate = through === null ? 'open' : fateOf(ranges.get(p.team), qualifiers, qualifiers + (through.bestPlaced > 0 ? 1 : 0));
    return {
      position: i + 1,
      team: p.team,
      played: t.played,
      won: t.won,
      drawn: t.drawn,
      lost: t.lost,
      goalsFor: t.goalsFor,
      goalsAgainst: t.goalsAgainst,
      goalDifference: t.goalsFor - t.goalsAgainst,
      points: t.points,
      decidedBy: i === placed.length - 1 ? null : p.decidedBy,
      qualified: fate === 'through',
      fate,
      toPlay: toPlay.get(p.team) ?? 0,
    };
  });


  // Notes in table order, so they read top to bottom.
  const position = new Map(rows.map((row) => [row.team, row.position]));
  const sortedNotes = [...ranker.notes].sort((a, b) => (position.get(a.upper) ?? 0) - (position.get(b.upper) ?? 0));
  const tiebreakNotes = sortedNotes.map((n) => tiebreakNoteText(index, n, finished)).filter((text): text is string => text !== null);
  const tiebreakFacts = sortedNotes.map((n) => tiebreakNoteFact(n, finished)).filter((fact): fact is GroupNote => fact !== null);

  const table: GroupTable = {
    group,
    rows,
    notes: [...unrecordedNotes, ...matchNotes, ...tiebreakNotes],
    noteFacts: [...unrecordedFacts, ...matchFacts, ...tiebreakFacts],
    unrecorded,
    complete: finished,
  };
  finalPlacesByGroup.set(table, ranges);
  return table;
}

/** 0-based best and worst final place of each team, kept beside each table. */
const finalPlacesByGroup = new WeakMap<GroupTable, ReadonlyMap<TeamId, PlaceRange>>();

/** The final place (1-based) a team is sure to finish in, whatever the open matches bring; null while it can change. */
export function settledPlace(table: GroupTable, team: TeamId): number | null {
  const range = finalPlacesByGroup.get(table)?.get(team);
  return range !== undefined && range.best === range.worst ? range.best + 1 : null;
}

const groupTable = memoBySeason((season, group) => buildGroupTable(season, group as GroupId));

/** The table of one group (memoized per Season object). */
export function computeGroupTable(season: Season, group: GroupId): GroupTable {
  return groupTable(season, group);
}

/** Tables for every group that has teams or matches in the season. */
export function computeGroupTables(season: Season): GroupTable[] {
  const index = indexSeason(season);
  return groupLabels(season).filter((g) => index.teamsByGroup.has(g) || index.matchesByGroup.has(g)).map((g) => groupTable(season, g));
}

export interface DecidedFate {
  readonly group: GroupId;
  readonly team: TeamId;
  readonly fate: 'through' | 'out';
  /** Group matches the team still had to play when it was decided ("with a game to spare"). */
  readonly toPlay: number;
}

/**
 * Teams whose fate was settled between two views of the season (as-of.ts), in group order then table
 * order: what a recap names ("Zamalek are through with a game to spare"; after matchday 6, who goes through).
 */
export function decidedBetween(before: Season, after: Season): DecidedFate[] {
  const earlier = new Map(computeGroupTables(before).flatMap((t) => t.rows.map((r) => [r.team, r.fate] as const)));
  return computeGroupTables(after).flatMap((table) =>
    table.rows.flatMap((row): DecidedFate[] =>
      row.fate !== 'open' && earlier.get(row.team) !== row.fate ? [{ group: table.group, team: row.team, fate: row.fate, toPlay: row.toPlay }] : [],
    ),
  );
}
