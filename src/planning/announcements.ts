// Turning the season into outbox rows: the domain planner's output, written per subscription in
// one transaction each. Runs at startup, whenever the season data changes (scheduler/), and when an
// admin sets a channel up (discord/announcements/). It sits above domain/ and db/ and below both of
// its callers, so neither has to import the other.
import {
  DEFAULT_LATE_WINDOW_MS,
  DEFAULT_RECAP_WAIT_MS,
  LEGACY_SEASON_ID,
  detectRoundChanges,
  mentionRoles,
  roundForClub,
  planMovedNotices,
  planSubscription,
  snapshotRound,
  changedSnapshots,
  type KnownFacts,
  type PlannedPost,
  type PlanningRound,
  type PostedFacts,
  type RoundChange,
  type RoundSnapshot,
  type Subscription,
} from '../domain/announcements.js';
import { seasonAsOf, withoutResult } from '../domain/as-of.js';
import { seasonRounds } from '../domain/calendar.js';
import type { SeasonCatalog } from '../domain/catalog.js';
import type { Season } from '../domain/types.js';
import { listEnabledSubscriptions, type SubscriptionRow } from '../db/guild-settings.js';
import { clubRolesOf } from '../db/club-roles.js';
import { loadRoundSnapshots, saveRoundSnapshots, upsertPlan, type PlanResult, type SyncDb } from '../db/outbox.js';
import { readKnownFacts, readPostedFacts } from '../db/outbox-facts.js';
import type { SeasonDataStore } from '../db/store/season-data.js';
import { on, runAsync, runSync, type Unit } from '../db/store/season-units.js';
import type { OperationsStore } from '../db/store/types.js';

/**
 * The rounds announcements are planned for: every leg and group matchday (calendar.ts, one definition
 * for the bot). Given the bot's clock `now`, each match is as known then (as-of.ts), like the commands
 * see it: no result, decision or note before it was known. A match whose pairing is not yet drawn keeps
 * its slot (its date and kickoff are in the calendar), so the round's timing stays the same.
 */
export function roundsOf(season: Season, now?: number): PlanningRound[] {
  const rounds = seasonRounds(season);
  if (now === undefined) return rounds;
  const view = seasonAsOf(season, new Date(now));
  if (view === season) return rounds;
  const known = new Map(view.matches.map((m) => [m.id, m]));
  return rounds.map((round) => ({ ...round, matches: round.matches.map((m) => known.get(m.id) ?? withoutResult(m)) }));
}

/**
 * Where announcements read each subscription's season: the catalog of loaded seasons, or one season
 * that every subscription reads (a bot holding one season; tests). The catalog's `list` names the
 * seasons whose rounds are snapshotted even before any channel follows them.
 */
export type SeasonSource = Season | (Pick<SeasonCatalog, 'get'> & Partial<Pick<SeasonCatalog, 'list'>>);

const isSeason = (source: SeasonSource): source is Season => 'matches' in source;

/** The season `id` from a source; undefined when the catalog no longer holds it. */
export const seasonFrom = (source: SeasonSource, id: string): Season | undefined => (isSeason(source) ? source : source.get(id));

/** The seasons a source names by itself (a catalog's list; the legacy season for one bare season). */
const seasonIdsOf = (source: SeasonSource): string[] =>
  isSeason(source) ? [LEGACY_SEASON_ID] : (source.list?.().map((entry) => entry.id) ?? []);

export const toSubscription = (row: SubscriptionRow): Subscription => ({
  guildId: row.guildId,
  channelId: row.channelId,
  season: row.seasonId,
  leadsMs: row.leadsMs,
  results: row.results,
  goals: row.goals,
  roleId: row.roleId,
  team: row.teamId,
  activeFrom: row.activeFrom,
});

/**
 * Where planning reads and writes: SQLite's synchronous database (planning then finishes before it
 * returns), or the bot's async store on either engine (db/store/index.ts Store; a promise). The logic below is written once, as
 * units of these calls (db/store/season-units.ts runs them either way).
 */
export interface PlanningStores {
  readonly settings: Pick<OperationsStore['settings'], 'listEnabledSubscriptions'>;
  readonly outbox: Pick<OperationsStore['outbox'], 'loadRoundSnapshots' | 'saveRoundSnapshots' | 'upsertPlan' | 'postedFacts'>;
  readonly data: Pick<SeasonDataStore, 'readKnownFacts'>;
}

export type PlanningDb = SyncDb | PlanningStores;

interface PlanningOps {
  listEnabledSubscriptions(): SubscriptionRow[];
  loadRoundSnapshots(seasonId: string): Map<string, RoundSnapshot>;
  readKnownFacts(seasonId: string): KnownFacts;
  readPostedFacts(guildId: string, channelId: string, seasonId: string): PostedFacts;
  upsertPlan(row: SubscriptionRow, posts: readonly PlannedPost[], now: number): PlanResult;
  saveRoundSnapshots(snapshots: readonly RoundSnapshot[], now: number, opts: { readonly onlyMissing?: boolean; readonly seasonId: string }): void;
}

