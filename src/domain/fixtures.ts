import { isGroupStage, shownGroup, stageFormat, stageKey, stageName } from './format.js';
import type { GroupId, Match, MatchStatus, Season, Stage, TeamId } from './types.js';
import { indexSeason, matchDay } from './season-index.js';
import { countAtOrBefore, memoBySeason } from './memo.js';

export interface FixtureFilter {
  readonly team?: TeamId;
  readonly stage?: Stage;
  readonly group?: GroupId;
  readonly matchday?: number;
  /** Inclusive. `YYYY-MM-DD` compares match days; a full ISO instant compares kickoffs (or days when the kickoff is unknown). */
  readonly from?: string;
  /** Inclusive, like `from`. */
  readonly to?: string;
  /** Default 'all'. 'upcoming' needs `now`. */
  readonly when?: 'upcoming' | 'results' | 'all';
  readonly now?: Date;
}

const UPCOMING: ReadonlySet<MatchStatus> = new Set(['scheduled', 'postponed']);
const RESULTS: ReadonlySet<MatchStatus> = new Set(['played', 'awarded', 'walkover']);

const isDateOnly = (value: string): boolean => value.length === 10;

/** Is the match at or after the bound? A date-only side compares days, otherwise instants. */
function onOrAfter(match: Match, bound: string): boolean {
  const day = matchDay(match);
  if (isDateOnly(bound) || match.kickoff === null) return day !== null && day >= bound.slice(0, 10);
  return Date.parse(match.kickoff) >= Date.parse(bound);
}

function onOrBefore(match: Match, bound: string): boolean {
  const day = matchDay(match);
  if (isDateOnly(bound) || match.kickoff === null) return day !== null && day <= bound.slice(0, 10);
  return Date.parse(match.kickoff) <= Date.parse(bound);
}

/** Still to come at `now`: a known kickoff not yet reached, a date-only match today or later, or no date yet. */
function isUpcoming(match: Match, now: Date): boolean {
  if (!UPCOMING.has(match.status)) return false;
  if (match.kickoff !== null) return Date.parse(match.kickoff) >= now.getTime();
  const day = matchDay(match);
  return day === null || day >= now.toISOString().slice(0, 10);
}

const DAY_MS = 24 * 60 * 60 * 1000;
const dayAfter = (day: string): number => Date.parse(`${day}T00:00:00Z`) + DAY_MS;

/**
 * Every instant at which the clock changes what /fixtures reads of the season, ascending: a match stops
 * being upcoming just after its kickoff (a date-only one when its day is over), and a draw stops being
 * the next one when its day is over.
 */
const upcomingChanges = memoBySeason((season: Season): number[] => {
  const instants = new Set<number>();
  for (const match of season.matches) {
    if (match.kickoff !== null) instants.add(Date.parse(match.kickoff) + 1);
    const day = matchDay(match);
    if (day !== null) instants.add(dayAfter(day));
  }
  for (const entry of season.calendar) if (entry.kind === 'draw') instants.add(dayAfter(entry.startDate));
  return [...instants].filter(Number.isFinite).sort((a, b) => a - b);
});

/**
 * Which step of the season's clock `now` is in: between two changes (above) every 'upcoming' selection,
 * and every fixtures reply built from the same query, is the same, so a reply kept under this number is
 * not rebuilt at each call and not shown past its time.
 */
export const upcomingStep = (season: Season, now: Date): number => countAtOrBefore(upcomingChanges(season), now.getTime());

/** Matches passing every given filter, in chronological order (day, kickoff, id). */
export function selectFixtures(season: Season, filter: FixtureFilter = {}): Match[] {
  const index = indexSeason(season);
  const when = filter.when ?? 'all';
  if (when === 'upcoming' && !filter.now) throw new Error("selectFixtures: when 'upcoming' needs now");
  const source = filter.team !== undefined ? index.matchesOf(filter.team) : filter.stage ? (index.matchesByStage.get(filter.stage) ?? []) : index.matches;
  return source.filter(
    (m) =>
      (filter.stage === undefined || m.stage === filter.stage) &&
      (filter.group === undefined || m.group === filter.group) &&
      (filter.matchday === undefined || m.matchday === filter.matchday) &&
      (filter.from === undefined || onOrAfter(m, filter.from)) &&
      (filter.to === undefined || onOrBefore(m, filter.to)) &&
      (when === 'all' || (when === 'results' ? RESULTS.has(m.status) : isUpcoming(m, filter.now as Date))),
  );
}

/** The round a match counts in: `R1`, `R2`, `MD1`…`MD6`, `QF`, `SF`, `F` (`GS` for a group match with no matchday). */
export const roundKey = (season: Pick<Season, 'format'>, match: Match): string =>
  isGroupStage(season, match.stage) && match.matchday !== null ? `MD${match.matchday}` : stageKey(season, match.stage);

/** "first leg" / "second leg": how a leg is named to fans (never "L1" or "Leg 1 of 2"). */
export const legName = (leg: 1 | 2): string => (leg === 1 ? 'first leg' : 'second leg');

/** "Group B · Matchday 6", "Quarter-finals, first leg", "First round, tie 11, second leg", "First round, tie 11 (walkover)". */
export function roundLabel(season: Pick<Season, 'format'>, match: Match): string {
  if (isGroupStage(season, match.stage)) {
    const group = shownGroup(season, match.group);
    const parts = [group !== null ? `Group ${group}` : stageName(season, match.stage)];
    if (match.matchday !== null) parts.push(`Matchday ${match.matchday}`);
    return parts.join(' · ');
  }
  const parts = [stageName(season, match.stage)];
  const qualifying = stageFormat(season, match.stage)?.kind === 'qualifying';
  if (qualifying && match.tie !== null) parts.push(`tie ${match.tie}`);
  if (match.leg !== null) parts.push(legName(match.leg));
  const label = parts.join(', ');
  return match.status === 'walkover' && match.leg === null ? `${label} (walkover)` : label;
}
