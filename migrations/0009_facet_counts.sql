-- Facet counts that do not grow with the catalogue (issue 14). `product_facets` is a narrow copy of what the
-- product list's facets group by — tier, group, producer, the producer's district, and the product's recognition
-- schemes as bits (cnnt 1, ocop 2, geographical_indication 4, collective_mark 8) — one row per product, kept by the
-- triggers below. `facet_counts` holds how many products have each combination of tier, group, district and schemes
-- (a few hundred rows however large the catalogue), kept by triggers on product_facets: without a search, producer
-- or channel filter, the tier, group, district and scheme facets are summed from it instead of counted from rows.
CREATE TABLE `product_facets` (
  `id` integer PRIMARY KEY NOT NULL,
  `tier_rank` integer NOT NULL,
  `product_group` text NOT NULL,
  `producer_id` integer NOT NULL,
  `district_slug` text,
  `district` text,
  `schemes` integer NOT NULL DEFAULT 0
);
--> statement-breakpoint
CREATE INDEX `product_facets_producer_idx` ON `product_facets` (`producer_id`);
--> statement-breakpoint
CREATE TABLE `facet_counts` (
  `tier_rank` integer NOT NULL,
  `product_group` text NOT NULL,
  `district_slug` text NOT NULL DEFAULT '',
  `district` text NOT NULL DEFAULT '',
  `schemes` integer NOT NULL,
  `n` integer NOT NULL,
  PRIMARY KEY (`tier_rank`, `product_group`, `district_slug`, `district`, `schemes`)
);
--> statement-breakpoint
INSERT INTO product_facets (id, tier_rank, product_group, producer_id, district_slug, district, schemes)
  SELECT p.id, p.tier_rank, p.product_group, p.producer_id, pr.district_slug, pr.district, (SELECT coalesce(sum(DISTINCT CASE r.scheme WHEN 'cnnt' THEN 1 WHEN 'ocop' THEN 2 WHEN 'geographical_indication' THEN 4 WHEN 'collective_mark' THEN 8 ELSE 0 END), 0) FROM recognitions r WHERE r.product_id = p.id)
  FROM products p JOIN producers pr ON pr.id = p.producer_id;
--> statement-breakpoint
INSERT INTO facet_counts (tier_rank, product_group, district_slug, district, schemes, n)
  SELECT tier_rank, product_group, coalesce(district_slug, ''), coalesce(district, ''), schemes, count(*)
  FROM product_facets GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
CREATE TRIGGER `product_facets_products_ai` AFTER INSERT ON `products` BEGIN
  INSERT INTO product_facets (id, tier_rank, product_group, producer_id, district_slug, district, schemes)
  SELECT new.id, new.tier_rank, new.product_group, new.producer_id, pr.district_slug, pr.district, (SELECT coalesce(sum(DISTINCT CASE r.scheme WHEN 'cnnt' THEN 1 WHEN 'ocop' THEN 2 WHEN 'geographical_indication' THEN 4 WHEN 'collective_mark' THEN 8 ELSE 0 END), 0) FROM recognitions r WHERE r.product_id = new.id)
  FROM (SELECT 1) LEFT JOIN producers pr ON pr.id = new.producer_id;
END;
--> statement-breakpoint
CREATE TRIGGER `product_facets_products_au` AFTER UPDATE OF tier_rank, product_group, producer_id ON `products` BEGIN
  UPDATE product_facets SET
    tier_rank = new.tier_rank,
    product_group = new.product_group,
    producer_id = new.producer_id,
    district_slug = (SELECT district_slug FROM producers WHERE id = new.producer_id),
    district = (SELECT district FROM producers WHERE id = new.producer_id)
  WHERE id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `product_facets_products_ad` AFTER DELETE ON `products` BEGIN
  DELETE FROM product_facets WHERE id = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `product_facets_producers_au` AFTER UPDATE OF district_slug, district ON `producers` BEGIN
  UPDATE product_facets SET district_slug = new.district_slug, district = new.district WHERE producer_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `product_facets_recognitions_ai` AFTER INSERT ON `recognitions` BEGIN
  UPDATE product_facets SET schemes = (SELECT coalesce(sum(DISTINCT CASE r.scheme WHEN 'cnnt' THEN 1 WHEN 'ocop' THEN 2 WHEN 'geographical_indication' THEN 4 WHEN 'collective_mark' THEN 8 ELSE 0 END), 0) FROM recognitions r WHERE r.product_id = new.product_id) WHERE id = new.product_id;
END;
--> statement-breakpoint
CREATE TRIGGER `product_facets_recognitions_ad` AFTER DELETE ON `recognitions` BEGIN
  UPDATE product_facets SET schemes = (SELECT coalesce(sum(DISTINCT CASE r.scheme WHEN 'cnnt' THEN 1 WHEN 'ocop' THEN 2 WHEN 'geographical_indication' THEN 4 WHEN 'collective_mark' THEN 8 ELSE 0 END), 0) FROM recognitions r WHERE r.product_id = old.product_id) WHERE id = old.product_id;
END;
--> statement-breakpoint
CREATE TRIGGER `product_facets_recognitions_au` AFTER UPDATE OF scheme, product_id ON `recognitions` BEGIN
  UPDATE product_facets SET schemes = (SELECT coalesce(sum(DISTINCT CASE r.scheme WHEN 'cnnt' THEN 1 WHEN 'ocop' THEN 2 WHEN 'geographical_indication' THEN 4 WHEN 'collective_mark' THEN 8 ELSE 0 END), 0) FROM recognitions r WHERE r.product_id = product_facets.id) WHERE id IN (old.product_id, new.product_id);
END;
--> statement-breakpoint
CREATE TRIGGER `facet_counts_ai` AFTER INSERT ON `product_facets` BEGIN
  INSERT INTO facet_counts (tier_rank, product_group, district_slug, district, schemes, n)
  VALUES (new.tier_rank, new.product_group, coalesce(new.district_slug, ''), coalesce(new.district, ''), new.schemes, 1)
  ON CONFLICT DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `facet_counts_ad` AFTER DELETE ON `product_facets` BEGIN
  UPDATE facet_counts SET n = n - 1
  WHERE tier_rank = old.tier_rank AND product_group = old.product_group AND district_slug = coalesce(old.district_slug, '')
    AND district = coalesce(old.district, '') AND schemes = old.schemes;
END;
--> statement-breakpoint
CREATE TRIGGER `facet_counts_au` AFTER UPDATE ON `product_facets` BEGIN
  UPDATE facet_counts SET n = n - 1
  WHERE tier_rank = old.tier_rank AND product_group = old.product_group AND district_slug = coalesce(old.district_slug, '')
    AND district = coalesce(old.district, '') AND schemes = old.schemes;
  INSERT INTO facet_counts (tier_rank, product_group, district_slug, district, schemes, n)
  VALUES (new.tier_rank, new.product_group, coalesce(new.district_slug, ''), coalesce(new.district, ''), new.schemes, 1)
  ON CONFLICT DO UPDATE SET n = n + 1;
END;
