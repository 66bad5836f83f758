-- Issue 14. (1) product_facets.illustrative for products written with only the `sample` flag. Editors and imports
-- set `sample` and leave provenance 'sourced'; products_sample_provenance_ai (0012) then makes the product
-- illustrative with an UPDATE. When that trigger ran before product_facets_products_ai, the UPDATE found no facet
-- row to mark, and product_facets_products_ai copied `new.provenance` ('sourced'): the product was counted as real
-- in every facet and total. The facet row now reads the product's provenance as stored when it is written, and
-- product_facets_products_provenance_au (0010) corrects it when the UPDATE comes after: right in either order.
DROP TRIGGER `product_facets_products_ai`;--> statement-breakpoint
CREATE TRIGGER `product_facets_products_ai` AFTER INSERT ON `products` BEGIN
  INSERT INTO product_facets (id, tier_rank, product_group, producer_id, district_slug, district, schemes, illustrative)
  SELECT new.id, new.tier_rank, new.product_group, new.producer_id, pr.district_slug, pr.district, (SELECT coalesce(sum(DISTINCT CASE r.scheme WHEN 'cnnt' THEN 1 WHEN 'ocop' THEN 2 WHEN 'geographical_indication' THEN 4 WHEN 'collective_mark' THEN 8 ELSE 0 END), 0) FROM recognitions r WHERE r.product_id = new.id), coalesce((SELECT p.provenance = 'illustrative' FROM products p WHERE p.id = new.id), new.provenance = 'illustrative')
  FROM (SELECT 1) LEFT JOIN producers pr ON pr.id = new.producer_id;
END;--> statement-breakpoint
-- Rows already written that way (facet_counts follows through its triggers on product_facets).
UPDATE product_facets SET illustrative = (SELECT p.provenance = 'illustrative' FROM products p WHERE p.id = product_facets.id)
  WHERE illustrative <> (SELECT p.provenance = 'illustrative' FROM products p WHERE p.id = product_facets.id);
--> statement-breakpoint
-- (2) The shopper's pages and `include=illustrative` list real products first: the order starts with
-- `(provenance = 'illustrative')`, which no index had, so every such page sorted the whole (filtered) catalogue
-- (the unfiltered first page: about 200 ms at 100,000 products). These indexes lead with that expression, for the
-- default order (best tier, then name) and by name, in both languages; the other orders still sort.
CREATE INDEX `products_real_tier_vi_idx` ON `products` ((provenance = 'illustrative'), `tier_rank` DESC, `sort_vi`, `id`);--> statement-breakpoint
CREATE INDEX `products_real_tier_en_idx` ON `products` ((provenance = 'illustrative'), `tier_rank` DESC, `sort_en`, `id`);--> statement-breakpoint
CREATE INDEX `products_real_name_vi_idx` ON `products` ((provenance = 'illustrative'), `sort_vi`, `id`);--> statement-breakpoint
CREATE INDEX `products_real_name_en_idx` ON `products` ((provenance = 'illustrative'), `sort_en`, `id`);--> statement-breakpoint
-- (3) The producer facet counts products per producer and how many are illustrative: this covering index answers
-- it from index entries, not the wide rows (unfiltered, at 100,000 products: about 300 → 9 ms).
CREATE INDEX `products_producer_provenance_idx` ON `products` (`producer_id`, `provenance`);
--> statement-breakpoint
-- (4) The channel facet without a search or producer filter, from counts that do not grow with the catalogue: how
-- many listings each channel has per combination of its product's tier, group, district and schemes, and whether
-- the product and the listing are illustrative (a few thousand rows at most). Counted from the listings instead,
-- it took ~20 ms for tier + group and ~100 ms unfiltered at 100,000 products. Every change is a ±1 upsert, so the
-- counts come out right whatever order SQLite runs these triggers and the provenance triggers in.
CREATE TABLE `channel_counts` (
  `channel_id` integer NOT NULL,
  `tier_rank` integer NOT NULL,
  `product_group` text NOT NULL,
  `district_slug` text NOT NULL DEFAULT '',
  `schemes` integer NOT NULL,
  `illustrative` integer NOT NULL,
  `listing_illustrative` integer NOT NULL,
  `n` integer NOT NULL,
  PRIMARY KEY (`channel_id`, `tier_rank`, `product_group`, `district_slug`, `schemes`, `illustrative`, `listing_illustrative`)
);--> statement-breakpoint
INSERT INTO channel_counts (channel_id, tier_rank, product_group, district_slug, schemes, illustrative, listing_illustrative, n)
  SELECT l.channel_id, f.tier_rank, f.product_group, coalesce(f.district_slug, ''), f.schemes, f.illustrative, l.provenance = 'illustrative', count(*)
  FROM listings l JOIN product_facets f ON f.id = l.product_id GROUP BY 1, 2, 3, 4, 5, 6, 7;--> statement-breakpoint
