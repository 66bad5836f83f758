-- Issue 27. Hand-written (drizzle-kit does not generate triggers); the tables and columns are in src's drizzle schema.
-- 1. A product's entry in the change feed when what the product embeds changes: its listings (and so the feeds'
--    `channels` column) and its recognitions. The listing triggers are written again so that the product's entry
--    comes first and the listing's own entry stays the newest row (the delete path stamps its key on
--    `max(seq)`); an entry the feed's newest row already makes (the same product's upsert) is not repeated.
DROP TRIGGER IF EXISTS `changes_listings_ai`;
--> statement-breakpoint
CREATE TRIGGER `changes_listings_ai` AFTER INSERT ON `listings` BEGIN
  INSERT INTO changes (entity, entity_key, op)
    SELECT 'product', p.slug, 'upsert' FROM products p WHERE p.id = new.product_id
    AND NOT EXISTS (SELECT 1 FROM changes c WHERE c.seq = (SELECT max(seq) FROM changes) AND c.entity = 'product' AND c.entity_key = p.slug AND c.op = 'upsert');
  INSERT INTO changes (entity, entity_key, op, key_id) VALUES ('listing', coalesce((SELECT slug FROM channels WHERE id = new.channel_id), '#' || new.channel_id) || '/' || coalesce((SELECT slug FROM products WHERE id = new.product_id), '#' || new.product_id), 'upsert', new.updated_by);
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `changes_listings_au`;
--> statement-breakpoint
CREATE TRIGGER `changes_listings_au` AFTER UPDATE ON `listings`
  WHEN (old.product_id, old.channel_id, old.status, old.price_vnd, old.channel_sku, old.url, old.stores, old.note, old.last_verified, old.source_url, old.sample, old.version)
    IS NOT (new.product_id, new.channel_id, new.status, new.price_vnd, new.channel_sku, new.url, new.stores, new.note, new.last_verified, new.source_url, new.sample, new.version)
BEGIN
  INSERT INTO changes (entity, entity_key, op)
    SELECT 'product', p.slug, 'upsert' FROM products p WHERE p.id IN (old.product_id, new.product_id)
    AND NOT EXISTS (SELECT 1 FROM changes c WHERE c.seq = (SELECT max(seq) FROM changes) AND c.entity = 'product' AND c.entity_key = p.slug AND c.op = 'upsert')
    ORDER BY p.id;
  INSERT INTO changes (entity, entity_key, op) SELECT 'listing', coalesce((SELECT slug FROM channels WHERE id = old.channel_id), '#' || old.channel_id) || '/' || coalesce((SELECT slug FROM products WHERE id = old.product_id), '#' || old.product_id), 'delete'
    WHERE (old.channel_id, old.product_id) IS NOT (new.channel_id, new.product_id);
  INSERT INTO changes (entity, entity_key, op, key_id) VALUES ('listing', coalesce((SELECT slug FROM channels WHERE id = new.channel_id), '#' || new.channel_id) || '/' || coalesce((SELECT slug FROM products WHERE id = new.product_id), '#' || new.product_id), 'upsert', new.updated_by);
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `changes_listings_ad`;
--> statement-breakpoint
CREATE TRIGGER `changes_listings_ad` AFTER DELETE ON `listings`
  WHEN EXISTS (SELECT 1 FROM products WHERE id = old.product_id) AND EXISTS (SELECT 1 FROM channels WHERE id = old.channel_id)
BEGIN
  INSERT INTO changes (entity, entity_key, op)
    SELECT 'product', p.slug, 'upsert' FROM products p WHERE p.id = old.product_id
    AND NOT EXISTS (SELECT 1 FROM changes c WHERE c.seq = (SELECT max(seq) FROM changes) AND c.entity = 'product' AND c.entity_key = p.slug AND c.op = 'upsert');
  INSERT INTO changes (entity, entity_key, op) VALUES ('listing', (SELECT slug FROM channels WHERE id = old.channel_id) || '/' || (SELECT slug FROM products WHERE id = old.product_id), 'delete');
END;
--> statement-breakpoint
CREATE TRIGGER `changes_recognitions_product_ai` AFTER INSERT ON `recognitions` BEGIN
  INSERT INTO changes (entity, entity_key, op)
    SELECT 'product', p.slug, 'upsert' FROM products p WHERE p.id = new.product_id
    AND NOT EXISTS (SELECT 1 FROM changes c WHERE c.seq = (SELECT max(seq) FROM changes) AND c.entity = 'product' AND c.entity_key = p.slug AND c.op = 'upsert');
END;
--> statement-breakpoint
CREATE TRIGGER `changes_recognitions_product_au` AFTER UPDATE ON `recognitions`
  WHEN (old.product_id, old.scheme, old.level, old.stars, old.year, old.title_vi, old.title_en, old.decision_number, old.issuer, old.source_url, old.verified, old.sample, old.note_vi, old.note_en)
    IS NOT (new.product_id, new.scheme, new.level, new.stars, new.year, new.title_vi, new.title_en, new.decision_number, new.issuer, new.source_url, new.verified, new.sample, new.note_vi, new.note_en)
BEGIN
  INSERT INTO changes (entity, entity_key, op)
    SELECT 'product', p.slug, 'upsert' FROM products p WHERE p.id IN (old.product_id, new.product_id)
    AND NOT EXISTS (SELECT 1 FROM changes c WHERE c.seq = (SELECT max(seq) FROM changes) AND c.entity = 'product' AND c.entity_key = p.slug AND c.op = 'upsert')
    ORDER BY p.id;
END;
--> statement-breakpoint
CREATE TRIGGER `changes_recognitions_product_ad` AFTER DELETE ON `recognitions` BEGIN
  INSERT INTO changes (entity, entity_key, op)
    SELECT 'product', p.slug, 'upsert' FROM products p WHERE p.id = old.product_id
    AND NOT EXISTS (SELECT 1 FROM changes c WHERE c.seq = (SELECT max(seq) FROM changes) AND c.entity = 'product' AND c.entity_key = p.slug AND c.op = 'upsert');
END;
--> statement-breakpoint
-- 2. Answers to POSTs sent with an `Idempotency-Key`, per API key, kept for a day: the same key and body get the
--    stored answer again, a different body a 422. 3. Scoped keys with an expiry: `scopes` is a space-separated set
--    of `listings`, `webhooks` (what the key may write or manage; existing keys keep both) or `read` (neither);
--    `expires_at` null: never. (Written by drizzle-kit from src/db/schema.ts.)
CREATE TABLE `idempotent_answers` (
	`api_key_id` integer NOT NULL,
	`idempotency_key` text NOT NULL,
	`request_hash` text NOT NULL,
	`status` integer NOT NULL,
	`body` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`expires_at` text NOT NULL,
	PRIMARY KEY(`api_key_id`, `idempotency_key`),
	FOREIGN KEY (`api_key_id`) REFERENCES `api_keys`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `idempotent_answers_expiry_idx` ON `idempotent_answers` (`expires_at`);--> statement-breakpoint
ALTER TABLE `api_keys` ADD `scopes` text DEFAULT 'listings webhooks' NOT NULL;--> statement-breakpoint
ALTER TABLE `api_keys` ADD `expires_at` text;