CREATE TABLE `red_cards` (
	`match_id` text NOT NULL,
	`ordinal` integer NOT NULL,
	`team_id` text NOT NULL,
	`player` text,
	`minute` text,
	PRIMARY KEY(`match_id`, `ordinal`),
	FOREIGN KEY (`match_id`) REFERENCES `matches`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `red_cards_team_idx` ON `red_cards` (`team_id`);--> statement-breakpoint
ALTER TABLE `associations` ADD `short_name` text;--> statement-breakpoint
ALTER TABLE `associations` ADD `rank_dispute` text;--> statement-breakpoint
ALTER TABLE `associations` ADD `rank_confidence` text DEFAULT 'sourced' NOT NULL;--> statement-breakpoint
ALTER TABLE `matches` ADD `kickoff_alternatives` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `matches` ADD `result_not_published` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `matches` ADD `decision_decided_on` text;--> statement-breakpoint
ALTER TABLE `matches` ADD `referee` text;--> statement-breakpoint
ALTER TABLE `matches` ADD `attendance` integer;--> statement-breakpoint
ALTER TABLE `matches` ADD `red_cards_recorded` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `teams` ADD `short_name` text;