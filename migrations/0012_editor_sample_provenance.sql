-- Editors (issue 12) mark illustrative values with the release-1 flags: `sample` on a record and `sample_fields`
-- naming fields (and `sample` on a pack of `packaging`). Every output reads `provenance` / `field_provenance`
-- (issue 10), so these triggers carry a flag an editor sets into the provenance model whenever the writer did not set
-- provenance itself (the seed sets both; the editor paths set only the flags). A field that was already inferred
-- stays inferred; a field no longer named goes back to sourced; the weakest state wins.
CREATE TRIGGER `products_sample_provenance_ai` AFTER INSERT ON `products` WHEN (new.sample = 1 AND new.provenance = 'sourced') OR (new.field_provenance = '{}' AND (new.sample_fields <> '[]' OR EXISTS (SELECT 1 FROM json_each(new.packaging) WHERE json_extract(value, '$.sample')))) BEGIN
  UPDATE products SET
    provenance = CASE WHEN new.sample = 1 AND new.provenance = 'sourced' THEN 'illustrative' ELSE provenance END,
    field_provenance = CASE WHEN new.field_provenance <> '{}' THEN field_provenance ELSE (SELECT coalesce(json_group_object(f, s), '{}') FROM (SELECT f, min(s) AS s FROM (
      SELECT value AS f, 'illustrative' AS s FROM json_each(new.sample_fields)
      UNION ALL SELECT 'packaging', 'illustrative' WHERE EXISTS (SELECT 1 FROM json_each(new.packaging) WHERE json_extract(value, '$.sample'))
    ) GROUP BY f)) END
  WHERE id = new.id;
END;--> statement-breakpoint
CREATE TRIGGER `products_sample_provenance_au` AFTER UPDATE OF sample, sample_fields, packaging ON `products` WHEN new.provenance = old.provenance AND new.field_provenance = old.field_provenance AND (new.sample <> old.sample OR new.sample_fields <> old.sample_fields OR new.packaging <> old.packaging) BEGIN
  UPDATE products SET
    provenance = CASE WHEN new.sample = 1 THEN 'illustrative' WHEN old.sample = 1 THEN 'sourced' ELSE provenance END,
    field_provenance = (SELECT coalesce(json_group_object(f, s), '{}') FROM (SELECT f, min(s) AS s FROM (
      SELECT value AS f, coalesce(json_extract(old.field_provenance, '$.' || value), 'illustrative') AS s FROM json_each(new.sample_fields)
      UNION ALL SELECT 'packaging', 'illustrative' WHERE EXISTS (SELECT 1 FROM json_each(new.packaging) WHERE json_extract(value, '$.sample'))
    ) GROUP BY f))
  WHERE id = new.id;
END;--> statement-breakpoint
CREATE TRIGGER `producers_sample_provenance_ai` AFTER INSERT ON `producers` WHEN (new.sample = 1 AND new.provenance = 'sourced') OR (new.field_provenance = '{}' AND new.sample_fields <> '[]') BEGIN
  UPDATE producers SET
    provenance = CASE WHEN new.sample = 1 AND new.provenance = 'sourced' THEN 'illustrative' ELSE provenance END,
    field_provenance = CASE WHEN new.field_provenance <> '{}' THEN field_provenance ELSE (SELECT coalesce(json_group_object(value, 'illustrative'), '{}') FROM json_each(new.sample_fields)) END
  WHERE id = new.id;
END;--> statement-breakpoint
CREATE TRIGGER `producers_sample_provenance_au` AFTER UPDATE OF sample, sample_fields ON `producers` WHEN new.provenance = old.provenance AND new.field_provenance = old.field_provenance AND (new.sample <> old.sample OR new.sample_fields <> old.sample_fields) BEGIN
  UPDATE producers SET
    provenance = CASE WHEN new.sample = 1 THEN 'illustrative' WHEN old.sample = 1 THEN 'sourced' ELSE provenance END,
    field_provenance = (SELECT coalesce(json_group_object(value, coalesce(json_extract(old.field_provenance, '$.' || value), 'illustrative')), '{}') FROM json_each(new.sample_fields))
  WHERE id = new.id;
END;--> statement-breakpoint
CREATE TRIGGER `recognitions_sample_provenance_ai` AFTER INSERT ON `recognitions` WHEN new.provenance = 'sourced' AND new.sample = 1 BEGIN
  UPDATE recognitions SET provenance = 'illustrative' WHERE id = new.id;
END;--> statement-breakpoint
CREATE TRIGGER `recognitions_sample_provenance_au` AFTER UPDATE OF sample ON `recognitions` WHEN new.provenance = old.provenance AND new.sample <> old.sample BEGIN
  UPDATE recognitions SET provenance = CASE WHEN new.sample = 1 THEN 'illustrative' ELSE 'sourced' END WHERE id = new.id;
END;
