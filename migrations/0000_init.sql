CREATE TABLE `channels` (
	`id` integer PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`website` text,
	`description_vi` text DEFAULT '' NOT NULL,
	`description_en` text DEFAULT '' NOT NULL,
	`sources` text DEFAULT '[]' NOT NULL,
	`sample` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `channels_slug_uq` ON `channels` (`slug`);--> statement-breakpoint
CREATE TABLE `listings` (
	`id` integer PRIMARY KEY NOT NULL,
	`product_id` integer NOT NULL,
	`channel_id` integer NOT NULL,
	`status` text NOT NULL,
	`price_vnd` integer,
	`channel_sku` text,
	`url` text,
	`stores` text DEFAULT '[]' NOT NULL,
	`note` text,
	`last_verified` text,
	`source_url` text,
	`sample` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `listings_channel_product_uq` ON `listings` (`channel_id`,`product_id`);--> statement-breakpoint
CREATE INDEX `listings_product_idx` ON `listings` (`product_id`,`channel_id`);--> statement-breakpoint
CREATE TABLE `producers` (
	`id` integer PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`legal_type` text NOT NULL,
	`street` text,
	`commune` text,
	`district` text,
	`district_slug` text,
	`province` text DEFAULT 'Cao Bằng' NOT NULL,
	`founded_year` integer,
	`representative` text,
	`description_vi` text DEFAULT '' NOT NULL,
	`description_en` text DEFAULT '' NOT NULL,
	`sources` text DEFAULT '[]' NOT NULL,
	`sample` integer DEFAULT false NOT NULL,
	`sample_fields` text DEFAULT '[]' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `producers_slug_uq` ON `producers` (`slug`);--> statement-breakpoint
CREATE INDEX `producers_district_idx` ON `producers` (`district_slug`);--> statement-breakpoint
CREATE TABLE `products` (
	`id` integer PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`producer_id` integer NOT NULL,
	`name_vi` text NOT NULL,
	`name_en` text NOT NULL,
	`description_vi` text DEFAULT '' NOT NULL,
	`description_en` text DEFAULT '' NOT NULL,
	`product_group` text NOT NULL,
	`category_vi` text NOT NULL,
	`category_en` text NOT NULL,
	`packaging` text DEFAULT '[]' NOT NULL,
	`image` text,
	`image_alt_vi` text,
	`image_alt_en` text,
	`sources` text DEFAULT '[]' NOT NULL,
	`sample` integer DEFAULT false NOT NULL,
	`sample_fields` text DEFAULT '[]' NOT NULL,
	`tier_rank` integer DEFAULT 0 NOT NULL,
	`ocop_stars` integer DEFAULT 0 NOT NULL,
	`sort_vi` text NOT NULL,
	`sort_en` text NOT NULL,
	`search_text` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`producer_id`) REFERENCES `producers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `products_slug_uq` ON `products` (`slug`);--> statement-breakpoint
CREATE INDEX `products_producer_idx` ON `products` (`producer_id`,`sort_vi`,`id`);--> statement-breakpoint
CREATE INDEX `products_group_idx` ON `products` (`product_group`,`sort_vi`,`id`);--> statement-breakpoint
CREATE INDEX `products_tier_idx` ON `products` (`tier_rank`,`sort_vi`,`id`);--> statement-breakpoint
CREATE INDEX `products_sort_vi_idx` ON `products` (`sort_vi`,`id`);--> statement-breakpoint
CREATE INDEX `products_sort_en_idx` ON `products` (`sort_en`,`id`);--> statement-breakpoint
CREATE INDEX `products_created_idx` ON `products` (`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `programme_figures` (
	`id` integer PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`group_key` text NOT NULL,
	`label_vi` text NOT NULL,
	`label_en` text NOT NULL,
	`value` real NOT NULL,
	`unit` text NOT NULL,
	`fund` text,
	`period` text NOT NULL,
	`source_url` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `programme_figures_key_uq` ON `programme_figures` (`key`);--> statement-breakpoint
CREATE TABLE `recognitions` (
	`id` integer PRIMARY KEY NOT NULL,
	`product_id` integer NOT NULL,
	`scheme` text NOT NULL,
	`level` text,
	`stars` integer,
	`year` integer,
	`title_vi` text NOT NULL,
	`title_en` text NOT NULL,
	`decision_number` text,
	`issuer` text,
	`source_url` text NOT NULL,
	`verified` integer DEFAULT false NOT NULL,
	`sample` integer DEFAULT false NOT NULL,
	`note_vi` text,
	`note_en` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `recognitions_product_idx` ON `recognitions` (`product_id`,`scheme`,`level`);--> statement-breakpoint
CREATE INDEX `recognitions_scheme_idx` ON `recognitions` (`scheme`,`level`,`year`);--> statement-breakpoint
CREATE INDEX `recognitions_year_idx` ON `recognitions` (`year`);--> statement-breakpoint
CREATE TABLE `support_projects` (
	`id` integer PRIMARY KEY NOT NULL,
	`producer_id` integer,
	`year` integer,
	`fund` text NOT NULL,
	`amount_vnd` integer,
	`title_vi` text NOT NULL,
	`title_en` text NOT NULL,
	`kind` text,
	`source_url` text NOT NULL,
	`sample` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`producer_id`) REFERENCES `producers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `support_projects_producer_idx` ON `support_projects` (`producer_id`,`year`);