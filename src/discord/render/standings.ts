import type { APIEmbed } from 'discord.js';
import type { GroupNote, GroupTable, NoteMatch, Season, StandingRow, TeamId } from '../../domain/types.js';
import { fitMessage } from './limits.js';
import type { MessagePayload } from './limits.js';
import { STAGE_COLOURS, seasonFooter } from './theme.js';
import { codeText, escapeText, padEnd, padStart } from './text.js';
import { LANGUAGE_INFO, type Translator } from '../../i18n/index.js';
import { afterGroupsSuffix, englishTr, fateText, groupTitle } from './words.js';
import { shownGroup } from '../../domain/format.js';
import { listNames } from './match-format.js';

/** Names longer than this are shortened sensibly first (never cut: the column widens instead). */
const NAME_WIDTH = 18;

/**
 * Shrinks a name sensibly before the table cuts it: a bracketed part goes first
 * ("SOAR (Académie SOAR, Coyah)" → "SOAR"), then common words are abbreviated ("United" → "Utd").
 */
export const shortTeamName = (name: string, width: number): string => {
  let short = codeText(name);
  const steps: ((s: string) => string)[] = [
    (s) => s.replace(/\s*\([^)]*\)\s*/g, ' ').trim(),
    (s) => s.replace(/\bUnited\b/g, 'Utd').replace(/\bFootball Club\b/g, 'FC').replace(/\bSporting\b/g, 'Sp.'),
  ];
  for (const step of steps) {
    if (Array.from(short).length <= width) break;
    const next = step(short);
    if (next.length > 0) short = next;
  }
  return short;
};

const signed = (n: number): string => (n > 0 ? `+${n}` : String(n));

/**
 * A place decided by a tiebreaker gets `*` (its note says which rule); a row level with the next on
 * every criterion gets `=` (before a group starts, that is every row).
 */
const placeMarker = (row: StandingRow): string =>
  row.decidedBy === 'unresolved' ? '=' : row.decidedBy !== null && row.decidedBy !== 'points' ? '*' : '';

const COLUMNS = ['played', 'won', 'drawn', 'lost', 'goalsFor', 'goalsAgainst', 'goalDifference', 'points'] as const;

/** Column headings as the table prints them (abbreviations a monospace column can hold). */
const columnHeadings = (tr: Translator): Record<(typeof COLUMNS)[number] | 'team', string> => ({
  team: codeText(tr.t('standings.columns.team')),
  ...(Object.fromEntries(COLUMNS.map((c) => [c, codeText(tr.t(`standings.columns.${c}`))])) as Record<(typeof COLUMNS)[number], string>),
});

/**
 * The table in a code block. In a right-to-left reply each line is kept left to right (LRI…PDI) so
 * the columns stay aligned, and the headings stay Latin abbreviations (Arabic letters fall back to a
 * proportional font inside a code block); `columnsHelp` explains them on a line of its own.
 */
export const standingsTable = (table: GroupTable, teamName: (id: TeamId) => string, tr: Translator = englishTr()): string => {
  const names = table.rows.map((row) => shortTeamName(teamName(row.team), NAME_WIDTH));
  const col = columnHeadings(tr);
  const width = Math.max(Array.from(col.team).length, ...names.map((n) => Array.from(n).length));
  const header = [
    '#',
    ' ',
    padEnd(col.team, width),
    padStart(col.played, 2),
    padStart(col.won, 2),
    padStart(col.drawn, 2),
    padStart(col.lost, 2),
    padStart(col.goalsFor, 2),
    padStart(col.goalsAgainst, 2),
    padStart(col.goalDifference, 3),
    padStart(col.points, 3),
  ].join(' ');
  const lines = table.rows.map((row, i) =>
    [
      padStart(String(row.position), 1),
      fateMark(row),
      padEnd(names[i] ?? '', width),
      padStart(String(row.played), 2),
      padStart(String(row.won), 2),
      padStart(String(row.drawn), 2),
      padStart(String(row.lost), 2),
      padStart(String(row.goalsFor), 2),
      padStart(String(row.goalsAgainst), 2),
      padStart(signed(row.goalDifference), 3),
      padStart(String(row.points), 3),
    ].join(' ') + placeMarker(row),
  );
  return ['```', ...[header, ...lines].map((line) => tr.tableLine(line)), '```'].join('\n');
};

/** Q for a team mathematically through, x for one that can no longer get there. */
const fateMark = (row: StandingRow): string => (row.fate === 'through' || row.qualified ? 'Q' : row.fate === 'out' ? 'x' : ' ');

/** What each marker means; the legend lists only the markers a reply's tables use. */
const MARKERS: readonly (readonly [string, string])[] = [
  ['Q', 'standings.legend.through'],
  ['x', 'standings.legend.out'],
  ['*', 'standings.legend.tiebreak'],
  ['=', 'standings.legend.level'],
];

/** The markers the tables use, in the order above; empty when they use none. */
export const legendFor = (tables: readonly GroupTable[], tr: Translator = englishTr(), season?: Pick<Season, 'format'>): string => {
  const next = season === undefined ? '' : afterGroupsSuffix(season);
  const used = new Set<string>();
  for (const row of tables.flatMap((t) => t.rows)) {
    const fate = fateMark(row);
    if (fate !== ' ') used.add(fate);
    const marker = placeMarker(row);
    if (marker) used.add(marker);
  }
  return MARKERS.filter(([m]) => used.has(m))
    .map(([mark, key]) => tr.t(mark === 'Q' || mark === 'x' ? `${key}${next}` : key, { mark: tr.name(mark) }))
    .join(' · ');
};

