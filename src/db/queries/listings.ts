import type { CountedD1, Credential } from "../../env.ts";
import type { LISTING_STATUSES, Store } from "../schema.ts";
import { parseJson } from "./rows.ts";

/** D1 refuses statements with more than 100 bound parameters (local D1 does not; production does). */
export const MAX_BOUND_PARAMETERS = 100;
/** Most listings one bulk request may carry. */
export const MAX_BULK_ITEMS = 1000;

/** What a retailer sends for one listing (PUT body, bulk item without `product`). */
export interface ListingInput {
  status: (typeof LISTING_STATUSES)[number];
  price_vnd: number | null;
  channel_sku: string | null;
  url: string | null;
  stores: Store[];
  note: string | null;
}

/** A prepared statement's text and parameters, before binding (tests inspect these). */
export interface Statement {
  sql: string;
  params: (string | number | null)[];
}

const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ','now')";

/** The presented key's row, read inside the write batch for the caller to verify (timing-safe) afterwards. */
export interface KeyRow {
  id: number;
  hash: string;
  revoked_at: string | null;
  channel_slug: string;
}
const KEY_LOOKUP = `SELECT k.id, k.hash, k.revoked_at, c.slug AS channel_slug
FROM api_keys k JOIN channels c ON c.id = k.channel_id WHERE k.prefix = ?`;
/**
 * Every write statement carries this guard: it holds only for an unrevoked key with the presented prefix and
 * SHA-256 that belongs to the target channel. So the key check and the write share one batch (one round trip),
 * and a refused key writes nothing even though the batch runs before the Worker verifies the key in constant time.
 * (SQLite's `=` on the hash is not constant-time, but it compares digests of the caller's input, which leak
 * nothing useful about a stored key.)
 */
const GUARD = `EXISTS (SELECT 1 FROM api_keys k JOIN channels c ON c.id = k.channel_id
  WHERE k.prefix = ? AND k.hash = ? AND k.revoked_at IS NULL AND c.slug = ?)`;
const guardParams = (cr: Credential) => [cr.prefix, cr.hash, cr.channel];
const CHANNEL_ID = "(SELECT id FROM channels WHERE slug = ?)";
const KEY_ID = "(SELECT id FROM api_keys WHERE prefix = ?)";

const COLUMNS = ["status", "price_vnd", "channel_sku", "url", "stores", "note"] as const;
// Columns whose change makes a new version; an identical write leaves the row (and the change feed) alone.
const DIFFERS = `(${[...COLUMNS, "sample"].map((c) => `listings.${c}`).join(", ")}) IS NOT (${[...COLUMNS, "sample"].map((c) => `excluded.${c}`).join(", ")})`;

const rowValues = (input: ListingInput) => [
  input.status,
  input.price_vnd,
  input.channel_sku,
  input.url,
  JSON.stringify(input.stores.map((s) => ({ name: s.name, city: s.city, province: s.province }))),
  input.note,
];

/**
 * Multi-row upserts of one channel's listings, chunked so that no statement binds more than
 * {@link MAX_BOUND_PARAMETERS} parameters. Each statement writes only for a valid key of the channel (see
 * `GUARD`) and only if every named product exists, so a batch of them is all or nothing. Rows whose values are
 * unchanged are skipped (no new version, no change-feed entry).
 */
export function upsertStatements(cr: Credential, items: (ListingInput & { product: string })[]): Statement[] {
  const slugs = JSON.stringify(items.map((i) => i.product));
  const fixed = 7; // channel, key prefix, the key guard's three, slug list, expected count
  const perRow = 1 + COLUMNS.length;
  const rowsPerStatement = Math.floor((MAX_BOUND_PARAMETERS - fixed) / perRow);
  const out: Statement[] = [];
  for (let start = 0; start < items.length; start += rowsPerStatement) {
    const chunk = items.slice(start, start + rowsPerStatement);
    const values = chunk.map(() => `(${Array(perRow).fill("?").join(", ")})`).join(", ");
    out.push({
      sql: `INSERT INTO listings (channel_id, product_id, ${COLUMNS.join(", ")}, sample, source_url, last_verified, version, updated_by, updated_at)
SELECT ${CHANNEL_ID}, p.id, v.column2, v.column3, v.column4, v.column5, v.column6, v.column7, 0, NULL, date('now'), 1, ${KEY_ID}, ${NOW}
FROM (VALUES ${values}) AS v JOIN products p ON p.slug = v.column1
WHERE ${GUARD} AND (SELECT count(*) FROM products WHERE slug IN (SELECT value FROM json_each(?))) = ?
ON CONFLICT(channel_id, product_id) DO UPDATE SET ${COLUMNS.map((c) => `${c} = excluded.${c}`).join(", ")},
  sample = 0, source_url = NULL, last_verified = excluded.last_verified, version = listings.version + 1,
  updated_by = excluded.updated_by, updated_at = excluded.updated_at
WHERE ${DIFFERS}`,
      params: [
        cr.channel,
        cr.prefix,
        ...chunk.flatMap((i) => [i.product, ...rowValues(i)]),
        ...guardParams(cr),
        slugs,
        new Set(items.map((i) => i.product)).size,
      ],
    });
  }
  return out;
}

