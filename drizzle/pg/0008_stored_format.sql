ALTER TABLE "seasons" ADD COLUMN "tiebreak" text;--> statement-breakpoint
ALTER TABLE "stages" ADD COLUMN "kind" text;--> statement-breakpoint
ALTER TABLE "stages" ADD COLUMN "key" text;--> statement-breakpoint
ALTER TABLE "stages" ADD COLUMN "unnamed_group" boolean DEFAULT false NOT NULL;