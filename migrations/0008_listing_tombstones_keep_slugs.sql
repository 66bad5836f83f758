-- Listing tombstones name the listing as a mirror keys it (`channel-slug/product-slug`) also when a product or a
-- channel is deleted. The foreign-key cascade deletes the listings after the parent row is gone, so the listings'
-- own delete trigger could only name the parent as `#id` and a mirror kept a listing that no longer exists.
-- BEFORE DELETE triggers on the parents now write those tombstones while both slugs still exist, and the listings'
-- trigger writes only for a listing deleted on its own (parents still there). Hand-written: drizzle-kit does not
-- generate triggers.
DROP TRIGGER IF EXISTS `changes_listings_ad`;
--> statement-breakpoint
CREATE TRIGGER `changes_listings_ad` AFTER DELETE ON `listings`
  WHEN EXISTS (SELECT 1 FROM products WHERE id = old.product_id) AND EXISTS (SELECT 1 FROM channels WHERE id = old.channel_id)
BEGIN
  INSERT INTO changes (entity, entity_key, op) VALUES ('listing', (SELECT slug FROM channels WHERE id = old.channel_id) || '/' || (SELECT slug FROM products WHERE id = old.product_id), 'delete');
END;
--> statement-breakpoint
CREATE TRIGGER `changes_products_bd_listings` BEFORE DELETE ON `products` BEGIN
  INSERT INTO changes (entity, entity_key, op)
    SELECT 'listing', c.slug || '/' || old.slug, 'delete' FROM listings l JOIN channels c ON c.id = l.channel_id WHERE l.product_id = old.id ORDER BY l.id;
END;
--> statement-breakpoint
CREATE TRIGGER `changes_channels_bd_listings` BEFORE DELETE ON `channels` BEGIN
  INSERT INTO changes (entity, entity_key, op)
    SELECT 'listing', old.slug || '/' || p.slug, 'delete' FROM listings l JOIN products p ON p.id = l.product_id WHERE l.channel_id = old.id ORDER BY l.id;
END;
