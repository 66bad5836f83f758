-- The catalogue's data version: every write to a table the API reads bumps catalogue_version.version, so a
-- conditional GET is answered by comparing one integer instead of re-running the query (src/lib/etag.ts).
-- A new table whose rows appear in API responses needs the same three triggers.
INSERT INTO `catalogue_version` (`id`, `version`) VALUES (1, 0) ON CONFLICT(`id`) DO NOTHING;
--> statement-breakpoint
CREATE TRIGGER `products_version_ai` AFTER INSERT ON `products` BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `products_version_au` AFTER UPDATE ON `products` BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `products_version_ad` AFTER DELETE ON `products` BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `producers_version_ai` AFTER INSERT ON `producers` BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `producers_version_au` AFTER UPDATE ON `producers` BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `producers_version_ad` AFTER DELETE ON `producers` BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `recognitions_version_ai` AFTER INSERT ON `recognitions` BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `recognitions_version_au` AFTER UPDATE ON `recognitions` BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `recognitions_version_ad` AFTER DELETE ON `recognitions` BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `channels_version_ai` AFTER INSERT ON `channels` BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `channels_version_au` AFTER UPDATE ON `channels` BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `channels_version_ad` AFTER DELETE ON `channels` BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `listings_version_ai` AFTER INSERT ON `listings` BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `listings_version_au` AFTER UPDATE ON `listings` BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `listings_version_ad` AFTER DELETE ON `listings` BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `support_projects_version_ai` AFTER INSERT ON `support_projects` BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `support_projects_version_au` AFTER UPDATE ON `support_projects` BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `support_projects_version_ad` AFTER DELETE ON `support_projects` BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `programme_figures_version_ai` AFTER INSERT ON `programme_figures` BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `programme_figures_version_au` AFTER UPDATE ON `programme_figures` BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `programme_figures_version_ad` AFTER DELETE ON `programme_figures` BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
