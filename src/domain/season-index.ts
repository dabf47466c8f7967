import { STAGES } from './types.js';
import type { Association, GroupId, Match, Season, Stage, Team, TeamId } from './types.js';

/** Lookups over one Season, built in a single pass. Matches in every list are in chronological order. */
export interface SeasonIndex {
  readonly season: Season;
  readonly teamById: ReadonlyMap<TeamId, Team>;
  /** The team's canonical name; the id itself when the team is unknown. */
  readonly teamName: (id: TeamId) => string;
  readonly associationByName: ReadonlyMap<string, Association>;
  readonly teamsByAssociation: ReadonlyMap<string, readonly Team[]>;
  readonly teamsByGroup: ReadonlyMap<GroupId, readonly Team[]>;
  readonly matchById: ReadonlyMap<string, Match>;
  /** Every match, chronological (see `compareMatches`). */
  readonly matches: readonly Match[];
  readonly matchesByTeam: ReadonlyMap<TeamId, readonly Match[]>;
  readonly matchesByStage: ReadonlyMap<Stage, readonly Match[]>;
  readonly matchesByGroup: ReadonlyMap<GroupId, readonly Match[]>;
  /** The matches of one team; empty when it has none. */
  readonly matchesOf: (team: TeamId) => readonly Match[];
}

const STAGE_ORDER: ReadonlyMap<Stage, number> = new Map(STAGES.map((stage, i) => [stage, i]));

export const stageOrder = (stage: Stage): number => STAGE_ORDER.get(stage) ?? STAGES.length;

/** The local match day, falling back to the UTC day of the kickoff. */
export const matchDay = (match: Match): string | null => match.date ?? match.kickoff?.slice(0, 10) ?? null;

/**
 * Chronological order: day, then kickoff (unknown time last), then id. An undated match (a walkover)
 * takes the first day of its stage so it stays with its round instead of sinking to the end.
 */
function chronological(matches: readonly Match[]): Match[] {
  const firstDayOfStage = new Map<Stage, string>();
  for (const match of matches) {
    const day = matchDay(match);
    if (day === null) continue;
    const known = firstDayOfStage.get(match.stage);
    if (known === undefined || day < known) firstDayOfStage.set(match.stage, day);
  }
  const keyed = matches.map((match) => ({
    match,
    day: matchDay(match) ?? firstDayOfStage.get(match.stage) ?? '9999-12-31',
    stage: stageOrder(match.stage),
  }));
  keyed.sort(
    (a, b) =>
      compareText(a.day, b.day) ||
      a.stage - b.stage ||
      compareText(a.match.kickoff ?? '~', b.match.kickoff ?? '~') ||
      compareText(a.match.id, b.match.id),
  );
  return keyed.map((k) => k.match);
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const cache = new WeakMap<Season, SeasonIndex>();

/** Builds (once per Season object) the lookups the read models share. */
export function indexSeason(season: Season): SeasonIndex {
  const cached = cache.get(season);
  if (cached) return cached;

  const teamById = new Map<TeamId, Team>();
  const teamsByAssociation = new Map<string, Team[]>();
  const teamsByGroup = new Map<GroupId, Team[]>();
  for (const team of season.teams) {
    teamById.set(team.id, team);
    push(teamsByAssociation, team.association, team);
    if (team.group !== null) push(teamsByGroup, team.group, team);
  }

  const matches = chronological(season.matches);
  const matchById = new Map<string, Match>();
  const matchesByTeam = new Map<TeamId, Match[]>();
  const matchesByStage = new Map<Stage, Match[]>();
  const matchesByGroup = new Map<GroupId, Match[]>();
  for (const match of matches) {
    matchById.set(match.id, match);
    push(matchesByTeam, match.home, match);
    if (match.away !== match.home) push(matchesByTeam, match.away, match);
    push(matchesByStage, match.stage, match);
    if (match.group !== null) push(matchesByGroup, match.group, match);
  }

  const none: readonly Match[] = [];
  const index: SeasonIndex = {
    season,
    teamById,
    teamName: (id) => teamById.get(id)?.name ?? id,
    associationByName: new Map(season.associations.map((a) => [a.name, a])),
    teamsByAssociation,
    teamsByGroup,
    matchById,
    matches,
    matchesByTeam,
    matchesByStage,
    matchesByGroup,
    matchesOf: (team) => matchesByTeam.get(team) ?? none,
  };
  cache.set(season, index);
  return index;
}

/** "Zamalek v Académie SOAR" */
export const matchTitle = (index: SeasonIndex, match: Match): string =>
  `${index.teamName(match.home)} v ${index.teamName(match.away)}`;
