import { totalsLine } from '../discord/render/totals.js';
import { scheduleEntries } from '../domain/calendar.js';
import { UserError } from '../domain/errors.js';
import { roundLabel, selectFixtures } from '../domain/fixtures.js';
import { resolveTeam } from '../domain/names.js';
import { computeRanking } from '../domain/ranking.js';
import { comparisonSummary, computeRankingAcross } from '../domain/ranking-across.js';
import { computeScorers } from '../domain/scorers.js';
import type { ScorerStage } from '../domain/scorers.js';
import { indexSeason } from '../domain/season-index.js';
import type { SeasonIndex } from '../domain/season-index.js';
import { computeGroupTables } from '../domain/standings.js';
import { computeStats } from '../domain/stats.js';
import { computeTies } from '../domain/ties.js';
import {
  groupLabels,
  groupStage,
  hasUnnamedGroup,
  matchdayCount,
  previousStage,
  shownGroup,
  stageCodes,
  stageFormat,
  stageName,
  stagesOfKind,
} from '../domain/format.js';
import type { GroupId, Match, Season, Stage } from '../domain/types.js';
import { SeasonFileError } from '../season/parse.js';
import { readSeasonFile } from '../season/read.js';
import { formatTable } from './table.js';

export interface QueryOptions {
  readonly args: readonly string[];
  readonly team?: string | undefined;
  readonly stage?: string | undefined;
  readonly group?: string | undefined;
  readonly matchday?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly round?: string | undefined;
  readonly limit?: string | undefined;
  /** Every loaded season, for `ranking`'s view across seasons (default: the queried season alone). */
  readonly loadedSeasons?: readonly Season[] | undefined;
}

export interface QueryOutput {
  readonly json: unknown;
  readonly text: string;
}

type Query = (season: Season, opts: QueryOptions) => QueryOutput;

// ---- option parsing: every bad value is a UserError (exit code 2) ----

const oneOf = <T extends string>(name: string, value: string, allowed: readonly T[]): T => {
  const found = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (!found) throw new UserError(`--${name} must be one of: ${allowed.join(', ')} (got "${value}").`);
  return found;
};

const integer = (name: string, value: string, min: number, max: number): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UserError(`--${name} must be a whole number from ${min} to ${max} (got "${value}").`);
  }
  return n;
};

const isoDate = (name: string, value: string): string => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new UserError(`--${name} must be a date like 2023-11-26 (got "${value}").`);
  }
  return value;
};

/** A stage of the queried season's format. */
const stageOption = (season: Season, value: string | undefined): Stage | undefined =>
  value === undefined ? undefined : oneOf('stage', value, stageCodes(season));

/** A group of the queried season's format. */
const groupOption = (season: Season, value: string | undefined): GroupId | undefined => {
  if (value === undefined) return undefined;
  if (groupLabels(season).length === 0) throw new UserError(`--group: ${season.name} has no group stage (got "${value}").`);
  if (hasUnnamedGroup(season)) throw new UserError(`--group: ${season.name} has no groups to pick, its table is one league (got "${value}").`);
  return oneOf('group', value, groupLabels(season));
};

// ---- shared shapes ----

const scoreOf = (m: Match) => m.score ?? m.decision?.score ?? null;

const matchJson = (index: SeasonIndex, m: Match) => ({
  id: m.id,
  stage: m.stage,
  round: roundLabel(index.season, m),
  // The season's label, or null for a league phase's unnamed group (and outside the group stage).
  group: shownGroup(index.season, m.group),
  matchday: m.matchday,
  leg: m.leg,
  date: m.date,
  kickoff: m.kickoff,
  home: index.teamName(m.home),
  away: index.teamName(m.away),
  status: m.status,
  score: scoreOf(m),
  penalties: m.penalties,
  decision: m.decision && { winner: index.teamName(m.decision.winner), reason: m.decision.reason },
  venue: m.venue,
});

const scoreText = (m: Match): string => {
  const score = scoreOf(m);
  const base = score ? `${score.home}–${score.away}` : m.status === 'played' ? 'not recorded' : '';
  const pens = m.penalties ? ` (${m.penalties.home}–${m.penalties.away} pens)` : '';
  const marker = m.status === 'played' || m.status === 'scheduled' ? '' : ` [${m.status}]`;
  return `${base}${pens}${marker}`.trim();
};

const matchRows = (index: SeasonIndex, matches: readonly Match[]) =>
  matches.map((m) => [
    m.date ?? 'not recorded',
    m.kickoff ? `${m.kickoff.slice(11, 16)} UTC` : '',
    roundLabel(index.season, m),
    index.teamName(m.home),
    scoreText(m),
    index.teamName(m.away),
  ]);

