-- Every per-season table gains season_id (in its key, unique constraints and foreign keys), so
-- several seasons live side by side. Edited by hand after drizzle-kit: its table copies select a
-- season_id the old tables do not have; they take the id of the one season the database held
-- (before 0009 an import replaced every season table, so there is at most one). The shipped
-- season's old id `2023-24` becomes `caf-cc-2023-24`, the id its file now has, everywhere it is
-- stored; the season's label is taken from it and staleAfter gets its default (21 days).
UPDATE `seasons` SET `id` = 'caf-cc-2023-24' WHERE `id` = '2023-24';--> statement-breakpoint
UPDATE `ranking_criteria` SET `season_id` = 'caf-cc-2023-24' WHERE `season_id` = '2023-24';--> statement-breakpoint
UPDATE `printed_totals` SET `season_id` = 'caf-cc-2023-24' WHERE `season_id` = '2023-24';--> statement-breakpoint
UPDATE `data_imports` SET `season_id` = 'caf-cc-2023-24' WHERE `season_id` = '2023-24';--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_calendar_entries` (
	`season_id` text NOT NULL,
	`id` text NOT NULL,
	`ordinal` integer NOT NULL,
	`phase` text NOT NULL,
	`round` text NOT NULL,
	`kind` text NOT NULL,
	`stage` text,
	`matchday` integer,
	`leg` integer,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`note` text,
	`sources` text NOT NULL,
	PRIMARY KEY(`season_id`, `id`),
	FOREIGN KEY (`season_id`) REFERENCES `seasons`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`season_id`,`stage`) REFERENCES `stages`(`season_id`,`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "calendar_entries_kind_check" CHECK("__new_calendar_entries"."kind" in ('draw', 'matchday', 'leg')),
	CONSTRAINT "calendar_entries_leg_check" CHECK("__new_calendar_entries"."leg" is null or "__new_calendar_entries"."leg" in (1, 2)),
	CONSTRAINT "calendar_entries_dates_check" CHECK("__new_calendar_entries"."start_date" glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' and "__new_calendar_entries"."end_date" glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' and "__new_calendar_entries"."end_date" >= "__new_calendar_entries"."start_date"),
	CONSTRAINT "calendar_entries_sources_check" CHECK(json_valid("__new_calendar_entries"."sources") and json_type("__new_calendar_entries"."sources") = 'array')
);
--> statement-breakpoint
INSERT INTO `__new_calendar_entries`("season_id", "id", "ordinal", "phase", "round", "kind", "stage", "matchday", "leg", "start_date", "end_date", "note", "sources") SELECT coalesce((SELECT "id" FROM "seasons" ORDER BY "id" LIMIT 1), 'caf-cc-2023-24'), "id", "ordinal", "phase", "round", "kind", "stage", "matchday", "leg", "start_date", "end_date", "note", "sources" FROM `calendar_entries`;--> statement-breakpoint
DROP TABLE `calendar_entries`;--> statement-breakpoint
ALTER TABLE `__new_calendar_entries` RENAME TO `calendar_entries`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `calendar_entries_start_idx` ON `calendar_entries` (`start_date`);--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_entries_season_ordinal_unique` ON `calendar_entries` (`season_id`,`ordinal`);--> statement-breakpoint
CREATE TABLE `__new_goals` (
	`season_id` text NOT NULL,
	`match_id` text NOT NULL,
	`ordinal` integer NOT NULL,
	`team_id` text NOT NULL,
	`player` text,
	`minute` text,
	`type` text NOT NULL,
	PRIMARY KEY(`season_id`, `match_id`, `ordinal`),
	FOREIGN KEY (`season_id`) REFERENCES `seasons`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`season_id`,`match_id`) REFERENCES `matches`(`season_id`,`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`season_id`,`team_id`) REFERENCES `teams`(`season_id`,`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "goals_type_check" CHECK("__new_goals"."type" in ('regular', 'penalty', 'own_goal'))
);
--> statement-breakpoint
INSERT INTO `__new_goals`("season_id", "match_id", "ordinal", "team_id", "player", "minute", "type") SELECT coalesce((SELECT "id" FROM "seasons" ORDER BY "id" LIMIT 1), 'caf-cc-2023-24'), "match_id", "ordinal", "team_id", "player", "minute", "type" FROM `goals`;--> statement-breakpoint
DROP TABLE `goals`;--> statement-breakpoint
ALTER TABLE `__new_goals` RENAME TO `goals`;--> statement-breakpoint
CREATE INDEX `goals_team_idx` ON `goals` (`season_id`,`team_id`);--> statement-breakpoint
CREATE INDEX `goals_player_idx` ON `goals` (`player`);--> statement-breakpoint
CREATE TABLE `__new_group_members` (
	`season_id` text NOT NULL,
	`team_id` text NOT NULL,
	`group_id` text NOT NULL,
	PRIMARY KEY(`season_id`, `team_id`),
	FOREIGN KEY (`season_id`) REFERENCES `seasons`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`season_id`,`team_id`) REFERENCES `teams`(`season_id`,`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`season_id`,`group_id`) REFERENCES `groups`(`season_id`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_group_members`("season_id", "team_id", "group_id") SELECT coalesce((SELECT "id" FROM "seasons" ORDER BY "id" LIMIT 1), 'caf-cc-2023-24'), "team_id", "group_id" FROM `group_members`;--> statement-breakpoint
DROP TABLE `group_members`;--> statement-breakpoint
ALTER TABLE `__new_group_members` RENAME TO `group_members`;--> statement-breakpoint
CREATE INDEX `group_members_group_idx` ON `group_members` (`season_id`,`group_id`);--> statement-breakpoint
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
	CONSTRAINT "matches_matchday_check" CHECK("__new_matches"."matchday" is null or "__new_matches"."matchday" between 1 and 6),
	CONSTRAINT "matches_date_check" CHECK("__new_matches"."date" is null or "__new_matches"."date" glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "matches_score_check" CHECK(("__new_matches"."score_home" is null) = ("__new_matches"."score_away" is null)),
	CONSTRAINT "matches_penalties_check" CHECK(("__new_matches"."penalties_home" is null) = ("__new_matches"."penalties_away" is null)),
	CONSTRAINT "matches_decision_score_check" CHECK(("__new_matches"."decision_score_home" is null) = ("__new_matches"."decision_score_away" is null)),
	CONSTRAINT "matches_decision_reason_check" CHECK(("__new_matches"."decision_winner_id" is null) = ("__new_matches"."decision_reason" is null)),
	CONSTRAINT "matches_decision_status_check" CHECK(("__new_matches"."decision_winner_id" is not null) = ("__new_matches"."status" in ('awarded', 'walkover'))),
	CONSTRAINT "matches_sources_check" CHECK(json_valid("__new_matches"."sources") and json_type("__new_matches"."sources") = 'array')
);
--> statement-breakpoint
INSERT INTO `__new_matches`("season_id", "id", "ordinal", "stage", "round_id", "group_id", "matchday", "tie", "leg", "date", "kickoff_at", "kickoff_alternatives", "venue", "home_team_id", "away_team_id", "status", "result_not_published", "score_home", "score_away", "extra_time", "penalties_home", "penalties_away", "decision_winner_id", "decision_score_home", "decision_score_away", "decision_reason", "decision_decided_on", "referee", "attendance", "red_cards_recorded", "note", "sources") SELECT coalesce((SELECT "id" FROM "seasons" ORDER BY "id" LIMIT 1), 'caf-cc-2023-24'), "id", "ordinal", "stage", "round_id", "group_id", "matchday", "tie", "leg", "date", "kickoff_at", "kickoff_alternatives", "venue", "home_team_id", "away_team_id", "status", "result_not_published", "score_home", "score_away", "extra_time", "penalties_home", "penalties_away", "decision_winner_id", "decision_score_home", "decision_score_away", "decision_reason", "decision_decided_on", "referee", "attendance", "red_cards_recorded", "note", "sources" FROM `matches`;--> statement-breakpoint
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
CREATE TABLE `__new_red_cards` (
	`season_id` text NOT NULL,
	`match_id` text NOT NULL,
	`ordinal` integer NOT NULL,
	`team_id` text NOT NULL,
	`player` text,
	`minute` text,
	PRIMARY KEY(`season_id`, `match_id`, `ordinal`),
	FOREIGN KEY (`season_id`) REFERENCES `seasons`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`season_id`,`match_id`) REFERENCES `matches`(`season_id`,`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`season_id`,`team_id`) REFERENCES `teams`(`season_id`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_red_cards`("season_id", "match_id", "ordinal", "team_id", "player", "minute") SELECT coalesce((SELECT "id" FROM "seasons" ORDER BY "id" LIMIT 1), 'caf-cc-2023-24'), "match_id", "ordinal", "team_id", "player", "minute" FROM `red_cards`;--> statement-breakpoint
DROP TABLE `red_cards`;--> statement-breakpoint
ALTER TABLE `__new_red_cards` RENAME TO `red_cards`;--> statement-breakpoint
CREATE INDEX `red_cards_team_idx` ON `red_cards` (`season_id`,`team_id`);--> statement-breakpoint
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
	CONSTRAINT "rounds_matchday_check" CHECK("__new_rounds"."matchday" is null or "__new_rounds"."matchday" between 1 and 6),
	CONSTRAINT "rounds_leg_or_matchday_check" CHECK(("__new_rounds"."leg" is null) <> ("__new_rounds"."matchday" is null))
);
--> statement-breakpoint
INSERT INTO `__new_rounds`("season_id", "id", "ordinal", "stage", "matchday", "leg", "name") SELECT coalesce((SELECT "id" FROM "seasons" ORDER BY "id" LIMIT 1), 'caf-cc-2023-24'), "id", "ordinal", "stage", "matchday", "leg", "name" FROM `rounds`;--> statement-breakpoint
DROP TABLE `rounds`;--> statement-breakpoint
ALTER TABLE `__new_rounds` RENAME TO `rounds`;--> statement-breakpoint
CREATE INDEX `rounds_stage_idx` ON `rounds` (`season_id`,`stage`);--> statement-breakpoint
CREATE UNIQUE INDEX `rounds_season_ordinal_unique` ON `rounds` (`season_id`,`ordinal`);--> statement-breakpoint
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
	FOREIGN KEY (`id`,`champion_team_id`) REFERENCES `teams`(`season_id`,`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "seasons_as_of_check" CHECK("__new_seasons"."as_of" glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "seasons_end_date_check" CHECK("__new_seasons"."end_date" is null or "__new_seasons"."end_date" glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "seasons_stale_after_check" CHECK("__new_seasons"."stale_after_days" >= 1)
);
--> statement-breakpoint
INSERT INTO `__new_seasons`("id", "competition_id", "name", "label", "as_of", "stale_after_days", "end_date", "champion_team_id") SELECT "id", "competition_id", "name", CASE WHEN "id" = 'caf-cc-2023-24' THEN '2023-24' ELSE "id" END, "as_of", 21, NULL, "champion_team_id" FROM `seasons`;--> statement-breakpoint
DROP TABLE `seasons`;--> statement-breakpoint
ALTER TABLE `__new_seasons` RENAME TO `seasons`;--> statement-breakpoint
CREATE TABLE `__new_team_aliases` (
	`season_id` text NOT NULL,
	`team_id` text NOT NULL,
	`ordinal` integer NOT NULL,
	`alias` text NOT NULL,
	PRIMARY KEY(`season_id`, `team_id`, `ordinal`),
	FOREIGN KEY (`season_id`) REFERENCES `seasons`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`season_id`,`team_id`) REFERENCES `teams`(`season_id`,`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_team_aliases`("season_id", "team_id", "ordinal", "alias") SELECT coalesce((SELECT "id" FROM "seasons" ORDER BY "id" LIMIT 1), 'caf-cc-2023-24'), "team_id", "ordinal", "alias" FROM `team_aliases`;--> statement-breakpoint
DROP TABLE `team_aliases`;--> statement-breakpoint
ALTER TABLE `__new_team_aliases` RENAME TO `team_aliases`;--> statement-breakpoint
CREATE INDEX `team_aliases_alias_idx` ON `team_aliases` (`alias`);--> statement-breakpoint
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
	CONSTRAINT "teams_entry_stage_check" CHECK("__new_teams"."entry_stage" in ('first_round', 'second_round')),
	CONSTRAINT "teams_sources_check" CHECK(json_valid("__new_teams"."sources") and json_type("__new_teams"."sources") = 'array')
);
--> statement-breakpoint
INSERT INTO `__new_teams`("season_id", "id", "ordinal", "name", "short_name", "association", "qualifying_method", "entry_stage", "note", "sources") SELECT coalesce((SELECT "id" FROM "seasons" ORDER BY "id" LIMIT 1), 'caf-cc-2023-24'), "id", "ordinal", "name", "short_name", "association", "qualifying_method", "entry_stage", "note", "sources" FROM `teams`;--> statement-breakpoint
DROP TABLE `teams`;--> statement-breakpoint
ALTER TABLE `__new_teams` RENAME TO `teams`;--> statement-breakpoint
CREATE INDEX `teams_name_idx` ON `teams` (`name`);--> statement-breakpoint
CREATE INDEX `teams_association_idx` ON `teams` (`season_id`,`association`);--> statement-breakpoint
CREATE UNIQUE INDEX `teams_season_ordinal_unique` ON `teams` (`season_id`,`ordinal`);--> statement-breakpoint
CREATE TABLE `__new_associations` (
	`season_id` text NOT NULL,
	`name` text NOT NULL,
	`ordinal` integer NOT NULL,
	`short_name` text,
	`code` text,
	`rank` integer,
	`rank_dispute` text,
	`rank_confidence` text DEFAULT 'sourced' NOT NULL,
	`points` real,
	`entered` integer NOT NULL,
	`note` text,
	`sources` text NOT NULL,
	PRIMARY KEY(`season_id`, `name`),
	FOREIGN KEY (`season_id`) REFERENCES `seasons`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "associations_sources_check" CHECK(json_valid("__new_associations"."sources") and json_type("__new_associations"."sources") = 'array')
);
--> statement-breakpoint
INSERT INTO `__new_associations`("season_id", "name", "ordinal", "short_name", "code", "rank", "rank_dispute", "rank_confidence", "points", "entered", "note", "sources") SELECT coalesce((SELECT "id" FROM "seasons" ORDER BY "id" LIMIT 1), 'caf-cc-2023-24'), "name", "ordinal", "short_name", "code", "rank", "rank_dispute", "rank_confidence", "points", "entered", "note", "sources" FROM `associations`;--> statement-breakpoint
DROP TABLE `associations`;--> statement-breakpoint
ALTER TABLE `__new_associations` RENAME TO `associations`;--> statement-breakpoint
CREATE UNIQUE INDEX `associations_season_ordinal_unique` ON `associations` (`season_id`,`ordinal`);--> statement-breakpoint
CREATE UNIQUE INDEX `associations_season_code_unique` ON `associations` (`season_id`,`code`);--> statement-breakpoint
CREATE TABLE `__new_groups` (
	`season_id` text NOT NULL,
	`id` text NOT NULL,
	`ordinal` integer NOT NULL,
	PRIMARY KEY(`season_id`, `id`),
	FOREIGN KEY (`season_id`) REFERENCES `seasons`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "groups_id_check" CHECK("__new_groups"."id" in ('A', 'B', 'C', 'D'))
);
--> statement-breakpoint
INSERT INTO `__new_groups`("season_id", "id", "ordinal") SELECT coalesce((SELECT "id" FROM "seasons" ORDER BY "id" LIMIT 1), 'caf-cc-2023-24'), "id", "ordinal" FROM `groups`;--> statement-breakpoint
DROP TABLE `groups`;--> statement-breakpoint
ALTER TABLE `__new_groups` RENAME TO `groups`;--> statement-breakpoint
CREATE UNIQUE INDEX `groups_season_ordinal_unique` ON `groups` (`season_id`,`ordinal`);--> statement-breakpoint
CREATE TABLE `__new_stages` (
	`season_id` text NOT NULL,
	`code` text NOT NULL,
	`ordinal` integer NOT NULL,
	`name` text NOT NULL,
	`format` text NOT NULL,
	PRIMARY KEY(`season_id`, `code`),
	FOREIGN KEY (`season_id`) REFERENCES `seasons`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "stages_code_check" CHECK("__new_stages"."code" in ('first_round', 'second_round', 'group', 'quarter_final', 'semi_final', 'final')),
	CONSTRAINT "stages_format_check" CHECK("__new_stages"."format" in ('two_legged', 'round_robin'))
);
--> statement-breakpoint
INSERT INTO `__new_stages`("season_id", "code", "ordinal", "name", "format") SELECT coalesce((SELECT "id" FROM "seasons" ORDER BY "id" LIMIT 1), 'caf-cc-2023-24'), "code", "ordinal", "name", "format" FROM `stages`;--> statement-breakpoint
DROP TABLE `stages`;--> statement-breakpoint
ALTER TABLE `__new_stages` RENAME TO `stages`;--> statement-breakpoint
CREATE UNIQUE INDEX `stages_season_ordinal_unique` ON `stages` (`season_id`,`ordinal`);--> statement-breakpoint
CREATE TABLE `__new_source_notes` (
	`season_id` text NOT NULL,
	`kind` text NOT NULL,
	`ordinal` integer NOT NULL,
	`subject` text NOT NULL,
	`text` text NOT NULL,
	`sources` text NOT NULL,
	PRIMARY KEY(`season_id`, `kind`, `ordinal`),
	FOREIGN KEY (`season_id`) REFERENCES `seasons`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "source_notes_kind_check" CHECK("__new_source_notes"."kind" in ('conflict', 'gap')),
	CONSTRAINT "source_notes_sources_check" CHECK(json_valid("__new_source_notes"."sources") and json_type("__new_source_notes"."sources") = 'array')
);
--> statement-breakpoint
INSERT INTO `__new_source_notes`("season_id", "kind", "ordinal", "subject", "text", "sources") SELECT coalesce((SELECT "id" FROM "seasons" ORDER BY "id" LIMIT 1), 'caf-cc-2023-24'), "kind", "ordinal", "subject", "text", "sources" FROM `source_notes`;--> statement-breakpoint
DROP TABLE `source_notes`;--> statement-breakpoint
ALTER TABLE `__new_source_notes` RENAME TO `source_notes`;--> statement-breakpoint
CREATE INDEX `source_notes_subject_idx` ON `source_notes` (`subject`);--> statement-breakpoint
CREATE INDEX `data_imports_season_idx` ON `data_imports` (`season_id`,`id`);