const step = on<PlanningOps>();

const isStores = (db: PlanningDb): db is PlanningStores => 'outbox' in db && 'data' in db;

const syncOps = (db: SyncDb): PlanningOps => ({
  listEnabledSubscriptions: () => listEnabledSubscriptions(db),
  loadRoundSnapshots: (seasonId) => loadRoundSnapshots(db, seasonId),
  readKnownFacts: (seasonId) => readKnownFacts(db, seasonId),
  readPostedFacts: (guildId, channelId, seasonId) => readPostedFacts(db, guildId, channelId, seasonId),
  upsertPlan: (row, posts, now) => upsertPlan(db, row, posts, now),
  saveRoundSnapshots: (snapshots, now, opts) => saveRoundSnapshots(db, snapshots, now, opts),
});

const storeOps = ({ settings, outbox, data }: PlanningStores): { readonly [K in keyof PlanningOps]: (...a: Parameters<PlanningOps[K]>) => Promise<ReturnType<PlanningOps[K]>> } => ({
  listEnabledSubscriptions: () => settings.listEnabledSubscriptions(),
  loadRoundSnapshots: (seasonId) => outbox.loadRoundSnapshots(seasonId),
  readKnownFacts: (seasonId) => data.readKnownFacts(seasonId),
  readPostedFacts: (guildId, channelId, seasonId) => outbox.postedFacts(guildId, channelId, seasonId),
  upsertPlan: (row, posts, now) => outbox.upsertPlan(row, posts, now),
  saveRoundSnapshots: (snapshots, now, opts) => outbox.saveRoundSnapshots(snapshots, now, opts),
});

/** Runs a planning unit: synchronously on a SyncDb, as a promise on the stores. */
function run<T>(db: SyncDb, unit: Unit<T>): T;
function run<T>(db: PlanningStores, unit: Unit<T>): Promise<T>;
function run<T>(db: PlanningDb, unit: Unit<T>): T | Promise<T>;
function run<T>(db: PlanningDb, unit: Unit<T>): T | Promise<T> {
  return isStores(db) ? runAsync(unit, storeOps(db)) : runSync(unit, syncOps(db));
}

export interface ReplanReport {
  readonly subscriptions: number;
  /** Rounds whose schedule changed since they were last planned, per season. */
  readonly changes: readonly (RoundChange & { readonly seasonId: string })[];
  readonly totals: PlanResult;
  /** Seasons followed by an enabled channel that the source does not hold (their rows are left as they are). */
  readonly missingSeasons: readonly string[];
}

const addResults = (a: PlanResult, b: PlanResult): PlanResult => ({
  inserted: a.inserted + b.inserted,
  moved: a.moved + b.moved,
  reopened: a.reopened + b.reopened,
  cancelled: a.cancelled + b.cancelled,
  unchanged: a.unchanged + b.unchanged,
});

const NONE: PlanResult = { inserted: 0, moved: 0, reopened: 0, cancelled: 0, unchanged: 0 };

/**
 * Re-plans every enabled channel, each against its own season (previews and recaps by the schedule;
 * full-time posts, late results, goal alerts and corrections by the results and when they became
 * known: sightings, else full time), and plans a
 * "moved" notice for each round whose kickoffs or postponements changed since that season's last
 * run. `onlySeasons` limits the work to the seasons whose data changed. Each season's new round
 * snapshots are saved after its channels: after a crash half-way, the next run sees the same changes
 * again and the unique keys keep every notice single.
 */
export function replanAll(db: SyncDb, source: SeasonSource, now: number, lateWindowMs?: number, onlySeasons?: readonly string[], recapWaitMs?: number): ReplanReport;
export function replanAll(db: PlanningStores, source: SeasonSource, now: number, lateWindowMs?: number, onlySeasons?: readonly string[], recapWaitMs?: number): Promise<ReplanReport>;
export function replanAll(db: PlanningDb, source: SeasonSource, now: number, lateWindowMs?: number, onlySeasons?: readonly string[], recapWaitMs?: number): ReplanReport | Promise<ReplanReport>;
export function replanAll(
  db: PlanningDb,
  source: SeasonSource,
  now: number,
  lateWindowMs: number = DEFAULT_LATE_WINDOW_MS,
  onlySeasons?: readonly string[],
  recapWaitMs: number = DEFAULT_RECAP_WAIT_MS,
): ReplanReport | Promise<ReplanReport> {
  return run(db, replanUnit(source, now, lateWindowMs, onlySeasons, recapWaitMs));
}