interface ListingRow {
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
}

const SELECT_LISTING = `SELECT l.id, c.slug AS channel_slug, p.slug AS product_slug, l.status, l.price_vnd, l.channel_sku,
  l.url, l.stores, l.note, l.last_verified, l.source_url, l.sample, l.version, l.created_at, l.updated_at
FROM listings l JOIN channels c ON c.id = l.channel_id JOIN products p ON p.id = l.product_id`;

/** What an ETag names: one version of one incarnation of a listing. */
export interface ListingTag {
  id: number;
  version: number;
  /** `created_at` as digits only: a listing deleted and made again may reuse its row id, never this. */
  created: string;
}

const digits = (iso: string) => iso.replace(/\D/g, "");
// The same digits in SQL, so the compare-and-set happens inside the writing statement.
const CREATED_DIGITS =
  "replace(replace(replace(replace(replace(created_at, '-', ''), ':', ''), 'T', ''), '.', ''), 'Z', '')";
const TAG_MATCH = `(id = ? AND version = ? AND ${CREATED_DIGITS} = ?)`;
const tagParams = (tags: ListingTag[]) => tags.flatMap((t) => [t.id, t.version, t.created]);

/** The strong ETag of a listing version: a new one for every change, and for a listing deleted and re-made. */
export const listingEtag = (l: { id: number; version: number; created_at: string }) =>
  `"l${l.id}v${l.version}c${digits(l.created_at)}"`;

/** Parses an `If-Match` header: `*`, or the listing versions its strong ETags name (weak tags never match). */
export function parseIfMatch(header: string | undefined): "*" | ListingTag[] | undefined {
  if (header === undefined) return undefined;
  if (header.trim() === "*") return "*";
  return [...header.matchAll(/(W\/)?"l(\d{1,15})v(\d{1,15})c(\d{1,20})"/g)]
    .filter((m) => !m[1])
    .map((m) => ({ id: Number(m[2]), version: Number(m[3]), created: m[4] ?? "" }))
    .slice(0, 10);
}

