-- Every per-season table gains season_id (in its key, unique constraints and foreign keys), so
-- several seasons live side by side. Hand-ordered from drizzle-kit's output (which cannot name the
-- single-column primary keys it drops, and adds keys before their columns). Existing rows belong
-- to the season already in the database; the one shipped season's old id `2023-24` becomes
-- `caf-cc-2023-24` (the id its file now has).
ALTER TABLE "calendar_entries" DROP CONSTRAINT "calendar_entries_stage_stages_code_fk";--> statement-breakpoint
ALTER TABLE "goals" DROP CONSTRAINT "goals_match_id_matches_id_fk";--> statement-breakpoint
ALTER TABLE "goals" DROP CONSTRAINT "goals_team_id_teams_id_fk";--> statement-breakpoint
ALTER TABLE "group_members" DROP CONSTRAINT "group_members_team_id_teams_id_fk";--> statement-breakpoint
ALTER TABLE "group_members" DROP CONSTRAINT "group_members_group_id_groups_id_fk";--> statement-breakpoint
ALTER TABLE "matches" DROP CONSTRAINT "matches_stage_stages_code_fk";--> statement-breakpoint
ALTER TABLE "matches" DROP CONSTRAINT "matches_round_id_rounds_id_fk";--> statement-breakpoint
ALTER TABLE "matches" DROP CONSTRAINT "matches_group_id_groups_id_fk";--> statement-breakpoint
ALTER TABLE "matches" DROP CONSTRAINT "matches_home_team_id_teams_id_fk";--> statement-breakpoint
ALTER TABLE "matches" DROP CONSTRAINT "matches_away_team_id_teams_id_fk";--> statement-breakpoint
ALTER TABLE "matches" DROP CONSTRAINT "matches_decision_winner_id_teams_id_fk";--> statement-breakpoint
ALTER TABLE "red_cards" DROP CONSTRAINT "red_cards_match_id_matches_id_fk";--> statement-breakpoint
ALTER TABLE "red_cards" DROP CONSTRAINT "red_cards_team_id_teams_id_fk";--> statement-breakpoint
ALTER TABLE "rounds" DROP CONSTRAINT "rounds_stage_stages_code_fk";--> statement-breakpoint
ALTER TABLE "seasons" DROP CONSTRAINT "seasons_champion_team_id_teams_id_fk";--> statement-breakpoint
ALTER TABLE "team_aliases" DROP CONSTRAINT "team_aliases_team_id_teams_id_fk";--> statement-breakpoint
ALTER TABLE "teams" DROP CONSTRAINT "teams_association_associations_name_fk";--> statement-breakpoint
ALTER TABLE "teams" DROP CONSTRAINT "teams_entry_stage_stages_code_fk";--> statement-breakpoint
ALTER TABLE "ranking_criteria" DROP CONSTRAINT "ranking_criteria_season_id_seasons_id_fk";--> statement-breakpoint
ALTER TABLE "printed_totals" DROP CONSTRAINT "printed_totals_season_id_seasons_id_fk";--> statement-breakpoint
ALTER TABLE "associations" DROP CONSTRAINT "associations_ordinal_unique";--> statement-breakpoint
ALTER TABLE "associations" DROP CONSTRAINT "associations_code_unique";--> statement-breakpoint
ALTER TABLE "calendar_entries" DROP CONSTRAINT "calendar_entries_ordinal_unique";--> statement-breakpoint
ALTER TABLE "groups" DROP CONSTRAINT "groups_ordinal_unique";--> statement-breakpoint
ALTER TABLE "matches" DROP CONSTRAINT "matches_ordinal_unique";--> statement-breakpoint
ALTER TABLE "rounds" DROP CONSTRAINT "rounds_ordinal_unique";--> statement-breakpoint
ALTER TABLE "stages" DROP CONSTRAINT "stages_ordinal_unique";--> statement-breakpoint
ALTER TABLE "teams" DROP CONSTRAINT "teams_ordinal_unique";--> statement-breakpoint
DROP INDEX "goals_team_idx";--> statement-breakpoint
DROP INDEX "group_members_group_idx";--> statement-breakpoint
DROP INDEX "matches_stage_idx";--> statement-breakpoint
DROP INDEX "matches_round_idx";--> statement-breakpoint
DROP INDEX "matches_group_idx";--> statement-breakpoint
DROP INDEX "matches_home_idx";--> statement-breakpoint
DROP INDEX "matches_away_idx";--> statement-breakpoint
DROP INDEX "red_cards_team_idx";--> statement-breakpoint
DROP INDEX "rounds_stage_idx";--> statement-breakpoint
DROP INDEX "teams_association_idx";--> statement-breakpoint
ALTER TABLE "goals" DROP CONSTRAINT "goals_match_id_ordinal_pk";--> statement-breakpoint
ALTER TABLE "red_cards" DROP CONSTRAINT "red_cards_match_id_ordinal_pk";--> statement-breakpoint
ALTER TABLE "source_notes" DROP CONSTRAINT "source_notes_kind_ordinal_pk";--> statement-breakpoint
ALTER TABLE "team_aliases" DROP CONSTRAINT "team_aliases_team_id_ordinal_pk";--> statement-breakpoint
ALTER TABLE "associations" DROP CONSTRAINT "associations_pkey";--> statement-breakpoint
ALTER TABLE "calendar_entries" DROP CONSTRAINT "calendar_entries_pkey";--> statement-breakpoint
ALTER TABLE "group_members" DROP CONSTRAINT "group_members_pkey";--> statement-breakpoint
ALTER TABLE "groups" DROP CONSTRAINT "groups_pkey";--> statement-breakpoint
ALTER TABLE "matches" DROP CONSTRAINT "matches_pkey";--> statement-breakpoint
ALTER TABLE "rounds" DROP CONSTRAINT "rounds_pkey";--> statement-breakpoint
ALTER TABLE "stages" DROP CONSTRAINT "stages_pkey";--> statement-breakpoint
ALTER TABLE "teams" DROP CONSTRAINT "teams_pkey";--> statement-breakpoint
UPDATE "seasons" SET "id" = 'caf-cc-2023-24' WHERE "id" = '2023-24';--> statement-breakpoint
UPDATE "ranking_criteria" SET "season_id" = 'caf-cc-2023-24' WHERE "season_id" = '2023-24';--> statement-breakpoint
UPDATE "printed_totals" SET "season_id" = 'caf-cc-2023-24' WHERE "season_id" = '2023-24';--> statement-breakpoint
UPDATE "data_imports" SET "season_id" = 'caf-cc-2023-24' WHERE "season_id" = '2023-24';--> statement-breakpoint
ALTER TABLE "associations" ADD COLUMN "season_id" text;--> statement-breakpoint
UPDATE "associations" SET "season_id" = coalesce((SELECT "id" FROM "seasons" ORDER BY "id" LIMIT 1), 'caf-cc-2023-24');--> statement-breakpoint
ALTER TABLE "associations" ALTER COLUMN "season_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "calendar_entries" ADD COLUMN "season_id" text;--> statement-breakpoint
UPDATE "calendar_entries" SET "season_id" = coalesce((SELECT "id" FROM "seasons" ORDER BY "id" LIMIT 1), 'caf-cc-2023-24');--> statement-breakpoint
ALTER TABLE "calendar_entries" ALTER COLUMN "season_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "goals" ADD COLUMN "season_id" text;--> statement-breakpoint
UPDATE "goals" SET "season_id" = coalesce((SELECT "id" FROM "seasons" ORDER BY "id" LIMIT 1), 'caf-cc-2023-24');--> statement-breakpoint
ALTER TABLE "goals" ALTER COLUMN "season_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "group_members" ADD COLUMN "season_id" text;--> statement-breakpoint
UPDATE "group_members" SET "season_id" = coalesce((SELECT "id" FROM "seasons" ORDER BY "id" LIMIT 1), 'caf-cc-2023-24');--> statement-breakpoint
ALTER TABLE "group_members" ALTER COLUMN "season_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "season_id" text;--> statement-breakpoint
UPDATE "groups" SET "season_id" = coalesce((SELECT "id" FROM "seasons" ORDER BY "id" LIMIT 1), 'caf-cc-2023-24');--> statement-breakpoint
ALTER TABLE "groups" ALTER COLUMN "season_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "matches" ADD COLUMN "season_id" text;--> statement-breakpoint
UPDATE "matches" SET "season_id" = coalesce((SELECT "id" FROM "seasons" ORDER BY "id" LIMIT 1), 'caf-cc-2023-24');--> statement-breakpoint
ALTER TABLE "matches" ALTER COLUMN "season_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "red_cards" ADD COLUMN "season_id" text;--> statement-breakpoint
UPDATE "red_cards" SET "season_id" = coalesce((SELECT "id" FROM "seasons" ORDER BY "id" LIMIT 1), 'caf-cc-2023-24');--> statement-breakpoint
ALTER TABLE "red_cards" ALTER COLUMN "season_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "rounds" ADD COLUMN "season_id" text;--> statement-breakpoint
UPDATE "rounds" SET "season_id" = coalesce((SELECT "id" FROM "seasons" ORDER BY "id" LIMIT 1), 'caf-cc-2023-24');--> statement-breakpoint
ALTER TABLE "rounds" ALTER COLUMN "season_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "source_notes" ADD COLUMN "season_id" text;--> statement-breakpoint
UPDATE "source_notes" SET "season_id" = coalesce((SELECT "id" FROM "seasons" ORDER BY "id" LIMIT 1), 'caf-cc-2023-24');--> statement-breakpoint
ALTER TABLE "source_notes" ALTER COLUMN "season_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "stages" ADD COLUMN "season_id" text;--> statement-breakpoint
UPDATE "stages" SET "season_id" = coalesce((SELECT "id" FROM "seasons" ORDER BY "id" LIMIT 1), 'caf-cc-2023-24');--> statement-breakpoint
ALTER TABLE "stages" ALTER COLUMN "season_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "team_aliases" ADD COLUMN "season_id" text;--> statement-breakpoint
UPDATE "team_aliases" SET "season_id" = coalesce((SELECT "id" FROM "seasons" ORDER BY "id" LIMIT 1), 'caf-cc-2023-24');--> statement-breakpoint
ALTER TABLE "team_aliases" ALTER COLUMN "season_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "season_id" text;--> statement-breakpoint
UPDATE "teams" SET "season_id" = coalesce((SELECT "id" FROM "seasons" ORDER BY "id" LIMIT 1), 'caf-cc-2023-24');--> statement-breakpoint
ALTER TABLE "teams" ALTER COLUMN "season_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "seasons" ADD COLUMN "label" text;--> statement-breakpoint
UPDATE "seasons" SET "label" = CASE WHEN "id" = 'caf-cc-2023-24' THEN '2023-24' ELSE "id" END;--> statement-breakpoint
ALTER TABLE "seasons" ALTER COLUMN "label" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "seasons" ADD COLUMN "stale_after_days" integer DEFAULT 21 NOT NULL;--> statement-breakpoint
ALTER TABLE "seasons" ADD COLUMN "end_date" text;--> statement-breakpoint
ALTER TABLE "associations" ADD CONSTRAINT "associations_season_id_name_pk" PRIMARY KEY("season_id","name");--> statement-breakpoint
ALTER TABLE "calendar_entries" ADD CONSTRAINT "calendar_entries_season_id_id_pk" PRIMARY KEY("season_id","id");--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_season_id_match_id_ordinal_pk" PRIMARY KEY("season_id","match_id","ordinal");--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_season_id_team_id_pk" PRIMARY KEY("season_id","team_id");--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_season_id_id_pk" PRIMARY KEY("season_id","id");--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_season_id_id_pk" PRIMARY KEY("season_id","id");--> statement-breakpoint
ALTER TABLE "red_cards" ADD CONSTRAINT "red_cards_season_id_match_id_ordinal_pk" PRIMARY KEY("season_id","match_id","ordinal");--> statement-breakpoint
ALTER TABLE "rounds" ADD CONSTRAINT "rounds_season_id_id_pk" PRIMARY KEY("season_id","id");--> statement-breakpoint
ALTER TABLE "source_notes" ADD CONSTRAINT "source_notes_season_id_kind_ordinal_pk" PRIMARY KEY("season_id","kind","ordinal");--> statement-breakpoint
ALTER TABLE "stages" ADD CONSTRAINT "stages_season_id_code_pk" PRIMARY KEY("season_id","code");--> statement-breakpoint
ALTER TABLE "team_aliases" ADD CONSTRAINT "team_aliases_season_id_team_id_ordinal_pk" PRIMARY KEY("season_id","team_id","ordinal");--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_season_id_id_pk" PRIMARY KEY("season_id","id");--> statement-breakpoint
ALTER TABLE "ranking_criteria" ADD CONSTRAINT "ranking_criteria_season_id_seasons_id_fk" FOREIGN KEY ("season_id") REFERENCES "public"."seasons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "printed_totals" ADD CONSTRAINT "printed_totals_season_id_seasons_id_fk" FOREIGN KEY ("season_id") REFERENCES "public"."seasons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "data_imports_season_idx" ON "data_imports" USING btree ("season_id","id");--> statement-breakpoint
CREATE INDEX "goals_team_idx" ON "goals" USING btree ("season_id","team_id");--> statement-breakpoint
CREATE INDEX "group_members_group_idx" ON "group_members" USING btree ("season_id","group_id");--> statement-breakpoint
CREATE INDEX "matches_stage_idx" ON "matches" USING btree ("season_id","stage","tie","leg");--> statement-breakpoint
CREATE INDEX "matches_round_idx" ON "matches" USING btree ("season_id","round_id");--> statement-breakpoint
CREATE INDEX "matches_group_idx" ON "matches" USING btree ("season_id","group_id","matchday");--> statement-breakpoint
CREATE INDEX "matches_home_idx" ON "matches" USING btree ("season_id","home_team_id");--> statement-breakpoint
CREATE INDEX "matches_away_idx" ON "matches" USING btree ("season_id","away_team_id");--> statement-breakpoint
CREATE INDEX "red_cards_team_idx" ON "red_cards" USING btree ("season_id","team_id");--> statement-breakpoint
CREATE INDEX "rounds_stage_idx" ON "rounds" USING btree ("season_id","stage");--> statement-breakpoint
CREATE INDEX "teams_association_idx" ON "teams" USING btree ("season_id","association");--> statement-breakpoint
ALTER TABLE "associations" ADD CONSTRAINT "associations_season_ordinal_unique" UNIQUE("season_id","ordinal");--> statement-breakpoint
ALTER TABLE "associations" ADD CONSTRAINT "associations_season_code_unique" UNIQUE("season_id","code");--> statement-breakpoint
ALTER TABLE "calendar_entries" ADD CONSTRAINT "calendar_entries_season_ordinal_unique" UNIQUE("season_id","ordinal");--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_season_ordinal_unique" UNIQUE("season_id","ordinal");--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_season_ordinal_unique" UNIQUE("season_id","ordinal");--> statement-breakpoint
ALTER TABLE "rounds" ADD CONSTRAINT "rounds_season_ordinal_unique" UNIQUE("season_id","ordinal");--> statement-breakpoint
ALTER TABLE "stages" ADD CONSTRAINT "stages_season_ordinal_unique" UNIQUE("season_id","ordinal");--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_season_ordinal_unique" UNIQUE("season_id","ordinal");--> statement-breakpoint
ALTER TABLE "seasons" ADD CONSTRAINT "seasons_end_date_check" CHECK ("seasons"."end_date" is null or "seasons"."end_date" ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]$');--> statement-breakpoint
ALTER TABLE "seasons" ADD CONSTRAINT "seasons_stale_after_check" CHECK ("seasons"."stale_after_days" >= 1);--> statement-breakpoint
ALTER TABLE "associations" ADD CONSTRAINT "associations_season_id_seasons_id_fk" FOREIGN KEY ("season_id") REFERENCES "public"."seasons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_entries" ADD CONSTRAINT "calendar_entries_season_id_seasons_id_fk" FOREIGN KEY ("season_id") REFERENCES "public"."seasons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_entries" ADD CONSTRAINT "calendar_entries_stage_fk" FOREIGN KEY ("season_id","stage") REFERENCES "public"."stages"("season_id","code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_season_id_seasons_id_fk" FOREIGN KEY ("season_id") REFERENCES "public"."seasons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_match_fk" FOREIGN KEY ("season_id","match_id") REFERENCES "public"."matches"("season_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_team_fk" FOREIGN KEY ("season_id","team_id") REFERENCES "public"."teams"("season_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_season_id_seasons_id_fk" FOREIGN KEY ("season_id") REFERENCES "public"."seasons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_team_fk" FOREIGN KEY ("season_id","team_id") REFERENCES "public"."teams"("season_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_group_fk" FOREIGN KEY ("season_id","group_id") REFERENCES "public"."groups"("season_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_season_id_seasons_id_fk" FOREIGN KEY ("season_id") REFERENCES "public"."seasons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_season_id_seasons_id_fk" FOREIGN KEY ("season_id") REFERENCES "public"."seasons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_stage_fk" FOREIGN KEY ("season_id","stage") REFERENCES "public"."stages"("season_id","code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_round_fk" FOREIGN KEY ("season_id","round_id") REFERENCES "public"."rounds"("season_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_group_fk" FOREIGN KEY ("season_id","group_id") REFERENCES "public"."groups"("season_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_home_fk" FOREIGN KEY ("season_id","home_team_id") REFERENCES "public"."teams"("season_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_away_fk" FOREIGN KEY ("season_id","away_team_id") REFERENCES "public"."teams"("season_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_decision_winner_fk" FOREIGN KEY ("season_id","decision_winner_id") REFERENCES "public"."teams"("season_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "red_cards" ADD CONSTRAINT "red_cards_season_id_seasons_id_fk" FOREIGN KEY ("season_id") REFERENCES "public"."seasons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "red_cards" ADD CONSTRAINT "red_cards_match_fk" FOREIGN KEY ("season_id","match_id") REFERENCES "public"."matches"("season_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "red_cards" ADD CONSTRAINT "red_cards_team_fk" FOREIGN KEY ("season_id","team_id") REFERENCES "public"."teams"("season_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rounds" ADD CONSTRAINT "rounds_season_id_seasons_id_fk" FOREIGN KEY ("season_id") REFERENCES "public"."seasons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rounds" ADD CONSTRAINT "rounds_stage_fk" FOREIGN KEY ("season_id","stage") REFERENCES "public"."stages"("season_id","code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seasons" ADD CONSTRAINT "seasons_champion_fk" FOREIGN KEY ("id","champion_team_id") REFERENCES "public"."teams"("season_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_notes" ADD CONSTRAINT "source_notes_season_id_seasons_id_fk" FOREIGN KEY ("season_id") REFERENCES "public"."seasons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stages" ADD CONSTRAINT "stages_season_id_seasons_id_fk" FOREIGN KEY ("season_id") REFERENCES "public"."seasons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_aliases" ADD CONSTRAINT "team_aliases_season_id_seasons_id_fk" FOREIGN KEY ("season_id") REFERENCES "public"."seasons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_aliases" ADD CONSTRAINT "team_aliases_team_fk" FOREIGN KEY ("season_id","team_id") REFERENCES "public"."teams"("season_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_season_id_seasons_id_fk" FOREIGN KEY ("season_id") REFERENCES "public"."seasons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_association_fk" FOREIGN KEY ("season_id","association") REFERENCES "public"."associations"("season_id","name") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_entry_stage_fk" FOREIGN KEY ("season_id","entry_stage") REFERENCES "public"."stages"("season_id","code") ON DELETE no action ON UPDATE no action;
