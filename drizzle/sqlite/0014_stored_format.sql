ALTER TABLE `seasons` ADD `tiebreak` text;--> statement-breakpoint
ALTER TABLE `stages` ADD `kind` text;--> statement-breakpoint
ALTER TABLE `stages` ADD `key` text;--> statement-breakpoint
ALTER TABLE `stages` ADD `unnamed_group` integer DEFAULT false NOT NULL;