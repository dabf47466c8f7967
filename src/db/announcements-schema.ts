// Matchday announcements in SQLite: per-channel-and-season subscriptions, the outbox of planned posts
// (one row per guild+channel+season+kind+round+slot+club, ever), the last planned snapshot of each
// season's rounds (to notice moved kickoffs), and each server's default season. Times are UTC epoch
// ms; Discord ids are TEXT. Season ids are the catalog's (`caf-cc-2023-24`); rows made before seasons
// belong to LEGACY_SEASON_ID. No foreign key to the seasons table: a season whose file is no longer
// loaded keeps its subscriptions and ledger (they are simply not planned).
import { sql, type SQL } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { LEGACY_SEASON_ID, POST_KINDS, RESULTS_MODES, type MatchMove, type MatchSlot } from '../domain/announcements.js';
import { LANGUAGES } from '../i18n/languages.js';

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed', 'expired', 'cancelled'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

// Drizzle's `enum` option is type-only; the CHECK constraints make the database enforce it too.
const oneOf = (column: AnySQLiteColumn, values: readonly string[]): SQL =>
  sql`${column} in (${sql.raw(values.map((v) => `'${v}'`).join(', '))})`;
const snowflake = (column: AnySQLiteColumn): SQL => sql`${column} glob '[0-9]*' and length(${column}) between 1 and 20`;

export const announcementSubscriptions = sqliteTable(
  'announcement_subscriptions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    guildId: text('guild_id').notNull(),
    channelId: text('channel_id').notNull(),
    /** The season the channel follows (a channel may follow several, one row each). */
    seasonId: text('season_id').notNull().default(LEGACY_SEASON_ID),
    /** The one role a post may mention; null for none. */
    roleId: text('role_id'),
    /** The club (team id) the channel follows: only its matches' posts. Null: every post. */
    teamId: text('team_id'),
    /**
     * The language of the channel's posts (`en` `fr` `ar` `pt`), read when a post is rendered (never part
     * of an outbox key or nonce). Null: the server's /language choice, else English. A value that is no
     * longer a language reads as null (checked in code: a CHECK would make SQLite rebuild the table).
     */
    language: text('language', { enum: LANGUAGES }),
    /** Preview lead times in ms, longest first. */
    leadsMs: text('leads', { mode: 'json' }).$type<number[]>().notNull(),
    /** What the channel gets once results are known: `each` match, the `round` recap, or `off` (was the `recap` switch). */
    results: text('results', { enum: RESULTS_MODES }).notNull().default('round'),
    /** Goal alerts (opt-in). */
    goals: integer('goals', { mode: 'boolean' }).notNull().default(false),
    enabled: integer('enabled', { mode: 'boolean' }).notNull(),
    /** Why the channel stopped receiving posts: `turned_off`, `channel_deleted`, `missing_permissions`… */
    disabledReason: text('disabled_reason'),
    disabledAt: integer('disabled_at', { mode: 'timestamp_ms' }),
    /** 50001/50013 on distinct posts in a row; reset by any success. Three disable the channel. */
    consecutivePermissionFailures: integer('consecutive_permission_failures').notNull().default(0),
    /** Posts due before this are not planned: set when the subscription is created or re-enabled. */
    activeFrom: integer('active_from', { mode: 'timestamp_ms' }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('announcement_subscriptions_guild_channel_season_uq').on(t.guildId, t.channelId, t.seasonId),
    check('announcement_subscriptions_guild_check', snowflake(t.guildId)),
    check('announcement_subscriptions_channel_check', snowflake(t.channelId)),
    check('announcement_subscriptions_role_check', sql`${t.roleId} is null or (${snowflake(t.roleId)})`),
    check('announcement_subscriptions_leads_check', sql`json_valid(${t.leadsMs}) and json_type(${t.leadsMs}) = 'array'`),
    check('announcement_subscriptions_failures_check', sql`${t.consecutivePermissionFailures} >= 0`),
    check('announcement_subscriptions_disabled_check', sql`${t.enabled} = 1 or ${t.disabledReason} is not null`),
    check('announcement_subscriptions_results_check', oneOf(t.results, RESULTS_MODES)),
  ],
);

