ALTER TABLE `external_ce` ADD `format` text DEFAULT 'live' NOT NULL;--> statement-breakpoint
ALTER TABLE `external_ce` ADD `topics` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `external_ce` ADD `approvals` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
UPDATE `external_ce` SET `format` = 'self-study' WHERE `self_study` = 1;
