import { type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { asProvenance, type Provenance } from "../../domain/provenance.ts";
import type { CHANGE_ENTITIES, CHANGE_OPS, Lang } from "../../domain/vocabulary.ts";
import { asStatement, bare, createDb, toStatement } from "../../platform/db/client.ts";
import { producerOut } from "../../platform/db/mappers.ts";
import { productRecordOut, productRecords } from "../../platform/db/product-detail.ts";
import { recognitionItemOut, recognitionItems } from "../../platform/db/recognition-item.ts";
import {
  channels,
  changes as feed,
  listings,
  producers,
  products,
  recognitions,
} from "../../platform/db/schema.ts";
import type { CountedD1 } from "../../platform/env.ts";
import {
  channelListingOut,
  type Listing,
  type ListingRow,
  selectListings,
} from "../listings/listings.queries.ts";

/** One entry of the change feed. */
export interface Change {
  seq: number;
  entity: (typeof CHANGE_ENTITIES)[number];
  key: string;
  op: (typeof CHANGE_OPS)[number];
  changed_at: string;
  /** Where the current state of an upserted entity can be read (null for tombstones). */
  href: string | null;
  /**
   * How the entity, as it is now, is known (null for tombstones and entities since deleted). Its fields' states
   * come with the entity at `href`.
   */
  provenance: { record: Provenance } | null;
  /**
   * With `expand`: the entity's current record, as its `href` reads it (a product without what it embeds, which
   * are records of their own; a producer without its products); null for tombstones and entities since deleted.
   */
  record?: ChangeRecord | null;
}

/** An entity's record, by kind. */
export type ChangeRecord =
  | ReturnType<typeof productRecordOut>
  | ReturnType<typeof producerOut>
  | ReturnType<typeof recognitionItemOut>
  | Listing;

/**
 * The current state of each change's entity, found through the slug and id indexes. A listing is illustrative
 * when it is or its product is.
 */
const c = alias(feed, "c");
const p = alias(products, "p");
const r = alias(recognitions, "r");
const l = alias(listings, "l");
const ch = alias(channels, "ch");
const STATE = sql`CASE ${c.entity}
WHEN 'product' THEN (SELECT ${products.provenance} FROM ${products} WHERE ${products.slug} = ${c.entityKey})
WHEN 'producer' THEN (SELECT ${producers.provenance} FROM ${producers} WHERE ${producers.slug} = ${c.entityKey})
WHEN 'recognition' THEN (SELECT CASE WHEN ${p.provenance} = 'illustrative' THEN 'illustrative' ELSE ${r.provenance} END
  FROM ${recognitions} ${r} JOIN ${products} ${p} ON ${p.id} = ${r.productId} WHERE ${r.id} = CAST(${c.entityKey} AS INTEGER))
WHEN 'listing' THEN (SELECT CASE WHEN ${p.provenance} = 'illustrative' THEN 'illustrative' ELSE ${l.provenance} END
  FROM ${listings} ${l} JOIN ${channels} ${ch} ON ${ch.id} = ${l.channelId} JOIN ${products} ${p} ON ${p.id} = ${l.productId}
  WHERE ${ch.slug} = substr(${c.entityKey}, 1, instr(${c.entityKey}, '/') - 1)
  AND ${p.slug} = substr(${c.entityKey}, instr(${c.entityKey}, '/') + 1))
END`;

const hrefOf = (entity: Change["entity"], key: string, op: Change["op"]): string | null => {
  if (op === "delete") return null;
  if (entity === "product") return `/api/v1/products/${key}`;
  if (entity === "producer") return `/api/v1/producers/${key}`;
  if (entity === "recognition") return `/api/v1/recognitions/${key}`;
  if (entity === "listing") {
    const [channel, product] = key.split("/");
    return `/api/v1/channels/${channel}/listings/${product}`;
  }
  return null;
};

const withInclude = (href: string | null, illustrative: boolean) =>
  href && illustrative ? `${href}?include=illustrative` : href;

/**
 * Up to `limit` changes after `seq` (read with one more, which only says there is more), in `seq` order, and the
 * catalogue's epoch read in the same round trip (a restore changes it: a cursor of another epoch must not go on).
 * Rows are written by triggers inside the writing transaction and `seq` only grows, so a page never skips a
 * change that commits later with a smaller `seq`: SQLite (and so D1) has one writer at a time.
 */
export async function changesAfter(
  d1: CountedD1,
  after: number,
  limit: number,
  include = false,
  expand: { lang: Lang } | null = null,
): Promise<{
  changes: Change[];
  epoch: number;
  /** With `expand`: the page's records by `entity:key`, read with or without illustrative values (one read). */
  recordsOf: ((include: boolean) => Map<string, ChangeRecord>) | null;
}> {
  // Without include, entries of illustrative entities are left out (tombstones stay: they carry no value). The
  // cursor is the last entry returned, so entries skipped here are skipped again on the next page.
  const onlyReal = include ? sql`` : sql`AND coalesce(state, '') <> 'illustrative'`;
  const page = sql`SELECT * FROM (SELECT ${c.seq}, ${c.entity}, ${c.entityKey}, ${c.op}, ${c.changedAt},
  CASE WHEN ${c.op} = 'upsert' THEN ${STATE} END AS state
FROM ${feed} ${c} WHERE ${c.seq} > ${after}) WHERE 1 ${onlyReal} ORDER BY ${bare(feed.seq)} LIMIT ${limit + 1}`;
  const records = expand ? recordReads(d1, page, expand.lang) : null;
  const [pageResult, ...recordResults] = await d1.batch([
    toStatement(d1, page),
    ...(records?.statements ?? []),
  ]);
  const rows = (pageResult?.results ?? []) as {
    seq: number;
    entity: Change["entity"];
    entity_key: string;
    op: Change["op"];
    changed_at: string;
    state: string | null;
  }[];
  const recordsOf = records ? (inc: boolean) => records.read(recordResults as D1Result[], inc) : null;
  const byKey = recordsOf?.(include);
  const changes = rows.map((r) => {
    const change: Change = {
      seq: r.seq,
      entity: r.entity,
      key: r.entity_key,
      op: r.op,
      changed_at: r.changed_at,
      // An illustrative entity is read with the same opt-in that listed it.
      href: withInclude(hrefOf(r.entity, r.entity_key, r.op), r.state === "illustrative"),
      provenance: r.state === null ? null : { record: asProvenance(r.state) },
    };
    if (byKey) change.record = r.op === "upsert" ? (byKey.get(`${r.entity}:${r.entity_key}`) ?? null) : null;
    return change;
  });
  return { changes, epoch: d1.catalogueEpoch ?? 0, recordsOf };
}

/**
 * The statements that read the current record of every entity the page upserts — products, producers,
 * recognitions, listings: one statement each, whose keys are the page's own query as a subquery (so they go in the
 * page's batch: one round trip, and a handful of bound parameters whatever the page's size) — and how to read
 * their results into records by `entity:key` (with illustrative values or without: the same rows).
 */
function recordReads(d1: CountedD1, page: SQL, lang: Lang) {
  const db = createDb(d1);
  // The page is a subquery: its columns go by their own names.
  const entityKey = bare(feed.entityKey);
  const keysOf = (entity: Change["entity"], key: SQL = sql`${entityKey}`) =>
    sql`(SELECT ${key} FROM (${page}) WHERE ${bare(feed.entity)} = ${entity} AND ${bare(feed.op)} = 'upsert')`;
  const productRows = asStatement(d1, productRecords(db, sql`${products.slug} IN ${keysOf("product")}`));
  const producerRows = asStatement(
    d1,
    db
      .select()
      .from(producers)
      .where(sql`${producers.slug} IN ${keysOf("producer")}`),
  );
  const recognitionRows = asStatement(
    d1,
    recognitionItems(db).where(
      sql`${recognitions.id} IN ${keysOf("recognition", sql`CAST(${entityKey} AS INTEGER)`)}`,
    ),
  );
  const listingKeys = keysOf(
    "listing",
    sql`substr(${entityKey}, 1, instr(${entityKey}, '/') - 1), substr(${entityKey}, instr(${entityKey}, '/') + 1)`,
  );
  const listingRows = toStatement(
    d1,
    selectListings((t) => sql`(${t.c.slug}, ${t.p.slug}) IN ${listingKeys}`),
  );
  return {
    statements: [productRows.statement, producerRows.statement, recognitionRows.statement, listingRows],
    read([p, pr, r, l]: D1Result[], include: boolean) {
      const out = new Map<string, ChangeRecord>();
      if (p)
        for (const row of productRows.read(p))
          out.set(`product:${row.product.slug}`, productRecordOut(row, lang, include));
      if (pr)
        for (const row of producerRows.read(pr))
          out.set(`producer:${row.slug}`, producerOut(row, lang, include));
      if (r)
        for (const row of recognitionRows.read(r))
          out.set(`recognition:${row.id}`, recognitionItemOut(row, lang, include));
      for (const row of (l?.results ?? []) as ListingRow[])
        out.set(`listing:${row.channel_slug}/${row.product_slug}`, channelListingOut(row, include));
      return out;
    },
  };
}
