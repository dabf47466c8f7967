CREATE TABLE `edit_journal` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`season_id` text NOT NULL,
	`match_id` text,
	`action` text NOT NULL,
	`editor_id` text NOT NULL,
	`editor_name` text NOT NULL,
	`guild_id` text NOT NULL,
	`at` integer NOT NULL,
	`before` text NOT NULL,
	`after` text NOT NULL,
	`source` text NOT NULL,
	`reason` text,
	`undoes` integer,
	FOREIGN KEY (`undoes`) REFERENCES `edit_journal`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "edit_journal_action_check" CHECK("edit_journal"."action" in ('result', 'goal', 'kickoff', 'status', 'fixture', 'season_new', 'undo')),
	CONSTRAINT "edit_journal_editor_check" CHECK("edit_journal"."editor_id" glob '[0-9]*' and length("edit_journal"."editor_id") between 1 and 20),
	CONSTRAINT "edit_journal_guild_check" CHECK("edit_journal"."guild_id" glob '[0-9]*' and length("edit_journal"."guild_id") between 1 and 20),
	CONSTRAINT "edit_journal_source_check" CHECK(length(trim("edit_journal"."source")) between 1 and 500),
	CONSTRAINT "edit_journal_before_check" CHECK(json_valid("edit_journal"."before") and json_type("edit_journal"."before") = 'object'),
	CONSTRAINT "edit_journal_after_check" CHECK(json_valid("edit_journal"."after") and json_type("edit_journal"."after") = 'object'),
	CONSTRAINT "edit_journal_undo_check" CHECK(("edit_journal"."action" = 'undo') = ("edit_journal"."undoes" is not null))
);
--> statement-breakpoint
CREATE INDEX `edit_journal_season_match_idx` ON `edit_journal` (`season_id`,`match_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `edit_journal_undoes_uq` ON `edit_journal` (`undoes`);--> statement-breakpoint
CREATE TABLE `fact_sightings` (
	`season_id` text NOT NULL,
	`match_id` text NOT NULL,
	`fact` text NOT NULL,
	`value` text NOT NULL,
	`known_at` integer NOT NULL,
	PRIMARY KEY(`season_id`, `match_id`, `fact`)
);
--> statement-breakpoint
CREATE INDEX `fact_sightings_known_idx` ON `fact_sightings` (`season_id`,`known_at`);--> statement-breakpoint
CREATE TABLE `season_bases` (
	`season_id` text PRIMARY KEY NOT NULL,
	`origin` text NOT NULL,
	`body` text NOT NULL,
	`hash` text NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "season_bases_origin_check" CHECK("season_bases"."origin" in ('file', 'source', 'editor')),
	CONSTRAINT "season_bases_body_check" CHECK(json_valid("season_bases"."body") and json_type("season_bases"."body") = 'object')
);
--> statement-breakpoint
CREATE TABLE `season_overrides` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`season_id` text NOT NULL,
	`match_id` text NOT NULL,
	`field` text NOT NULL,
	`value` text NOT NULL,
	`journal_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`retired_at` integer,
	FOREIGN KEY (`journal_id`) REFERENCES `edit_journal`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "season_overrides_value_check" CHECK(json_valid("season_overrides"."value"))
);
--> statement-breakpoint
CREATE INDEX `season_overrides_match_idx` ON `season_overrides` (`season_id`,`match_id`,`field`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_groups` (
	`season_id` text NOT NULL,
	`id` text NOT NULL,
	`ordinal` integer NOT NULL,
	PRIMARY KEY(`season_id`, `id`),
	FOREIGN KEY (`season_id`) REFERENCES `seasons`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "groups_id_check" CHECK(length("__new_groups"."id") between 1 and 40)
);
--> statement-breakpoint
INSERT INTO `__new_groups`("season_id", "id", "ordinal") SELECT "season_id", "id", "ordinal" FROM `groups`;--> statement-breakpoint
DROP TABLE `groups`;--> statement-breakpoint
ALTER TABLE `__new_groups` RENAME TO `groups`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `groups_season_ordinal_unique` ON `groups` (`season_id`,`ordinal`);--> statement-breakpoint
CREATE TABLE `__new_matches` (
	`season_id` text NOT NULL,
	`id` text NOT NULL,
	`ordinal` integer NOT NULL,
	`stage` text NOT NULL,
	`round_id` text,
	`group_id` text,
	`matchday` integer,
	`tie` integer,
	`leg` integer,
	`date` text,
	`kickoff_at` integer,
	`kickoff_alternatives` text DEFAULT '[]' NOT NULL,
	`venue` text,
	`home_team_id` text NOT NULL,
	`away_team_id` text NOT NULL,
	`status` text NOT NULL,
	`result_not_published` integer DEFAULT false NOT NULL,
	`score_home` integer,
	`score_away` integer,
	`extra_time` integer NOT NULL,
	`penalties_home` integer,
	`penalties_away` integer,
	`decision_winner_id` text,
	`decision_score_home` integer,
	`decision_score_away` integer,
	`decision_reason` text,
	`decision_decided_on` text,
	`referee` text,
	`attendance` integer,
	`red_cards_recorded` integer DEFAULT false NOT NULL,
	`note` text,
	`sources` text NOT NULL,
	PRIMARY KEY(`season_id`, `id`),
	FOREIGN KEY (`season_id`) REFERENCES `seasons`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`season_id`,`stage`) REFERENCES `stages`(`season_id`,`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`season_id`,`round_id`) REFERENCES `rounds`(`season_id`,`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`season_id`,`group_id`) REFERENCES `groups`(`season_id`,`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`season_id`,`home_team_id`) REFERENCES `teams`(`season_id`,`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`season_id`,`away_team_id`) REFERENCES `teams`(`season_id`,`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`season_id`,`decision_winner_id`) REFERENCES `teams`(`season_id`,`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "matches_status_check" CHECK("__new_matches"."status" in ('scheduled', 'played', 'awarded', 'walkover', 'postponed', 'cancelled')),
	CONSTRAINT "matches_teams_differ_check" CHECK("__new_matches"."home_team_id" <> "__new_matches"."away_team_id"),
	CONSTRAINT "matches_leg_check" CHECK("__new_matches"."leg" is null or "__new_matches"."leg" in (1, 2)),
	CONSTRAINT "matches_matchday_check" CHECK("__new_matches"."matchday" is null or "__new_matches"."matchday" between 1 and 38),
	CONSTRAINT "matches_date_check" CHECK("__new_matches"."date" is null or "__new_matches"."date" glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "matches_score_check" CHECK(("__new_matches"."score_home" is null) = ("__new_matches"."score_away" is null)),
	CONSTRAINT "matches_penalties_check" CHECK(("__new_matches"."penalties_home" is null) = ("__new_matches"."penalties_away" is null)),
	CONSTRAINT "matches_decision_score_check" CHECK(("__new_matches"."decision_score_home" is null) = ("__new_matches"."decision_score_away" is null)),
	CONSTRAINT "matches_decision_reason_check" CHECK(("__new_matches"."decision_winner_id" is null) = ("__new_matches"."decision_reason" is null)),
	CONSTRAINT "matches_decision_status_check" CHECK(("__new_matches"."decision_winner_id" is not null) = ("__new_matches"."status" in ('awarded', 'walkover'))),
	CONSTRAINT "matches_sources_check" CHECK(json_valid("__new_matches"."sources") and json_type("__new_matches"."sources") = 'array')
);
--> statement-breakpoint
INSERT INTO `__new_matches`("season_id", "id", "ordinal", "stage", "round_id", "group_id", "matchday", "tie", "leg", "date", "kickoff_at", "kickoff_alternatives", "venue", "home_team_id", "away_team_id", "status", "result_not_published", "score_home", "score_away", "extra_time", "penalties_home", "penalties_away", "decision_winner_id", "decision_score_home", "decision_score_away", "decision_reason", "decision_decided_on", "referee", "attendance", "red_cards_recorded", "note", "sources") SELECT "season_id", "id", "ordinal", "stage", "round_id", "group_id", "matchday", "tie", "leg", "date", "kickoff_at", "kickoff_alternatives", "venue", "home_team_id", "away_team_id", "status", "result_not_published", "score_home", "score_away", "extra_time", "penalties_home", "penalties_away", "decision_winner_id", "decision_score_home", "decision_score_away", "decision_reason", "decision_decided_on", "referee", "attendance", "red_cards_recorded", "note", "sources" FROM `matches`;--> statement-breakpoint
DROP TABLE `matches`;--> statement-breakpoint
ALTER TABLE `__new_matches` RENAME TO `matches`;--> statement-breakpoint
CREATE INDEX `matches_stage_idx` ON `matches` (`season_id`,`stage`,`tie`,`leg`);--> statement-breakpoint
CREATE INDEX `matches_round_idx` ON `matches` (`season_id`,`round_id`);--> statement-breakpoint
CREATE INDEX `matches_group_idx` ON `matches` (`season_id`,`group_id`,`matchday`);--> statement-breakpoint
CREATE INDEX `matches_home_idx` ON `matches` (`season_id`,`home_team_id`);--> statement-breakpoint
CREATE INDEX `matches_away_idx` ON `matches` (`season_id`,`away_team_id`);--> statement-breakpoint
CREATE INDEX `matches_kickoff_idx` ON `matches` (`kickoff_at`);--> statement-breakpoint
CREATE INDEX `matches_date_idx` ON `matches` (`date`);--> statement-breakpoint
CREATE UNIQUE INDEX `matches_season_ordinal_unique` ON `matches` (`season_id`,`ordinal`);--> statement-breakpoint
CREATE TABLE `__new_rounds` (
	`season_id` text NOT NULL,
	`id` text NOT NULL,
	`ordinal` integer NOT NULL,
	`stage` text NOT NULL,
	`matchday` integer,
	`leg` integer,
	`name` text NOT NULL,
	PRIMARY KEY(`season_id`, `id`),
	FOREIGN KEY (`season_id`) REFERENCES `seasons`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`season_id`,`stage`) REFERENCES `stages`(`season_id`,`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "rounds_leg_check" CHECK("__new_rounds"."leg" is null or "__new_rounds"."leg" in (1, 2)),
	CONSTRAINT "rounds_matchday_check" CHECK("__new_rounds"."matchday" is null or "__new_rounds"."matchday" between 1 and 38),
	CONSTRAINT "rounds_leg_or_matchday_check" CHECK("__new_rounds"."leg" is null or "__new_rounds"."matchday" is null)
);
--> statement-breakpoint
INSERT INTO `__new_rounds`("season_id", "id", "ordinal", "stage", "matchday", "leg", "name") SELECT "season_id", "id", "ordinal", "stage", "matchday", "leg", "name" FROM `rounds`;--> statement-breakpoint
DROP TABLE `rounds`;--> statement-breakpoint
ALTER TABLE `__new_rounds` RENAME TO `rounds`;--> statement-breakpoint
CREATE INDEX `rounds_stage_idx` ON `rounds` (`season_id`,`stage`);--> statement-breakpoint
CREATE UNIQUE INDEX `rounds_season_ordinal_unique` ON `rounds` (`season_id`,`ordinal`);--> statement-breakpoint
CREATE TABLE `__new_stages` (
	`season_id` text NOT NULL,
	`code` text NOT NULL,
	`ordinal` integer NOT NULL,
	`name` text NOT NULL,
	`format` text NOT NULL,
	PRIMARY KEY(`season_id`, `code`),
	FOREIGN KEY (`season_id`) REFERENCES `seasons`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "stages_code_check" CHECK("__new_stages"."code" glob '[a-z]*' and "__new_stages"."code" not glob '*[^a-z0-9_]*' and length("__new_stages"."code") <= 40),
	CONSTRAINT "stages_format_check" CHECK("__new_stages"."format" in ('two_legged', 'round_robin', 'single_leg'))
);
--> statement-breakpoint
INSERT INTO `__new_stages`("season_id", "code", "ordinal", "name", "format") SELECT "season_id", "code", "ordinal", "name", "format" FROM `stages`;--> statement-breakpoint
DROP TABLE `stages`;--> statement-breakpoint
ALTER TABLE `__new_stages` RENAME TO `stages`;--> statement-breakpoint
CREATE UNIQUE INDEX `stages_season_ordinal_unique` ON `stages` (`season_id`,`ordinal`);--> statement-breakpoint
CREATE TABLE `__new_teams` (
	`season_id` text NOT NULL,
	`id` text NOT NULL,
	`ordinal` integer NOT NULL,
	`name` text NOT NULL,
	`short_name` text,
	`association` text NOT NULL,
	`qualifying_method` text,
	`entry_stage` text NOT NULL,
	`note` text,
	`sources` text NOT NULL,
	PRIMARY KEY(`season_id`, `id`),
	FOREIGN KEY (`season_id`) REFERENCES `seasons`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`season_id`,`association`) REFERENCES `associations`(`season_id`,`name`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`season_id`,`entry_stage`) REFERENCES `stages`(`season_id`,`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "teams_entry_stage_check" CHECK("__new_teams"."entry_stage" glob '[a-z]*' and "__new_teams"."entry_stage" not glob '*[^a-z0-9_]*' and length("__new_teams"."entry_stage") <= 40),
	CONSTRAINT "teams_sources_check" CHECK(json_valid("__new_teams"."sources") and json_type("__new_teams"."sources") = 'array')
);
--> statement-breakpoint
INSERT INTO `__new_teams`("season_id", "id", "ordinal", "name", "short_name", "association", "qualifying_method", "entry_stage", "note", "sources") SELECT "season_id", "id", "ordinal", "name", "short_name", "association", "qualifying_method", "entry_stage", "note", "sources" FROM `teams`;--> statement-breakpoint
DROP TABLE `teams`;--> statement-breakpoint
ALTER TABLE `__new_teams` RENAME TO `teams`;--> statement-breakpoint
CREATE INDEX `teams_name_idx` ON `teams` (`name`);--> statement-breakpoint
CREATE INDEX `teams_association_idx` ON `teams` (`season_id`,`association`);--> statement-breakpoint
CREATE UNIQUE INDEX `teams_season_ordinal_unique` ON `teams` (`season_id`,`ordinal`);