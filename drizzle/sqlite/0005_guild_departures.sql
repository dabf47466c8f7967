CREATE TABLE `guild_departures` (
	`guild_id` text PRIMARY KEY NOT NULL,
	`left_at` integer NOT NULL,
	CONSTRAINT "guild_departures_guild_id_check" CHECK("guild_departures"."guild_id" glob '[0-9]*' and length("guild_departures"."guild_id") between 1 and 20)
);
