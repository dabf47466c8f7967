// One-off transcription: ../shared/research (+ the seed) → data/seasons/caf-cc-2023-24.json.
// Kept for provenance. Since the first run the data file is the source of truth and is edited by
// hand; running this again OVERWRITES those edits (it refuses unless --force is given).
//
//   npx tsx src/tools/transcribe-research.ts [--force] [researchDir] [outFile]
//
// It copies values, never guesses them: a null in the research stays null. Every judgement call
// (canonical names, alias clean-up, which note belongs to which record) is spelled out below and
// fails loudly when the research does not look the way it did when this was written.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GoalType, GroupId, MatchStatus, Stage } from '../domain/types.js';
import { parseSeason } from '../season/parse.js';
import type {
  AssociationInput as AssociationRecord,
  CalendarRecord,
  GroupRecord,
  MatchInput as MatchRecord,
  ScoreRecord,
  SeasonFileInput as SeasonFile,
  SourceNoteRecord,
  TeamInput as TeamRecord,
} from '../season/schema.js';
import { nameKey } from '../season/slug.js';

// ---------- research shapes (only the fields used) ----------

interface ResearchTeam {
  name: string;
  aliases: string[];
  association: string;
  association_code: string | null;
  rank: number | null;
  rank_points: number | null;
  qualifying_method: string | null;
  entry_round: 'first_round' | 'second_round';
  group_stage_group: string | null;
  sources: string[];
  notes: string | null;
  alias_sources: { alias: string; source: string | null }[];
}
interface ResearchRanking {
  rank: number | null;
  association: string | null;
  association_code: string | null;
  points: number | null;
  sources: string[];
  confidence: string;
  note: string | null;
}
interface ResearchScheduleRow {
  phase: string;
  round: string;
  draw_date: string | null;
  first_leg: string | null;
  second_leg: string | null;
  note: string | null;
  sources: string[];
}
interface ResearchQualifyingMatch {
  round: 'first_round' | 'second_round';
  tie: number;
  leg: 1 | 2 | null;
  date: string | null;
  home: string;
  away: string;
  home_goals: number | null;
  away_goals: number | null;
  status: 'played' | 'walkover';
  venue: string | null;
  note: string | null;
  sources: string[];
}
interface ResearchTie {
  round: 'first_round' | 'second_round';
  tie: number;
  team1_home_first_leg: string;
  team2: string;
  leg1: string | null;
  leg2: string | null;
  aggregate: string | null;
  winner: string;
  decided_by: string;
  sources: string[];
}
interface TeamsQualifying {
  teams: ResearchTeam[];
  non_entrant_associations: { list: string[]; sources: string[]; note: string };
  ranking_criteria: {
    points_table: { achievement: string; confederation_cup: number }[];
    sources: string[];
    note: string;
  };
  associations_ranking: ResearchRanking[];
  schedule: ResearchScheduleRow[];
  qualifying_matches: ResearchQualifyingMatch[];
  qualifying_ties: ResearchTie[];
  group_stage_draw: Record<GroupId, string[]> & { sources: string[] };
  gaps: string[];
  conflicts: string[];
  sources_index: Record<string, string>;
}
interface ResearchGoal {
  team: string;
  player: string | null;
  minute: string | null;
  type: GoalType;
}
interface ResearchProperMatch {
  stage: 'group' | 'quarter-final' | 'semi-final' | 'final';
  group: GroupId | null;
  matchday: number | null;
  leg: 1 | 2 | null;
  date: string;
  kickoff_utc: string | null;
  home: string;
  away: string;
  home_goals: number | null;
  away_goals: number | null;
  status: 'played' | 'awarded';
  awarded_note: string | null;
  venue: string | null;
  goals: ResearchGoal[];
  sources: string[];
  notes: string[];
}
interface GroupKnockout {
  meta: { draw: { date: string; time_utc: string; place: string; source: string } };
  teams: { group: GroupId; team: string; aliases: string }[];
  matches: ResearchProperMatch[];
  gaps: string[];
}

// ---------- small helpers ----------

function fail(message: string): never {
  throw new Error(`transcribe-research: ${message}`);
}

function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) fail(`missing ${what}`);
  return value;
}

const SEED = 'seed 000_960979acb82d6ea3.txt';
const WIKI_GROUP_STAGE = 'https://en.wikipedia.org/wiki/2023%E2%80%9324_CAF_Confederation_Cup_group_stage';
const FIFA_CODES = 'https://en.wikipedia.org/wiki/List_of_FIFA_country_codes';

/** The research cites the seed as "seed 000_….txt (copy of https://en.wikipedia…)"; keep the short form. */
const normalizeSource = (source: string): string => (source.startsWith(SEED) ? SEED : source.trim());

function sources(...lists: readonly (readonly string[])[]): string[] {
  const out: string[] = [];
  for (const list of lists) for (const s of list) {
    const normalized = normalizeSource(s);
    if (normalized !== '' && !out.includes(normalized)) out.push(normalized);
  }
  return out;
}

const expectCount = (what: string, actual: number, expected: number): void => {
  if (actual !== expected) fail(`expected ${expected} ${what}, found ${actual}`);
};

const pad2 = (n: number): string => String(n).padStart(2, '0');

function parsePair(text: string, what: string): [number, number] {
  const match = /^(\d+)-(\d+)/.exec(text);
  if (!match) fail(`cannot read a score from "${text}" (${what})`);
  return [Number(match[1]), Number(match[2])];
}

/** "2023-08-18 to 2023-08-20" or "2023-11-26" → [start, end]. */
function parseWindow(text: string | null, what: string): [string, string] {
  const window = must(text, what);
  const match = /^(\d{4}-\d{2}-\d{2})(?: to (\d{4}-\d{2}-\d{2}))?$/.exec(window);
  if (!match) fail(`cannot read a date window from "${window}" (${what})`);
  const start = must(match[1], what);
  return [start, match[2] ?? start];
}

const joinNotes = (notes: readonly (string | null | undefined)[]): string | null => {
  const kept = notes.map((n) => n?.trim() ?? '').filter((n) => n !== '');
  return kept.length === 0 ? null : kept.join(' ');
};

// ---------- inputs ----------

const args = process.argv.slice(2);
const force = args.includes('--force');
const positional = args.filter((a) => !a.startsWith('--'));
const researchDir = positional[0] ?? fileURLToPath(new URL('../../../shared/research/', import.meta.url));
const outFile = positional[1] ?? fileURLToPath(new URL('../../data/seasons/caf-cc-2023-24.json', import.meta.url));

