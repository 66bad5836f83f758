import { type Column, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import {
  asProvenance,
  type Provenance,
  packagingState,
  parseFieldProvenance,
  weakest,
} from "../../domain/provenance.ts";
import { tierOf } from "../../domain/vocabulary.ts";
import { bare, toStatement } from "../../platform/db/client.ts";
import { ocopHeldOf, type ProductSummaryRow, parseJson } from "../../platform/db/mappers.ts";
import { changes, channels, listings, producers, products } from "../../platform/db/schema.ts";
import type { CountedD1 } from "../../platform/env.ts";

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
  // Provenance (README, "Honest data"): the row's state, then the state of each derived or weaker value
  // (empty when the value is empty or sourced).
  "provenance",
  "price_from_vnd_provenance",
  "district_provenance",
  "channels_provenance",
  // Appended after the provenance columns (issue 15's `ocop` of the list API): readers by position keep working.
  "ocop",
] as const;
export type FeedRow = Record<(typeof FEED_COLUMNS)[number], string | number | boolean | null>;

interface Row extends ProductSummaryRow {
  district: string | null;
  province: string;
  channels: string | null;
  updated_at: string;
  provenance: string;
  field_provenance: string;
  producer_provenance: string;
  producer_field_provenance: string;
  /** The weakest state of the listings behind `channels`, as a rank: 0 sourced, 1 inferred, 2 illustrative. */
  channels_rank: number | null;
  /** 1 when the product holds an OCOP certification, stars stated or not. */
  ocop: number;
}

const STATE_BY_RANK: Provenance[] = ["sourced", "inferred", "illustrative"];

/** A value's state for its `<column>_provenance` cell: empty when the value is empty or sourced. */
const cell = (value: unknown, state: Provenance) =>
  value === null || value === "" || state === "sourced" ? "" : state;

/**
 * Every product as a feed row, and the change-feed position the rows reflect (for the ETag), in one D1 batch.
 * The whole catalogue (tens of products) fits one result set; past about 10,000 rows this should page by slug.
 * Without `include`, illustrative products and listings are left out and illustrative values of real products
 * are empty; with it, they are in, and every value that is not sourced is named in its `_provenance` column.
 */
export async function productFeed(
  d1: CountedD1,
  include = false,
): Promise<{ rows: FeedRow[]; position: number }> {
  const real = (t: { provenance: Column }) => (include ? sql`` : sql`AND ${t.provenance} <> 'illustrative'`);
  const p = alias(products, "p");
  const pr = alias(producers, "pr");
  const l = alias(listings, "l");
  const c = alias(channels, "c");
  const [productRows, position] = await d1.batch([
    toStatement(
      d1,
      sql`SELECT ${p.slug}, ${p.nameVi}, ${p.nameEn}, ${p.categoryVi}, ${p.categoryEn}, ${p.productGroup}, ${p.tierRank},
  ${p.ocopStars}, ${p.packaging}, ${pr.slug} AS producer_slug, ${pr.name} AS producer_name, ${pr.district}, ${pr.province},
  (SELECT group_concat(${bare(channels.slug)}, ';') FROM (SELECT ${c.slug} FROM ${listings} ${l} JOIN ${channels} ${c} ON ${c.id} = ${l.channelId}
     WHERE ${l.productId} = ${p.id} ${real(l)} ORDER BY ${c.slug})) AS channels,
  (SELECT max(CASE ${l.provenance} WHEN 'sourced' THEN 0 WHEN 'inferred' THEN 1 ELSE 2 END) FROM ${listings} ${l}
     WHERE ${l.productId} = ${p.id} ${real(l)}) AS channels_rank,
  ${p.image}, ${p.sample}, ${p.updatedAt}, ${p.provenance}, ${p.fieldProvenance},
  ${pr.provenance} AS producer_provenance, ${pr.fieldProvenance} AS producer_field_provenance,
  ${ocopHeldOf(p)} AS ocop
FROM ${products} ${p} JOIN ${producers} ${pr} ON ${pr.id} = ${p.producerId} WHERE 1 ${real(p)} ORDER BY ${p.slug}`,
    ),
    toStatement(d1, sql`SELECT coalesce(max(${changes.seq}), 0) AS seq FROM ${changes}`),
  ]);
  const rows = ((productRows?.results ?? []) as Row[]).map((r): FeedRow => {
    const packaging = parseJson<{ priceVnd: number | null; sample?: boolean }[]>(r.packaging, []);
    const prices = packaging.map((p) => p.priceVnd).filter((p): p is number => typeof p === "number");
    const record = asProvenance(r.provenance);
    const priceState = weakest(record, packagingState(parseFieldProvenance(r.field_provenance), packaging));
    const producerState = asProvenance(r.producer_provenance);
    const districtState = weakest(
      record,
      producerState,
      parseFieldProvenance(r.producer_field_provenance).district,
    );
    // "Sold at" takes the weakest state of the listings it comes from, and of the product.
    const channelsState = weakest(record, STATE_BY_RANK[r.channels_rank ?? 0]);
    const withhold = (state: Provenance) => !include && state === "illustrative";
    const price = prices.length && !withhold(priceState) ? Math.min(...prices) : null;
    return {
      slug: r.slug,
      name_vi: r.name_vi,
      name_en: r.name_en,
      category_vi: r.category_vi,
      category_en: r.category_en,
      product_group: r.product_group,
      tier: tierOf(r.tier_rank),
      ocop_stars: r.ocop_stars || null,
      price_from_vnd: price,
      producer_slug: r.producer_slug,
      producer_name: r.producer_name,
      district: r.district,
      province: r.province,
      channels: r.channels ?? "",
      image: r.image,
      sample: r.sample === 1,
      updated_at: r.updated_at,
      provenance: record,
      price_from_vnd_provenance: cell(price, priceState),
      district_provenance: cell(r.district, districtState),
      channels_provenance: cell(r.channels ?? "", channelsState),
      ocop: r.ocop === 1,
    };
  });
  return { rows, position: (position?.results[0] as { seq: number } | undefined)?.seq ?? 0 };
}
