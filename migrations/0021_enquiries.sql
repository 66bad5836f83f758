-- Buyers' enquiries (issue 24): a shopper, shop, chain buyer or exporter asks about a real product or producer;
-- the centre's editors read them, publishers forward them, the producer's own accounts answer them. Written by
-- drizzle-kit from src/platform/db/schema.ts. No public route reads these tables and no trigger puts them in the change feed:
-- the enquirer's contact never leaves the back office. Personal fields (name, email, phone, organisation,
-- message, address_key) are erased by the retention sweep (src/enquiries/retention.ts) and on request.
CREATE TABLE `enquiries` (
	`id` integer PRIMARY KEY NOT NULL,
	`ref` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`product_id` integer,
	`producer_id` integer NOT NULL,
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
CREATE UNIQUE INDEX `enquiries_ref_uq` ON `enquiries` (`ref`);--> statement-breakpoint
CREATE UNIQUE INDEX `enquiries_dedupe_uq` ON `enquiries` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `enquiries_producer_idx` ON `enquiries` (`producer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `enquiries_address_idx` ON `enquiries` (`address_key`,`created_at`);--> statement-breakpoint
CREATE INDEX `enquiries_status_idx` ON `enquiries` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `enquiry_notices` (
	`id` integer PRIMARY KEY NOT NULL,
	`enquiry_id` integer NOT NULL,
	`event` text NOT NULL,
	`recipient` text NOT NULL,
	`sent_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`message_id` text,
	FOREIGN KEY (`enquiry_id`) REFERENCES `enquiries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `enquiry_notices_uq` ON `enquiry_notices` (`enquiry_id`,`event`,`recipient`);--> statement-breakpoint
ALTER TABLE `editors` ADD `producer_id` integer;