CREATE TABLE `associations` (
	`name` text PRIMARY KEY NOT NULL,
	`ordinal` integer NOT NULL,
	`code` text,
	`rank` integer,
	`points` real,
	`entered` integer NOT NULL,
	`note` text,
	`sources` text NOT NULL,
	CONSTRAINT "associations_sources_check" CHECK(json_valid("associations"."sources") and json_type("associations"."sources") = 'array')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `associations_ordinal_unique` ON `associations` (`ordinal`);--> statement-breakpoint
CREATE UNIQUE INDEX `associations_code_unique` ON `associations` (`code`);--> statement-breakpoint
CREATE TABLE `calendar_entries` (
	`id` text PRIMARY KEY NOT NULL,
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
	FOREIGN KEY (`stage`) REFERENCES `stages`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "calendar_entries_kind_check" CHECK("calendar_entries"."kind" in ('draw', 'matchday', 'leg')),
	CONSTRAINT "calendar_entries_leg_check" CHECK("calendar_entries"."leg" is null or "calendar_entries"."leg" in (1, 2)),
	CONSTRAINT "calendar_entries_dates_check" CHECK("calendar_entries"."start_date" glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' and "calendar_entries"."end_date" glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' and "calendar_entries"."end_date" >= "calendar_entries"."start_date"),
	CONSTRAINT "calendar_entries_sources_check" CHECK(json_valid("calendar_entries"."sources") and json_type("calendar_entries"."sources") = 'array')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_entries_ordinal_unique` ON `calendar_entries` (`ordinal`);--> statement-breakpoint
CREATE INDEX `calendar_entries_start_idx` ON `calendar_entries` (`start_date`);--> statement-breakpoint
CREATE TABLE `competitions` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `competitions_name_unique` ON `competitions` (`name`);--> statement-breakpoint
CREATE TABLE `data_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`season_id` text NOT NULL,
	`content_hash` text NOT NULL,
	`imported_at` integer NOT NULL,
	`associations` integer NOT NULL,
	`teams` integer NOT NULL,
	`aliases` integer NOT NULL,
	`matches` integer NOT NULL,
	`goals` integer NOT NULL,
	`calendar_entries` integer NOT NULL,
	`conflicts` integer NOT NULL,
	`gaps` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `data_imports_imported_at_idx` ON `data_imports` (`imported_at`);--> statement-breakpoint
CREATE TABLE `goals` (
	`match_id` text NOT NULL,
	`ordinal` integer NOT NULL,
	`team_id` text NOT NULL,
	`player` text,
	`minute` text,
	`type` text NOT NULL,
	PRIMARY KEY(`match_id`, `ordinal`),
	FOREIGN KEY (`match_id`) REFERENCES `matches`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "goals_type_check" CHECK("goals"."type" in ('regular', 'penalty', 'own_goal'))
);
--> statement-breakpoint
CREATE INDEX `goals_team_idx` ON `goals` (`team_id`);--> statement-breakpoint
CREATE INDEX `goals_player_idx` ON `goals` (`player`);--> statement-breakpoint
CREATE TABLE `group_members` (
	`team_id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `group_members_group_idx` ON `group_members` (`group_id`);--> statement-breakpoint
CREATE TABLE `groups` (
	`id` text PRIMARY KEY NOT NULL,
	`ordinal` integer NOT NULL,
	CONSTRAINT "groups_id_check" CHECK("groups"."id" in ('A', 'B', 'C', 'D'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `groups_ordinal_unique` ON `groups` (`ordinal`);--> statement-breakpoint
CREATE TABLE `matches` (
	`id` text PRIMARY KEY NOT NULL,
	`ordinal` integer NOT NULL,
	`stage` text NOT NULL,
	`round_id` text,
	`group_id` text,
	`matchday` integer,
	`tie` integer,
	`leg` integer,
	`date` text,
	`kickoff_at` integer,
	`venue` text,
	`home_team_id` text NOT NULL,
	`away_team_id` text NOT NULL,
	`status` text NOT NULL,
	`score_home` integer,
	`score_away` integer,
	`extra_time` integer NOT NULL,
	`penalties_home` integer,
	`penalties_away` integer,
	`decision_winner_id` text,
	`decision_score_home` integer,
	`decision_score_away` integer,
	`decision_reason` text,
	`note` text,
	`sources` text NOT NULL,
	FOREIGN KEY (`stage`) REFERENCES `stages`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`home_team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`away_team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decision_winner_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "matches_status_check" CHECK("matches"."status" in ('scheduled', 'played', 'awarded', 'walkover', 'postponed', 'cancelled')),
	CONSTRAINT "matches_teams_differ_check" CHECK("matches"."home_team_id" <> "matches"."away_team_id"),
	CONSTRAINT "matches_leg_check" CHECK("matches"."leg" is null or "matches"."leg" in (1, 2)),
	CONSTRAINT "matches_matchday_check" CHECK("matches"."matchday" is null or "matches"."matchday" between 1 and 6),
	CONSTRAINT "matches_date_check" CHECK("matches"."date" is null or "matches"."date" glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "matches_score_check" CHECK(("matches"."score_home" is null) = ("matches"."score_away" is null)),
	CONSTRAINT "matches_penalties_check" CHECK(("matches"."penalties_home" is null) = ("matches"."penalties_away" is null)),
	CONSTRAINT "matches_decision_score_check" CHECK(("matches"."decision_score_home" is null) = ("matches"."decision_score_away" is null)),
	CONSTRAINT "matches_decision_reason_check" CHECK(("matches"."decision_winner_id" is null) = ("matches"."decision_reason" is null)),
	CONSTRAINT "matches_decision_status_check" CHECK(("matches"."decision_winner_id" is not null) = ("matches"."status" in ('awarded', 'walkover'))),
	CONSTRAINT "matches_sources_check" CHECK(json_valid("matches"."sources") and json_type("matches"."sources") = 'array')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `matches_ordinal_unique` ON `matches` (`ordinal`);--> statement-breakpoint
CREATE INDEX `matches_stage_idx` ON `matches` (`stage`,`tie`,`leg`);--> statement-breakpoint
CREATE INDEX `matches_round_idx` ON `matches` (`round_id`);--> statement-breakpoint
CREATE INDEX `matches_group_idx` ON `matches` (`group_id`,`matchday`);--> statement-breakpoint
CREATE INDEX `matches_home_idx` ON `matches` (`home_team_id`);--> statement-breakpoint
CREATE INDEX `matches_away_idx` ON `matches` (`away_team_id`);--> statement-breakpoint
CREATE INDEX `matches_kickoff_idx` ON `matches` (`kickoff_at`);--> statement-breakpoint
CREATE INDEX `matches_date_idx` ON `matches` (`date`);--> statement-breakpoint
CREATE TABLE `printed_totals` (
	`season_id` text PRIMARY KEY NOT NULL,
	`matches` integer NOT NULL,
	`goals` integer NOT NULL,
	`group_matches` integer NOT NULL,
	`group_goals` integer NOT NULL,
	`note` text,
	`sources` text NOT NULL,
	FOREIGN KEY (`season_id`) REFERENCES `seasons`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "printed_totals_sources_check" CHECK(json_valid("printed_totals"."sources") and json_type("printed_totals"."sources") = 'array')
);
--> statement-breakpoint
CREATE TABLE `ranking_criteria` (
	`season_id` text PRIMARY KEY NOT NULL,
	`winners` real NOT NULL,
	`runners_up` real NOT NULL,
	`semi_finalists` real NOT NULL,
	`quarter_finalists` real NOT NULL,
	`group_third` real NOT NULL,
	`group_fourth` real NOT NULL,
	`season_coefficient` real NOT NULL,
	`note` text,
	`sources` text NOT NULL,
	FOREIGN KEY (`season_id`) REFERENCES `seasons`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "ranking_criteria_sources_check" CHECK(json_valid("ranking_criteria"."sources") and json_type("ranking_criteria"."sources") = 'array')
);
--> statement-breakpoint
CREATE TABLE `rounds` (
	`id` text PRIMARY KEY NOT NULL,
	`ordinal` integer NOT NULL,
	`stage` text NOT NULL,
	`matchday` integer,
	`leg` integer,
	`name` text NOT NULL,
	FOREIGN KEY (`stage`) REFERENCES `stages`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "rounds_leg_check" CHECK("rounds"."leg" is null or "rounds"."leg" in (1, 2)),
	CONSTRAINT "rounds_matchday_check" CHECK("rounds"."matchday" is null or "rounds"."matchday" between 1 and 6),
	CONSTRAINT "rounds_leg_or_matchday_check" CHECK(("rounds"."leg" is null) <> ("rounds"."matchday" is null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rounds_ordinal_unique` ON `rounds` (`ordinal`);--> statement-breakpoint
CREATE INDEX `rounds_stage_idx` ON `rounds` (`stage`);--> statement-breakpoint
CREATE TABLE `seasons` (
	`id` text PRIMARY KEY NOT NULL,
	`competition_id` text NOT NULL,
	`name` text NOT NULL,
	`as_of` text NOT NULL,
	`champion_team_id` text,
	FOREIGN KEY (`competition_id`) REFERENCES `competitions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`champion_team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "seasons_as_of_check" CHECK("seasons"."as_of" glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
CREATE TABLE `source_notes` (
	`kind` text NOT NULL,
	`ordinal` integer NOT NULL,
	`subject` text NOT NULL,
	`text` text NOT NULL,
	`sources` text NOT NULL,
	PRIMARY KEY(`kind`, `ordinal`),
	CONSTRAINT "source_notes_kind_check" CHECK("source_notes"."kind" in ('conflict', 'gap')),
	CONSTRAINT "source_notes_sources_check" CHECK(json_valid("source_notes"."sources") and json_type("source_notes"."sources") = 'array')
);
--> statement-breakpoint
CREATE INDEX `source_notes_subject_idx` ON `source_notes` (`subject`);--> statement-breakpoint
CREATE TABLE `stages` (
	`code` text PRIMARY KEY NOT NULL,
	`ordinal` integer NOT NULL,
	`name` text NOT NULL,
	`format` text NOT NULL,
	CONSTRAINT "stages_code_check" CHECK("stages"."code" in ('first_round', 'second_round', 'group', 'quarter_final', 'semi_final', 'final')),
	CONSTRAINT "stages_format_check" CHECK("stages"."format" in ('two_legged', 'round_robin'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stages_ordinal_unique` ON `stages` (`ordinal`);--> statement-breakpoint
CREATE TABLE `team_aliases` (
	`team_id` text NOT NULL,
	`ordinal` integer NOT NULL,
	`alias` text NOT NULL,
	PRIMARY KEY(`team_id`, `ordinal`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `team_aliases_alias_idx` ON `team_aliases` (`alias`);--> statement-breakpoint
CREATE TABLE `teams` (
	`id` text PRIMARY KEY NOT NULL,
	`ordinal` integer NOT NULL,
	`name` text NOT NULL,
	`association` text NOT NULL,
	`qualifying_method` text,
	`entry_stage` text NOT NULL,
	`note` text,
	`sources` text NOT NULL,
	FOREIGN KEY (`association`) REFERENCES `associations`(`name`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entry_stage`) REFERENCES `stages`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "teams_entry_stage_check" CHECK("teams"."entry_stage" in ('first_round', 'second_round')),
	CONSTRAINT "teams_sources_check" CHECK(json_valid("teams"."sources") and json_type("teams"."sources") = 'array')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `teams_ordinal_unique` ON `teams` (`ordinal`);--> statement-breakpoint
CREATE INDEX `teams_name_idx` ON `teams` (`name`);--> statement-breakpoint
CREATE INDEX `teams_association_idx` ON `teams` (`association`);