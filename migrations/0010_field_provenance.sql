DROP INDEX `products_tier_group_idx`;--> statement-breakpoint
DROP INDEX `products_group_tier_idx`;--> statement-breakpoint
DROP INDEX `products_facet_idx`;--> statement-breakpoint
ALTER TABLE `products` ADD `provenance` text DEFAULT 'sourced' NOT NULL;--> statement-breakpoint
ALTER TABLE `products` ADD `field_provenance` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
CREATE INDEX `products_tier_group_idx` ON `products` (`tier_rank`,`product_group`,`producer_id`,`provenance`);--> statement-breakpoint
CREATE INDEX `products_group_tier_idx` ON `products` (`product_group`,`tier_rank`,`producer_id`,`provenance`);--> statement-breakpoint
CREATE INDEX `products_facet_idx` ON `products` (`id`,`tier_rank`,`product_group`,`producer_id`,`provenance`);--> statement-breakpoint
ALTER TABLE `channels` ADD `provenance` text DEFAULT 'sourced' NOT NULL;--> statement-breakpoint
ALTER TABLE `channels` ADD `field_provenance` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `listings` ADD `provenance` text DEFAULT 'sourced' NOT NULL;--> statement-breakpoint
ALTER TABLE `listings` ADD `field_provenance` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `producers` ADD `provenance` text DEFAULT 'sourced' NOT NULL;--> statement-breakpoint
ALTER TABLE `producers` ADD `field_provenance` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `producers` ADD `address_as_of` text;--> statement-breakpoint
ALTER TABLE `programme_figures` ADD `qualifier` text;--> statement-breakpoint
ALTER TABLE `programme_figures` ADD `provenance` text DEFAULT 'sourced' NOT NULL;--> statement-breakpoint
ALTER TABLE `recognitions` ADD `provenance` text DEFAULT 'sourced' NOT NULL;--> statement-breakpoint
ALTER TABLE `recognitions` ADD `field_provenance` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `support_projects` ADD `provenance` text DEFAULT 'sourced' NOT NULL;--> statement-breakpoint
ALTER TABLE `support_projects` ADD `field_provenance` text DEFAULT '{}' NOT NULL;
--> statement-breakpoint
-- Rows written before provenance existed: a sample record is illustrative, and so is each field its sample_fields
-- named (the old list mixed inferred and illustrative values, so the weaker state is the safe reading).
UPDATE `producers` SET `provenance` = 'illustrative' WHERE `sample` = 1;--> statement-breakpoint
UPDATE `products` SET `provenance` = 'illustrative' WHERE `sample` = 1;--> statement-breakpoint
UPDATE `recognitions` SET `provenance` = 'illustrative' WHERE `sample` = 1;--> statement-breakpoint
UPDATE `channels` SET `provenance` = 'illustrative' WHERE `sample` = 1;--> statement-breakpoint
UPDATE `listings` SET `provenance` = 'illustrative' WHERE `sample` = 1;--> statement-breakpoint
UPDATE `support_projects` SET `provenance` = 'illustrative' WHERE `sample` = 1;--> statement-breakpoint
UPDATE `producers` SET `field_provenance` = (SELECT json_group_object(value, 'illustrative') FROM json_each(`producers`.`sample_fields`)) WHERE `sample_fields` <> '[]';--> statement-breakpoint
UPDATE `products` SET `field_provenance` = (SELECT json_group_object(value, 'illustrative') FROM json_each(`products`.`sample_fields`)) WHERE `sample_fields` <> '[]';--> statement-breakpoint
UPDATE `products` SET `field_provenance` = json_set(`field_provenance`, '$.packaging', 'illustrative') WHERE EXISTS (SELECT 1 FROM json_each(`products`.`packaging`) WHERE json_extract(value, '$.sample'));--> statement-breakpoint
ALTER TABLE `product_facets` ADD `illustrative` integer NOT NULL DEFAULT 0;--> statement-breakpoint
UPDATE `product_facets` SET `illustrative` = (SELECT p.provenance = 'illustrative' FROM products p WHERE p.id = product_facets.id);--> statement-breakpoint
DROP TABLE `facet_counts`;--> statement-breakpoint
CREATE TABLE `facet_counts` (
  `tier_rank` integer NOT NULL,
  `product_group` text NOT NULL,
  `district_slug` text NOT NULL DEFAULT '',
  `district` text NOT NULL DEFAULT '',
  `schemes` integer NOT NULL,
  `illustrative` integer NOT NULL DEFAULT 0,
  `n` integer NOT NULL,
  PRIMARY KEY (`tier_rank`, `product_group`, `district_slug`, `district`, `schemes`, `illustrative`)
);--> statement-breakpoint
INSERT INTO facet_counts (tier_rank, product_group, district_slug, district, schemes, illustrative, n)
  SELECT tier_rank, product_group, coalesce(district_slug, ''), coalesce(district, ''), schemes, illustrative, count(*)
  FROM product_facets GROUP BY 1, 2, 3, 4, 5, 6;--> statement-breakpoint
