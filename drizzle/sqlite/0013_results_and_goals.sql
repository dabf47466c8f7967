-- Posts driven by results: a channel's `recap` switch becomes `results` (each | round | off; recap on is
-- round, off is off) and `goals` (alerts, off by default); the outbox takes the new kinds (result, late,
-- goal, correction). Both tables are rebuilt with their ids, keys and nonces as they were, so no post
-- already sent is planned again. Edited by hand after drizzle-kit: it copied `results` and `goals` from
-- the old table, which has neither; `results` is computed from `recap`.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_announcement_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`subscription_id` integer NOT NULL,
	`guild_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`season_id` text DEFAULT 'caf-cc-2023-24' NOT NULL,
	`kind` text NOT NULL,
	`round_key` text NOT NULL,
	`slot` text NOT NULL,
	`club` text DEFAULT '' NOT NULL,
	`lead_ms` integer,
	`due_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`claimed_at` integer,
	`lease_until` integer,
	`next_attempt_at` integer,
	`sent_at` integer,
	`late` integer DEFAULT false NOT NULL,
	`message_id` text,
	`message_ids` text NOT NULL,
	`nonce` text NOT NULL,
	`last_error` text,
	`last_error_code` text,
	`fingerprint` text NOT NULL,
	`moves` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`subscription_id`) REFERENCES `announcement_subscriptions`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "announcement_outbox_kind_check" CHECK("__new_announcement_outbox"."kind" in ('preview', 'recap', 'moved', 'result', 'late', 'goal', 'correction')),
	CONSTRAINT "announcement_outbox_status_check" CHECK("__new_announcement_outbox"."status" in ('pending', 'sending', 'sent', 'failed', 'expired', 'cancelled')),
	CONSTRAINT "announcement_outbox_nonce_check" CHECK(length("__new_announcement_outbox"."nonce") between 1 and 25),
	CONSTRAINT "announcement_outbox_attempts_check" CHECK("__new_announcement_outbox"."attempts" >= 0),
	CONSTRAINT "announcement_outbox_message_ids_check" CHECK(json_valid("__new_announcement_outbox"."message_ids") and json_type("__new_announcement_outbox"."message_ids") = 'array'),
	CONSTRAINT "announcement_outbox_sent_check" CHECK("__new_announcement_outbox"."status" <> 'sent' or ("__new_announcement_outbox"."message_id" is not null and "__new_announcement_outbox"."sent_at" is not null))
);
--> statement-breakpoint
INSERT INTO `__new_announcement_outbox`("id", "subscription_id", "guild_id", "channel_id", "season_id", "kind", "round_key", "slot", "club", "lead_ms", "due_at", "expires_at", "status", "attempts", "claimed_at", "lease_until", "next_attempt_at", "sent_at", "late", "message_id", "message_ids", "nonce", "last_error", "last_error_code", "fingerprint", "moves", "created_at", "updated_at") SELECT "id", "subscription_id", "guild_id", "channel_id", "season_id", "kind", "round_key", "slot", "club", "lead_ms", "due_at", "expires_at", "status", "attempts", "claimed_at", "lease_until", "next_attempt_at", "sent_at", "late", "message_id", "message_ids", "nonce", "last_error", "last_error_code", "fingerprint", "moves", "created_at", "updated_at" FROM `announcement_outbox`;--> statement-breakpoint
DROP TABLE `announcement_outbox`;--> statement-breakpoint
ALTER TABLE `__new_announcement_outbox` RENAME TO `announcement_outbox`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `announcement_outbox_key_uq` ON `announcement_outbox` (`guild_id`,`channel_id`,`season_id`,`kind`,`round_key`,`slot`,`club`);--> statement-breakpoint
CREATE INDEX `announcement_outbox_status_due_idx` ON `announcement_outbox` (`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `announcement_outbox_subscription_idx` ON `announcement_outbox` (`subscription_id`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `announcement_outbox_nonce_uq` ON `announcement_outbox` (`nonce`);--> statement-breakpoint
CREATE TABLE `__new_announcement_subscriptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`guild_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`season_id` text DEFAULT 'caf-cc-2023-24' NOT NULL,
	`role_id` text,
	`team_id` text,
	`language` text,
	`leads` text NOT NULL,
	`results` text DEFAULT 'round' NOT NULL,
	`goals` integer DEFAULT false NOT NULL,
	`enabled` integer NOT NULL,
	`disabled_reason` text,
	`disabled_at` integer,
	`consecutive_permission_failures` integer DEFAULT 0 NOT NULL,
	`active_from` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "announcement_subscriptions_guild_check" CHECK("__new_announcement_subscriptions"."guild_id" glob '[0-9]*' and length("__new_announcement_subscriptions"."guild_id") between 1 and 20),
	CONSTRAINT "announcement_subscriptions_channel_check" CHECK("__new_announcement_subscriptions"."channel_id" glob '[0-9]*' and length("__new_announcement_subscriptions"."channel_id") between 1 and 20),
	CONSTRAINT "announcement_subscriptions_role_check" CHECK("__new_announcement_subscriptions"."role_id" is null or ("__new_announcement_subscriptions"."role_id" glob '[0-9]*' and length("__new_announcement_subscriptions"."role_id") between 1 and 20)),
	CONSTRAINT "announcement_subscriptions_leads_check" CHECK(json_valid("__new_announcement_subscriptions"."leads") and json_type("__new_announcement_subscriptions"."leads") = 'array'),
	CONSTRAINT "announcement_subscriptions_failures_check" CHECK("__new_announcement_subscriptions"."consecutive_permission_failures" >= 0),
	CONSTRAINT "announcement_subscriptions_disabled_check" CHECK("__new_announcement_subscriptions"."enabled" = 1 or "__new_announcement_subscriptions"."disabled_reason" is not null),
	CONSTRAINT "announcement_subscriptions_results_check" CHECK("__new_announcement_subscriptions"."results" in ('each', 'round', 'off'))
);
--> statement-breakpoint
INSERT INTO `__new_announcement_subscriptions`("id", "guild_id", "channel_id", "season_id", "role_id", "team_id", "language", "leads", "results", "goals", "enabled", "disabled_reason", "disabled_at", "consecutive_permission_failures", "active_from", "created_at", "updated_at") SELECT "id", "guild_id", "channel_id", "season_id", "role_id", "team_id", "language", "leads", CASE WHEN "recap" THEN 'round' ELSE 'off' END, 0, "enabled", "disabled_reason", "disabled_at", "consecutive_permission_failures", "active_from", "created_at", "updated_at" FROM `announcement_subscriptions`;--> statement-breakpoint
DROP TABLE `announcement_subscriptions`;--> statement-breakpoint
ALTER TABLE `__new_announcement_subscriptions` RENAME TO `announcement_subscriptions`;--> statement-breakpoint
CREATE UNIQUE INDEX `announcement_subscriptions_guild_channel_season_uq` ON `announcement_subscriptions` (`guild_id`,`channel_id`,`season_id`);