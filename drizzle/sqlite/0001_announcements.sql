CREATE TABLE `announcement_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`subscription_id` integer NOT NULL,
	`guild_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`kind` text NOT NULL,
	`round_key` text NOT NULL,
	`slot` text NOT NULL,
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
	CONSTRAINT "announcement_outbox_kind_check" CHECK("announcement_outbox"."kind" in ('preview', 'recap', 'moved')),
	CONSTRAINT "announcement_outbox_status_check" CHECK("announcement_outbox"."status" in ('pending', 'sending', 'sent', 'failed', 'expired', 'cancelled')),
	CONSTRAINT "announcement_outbox_nonce_check" CHECK(length("announcement_outbox"."nonce") between 1 and 25),
	CONSTRAINT "announcement_outbox_attempts_check" CHECK("announcement_outbox"."attempts" >= 0),
	CONSTRAINT "announcement_outbox_message_ids_check" CHECK(json_valid("announcement_outbox"."message_ids") and json_type("announcement_outbox"."message_ids") = 'array'),
	CONSTRAINT "announcement_outbox_sent_check" CHECK("announcement_outbox"."status" <> 'sent' or ("announcement_outbox"."message_id" is not null and "announcement_outbox"."sent_at" is not null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `announcement_outbox_key_uq` ON `announcement_outbox` (`guild_id`,`channel_id`,`kind`,`round_key`,`slot`);--> statement-breakpoint
CREATE INDEX `announcement_outbox_status_due_idx` ON `announcement_outbox` (`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `announcement_outbox_subscription_idx` ON `announcement_outbox` (`subscription_id`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `announcement_outbox_nonce_uq` ON `announcement_outbox` (`nonce`);--> statement-breakpoint
CREATE TABLE `announcement_rounds` (
	`round_key` text PRIMARY KEY NOT NULL,
	`fingerprint` text NOT NULL,
	`matches` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `announcement_subscriptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`guild_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`role_id` text,
	`leads` text NOT NULL,
	`recap` integer NOT NULL,
	`enabled` integer NOT NULL,
	`disabled_reason` text,
	`disabled_at` integer,
	`consecutive_permission_failures` integer DEFAULT 0 NOT NULL,
	`active_from` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "announcement_subscriptions_guild_check" CHECK("announcement_subscriptions"."guild_id" glob '[0-9]*' and length("announcement_subscriptions"."guild_id") between 1 and 20),
	CONSTRAINT "announcement_subscriptions_channel_check" CHECK("announcement_subscriptions"."channel_id" glob '[0-9]*' and length("announcement_subscriptions"."channel_id") between 1 and 20),
	CONSTRAINT "announcement_subscriptions_role_check" CHECK("announcement_subscriptions"."role_id" is null or ("announcement_subscriptions"."role_id" glob '[0-9]*' and length("announcement_subscriptions"."role_id") between 1 and 20)),
	CONSTRAINT "announcement_subscriptions_leads_check" CHECK(json_valid("announcement_subscriptions"."leads") and json_type("announcement_subscriptions"."leads") = 'array'),
	CONSTRAINT "announcement_subscriptions_failures_check" CHECK("announcement_subscriptions"."consecutive_permission_failures" >= 0),
	CONSTRAINT "announcement_subscriptions_disabled_check" CHECK("announcement_subscriptions"."enabled" = 1 or "announcement_subscriptions"."disabled_reason" is not null)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `announcement_subscriptions_guild_channel_uq` ON `announcement_subscriptions` (`guild_id`,`channel_id`);