if (existsSync(outFile) && !force) {
  fail(`${outFile} exists and is edited by hand; pass --force to overwrite it from the research`);
}

const qualifyingPath = join(researchDir, 'season-2023-24-teams-qualifying.json');
const knockoutPath = join(researchDir, 'season-2023-24-group-knockout.json');
const tq = JSON.parse(readFileSync(qualifyingPath, 'utf8')) as TeamsQualifying;
const gk = JSON.parse(readFileSync(knockoutPath, 'utf8')) as GroupKnockout;
const knockoutMd = readFileSync(join(researchDir, 'season-2023-24-group-knockout.md'), 'utf8');

/** Source by the research's key, e.g. src('AFRICAPRESS_RANK'). */
const src = (...keys: string[]): string[] => keys.map((key) => normalizeSource(must(tq.sources_index[key], `sources_index.${key}`)));

// The research does not say when it was compiled: use the date of the research files themselves.
const asOf = statSync(qualifyingPath).mtime.toISOString().slice(0, 10);

// ---------- teams and names ----------

const canonicalNames = tq.teams.map((t) => t.name);
if (canonicalNames.length !== 52) fail(`expected 52 teams, found ${canonicalNames.length}`);

/** Spellings the group/knockout research uses for a team, mapped to the canonical (seed) name. */
const RESEARCH_SPELLINGS: Record<string, string> = {
  'SOAR (Académie SOAR, Coyah)': 'Académie SOAR',
  'Dreams FC': 'Dreams F.C.',
};

function canonical(name: string): string {
  if (canonicalNames.includes(name)) return name;
  return must(RESEARCH_SPELLINGS[name], `canonical name for research spelling "${name}"`);
}

/** Short forms the research uses in its own text, added so look-ups by them work. */
const EXTRA_ALIASES: Record<string, string[]> = {
  'RS Berkane': ['Berkane'],
  'Académica do Lobito': ['APC', 'Académica Lobito'],
  'Kampala City': ['KCCA'],
  'Sekhukhune United': ['Sekhukhune'],
  'Rivers United': ['Rivers'],
};

const ANNOTATION = /\s*\((former name|misspelling|nickname)\)\s*$/;
const NON_LATIN = /[^\p{Script=Latin}\p{N}\p{P}\p{Zs}]/u;

/**
 * One research alias entry → matchable aliases. "A / B" lists two spellings; "(former name)"-style
 * annotations are dropped; "X (نهضة بركان)" is two aliases; "X (de Bamako)" gives "X de Bamako" and,
 * as a weaker candidate, "X".
 */
function expandAlias(entry: string): { strong: string[]; weak: string[] } {
  const strong: string[] = [];
  const weak: string[] = [];
  for (const part of entry.split(' / ')) {
    const clean = part.replace(ANNOTATION, '').trim();
    const paren = /^(.*?)\s*\((.+)\)$/.exec(clean);
    if (!paren) {
      strong.push(clean);
      continue;
    }
    const base = must(paren[1], 'alias base').trim();
    const inner = must(paren[2], 'alias qualifier').trim();
    if (NON_LATIN.test(inner)) {
      strong.push(base, inner);
    } else {
      strong.push(`${base} ${inner}`);
      weak.push(base);
    }
  }
  return { strong, weak };
}

const knockoutAliases = new Map<string, string[]>();
for (const t of gk.teams) knockoutAliases.set(canonical(t.team), t.aliases.split(', ').map((a) => a.trim()));

// Strong aliases first, so a weak (shortened) one never takes a name another team owns.
const aliasCandidates = new Map<string, { strong: string[]; weak: string[] }>();
for (const team of tq.teams) {
  const strong: string[] = [];
  const weak: string[] = [];
  for (const entry of [...team.aliases, ...(EXTRA_ALIASES[team.name] ?? []), ...(knockoutAliases.get(team.name) ?? [])]) {
    const expanded = expandAlias(entry);
    strong.push(...expanded.strong);
    weak.push(...expanded.weak);
  }
  aliasCandidates.set(team.name, { strong, weak });
}
const strongOwner = new Map<string, string>();
for (const team of tq.teams) {
  strongOwner.set(nameKey(team.name), team.name);
  for (const alias of must(aliasCandidates.get(team.name), team.name).strong) {
    const key = nameKey(alias);
    const owner = strongOwner.get(key);
    if (owner !== undefined && owner !== team.name) fail(`alias "${alias}" of ${team.name} is also a name of ${owner}`);
    strongOwner.set(key, team.name);
  }
}

function aliasesOf(team: ResearchTeam): string[] {
  const candidates = must(aliasCandidates.get(team.name), team.name);
  const seen = new Set<string>([nameKey(team.name)]);
  const out: string[] = [];
  const take = (alias: string, weak: boolean): void => {
    const key = nameKey(alias);
    if (key === '' || seen.has(key)) return;
    const owner = strongOwner.get(key);
    if (weak && owner !== undefined && owner !== team.name) return;
    seen.add(key);
    out.push(alias);
  };
  candidates.strong.forEach((a) => take(a, false));
  candidates.weak.forEach((a) => take(a, true));
  return out;
}

/** Team notes that need a different wording in this file. */
const TEAM_NOTE_OVERRIDES: Record<string, string> = {
  // The research note says "rank 3 used here"; this file keeps the seed's rank (see conflicts).
  'USM Alger':
    "Qualifying method blank in the seed; dknews describes USMA as 'détentrice du trophée' (2022-23 CC holders) - basis of entry not confirmed. Algeria's rank: see conflicts (associations.Algeria.rank).",
};

const teams: TeamRecord[] = tq.teams.map((team) => ({
  name: team.name,
  aliases: aliasesOf(team),
  association: team.association,
  qualifyingMethod: team.qualifying_method,
  entryRound: team.entry_round,
  note: TEAM_NOTE_OVERRIDES[team.name] ?? team.notes,
  sources: sources(team.sources, team.alias_sources.flatMap((a) => (a.source === null ? [] : [a.source]))),
}));

// ---------- associations ----------

const rankingRow = (association: string): ResearchRanking | undefined =>
  tq.associations_ranking.find((row) => row.association === association);
const noScoreRow = must(
  tq.associations_ranking.find((row) => row.rank === null && row.association?.startsWith('(no ranking score')),
  'the "no ranking score" row',
);

