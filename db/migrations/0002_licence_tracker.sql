ALTER TABLE `external_ce` ADD `self_study` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `licence_type` text;--> statement-breakpoint
ALTER TABLE `users` ADD `licence_expires_on` text;--> statement-breakpoint
ALTER TABLE `users` ADD `birth_month` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `cycle_hours_override_centi` integer;