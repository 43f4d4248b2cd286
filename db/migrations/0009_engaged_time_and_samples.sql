ALTER TABLE `certificates` ADD `sample` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `enrollments` ADD `evaluation_opened_at` integer;--> statement-breakpoint
-- Certificates issued before this migration while provider.yaml still held placeholders printed
-- "[OPERATOR: ...]": they were never valid credit, so they become samples (and stay samples).
UPDATE `certificates` SET `sample` = 1 WHERE `snapshot` LIKE '%[OPERATOR:%';