const associations: AssociationRecord[] = [];
for (const team of tq.teams) {
  if (associations.some((a) => a.name === team.association)) continue;
  const row = rankingRow(team.association);
  const noScore = row === undefined && noScoreRow.association?.includes(team.association) === true;
  if (row === undefined && !noScore) fail(`no ranking row for ${team.association}`);
  let rank = row?.rank ?? null;
  let assocNote: string | null = row?.note ?? null;
  let rowSources = row?.sources ?? noScoreRow.sources;
  if (team.association === 'Algeria') {
    // Keep the rank the seed prints (2); CAF's points are kept too and the clash is a conflict note.
    rank = 2;
    assocNote = "Rank as printed by the seed (2, tied with Egypt); CAF's points (134) would place Algeria 3rd. See conflicts.";
    rowSources = sources([SEED], row?.sources ?? []);
  }
  if (noScore) assocNote = "No ranking score: the seed prints '—' (the research reads this as 0 points).";
  if (team.association === 'Zanzibar') {
    assocNote = joinNotes([assocNote, 'CAF associate member, not a FIFA member: no FIFA trigramme (ZAN is used by CAF/Wikipedia).']);
  }
  if (team.association === 'DR Congo') {
    assocNote = joinNotes([assocNote, 'Entered one team only: Daring Club Motema Pembe and Maniema Union failed to get a CAF licence (seed).']);
  }
  associations.push({
    name: team.association,
    code: team.association_code,
    rank,
    points: row?.points ?? null,
    entered: true,
    note: assocNote,
    sources: sources(rowSources, [SEED]),
  });
}
expectCount('entrant associations', associations.length, 41);

/** FIFA trigrammes of the non-entrants: not in the research (except Cameroon's), taken from FIFA's list. */
const NON_ENTRANT_CODES: Record<string, string | null> = {
  Cameroon: 'CMR',
  'Cape Verde': 'CPV',
  'Central African Republic': 'CTA',
  Chad: 'CHA',
  Eritrea: 'ERI',
  Gabon: 'GAB',
  Gambia: 'GAM',
  'Guinea-Bissau': 'GNB',
  Lesotho: 'LES',
  Malawi: 'MWI',
  Mauritius: 'MRI',
  Namibia: 'NAM',
  'São Tomé and Príncipe': 'STP',
  Zimbabwe: 'ZIM',
  Réunion: null,
};
for (const listed of tq.non_entrant_associations.list) {
  const associate = / \(CAF associate member\)$/.exec(listed);
  const name = listed.replace(/ \(CAF associate member\)$/, '');
  if (!(name in NON_ENTRANT_CODES)) fail(`no FIFA code decision for non-entrant ${name}`);
  const code = NON_ENTRANT_CODES[name] ?? null;
  const row = rankingRow(name);
  associations.push({
    name,
    code,
    rank: row?.rank ?? null,
    points: row?.points ?? null,
    entered: false,
    note: joinNotes([
      'Did not enter a team (derived: the 56 CAF associations minus the 41 entrants; no source lists the non-entrants).',
      associate ? 'CAF associate member, not a FIFA member: no FIFA trigramme.' : null,
      row?.note ?? null,
      name === 'Cameroon' ? 'In June 2023 Cameroon risked having no entrant because of Bamboutos’ licensing problems (lebledparle).' : null,
    ]),
    sources: sources(tq.non_entrant_associations.sources, row?.sources ?? [], code === null ? [] : [FIFA_CODES]),
  });
}
expectCount('associations', associations.length, 56);

// ---------- groups ----------

const groups: GroupRecord[] = (['A', 'B', 'C', 'D'] as const).map((id) => ({
  id,
  teams: tq.group_stage_draw[id].map(canonical),
  note:
    id === 'A'
      ? 'Drawn 6 Oct 2023 in Johannesburg. Pots not verified: the Wikipedia copy lost the pot table (see gaps).'
      : null,
  sources: sources(tq.group_stage_draw.sources, [gk.meta.draw.source]),
}));
for (const t of gk.teams) {
  const group = must(groups.find((g) => g.id === t.group), `group ${t.group}`);
  if (!group.teams.includes(canonical(t.team))) fail(`the two research files disagree on group ${t.group}: ${t.team}`);
}

// ---------- qualifying matches ----------

const roundPrefix = (round: 'first_round' | 'second_round'): string => (round === 'first_round' ? 'R1' : 'R2');

function tieOf(round: string, tie: number): ResearchTie {
  return must(
    tq.qualifying_ties.find((t) => t.round === round && t.tie === tie),
    `tie ${round} ${tie}`,
  );
}

const matches: MatchRecord[] = [];

for (const leg of tq.qualifying_matches) {
  const tie = tieOf(leg.round, leg.tie);
  const prefix = `${roundPrefix(leg.round)}-T${pad2(leg.tie)}`;
  const home = canonical(leg.home);
  const away = canonical(leg.away);
  if (leg.status === 'walkover') {
    matches.push({
      id: `${prefix}-W`,
      stage: leg.round,
      group: null,
      matchday: null,
      tie: leg.tie,
      leg: null,
      date: leg.date,
      kickoff: null,
      venue: leg.venue,
      home,
      away,
      status: 'walkover',
      score: null,
      extraTime: false,
      penalties: null,
      decision: { winner: canonical(tie.winner), score: null, reason: must(leg.note, `walkover reason ${prefix}`) },
      goals: [],
      note: null,
      sources: sources(leg.sources, tie.sources),
    });
    continue;
  }
  const score: ScoreRecord = { home: must(leg.home_goals, `${prefix} home goals`), away: must(leg.away_goals, `${prefix} away goals`) };
  // A shoot-out ("penalties 4-3", winner first) follows the second leg.
  let penalties: ScoreRecord | null = null;
  const shootout = /^penalties (\d+)-(\d+)$/.exec(tie.decided_by);
  if (shootout && leg.leg === 2) {
    const winnerKicks = Number(shootout[1]);
    const loserKicks = Number(shootout[2]);
    penalties = canonical(tie.winner) === home ? { home: winnerKicks, away: loserKicks } : { home: loserKicks, away: winnerKicks };
  }
  matches.push({
    id: `${prefix}-L${must(leg.leg, `${prefix} leg`)}`,
    stage: leg.round,
    group: null,
    matchday: null,
    tie: leg.tie,
    leg: leg.leg,
    date: leg.date,
    kickoff: null,
    venue: leg.venue,
    home,
    away,
    status: 'played',
    score,
    extraTime: false,
    penalties,
    decision: null,
    goals: [],
    note: leg.note,
    sources: sources(leg.sources),
  });
}

