// Reading the plain tables: one record by its key, or a list for the editor pages and the admin API (filtered by
// a facet, listings also by age, then by folded text), each mapped to the record and its ETag. Each is a statement
// to put in the caller's one D1 batch.

import type { Query as Statement } from "drizzle-orm";
import { listingEtag } from "../../platform/db/listing-etag.ts";
import type { CountedD1 } from "../../platform/env.ts";
import { fold } from "../../platform/lib/fold.ts";
import type { SqlValue } from "../records/store.ts";
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
const EPOCH = "(SELECT epoch FROM catalogue_version WHERE id = 1)";
const parseJson = <T>(v: unknown, fallback: T): T => {
  try {
    return typeof v === "string" ? (JSON.parse(v) as T) : fallback;
  } catch {
    return fallback;
  }
};

const SELECT: Record<PlainEntity, string> = {
  channel: `SELECT t.id, t.slug AS key, t.slug, t.name, t.kind, t.website, t.description_vi, t.description_en, t.sources,
    t.provenance, t.updated_at, t.created_at FROM channels t`,
  listing: `SELECT t.id, c.slug || '/' || p.slug AS key, c.slug AS channel, p.slug AS product, t.status, t.price_vnd,
    t.channel_sku, t.url, t.stores, t.note, t.last_verified, t.source_url, t.provenance, t.version, t.updated_at, t.created_at,
    ${EPOCH} AS epoch, p.name_vi AS product_name, c.name AS channel_name,
    EXISTS (SELECT 1 FROM api_keys k WHERE k.channel_id = c.id AND k.revoked_at IS NULL) AS keyed
    FROM listings t JOIN channels c ON c.id = t.channel_id JOIN products p ON p.id = t.product_id`,
  support_project: `SELECT t.id, CAST(t.id AS TEXT) AS key, pr.slug AS producer, t.year, t.fund, t.amount_vnd, t.title_vi,
    t.title_en, t.kind, t.source_url, t.provenance, t.updated_at, t.created_at, pr.name AS producer_name
    FROM support_projects t LEFT JOIN producers pr ON pr.id = t.producer_id`,
  programme_figure: `SELECT t.id, t.key, t.key AS key, t.group_key, t.label_vi, t.label_en, t.value, t.unit, t.fund, t.period,
    t.qualifier, t.source_url, t.provenance, t.updated_at, t.created_at FROM programme_figures t`,
};
export const TABLE: Record<PlainEntity, string> = {
  channel: "channels",
  listing: "listings",
  support_project: "support_projects",
  programme_figure: "programme_figures",
};

/** The WHERE clause and parameters that find one record by its key (listing keys are `channel/product`). */
function byKey(entity: PlainEntity, key: string): { where: string; params: SqlValue[] } {
  switch (entity) {
    case "channel":
      return { where: "t.slug = ?", params: [key] };
    case "programme_figure":
      return { where: "t.key = ?", params: [key] };
    case "support_project":
      return { where: "t.id = ?", params: [/^\d{1,15}$/.test(key) ? Number(key) : -1] };
    case "listing": {
      const [channel = "", product = ""] = key.split("/");
      return { where: "c.slug = ? AND p.slug = ?", params: [channel, product] };
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
  const { where, params } = byKey(entity, key);
  return d1.prepare(`${SELECT[entity]} WHERE ${where}`).bind(...params);
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

const FACET: Record<PlainEntity, string> = {
  channel: "t.kind",
  listing: "c.slug",
  support_project: "t.fund",
  programme_figure: "t.group_key",
};
const ORDER: Record<PlainEntity, string> = {
  channel: "t.id",
  listing: "c.slug, p.sort_vi",
  support_project: "t.year DESC, t.id",
  programme_figure: "t.group_key, t.id",
};
export const LIST_LIMIT = 200;

/**
 * The statement that lists records for the editor pages and the admin API, newest or in the public order; the
 * name search folds accents (as shoppers' search does), so "hoi cho" finds "Hội chợ". At most {@link LIST_LIMIT}.
 */
export function listPlainStatement(d1: CountedD1, entity: PlainEntity, f: PlainFilter): D1PreparedStatement {
  const stale =
    entity === "listing" && f.stale
      ? " AND (t.last_verified IS NULL OR t.last_verified < date('now', '-90 days'))"
      : "";
  // fold() runs in JS; rows are few (the province's whole catalogue), so the text filter runs after the read.
  return d1
    .prepare(
      `${SELECT[entity]} WHERE (?1 IS NULL OR ${FACET[entity]} = ?1)${stale} ORDER BY ${ORDER[entity]} LIMIT ${LIST_LIMIT * 5}`,
    )
    .bind(f.facet || null);
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
export const rereadStatement = (entity: PlainEntity, id: number): Statement => ({
  sql: `${SELECT[entity]} WHERE t.id = ?`,
  params: [id],
});
