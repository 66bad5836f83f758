// Reading the plain tables: one record by its key, or a list for the editor pages and the admin API (filtered by
// a facet, listings also by age, then by folded text), each mapped to the record and its ETag. Each is a statement
// to put in the caller's one D1 batch.
import { type SQL, sql } from "drizzle-orm";
import { toStatement } from "../../platform/db/client.ts";
import { listingEtag } from "../../platform/db/listing-etag.ts";
import {
  apiKeys,
  catalogueVersion,
  channels,
  listings,
  producers,
  products,
  programmeFigures,
  supportProjects,
} from "../../platform/db/schema.ts";
import type { CountedD1 } from "../../platform/env.ts";
import { fold } from "../../platform/lib/fold.ts";
import type { PlainEntity, PlainRecordOf } from "./tables.schemas.ts";

/** A plain record as editors see it, with the ETag to send back in If-Match. */
export interface PlainState<E extends PlainEntity = PlainEntity> {
  entity: E;
  key: string;
  id: number;
  record: PlainRecordOf<E>;
  etag: string;
  /** updated_at as read: the write guard. */
  stamp: string;
  /** Listings: whether the channel has an active retailer key. */
  retailerKeyed: boolean;
}

export type Row = Record<string, unknown>;
const EPOCH = sql`(SELECT ${catalogueVersion.epoch} FROM ${catalogueVersion} WHERE ${catalogueVersion.id} = 1)`;
const parseJson = <T>(v: unknown, fallback: T): T => {
  try {
    return typeof v === "string" ? (JSON.parse(v) as T) : fallback;
  } catch {
    return fallback;
  }
};

/**
 * Each entity's table in the schema: the only tables these statements write or read by the entity's name, so a
 * name not in the schema cannot reach SQL and a renamed table or column is a compile error here.
 */
export const TABLE = {
  channel: channels,
  listing: listings,
  support_project: supportProjects,
  programme_figure: programmeFigures,
} as const satisfies Record<PlainEntity, unknown>;

const SELECT: Record<PlainEntity, SQL> = {
  channel: sql`SELECT ${channels.id}, ${channels.slug} AS key, ${channels.slug}, ${channels.name}, ${channels.kind},
    ${channels.website}, ${channels.descriptionVi}, ${channels.descriptionEn}, ${channels.sources},
    ${channels.provenance}, ${channels.updatedAt}, ${channels.createdAt} FROM ${channels}`,
  listing: sql`SELECT ${listings.id}, ${channels.slug} || '/' || ${products.slug} AS key, ${channels.slug} AS channel,
    ${products.slug} AS product, ${listings.status}, ${listings.priceVnd}, ${listings.channelSku}, ${listings.url},
    ${listings.stores}, ${listings.note}, ${listings.lastVerified}, ${listings.sourceUrl}, ${listings.provenance},
    ${listings.version}, ${listings.updatedAt}, ${listings.createdAt}, ${EPOCH} AS epoch,
    ${products.nameVi} AS product_name, ${channels.name} AS channel_name,
    EXISTS (SELECT 1 FROM ${apiKeys} WHERE ${apiKeys.channelId} = ${channels.id} AND ${apiKeys.revokedAt} IS NULL) AS keyed
    FROM ${listings} JOIN ${channels} ON ${channels.id} = ${listings.channelId}
    JOIN ${products} ON ${products.id} = ${listings.productId}`,
  support_project: sql`SELECT ${supportProjects.id}, CAST(${supportProjects.id} AS TEXT) AS key,
    ${producers.slug} AS producer, ${supportProjects.year}, ${supportProjects.fund}, ${supportProjects.amountVnd},
    ${supportProjects.titleVi}, ${supportProjects.titleEn}, ${supportProjects.kind}, ${supportProjects.sourceUrl},
    ${supportProjects.provenance}, ${supportProjects.updatedAt}, ${supportProjects.createdAt},
    ${producers.name} AS producer_name
    FROM ${supportProjects} LEFT JOIN ${producers} ON ${producers.id} = ${supportProjects.producerId}`,
  programme_figure: sql`SELECT ${programmeFigures.id}, ${programmeFigures.key}, ${programmeFigures.key} AS key,
    ${programmeFigures.groupKey}, ${programmeFigures.labelVi}, ${programmeFigures.labelEn}, ${programmeFigures.value},
    ${programmeFigures.unit}, ${programmeFigures.fund}, ${programmeFigures.period}, ${programmeFigures.qualifier},
    ${programmeFigures.sourceUrl}, ${programmeFigures.provenance}, ${programmeFigures.updatedAt},
    ${programmeFigures.createdAt} FROM ${programmeFigures}`,
};

/** The condition that finds one record by its key (listing keys are `channel/product`). */
function byKey(entity: PlainEntity, key: string): SQL {
  switch (entity) {
    case "channel":
      return sql`${channels.slug} = ${key}`;
    case "programme_figure":
      return sql`${programmeFigures.key} = ${key}`;
    case "support_project":
      return sql`${supportProjects.id} = ${/^\d{1,15}$/.test(key) ? Number(key) : -1}`;
    case "listing": {
      const [channel = "", product = ""] = key.split("/");
      return sql`${channels.slug} = ${channel} AND ${products.slug} = ${product}`;
    }
  }
}

const digits = (s: string) => s.replace(/\D/g, "");