const MATCH_HEADERS = ['Date', 'Kickoff', 'Round', 'Home', 'Score', 'Away'];

// ---- the queries ----

const teams: Query = (season) => {
  const index = indexSeason(season);
  const rows = season.teams.map((t) => ({
    name: t.name,
    association: t.association,
    rank: index.associationByName.get(t.association)?.rank ?? null,
    entryRound: t.entryRound,
  }));
  return {
    json: { teams: rows },
    text: formatTable(
      ['Team', 'Association', 'CAF rank', 'Entry'],
      rows.map((r) => [r.name, r.association, r.rank, entryText(season, r.entryRound)]),
    ),
  };
};

/** Where a team entered, from the format: "First round", "Second round (bye past First round)", "League phase". */
const entryText = (season: Season, stage: Stage): string => {
  const before = previousStage(season, stage);
  const bye = before !== null && stageFormat(season, stage)?.kind === 'qualifying';
  return bye ? `${stageName(season, stage)} (bye past ${stageName(season, before)})` : stageName(season, stage);
};

const team: Query = (season, opts) => {
  const query = opts.args.join(' ').trim();
  if (!query) throw new UserError('team needs a name, e.g. npm run cli -- team zamalek');
  const index = indexSeason(season);
  const t = resolveTeam(season.teams, query);
  const association = index.associationByName.get(t.association);
  const matches = index.matchesOf(t.id);
  const json = {
    team: {
      name: t.name,
      aliases: t.aliases,
      association: t.association,
      rank: association?.rank ?? null,
      qualifyingMethod: t.qualifyingMethod,
      entryRound: t.entryRound,
    },
    matches: matches.map((m) => matchJson(index, m)),
  };
  const header = [
    `${t.name} (${t.association}${association?.code ? `, ${association.code}` : ''})`,
    `CAF 5-year rank: ${association?.rank ?? 'not recorded'}`,
    `Qualified as: ${t.qualifyingMethod ?? 'not recorded'}`,
    `Entry: ${entryText(season, t.entryRound)}`,
    t.aliases.length ? `Also known as: ${t.aliases.join(', ')}` : null,
  ].filter((line) => line !== null);
  return { json, text: `${header.join('\n')}\n\n${formatTable(MATCH_HEADERS, matchRows(index, matches))}` };
};

const fixtures: Query = (season, opts) => {
  const index = indexSeason(season);
  const matches = selectFixtures(season, {
    ...(opts.team !== undefined && { team: resolveTeam(season.teams, opts.team).id }),
    ...(opts.stage !== undefined && { stage: stageOption(season, opts.stage) }),
    ...(opts.group !== undefined && { group: groupOption(season, opts.group) }),
    ...(opts.matchday !== undefined && { matchday: integer('matchday', opts.matchday, 1, Math.max(1, matchdayCount(season))) }),
    ...(opts.from !== undefined && { from: isoDate('from', opts.from) }),
    ...(opts.to !== undefined && { to: isoDate('to', opts.to) }),
  });
  return {
    json: { matches: matches.map((m) => matchJson(index, m)) },
    text: matches.length ? formatTable(MATCH_HEADERS, matchRows(index, matches)) : 'No matches fit these filters.',
  };
};

const standings: Query = (season, opts) => {
  const index = indexSeason(season);
  const group = groupOption(season, opts.group);
  const tables = computeGroupTables(season).filter((t) => group === undefined || t.group === group);
  const json = {
    groups: tables.map((t) => ({
      group: shownGroup(season, t.group),
      rows: t.rows.map((r) => ({ ...r, team: index.teamName(r.team) })),
      notes: t.notes,
    })),
  };
  const text = tables
    .map((t) => {
      const table = formatTable(
        ['#', 'Team', 'P', 'W', 'D', 'L', 'GF', 'GA', 'GD', 'Pts', 'Q', 'Separated by'],
        t.rows.map((r) => [
          r.position,
          index.teamName(r.team),
          r.played,
          r.won,
          r.drawn,
          r.lost,
          r.goalsFor,
          r.goalsAgainst,
          r.goalDifference,
          r.points,
          r.qualified ? '✓' : '',
          r.decidedBy ?? '',
        ]),
      );
      const notes = t.notes.map((n) => `  * ${n}`).join('\n');
      const shown = shownGroup(season, t.group);
      return `${shown === null ? stageName(season, groupStage(season)?.code ?? 'group') : `Group ${shown}`}\n${table}${notes ? `\n${notes}` : ''}`;
    })
    .join('\n\n');
  return { json, text };
};

