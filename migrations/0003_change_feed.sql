-- The change feed (GET /api/v1/changes): triggers append one row per real change of a product, producer,
-- recognition or listing. Updates that leave every column as it was (the seed re-run by `npm start`, the
-- recognition triggers recomputing an unchanged tier) add nothing: each update trigger compares OLD and NEW.
-- Hand-written (drizzle-kit does not generate triggers). A database that already holds a catalogue gets one
-- upsert entry per existing entity (the last statement), so a mirror that starts from the beginning is complete.
CREATE TRIGGER `changes_products_ai` AFTER INSERT ON `products` BEGIN
  INSERT INTO changes (entity, entity_key, op, key_id) VALUES ('product', new.slug, 'upsert', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `changes_products_au` AFTER UPDATE ON `products`
  WHEN (old.slug, old.producer_id, old.name_vi, old.name_en, old.description_vi, old.description_en, old.product_group, old.category_vi, old.category_en, old.packaging, old.image, old.image_alt_vi, old.image_alt_en, old.sources, old.sample, old.sample_fields, old.tier_rank, old.ocop_stars, old.sort_vi, old.sort_en, old.search_text, old.created_at)
    IS NOT (new.slug, new.producer_id, new.name_vi, new.name_en, new.description_vi, new.description_en, new.product_group, new.category_vi, new.category_en, new.packaging, new.image, new.image_alt_vi, new.image_alt_en, new.sources, new.sample, new.sample_fields, new.tier_rank, new.ocop_stars, new.sort_vi, new.sort_en, new.search_text, new.created_at)
BEGIN
  INSERT INTO changes (entity, entity_key, op) SELECT 'product', old.slug, 'delete' WHERE old.slug IS NOT new.slug;
  INSERT INTO changes (entity, entity_key, op, key_id) VALUES ('product', new.slug, 'upsert', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `changes_products_ad` AFTER DELETE ON `products` BEGIN
  INSERT INTO changes (entity, entity_key, op) VALUES ('product', old.slug, 'delete');
END;
--> statement-breakpoint
CREATE TRIGGER `changes_producers_ai` AFTER INSERT ON `producers` BEGIN
  INSERT INTO changes (entity, entity_key, op, key_id) VALUES ('producer', new.slug, 'upsert', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `changes_producers_au` AFTER UPDATE ON `producers`
  WHEN (old.slug, old.name, old.legal_type, old.street, old.commune, old.district, old.district_slug, old.province, old.founded_year, old.representative, old.description_vi, old.description_en, old.sources, old.sample, old.sample_fields, old.created_at)
    IS NOT (new.slug, new.name, new.legal_type, new.street, new.commune, new.district, new.district_slug, new.province, new.founded_year, new.representative, new.description_vi, new.description_en, new.sources, new.sample, new.sample_fields, new.created_at)
BEGIN
  INSERT INTO changes (entity, entity_key, op) SELECT 'producer', old.slug, 'delete' WHERE old.slug IS NOT new.slug;
  INSERT INTO changes (entity, entity_key, op, key_id) VALUES ('producer', new.slug, 'upsert', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `changes_producers_ad` AFTER DELETE ON `producers` BEGIN
  INSERT INTO changes (entity, entity_key, op) VALUES ('producer', old.slug, 'delete');
END;
--> statement-breakpoint
CREATE TRIGGER `changes_recognitions_ai` AFTER INSERT ON `recognitions` BEGIN
  INSERT INTO changes (entity, entity_key, op, key_id) VALUES ('recognition', CAST(new.id AS TEXT), 'upsert', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `changes_recognitions_au` AFTER UPDATE ON `recognitions`
  WHEN (old.product_id, old.scheme, old.level, old.stars, old.year, old.title_vi, old.title_en, old.decision_number, old.issuer, old.source_url, old.verified, old.sample, old.note_vi, old.note_en)
    IS NOT (new.product_id, new.scheme, new.level, new.stars, new.year, new.title_vi, new.title_en, new.decision_number, new.issuer, new.source_url, new.verified, new.sample, new.note_vi, new.note_en)
BEGIN
  INSERT INTO changes (entity, entity_key, op, key_id) VALUES ('recognition', CAST(new.id AS TEXT), 'upsert', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `changes_recognitions_ad` AFTER DELETE ON `recognitions` BEGIN
  INSERT INTO changes (entity, entity_key, op) VALUES ('recognition', CAST(old.id AS TEXT), 'delete');
END;
--> statement-breakpoint
CREATE TRIGGER `changes_listings_ai` AFTER INSERT ON `listings` BEGIN
  INSERT INTO changes (entity, entity_key, op, key_id) VALUES ('listing', coalesce((SELECT slug FROM channels WHERE id = new.channel_id), '#' || new.channel_id) || '/' || coalesce((SELECT slug FROM products WHERE id = new.product_id), '#' || new.product_id), 'upsert', new.updated_by);
END;
--> statement-breakpoint
CREATE TRIGGER `changes_listings_au` AFTER UPDATE ON `listings`
  WHEN (old.product_id, old.channel_id, old.status, old.price_vnd, old.channel_sku, old.url, old.stores, old.note, old.last_verified, old.source_url, old.sample, old.version)
    IS NOT (new.product_id, new.channel_id, new.status, new.price_vnd, new.channel_sku, new.url, new.stores, new.note, new.last_verified, new.source_url, new.sample, new.version)
BEGIN
  INSERT INTO changes (entity, entity_key, op) SELECT 'listing', coalesce((SELECT slug FROM channels WHERE id = old.channel_id), '#' || old.channel_id) || '/' || coalesce((SELECT slug FROM products WHERE id = old.product_id), '#' || old.product_id), 'delete'
    WHERE (old.channel_id, old.product_id) IS NOT (new.channel_id, new.product_id);
  INSERT INTO changes (entity, entity_key, op, key_id) VALUES ('listing', coalesce((SELECT slug FROM channels WHERE id = new.channel_id), '#' || new.channel_id) || '/' || coalesce((SELECT slug FROM products WHERE id = new.product_id), '#' || new.product_id), 'upsert', new.updated_by);
END;
--> statement-breakpoint
CREATE TRIGGER `changes_listings_ad` AFTER DELETE ON `listings` BEGIN
  INSERT INTO changes (entity, entity_key, op) VALUES ('listing', coalesce((SELECT slug FROM channels WHERE id = old.channel_id), '#' || old.channel_id) || '/' || coalesce((SELECT slug FROM products WHERE id = old.product_id), '#' || old.product_id), 'delete');
END;
--> statement-breakpoint
INSERT INTO changes (entity, entity_key, op)
  SELECT 'producer', slug, 'upsert' FROM (SELECT slug FROM producers ORDER BY id)
  UNION ALL SELECT 'product', slug, 'upsert' FROM (SELECT slug FROM products ORDER BY id)
  UNION ALL SELECT 'recognition', CAST(id AS TEXT), 'upsert' FROM (SELECT id FROM recognitions ORDER BY id)
  UNION ALL SELECT 'listing', c.slug || '/' || p.slug, 'upsert'
    FROM listings l JOIN channels c ON c.id = l.channel_id JOIN products p ON p.id = l.product_id;
