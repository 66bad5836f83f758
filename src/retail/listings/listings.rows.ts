// A channel's listing as it is read: its row (selectListings, the one SELECT every listing read shares), its
// entity tag and the If-Match comparison against it, and the API's shape of it. The writes are in listings.queries.ts.
import { type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { asProvenance, mark, parseFieldProvenance, weakest } from "../../domain/provenance.ts";
import type { ListingStatus } from "../../domain/vocabulary.ts";
import { listingEtag } from "../../platform/db/listing-etag.ts";
import { parseJson } from "../../platform/db/mappers.ts";
import { catalogueVersion, channels, listings, products, type Store } from "../../platform/db/schema.ts";
import { strongTags } from "../../platform/lib/entity-tags.ts";

/** Listings, channels and products as the statements that join them name them. */
export const l = alias(listings, "l");
export const c = alias(channels, "c");
export const p = alias(products, "p");

export const productId = (product: string) =>
  sql`(SELECT ${products.id} FROM ${products} WHERE ${products.slug} = ${product})`;

export interface ListingRow {
  id: number;
  channel_slug: string;
  product_slug: string;
  status: string;
  price_vnd: number | null;
  channel_sku: string | null;
  url: string | null;
  stores: string;
  note: string | null;
  last_verified: string | null;
  source_url: string | null;
  sample: number;
  version: number;
  created_at: string;
  updated_at: string;
  /** The catalogue's epoch (changed by every restore), part of the ETag. */
  epoch: number;
  provenance: string;
  field_provenance: string;
  product_provenance: string;
}

/** The catalogue's epoch as a column: a listing's ETag carries it, so no tag survives a restore. */
export const EPOCH = sql`(SELECT ${catalogueVersion.epoch} FROM ${catalogueVersion} WHERE ${catalogueVersion.id} = 1)`;

/**
 * Listings as `GET …/listings/{product}` reads them (ListingRow, for {@link channelListingOut}) where `where`
 * holds, over `l` (listings), `c` (channels) and `p` (products), which it is given.
 */
export const selectListings = (where: (tables: { l: typeof l; c: typeof c; p: typeof p }) => SQL) =>
  sql`SELECT ${l.id}, ${c.slug} AS channel_slug, ${p.slug} AS product_slug, ${l.status}, ${l.priceVnd}, ${l.channelSku},
  ${l.url}, ${l.stores}, ${l.note}, ${l.lastVerified}, ${l.sourceUrl}, ${l.sample}, ${l.version}, ${l.createdAt}, ${l.updatedAt},
  ${EPOCH} AS epoch, ${l.provenance}, ${l.fieldProvenance}, ${p.provenance} AS product_provenance
FROM ${listings} ${l} JOIN ${channels} ${c} ON ${c.id} = ${l.channelId} JOIN ${products} ${p} ON ${p.id} = ${l.productId}
WHERE ${where({ l, c, p })}`;

export const selectListing = (channel: string, product: string) =>
  selectListings(({ c, p }) => sql`${c.slug} = ${channel} AND ${p.slug} = ${product}`);

/** What an ETag names: one version of one incarnation of a listing, in one epoch of the catalogue. */
export interface ListingTag {
  id: number;
  version: number;
  /** `created_at` as digits only: a listing deleted and made again may reuse its row id, never this. */
  created: string;
  /** The catalogue's epoch (0 until the first restore; tags without one are of epoch 0). */
  epoch: number;
}

// The same digits in SQL, so the compare-and-set happens inside the writing statement.
const CREATED_DIGITS = sql`replace(replace(replace(replace(replace(${listings.createdAt}, '-', ''), ':', ''), 'T', ''), '.', ''), 'Z', '')`;
/** ` AND (<one of the tags matches>)`: the compare-and-set condition of a conditional write. */
export const tagsMatch = (tags: ListingTag[]) =>
  sql` AND (${
    tags.length
      ? sql.join(
          tags.map(
            (t) =>
              sql`(${listings.id} = ${t.id} AND ${listings.version} = ${t.version} AND ${CREATED_DIGITS} = ${t.created} AND ${EPOCH} = ${t.epoch})`,
          ),
          sql` OR `,
        )
      : sql`0`
  })`;

/** Parses an `If-Match` header: `*`, or the listing versions its strong ETags name (weak tags never match). */
export function parseIfMatch(header: string | undefined): "*" | ListingTag[] | undefined {
  if (header === undefined) return undefined;
  if (header.trim() === "*") return "*";
  return strongTags(header)
    .map((t) => /^"l(\d{1,15})v(\d{1,15})c(\d{1,20})(?:e(\d{1,15}))?"$/.exec(t))
    .filter((m) => m !== null)
    .map((m) => ({ id: Number(m[1]), version: Number(m[2]), created: m[3] ?? "", epoch: Number(m[4] ?? 0) }))
    .slice(0, 10);
}

/**
 * A listing as the retail API shows it, with its ETag and provenance: a listing of an illustrative product is
 * illustrative too; a listing a retailer wrote is sourced (the retailer is its source).
 */
export function channelListingOut(r: ListingRow, include = true) {
  const listing = {
    channel: r.channel_slug,
    product: r.product_slug,
    status: r.status as ListingStatus,
    price_vnd: r.price_vnd,
    channel_sku: r.channel_sku,
    url: r.url,
    stores: parseJson<Store[]>(r.stores, []),
    note: r.note,
    last_verified: r.last_verified,
    source_url: r.source_url,
    sample: r.sample === 1,
    version: r.version,
    etag: listingEtag(r),
    updated_at: r.updated_at,
  };
  return mark(
    listing,
    weakest(asProvenance(r.provenance), asProvenance(r.product_provenance)),
    parseFieldProvenance(r.field_provenance),
    include,
  );
}
export type Listing = ReturnType<typeof channelListingOut>;