// Cross-check every played tie: legs against the tie table (team 1's view).
for (const tie of tq.qualifying_ties) {
  if (tie.aggregate === null) continue;
  const prefix = `${roundPrefix(tie.round)}-T${pad2(tie.tie)}`;
  const first = must(matches.find((m) => m.id === `${prefix}-L1`), `${prefix}-L1`);
  const second = must(matches.find((m) => m.id === `${prefix}-L2`), `${prefix}-L2`);
  const [agg1, agg2] = parsePair(tie.aggregate, `${prefix} aggregate`);
  const s1 = must(first.score, `${prefix}-L1 score`);
  const s2 = must(second.score, `${prefix}-L2 score`);
  if (first.home !== canonical(tie.team1_home_first_leg)) fail(`${prefix}: leg 1 home is not team 1`);
  if (s1.home + s2.away !== agg1 || s1.away + s2.home !== agg2) fail(`${prefix}: legs do not add up to ${tie.aggregate}`);
  if (tie.decided_by.startsWith('penalties') && second.penalties === null) fail(`${prefix}: shoot-out not recorded`);
}

// ---------- group and knockout matches ----------

const STAGE_OF: Record<ResearchProperMatch['stage'], Stage> = {
  group: 'group',
  'quarter-final': 'quarter_final',
  'semi-final': 'semi_final',
  final: 'final',
};
const KO_PREFIX: Partial<Record<Stage, string>> = { quarter_final: 'QF', semi_final: 'SF', final: 'F' };

/** Winners of the matches decided off the pitch, checked against any awarded score. */
const AWARDED_WINNER: Record<string, string> = {
  'Zamalek|Académie SOAR': 'Zamalek',
  'USM Alger|RS Berkane': 'RS Berkane',
  'RS Berkane|USM Alger': 'RS Berkane',
};

/**
 * kickoff_utc is HH:MM in UTC and `date` the local date. When a note gives the local offset
 * ("UTC+1") and the local time passes midnight, the UTC day is the day before.
 */
function kickoffOf(match: ResearchProperMatch): string | null {
  if (match.kickoff_utc === null) return null;
  const [hours, minutes] = match.kickoff_utc.split(':').map(Number);
  if (hours === undefined || minutes === undefined || Number.isNaN(hours) || Number.isNaN(minutes)) {
    fail(`bad kickoff_utc ${match.kickoff_utc}`);
  }
  const offset = /UTC\+(\d+)/.exec(match.notes.join(' '))?.[1];
  const localDate = new Date(`${match.date}T00:00:00Z`);
  if (offset === undefined && hours >= 21) fail(`kickoff ${match.kickoff_utc} on ${match.date} may cross midnight: check by hand`);
  const crossesMidnight = offset !== undefined && hours + Number(offset) >= 24;
  const utcDay = new Date(localDate.getTime() - (crossesMidnight ? 86_400_000 : 0)).toISOString().slice(0, 10);
  return `${utcDay}T${match.kickoff_utc}:00Z`;
}

/** Research player strings that carry a comment rather than a name. */
function playerOf(goal: ResearchGoal): string | null {
  if (goal.player === null) return null;
  if (goal.type === 'own_goal') return goal.player.replace(/\s*\([^)]*\)$/, ''); // "Judour (Abu Salim)": the team is implied
  if (goal.player === 'Samuel (Cachimbombo?)') return 'Samuel'; // the source gives only "Samuel"; the guess stays in the note
  return goal.player;
}

const groupCounter = new Map<string, number>();
const koTies = new Map<Stage, string[]>();
for (const m of gk.matches) {
  const stage = STAGE_OF[m.stage];
  const home = canonical(m.home);
  const away = canonical(m.away);
  let id: string;
  let tie: number | null = null;
  if (stage === 'group') {
    const group = must(m.group, 'group');
    const matchday = must(m.matchday, 'matchday');
    const key = `${group}${matchday}`;
    const n = (groupCounter.get(key) ?? 0) + 1;
    groupCounter.set(key, n);
    id = `G${group}-MD${matchday}-${n}`;
  } else {
    const pairing = [home, away].sort().join('|');
    const seen = koTies.get(stage) ?? [];
    if (!seen.includes(pairing)) seen.push(pairing);
    koTies.set(stage, seen);
    tie = seen.indexOf(pairing) + 1;
    const prefix = must(KO_PREFIX[stage], `prefix for ${stage}`);
    id = `${prefix}${stage === 'final' ? '' : tie}-L${must(m.leg, 'leg')}`;
  }

  const recorded: ScoreRecord | null =
    m.home_goals === null || m.away_goals === null ? null : { home: m.home_goals, away: m.away_goals };
  const status: MatchStatus = m.status;
  let score: ScoreRecord | null = recorded;
  let decision: MatchRecord['decision'] = null;
  let matchNote = joinNotes(m.notes);
  if (status === 'awarded') {
    // Not played: the awarded score (if any source states it) belongs to the decision, not the pitch.
    score = null;
    const winner = must(AWARDED_WINNER[`${home}|${away}`], `winner of awarded ${home} v ${away}`);
    if (recorded !== null && (winner === home ? recorded.home <= recorded.away : recorded.away <= recorded.home)) {
      fail(`${id}: awarded score does not favour ${winner}`);
    }
    decision = { winner, score: recorded, reason: must(m.awarded_note, `${id} awarded note`) };
  } else if (recorded === null) {
    matchNote = joinNotes(['Score not recorded: no source found gives the result.', matchNote]);
  }

  matches.push({
    id,
    stage,
    group: m.group,
    matchday: m.matchday,
    tie: stage === 'group' ? null : tie,
    leg: stage === 'group' ? null : m.leg,
    date: m.date,
    kickoff: kickoffOf(m),
    venue: m.venue,
    home,
    away,
    status,
    score,
    extraTime: false,
    penalties: null,
    decision,
    goals: m.goals.map((g) => ({ team: canonical(g.team), player: playerOf(g), minute: g.minute, type: g.type })),
    note: matchNote,
    sources: sources(m.sources),
  });
}

const findMatch = (home: string, away: string, stage: Stage, leg: 1 | 2 | null = null): MatchRecord =>
  must(
    matches.find((m) => m.home === home && m.away === away && m.stage === stage && (leg === null || m.leg === leg)),
    `match ${home} v ${away} (${stage})`,
  );

// ---------- calendar ----------

const scheduleRow = (phase: string, round: string): ResearchScheduleRow =>
  must(tq.schedule.find((row) => row.phase === phase && row.round === round), `schedule row ${phase} / ${round}`);