CREATE TRIGGER `channel_counts_listings_ai` AFTER INSERT ON `listings` BEGIN
  INSERT INTO channel_counts (channel_id, tier_rank, product_group, district_slug, schemes, illustrative, listing_illustrative, n)
  SELECT new.channel_id, f.tier_rank, f.product_group, coalesce(f.district_slug, ''), f.schemes, f.illustrative, new.provenance = 'illustrative', 1
  FROM product_facets f WHERE f.id = new.product_id
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;--> statement-breakpoint
CREATE TRIGGER `channel_counts_listings_ad` AFTER DELETE ON `listings` BEGIN
  INSERT INTO channel_counts (channel_id, tier_rank, product_group, district_slug, schemes, illustrative, listing_illustrative, n)
  SELECT old.channel_id, f.tier_rank, f.product_group, coalesce(f.district_slug, ''), f.schemes, f.illustrative, old.provenance = 'illustrative', -1
  FROM product_facets f WHERE f.id = old.product_id
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;--> statement-breakpoint
CREATE TRIGGER `channel_counts_listings_au` AFTER UPDATE OF channel_id, product_id, provenance ON `listings` BEGIN
  INSERT INTO channel_counts (channel_id, tier_rank, product_group, district_slug, schemes, illustrative, listing_illustrative, n)
  SELECT old.channel_id, f.tier_rank, f.product_group, coalesce(f.district_slug, ''), f.schemes, f.illustrative, old.provenance = 'illustrative', -1
  FROM product_facets f WHERE f.id = old.product_id
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
  INSERT INTO channel_counts (channel_id, tier_rank, product_group, district_slug, schemes, illustrative, listing_illustrative, n)
  SELECT new.channel_id, f.tier_rank, f.product_group, coalesce(f.district_slug, ''), f.schemes, f.illustrative, new.provenance = 'illustrative', 1
  FROM product_facets f WHERE f.id = new.product_id
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;--> statement-breakpoint
CREATE TRIGGER `channel_counts_facets_au` AFTER UPDATE OF tier_rank, product_group, district_slug, schemes, illustrative ON `product_facets` BEGIN
  INSERT INTO channel_counts (channel_id, tier_rank, product_group, district_slug, schemes, illustrative, listing_illustrative, n)
  SELECT l.channel_id, old.tier_rank, old.product_group, coalesce(old.district_slug, ''), old.schemes, old.illustrative, l.provenance = 'illustrative', -1
  FROM listings l WHERE l.product_id = old.id
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
  INSERT INTO channel_counts (channel_id, tier_rank, product_group, district_slug, schemes, illustrative, listing_illustrative, n)
  SELECT l.channel_id, new.tier_rank, new.product_group, coalesce(new.district_slug, ''), new.schemes, new.illustrative, l.provenance = 'illustrative', 1
  FROM listings l WHERE l.product_id = new.id
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;--> statement-breakpoint
-- A product deleted before its listings (the cascade may run either side of this): its listings leave the counts
-- here; a listing deleted after its facet row is gone finds none to subtract from.
CREATE TRIGGER `channel_counts_facets_ad` AFTER DELETE ON `product_facets` BEGIN
  INSERT INTO channel_counts (channel_id, tier_rank, product_group, district_slug, schemes, illustrative, listing_illustrative, n)
  SELECT l.channel_id, old.tier_rank, old.product_group, coalesce(old.district_slug, ''), old.schemes, old.illustrative, l.provenance = 'illustrative', -1
  FROM listings l WHERE l.product_id = old.id
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
-- (5) The channel facet of a search or producer filter looks up each matching product's listings: this covering
-- index answers it without reading the listing rows (a search with 4,863 matches: about 9.5 → 6.5 ms).
CREATE INDEX `listings_product_channel_provenance_idx` ON `listings` (`product_id`, `channel_id`, `provenance`);
