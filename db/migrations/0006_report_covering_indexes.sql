DROP INDEX `quiz_attempts_course_submitted_idx`;--> statement-breakpoint
CREATE INDEX `quiz_attempts_course_scores_idx` ON `quiz_attempts` (`course`,`submitted_at`,`score`,`max_score`,`passed`);--> statement-breakpoint
CREATE INDEX `simulation_runs_scenario_started_idx` ON `simulation_runs` (`scenario`,`started_at`,`finished_at`,`outcome`);