// The file reader: tokenizes each line, reads it with the line grammar, keeps the context the
// format relies on (the current round, date and time; the match a scorer block or a line-up belongs
// to), then runs the whole-file checks: groups, matchdays, ties, scorers.
import { resolveDate, seasonYears, type DayOfYear, type SeasonYears } from './dates.js';
import { byDate, type Fail, type GroupDef, type MatchDraft, type RoundDraft } from './draft.js';
import { readGoals, type GoalEntry } from './goals.js';
import { resolveGroups } from './groups.js';
import { EXPECT, readLine, type HeadingPart, type KickoffText } from './lines.js';
import { summarize } from './summary.js';
import { resolveTies } from './ties.js';
import { tokenize, type Token } from './tokenizer.js';
import type { Kickoff, MatchdayDate, ParseError, ParseOptions, ParseResult, ParsedGoal, ParsedMatch, ParsedRound, TeamRef } from './types.js';

const slug = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

const OFFICIALS = /^(refs?|referees?|att|attendance|coach(es)?|managers?)$/i;

const timeNote = (k: Kickoff): string =>
  (k.zone ? `kick-off printed as ${k.local} ${k.zone}` : `kick-off printed as ${k.local} local time; the file gives no time zone`) +
  (k.carried ? ' (the line prints no time: the format gives it the time of the line above)' : '');

interface Context {
  round: RoundDraft | null;
  container: { name: string; line: number } | null;
  group: string | null;
  matchday: number | null;
  date: string | null;
  /** The date line above could not be read: its matches are not reported again. */
  dateFailed: boolean;
  /** A time printed on the date line applies to every match under it. */
  dateKickoff: KickoffText | null;
  /** The last time printed on a match line under the current date. */
  lineKickoff: KickoffText | null;
  dateVenue: string | null;
  match: MatchDraft | null;
  goalsOpen: 'rparen' | 'rbrack' | null;
  goalsOpenedAt: number;
  inLineup: boolean;
}