const ties: Query = (season, opts) => {
  const index = indexSeason(season);
  const round = opts.round === undefined ? undefined : oneOf('round', opts.round, stagesOfKind(season, 'qualifying', 'knockout'));
  const results = computeTies(season, round);
  const json = {
    ties: results.map((t) => ({
      round: t.stage,
      tie: t.tie,
      teams: t.teams.map((id) => index.teamName(id)),
      legs: t.legs.map((m) => matchJson(index, m)),
      aggregate: t.aggregate,
      winner: t.winner && index.teamName(t.winner),
      decidedBy: t.decidedBy,
    })),
  };
  const text = formatTable(
    ['Round', 'Tie', 'Team 1', 'Agg', 'Team 2', 'Winner', 'Decided by'],
    results.map((t) => [
      stageName(season, t.stage),
      t.tie,
      index.teamName(t.teams[0]),
      t.aggregate ? `${t.aggregate[0]}–${t.aggregate[1]}` : '—',
      index.teamName(t.teams[1]),
      t.winner ? index.teamName(t.winner) : 'not recorded',
      t.decidedBy ?? '',
    ]),
  );
  return { json, text };
};

/** Scorer columns in the season's order: each stage's key, a group stage's matchdays one by one. */
const roundColumns = (season: Season): string[] =>
  season.format.stages.flatMap((s) => (s.kind === 'group' ? Array.from({ length: s.matchdays }, (_, i) => `MD${i + 1}`) : [s.key]));

const scorers: Query = (season, opts) => {
  const index = indexSeason(season);
  const table = computeScorers(season, {
    ...(opts.team !== undefined && { team: resolveTeam(season.teams, opts.team).id }),
    ...(opts.stage !== undefined && { stage: oneOf<ScorerStage>('stage', opts.stage, ['proper', 'qualifying', ...stageCodes(season)]) }),
    ...(opts.limit !== undefined && { limit: integer('limit', opts.limit, 1, 500) }),
  });
  const json = {
    scorers: table.rows.map((r) => ({ rank: r.rank, player: r.player, team: index.teamName(r.team), goals: r.goals, byRound: r.byRound })),
    unattributedGoals: table.unattributedGoals,
    ownGoals: table.ownGoals,
  };
  const columns = roundColumns(season).filter((c) => table.rows.some((r) => (r.byRound[c] ?? 0) > 0));
  const text = [
    formatTable(
      ['Rank', 'Player', 'Team', 'Goals', ...columns],
      table.rows.map((r) => [r.rank, r.player, index.teamName(r.team), r.goals, ...columns.map((c) => r.byRound[c] ?? null)]),
    ),
    `Unattributed goals: ${table.unattributedGoals}. Own goals: ${table.ownGoals}.`,
  ].join('\n');
  return { json, text };
};

const stats: Query = (season) => {
  const report = computeStats(season);
  const p = report.competitionProper;
  // The reconciliation in English, worded by the same keys /about says it with.
  const teamName = indexSeason(season).teamName;
  const reconciliation = report.reconciliation.map((check) => totalsLine(check, teamName));
  const text = [
    formatTable(
      ['Stage', 'Played', 'Awarded', 'Goals', 'Unrecorded'],
      [
        ...report.stages.map((s) => [stageName(season, s.stage), s.matchesPlayed, s.matchesAwarded, s.goals, s.unrecordedResults]),
        ['Competition proper', p.matchesPlayed, p.matchesAwarded, p.goals, p.unrecordedResults],
      ],
    ),
    ...(season.printedTotals === null ? ['* Printed totals: not published (no source prints totals for this season).'] : reconciliation.map((line) => `* ${line}`)),
  ].join('\n');
  // The figures a source prints, or null where none is printed (an imported Football.TXT season).
  const printed = season.printedTotals;
  const printedTotals = printed === null ? null : { matches: printed.matches, goals: printed.goals, groupMatches: printed.groupMatches, groupGoals: printed.groupGoals };
  return { json: { ...report, printedTotals, reconciliation }, text };
};

const ranking: Query = (season, opts) => {
  const rows = computeRanking(season);
  const across = rankingAcrossQuery(opts.loadedSeasons ?? [season]);
  const json = {
    acrossSeasons: across.json,
    associations: rows.map((r) => ({
      rank: r.rank,
      association: r.association,
      points: r.points,
      slots: r.slots,
      entered: r.entered,
      seasonPoints: r.seasonPoints,
      note: r.note,
    })),
  };
  const text = [
    formatTable(
      ['Rank', 'Association', 'Points', 'Slots', 'Entered', '2023–24 pts'],
      rows.map((r) => [r.rank, r.association, r.points, r.slots, r.entered, r.seasonPoints]),
    ),
    ...rows.filter((r) => r.note).map((r) => `* ${r.association}: ${r.note}`),
    '',
    across.text,
  ].join('\n');
  return { json, text };
};