DROP TRIGGER `facet_counts_ai`;--> statement-breakpoint
DROP TRIGGER `facet_counts_ad`;--> statement-breakpoint
DROP TRIGGER `facet_counts_au`;--> statement-breakpoint
DROP TRIGGER `product_facets_products_ai`;--> statement-breakpoint
CREATE TRIGGER `product_facets_products_ai` AFTER INSERT ON `products` BEGIN
  INSERT INTO product_facets (id, tier_rank, product_group, producer_id, district_slug, district, schemes, illustrative)
  SELECT new.id, new.tier_rank, new.product_group, new.producer_id, pr.district_slug, pr.district, (SELECT coalesce(sum(DISTINCT CASE r.scheme WHEN 'cnnt' THEN 1 WHEN 'ocop' THEN 2 WHEN 'geographical_indication' THEN 4 WHEN 'collective_mark' THEN 8 ELSE 0 END), 0) FROM recognitions r WHERE r.product_id = new.id), new.provenance = 'illustrative'
  FROM (SELECT 1) LEFT JOIN producers pr ON pr.id = new.producer_id;
END;--> statement-breakpoint
CREATE TRIGGER `product_facets_products_provenance_au` AFTER UPDATE OF provenance ON `products` BEGIN
  UPDATE product_facets SET illustrative = (new.provenance = 'illustrative') WHERE id = new.id AND illustrative <> (new.provenance = 'illustrative');
END;--> statement-breakpoint
CREATE TRIGGER `facet_counts_ai` AFTER INSERT ON `product_facets` BEGIN
  INSERT INTO facet_counts (tier_rank, product_group, district_slug, district, schemes, illustrative, n)
  VALUES (new.tier_rank, new.product_group, coalesce(new.district_slug, ''), coalesce(new.district, ''), new.schemes, new.illustrative, 1)
  ON CONFLICT DO UPDATE SET n = n + 1;
END;--> statement-breakpoint
CREATE TRIGGER `facet_counts_ad` AFTER DELETE ON `product_facets` BEGIN
  UPDATE facet_counts SET n = n - 1
  WHERE tier_rank = old.tier_rank AND product_group = old.product_group AND district_slug = coalesce(old.district_slug, '')
    AND district = coalesce(old.district, '') AND schemes = old.schemes AND illustrative = old.illustrative;
END;--> statement-breakpoint
CREATE TRIGGER `facet_counts_au` AFTER UPDATE ON `product_facets` BEGIN
  UPDATE facet_counts SET n = n - 1
  WHERE tier_rank = old.tier_rank AND product_group = old.product_group AND district_slug = coalesce(old.district_slug, '')
    AND district = coalesce(old.district, '') AND schemes = old.schemes AND illustrative = old.illustrative;
  INSERT INTO facet_counts (tier_rank, product_group, district_slug, district, schemes, illustrative, n)
  VALUES (new.tier_rank, new.product_group, coalesce(new.district_slug, ''), coalesce(new.district, ''), new.schemes, new.illustrative, 1)
  ON CONFLICT DO UPDATE SET n = n + 1;
END;
