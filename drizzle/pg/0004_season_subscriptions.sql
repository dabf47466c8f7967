-- Announcements per season (twin of the SQLite 0010): season_id on subscriptions, outbox and round
-- snapshots (existing rows: 'caf-cc-2023-24'), and guild_default_seasons. Edited by hand after
-- drizzle-kit: it cannot name the old primary key of announcement_rounds (PostgreSQL named it
-- announcement_rounds_pkey) and added the new key before its season_id column.
CREATE TABLE "guild_default_seasons" (
	"guild_id" text PRIMARY KEY NOT NULL,
	"season_id" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "guild_default_seasons_guild_check" CHECK ("guild_default_seasons"."guild_id" ~ '^[0-9]{1,20}$')
);--> statement-breakpoint
DROP INDEX "announcement_subscriptions_guild_channel_uq";--> statement-breakpoint
DROP INDEX "announcement_outbox_key_uq";--> statement-breakpoint
ALTER TABLE "announcement_rounds" DROP CONSTRAINT "announcement_rounds_pkey";--> statement-breakpoint
ALTER TABLE "announcement_outbox" ADD COLUMN "season_id" text DEFAULT 'caf-cc-2023-24' NOT NULL;--> statement-breakpoint
ALTER TABLE "announcement_rounds" ADD COLUMN "season_id" text DEFAULT 'caf-cc-2023-24' NOT NULL;--> statement-breakpoint
ALTER TABLE "announcement_subscriptions" ADD COLUMN "season_id" text DEFAULT 'caf-cc-2023-24' NOT NULL;--> statement-breakpoint
ALTER TABLE "announcement_rounds" ADD CONSTRAINT "announcement_rounds_season_id_round_key_pk" PRIMARY KEY("season_id","round_key");--> statement-breakpoint
CREATE UNIQUE INDEX "announcement_subscriptions_guild_channel_season_uq" ON "announcement_subscriptions" USING btree ("guild_id","channel_id","season_id");--> statement-breakpoint
CREATE UNIQUE INDEX "announcement_outbox_key_uq" ON "announcement_outbox" USING btree ("guild_id","channel_id","season_id","kind","round_key","slot","club");