export const groupEmbed = (
  table: GroupTable,
  teamName: (id: TeamId) => string,
  tableName: (id: TeamId) => string = teamName,
  tr: Translator = englishTr(),
  /** The season, when known: it names an unnamed group by its stage and says where teams go through to. */
  season?: Pick<Season, 'format'>,
): APIEmbed => {
  // An unnamed group (a league phase) is headed by its stage's name, never its internal id.
  const title =
    season !== undefined && shownGroup(season, table.group) === null
      ? groupTitle(season, null, tr)
      : tr.t('standings.groupTitle', { group: tr.name(table.group) });
  // A fate settled before the last matchday is news: "Zamalek are through with a game to spare".
  const early = table.rows
    .filter((row) => row.toPlay > 0)
    .map((row) => fateText(escapeText(teamName(row.team)), row.fate, row.toPlay, tr, season))
    .filter((text): text is string => text !== null)
    .map((text) => `• ${text}.`);
  // The domain's notes as facts, said in the reply's language (its English strings where a table has none).
  const said = table.noteFacts?.map((fact) => noteText(fact, teamName, tr)) ?? table.notes.map((note) => tr.name(note));
  const notes = [...early, ...said.map((note) => `• ${escapeText(note)}`)];
  const body = table.rows.length === 0 ? tr.t('standings.noTeams') : standingsTable(table, tableName, tr);
  // Right to left, the Latin column headings get their explanation on a line of their own.
  const help = table.rows.length > 0 && tr.direction === 'rtl' ? [columnsHelp(tr)] : [];
  return {
    title,
    description: [body, ...help, ...(notes.length ? [`**${tr.t('standings.notes')}**`, ...notes] : [])].join('\n'),
    color: STAGE_COLOURS.group,
  };
};

/** "A, B and C", « A, B et C », in the reply's language. */
const listText = (names: readonly string[], tr: Translator): string =>
  new Intl.ListFormat(LANGUAGE_INFO[tr.language].intlLocale, { type: 'conjunction', style: 'long' }).format(names);

const noteMatchText = (m: NoteMatch, teamName: (id: TeamId) => string, tr: Translator): string => {
  const teams = { home: tr.name(teamName(m.home)), away: tr.name(teamName(m.away)) };
  return m.matchday === null ? tr.t('standings.note.match', teams) : tr.t('standings.note.matchOnMatchday', { ...teams, n: tr.number(m.matchday) });
};

/**
 * A standings note from its facts: "Dreams F.C. above Rivers United on goal difference (both on 12
 * points, level on head-to-head)." English is the domain's own sentence, byte for byte.
 */
export const noteText = (fact: GroupNote, teamName: (id: TeamId) => string, tr: Translator = englishTr()): string => {
  const team = (id: TeamId): string => tr.name(teamName(id));
  switch (fact.kind) {
    case 'unrecorded':
    case 'cancelled':
      return tr.t(`standings.note.${fact.kind}`, { match: noteMatchText(fact.match, teamName, tr) });
    case 'awarded_score': {
      const values = { match: noteMatchText(fact.match, teamName, tr), score: tr.name(`${fact.score.home}–${fact.score.away}`) };
      return fact.winner === null
        ? tr.t('standings.note.awardedScoreNoWinner', values)
        : tr.t('standings.note.awardedScore', { ...values, winner: team(fact.winner) });
    }
    case 'awarded_winner':
      return tr.t('standings.note.awardedWinner', { match: noteMatchText(fact.match, teamName, tr), winner: team(fact.winner) });
    case 'lots':
    case 'tiebreak': {
      const level =
        fact.levelOnPoints.length === 2
          ? tr.t('standings.note.bothOn', { count: fact.points })
          : tr.t('standings.note.levelOn', { count: fact.points, teams: listText(fact.levelOnPoints.map(team), tr) });
      const sides = { upper: team(fact.upper), lower: team(fact.lower), level };
      if (fact.kind === 'lots') return tr.t('standings.note.lots', sides);
      const rule = tr.t(`standings.note.rules.${fact.rule}`);
      if (fact.reappliedTo !== null) return tr.t('standings.note.tiebreakReapplied', { ...sides, rule, teams: listText(fact.reappliedTo.map(team), tr) });
      return tr.t(fact.levelOnHeadToHead ? 'standings.note.tiebreakLevelOnHeadToHead' : 'standings.note.tiebreak', { ...sides, rule });
    }
  }
};

const columnsHelp = (tr: Translator): string => {
  const col = columnHeadings(tr);
  return tr.t('standings.columnsHelp', Object.fromEntries(Object.entries(col).map(([k, v]) => [k, tr.name(v)])));
};

/** One embed per group (all four fit one message), each with its notes under the table. */
export const renderStandings = (
  season: Season,
  tables: readonly GroupTable[],
  teamName: (id: TeamId) => string,
  tr: Translator = englishTr(),
): MessagePayload => {
  if (tables.length === 0) {
    return fitMessage({ embeds: [{ title: tr.t('standings.title'), description: tr.t('standings.noTables'), footer: seasonFooter(season, undefined, tr) }] });
  }
  const short = listNames(season.teams, teamName);
  const embeds = tables.map((t) => groupEmbed(t, teamName, short, tr, season));
  // The legend and source line once, under the last table.
  const last = embeds.length - 1;
  const legend = legendFor(tables, tr, season);
  embeds[last] = { ...embeds[last], footer: seasonFooter(season, legend || undefined, tr) };
  return fitMessage({ embeds });
};
