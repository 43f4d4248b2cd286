CREATE TABLE `item_stats` (
	`course` text NOT NULL,
	`question_id` text NOT NULL,
	`day` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`blank` integer DEFAULT 0 NOT NULL,
	`correct` integer DEFAULT 0 NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	`n1` integer DEFAULT 0 NOT NULL,
	`sy` real DEFAULT 0 NOT NULL,
	`sy1` real DEFAULT 0 NOT NULL,
	`sy2` real DEFAULT 0 NOT NULL,
	PRIMARY KEY(`course`, `question_id`, `day`)
);
--> statement-breakpoint
CREATE INDEX `item_stats_course_day_idx` ON `item_stats` (`course`,`day`);--> statement-breakpoint
CREATE TABLE `item_wrong_answers` (
	`course` text NOT NULL,
	`question_id` text NOT NULL,
	`day` integer NOT NULL,
	`answer` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`course`, `question_id`, `day`, `answer`)
);
--> statement-breakpoint
CREATE INDEX `item_wrong_course_day_idx` ON `item_wrong_answers` (`course`,`day`);--> statement-breakpoint
-- Kept by hand below: drizzle-kit does not generate triggers. Every response written for a
-- submitted attempt adds to its question's sums for that day; a wrong answer is also counted.
CREATE TRIGGER `quiz_responses_item_stats` AFTER INSERT ON `quiz_responses`
BEGIN
  INSERT INTO `item_stats` (`course`, `question_id`, `day`, `attempts`, `blank`, `correct`, `n`, `n1`, `sy`, `sy1`, `sy2`)
  SELECT a.`course`, NEW.`question_id`, a.`submitted_at` / 86400000, 1,
    CASE WHEN NEW.`answer` IS NULL THEN 1 ELSE 0 END,
    CASE WHEN NEW.`correct` = 1 THEN 1 ELSE 0 END,
    CASE WHEN a.`max_score` - NEW.`max_points` > 0 THEN 1 ELSE 0 END,
    CASE WHEN a.`max_score` - NEW.`max_points` > 0 AND NEW.`correct` = 1 THEN 1 ELSE 0 END,
    CASE WHEN a.`max_score` - NEW.`max_points` > 0 THEN (a.`score` - NEW.`points`) * 100.0 / (a.`max_score` - NEW.`max_points`) ELSE 0 END,
    CASE WHEN a.`max_score` - NEW.`max_points` > 0 AND NEW.`correct` = 1 THEN (a.`score` - NEW.`points`) * 100.0 / (a.`max_score` - NEW.`max_points`) ELSE 0 END,
    CASE WHEN a.`max_score` - NEW.`max_points` > 0 THEN ((a.`score` - NEW.`points`) * 100.0 / (a.`max_score` - NEW.`max_points`)) * ((a.`score` - NEW.`points`) * 100.0 / (a.`max_score` - NEW.`max_points`)) ELSE 0 END
  FROM `quiz_attempts` a WHERE a.`id` = NEW.`attempt_id` AND a.`submitted_at` IS NOT NULL AND a.`max_score` IS NOT NULL
  ON CONFLICT (`course`, `question_id`, `day`) DO UPDATE SET
    `attempts` = `attempts` + excluded.`attempts`, `blank` = `blank` + excluded.`blank`, `correct` = `correct` + excluded.`correct`,
    `n` = `n` + excluded.`n`, `n1` = `n1` + excluded.`n1`, `sy` = `sy` + excluded.`sy`, `sy1` = `sy1` + excluded.`sy1`, `sy2` = `sy2` + excluded.`sy2`;
  INSERT INTO `item_wrong_answers` (`course`, `question_id`, `day`, `answer`, `count`)
  SELECT a.`course`, NEW.`question_id`, a.`submitted_at` / 86400000, NEW.`answer`, 1
  FROM `quiz_attempts` a WHERE a.`id` = NEW.`attempt_id` AND a.`submitted_at` IS NOT NULL AND NEW.`correct` = 0 AND NEW.`answer` IS NOT NULL
  ON CONFLICT (`course`, `question_id`, `day`, `answer`) DO UPDATE SET `count` = `count` + 1;
END;
--> statement-breakpoint
-- Backfill from the responses already stored.
INSERT INTO `item_stats` (`course`, `question_id`, `day`, `attempts`, `blank`, `correct`, `n`, `n1`, `sy`, `sy1`, `sy2`)
SELECT course, q, day, count(*), sum(blank), sum(correct), sum(has), sum(has * correct), sum(rest), sum(rest * correct), sum(rest * rest) FROM (
  SELECT a.`course` AS course, r.`question_id` AS q, a.`submitted_at` / 86400000 AS day,
    CASE WHEN r.`answer` IS NULL THEN 1 ELSE 0 END AS blank,
    CASE WHEN r.`correct` = 1 THEN 1 ELSE 0 END AS correct,
    CASE WHEN a.`max_score` - r.`max_points` > 0 THEN 1 ELSE 0 END AS has,
    CASE WHEN a.`max_score` - r.`max_points` > 0 THEN (a.`score` - r.`points`) * 100.0 / (a.`max_score` - r.`max_points`) ELSE 0 END AS rest
  FROM `quiz_attempts` a JOIN `quiz_responses` r ON r.`attempt_id` = a.`id`
  WHERE a.`submitted_at` IS NOT NULL AND a.`max_score` IS NOT NULL
) GROUP BY course, q, day;
--> statement-breakpoint
INSERT INTO `item_wrong_answers` (`course`, `question_id`, `day`, `answer`, `count`)
SELECT a.`course`, r.`question_id`, a.`submitted_at` / 86400000, r.`answer`, count(*)
FROM `quiz_attempts` a JOIN `quiz_responses` r ON r.`attempt_id` = a.`id`
WHERE a.`submitted_at` IS NOT NULL AND r.`correct` = 0 AND r.`answer` IS NOT NULL
GROUP BY a.`course`, r.`question_id`, a.`submitted_at` / 86400000, r.`answer`;