function* replanUnit(source: SeasonSource, now: number, lateWindowMs: number, onlySeasons: readonly string[] | undefined, recapWaitMs: number): Unit<ReplanReport> {
  const subscriptions = yield* step('listEnabledSubscriptions');
  const bySeason = new Map<string, SubscriptionRow[]>(seasonIdsOf(source).map((id) => [id, []]));
  for (const sub of subscriptions) bySeason.set(sub.seasonId, [...(bySeason.get(sub.seasonId) ?? []), sub]);
  let totals = NONE;
  let planned = 0;
  const changes: (RoundChange & { seasonId: string })[] = [];
  const missingSeasons: string[] = [];
  for (const [seasonId, subs] of bySeason) {
    if (onlySeasons !== undefined && !onlySeasons.includes(seasonId)) continue;
    const season = seasonFrom(source, seasonId);
    if (season === undefined) {
      if (subs.length > 0) missingSeasons.push(seasonId);
      continue;
    }
    const rounds = roundsOf(season, now);
    const stored = yield* step('loadRoundSnapshots', seasonId);
    const seasonChanges = detectRoundChanges(rounds, stored);
    const whole = seasonRounds(season);
    const facts = yield* step('readKnownFacts', seasonId);
    for (const stored of subs) {
      // A channel set up "later" than now means the replay clock was moved back past it: it follows
      // the season from now on, as if it had just been set up.
      const row = stored.activeFrom > now ? { ...stored, activeFrom: now } : stored;
      const sub = toSubscription(row);
      const planning = { facts, recapWaitMs, now, posted: yield* step('readPostedFacts', row.guildId, row.channelId, seasonId) };
      const posts = [...planSubscription(whole, sub, lateWindowMs, planning), ...planMovedNotices(rounds, seasonChanges, sub, now, lateWindowMs)];
      totals = addResults(totals, yield* step('upsertPlan', row, posts, now));
      planned += 1;
    }
    const changed = changedSnapshots(rounds.map(snapshotRound), stored);
    if (changed.length > 0) yield* step('saveRoundSnapshots', changed, now, { seasonId });
    changes.push(...seasonChanges.map((change) => ({ ...change, seasonId })));
  }
  return { subscriptions: planned, changes, totals, missingSeasons };
}

/**
 * Plans one channel just set up (no moved notices: a new channel has seen no schedule to correct).
 * Rounds never snapshotted before are recorded, so later changes to them are noticed.
 */
export function planOne(db: SyncDb, source: SeasonSource, row: SubscriptionRow, now: number, lateWindowMs?: number, recapWaitMs?: number): PlanResult;
export function planOne(db: PlanningStores, source: SeasonSource, row: SubscriptionRow, now: number, lateWindowMs?: number, recapWaitMs?: number): Promise<PlanResult>;
export function planOne(db: PlanningDb, source: SeasonSource, row: SubscriptionRow, now: number, lateWindowMs?: number, recapWaitMs?: number): PlanResult | Promise<PlanResult>;
export function planOne(
  db: PlanningDb,
  source: SeasonSource,
  row: SubscriptionRow,
  now: number,
  lateWindowMs: number = DEFAULT_LATE_WINDOW_MS,
  recapWaitMs: number = DEFAULT_RECAP_WAIT_MS,
): PlanResult | Promise<PlanResult> {
  return run(db, planOneUnit(source, row, now, lateWindowMs, recapWaitMs));
}

function* planOneUnit(source: SeasonSource, row: SubscriptionRow, now: number, lateWindowMs: number, recapWaitMs: number): Unit<PlanResult> {
  const season = seasonFrom(source, row.seasonId);
  // A season no longer loaded plans nothing (the command refuses one it does not know).
  if (season === undefined) return NONE;
  const rounds = roundsOf(season, now);
  const planning = { facts: yield* step('readKnownFacts', row.seasonId), recapWaitMs, now, posted: yield* step('readPostedFacts', row.guildId, row.channelId, row.seasonId) };
  const result = yield* step('upsertPlan', row, planSubscription(seasonRounds(season), toSubscription(row), lateWindowMs, planning), now);
  yield* step('saveRoundSnapshots', rounds.map(snapshotRound), now, { onlyMissing: true, seasonId: row.seasonId });
  return result;
}

/**
 * The roles one outbox row's post mentions (see domain `mentionRoles`): the channel's role, or for a
 * channel following a club the roles of the clubs playing in the post's matches.
 */
export function postMentions(
  db: SyncDb,
  season: Season,
  now: number,
  row: { readonly guildId: string; readonly roundKey: string; readonly club?: string | null },
  channelRole: string | null,
): string[] {
  const club = row.club ?? null;
  if (club === null) return mentionRoles(row.guildId, [], null, channelRole, new Map());
  const round = roundsOf(season, now).find((r) => r.key === row.roundKey);
  const matches = round === undefined ? [] : roundForClub(round, club).matches;
  return mentionRoles(row.guildId, matches, club, channelRole, clubRolesOf(db, row.guildId));
}