/** A listing as the API shows it, with its ETag. */
export function listingOut(r: ListingRow) {
  return {
    channel: r.channel_slug,
    product: r.product_slug,
    status: r.status as ListingInput["status"],
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
}
export type Listing = ReturnType<typeof listingOut>;

const stmt = (d1: CountedD1, s: Statement) => d1.prepare(s.sql).bind(...s.params);

/** One listing of a channel, or null. One round trip. */
export async function getListing(d1: CountedD1, channel: string, product: string): Promise<Listing | null> {
  const row = await d1
    .prepare(`${SELECT_LISTING} WHERE c.slug = ? AND p.slug = ?`)
    .bind(channel, product)
    .first<ListingRow>();
  return row ? listingOut(row) : null;
}

const lastUsed = (d1: CountedD1, cr: Credential) =>
  d1
    .prepare(`UPDATE api_keys SET last_used_at = ${NOW} WHERE prefix = ? AND ${GUARD}`)
    .bind(cr.prefix, ...guardParams(cr));
const keyRow = (result: D1Result | undefined) => (result?.results[0] as KeyRow | undefined) ?? null;

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
  input: ListingInput,
  conditions: { ifMatch?: ReturnType<typeof parseIfMatch>; ifNoneMatch?: boolean },
): Promise<PutOutcome> {
  const { ifMatch, ifNoneMatch } = conditions;
  let write: Statement;
  if (ifMatch === undefined) {
    const [upsert] = upsertStatements(cr, [{ ...input, product }]);
    if (!upsert) throw new Error("no statement");
    write = ifNoneMatch
      ? {
          ...upsert,
          sql: `${upsert.sql.split("ON CONFLICT")[0]}ON CONFLICT(channel_id, product_id) DO NOTHING`,
        }
      : upsert;
  } else {
    const tags = ifMatch === "*" ? [] : ifMatch;
    const tagCondition = ifMatch === "*" ? "" : ` AND (${tags.map(() => TAG_MATCH).join(" OR ") || "0"})`;
    write = {
      sql: `UPDATE listings SET ${COLUMNS.map((c) => `${c} = ?`).join(", ")}, sample = 0, source_url = NULL,
  last_verified = date('now'), version = version + 1, updated_by = ${KEY_ID}, updated_at = ${NOW}
WHERE channel_id = ${CHANNEL_ID} AND product_id = (SELECT id FROM products WHERE slug = ?)${tagCondition}
  AND (${[...COLUMNS, "sample"].join(", ")}) IS NOT (?, ?, ?, ?, ?, ?, 0) AND ${GUARD}`,
      params: [
        ...rowValues(input),
        cr.prefix,
        cr.channel,
        product,
        ...tagParams(tags),
        ...rowValues(input),
        ...guardParams(cr),
      ],
    };
  }
  const [keyResult, productRow, before, written, , after] = await d1.batch([
    d1.prepare(KEY_LOOKUP).bind(cr.prefix),
    d1.prepare("SELECT id FROM products WHERE slug = ?").bind(product),
    d1
      .prepare(
        "SELECT l.id, l.version, l.created_at FROM listings l JOIN products p ON p.id = l.product_id JOIN channels c ON c.id = l.channel_id WHERE c.slug = ? AND p.slug = ?",
      )
      .bind(cr.channel, product),
    stmt(d1, write),
    lastUsed(d1, cr),
    d1.prepare(`${SELECT_LISTING} WHERE c.slug = ? AND p.slug = ?`).bind(cr.channel, product),
  ]);
  const key = keyRow(keyResult);
  if (!productRow?.results.length) return { key, kind: "no-product" };
  const prior = before?.results[0] as { id: number; version: number; created_at: string } | undefined;
  const row = after?.results[0] as ListingRow | undefined;
  const current = row ? listingOut(row) : null;
  const changed = (written?.meta.changes ?? 0) > 0;
  if (!current) return { key, kind: "precondition-failed", current: null };
  if (ifNoneMatch && prior) return { key, kind: "precondition-failed", current };
  if (ifMatch !== undefined) {
    if (!prior) return { key, kind: "precondition-failed", current: null };
    const held =
      ifMatch === "*" ||
      ifMatch.some(
        (t) => t.id === prior.id && t.version === prior.version && t.created === digits(prior.created_at),
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
  const tagCondition = tags ? ` AND (${tags.map(() => TAG_MATCH).join(" OR ") || "0"})` : "";
  const [keyResult, productRow, before, deleted] = await d1.batch([
    d1.prepare(KEY_LOOKUP).bind(cr.prefix),
    d1.prepare("SELECT id FROM products WHERE slug = ?").bind(product),
    d1.prepare(`${SELECT_LISTING} WHERE c.slug = ? AND p.slug = ?`).bind(cr.channel, product),
    d1
      .prepare(
        `DELETE FROM listings WHERE channel_id = ${CHANNEL_ID} AND product_id = (SELECT id FROM products WHERE slug = ?)${tagCondition} AND ${GUARD}`,
      )
      .bind(cr.channel, product, ...tagParams(tags ?? []), ...guardParams(cr)),
    // The delete trigger cannot know the key: stamp it on the tombstone it just wrote.
    d1
      .prepare(
        `UPDATE changes SET key_id = ${KEY_ID} WHERE seq = (SELECT max(seq) FROM changes) AND entity = 'listing' AND op = 'delete' AND entity_key = ? AND key_id IS NULL AND ${GUARD}`,
      )
      .bind(cr.prefix, `${cr.channel}/${product}`, ...guardParams(cr)),
    lastUsed(d1, cr),
  ]);
  const key = keyRow(keyResult);
  if (!productRow?.results.length) return { key, kind: "no-product" };
  const prior = before?.results[0] as ListingRow | undefined;
  if (!prior) return { key, kind: "no-listing" };
  if ((deleted?.meta.changes ?? 0) === 0)
    return { key, kind: "precondition-failed", current: listingOut(prior) };
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
  items: (ListingInput & { product: string })[],
): Promise<BulkOutcome> {
  const slugs = JSON.stringify(items.map((i) => i.product));
  const versions = `SELECT p.slug, l.id, l.version, l.created_at FROM listings l JOIN products p ON p.id = l.product_id
JOIN channels c ON c.id = l.channel_id WHERE c.slug = ? AND p.slug IN (SELECT value FROM json_each(?))`;
  const [keyResult, ...results] = await d1.batch([
    d1.prepare(KEY_LOOKUP).bind(cr.prefix),
    d1.prepare("SELECT slug FROM products WHERE slug IN (SELECT value FROM json_each(?))").bind(slugs),
    d1.prepare(versions).bind(cr.channel, slugs),
    ...upsertStatements(cr, items).map((s) => stmt(d1, s)),
    lastUsed(d1, cr),
    d1.prepare(versions).bind(cr.channel, slugs),
  ]);
  const key = keyRow(keyResult);
  const known = new Set((results[0]?.results ?? []).map((r) => (r as { slug: string }).slug));
  const indexes = items.flatMap((item, i) => (known.has(item.product) ? [] : [i]));
  if (indexes.length) return { key, kind: "unknown-products", indexes };
  type V = { slug: string; id: number; version: number; created_at: string };
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
