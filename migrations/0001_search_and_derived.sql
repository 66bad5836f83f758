-- Full-text search over products (accent-folded text written by the application) and the derived
-- tier_rank / ocop_stars columns kept current by triggers on recognitions.
CREATE VIRTUAL TABLE `products_fts` USING fts5(
  sort_vi, sort_en, search_text,
  content='products', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `products_fts_ai` AFTER INSERT ON `products` BEGIN
  INSERT INTO products_fts(rowid, sort_vi, sort_en, search_text) VALUES (new.id, new.sort_vi, new.sort_en, new.search_text);
END;
--> statement-breakpoint
CREATE TRIGGER `products_fts_ad` AFTER DELETE ON `products` BEGIN
  INSERT INTO products_fts(products_fts, rowid, sort_vi, sort_en, search_text) VALUES ('delete', old.id, old.sort_vi, old.sort_en, old.search_text);
END;
--> statement-breakpoint
CREATE TRIGGER `products_fts_au` AFTER UPDATE OF sort_vi, sort_en, search_text ON `products` BEGIN
  INSERT INTO products_fts(products_fts, rowid, sort_vi, sort_en, search_text) VALUES ('delete', old.id, old.sort_vi, old.sort_en, old.search_text);
  INSERT INTO products_fts(rowid, sort_vi, sort_en, search_text) VALUES (new.id, new.sort_vi, new.sort_en, new.search_text);
END;
--> statement-breakpoint
CREATE TRIGGER `recognitions_derive_ai` AFTER INSERT ON `recognitions` BEGIN
  UPDATE products SET
    tier_rank = (SELECT coalesce(max(CASE r.level WHEN 'district' THEN 1 WHEN 'provincial' THEN 2 WHEN 'regional' THEN 3 WHEN 'national' THEN 4 ELSE 0 END), 0) FROM recognitions r WHERE r.product_id = new.product_id AND r.scheme = 'cnnt'),
    ocop_stars = (SELECT coalesce(max(r.stars), 0) FROM recognitions r WHERE r.product_id = new.product_id AND r.scheme = 'ocop')
  WHERE id = new.product_id;
END;
--> statement-breakpoint
CREATE TRIGGER `recognitions_derive_ad` AFTER DELETE ON `recognitions` BEGIN
  UPDATE products SET
    tier_rank = (SELECT coalesce(max(CASE r.level WHEN 'district' THEN 1 WHEN 'provincial' THEN 2 WHEN 'regional' THEN 3 WHEN 'national' THEN 4 ELSE 0 END), 0) FROM recognitions r WHERE r.product_id = old.product_id AND r.scheme = 'cnnt'),
    ocop_stars = (SELECT coalesce(max(r.stars), 0) FROM recognitions r WHERE r.product_id = old.product_id AND r.scheme = 'ocop')
  WHERE id = old.product_id;
END;
--> statement-breakpoint
CREATE TRIGGER `recognitions_derive_au` AFTER UPDATE ON `recognitions` BEGIN
  UPDATE products SET
    tier_rank = (SELECT coalesce(max(CASE r.level WHEN 'district' THEN 1 WHEN 'provincial' THEN 2 WHEN 'regional' THEN 3 WHEN 'national' THEN 4 ELSE 0 END), 0) FROM recognitions r WHERE r.product_id = products.id AND r.scheme = 'cnnt'),
    ocop_stars = (SELECT coalesce(max(r.stars), 0) FROM recognitions r WHERE r.product_id = products.id AND r.scheme = 'ocop')
  WHERE id IN (old.product_id, new.product_id);
END;