/** `ranking` across every loaded season: points per season and competition, the combined view, the printed figures compared. */
export const rankingAcrossQuery = (seasons: readonly Season[]): { json: unknown; text: string } => {
  const across = computeRankingAcross(seasons);
  const notStated = 'not stated';
  const json = {
    source: across.source,
    seasons: across.seasons.map((s) => ({
      season: s.seasonId,
      competition: s.competition,
      label: s.label,
      column: s.columnStated ? 'stated' : notStated,
      coefficient: s.coefficient ?? notStated,
      seasonCriteriaAgree: s.seasonCriteriaAgree,
      // The season file's own note on its criteria (e.g. which ranking the seed's coefficients belong to).
      criteriaNote: seasons.find((season) => season.id === s.seasonId)?.rankingCriteria.note ?? null,
      clubsWithoutStatedValue: s.clubsWithoutStatedValue,
      associations: s.associations.map((a) => ({
        association: a.association,
        code: a.code,
        points: a.points ?? notStated,
        clubs: a.clubs.map((c) => ({ team: c.team, name: c.name, achievement: c.achievement ?? notStated, points: c.points ?? notStated })),
      })),
    })),
    combinedSeasons: across.combinedSeasons,
    combined: across.combined.map((r) => ({ association: r.association, code: r.code, total: r.total, bySeason: r.bySeason })),
    comparison: comparisonSummary(across.comparisons),
    comparisons: across.comparisons,
  };
  const seasonHead = across.seasons.map((s) => `${s.seasonId} (×${s.coefficient ?? '?'})`);
  const counted = new Set(across.combinedSeasons);
  const scoring = across.combined.filter((r) => r.total > 0);
  const perSeason = (row: (typeof across.combined)[number], id: string): string | number =>
    row.bySeason.find((b) => b.seasonId === id)?.points ?? 0;
  const sentence: Record<ReturnType<typeof comparisonSummary>, string> = {
    none: 'No season file prints association points to compare with.',
    not_comparable: 'The printed 5-year ranking was fixed before the loaded seasons were played, so it cannot be checked against them.',
    agrees: 'The printed 5-year ranking points are consistent with the loaded earlier seasons.',
    disagrees: 'Some printed 5-year ranking points are lower than the loaded earlier seasons alone give.',
  };
  const text = [
    `Points across seasons (${across.source}: points per stage reached × the season's coefficient)`,
    formatTable(
      ['Association', ...seasonHead.filter((_, i) => counted.has(across.seasons[i]?.seasonId ?? '')), 'Total'],
      scoring.map((r) => [r.code ?? r.association, ...across.combinedSeasons.map((id) => perSeason(r, id)), r.total]),
    ),
    ...(across.combined.length > scoring.length
      ? [`* ${across.combined.length - scoring.length} other association(s): no club reached a stage the table lists.`]
      : []),
    ...across.seasons
      .filter((s) => !counted.has(s.seasonId))
      .map((s) => `* ${s.seasonId}: ${s.columnStated ? 'coefficient' : 'points column'} not stated; left out of the totals.`),
    ...across.seasons
      .filter((s) => s.clubsWithoutStatedValue > 0)
      .map((s) => `* ${s.seasonId}: ${s.clubsWithoutStatedValue} club(s) went out before any stage the table lists (no value stated).`),
    sentence[comparisonSummary(across.comparisons)],
  ].join('\n');
  return { json, text };
};

const schedule: Query = (season) => {
  const entries = scheduleEntries(season).map((e) => ({
    phase: e.phase,
    round: e.round,
    dates: e.startDate === e.endDate ? e.startDate : `${e.startDate} to ${e.endDate}`,
  }));
  return {
    json: { entries },
    text: formatTable(['Phase', 'Round', 'Dates'], entries.map((e) => [e.phase, e.round, e.dates])),
  };
};

export const QUERIES: Readonly<Record<string, Query>> = {
  teams,
  team,
  fixtures,
  standings,
  ties,
  scorers,
  stats,
  ranking,
  schedule,
};

/** `validate [file]`: parse and check a season file without touching the database. */
export const runValidate = (file: string | null | undefined): { ok: boolean; text: string; json: unknown } => {
  try {
    const { season } = readSeasonFile(file ?? undefined);
    const text = `${file ?? 'data/seasons/caf-cc-2023-24.json'} is valid: ${season.teams.length} teams, ${season.matches.length} matches, ${season.matches.reduce((n, m) => n + m.goals.length, 0)} goals.`;
    return { ok: true, text, json: { valid: true, problems: [] } };
  } catch (err) {
    if (err instanceof SeasonFileError) return { ok: false, text: err.message, json: { valid: false, problems: err.problems } };
    throw err;
  }
};
