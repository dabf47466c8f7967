// A parsed Football.TXT season → a season file in the current schema. Pure: clubs and options in,
// the file's JSON (and what the import found) out; the tool validates it and writes it.
// Clubs go through data/clubs.json (name-or-alias AND association code). What the format does not
// give stays null with a gap note; printed kickoff times and half-times are kept in match notes.
import { indexClubs, newClubId } from '../clubs/match.js';
import type { Club, ClubsFile } from '../clubs/schema.js';
import { finalStage } from '../domain/format.js';
import { computeTies } from '../domain/ties.js';
import type { ParsedMatch, ParsedSeason, TeamRef } from '../football-txt/index.js';
import type { SeasonFormatRecord } from '../season/format.js';
import { parseSeason, SeasonFileError } from '../season/parse.js';
import type { CalendarRecord, MatchInput, SeasonFileInput, SourceNoteRecord, TeamInput } from '../season/schema.js';
import { formatOf } from './format.js';
import { rankingCriteriaFor } from './ranking-criteria.js';

type StageRecord = SeasonFormatRecord['stages'][number];

export interface SeasonImportOptions {
  readonly id: string;
  readonly competition: string;
  /** `2023-24` */
  readonly label: string;
  readonly fileName: string;
  /** The citation every record carries (a URL to the file at a commit, ideally). */
  readonly source: string;
  /** `YYYY-MM-DD`: when the data was read from its source. */
  readonly asOf: string;
  /** The groups file's own sources, when the group letters came from one. */
  readonly groupsSources: readonly string[];
}

export interface ClubMapping {
  readonly printed: TeamRef;
  readonly club: Club;
  readonly isNew: boolean;
  /** Clubs of other associations with the same name (a new club that is not one of them). */
  readonly sameNameElsewhere: readonly Club[];
}

export interface SeasonImport {
  readonly file: SeasonFileInput;
  readonly clubs: readonly ClubMapping[];
  readonly newClubs: readonly Club[];
}

export type SeasonImportResult = { readonly ok: true; readonly value: SeasonImport } | { readonly ok: false; readonly problems: readonly string[] };


const pad = (n: number) => String(n).padStart(2, '0');
const score = (s: readonly [number, number] | null) => (s === null ? null : { home: s[0], away: s[1] });

/** Maps every printed club; problems for a name two clubs fit, or a new club with no usable association. */
export function mapClubs(teams: readonly TeamRef[], clubs: ClubsFile, source: string): { mapped: ClubMapping[]; newClubs: Club[]; problems: string[] } {
  const index = indexClubs(clubs.clubs);
  const codes = new Set(clubs.associations.map((a) => a.code));
  const taken = new Set(clubs.clubs.map((c) => c.id));
  const mapped: ClubMapping[] = [];
  const newClubs: Club[] = [];
  const problems: string[] = [];
  for (const printed of teams) {
    const shown = printed.code ? `${printed.name} (${printed.code})` : printed.name;
    const found = index.match(printed.name, printed.code);
    if (found.kind === 'known') {
      mapped.push({ printed, club: found.club, isNew: false, sameNameElsewhere: [] });
      continue;
    }
    if (found.kind === 'ambiguous') {
      problems.push(`"${shown}" could be ${found.candidates.map((c) => `${c.name} (${c.association}, id ${c.id})`).join(' or ')}: add the printed name as an alias of one of them in data/clubs.json`);
      continue;
    }
    if (printed.code === null) {
      problems.push(`"${printed.name}" is not in data/clubs.json and the file prints no association code for it: add the club (with its association) to data/clubs.json`);
      continue;
    }
    if (!codes.has(printed.code)) {
      problems.push(`"${shown}": the association code ${printed.code} is not in data/clubs.json's associations; add {code, name, sources}`);
      continue;
    }
    const club: Club = { id: newClubId(printed.name, printed.code, taken), name: printed.name, shortName: null, aliases: [], association: printed.code, sources: [source] };
    taken.add(club.id);
    newClubs.push(club);
    mapped.push({ printed, club, isNew: true, sameNameElsewhere: found.sameNameElsewhere });
  }
  return { mapped, newClubs, problems };
}

