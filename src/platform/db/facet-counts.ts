/**
 * Rebuilds the derived facet tables (migrations 0009_facet_counts, 0010_field_provenance and 0016) from the base tables: used by a restore, whose
 * backup may predate them or whose rows were loaded with the triggers set aside. Run with the triggers off (or
 * the facet_counts triggers would count the rows twice). The SQL is the migration's own.
 */
export const REBUILD_FACET_COUNTS = [
  "DELETE FROM product_facets",
  "DELETE FROM facet_counts",
  `INSERT INTO product_facets (id, tier_rank, product_group, producer_id, district_slug, district, schemes, illustrative)
  SELECT p.id, p.tier_rank, p.product_group, p.producer_id, pr.district_slug, pr.district,
    (SELECT coalesce(sum(DISTINCT CASE r.scheme WHEN 'cnnt' THEN 1 WHEN 'ocop' THEN 2 WHEN 'geographical_indication' THEN 4 WHEN 'collective_mark' THEN 8 ELSE 0 END), 0) FROM recognitions r WHERE r.product_id = p.id),
    p.provenance = 'illustrative'
  FROM products p JOIN producers pr ON pr.id = p.producer_id`,
  `INSERT INTO facet_counts (tier_rank, product_group, district_slug, district, schemes, illustrative, n)
  SELECT tier_rank, product_group, coalesce(district_slug, ''), coalesce(district, ''), schemes, illustrative, count(*)
  FROM product_facets GROUP BY 1, 2, 3, 4, 5, 6`,
  "DELETE FROM channel_counts",
  `INSERT INTO channel_counts (channel_id, tier_rank, product_group, district_slug, schemes, illustrative, listing_illustrative, n)
  SELECT l.channel_id, f.tier_rank, f.product_group, coalesce(f.district_slug, ''), f.schemes, f.illustrative, l.provenance = 'illustrative', count(*)
  FROM listings l JOIN product_facets f ON f.id = l.product_id GROUP BY 1, 2, 3, 4, 5, 6, 7`,
];

/** The derived tables {@link REBUILD_FACET_COUNTS} writes: a restore rebuilds them all when a backup lacks one. */
export const DERIVED_FACET_TABLES = ["product_facets", "facet_counts", "channel_counts"];
