CREATE TABLE `announcement_club_roles` (
	`guild_id` text NOT NULL,
	`team_id` text NOT NULL,
	`role_id` text NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "announcement_club_roles_guild_check" CHECK("announcement_club_roles"."guild_id" glob '[0-9]*' and length("announcement_club_roles"."guild_id") between 1 and 20),
	CONSTRAINT "announcement_club_roles_role_check" CHECK("announcement_club_roles"."role_id" glob '[0-9]*' and length("announcement_club_roles"."role_id") between 1 and 20 and "announcement_club_roles"."role_id" <> "announcement_club_roles"."guild_id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `announcement_club_roles_guild_team_uq` ON `announcement_club_roles` (`guild_id`,`team_id`);