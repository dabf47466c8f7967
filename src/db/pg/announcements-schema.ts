// PostgreSQL twin of ../announcements-schema.ts: subscriptions, the outbox, round snapshots and the
// dispatcher leases. Times are timestamptz, JSON is jsonb, Discord ids are text with a CHECK.
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { LEGACY_SEASON_ID, POST_KINDS, RESULTS_MODES, type MatchMove, type MatchSlot } from '../../domain/announcements.js';
import { OUTBOX_STATUSES } from '../announcements-schema.js';
import { LANGUAGES } from '../../i18n/languages.js';
import { jsonArray, oneOf, snowflake } from './checks.js';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const announcementSubscriptions = pgTable(
  'announcement_subscriptions',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    guildId: text('guild_id').notNull(),
    channelId: text('channel_id').notNull(),
    /** The season the channel follows (one row per channel and season). */
    seasonId: text('season_id').notNull().default(LEGACY_SEASON_ID),
    roleId: text('role_id'),
    /** The club (team id) the channel follows: only its matches' posts. Null: every post. */
    teamId: text('team_id'),
    /** The language of the channel's posts; null: the server's choice, else English. */
    language: text('language', { enum: LANGUAGES }),
    leadsMs: jsonb('leads').$type<number[]>().notNull(),
    /** `each` match, the `round` recap, or `off` (was the `recap` switch). */
    results: text('results', { enum: RESULTS_MODES }).notNull().default('round'),
    goals: boolean('goals').notNull().default(false),
    enabled: boolean('enabled').notNull(),
    disabledReason: text('disabled_reason'),
    disabledAt: at('disabled_at'),
    consecutivePermissionFailures: integer('consecutive_permission_failures').notNull().default(0),
    activeFrom: at('active_from').notNull(),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('announcement_subscriptions_guild_channel_season_uq').on(t.guildId, t.channelId, t.seasonId),
    check('announcement_subscriptions_guild_check', snowflake(t.guildId)),
    check('announcement_subscriptions_channel_check', snowflake(t.channelId)),
    check('announcement_subscriptions_role_check', sql`${t.roleId} is null or (${snowflake(t.roleId)})`),
    check('announcement_subscriptions_leads_check', jsonArray(t.leadsMs)),
    check('announcement_subscriptions_failures_check', sql`${t.consecutivePermissionFailures} >= 0`),
    check('announcement_subscriptions_disabled_check', sql`${t.enabled} or ${t.disabledReason} is not null`),
    check('announcement_subscriptions_results_check', oneOf(t.results, RESULTS_MODES)),
  ],
);

export const announcementOutbox = pgTable(
  'announcement_outbox',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    subscriptionId: integer('subscription_id')
      .notNull()
      .references(() => announcementSubscriptions.id, { onDelete: 'cascade' }),
    guildId: text('guild_id').notNull(),
    channelId: text('channel_id').notNull(),
    /** The season the post is about, part of the key. */
    seasonId: text('season_id').notNull().default(LEGACY_SEASON_ID),
    kind: text('kind', { enum: POST_KINDS }).notNull(),
    roundKey: text('round_key').notNull(),
    slot: text('slot').notNull(),
    /** The club a club-filtered channel follows, part of the key; '' for a channel that gets every post (older rows keep their key). */
    club: text('club').notNull().default(''),
    leadMs: integer('lead_ms'),
    dueAt: at('due_at').notNull(),
    expiresAt: at('expires_at').notNull(),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    claimedAt: at('claimed_at'),
    /** Real (wall-clock) time after which a `sending` row counts as abandoned: another process may take it. */
    leaseUntil: at('lease_until'),
    nextAttemptAt: at('next_attempt_at'),
    sentAt: at('sent_at'),
    late: boolean('late').notNull().default(false),
    messageId: text('message_id'),
    messageIds: jsonb('message_ids').$type<string[]>().notNull(),
    nonce: text('nonce').notNull(),
    lastError: text('last_error'),
    lastErrorCode: text('last_error_code'),
    fingerprint: text('fingerprint').notNull(),
    moves: jsonb('moves').$type<MatchMove[]>(),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('announcement_outbox_key_uq').on(t.guildId, t.channelId, t.seasonId, t.kind, t.roundKey, t.slot, t.club),
    index('announcement_outbox_status_due_idx').on(t.status, t.dueAt),
    index('announcement_outbox_subscription_idx').on(t.subscriptionId, t.status),
    uniqueIndex('announcement_outbox_nonce_uq').on(t.nonce),
    check('announcement_outbox_guild_check', snowflake(t.guildId)),
    check('announcement_outbox_channel_check', snowflake(t.channelId)),
    check('announcement_outbox_kind_check', oneOf(t.kind, POST_KINDS)),
    check('announcement_outbox_status_check', oneOf(t.status, OUTBOX_STATUSES)),
    check('announcement_outbox_nonce_check', sql`length(${t.nonce}) between 1 and 25`),
    check('announcement_outbox_attempts_check', sql`${t.attempts} >= 0`),
    check('announcement_outbox_message_ids_check', jsonArray(t.messageIds)),
    check('announcement_outbox_sent_check', sql`${t.status} <> 'sent' or (${t.messageId} is not null and ${t.sentAt} is not null)`),
  ],
);

/** Twin of the SQLite announcement_club_roles: the role a club's posts mention in one server. */
export const announcementClubRoles = pgTable(
  'announcement_club_roles',
  {
    guildId: text('guild_id').notNull(),
    teamId: text('team_id').notNull(),
    roleId: text('role_id').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('announcement_club_roles_guild_team_uq').on(t.guildId, t.teamId),
    check('announcement_club_roles_guild_check', snowflake(t.guildId)),
    check('announcement_club_roles_role_check', sql`${snowflake(t.roleId)} and ${t.roleId} <> ${t.guildId}`),
  ],
);

export const announcementRounds = pgTable(
  'announcement_rounds',
  {
    seasonId: text('season_id').notNull().default(LEGACY_SEASON_ID),
    roundKey: text('round_key').notNull(),
    fingerprint: text('fingerprint').notNull(),
    matches: jsonb('matches').$type<MatchSlot[]>().notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.seasonId, t.roundKey] })],
);

/** Twin of the SQLite guild_default_seasons: a server's default season. */
export const guildDefaultSeasons = pgTable(
  'guild_default_seasons',
  {
    guildId: text('guild_id').primaryKey(),
    seasonId: text('season_id').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [check('guild_default_seasons_guild_check', snowflake(t.guildId))],
);

export const dispatcherLeases = pgTable(
  'dispatcher_leases',
  {
    name: text('name').primaryKey(),
    holder: text('holder').notNull(),
    acquiredAt: at('acquired_at').notNull(),
    renewedAt: at('renewed_at').notNull(),
    expiresAt: at('expires_at').notNull(),
  },
  (t) => [
    check('dispatcher_leases_holder_check', sql`length(${t.holder}) between 1 and 200`),
    check('dispatcher_leases_expiry_check', sql`${t.expiresAt} >= ${t.renewedAt}`),
  ],
);
