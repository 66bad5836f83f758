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
