// A domain Season written back as a season file: teams named by their canonical name again, group
// membership as the top-level `groups` list. What the domain does not carry (the file's $comment and
// about, each group's note and sources, the source header) comes from the season's current file
// when there is one, so an export after corrections keeps the editors' text.
import { groupLabels } from '../domain/format.js';
import type { GroupId, Season, TeamId } from '../domain/types.js';
import type { SeasonFileInput } from './schema.js';

/** The parts of a season file that the domain Season does not hold. */
export interface FileExtras {
  readonly $comment?: string;
  readonly about?: string;
  readonly groups?: readonly { readonly id: string; readonly note: string | null; readonly sources: readonly string[] }[];
  readonly source?: unknown;
}

type DeepMutable<T> = T extends readonly (infer U)[] ? DeepMutable<U>[] : T extends object ? { -readonly [K in keyof T]: DeepMutable<T[K]> } : T;
/** A deep copy the file's (mutable) record types accept. */
const copy = <T>(value: T): DeepMutable<T> => structuredClone(value) as DeepMutable<T>;

export function seasonToFile(season: Season, extras: FileExtras = {}): SeasonFileInput {
  const nameOf = new Map(season.teams.map((team) => [team.id, team.name] as const));
  const name = (id: TeamId): string => {
    const found = nameOf.get(id);
    if (found === undefined) throw new Error(`Season ${season.id} refers to team ${id}, which is not among its teams.`);
    return found;
  };
  // In the format's order (A…D, or the labels as the format lists them).
  const withTeams = new Set(season.teams.map((t) => t.group).filter((g): g is GroupId => g !== null));
  const groupIds = [...groupLabels(season).filter((g) => withTeams.has(g)), ...[...withTeams].filter((g) => !groupLabels(season).includes(g)).sort()];
  const extraGroup = new Map((extras.groups ?? []).map((g) => [g.id, g] as const));

  return {
    $comment: extras.$comment ?? `Season file for ${season.name}, written by npm run data:export. Teams are named by their canonical name everywhere; see data/seasons/caf-cc-2023-24.json's $comment for the format.`,
    about: extras.about ?? `${season.name}: ${season.teams.length} teams, ${season.matches.length} matches.`,
    id: season.id,
    label: season.label,
    ...(season.staleAfterDays === 21 ? {} : { staleAfter: season.staleAfterDays }),
    ...(season.endDate === null ? {} : { endDate: season.endDate }),
    ...(extras.source === undefined || extras.source === null ? {} : { source: extras.source as SeasonFileInput['source'] }),
    name: season.name,
    competition: season.competition,
    format: copy(season.format),
    asOf: season.asOf,
    champion: season.champion === null ? null : name(season.champion),
    rankingCriteria: copy(season.rankingCriteria),
    printedTotals: copy(season.printedTotals),
    associations: season.associations.map((a) => copy(a)),
    groups: groupIds.map((id) => ({
      id,
      teams: season.teams.filter((t) => t.group === id).map((t) => t.name),
      note: extraGroup.get(id)?.note ?? null,
      sources: [...(extraGroup.get(id)?.sources ?? season.teams.filter((t) => t.group === id).flatMap((t) => t.sources).slice(0, 1))],
    })),
    teams: season.teams.map((t) => ({
      name: t.name,
      shortName: t.shortName,
      aliases: [...t.aliases],
      association: t.association,
      qualifyingMethod: t.qualifyingMethod,
      entryRound: t.entryRound,
      note: t.note,
      sources: [...t.sources],
    })),
    matches: season.matches.map((m) => ({
      ...copy(m),
      home: name(m.home),
      away: name(m.away),
      decision: m.decision === null ? null : { ...m.decision, winner: name(m.decision.winner), score: m.decision.score === null ? null : { ...m.decision.score } },
      goals: m.goals.map((g) => ({ ...g, team: name(g.team) })),
      redCards: m.redCards === null ? null : m.redCards.map((c) => ({ ...c, team: name(c.team) })),
    })),
    calendar: season.calendar.map((e) => copy(e)),
    conflicts: season.conflicts.map((n) => copy(n)),
    gaps: season.gaps.map((n) => copy(n)),
  };
}
