// Derived tables, kept by triggers (migration 0009_facet_counts) and read only by raw SQL (src/catalogue/products/facets.queries.ts).
// They live apart from schema.ts so that the Worker, which hands schema.ts whole to drizzle, does not carry them;
// drizzle-kit reads both files (drizzle.config.ts).
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * What the product list's facets group by, one narrow row per product (the producer's district copied in, the
 * recognition schemes as SCHEME_BITS), kept by triggers on products, producers and recognitions (migration
 * 0009_facet_counts). Derived: never written by the app.
 */
export const productFacets = sqliteTable(
  "product_facets",
  {
    id: integer("id").primaryKey(),
    tierRank: integer("tier_rank").notNull(),
    productGroup: text("product_group").notNull(),
    producerId: integer("producer_id").notNull(),
    districtSlug: text("district_slug"),
    district: text("district"),
    schemes: integer("schemes").notNull().default(0),
    /** 1 when the product is illustrative (migration 0010_field_provenance): counted apart, left out by default. */
    illustrative: integer("illustrative").notNull().default(0),
  },
  (t) => [index("product_facets_producer_idx").on(t.producerId)],
);

/**
 * How many products have each combination of tier, group, district and schemes: a few hundred rows at any
 * catalogue size, kept by triggers on product_facets. The unsearched list's tier, group, district and scheme
 * facets are sums over it.
 */
export const facetCounts = sqliteTable(
  "facet_counts",
  {
    tierRank: integer("tier_rank").notNull(),
    productGroup: text("product_group").notNull(),
    districtSlug: text("district_slug").notNull().default(""),
    district: text("district").notNull().default(""),
    schemes: integer("schemes").notNull(),
    illustrative: integer("illustrative").notNull().default(0),
    n: integer("n").notNull(),
  },
  (t) => [
    primaryKey({
      columns: [t.tierRank, t.productGroup, t.districtSlug, t.district, t.schemes, t.illustrative],
    }),
  ],
);

/**
 * How many listings each channel has per combination of its product's tier, group, district and schemes, and
 * whether the product and the listing are illustrative, kept by triggers on listings and product_facets
 * (migration 0016). The channel facet of a list without a search or producer filter sums it.
 */
export const channelCounts = sqliteTable(
  "channel_counts",
  {
    channelId: integer("channel_id").notNull(),
    tierRank: integer("tier_rank").notNull(),
    productGroup: text("product_group").notNull(),
    districtSlug: text("district_slug").notNull().default(""),
    schemes: integer("schemes").notNull(),
    illustrative: integer("illustrative").notNull(),
    listingIllustrative: integer("listing_illustrative").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [
    primaryKey({
      columns: [
        t.channelId,
        t.tierRank,
        t.productGroup,
        t.districtSlug,
        t.schemes,
        t.illustrative,
        t.listingIllustrative,
      ],
    }),
  ],
);
