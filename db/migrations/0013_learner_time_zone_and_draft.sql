ALTER TABLE `quiz_attempts` ADD `draft` text;--> statement-breakpoint
ALTER TABLE `users` ADD `time_zone` text;