export const announcementOutbox = sqliteTable(
  'announcement_outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    subscriptionId: integer('subscription_id')
      .notNull()
      .references(() => announcementSubscriptions.id, { onDelete: 'cascade' }),
    guildId: text('guild_id').notNull(),
    channelId: text('channel_id').notNull(),
    /** The season the post is about, part of the key. */
    seasonId: text('season_id').notNull().default(LEGACY_SEASON_ID),
    kind: text('kind', { enum: POST_KINDS }).notNull(),
    roundKey: text('round_key').notNull(),
    /**
     * `24h` for a preview's lead, `after` for a recap, the change's hash for a moved notice, the match id
     * for a full-time or late post, `match:goal` for a goal alert, `match:fact:n` for a correction.
     */
    slot: text('slot').notNull(),
    /** The club a club-filtered channel follows, part of the key; '' for a channel that gets every post (older rows keep their key). */
    club: text('club').notNull().default(''),
    leadMs: integer('lead_ms'),
    dueAt: integer('due_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** Bot-clock time of the last claim (for the ledger). */
    claimedAt: integer('claimed_at', { mode: 'timestamp_ms' }),
    /** Real (wall-clock) time after which a `sending` row counts as abandoned by a crash. */
    leaseUntil: integer('lease_until', { mode: 'timestamp_ms' }),
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
    late: integer('late', { mode: 'boolean' }).notNull().default(false),
    /** The first message's id. */
    messageId: text('message_id'),
    /** Every message of a post split across messages, in order; parts already sent are not resent. */
    messageIds: text('message_ids', { mode: 'json' }).$type<string[]>().notNull(),
    /** Stable per row (derived from the unique key), ≤ 25 chars: a resend is a duplicate Discord drops. */
    nonce: text('nonce').notNull(),
    lastError: text('last_error'),
    lastErrorCode: text('last_error_code'),
    /** The round's fingerprint when the row was last planned. */
    fingerprint: text('fingerprint').notNull(),
    /** For moved notices: what moved. */
    moves: text('moves', { mode: 'json' }).$type<MatchMove[]>(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('announcement_outbox_key_uq').on(t.guildId, t.channelId, t.seasonId, t.kind, t.roundKey, t.slot, t.club),
    index('announcement_outbox_status_due_idx').on(t.status, t.dueAt),
    index('announcement_outbox_subscription_idx').on(t.subscriptionId, t.status),
    uniqueIndex('announcement_outbox_nonce_uq').on(t.nonce),
    check('announcement_outbox_kind_check', oneOf(t.kind, POST_KINDS)),
    check('announcement_outbox_status_check', oneOf(t.status, OUTBOX_STATUSES)),
    check('announcement_outbox_nonce_check', sql`length(${t.nonce}) between 1 and 25`),
    check('announcement_outbox_attempts_check', sql`${t.attempts} >= 0`),
    check('announcement_outbox_message_ids_check', sql`json_valid(${t.messageIds}) and json_type(${t.messageIds}) = 'array'`),
    check('announcement_outbox_sent_check', sql`${t.status} <> 'sent' or (${t.messageId} is not null and ${t.sentAt} is not null)`),
  ],
);

/**
 * The role a club's posts mention in one server (`/announcements roles`): in a channel following a club,
 * a post about its matches mentions the roles of the clubs playing (both, for a match of two clubs with a
 * role) instead of the channel's role. Never @everyone (the guild id), checked by the command.
 */
export const announcementClubRoles = sqliteTable(
  'announcement_club_roles',
  {
    guildId: text('guild_id').notNull(),
    teamId: text('team_id').notNull(),
    roleId: text('role_id').notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('announcement_club_roles_guild_team_uq').on(t.guildId, t.teamId),
    check('announcement_club_roles_guild_check', snowflake(t.guildId)),
    check('announcement_club_roles_role_check', sql`${snowflake(t.roleId)} and ${t.roleId} <> ${t.guildId}`),
  ],
);

/** Each season's rounds as last planned, so a changed kickoff or postponement can be noticed and announced. */
export const announcementRounds = sqliteTable(
  'announcement_rounds',
  {
    seasonId: text('season_id').notNull().default(LEGACY_SEASON_ID),
    roundKey: text('round_key').notNull(),
    fingerprint: text('fingerprint').notNull(),
    matches: text('matches', { mode: 'json' }).$type<MatchSlot[]>().notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.seasonId, t.roundKey] })],
);

/**
 * A server's default season (`/announcements default`): what its fan commands show without a
 * `competition`, and what `/announcements set` follows without one. No row: the catalog's rule.
 */
export const guildDefaultSeasons = sqliteTable(
  'guild_default_seasons',
  {
    guildId: text('guild_id').primaryKey(),
    seasonId: text('season_id').notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [check('guild_default_seasons_guild_check', snowflake(t.guildId))],
);

/**
 * Who may dispatch: one row per lease name, held by one process at a time. The holder renews
 * `expires_at` on every heartbeat; another process takes the lease over only once it has expired
 * (the holder died or hung). Times are real wall-clock ms, never the replay clock. With one name
 * ('announcements') this keeps two bots on one file from both posting; per-shard names would make
 * it the lease of several dispatchers sharing one PostgreSQL database.
 */
export const dispatcherLeases = sqliteTable(
  'dispatcher_leases',
  {
    name: text('name').primaryKey(),
    /** The holding process: `host:pid:random`, unique per start. */
    holder: text('holder').notNull(),
    acquiredAt: integer('acquired_at', { mode: 'timestamp_ms' }).notNull(),
    /** The holder's last heartbeat. */
    renewedAt: integer('renewed_at', { mode: 'timestamp_ms' }).notNull(),
    /** After this the lease is free for the taking. */
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    check('dispatcher_leases_holder_check', sql`length(${t.holder}) between 1 and 200`),
    check('dispatcher_leases_expiry_check', sql`${t.expiresAt} >= ${t.renewedAt}`),
  ],
);
