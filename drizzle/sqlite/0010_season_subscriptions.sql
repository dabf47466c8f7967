-- Announcements per season: a subscription is (guild, channel, season), the outbox key and the round
-- snapshots gain the season, and a server may choose its default season. Every row made before this
-- belongs to the CAF Confederation Cup 2023-24 (the one season the bot held): the new columns default
-- to 'caf-cc-2023-24', so sent posts keep their keys and are never planned again. Edited by hand
-- after drizzle-kit: its copy of announcement_rounds selected a season_id the old table does not have.
CREATE TABLE `guild_default_seasons` (
	`guild_id` text PRIMARY KEY NOT NULL,
	`season_id` text NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "guild_default_seasons_guild_check" CHECK("guild_default_seasons"."guild_id" glob '[0-9]*' and length("guild_default_seasons"."guild_id") between 1 and 20)
);
--> statement-breakpoint
DROP INDEX `announcement_subscriptions_guild_channel_uq`;--> statement-breakpoint
ALTER TABLE `announcement_subscriptions` ADD `season_id` text DEFAULT 'caf-cc-2023-24' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `announcement_subscriptions_guild_channel_season_uq` ON `announcement_subscriptions` (`guild_id`,`channel_id`,`season_id`);--> statement-breakpoint
DROP INDEX `announcement_outbox_key_uq`;--> statement-breakpoint
ALTER TABLE `announcement_outbox` ADD `season_id` text DEFAULT 'caf-cc-2023-24' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `announcement_outbox_key_uq` ON `announcement_outbox` (`guild_id`,`channel_id`,`season_id`,`kind`,`round_key`,`slot`,`club`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_announcement_rounds` (
	`season_id` text DEFAULT 'caf-cc-2023-24' NOT NULL,
	`round_key` text NOT NULL,
	`fingerprint` text NOT NULL,
	`matches` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`season_id`, `round_key`)
);
--> statement-breakpoint
INSERT INTO `__new_announcement_rounds`("season_id", "round_key", "fingerprint", "matches", "updated_at") SELECT 'caf-cc-2023-24', "round_key", "fingerprint", "matches", "updated_at" FROM `announcement_rounds`;--> statement-breakpoint
DROP TABLE `announcement_rounds`;--> statement-breakpoint
ALTER TABLE `__new_announcement_rounds` RENAME TO `announcement_rounds`;--> statement-breakpoint
PRAGMA foreign_keys=ON;