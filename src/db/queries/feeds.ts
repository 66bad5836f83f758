import { sql } from "drizzle-orm";
import { tierOf } from "../../domain.ts";
import type { CountedD1 } from "../../env.ts";
import { toStatement } from "../client.ts";
import { type ProductSummaryRow, priceFrom } from "../mappers.ts";

/**
 * The columns of the full product feeds, in order. Stable: new columns are only ever appended.
 * Documented in the README ("For retailers") and the OpenAPI document.
 */
export const FEED_COLUMNS = [
  "slug",
  "name_vi",
  "name_en",
  "category_vi",
  "category_en",
  "product_group",
  "tier",
  "ocop_stars",
  "price_from_vnd",
  "producer_slug",
  "producer_name",
  "district",
  "province",
  "channels",
  "image",
  "sample",
  "updated_at",
] as const;
export type FeedRow = Record<(typeof FEED_COLUMNS)[number], string | number | boolean | null>;

interface Row extends ProductSummaryRow {
  district: string | null;
  province: string;
  channels: string | null;
  updated_at: string;
}

/**
 * Every product as a feed row, and the change-feed position the rows reflect (for the ETag), in one D1 batch.
 * The whole catalogue (tens of products) fits one result set; past about 10,000 rows this should page by slug.
 */
export async function productFeed(d1: CountedD1): Promise<{ rows: FeedRow[]; position: number }> {
  const [products, position] = await d1.batch([
    toStatement(
      d1,
      sql`SELECT p.slug, p.name_vi, p.name_en, p.category_vi, p.category_en, p.product_group, p.tier_rank,
  p.ocop_stars, p.packaging, pr.slug AS producer_slug, pr.name AS producer_name, pr.district, pr.province,
  (SELECT group_concat(slug, ';') FROM (SELECT c.slug FROM listings l JOIN channels c ON c.id = l.channel_id
     WHERE l.product_id = p.id ORDER BY c.slug)) AS channels,
  p.image, p.sample, p.updated_at
FROM products p JOIN producers pr ON pr.id = p.producer_id ORDER BY p.slug`,
    ),
    toStatement(d1, sql`SELECT coalesce(max(seq), 0) AS seq FROM changes`),
  ]);
  const rows = ((products?.results ?? []) as Row[]).map((r): FeedRow => {
    return {
      slug: r.slug,
      name_vi: r.name_vi,
      name_en: r.name_en,
      category_vi: r.category_vi,
      category_en: r.category_en,
      product_group: r.product_group,
      tier: tierOf(r.tier_rank),
      ocop_stars: r.ocop_stars || null,
      price_from_vnd: priceFrom(r.packaging),
      producer_slug: r.producer_slug,
      producer_name: r.producer_name,
      district: r.district,
      province: r.province,
      channels: r.channels ?? "",
      image: r.image,
      sample: r.sample === 1,
      updated_at: r.updated_at,
    };
  });
  return { rows, position: (position?.results[0] as { seq: number } | undefined)?.seq ?? 0 };
}