/** Maps a row of {@link SELECT} to the record and its state. */
function stateOf<E extends PlainEntity>(entity: E, r: Row): PlainState<E> {
  const base = { provenance: r.provenance };
  let record: unknown;
  switch (entity) {
    case "channel":
      record = {
        slug: r.slug,
        name: r.name,
        kind: r.kind,
        website: r.website ?? null,
        description_vi: r.description_vi ?? "",
        description_en: r.description_en ?? "",
        sources: parseJson<string[]>(r.sources, []),
        ...base,
      };
      break;
    case "listing":
      record = {
        channel: r.channel,
        product: r.product,
        status: r.status,
        price_vnd: r.price_vnd ?? null,
        channel_sku: r.channel_sku ?? null,
        url: r.url ?? null,
        stores: parseJson(r.stores, []),
        note: r.note ?? null,
        last_verified: r.last_verified ?? null,
        source_url: r.source_url ?? null,
        ...base,
      };
      break;
    case "support_project":
      record = {
        producer: r.producer ?? null,
        year: r.year ?? null,
        fund: r.fund,
        amount_vnd: r.amount_vnd ?? null,
        title_vi: r.title_vi,
        title_en: r.title_en,
        kind: r.kind ?? null,
        source_url: r.source_url,
        ...base,
      };
      break;
    case "programme_figure":
      record = {
        key: r.key,
        group_key: r.group_key,
        label_vi: r.label_vi,
        label_en: r.label_en,
        value: r.value,
        unit: r.unit,
        fund: r.fund ?? null,
        period: r.period,
        qualifier: r.qualifier ?? null,
        source_url: r.source_url,
        ...base,
      };
      break;
  }
  const id = Number(r.id);
  const stamp = String(r.updated_at);
  const etag =
    entity === "listing"
      ? listingEtag({
          id,
          version: Number(r.version),
          created_at: String(r.created_at),
          epoch: Number(r.epoch ?? 0),
        })
      : `"${entity[0]}${id}u${digits(stamp)}"`;
  return {
    entity,
    key: String(r.key),
    id,
    record: record as PlainRecordOf<E>,
    etag,
    stamp,
    retailerKeyed: Boolean(r.keyed),
  };
}

/** The statement that reads one record (to put in a batch with others). */
export function readPlainStatement(d1: CountedD1, entity: PlainEntity, key: string): D1PreparedStatement {
  return toStatement(d1, sql`${SELECT[entity]} WHERE ${byKey(entity, key)}`);
}

/** Maps the result of {@link readPlainStatement}. */
export const plainFrom = <E extends PlainEntity>(entity: E, res: D1Result<Row> | undefined) => {
  const row = res?.results[0];
  return row ? stateOf(entity, row) : null;
};

/** Reads one record (null when there is none). */
export async function readPlain<E extends PlainEntity>(
  d1: CountedD1,
  entity: E,
  key: string,
): Promise<PlainState<E> | null> {
  const [res] = await d1.batch<Row>([readPlainStatement(d1, entity, key)]);
  return plainFrom(entity, res);
}

/** Filters of the editors' lists (each applies only to the entity it names). */
export interface PlainFilter {
  q?: string;
  /** channel: kind; listing: channel slug; support project: fund; programme figure: group key. */
  facet?: string;
  /** Listings: only those not checked for 90 days. */
  stale?: boolean;
}

const FACET: Record<PlainEntity, SQL> = {
  channel: sql`${channels.kind}`,
  listing: sql`${channels.slug}`,
  support_project: sql`${supportProjects.fund}`,
  programme_figure: sql`${programmeFigures.groupKey}`,
};
const ORDER: Record<PlainEntity, SQL> = {
  channel: sql`${channels.id}`,
  listing: sql`${channels.slug}, ${products.sortVi}`,
  support_project: sql`${supportProjects.year} DESC, ${supportProjects.id}`,
  programme_figure: sql`${programmeFigures.groupKey}, ${programmeFigures.id}`,
};
export const LIST_LIMIT = 200;

/**
 * The statement that lists records for the editor pages and the admin API, newest or in the public order; the
 * name search folds accents (as shoppers' search does), so "hoi cho" finds "Hội chợ". At most {@link LIST_LIMIT}.
 */
export function listPlainStatement(d1: CountedD1, entity: PlainEntity, f: PlainFilter): D1PreparedStatement {
  const stale =
    entity === "listing" && f.stale
      ? sql` AND (${listings.lastVerified} IS NULL OR ${listings.lastVerified} < date('now', '-90 days'))`
      : sql``;
  const facet = f.facet || null;
  // fold() runs in JS; rows are few (the province's whole catalogue), so the text filter runs after the read.
  return toStatement(
    d1,
    sql`${SELECT[entity]} WHERE (${facet} IS NULL OR ${FACET[entity]} = ${facet})${stale} ORDER BY ${ORDER[entity]} LIMIT ${LIST_LIMIT * 5}`,
  );
}

/** Maps and text-filters the result of {@link listPlainStatement}. */
export function plainListFrom<E extends PlainEntity>(
  entity: E,
  res: D1Result<Row> | undefined,
  q = "",
): (PlainState<E> & { label: string })[] {
  const needle = fold(q.trim());
  const label = (r: Row) =>
    entity === "listing"
      ? `${r.product_name} — ${r.channel_name}`
      : entity === "channel"
        ? String(r.name)
        : entity === "support_project"
          ? `${r.title_vi}${r.producer_name ? ` — ${r.producer_name}` : ""}`
          : String(r.label_vi);
  return (res?.results ?? [])
    .filter((r) => !needle || fold(`${label(r)} ${r.key}`).includes(needle))
    .slice(0, LIST_LIMIT)
    .map((r) => ({ ...stateOf(entity, r), label: label(r) }));
}

/** The statement that reads one record back by its id (the last of a write's batch). */
export const rereadStatement = (entity: PlainEntity, id: number): SQL =>
  sql`${SELECT[entity]} WHERE ${TABLE[entity].id} = ${id}`;