const calendar: CalendarRecord[] = [];
/** Both legs of each two-legged round of a phase, from the research schedule's leg windows. */
const pushLegs = (phase: string, rounds: readonly (readonly [round: string, prefix: string, stage: Stage])[]): void => {
  for (const [round, prefix, stage] of rounds) {
    const row = scheduleRow(phase, round);
    for (const leg of [1, 2] as const) {
      const [startDate, endDate] = parseWindow(leg === 1 ? row.first_leg : row.second_leg, `${round} leg ${leg}`);
      calendar.push({
        id: `${prefix}-L${leg}`,
        phase,
        // A final is one tie, so one leg per date; other rounds play several ties per date.
        round: `${round}, ${leg === 1 ? 'first' : 'second'} leg${stage === 'final' ? '' : 's'}`,
        kind: 'leg',
        stage,
        matchday: null,
        leg,
        startDate,
        endDate,
        note: row.note,
        sources: sources(row.sources),
      });
    }
  }
};

const qualifyingDraw = scheduleRow('Qualifying rounds', 'Draw (first & second round bracket)');
calendar.push({
  id: 'DRAW-Q',
  phase: 'Qualifying rounds',
  round: 'Draw: first and second rounds',
  kind: 'draw',
  stage: null,
  matchday: null,
  leg: null,
  startDate: must(qualifyingDraw.draw_date, 'qualifying draw date'),
  endDate: must(qualifyingDraw.draw_date, 'qualifying draw date'),
  note: qualifyingDraw.note,
  sources: sources(qualifyingDraw.sources),
});
pushLegs('Qualifying rounds', [
  ['First round', 'R1', 'first_round'],
  ['Second round', 'R2', 'second_round'],
]);
const groupDraw = scheduleRow('Group stage', 'Draw');
calendar.push({
  id: 'DRAW-G',
  phase: 'Group stage',
  round: 'Group stage draw',
  kind: 'draw',
  stage: 'group',
  matchday: null,
  leg: null,
  startDate: must(groupDraw.draw_date, 'group draw date'),
  endDate: must(groupDraw.draw_date, 'group draw date'),
  note: joinNotes([`${gk.meta.draw.place}, ${gk.meta.draw.time_utc} UTC.`, groupDraw.note]),
  sources: sources(groupDraw.sources, [gk.meta.draw.source]),
});
const zamalekSagrada = findMatch('Zamalek', 'Sagrada Esperança', 'group');
for (let matchday = 1; matchday <= 6; matchday += 1) {
  const row = scheduleRow('Group stage', `Matchday ${matchday}`);
  const [startDate, endDate] = parseWindow(row.first_leg, `matchday ${matchday}`);
  calendar.push({
    id: `G-MD${matchday}`,
    phase: 'Group stage',
    round: `Matchday ${matchday}`,
    kind: 'matchday',
    stage: 'group',
    matchday,
    leg: null,
    startDate,
    endDate,
    note: joinNotes([
      row.note,
      matchday === zamalekSagrada.matchday
        ? `Exception: ${zamalekSagrada.home} v ${zamalekSagrada.away} was brought forward to ${zamalekSagrada.date}.`
        : null,
    ]),
    sources: sources(row.sources, matchday === zamalekSagrada.matchday ? zamalekSagrada.sources : []),
  });
}
const quarterRow = scheduleRow('Knockout stage', 'Quarter-finals');
calendar.push({
  id: 'DRAW-KO',
  phase: 'Knockout stage',
  round: 'Quarter-final and semi-final draw',
  kind: 'draw',
  stage: null,
  matchday: null,
  leg: null,
  startDate: must(quarterRow.draw_date, 'knockout draw date'),
  endDate: must(quarterRow.draw_date, 'knockout draw date'),
  note: quarterRow.note,
  sources: sources(quarterRow.sources),
});
pushLegs('Knockout stage', [
  ['Quarter-finals', 'QF', 'quarter_final'],
  ['Semi-finals', 'SF', 'semi_final'],
  ['Final', 'F', 'final'],
]);

// ---------- ranking criteria and printed totals ----------

const pointsFor = (achievement: string): number =>
  must(tq.ranking_criteria.points_table.find((row) => row.achievement === achievement), achievement).confederation_cup;

const rankingCriteria: SeasonFile['rankingCriteria'] = {
  confederationCup: {
    winners: pointsFor('Winners'),
    runnersUp: pointsFor('Runners-up'),
    semiFinalists: pointsFor('Losing semi-finalists'),
    quarterFinalists: pointsFor('Losing quarter-finalists'),
    groupThird: pointsFor('3rd place in group'),
    groupFourth: pointsFor('4th place in group'),
  },
  seasonCoefficient: 5,
  note: joinNotes([
    "Points per Confederation Cup achievement and the coefficient 2023–24 × 5 are the seed's (its list: 2023–24 ×5, 2022–23 ×4, 2021–22 ×3, 2020–21 ×2, 2019–20 ×1).",
    `Research note on the labelling: ${tq.ranking_criteria.note}`,
  ]),
  sources: sources([SEED], tq.ranking_criteria.sources),
};

const printedTotals: SeasonFile['printedTotals'] = {
  matches: 60,
  goals: 131,
  groupMatches: 48,
  groupGoals: 106,
  note:
    "60 matches / 131 goals: the seed's infobox (competition proper). 48 / 106: Wikipedia's group-stage infobox. " +
    'The knockout share is 12 played matches / 25 goals (the two awarded USM Alger–RS Berkane legs are not counted), and 60 − 12 = 48, 131 − 25 = 106. ' +
    'The 46 recorded group results hold 103 goals; the other 3 are either Zamalek–Académie SOAR counted as a 3–0 forfeit (then Diables Noirs–Sekhukhune United was 0–0) ' +
    'or the awarded match counted without goals (then Diables Noirs–Sekhukhune United had 3 goals). Unresolved (research §5).',
  sources: [SEED, WIKI_GROUP_STAGE],
};

// ---------- conflicts and gaps ----------

const note = (subject: string, text: string, noteSources: readonly string[]): SourceNoteRecord => {
  const cited = sources(noteSources);
  if (cited.length === 0) fail(`note "${subject}" has no source`);
  return { subject, text, sources: cited };
};
const subjectOf = (match: MatchRecord, field?: string): string => `matches.${match.id}${field ? `.${field}` : ''}`;

/** Research conflict strings, taken in order; each gets a subject and the sources it talks about. */
function researchConflict(index: number, expectStart: string): string {
  const text = must(tq.conflicts[index], `conflict #${index}`);
  if (!text.startsWith(expectStart)) fail(`conflict #${index} changed: "${text.slice(0, 60)}…"`);
  return text;
}

