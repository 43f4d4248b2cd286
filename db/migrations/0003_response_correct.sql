ALTER TABLE `quiz_responses` ADD `max_points` real;--> statement-breakpoint
ALTER TABLE `quiz_responses` ADD `correct` integer;