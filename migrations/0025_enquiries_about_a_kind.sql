-- An enquiry may be about a product kind no producer of which is recorded (issue 25: chè giảo cổ lam's page links
-- the enquiry form to the centre): producer_id becomes nullable and product_kind_id names the kind. SQLite cannot
-- drop a NOT NULL, so drizzle-kit rebuilds the table. Dropping the old table deletes its rows first, and D1 keeps
-- foreign keys on inside a migration, so enquiry_notices' ON DELETE CASCADE would delete every notice already sent
-- (and a retried queue message would send them again): the notices are kept aside and put back.
CREATE TABLE `__kept_enquiry_notices` AS SELECT * FROM `enquiry_notices`;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_enquiries` (
	`id` integer PRIMARY KEY NOT NULL,
	`ref` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`product_id` integer,
	`producer_id` integer,
	`product_kind_id` integer,
	`kind` text NOT NULL,
	`quantity` text,
	`message` text,
	`name` text,
	`email` text,
	`phone` text,
	`organisation` text,
	`consent_version` text NOT NULL,
	`lang` text NOT NULL,
	`via` text NOT NULL,
	`channel_id` integer,
	`address_key` text,
	`status` text DEFAULT 'new' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`status_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`erased_at` text
);
--> statement-breakpoint
INSERT INTO `__new_enquiries`("id", "ref", "dedupe_key", "product_id", "producer_id", "product_kind_id", "kind", "quantity", "message", "name", "email", "phone", "organisation", "consent_version", "lang", "via", "channel_id", "address_key", "status", "created_at", "status_at", "erased_at") SELECT "id", "ref", "dedupe_key", "product_id", "producer_id", NULL, "kind", "quantity", "message", "name", "email", "phone", "organisation", "consent_version", "lang", "via", "channel_id", "address_key", "status", "created_at", "status_at", "erased_at" FROM `enquiries`;--> statement-breakpoint
DROP TABLE `enquiries`;--> statement-breakpoint
ALTER TABLE `__new_enquiries` RENAME TO `enquiries`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `enquiries_ref_uq` ON `enquiries` (`ref`);--> statement-breakpoint
CREATE UNIQUE INDEX `enquiries_dedupe_uq` ON `enquiries` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `enquiries_producer_idx` ON `enquiries` (`producer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `enquiries_address_idx` ON `enquiries` (`address_key`,`created_at`);--> statement-breakpoint
CREATE INDEX `enquiries_status_idx` ON `enquiries` (`status`,`created_at`);--> statement-breakpoint
INSERT OR IGNORE INTO `enquiry_notices` SELECT * FROM `__kept_enquiry_notices`;--> statement-breakpoint
DROP TABLE `__kept_enquiry_notices`;