const conflicts: SourceNoteRecord[] = [
  note(
    'associations.Algeria.rank',
    `${researchConflict(0, 'Algeria rank')} This file keeps the rank the seed prints (2) together with CAF's points (134); the research's own tables use 3.`,
    [...src('SEED', 'AFRICAPRESS_RANK', 'ALHORRIA_RANK', 'FOOTAFRICA_OCT23')],
  ),
  note('rankingCriteria.seasonCoefficient', researchConflict(1, 'Ranking coefficients'), src('SEED', 'KANDANDA_COEF', 'ITWIKI', 'WIKI_CL')),
  note('teams.entryRound', researchConflict(2, 'Number of R1 byes'), src('LESITEINFO_BYES', 'NUMBER1_BYES', 'WIKI_QR')),
  note(subjectOf(findMatch('ASC Kara', 'AFAD Djékanou', 'first_round', 1), 'score'), researchConflict(3, 'ASC Kara v AFAD'), src('AFRICANMANAGER_R1L1', 'AFAD_CI', 'DEWIKI', 'SHOOT_R1')),
  note(subjectOf(findMatch('Milo FC', 'Dreams F.C.', 'first_round', 1), 'score'), researchConflict(4, 'Milo v Dreams'), src('GHANAWEB_DREAMS_L2', 'ADOM_KALLON', 'GSN_KALLON', 'AFRICANMANAGER_R1L1')),
  note(subjectOf(findMatch('Haidoub FC', 'Al Merreikh Juba', 'first_round', 1)), researchConflict(5, 'Haidoub v Al Merreikh'), src('AFRICANMANAGER_R1L1', 'EYERADIO')),
  note(subjectOf(findMatch('Arta Solar', 'Zamalek', 'second_round', 1), 'date'), researchConflict(6, 'Arta Solar7 v Zamalek'), src('KAWOWO_R2', 'MAG2022_ZAMALEK_L1', 'ALLAFRICA_ZAMALEK_L1', 'CAIRO24_ZAMALEK', 'MASRESS_ZAMALEK_L2', 'DARELHILAL_ZAMALEK_L2')),
  note(subjectOf(findMatch('Aigle Noir', 'Stade Malien', 'second_round', 2), 'date'), researchConflict(7, 'Aigle Noir v Stade Malien'), src('BAMADA_R2_L2', 'LESSOR_STADE_L2')),
  note(subjectOf(findMatch('Rivers United', 'EF Ouagadougou', 'second_round', 2), 'venue'), researchConflict(8, 'Rivers United v'), src('THECABLE_RIVERS', 'DAILYTRUST_RIVERS')),
  note('calendar.DRAW-G.note', researchConflict(9, 'Group-stage draw location'), src('GNA_GROUPDRAW', 'GHANAWEB_GROUPQ', 'INFOSPORTS_BERKANE', 'INFOKONTAK', 'XIBAARU')),
  note('calendar.F-L1.startDate', researchConflict(10, 'Final dates'), src('DEWIKI', 'ITWIKI', 'AHRAM_FINALS', 'TIMESLIVE_FINALS', 'NAIJANEWS_FINALS')),
  note('sources.eighteenelevenmedia', researchConflict(11, 'eighteenelevenmedia errors'), src('EIGHTEENELEVEN')),
];
{
  const wording = researchConflict(12, 'Qualifying-method wording');
  if (!wording.includes('Loto-Popo') || !wording.includes('Elgeco')) fail('conflict #12 changed');
  conflicts.push(
    note('teams.AS Loto FC.qualifyingMethod', "beninwebtv calls Loto-Popo 'vice-champion du Bénin' (seed: 2023 Benin Cup winners). The seed's wording is kept.", src('BENINWEBTV_DRAW', 'SEED')),
    note('teams.Elgeco Plus.qualifyingMethod', "Newsmada calls Elgeco Plus 2022 Coupe de Madagascar winners (seed: 2023). The seed's wording is kept.", src('NEWSMADA', 'SEED')),
  );
}
conflicts.push(note('calendar.R1-L1.startDate', researchConflict(13, 'Arabic wikiwand copy'), src('AR_WIKI', 'AFRICANMANAGER_R1L1')));
if (tq.conflicts.length !== 14) fail(`expected 14 qualifying conflicts, found ${tq.conflicts.length}`);

