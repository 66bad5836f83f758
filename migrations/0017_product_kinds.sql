-- Product kinds (issue 25): miến dong, khẩu sli, chè giảo cổ lam, lạp sườn, trúc mỹ nghệ — the five the programme
-- article calls representative — and the others the catalogue holds, each a record of its own with a page. A kind
-- says what the sources say about it (`facts`: [{vi, en, sources}], each statement with its own sources), and
-- `categories` lists the product categories (products.category_vi) it covers: a product's kind is the kind whose
-- categories hold its category, so an editor who writes a product of a known category gives it its kind. A kind
-- may hold no product at all (giảo cổ lam: no stored source names a Cao Bằng producer). `search_names` holds its
-- names folded (src/search/fold.ts) — Vietnamese, English and the other names sources use — for the catalogue search.
CREATE TABLE `kinds` (
	`id` integer PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name_vi` text NOT NULL,
	`name_en` text NOT NULL,
	`representative` integer DEFAULT false NOT NULL,
	`facts` text DEFAULT '[]' NOT NULL,
	`categories` text DEFAULT '[]' NOT NULL,
	`search_names` text DEFAULT '[]' NOT NULL,
	`sort_vi` text NOT NULL,
	`sources` text DEFAULT '[]' NOT NULL,
	`provenance` text DEFAULT 'sourced' NOT NULL,
	`field_provenance` text DEFAULT '{}' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);--> statement-breakpoint
CREATE UNIQUE INDEX `kinds_slug_uq` ON `kinds` (`slug`);--> statement-breakpoint
-- Kinds appear in API responses: writes bump the catalogue's data version, as for the other tables (0005).
CREATE TRIGGER `kinds_version_ai` AFTER INSERT ON `kinds` BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;--> statement-breakpoint
CREATE TRIGGER `kinds_version_au` AFTER UPDATE ON `kinds` BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;--> statement-breakpoint
CREATE TRIGGER `kinds_version_ad` AFTER DELETE ON `kinds` BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
