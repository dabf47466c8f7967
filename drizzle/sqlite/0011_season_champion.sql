-- The champion stays a team of its season (the season file's parser checks it) without a foreign key:
-- teams point at their season (0009), and a key back made a cycle no copy order satisfies (db:copy).
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_seasons` (
	`id` text PRIMARY KEY NOT NULL,
	`competition_id` text NOT NULL,
	`name` text NOT NULL,
	`label` text NOT NULL,
	`as_of` text NOT NULL,
	`stale_after_days` integer DEFAULT 21 NOT NULL,
	`end_date` text,
	`champion_team_id` text,
	FOREIGN KEY (`competition_id`) REFERENCES `competitions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "seasons_as_of_check" CHECK("__new_seasons"."as_of" glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "seasons_end_date_check" CHECK("__new_seasons"."end_date" is null or "__new_seasons"."end_date" glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "seasons_stale_after_check" CHECK("__new_seasons"."stale_after_days" >= 1)
);
--> statement-breakpoint
INSERT INTO `__new_seasons`("id", "competition_id", "name", "label", "as_of", "stale_after_days", "end_date", "champion_team_id") SELECT "id", "competition_id", "name", "label", "as_of", "stale_after_days", "end_date", "champion_team_id" FROM `seasons`;--> statement-breakpoint
DROP TABLE `seasons`;--> statement-breakpoint
ALTER TABLE `__new_seasons` RENAME TO `seasons`;--> statement-breakpoint
PRAGMA foreign_keys=ON;