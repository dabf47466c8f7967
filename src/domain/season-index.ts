import { stageOrdinal } from './format.js';
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

/** The stage's place in the season's format (0 = played first). */
export const stageOrder = (season: Pick<Season, 'format'>, stage: Stage): number => stageOrdinal(season, stage);

/** The local match day, falling back to the UTC day of the kickoff. */
export const matchDay = (match: Match): string | null => match.date ?? match.kickoff?.slice(0, 10) ?? null;

/**
 * Chronological order: day, then kickoff (unknown time last), then id. An undated match (a walkover)
 * takes the first day of its stage so it stays with its round instead of sinking to the end.
 */
function chronological(season: Season, matches: readonly Match[]): Match[] {
  const firstDayOfStage = new Map<Stage, string>();
  for (const match of matches) {
    const day = matchDay(match);
    if (day === null) continue;
    const known = firstDayOfStage.get(match.stage);
    if (known === undefined || day < known) firstDayOfStage.set(match.stage, day);
  }
  // One sortable string per match: comparing it once is much cheaper than four comparisons per pair.
  const keyed = matches.map((match) => ({
    match,
    key: `${matchDay(match) ?? firstDayOfStage.get(match.stage) ?? '9999-12-31'}|${String(stageOrder(season, match.stage)).padStart(3, '0')}|${match.kickoff ?? '~'}|${match.id}`,
  }));
  keyed.sort((a, b) => compareText(a.key, b.key));
  return keyed.map((k) => k.match);
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Groups values into lists by key, keeping their order. */
function groupBy<K, V>(values: readonly V[], keyOf: (value: V) => K | null): Map<K, V[]> {
  const map = new Map<K, V[]>();
  for (const value of values) {
    const key = keyOf(value);
    if (key !== null) push(map, key, value);
  }
  return map;
}

/** A value computed on first use, then kept. */
function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}

const cache = new WeakMap<Season, SeasonIndex>();
const noMatches: readonly Match[] = [];

/**
 * The lookups the read models share, once per Season object. Each lookup is built on first use:
 * a read model that needs only the group lists does not pay for the per-team ones.
 */
export function indexSeason(season: Season): SeasonIndex {
  const cached = cache.get(season);
  if (cached) return cached;

  const teamById = lazy(() => new Map(season.teams.map((team) => [team.id, team])));
  const teamsByAssociation = lazy(() => groupBy(season.teams, (team) => team.association));
  const teamsByGroup = lazy(() => groupBy(season.teams, (team) => team.group));
  const associationByName = lazy(() => new Map(season.associations.map((a) => [a.name, a])));
  const matches = lazy(() => chronological(season, season.matches));
  const matchById = lazy(() => new Map(matches().map((match) => [match.id, match])));
  const matchesByStage = lazy(() => groupBy(matches(), (match) => match.stage));
  const matchesByGroup = lazy(() => groupBy(matches(), (match) => match.group));
  const matchesByTeam = lazy(() => {
    const map = new Map<TeamId, Match[]>();
    for (const match of matches()) {
      push(map, match.home, match);
      if (match.away !== match.home) push(map, match.away, match);
    }
    return map;
  });

  const index: SeasonIndex = {
    season,
    get teamById() {
      return teamById();
    },
    teamName: (id) => teamById().get(id)?.name ?? id,
    get associationByName() {
      return associationByName();
    },
    get teamsByAssociation() {
      return teamsByAssociation();
    },
    get teamsByGroup() {
      return teamsByGroup();
    },
    get matchById() {
      return matchById();
    },
    get matches() {
      return matches();
    },
    get matchesByTeam() {
      return matchesByTeam();
    },
    get matchesByStage() {
      return matchesByStage();
    },
    get matchesByGroup() {
      return matchesByGroup();
    },
    matchesOf: (team) => matchesByTeam().get(team) ?? noMatches,
  };
  cache.set(season, index);
  return index;
}

/** "Zamalek v Académie SOAR" */
export const matchTitle = (index: SeasonIndex, match: Match): string =>
  `${index.teamName(match.home)} v ${index.teamName(match.away)}`;
