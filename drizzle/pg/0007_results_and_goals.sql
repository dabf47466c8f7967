-- Posts driven by results (twin of SQLite 0013): `recap` becomes `results` (recap on: round, off: off) and
-- `goals` (off by default); the outbox takes the kinds result, late, goal and correction. Edited by hand
-- after drizzle-kit: the UPDATE that carries each channel's recap choice over before the column goes.
ALTER TABLE "announcement_outbox" DROP CONSTRAINT "announcement_outbox_kind_check";--> statement-breakpoint
ALTER TABLE "announcement_subscriptions" ADD COLUMN "results" text DEFAULT 'round' NOT NULL;--> statement-breakpoint
ALTER TABLE "announcement_subscriptions" ADD COLUMN "goals" boolean DEFAULT false NOT NULL;--> statement-breakpoint
UPDATE "announcement_subscriptions" SET "results" = CASE WHEN "recap" THEN 'round' ELSE 'off' END;--> statement-breakpoint
ALTER TABLE "announcement_subscriptions" DROP COLUMN "recap";--> statement-breakpoint
ALTER TABLE "announcement_outbox" ADD CONSTRAINT "announcement_outbox_kind_check" CHECK ("announcement_outbox"."kind" in ('preview', 'recap', 'moved', 'result', 'late', 'goal', 'correction'));--> statement-breakpoint
ALTER TABLE "announcement_subscriptions" ADD CONSTRAINT "announcement_subscriptions_results_check" CHECK ("announcement_subscriptions"."results" in ('each', 'round', 'off'));