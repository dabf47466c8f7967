// Turning the season into outbox rows: the domain planner's output, written per subscription in
// one transaction each. Runs at startup, whenever the season data changes (scheduler/), and when an
// admin sets a channel up (discord/announcements/). It sits above domain/ and db/ and below both of
// its callers, so neither has to import the other.
import {
  DEFAULT_LATE_WINDOW_MS,
  detectRoundChanges,
  mentionRoles,
  roundForClub,
  planMovedNotices,
  planSubscription,
  snapshotRound,
  type PlanningRound,
  type RoundChange,
  type Subscription,
} from '../domain/announcements.js';
import { seasonAsOf, withoutResult } from '../domain/as-of.js';
import { seasonRounds } from '../domain/calendar.js';
import type { Season } from '../domain/types.js';
import { listEnabledSubscriptions, type SubscriptionRow } from '../db/guild-settings.js';
import { clubRolesOf } from '../db/club-roles.js';
import { loadRoundSnapshots, saveRoundSnapshots, upsertPlan, type PlanResult, type SyncDb } from '../db/outbox.js';

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

export const toSubscription = (row: SubscriptionRow): Subscription => ({
  guildId: row.guildId,
  channelId: row.channelId,
  leadsMs: row.leadsMs,
  recap: row.recap,
  roleId: row.roleId,
  team: row.teamId,
  activeFrom: row.activeFrom,
});

export interface ReplanReport {
  readonly subscriptions: number;
  readonly changes: readonly RoundChange[];
  readonly totals: PlanResult;
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
 * Re-plans every enabled channel against the season as it stands, and plans a "moved" notice for each
 * round whose kickoffs or postponements changed since the last run. The new round snapshots are saved
 * last: after a crash half-way, the next run sees the same changes again and the unique keys keep
 * every notice single.
 */
export function replanAll(db: SyncDb, season: Season, now: number, lateWindowMs: number = DEFAULT_LATE_WINDOW_MS): ReplanReport {
  const rounds = roundsOf(season, now);
  const previous = loadRoundSnapshots(db);
  const changes = detectRoundChanges(rounds, previous);
  const subscriptions = listEnabledSubscriptions(db);
  let totals = NONE;
  for (const stored of subscriptions) {
    // A channel set up "later" than now means the replay clock was moved back past it: it follows
    // the season from now on, as if it had just been set up.
    const row = stored.activeFrom > now ? { ...stored, activeFrom: now } : stored;
    const sub = toSubscription(row);
    const posts = [...planSubscription(rounds, sub, lateWindowMs), ...planMovedNotices(rounds, changes, sub, now, lateWindowMs)];
    totals = addResults(totals, upsertPlan(db, row, posts, now));
  }
  saveRoundSnapshots(db, rounds.map(snapshotRound), now);
  return { subscriptions: subscriptions.length, changes, totals };
}

/**
 * Plans one channel just set up (no moved notices: a new channel has seen no schedule to correct).
 * Rounds never snapshotted before are recorded, so later changes to them are noticed.
 */
export function planOne(db: SyncDb, season: Season, row: SubscriptionRow, now: number, lateWindowMs: number = DEFAULT_LATE_WINDOW_MS): PlanResult {
  const rounds = roundsOf(season, now);
  const result = upsertPlan(db, row, planSubscription(rounds, toSubscription(row), lateWindowMs), now);
  saveRoundSnapshots(db, rounds.map(snapshotRound), now, { onlyMissing: true });
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