export function importSeason(parsed: ParsedSeason, clubs: ClubsFile, options: SeasonImportOptions): SeasonImportResult {
  const shape = formatOf(parsed);
  if (!shape.ok) return { ok: false, problems: shape.problems.map((p) => `${options.fileName}: ${p}`) };
  const { format } = shape;
  const criteria = rankingCriteriaFor(options.competition, options.label);
  const { mapped, newClubs, problems } = mapClubs(parsed.teams, clubs, options.source);
  if ('problem' in criteria) problems.push(criteria.problem);
  if (problems.length > 0 || 'problem' in criteria) return { ok: false, problems };

  const src = [options.source];
  const clubOf = new Map(mapped.map((m) => [m.printed.name, m.club]));
  const nameOf = (t: TeamRef): string => clubOf.get(t.name)?.name ?? t.name;
  const associationName = new Map(clubs.associations.map((a) => [a.code, a.name]));
  const stageOf = (m: ParsedMatch): StageRecord => {
    const stage = shape.stageOf.get(m.round);
    if (stage === undefined) throw new Error(`no stage for the round ${m.round} (line ${m.line})`);
    return stage;
  };
  const kindOf = new Map(format.stages.map((st) => [st.code, st] as const));
  const tiesIn = new Map<string, number>();
  for (const t of parsed.ties) tiesIn.set(t.round, (tiesIn.get(t.round) ?? 0) + 1);

  // Ties numbered per round in the order of their first legs.
  const tieOf = new Map<number, number>();
  for (const round of parsed.rounds.filter((r) => r.kind !== 'group')) {
    const firstLeg = (lines: readonly number[]) => parsed.matches.findIndex((m) => m.line === lines[0]);
    parsed.ties
      .filter((t) => t.round === round.key)
      .sort((a, b) => firstLeg(a.legs) - firstLeg(b.legs))
      .forEach((tie, i) => tie.legs.forEach((line) => tieOf.set(line, i + 1)));
  }
  // A past match the file gives no result for ("-"): said in its note, with what the next round of the file shows.
  const stageIndex = new Map(format.stages.map((st, i) => [st.code, i] as const));
  const noResultNote = (m: ParsedMatch): string => {
    const base = 'The file prints no result for this match (-).';
    const next = format.stages[(stageIndex.get(stageOf(m).code) ?? Number.POSITIVE_INFINITY) + 1];
    if (next === undefined) return base;
    const later = parsed.matches.filter((x) => stageOf(x).code === next.code);
    const through = [m.home, m.away].filter((t) => later.some((x) => x.home.name === t.name || x.away.name === t.name));
    return through.length === 1 && through[0] ? `${base} ${nameOf(through[0])} play the next round (${next.name}) in the file.` : base;
  };
  const groupSlot = new Map<string, number>();
  const matches: MatchInput[] = parsed.matches.map((m): MatchInput => inFileOrder(buildMatch(m)));
  function buildMatch(m: ParsedMatch): MatchInput {
    const stageFormat = stageOf(m);
    const stage = stageFormat.code;
    const inGroup = stageFormat.kind === 'group';
    const single = stageFormat.kind !== 'group' && stageFormat.legs === 'single_leg';
    const tie = tieOf.get(m.line) ?? null;
    const legPart = single ? '' : `-L${m.leg}`;
    let id: string;
    if (inGroup) {
      const key = `${m.group}-${m.matchday}`;
      const n = (groupSlot.get(key) ?? 0) + 1;
      groupSlot.set(key, n);
      id = `G${idPart(m.group ?? '')}-MD${m.matchday}-${n}`;
    } else if (stageFormat.kind === 'qualifying') id = `${stageFormat.key}-T${pad(tie ?? 0)}${legPart}`;
    else id = `${stageFormat.key}${(tiesIn.get(m.round) ?? 0) === 1 ? '' : tie}${legPart}`;
    const home = nameOf(m.home);
    const away = nameOf(m.away);
    const notes = [
      m.timeNote ? `${m.timeNote[0]?.toUpperCase()}${m.timeNote.slice(1)}.` : null,
      m.halfTime ? `Half-time ${m.halfTime[0]}-${m.halfTime[1]}.` : null,
      m.extraTime && m.fullTime ? `${m.fullTime[0]}-${m.fullTime[1]} after 90 minutes.` : null,
      ...m.notes.map((n) => `The file notes [${n}].`),
      m.score === null && m.date < options.asOf ? noResultNote(m) : null,
    ].filter((n): n is string => n !== null);
    const printed = score(m.score);
    const base = {
      id,
      stage,
      group: inGroup ? m.group : null,
      matchday: inGroup ? m.matchday : null,
      tie: inGroup ? null : tie,
      leg: inGroup || single ? null : m.leg,
      date: m.date,
      kickoff: null,
      venue: m.venue,
      home,
      away,
      extraTime: m.extraTime,
      goals: (m.goals ?? []).map((g) => ({
        team: g.side === 'home' ? home : away,
        player: g.player,
        minute: g.stoppage === null ? String(g.minute) : `${g.minute}+${g.stoppage}`,
        type: g.ownGoal ? ('own_goal' as const) : g.penalty ? ('penalty' as const) : ('regular' as const),
      })),
      sources: src,
    };
    if (m.awarded && printed && printed.home !== printed.away) {
      const winner = printed.home > printed.away ? home : away;
      return {
        ...base,
        status: 'awarded' as const,
        score: null,
        penalties: null,
        decision: {
          winner,
          score: printed,
          reason: `The file marks this match [awarded] ${printed.home}-${printed.away} to ${winner}; it does not say whether it was played or why.`,
          decidedOn: null,
        },
        note: notes.join(' ') || null,
      };
    }
    return {
      ...base,
      status: printed === null ? ('scheduled' as const) : ('played' as const),
      score: printed,
      penalties: score(m.penalties),
      decision: null,
      note: notes.join(' ') || null,
    };
  }

  // A club enters where it first plays: the second round when it had a bye, the quarter-finals in a knockout-only competition.
  const firstStage = new Map<string, string>();
  for (const m of matches) for (const t of [m.home, m.away]) if (!firstStage.has(t)) firstStage.set(t, m.stage);
  const teamClubs = [...new Map(mapped.map((m) => [m.club.id, m.club])).values()];
  const teams: TeamInput[] = teamClubs.map((club) => ({
    name: club.name,
    shortName: club.shortName,
    aliases: club.aliases,
    association: associationName.get(club.association) ?? club.association,
    qualifyingMethod: null,
    entryRound: firstStage.get(club.name) ?? format.stages[0]?.code ?? 'first_round',
    note: null,
    sources: src,
  }));
  const associations = [...new Set(teamClubs.map((c) => c.association))].sort().map((code) => ({
    name: associationName.get(code) ?? code,
    shortName: null,
    code,
    rank: null,
    points: null,
    entered: true,
    note: null,
    sources: src,
  }));
  const groupSources = options.groupsSources.length > 0 ? [...options.groupsSources, options.source] : src;
  const groups = parsed.groups.map((g) => ({
    id: g.label,
    teams: g.teams.map(nameOf),
    note:
      g.source === 'file'
        ? 'Groups as the file defines them.'
        : g.source === 'groups-option'
          ? 'Group letters from the groups file given to the import (the file lists the group matches without letters).'
          : g.source === 'unnamed'
            ? 'One group with no letter (a league phase): the file names none and its fixtures form one pool; the id is internal, never shown.'
            : 'Groups from the file\'s headings.',
    sources: g.source === 'groups-option' ? groupSources : src,
  }));

  const calendar = calendarOf(matches, kindOf, src);
  const s = parsed.summary;
  const pastWithoutResult = parsed.matches.filter((m) => m.score === null && m.date < options.asOf).length;
  const gap = (subject: string, text: string): SourceNoteRecord => ({ subject, text, sources: src });
  const gaps: SourceNoteRecord[] = [
    s.missing.scorers > 0 ? gap('matches.goals', `The file lists no scorers for ${s.missing.scorers} played match(es) with goals; their goals are counted in the scores only.`) : null,
    s.missing.venues > 0 ? gap('matches.venue', `The file gives no venue for ${s.missing.venues} match(es).`) : null,
    gap('matches.kickoff', `Kick-off times are printed as local times with no time zone (${s.missing.timeZones} match(es)) or not at all (${s.missing.kickoffTimes}): every kickoff is null, the date is kept and the printed time is in each match's note.`),
    s.withoutResult > 0 && pastWithoutResult > 0
      ? gap('matches.score', `The file prints no result for ${pastWithoutResult} match(es) dated before it was read (${options.asOf}): they stay scheduled with no score, and their notes say so.`)
      : null,
    s.missing.halfTimes > 0 ? gap('matches.note', `No half-time score for ${s.missing.halfTimes} match(es); the others are kept in the match notes (the schema has no half-time field).`) : null,
    gap('associations', 'The file gives association codes only: ranks and points are null, and each association\'s name comes from data/clubs.json.'),
    gap('teams.qualifyingMethod', 'The file does not say how the clubs qualified.'),
    gap('calendar', 'The file gives no draw dates; calendar entries are the spans of the match dates it lists.'),
    gap('matches.referee', 'The file names no referees, attendances or sendings-off.'),
    gap('printedTotals', 'The file prints no match or goal totals (its header counts every match of every round): printedTotals is null, and the bot says the totals are not published.'),
  ].filter((g): g is SourceNoteRecord => g !== null);

  const file: SeasonFileInput = {
    $comment: `Imported by npm run data:import from ${options.fileName} (Football.TXT). Edit it as any season file (see data/seasons/caf-cc-2023-24.json's $comment), then run npm run cli -- validate <file>. Re-importing overwrites hand edits.`,
    about: `The ${options.label.replace('-', '–')} ${options.competition}: ${teams.length} clubs from ${associations.length} associations, ${matches.length} matches, from ${options.fileName} (${parsed.title ?? 'no title'}). Cited as ${options.source}${/openfootball/i.test(options.source) ? ' (openfootball: public domain, CC0 1.0)' : ''}. What the format does not give is null and listed in gaps.`,
    id: options.id,
    label: options.label,
    name: `${options.label.replace('-', '–')} ${options.competition}`,
    competition: options.competition,
    format,
    asOf: options.asOf,
    champion: null,
    rankingCriteria: criteria,
    printedTotals: null,
    associations,
    groups,
    teams,
    matches,
    calendar,
    conflicts: [],
    gaps,
  };
  // The validator reads the file as the bot will; the champion is the final's winner as the tie engine decides it.
  let season;
  try {
    season = parseSeason(file, options.fileName).season;
  } catch (err) {
    if (err instanceof SeasonFileError) return { ok: false, problems: err.problems.map((p) => `the season built from the file is invalid at ${p.path}: ${p.message}`) };
    throw err;
  }
  // The final is the format's last knockout round, whatever its code.
  const final = finalStage(season);
  const [finalTie] = final === null ? [] : computeTies(season, final.code);
  const champion = season.teams.find((t) => t.id === finalTie?.winner)?.name ?? null;
  return { ok: true, value: { file: { ...file, champion }, clubs: mapped, newClubs } };
}

