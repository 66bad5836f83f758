-- Webhooks (issue 13): a channel's endpoints, one delivery per change and endpoint, and the fan-out's place in the
-- change feed. Deliveries are made by the Worker's queue consumer (src/webhooks/); the feed stays the one source.
CREATE TABLE `webhook_endpoints` (
	`id` text PRIMARY KEY NOT NULL,
	`channel_id` integer NOT NULL REFERENCES `channels`(`id`) ON DELETE CASCADE,
	`url` text NOT NULL,
	`events` text DEFAULT '["product","producer","recognition","listing"]' NOT NULL,
	`include_illustrative` integer DEFAULT 0 NOT NULL,
	`secret` text NOT NULL,
	`previous_secret` text,
	`previous_secret_expires_at` text,
	`after_seq` integer DEFAULT 0 NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `webhook_endpoints_channel_idx` ON `webhook_endpoints` (`channel_id`,`created_at`,`id`);
--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`endpoint_id` text NOT NULL REFERENCES `webhook_endpoints`(`id`) ON DELETE CASCADE,
	`seq` integer NOT NULL,
	`entity` text NOT NULL,
	`entity_key` text NOT NULL,
	`body` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`response_status` integer,
	`latency_ms` integer,
	`error` text,
	`next_attempt_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_deliveries_endpoint_seq_uq` ON `webhook_deliveries` (`endpoint_id`,`seq`);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_record_idx` ON `webhook_deliveries` (`endpoint_id`,`entity`,`entity_key`,`seq`);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_stale_idx` ON `webhook_deliveries` (`status`,`next_attempt_at`);
--> statement-breakpoint
CREATE TABLE `webhook_fanout` (
	`id` integer PRIMARY KEY NOT NULL,
	`last_seq` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO `webhook_fanout` (`id`, `last_seq`) SELECT 1, coalesce(max(seq), 0) FROM `changes`;
