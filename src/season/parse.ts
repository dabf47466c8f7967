// Validates a parsed season file and converts it to the domain `Season` (team names → team ids).
// Pure: no fs. Every problem is collected before throwing, so one run lists everything to fix.
import type * as z from 'zod';
import type { Association, CalendarEntry, Goal, GroupId, Match, Season, SeasonFormat, SourceNote, Team, TeamId } from '../domain/types.js';
import {
  checkAgainstFormat,
  checkAssociations,
  checkCalendar,
  checkGroups,
  checkMatches,
  checkTeams,
  checkUniqueIds,
  type TeamDirectory,
} from './checks.js';
import {
  isPlainObject,
  problemCollector,
  rawRecords,
  SeasonFileError,
  type Collector,
  type Indexed,
} from './problems.js';
import { readFormat } from './format.js';
import { seasonSchemas, type SeasonFile, type SeasonSchemas, type SourceNoteRecord } from './schema.js';
import { teamSlug } from './slug.js';

export { SeasonFileError, type SeasonFileProblem } from './problems.js';

type ListKey = keyof SeasonSchemas['listSchemas'];
type ValidLists = { [K in ListKey]: Indexed<z.infer<SeasonSchemas['listSchemas'][K]>>[] };

/**
 * Converts a season file (already JSON-parsed) to the domain `Season`.
 * Throws `SeasonFileError` listing every problem found; `fileName` is used in that message only.
 */
export function parseSeason(json: unknown, fileName: string): { season: Season } {
  const collector = problemCollector();
  if (!isPlainObject(json)) {
    collector.add([], 'expected a JSON object at the top level');
    throw new SeasonFileError(fileName, collector.problems);
  }

  const header = parseHeader(json, collector);
  const lists = parseLists(json, collector);
  const { headerSchemas, listSchemas } = seasonSchemas();
  const knownKeys = new Set<string>([...Object.keys(headerSchemas), ...Object.keys(listSchemas), 'format']);
  for (const key of Object.keys(json)) {
    if (!knownKeys.has(key)) collector.add([key], 'unknown field (misspelt, or not part of the format)');
  }

  const format = readFormat(
    json['format'],
    lists.matches,
    lists.groups.map((g) => g.value.id),
    [...lists.teams.map((t) => t.value.entryRound), ...lists.calendar.flatMap((c) => (c.value.stage === null ? [] : [c.value.stage]))],
    collector,
  );
  const rawTeams = rawRecords(json, 'teams');
  const teams = checkTeams(lists.teams, rawTeams, collector);
  checkAssociations(lists.associations, lists.teams, rawTeams, collector);
  const groupOf = checkGroups(lists.groups, teams, collector);
  checkUniqueIds(rawRecords(json, 'matches'), 'matches', 'match', collector);
  checkUniqueIds(rawRecords(json, 'calendar'), 'calendar', 'calendar', collector);
  if (format !== null) {
    checkAgainstFormat(format, lists, collector);
    checkMatches(format, lists.matches, teams, groupOf, collector);
    checkCalendar(format, lists.calendar, collector);
  }
  if (header !== null && header.champion !== null) teams.resolve(header.champion, ['champion']);

  if (collector.problems.length > 0 || header === null || format === null) throw new SeasonFileError(fileName, collector.problems);
  return { season: toSeason(header, format, lists, teams, groupOf) };
}

type Header = Pick<SeasonFile, keyof SeasonSchemas['headerSchemas']>;

function parseHeader(json: Record<string, unknown>, collector: Collector): Header | null {
  const header: Record<string, unknown> = {};
  let ok = true;
  for (const [key, schema] of Object.entries(seasonSchemas().headerSchemas)) {
    // A field with a default (staleAfter, endDate) may be left out: the schema fills it in.
    if (!(key in json) && !schema.safeParse(undefined).success) {
      collector.add([key], 'is missing');
      ok = false;
      continue;
    }
    const result = schema.safeParse(json[key]);
    if (result.success) header[key] = result.data;
    else {
      collector.addZodIssues([key], result.error.issues);
      ok = false;
    }
  }
  return ok ? (header as Header) : null;
}

function parseLists(json: Record<string, unknown>, collector: Collector): ValidLists {
  const parseList = <K extends ListKey>(key: K): ValidLists[K] => {
    const raw = json[key];
    if (raw === undefined) {
      collector.add([key], 'is missing');
      return [];
    }
    if (!Array.isArray(raw)) {
      collector.add([key], `expected an array, received ${raw === null ? 'null' : typeof raw}`);
      return [];
    }
    const schema = seasonSchemas().listSchemas[key];
    const valid: Indexed<unknown>[] = [];
    raw.forEach((item: unknown, index: number) => {
      const result = schema.safeParse(item);
      if (result.success) valid.push({ index, value: result.data });
      else collector.addZodIssues([key, index], result.error.issues);
    });
    return valid as ValidLists[K];
  };
  return {
    associations: parseList('associations'),
    groups: parseList('groups'),
    teams: parseList('teams'),
    matches: parseList('matches'),
    calendar: parseList('calendar'),
    conflicts: parseList('conflicts'),
    gaps: parseList('gaps'),
  };
}

function toSeason(header: Header, format: SeasonFormat, lists: ValidLists, teams: TeamDirectory, groupOf: ReadonlyMap<TeamId, GroupId>): Season {
  // Only called when there are no problems, so every name resolves.
  const id = (name: string): TeamId => teams.idOf.get(name) ?? teamSlug(name);
  const values = <T>(list: readonly Indexed<T>[]): T[] => list.map((entry) => entry.value);

  const associations: Association[] = values(lists.associations).map((a) => ({ ...a }));
  const teamList: Team[] = values(lists.teams).map((team) => ({
    id: id(team.name),
    name: team.name,
    shortName: team.shortName,
    aliases: team.aliases,
    association: team.association,
    qualifyingMethod: team.qualifyingMethod,
    entryRound: team.entryRound,
    group: groupOf.get(id(team.name)) ?? null,
    note: team.note,
    sources: team.sources,
  }));
  const matches: Match[] = values(lists.matches).map((match) => ({
    ...match,
    home: id(match.home),
    away: id(match.away),
    decision: match.decision === null ? null : { ...match.decision, winner: id(match.decision.winner) },
    goals: match.goals.map((goal): Goal => ({ ...goal, team: id(goal.team) })),
    redCards: match.redCards === null ? null : match.redCards.map((card) => ({ ...card, team: id(card.team) })),
  }));
  const calendar: CalendarEntry[] = values(lists.calendar);
  const notes = (list: readonly Indexed<SourceNoteRecord>[]): SourceNote[] => values(list);

  return {
    id: header.id,
    name: header.name,
    competition: header.competition,
    format,
    label: header.label,
    staleAfterDays: header.staleAfter,
    endDate: header.endDate,
    asOf: header.asOf,
    champion: header.champion === null ? null : id(header.champion),
    associations,
    teams: teamList,
    matches,
    calendar,
    rankingCriteria: header.rankingCriteria,
    printedTotals: header.printedTotals,
    conflicts: notes(lists.conflicts),
    gaps: notes(lists.gaps),
  };
}
