CREATE TABLE `guild_languages` (
	`guild_id` text PRIMARY KEY NOT NULL,
	`language` text NOT NULL,
	`chosen_by` text NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "guild_languages_language_check" CHECK("guild_languages"."language" in ('en', 'fr', 'ar', 'pt')),
	CONSTRAINT "guild_languages_guild_id_check" CHECK("guild_languages"."guild_id" glob '[0-9]*' and length("guild_languages"."guild_id") between 1 and 20)
);
--> statement-breakpoint
CREATE TABLE `user_languages` (
	`user_id` text PRIMARY KEY NOT NULL,
	`language` text NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "user_languages_language_check" CHECK("user_languages"."language" in ('en', 'fr', 'ar', 'pt')),
	CONSTRAINT "user_languages_user_id_check" CHECK("user_languages"."user_id" glob '[0-9]*' and length("user_languages"."user_id") between 1 and 20)
);