/** The keys in the order data/seasons/caf-cc-2023-24.json writes them, so imported files read the same. */
const MATCH_KEYS = ['id', 'stage', 'group', 'matchday', 'tie', 'leg', 'date', 'kickoff', 'venue', 'home', 'away', 'status', 'score', 'extraTime', 'penalties', 'decision', 'goals', 'note', 'sources'] as const;
const inFileOrder = (m: MatchInput): MatchInput => Object.fromEntries(MATCH_KEYS.map((k) => [k, m[k]])) as unknown as MatchInput;

/** One calendar entry per leg of a round (per round when single-leg) and per group matchday: the span of its match dates. */
function calendarOf(matches: readonly MatchInput[], stages: ReadonlyMap<string, StageRecord>, sources: readonly string[]): CalendarRecord[] {
  const spans = new Map<string, { stage: StageRecord; matchday: number | null; leg: 1 | 2 | null; dates: string[] }>();
  for (const m of matches) {
    const stage = stages.get(m.stage);
    if (m.date === null || stage === undefined) continue;
    const group = stage.kind === 'group';
    const key = group ? `G-MD${m.matchday}` : m.leg === null || m.leg === undefined ? stage.key : `${stage.key}-L${m.leg}`;
    const span = spans.get(key) ?? { stage, matchday: group ? (m.matchday ?? null) : null, leg: group ? null : (m.leg ?? null), dates: [] };
    span.dates.push(m.date);
    spans.set(key, span);
  }
  return [...spans.entries()].map(([id, span]) => {
    const dates = [...span.dates].sort();
    const { stage } = span;
    return {
      id,
      phase: stage.kind === 'group' ? 'Group stage' : stage.kind === 'qualifying' ? 'Qualifying rounds' : 'Knockout stage',
      round: stage.kind === 'group' ? `${stage.name}, matchday ${span.matchday}` : span.leg === null ? stage.name : `${stage.name}, ${span.leg === 1 ? 'first' : 'second'} legs`,
      kind: stage.kind === 'group' ? ('matchday' as const) : ('leg' as const),
      stage: stage.code,
      matchday: span.matchday,
      leg: span.leg,
      startDate: dates[0] ?? '',
      endDate: dates[dates.length - 1] ?? '',
      note: 'The span of the match dates the file lists for this round.',
      sources: [...sources],
    };
  });
}

/** A group label inside a match id (capitals and digits): `A`, or `GROUP1` for "Group 1". */
const idPart = (label: string): string => label.toUpperCase().replace(/[^A-Z0-9]/g, '') || 'X';
