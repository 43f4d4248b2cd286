CREATE TABLE `attempt_grants` (
	`user_id` integer NOT NULL,
	`course` text NOT NULL,
	`extra_attempts` integer DEFAULT 0 NOT NULL,
	`cooldown_ended_at` integer,
	PRIMARY KEY(`user_id`, `course`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