// The group/knockout research lists its conflicts only in the .md (§7): take those bullets in order.
const section7 = must(/## 7\. Conflicts between sources[^\n]*\n([\s\S]*?)\n## 8\./.exec(knockoutMd)?.[1], 'group-knockout.md §7');
const knockoutConflicts = section7
  .split('\n')
  .filter((line) => line.startsWith('- '))
  .map((line) => line.slice(2).trim());
const KNOCKOUT_CONFLICT_SUBJECTS: { starts: string; subject: string; matches: MatchRecord[] }[] = [
  { starts: 'Club Africain 2–0 Dreams', subject: 'goals', matches: [findMatch('Club Africain', 'Dreams F.C.', 'group')] },
  { starts: 'Modern Future 5–0 Al Hilal', subject: 'goals', matches: [findMatch('Modern Future', 'Al Hilal Benghazi', 'group')] },
  { starts: 'SuperSport 2–1 Al Hilal', subject: 'goals', matches: [findMatch('SuperSport United', 'Al Hilal Benghazi', 'group')] },
  { starts: 'SuperSport 0–2 USMA', subject: 'venue', matches: [findMatch('SuperSport United', 'USM Alger', 'group')] },
  { starts: 'Zamalek home venues', subject: 'venue', matches: [findMatch('Zamalek', 'Abu Salim', 'group'), zamalekSagrada] },
  { starts: 'Lobito 2–3 Rivers', subject: 'goals', matches: [findMatch('Académica do Lobito', 'Rivers United', 'group')] },
  { starts: 'Dreams 4–0 Lobito', subject: 'goals', matches: [findMatch('Dreams F.C.', 'Académica do Lobito', 'group')] },
  { starts: 'Dreams 3–2 Lobito', subject: 'score', matches: [findMatch('Académica do Lobito', 'Dreams F.C.', 'group')] },
  { starts: 'Stade Malien MD1', subject: 'goals', matches: [findMatch('Diables Noirs', 'Stade Malien', 'group')] },
  { starts: 'Berkane 3–2 Abu Salim', subject: 'goals', matches: [findMatch('RS Berkane', 'Abu Salim', 'quarter_final', 2)] },
  { starts: 'Stade Malien 1–2 Dreams', subject: 'goals', matches: [findMatch('Stade Malien', 'Dreams F.C.', 'quarter_final', 1)] },
  { starts: 'Final leg 1 kickoff', subject: 'kickoff', matches: [findMatch('RS Berkane', 'Zamalek', 'final', 1), findMatch('Zamalek', 'RS Berkane', 'final', 2)] },
  { starts: 'Future–SuperSport (MD1)', subject: 'kickoff', matches: [findMatch('Modern Future', 'SuperSport United', 'group')] },
  { starts: 'Al Hilal 2–1 USMA', subject: 'score', matches: [findMatch('Al Hilal Benghazi', 'USM Alger', 'group')] },
];
if (knockoutConflicts.length !== KNOCKOUT_CONFLICT_SUBJECTS.length) {
  fail(`expected ${KNOCKOUT_CONFLICT_SUBJECTS.length} conflicts in group-knockout.md §7, found ${knockoutConflicts.length}`);
}
knockoutConflicts.forEach((text, i) => {
  const mapping = must(KNOCKOUT_CONFLICT_SUBJECTS[i], `subject for §7 #${i}`);
  if (!text.startsWith(mapping.starts)) fail(`group-knockout.md §7 #${i} changed: "${text.slice(0, 60)}…"`);
  const first = must(mapping.matches[0], 'match');
  const also = mapping.matches.slice(1).map((m) => m.id);
  const prefix = also.length > 0 ? `(Also ${also.join(', ')}.) ` : '';
  conflicts.push(note(subjectOf(first, mapping.subject), `${prefix}${text}`, sources(...mapping.matches.map((m) => m.sources))));
});
conflicts.push(
  note(
    'groups.D',
    "TRT wrongly puts 'DC Motema Pembe' in Group D; every other source says Diables Noirs of Congo (research §1).",
    ['https://trt.global/afrika-english/article/15280494', 'https://aps.sn/coupe-de-la-confederation-caf-les-compositions-de-la-phase-de-groupes-connues/', ...src('GNA_GROUPDRAW')],
  ),
  note(
    'standings',
    "Source errors found by arithmetic and not used: ANGOP's post-MD4 table gives Al Hilal 6 pts (correct: 3); vox.cg's post-MD2 table gives Berkane GF 5 / GA 2 (its own results give 4–1); record.pt's post-MD4 table gives Rivers 4 pts (correct: 6). Compute tables from the matches (research §3).",
    [
      'https://angop.ao/noticias/desporto/taca-da-confederacao-academica-sofre-nova-derrota',
      'https://vox.cg/lequipe-de-diables-noirs-compromet-ses-chances-en-coupe-de-la-caf/?amp=1',
      'https://www.record.pt/internacional/detalhe/academica-do-lobito-volta-a-perder-e-esta-fora-da-taca-da-confederacao-africana',
    ],
  ),
);

/** Research gap strings in order, each with a subject and the sources it concerns. */
function researchGap(list: readonly string[], index: number, expectStart: string): string {
  const text = must(list[index], `gap #${index}`);
  if (!text.startsWith(expectStart)) fail(`gap #${index} changed: "${text.slice(0, 60)}…"`);
  return text;
}
const soarMatch = findMatch('Zamalek', 'Académie SOAR', 'group');
const dnSekhukhune = findMatch('Diables Noirs', 'Sekhukhune United', 'group');
const berkaneStade = findMatch('RS Berkane', 'Stade Malien', 'group');
const abuSalimSagrada = findMatch('Abu Salim', 'Sagrada Esperança', 'group');
const abuSalimSoar = findMatch('Abu Salim', 'Académie SOAR', 'group');
const hilalSupersport = findMatch('Al Hilal Benghazi', 'SuperSport United', 'group');
const dreamsLobito = findMatch('Dreams F.C.', 'Académica do Lobito', 'group');

const gaps: SourceNoteRecord[] = [
  note('associations.points', researchGap(tq.gaps, 0, 'Association points for 2018-2023 ranks 13'), src('SEED', 'AFRICAPRESS_RANK')),
  note('associations.Cameroon.rank', researchGap(tq.gaps, 1, 'Rank 22'), src('SEED', 'ALHORRIA_RANK')),
  note(subjectOf(findMatch('SuperSport United', 'Gaborone United', 'second_round', 2), 'date'), researchGap(tq.gaps, 2, 'SuperSport United 3-0'), src('TIMESLIVE_R2', 'SPORTSCLUB_SSU')),
  note(subjectOf(findMatch('Académica do Lobito', 'Al Merreikh Juba', 'second_round', 2), 'date'), researchGap(tq.gaps, 3, 'Académica do Lobito 3-0'), src('RTP_ANG', 'RECORD_LOBITO', 'NATION_MERREIKH')),
  note(subjectOf(findMatch('Kampala City', 'Abu Salim', 'second_round', 2), 'score'), researchGap(tq.gaps, 4, 'KCCA 3-2 Abu Salim'), src('KCCA_REPORT', 'MTN_KCCA', 'OBSERVER_KCCA')),
  note(subjectOf(findMatch('RS Berkane', 'Bendel Insurance', 'second_round', 2), 'score'), researchGap(tq.gaps, 5, 'RS Berkane 1-0 Bendel'), src('PUNCH_RIVERS', 'SABAHACHARK_BERKANE_L2')),
  note('matches.venue', researchGap(tq.gaps, 6, 'Venues missing'), src('AFRICANMANAGER_R1L1', 'SHOOT_R1')),
  note('teams.USM Alger.qualifyingMethod', researchGap(tq.gaps, 7, 'USM Alger qualifying method'), src('SEED', 'DKNEWS_DRAW', 'DKNEWS_USMA_L2')),
  note('associations.entered', researchGap(tq.gaps, 8, 'Non-entrant associations are DERIVED'), src('SEED', 'LEBLEDPARLE_CMR')),
  note('associations.Zanzibar.code', researchGap(tq.gaps, 9, 'Zanzibar has no FIFA trigramme'), src('SEED')),
  note('teams.aliases', researchGap(tq.gaps, 10, 'Alias expansions without a URL'), src('SEED')),
  note('matches.kickoff', researchGap(tq.gaps, 11, 'Exact kick-off times were not collected'), src('BENINWEBTV_R1L2', 'SHOOT_R1')),
  note(subjectOf(dnSekhukhune, 'score'), researchGap(gk.gaps, 0, 'Group D MD6 Diables Noirs'), sources(dnSekhukhune.sources, [SEED, WIKI_GROUP_STAGE])),
  note(subjectOf(soarMatch, 'decision.score'), researchGap(gk.gaps, 1, 'Group B MD6 Zamalek vs SOAR'), soarMatch.sources),
  note(
    subjectOf(abuSalimSagrada, 'goals'),
    `(Also ${abuSalimSoar.id}.) ${researchGap(gk.gaps, 2, 'Group B MD2 Abu Salim')}`,
    sources(abuSalimSagrada.sources, abuSalimSoar.sources),
  ),
  note(subjectOf(berkaneStade, 'goals'), researchGap(gk.gaps, 3, 'Group D MD6 RS Berkane'), berkaneStade.sources),
  note(subjectOf(hilalSupersport, 'goals'), researchGap(gk.gaps, 4, 'Group A MD3 Al Hilal'), hilalSupersport.sources),
  note(subjectOf(dreamsLobito, 'goals'), researchGap(gk.gaps, 5, 'Group C MD4 Dreams'), dreamsLobito.sources),
  note('groups.pots', researchGap(gk.gaps, 6, 'Pots for the draw'), [WIKI_GROUP_STAGE, 'https://www.lexpressiondz.com/sports/l-usma-dans-le-groupe-a-374312']),
  note('matches.kickoff', researchGap(gk.gaps, 7, 'Many kickoff times'), [WIKI_GROUP_STAGE, 'https://ghanaguardian.com/exciting-fixtures-lined-up-for-totalenergies-caf-confederation-cup-return']),
  note(
    'calendar.DRAW-KO',
    `${researchGap(gk.gaps, 8, 'Knockout-stage draw date/venue')} (The teams-qualifying research does give it: 12 Mar 2024 in Cairo; that date is used.)`,
    quarterRow.sources,
  ),
  note(
    'associations.code',
    "The research gives no FIFA codes for the non-entrant associations except Cameroon (CMR); the other codes come from FIFA's list of trigrammes. Réunion, not a FIFA member, has none.",
    [FIFA_CODES],
  ),
];
if (tq.gaps.length !== 12 || gk.gaps.length !== 9) fail(`gap counts changed (${tq.gaps.length}, ${gk.gaps.length})`);

// ---------- the file ----------

const file: SeasonFile = {
  $comment:
    'HOW TO EDIT. Teams are named by their canonical `name` (teams[].name) everywhere: match home/away, goals, decisions, groups, champion; ' +
    'aliases are only for look-ups. Team ids are derived from the name (lower-case ASCII slug), so renaming a team changes its id. ' +
    'Unknown values stay null, never guessed, and every record keeps `sources` (URLs, or citations such as "seed 000_960979acb82d6ea3.txt"). ' +
    '`date` is the local match date (YYYY-MM-DD); `kickoff` is a UTC instant (2023-11-26T19:00:00Z) or null. ' +
    'Scores are after play (no extra time in this competition: away goals, then penalties); a shoot-out goes in `penalties` on the leg it followed. ' +
    'A played match whose score no source gives keeps score null and says why in `note`. Awarded matches and walkovers have a `decision` ' +
    '{winner, score (null unless a source states it), reason}; an awarded match that was not played has score null. ' +
    'Goals may be incomplete (unknown scorers are left out) but never more than the score; an own goal has type own_goal, team = the team credited, player = the defender. ' +
    'Where sources disagree keep one value and add a `conflicts` entry; unresolved holes go in `gaps`. ' +
    'After editing run `npm run cli -- validate`: it lists every problem with its JSON path; the bot re-imports the file on its next start (it compares the content hash).',
  about:
    `The 2023–24 CAF Confederation Cup: 52 teams from 41 associations, qualifying rounds, group stage and knockout stage. ` +
    'Transcribed once by src/tools/transcribe-research.ts from ../shared/research/season-2023-24-teams-qualifying.{json,md}, ' +
    'season-2023-24-group-knockout.{json,md} and the seed (a copy of the en.wikipedia article, cited as "seed 000_960979acb82d6ea3.txt"); ' +
    'from then on this file is the source of truth and is edited by hand. ' +
    `asOf (${asOf}) is the date of the research files as found in ../shared/research: the research does not state when it was compiled. ` +
    "Where the seed's printed association rank disagrees with CAF's points (Algeria) the seed's rank is kept, with a conflict note. " +
    'Team aliases are the research spellings (lists such as "A / B" split into separate aliases, annotations like "(former name)" dropped) ' +
    'plus a few short forms the research uses in its text (Berkane, APC, Académica Lobito, KCCA, Sekhukhune, Rivers).',
  id: 'caf-cc-2023-24',
  label: '2023-24',
  name: '2023–24 CAF Confederation Cup',
  competition: 'CAF Confederation Cup',
  asOf,
  champion: 'Zamalek',
  rankingCriteria,
  printedTotals,
  associations,
  groups,
  teams,
  matches,
  calendar,
  conflicts,
  gaps,
};

// ---------- sanity checks, then write ----------

const counts = {
  teams: teams.length,
  qualifying: matches.filter((m) => m.stage === 'first_round' || m.stage === 'second_round').length,
  walkovers: matches.filter((m) => m.status === 'walkover').length,
  group: matches.filter((m) => m.stage === 'group').length,
  knockout: matches.filter((m) => m.stage === 'quarter_final' || m.stage === 'semi_final' || m.stage === 'final').length,
};
const expected = { teams: 52, qualifying: 68, walkovers: 4, group: 48, knockout: 14 };
for (const [key, value] of Object.entries(expected)) {
  if (counts[key as keyof typeof counts] !== value) fail(`expected ${value} ${key}, found ${counts[key as keyof typeof counts]}`);
}
parseSeason(file, outFile); // throws with every problem if the transcription broke the format

writeFileSync(outFile, `${formatJson(file)}\n`);
console.log(`wrote ${outFile}: ${JSON.stringify(counts)}, ${conflicts.length} conflicts, ${gaps.length} gaps, asOf ${asOf}`);

/** Pretty JSON that keeps small objects and arrays on one line, so a match stays readable. */
function formatJson(value: unknown, indent = ''): string {
  const inline = inlineJson(value);
  if (value === null || typeof value !== 'object' || inline.length + indent.length <= 110) return inline;
  const next = `${indent}  `;
  if (Array.isArray(value)) {
    return `[\n${value.map((item) => `${next}${formatJson(item, next)}`).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  return `{\n${entries.map(([k, v]) => `${next}${JSON.stringify(k)}: ${formatJson(v, next)}`).join(',\n')}\n${indent}}`;
}

function inlineJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(inlineJson).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${inlineJson(v)}`).join(', ')}}`;
}
