import { type Query, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { ListingStatus } from "../../domain/vocabulary.ts";
import { assign, bare, bareList, compile, NOW, toStatement } from "../../platform/db/client.ts";
import { digits, listingEtag } from "../../platform/db/listing-etag.ts";
import { apiKeys, changes, channels, listings, products, type Store } from "../../platform/db/schema.ts";
import type { CountedD1, Credential } from "../../platform/env.ts";
import { channelId, guard, type KeyRow, keyId, keyLookup, keyRow } from "../keys/keys.queries.ts";
import {
  c,
  channelListingOut,
  EPOCH,
  type Listing,
  type ListingRow,
  l,
  p,
  type parseIfMatch,
  productId,
  selectListing,
  tagsMatch,
} from "./listings.rows.ts";

export {
  channelListingOut,
  type Listing,
  type ListingRow,
  type ListingTag,
  parseIfMatch,
  selectListings,
} from "./listings.rows.ts";

/** D1 refuses statements with more than 100 bound parameters (local D1 does not; production does). */
export const MAX_BOUND_PARAMETERS = 100;
/** Most listings one bulk request may carry. */
export const MAX_BULK_ITEMS = 1000;

/** What a retailer sends for one listing (PUT body, bulk item without `product`). */
export interface ListingWrite {
  status: ListingStatus;
  price_vnd: number | null;
  channel_sku: string | null;
  url: string | null;
  stores: Store[];
  note: string | null;
}

const joined = (parts: SQL[]) => sql.join(parts, sql`, `);

/** What a retailer writes, in the order of {@link rowValues}. */
const COLUMNS = [
  listings.status,
  listings.priceVnd,
  listings.channelSku,
  listings.url,
  listings.stores,
  listings.note,
] as const;
const COLUMN_LIST = joined(COLUMNS.map((col) => sql`${col}`));
const excluded = (column: SQLiteColumn) => sql`excluded.${bare(column)}`;
// Columns whose change makes a new version; an identical write leaves the row (and the change feed) alone.
const DIFFERS = sql`(${COLUMN_LIST}, ${listings.sample}) IS NOT (${joined([...COLUMNS, listings.sample].map(excluded))})`;
/** What a retailer's write sets besides its own values: it is the listing's source now. */
const SOURCED = joined([
  assign(listings.sample, sql`0`),
  assign(listings.provenance, sql`'sourced'`),
  assign(listings.fieldProvenance, sql`'{}'`),
  assign(listings.sourceUrl, sql`NULL`),
]);
const CONFLICT_TARGET = bareList(listings.channelId, listings.productId);
const ON_CONFLICT_UPDATE = sql`ON CONFLICT (${CONFLICT_TARGET}) DO UPDATE SET ${joined(COLUMNS.map((col) => assign(col, excluded(col))))},
  ${SOURCED}, ${assign(listings.lastVerified, excluded(listings.lastVerified))}, ${assign(listings.version, sql`${listings.version} + 1`)},
  ${assign(listings.updatedBy, excluded(listings.updatedBy))}, ${assign(listings.updatedAt, excluded(listings.updatedAt))}
WHERE ${DIFFERS}`;
const ON_CONFLICT_NOTHING = sql`ON CONFLICT (${CONFLICT_TARGET}) DO NOTHING`;

const rowValues = (input: ListingWrite) => [
  input.status,
  input.price_vnd,
  input.channel_sku,
  input.url,
  JSON.stringify(input.stores.map((s) => ({ name: s.name, city: s.city, province: s.province }))),
  input.note,
];
const list = (values: readonly unknown[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/** Multi-row `INSERT … SELECT` of one channel's listings, written only for a valid key and known products. */
function insertListings(
  cr: Credential,
  chunk: (ListingWrite & { product: string })[],
  all: readonly { product: string }[],
  conflict: SQL,
): SQL {
  const rows = sql.join(
    chunk.map((i) => sql`(${list([i.product, ...rowValues(i)])})`),
    sql`, `,
  );
  const slugs = JSON.stringify(all.map((i) => i.product));
  const distinct = new Set(all.map((i) => i.product)).size;
  const t = listings;
  return sql`INSERT INTO ${t} (${bareList(t.channelId, t.productId, ...COLUMNS, t.sample, t.sourceUrl, t.lastVerified, t.version, t.updatedBy, t.updatedAt)})
SELECT ${channelId(cr)}, ${p.id}, v.column2, v.column3, v.column4, v.column5, v.column6, v.column7, 0, NULL, date('now'), 1, ${keyId(cr)}, ${NOW}
FROM (VALUES ${rows}) AS v JOIN ${products} ${p} ON ${p.slug} = v.column1
WHERE ${guard(cr)} AND (SELECT ${knownProducts(sql`count(*)`, slugs)}) = ${distinct}
${conflict}`;
}

/**
 * Multi-row upserts of one channel's listings, chunked so that no statement binds more than
 * {@link MAX_BOUND_PARAMETERS} parameters. Each statement writes only for a valid key of the channel (see
 * `guard`) and only if every named product exists, so a batch of them is all or nothing. Rows whose values are
 * unchanged are skipped (no new version, no change-feed entry). Compiled, so tests can inspect text and parameters.
 */
export function upsertStatements(cr: Credential, items: (ListingWrite & { product: string })[]): Query[] {
  const fixed = 7; // channel, key prefix, the key guard's three, slug list, expected count
  const perRow = 1 + COLUMNS.length;
  const rowsPerStatement = Math.floor((MAX_BOUND_PARAMETERS - fixed) / perRow);
  const out: Query[] = [];
  for (let start = 0; start < items.length; start += rowsPerStatement) {
    const chunk = items.slice(start, start + rowsPerStatement);
    out.push(compile(insertListings(cr, chunk, items, ON_CONFLICT_UPDATE)));
  }
  return out;
}

/**
 * One listing of a channel, or null. One round trip. Unless `include` is set, an illustrative listing (or one
 * of an illustrative product) is answered as `"illustrative"`, not returned.
 */
export async function getListing(
  d1: CountedD1,
  channel: string,
  product: string,
  include = true,
): Promise<Listing | "illustrative" | null> {
  const row = await toStatement(d1, selectListing(channel, product)).first<ListingRow>();
  if (!row) return null;
  const out = channelListingOut(row, include);
  return !include && out.provenance.record === "illustrative" ? "illustrative" : out;
}

const lastUsed = (cr: Credential) =>
  sql`UPDATE ${apiKeys} SET ${assign(apiKeys.lastUsedAt, NOW)} WHERE ${apiKeys.prefix} = ${cr.prefix} AND ${guard(cr)}`;
const productExists = (product: string) =>
  sql`SELECT ${products.id} FROM ${products} WHERE ${products.slug} = ${product}`;

export type PutOutcome = { key: KeyRow | null } & (
  | { kind: "no-product" }
  | { kind: "precondition-failed"; current: Listing | null }
  | { kind: "written"; created: boolean; listing: Listing }
);

/**
 * Creates or replaces one listing, honouring `If-Match` (`*` or ETags) and `If-None-Match: *` as a
 * compare-and-set inside the writing statement itself, so of two concurrent writers with the same ETag exactly
 * one wins. Key check, product check, write, audit and read-back are one D1 batch: one round trip, atomic.
 * The caller must verify `key` before trusting the outcome (nothing was written if the key is refused).
 */
export async function putListing(
  d1: CountedD1,
  cr: Credential,
  product: string,
  input: ListingWrite,
  conditions: { ifMatch?: ReturnType<typeof parseIfMatch>; ifNoneMatch?: boolean },
): Promise<PutOutcome> {
  const { ifMatch, ifNoneMatch } = conditions;
  const values = rowValues(input);
  const write =
    ifMatch === undefined
      ? insertListings(
          cr,
          [{ ...input, product }],
          [{ product }],
          ifNoneMatch ? ON_CONFLICT_NOTHING : ON_CONFLICT_UPDATE,
        )
      : sql`UPDATE ${listings} SET ${joined(COLUMNS.map((col, i) => assign(col, values[i])))}, ${SOURCED},
  ${assign(listings.lastVerified, sql`date('now')`)}, ${assign(listings.version, sql`${listings.version} + 1`)},
  ${assign(listings.updatedBy, keyId(cr))}, ${assign(listings.updatedAt, NOW)}
WHERE ${listings.channelId} = ${channelId(cr)} AND ${listings.productId} = ${productId(product)}${ifMatch === "*" ? sql`` : tagsMatch(ifMatch)}
  AND (${COLUMN_LIST}, ${listings.sample}) IS NOT (${list(values)}, 0) AND ${guard(cr)}`;
  const [keyResult, productRow, before, written, , after] = await d1.batch(
    [
      keyLookup(cr),
      productExists(product),
      sql`SELECT ${l.id}, ${l.version}, ${l.createdAt}, ${EPOCH} AS epoch FROM ${listings} ${l} JOIN ${products} ${p} ON ${p.id} = ${l.productId} JOIN ${channels} ${c} ON ${c.id} = ${l.channelId} WHERE ${c.slug} = ${cr.channel} AND ${p.slug} = ${product}`,
      write,
      lastUsed(cr),
      selectListing(cr.channel, product),
    ].map((q) => toStatement(d1, q)),
  );
  const key = keyRow(keyResult);
  if (!productRow?.results.length) return { key, kind: "no-product" };
  const prior = before?.results[0] as
    | { id: number; version: number; created_at: string; epoch: number }
    | undefined;
  const row = after?.results[0] as ListingRow | undefined;
  const current = row ? channelListingOut(row) : null;
  const changed = (written?.meta.changes ?? 0) > 0;
  if (!current) return { key, kind: "precondition-failed", current: null };
  if (ifNoneMatch && prior) return { key, kind: "precondition-failed", current };
  if (ifMatch !== undefined) {
    if (!prior) return { key, kind: "precondition-failed", current: null };
    const held =
      ifMatch === "*" ||
      ifMatch.some(
        (t) =>
          t.id === prior.id &&
          t.version === prior.version &&
          t.created === digits(prior.created_at) &&
          t.epoch === prior.epoch,
      );
    if (!changed && !held) return { key, kind: "precondition-failed", current };
  }
  return { key, kind: "written", created: !prior, listing: current };
}

export type DeleteOutcome = { key: KeyRow | null } & (
  | { kind: "no-product" }
  | { kind: "no-listing" }
  | { kind: "precondition-failed"; current: Listing | null }
  | { kind: "deleted" }
);

/** Deletes one listing (compare-and-set on `If-Match` as for {@link putListing}); the feed gets a tombstone. */
export async function deleteListing(
  d1: CountedD1,
  cr: Credential,
  product: string,
  ifMatch: ReturnType<typeof parseIfMatch>,
): Promise<DeleteOutcome> {
  const tags = ifMatch === undefined || ifMatch === "*" ? null : ifMatch;
  const [keyResult, productRow, before, deleted] = await d1.batch(
    [
      keyLookup(cr),
      productExists(product),
      selectListing(cr.channel, product),
      sql`DELETE FROM ${listings} WHERE ${listings.channelId} = ${channelId(cr)} AND ${listings.productId} = ${productId(product)}${tags ? tagsMatch(tags) : sql``} AND ${guard(cr)}`,
      // The delete trigger cannot know the key: stamp it on the tombstone it just wrote.
      sql`UPDATE ${changes} SET ${assign(changes.keyId, keyId(cr))} WHERE ${changes.seq} = (SELECT max(${changes.seq}) FROM ${changes})
  AND ${changes.entity} = 'listing' AND ${changes.op} = 'delete' AND ${changes.entityKey} = ${`${cr.channel}/${product}`}
  AND ${changes.keyId} IS NULL AND ${guard(cr)}`,
      lastUsed(cr),
    ].map((q) => toStatement(d1, q)),
  );
  const key = keyRow(keyResult);
  if (!productRow?.results.length) return { key, kind: "no-product" };
  const prior = before?.results[0] as ListingRow | undefined;
  if (!prior) return { key, kind: "no-listing" };
  if ((deleted?.meta.changes ?? 0) === 0)
    return { key, kind: "precondition-failed", current: channelListingOut(prior) };
  return { key, kind: "deleted" };
}

export type BulkOutcome = { key: KeyRow | null } & (
  | { kind: "unknown-products"; indexes: number[] }
  | {
      kind: "written";
      created: number;
      updated: number;
      unchanged: number;
      items: { product: string; version: number; etag: string }[];
    }
);

/**
 * Upserts many listings of one channel atomically: every statement (chunked under the parameter limit) runs in
 * ONE `d1.batch`, which D1 applies as a single transaction. Unknown products write nothing and are named.
 */
export async function bulkUpsertListings(
  d1: CountedD1,
  cr: Credential,
  items: (ListingWrite & { product: string })[],
): Promise<BulkOutcome> {
  const slugs = JSON.stringify(items.map((i) => i.product));
  const versions = sql`SELECT ${p.slug}, ${l.id}, ${l.version}, ${l.createdAt}, ${EPOCH} AS epoch FROM ${listings} ${l}
JOIN ${products} ${p} ON ${p.id} = ${l.productId} JOIN ${channels} ${c} ON ${c.id} = ${l.channelId}
WHERE ${c.slug} = ${cr.channel} AND ${p.slug} IN (SELECT value FROM json_each(${slugs}))`;
  const [keyResult, ...results] = await d1.batch([
    toStatement(d1, keyLookup(cr)),
    toStatement(d1, sql`SELECT ${knownProducts(products.slug, slugs)}`),
    toStatement(d1, versions),
    ...upsertStatements(cr, items).map((q) => toStatement(d1, q)),
    toStatement(d1, lastUsed(cr)),
    toStatement(d1, versions),
  ]);
  const key = keyRow(keyResult);
  const known = new Set((results[0]?.results ?? []).map((r) => (r as { slug: string }).slug));
  const indexes = items.flatMap((item, i) => (known.has(item.product) ? [] : [i]));
  if (indexes.length) return { key, kind: "unknown-products", indexes };
  type V = { slug: string; id: number; version: number; created_at: string; epoch: number };
  const before = new Map(((results[1]?.results ?? []) as V[]).map((r) => [r.slug, r]));
  const after = (results.at(-1)?.results ?? []) as V[];
  const bySlug = new Map(after.map((r) => [r.slug, r]));
  let created = 0;
  let updated = 0;
  for (const r of after) {
    const b = before.get(r.slug);
    if (!b) created++;
    else if (b.version !== r.version) updated++;
  }
  return {
    key,
    kind: "written",
    created,
    updated,
    unchanged: after.length - created - updated,
    items: items.map((i) => {
      const r = bySlug.get(i.product);
      return { product: i.product, version: r?.version ?? 0, etag: r ? listingEtag(r) : "" };
    }),
  };
}

/** `… FROM products WHERE` the slug is one of a JSON array's (`what`: the selected columns). */
function knownProducts(what: SQL | SQLiteColumn, slugsJson: string) {
  return sql`${what} FROM ${products} WHERE ${products.slug} IN (SELECT value FROM json_each(${slugsJson}))`;
}
