DROP INDEX `announcement_outbox_key_uq`;--> statement-breakpoint
ALTER TABLE `announcement_outbox` ADD `club` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `announcement_outbox_key_uq` ON `announcement_outbox` (`guild_id`,`channel_id`,`kind`,`round_key`,`slot`,`club`);--> statement-breakpoint
ALTER TABLE `announcement_subscriptions` ADD `team_id` text;