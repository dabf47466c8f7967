DROP INDEX "announcement_outbox_key_uq";--> statement-breakpoint
ALTER TABLE "announcement_outbox" ADD COLUMN "club" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "announcement_subscriptions" ADD COLUMN "team_id" text;--> statement-breakpoint
ALTER TABLE "announcement_subscriptions" ADD COLUMN "language" text;--> statement-breakpoint
CREATE UNIQUE INDEX "announcement_outbox_key_uq" ON "announcement_outbox" USING btree ("guild_id","channel_id","kind","round_key","slot","club");