export const parseFootballTxt = (text: string, options: ParseOptions): ParseResult => {
  const errors: ParseError[] = [];
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  const shown = (n: number | null) => (n === null ? null : (lines[n - 1] ?? '').replace(/\r$/, ''));
  const fail: Fail = (line, message, expected = null) => errors.push({ file: options.fileName, line, text: shown(line), message, expected });

  const years = seasonYears(options.seasonLabel);
  if (!years) {
    fail(null, `the season label "${options.seasonLabel}" is not a year (2022) or a season across two years (2023-24)`);
    return { ok: false, errors };
  }

  let title: string | null = null;
  const rounds: RoundDraft[] = [];
  const matches: MatchDraft[] = [];
  const defs: GroupDef[] = [];
  const matchdayDates: MatchdayDate[] = [];
  const ctx: Context = {
    round: null,
    container: null,
    group: null,
    matchday: null,
    date: null,
    dateFailed: false,
    dateKickoff: null,
    lineKickoff: null,
    dateVenue: null,
    match: null,
    goalsOpen: null,
    goalsOpenedAt: 0,
    inLineup: false,
  };

  const dateOf = (day: DayOfYear, lineNo: number, y: SeasonYears): string | null => {
    const r = resolveDate(day, y);
    if ('problem' in r) {
      fail(lineNo, r.problem, EXPECT.date);
      return null;
    }
    return r.date;
  };

  const roundFor = (name: string, kind: RoundDraft['kind'], lineNo: number): RoundDraft => {
    const key = slug(name);
    const existing = rounds.find((r) => r.key === key);
    if (existing) return existing;
    const round = { key, name, kind, line: lineNo };
    rounds.push(round);
    return round;
  };

  const heading = (parts: readonly HeadingPart[], lineNo: number) => {
    const stage = parts.find((p) => p.kind === 'stage');
    const group = parts.find((p) => p.kind === 'group');
    const matchday = parts.find((p) => p.kind === 'matchday');
    ctx.group = group?.kind === 'group' ? group.label : null;
    ctx.matchday = matchday?.kind === 'matchday' ? matchday.matchday : null;
    if (stage?.kind === 'stage' && stage.roundKind !== 'container') {
      if (group && stage.roundKind !== 'group') {
        fail(lineNo, `"${stage.name}" is not a group round, but the heading names a group`, EXPECT.heading);
        return;
      }
      ctx.round = roundFor(stage.name, stage.roundKind, lineNo);
      ctx.container = null;
      return;
    }
    if (stage?.kind === 'stage') {
      // "First stage": its kind comes from the headings under it.
      ctx.container = { name: stage.name, line: lineNo };
      ctx.round = null;
      if (!group) return;
    }
    // `Group A` alone: a group of the stage above it, of the group round under way, or of a new one.
    if (group || matchday) {
      if (ctx.container) ctx.round = roundFor(ctx.container.name, 'group', ctx.container.line);
      else if (ctx.round?.kind !== 'group') ctx.round = roundFor('Group stage', 'group', lineNo);
    }
  };

  const isLineupStart = (tokens: readonly Token[]): boolean => {
    const colon = tokens.findIndex((t) => t.kind === 'colon');
    if (colon <= 0 || !ctx.match) return false;
    const name = tokens
      .slice(0, colon)
      .map((t) => t.text)
      .join(' ');
    return [ctx.match.home.name, ctx.match.away.name].some((t) => t.toLowerCase() === name.toLowerCase()) || (colon === 1 && OFFICIALS.test(name));
  };

  // Parts count the `;` seen so far in the match's scorer lines: 0 home, 1 away.
  const addGoals = (m: MatchDraft, lineNo: number, entries: readonly GoalEntry[], semis: number) => {
    m.scorerLines += 1;
    for (const e of entries) m.goals.push({ ...e, part: e.part + m.semis, line: lineNo });
    m.semis += semis;
  };

  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const tl = tokenize(raw);
    const line = raw.replace(/\r$/, '');

    // A scorer block that opened on an earlier line goes on until its bracket closes.
    if (ctx.goalsOpen && ctx.match) {
      if (tl.tokens.length === 0) {
        fail(ctx.goalsOpenedAt, `the scorer block opened here is not closed before the blank line ${lineNo}`, EXPECT.goals);
        ctx.goalsOpen = null;
        return;
      }
      const g = readGoals(tl.tokens, 0, ctx.goalsOpen, ctx.match.semis);
      if ('problem' in g) {
        fail(lineNo, g.problem, EXPECT.goals);
        ctx.goalsOpen = null;
        return;
      }
      addGoals(ctx.match, lineNo, g.entries, g.semis);
      ctx.goalsOpen = g.openCloser;
      return;
    }
    // Line-ups and officials under a match are recognised and skipped, with their continuation lines.
    if (tl.tokens.length === 0) {
      ctx.inLineup = false;
      return;
    }
    if (ctx.inLineup && tl.indent > 0) return;
    ctx.inLineup = false;
    if (isLineupStart(tl.tokens)) {
      ctx.inLineup = true;
      return;
    }

    const node = readLine(line, tl);
    if ('problem' in node) {
      fail(lineNo, node.problem, node.expected);
      return;
    }
    switch (node.kind) {
      case 'blank':
      case 'comment':
        return;
      case 'title':
        title ??= node.text;
        return;
      case 'groupDef':
        if (defs.some((d) => d.label === node.label)) fail(lineNo, `group ${node.label} is defined twice`, EXPECT.groupDef);
        else defs.push({ label: node.label, teams: node.teams, line: lineNo });
        return;
      case 'matchdayDef': {
        const dates = node.days.map((d) => dateOf(d, lineNo, years)).filter((d): d is string => d !== null);
        matchdayDates.push({ matchday: node.matchday, dates, line: lineNo });
        return;
      }
      case 'heading':
        heading(node.parts, lineNo);
        ctx.match = null;
        return;
      case 'date':
        ctx.date = dateOf(node.day, lineNo, years);
        ctx.dateFailed = ctx.date === null;
        ctx.dateKickoff = node.kickoff;
        ctx.lineKickoff = null;
        ctx.dateVenue = node.venue;
        ctx.match = null;
        return;
      case 'goals': {
        if (!ctx.match) {
          fail(lineNo, 'a scorer line with no match above it', EXPECT.match);
          return;
        }
        if (ctx.match.semis + node.semis > 1) {
          fail(lineNo, 'more than one ";" in the scorers of this match', EXPECT.goals);
          return;
        }
        addGoals(ctx.match, lineNo, node.entries, node.semis);
        ctx.goalsOpen = node.openCloser;
        ctx.goalsOpenedAt = lineNo;
        return;
      }
      case 'match': {
        if (!ctx.round) {
          fail(lineNo, ctx.container ? `a match under "${ctx.container.name}" before a heading that says which round or group it is` : 'a match before any section heading', EXPECT.heading);
          return;
        }
        if (node.day) {
          ctx.date = dateOf(node.day, lineNo, years);
          ctx.dateFailed = ctx.date === null;
          ctx.lineKickoff = null;
        }
        if (!ctx.date) {
          if (!ctx.dateFailed) fail(lineNo, 'a match before any date line', EXPECT.date);
          return;
        }
        let kickoff: Kickoff | null = null;
        if (node.kickoff) {
          kickoff = { ...node.kickoff, carried: false };
          ctx.lineKickoff = node.kickoff;
        } else if (ctx.dateKickoff) kickoff = { ...ctx.dateKickoff, carried: false };
        else if (ctx.lineKickoff) kickoff = { ...ctx.lineKickoff, carried: true };
        const draft: MatchDraft = {
          line: lineNo,
          text: line,
          round: ctx.round,
          headingGroup: ctx.round.kind === 'group' ? ctx.group : null,
          headingMatchday: ctx.round.kind === 'group' ? ctx.matchday : null,
          number: node.number,
          date: ctx.date,
          kickoff,
          venue: node.venue ?? ctx.dateVenue,
          home: node.home,
          away: node.away,
          result: node.result,
          awarded: node.awarded,
          notes: node.notes,
          goals: [],
          scorerLines: 0,
          semis: 0,
        };
        if (node.home.name === node.away.name) fail(lineNo, `${node.home.name} cannot play itself`, EXPECT.match);
        matches.push(draft);
        ctx.match = draft;
        return;
      }
    }
  });
  if (ctx.goalsOpen) fail(ctx.goalsOpenedAt, 'the scorer block opened here is not closed at the end of the file', EXPECT.goals);
  if (errors.length > 0) return { ok: false, errors };

  // ------------------------------------------------------------ clubs
  const teams = new Map<string, TeamRef & { line: number }>();
  const note = (t: TeamRef, lineNo: number) => {
    const known = teams.get(t.name);
    if (!known) teams.set(t.name, { ...t, line: lineNo });
    else if (t.code && known.code && t.code !== known.code) fail(lineNo, `${t.name} (${t.code}) was ${t.name} (${known.code}) on line ${known.line}: one name, two associations`);
    else if (t.code && !known.code) teams.set(t.name, { ...t, line: lineNo });
  };
  for (const m of matches) {
    note(m.home, m.line);
    note(m.away, m.line);
  }
  for (const d of defs) for (const t of d.teams) note(t, d.line);
  const teamRef = (name: string): TeamRef => {
    const t = teams.get(name);
    return { name, code: t?.code ?? null };
  };

  // ------------------------------------------------------------ scorers
  const goalsOf = new Map<number, ParsedGoal[] | null>();
  const mismatches: number[] = [];
  for (const m of matches) {
    if (m.scorerLines === 0) {
      goalsOf.set(m.line, null);
      continue;
    }
    const score = m.result.score;
    let sideOf: (part: number) => 'home' | 'away';
    if (m.semis === 1) sideOf = (part) => (part === 0 ? 'home' : 'away');
    else if (m.goals.length === 0) sideOf = () => 'home';
    else if (!score) {
      fail(m.line, 'scorers are listed for a match with no result');
      continue;
    } else if (score[0] > 0 && score[1] === 0) sideOf = () => 'home';
    else if (score[1] > 0 && score[0] === 0) sideOf = () => 'away';
    else {
      fail(m.goals[0]?.line ?? m.line, `both teams scored (${score[0]}-${score[1]}), but the scorers have no ";" between the home and the away goals`, EXPECT.goals);
      continue;
    }
    const goals = m.goals.map((g): ParsedGoal => ({ side: sideOf(g.part), player: g.player, minute: g.minute, stoppage: g.stoppage, penalty: g.penalty, ownGoal: g.ownGoal, line: g.line }));
    goalsOf.set(m.line, goals);
    const home = goals.filter((g) => g.side === 'home').length;
    if (!score || home !== score[0] || goals.length - home !== score[1]) mismatches.push(m.line);
  }

  const grouped = resolveGroups(rounds, matches, defs, options.groups, options.matchdays, teamRef, fail);
  const tied = resolveTies(rounds, matches, fail);
  if (errors.length > 0) return { ok: false, errors };

  const parsedRounds: ParsedRound[] = rounds.map((r) => ({ key: r.key, name: r.name, kind: r.kind, twoLegged: tied.twoLegged.has(r.key), line: r.line }));
  const parsedMatches: ParsedMatch[] = [...matches].sort(byDate).map((m) => ({
    line: m.line,
    round: m.round.key,
    group: grouped.groupOf.get(m.line) ?? null,
    matchday: grouped.matchdayOf.get(m.line) ?? null,
    leg: tied.legOf.get(m.line) ?? null,
    number: m.number,
    date: m.date,
    kickoff: m.kickoff,
    timeNote: m.kickoff ? timeNote(m.kickoff) : null,
    venue: m.venue,
    home: teamRef(m.home.name),
    away: teamRef(m.away.name),
    score: m.result.score,
    fullTime: m.result.fullTime,
    halfTime: m.result.halfTime,
    extraTime: m.result.extraTime,
    penalties: m.result.penalties,
    awarded: m.awarded,
    notes: m.notes,
    goals: goalsOf.get(m.line) ?? null,
  }));
  const teamList = [...teams.values()].map(({ name, code }) => ({ name, code }));
  return {
    ok: true,
    season: {
      title,
      rounds: parsedRounds,
      groups: grouped.groups,
      teams: teamList,
      matches: parsedMatches,
      ties: tied.ties.map((t) => ({ ...t, first: teamRef(t.first.name), second: teamRef(t.second.name) })),
      matchdayDates,
      summary: summarize(parsedMatches, teamList.length, grouped.groups.length, parsedRounds.length, mismatches),
    },
  };
};
