CREATE TABLE `dispatcher_leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`acquired_at` integer NOT NULL,
	`renewed_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	CONSTRAINT "dispatcher_leases_holder_check" CHECK(length("dispatcher_leases"."holder") between 1 and 200),
	CONSTRAINT "dispatcher_leases_expiry_check" CHECK("dispatcher_leases"."expires_at" >= "dispatcher_leases"."renewed_at")
);
