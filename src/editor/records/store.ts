/**
 * Editor reads and writes against D1. A record has a live row (public, in the catalogue tables) and/or a draft
 * (editor_drafts, never read by a public route). Editors change drafts; publishing applies a product's draft —
 * with its producer's and its recognitions' drafts — to the catalogue tables in one batch, so every public path
 * (FTS index, derived tiers, catalogue version, change feed, sitemap, JSON-LD) sees it exactly as before:
 * through the existing triggers. Every write batch starts with a guard statement that aborts the whole batch
 * (D1 batches are transactions) when the record moved since it was read, so If-Match cannot race.
 */

import { type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { asProvenance, parseFieldProvenance } from "../../domain/provenance.ts";
import { bare, bareList, NOW, toStatement } from "../../platform/db/client.ts";
import {
  auditEvents,
  changes,
  editorDrafts,
  producers,
  products,
  recognitions,
} from "../../platform/db/schema.ts";
import type { CountedD1 } from "../../platform/env.ts";
import type { EditorIdentity, Via } from "../auth/auth.ts";
import { NOT_STATED, type ProducerRecord, type ProductRecord, type RecognitionRecord } from "../schemas.ts";

export type Entity = "product" | "producer" | "recognition";
export type RecordOf<E extends Entity> = E extends "product"
  ? ProductRecord
  : E extends "producer"
    ? ProducerRecord
    : RecognitionRecord;

/** A record as editors see it: what is public, what is pending, and the version to send back in If-Match. */
export interface RecordState<T> {
  key: string;
  live: T | null;
  /** updated_at of the live row (part of the ETag). */
  liveStamp: string | null;
  draft: T | null;
  draftVersion: number;
}

import { EDITOR_ID_FLOOR, type Statement } from "./statements.ts";

export type { SqlValue, Statement } from "./statements.ts";
export {
  EDITOR_ID_FLOOR,
  publishProducerStatement,
  publishProductStatement,
  publishRecognitionStatement,
} from "./statements.ts";

/** The message SQLite gives for the guard's deliberate failure (see {@link guard}). */
const GUARD_FAILED = "malformed JSON";

/** The ETag of a record's editable state (strong; opaque to clients). */
export const etagOf = (s: RecordState<unknown>) => `"${s.draftVersion}.${s.liveStamp ?? "none"}"`;
export const workingCopy = <T>(s: RecordState<T>) => s.draft ?? s.live;
export const statusOf = (s: RecordState<unknown>) =>
  s.live ? (s.draft ? "changed" : "published") : s.draft ? "draft" : "absent";

/** Each entity's catalogue table and the column its key is. */
const TABLE = {
  product: { table: products, key: products.slug },
  producer: { table: producers, key: producers.slug },
  recognition: { table: recognitions, key: recognitions.id },
} as const;

/**
 * A statement that fails (and so rolls back its batch) unless the record is still as it was read: same draft
 * version and same live updated_at. SQLite's json() raises an error on malformed text; that is the abort.
 */
export function guard(entity: Entity, s: RecordState<unknown>): Statement {
  const { table, key } = TABLE[entity];
  const d = editorDrafts;
  return sql`SELECT json(CASE WHEN coalesce((SELECT ${d.version} FROM ${d} WHERE ${d.entity} = ${entity} AND ${d.key} = ${s.key}), 0) = ${s.draftVersion}
      AND coalesce((SELECT ${table.updatedAt} FROM ${table} WHERE ${key} = ${bindKey(entity, s.key)}), 'none') = ${s.liveStamp ?? "none"} THEN '1' ELSE 'stale' END)`;
}

/** True when a batch failed because its guard found the record changed. */
export const isGuardFailure = (err: unknown) => err instanceof Error && err.message.includes(GUARD_FAILED);

const bool = (v: unknown) => v === 1 || v === true;
const parse = <T>(v: unknown, fallback: T): T => {
  if (typeof v !== "string") return fallback;
  try {
    return JSON.parse(v) as T;
  } catch {
    return fallback;
  }
};

type Row = Record<string, unknown>;

/** A row's provenance columns in the editor record shape (fields weaker than the record only). */
const provenanceOf = (r: Row) => ({
  provenance: asProvenance(r.provenance ?? "sourced"),
  field_provenance: Object.fromEntries(
    Object.entries(parseFieldProvenance(r.field_provenance)).filter(
      (e): e is [string, "inferred" | "illustrative"] => e[1] === "inferred" || e[1] === "illustrative",
    ),
  ),
});
/** A stored stars/year: null on an OCOP recognition's stars, or on any year, is one an editor said was not stated. */
const orNotStated = (v: unknown): number | typeof NOT_STATED => (v == null ? NOT_STATED : Number(v));

const p = alias(products, "p");
const pr = alias(producers, "pr");
const r = alias(recognitions, "r");
const d = editorDrafts;

// Each selected column is named after itself in the rows (`"p"."name_vi"` → `name_vi`), as fromRow reads them.
const PRODUCT_LIVE = sql`SELECT ${p.slug}, ${pr.slug} AS producer, ${p.nameVi}, ${p.nameEn}, ${p.descriptionVi},
  ${p.descriptionEn}, ${p.productGroup}, ${p.categoryVi}, ${p.categoryEn}, ${p.packaging}, ${p.sources}, ${p.sample},
  ${p.sampleFields}, ${p.provenance}, ${p.fieldProvenance}, ${p.image}, ${p.imageAltVi}, ${p.imageAltEn},
  ${p.producerStatedOn}, ${p.updatedAt}
  FROM ${products} ${p} JOIN ${producers} ${pr} ON ${pr.id} = ${p.producerId}`;
const PRODUCER_LIVE = sql`SELECT ${producers.slug}, ${producers.name}, ${producers.legalType}, ${producers.street}, ${producers.commune}, ${producers.district},
  ${producers.foundedYear}, ${producers.representative}, ${producers.descriptionVi}, ${producers.descriptionEn}, ${producers.sources}, ${producers.sample},
  ${producers.sampleFields}, ${producers.provenance}, ${producers.fieldProvenance}, ${producers.image}, ${producers.imageAltVi}, ${producers.imageAltEn},
  ${producers.publicContact}, ${producers.producerStatedOn}, ${producers.updatedAt} FROM ${producers}`;
const RECOGNITION_LIVE = sql`SELECT ${r.id}, ${p.slug} AS product, ${r.scheme}, ${r.level}, ${r.stars}, ${r.year},
  ${r.titleVi}, ${r.titleEn}, ${r.decisionNumber}, ${r.issuer}, ${r.sourceUrl}, ${r.verified}, ${r.sample},
  ${r.provenance}, ${r.fieldProvenance}, ${r.noteVi}, ${r.noteEn}, ${r.updatedAt}
  FROM ${recognitions} ${r} JOIN ${products} ${p} ON ${p.id} = ${r.productId}`;

/** Maps live rows to the editor record shape. */
export const fromRow = {
  product: (r: Row): ProductRecord => ({
    slug: String(r.slug),
    producer: String(r.producer),
    name_vi: String(r.name_vi),
    name_en: String(r.name_en),
    description_vi: String(r.description_vi ?? ""),
    description_en: String(r.description_en ?? ""),
    product_group: r.product_group as ProductRecord["product_group"],
    category_vi: String(r.category_vi),
    category_en: String(r.category_en),
    packaging: parse<
      {
        label: string;
        labelEn?: string;
        netWeightG: number | null;
        priceVnd: number | null;
        sample: boolean;
        gtin?: string | null;
      }[]
    >(r.packaging, []).map((p) => ({
      label: p.label,
      label_en: p.labelEn ?? null,
      net_weight_g: p.netWeightG ?? null,
      price_vnd: p.priceVnd ?? null,
      sample: Boolean(p.sample),
      gtin: p.gtin ?? null,
    })),
    sources: parse<string[]>(r.sources, []),
    sample: bool(r.sample),
    sample_fields: parse<string[]>(r.sample_fields, []),
    ...provenanceOf(r),
    image: (r.image as string | null) ?? null,
    image_alt_vi: (r.image_alt_vi as string | null) ?? null,
    image_alt_en: (r.image_alt_en as string | null) ?? null,
    producer_stated_on: (r.producer_stated_on as string | null) ?? null,
  }),
  producer: (r: Row): ProducerRecord => ({
    slug: String(r.slug),
    name: String(r.name),
    legal_type: r.legal_type as ProducerRecord["legal_type"],
    street: (r.street as string | null) ?? null,
    commune: (r.commune as string | null) ?? null,
    district: (r.district as string | null) ?? null,
    founded_year: (r.founded_year as number | null) ?? null,
    representative: (r.representative as string | null) ?? null,
    description_vi: String(r.description_vi ?? ""),
    description_en: String(r.description_en ?? ""),
    sources: parse<string[]>(r.sources, []),
    sample: bool(r.sample),
    sample_fields: parse<string[]>(r.sample_fields, []),
    image: (r.image as string | null) ?? null,
    image_alt_vi: (r.image_alt_vi as string | null) ?? null,
    image_alt_en: (r.image_alt_en as string | null) ?? null,
    public_contact: (r.public_contact as string | null) ?? null,
    producer_stated_on: (r.producer_stated_on as string | null) ?? null,
    ...provenanceOf(r),
  }),
  recognition: (r: Row): RecognitionRecord => ({
    id: Number(r.id),
    product: String(r.product),
    scheme: r.scheme as RecognitionRecord["scheme"],
    level: (r.level as RecognitionRecord["level"]) ?? null,
    stars: r.scheme === "ocop" ? orNotStated(r.stars) : ((r.stars as number | null) ?? null),
    year: orNotStated(r.year),
    title_vi: String(r.title_vi),
    title_en: String(r.title_en),
    decision_number: (r.decision_number as string | null) ?? null,
    // A recognition whose issuer is not known reads back as the editor wrote it: not stated.
    issuer: (r.issuer as string | null) ?? NOT_STATED,
    source_url: String(r.source_url),
    verified: bool(r.verified),
    sample: bool(r.sample),
    ...provenanceOf(r),
    note_vi: (r.note_vi as string | null) ?? null,
    note_en: (r.note_en as string | null) ?? null,
  }),
};

const liveSql = (entity: Entity, key: string) =>
  entity === "product"
    ? sql`${PRODUCT_LIVE} WHERE ${p.slug} = ${key}`
    : entity === "producer"
      ? sql`${PRODUCER_LIVE} WHERE ${producers.slug} = ${key}`
      : sql`${RECOGNITION_LIVE} WHERE ${r.id} = ${Number(key)}`;
const DRAFT = sql`SELECT ${d.key}, ${d.payload}, ${d.version} FROM ${d}`;
const draftSql = (entity: Entity, key: string) =>
  sql`${DRAFT} WHERE ${d.entity} = ${entity} AND ${d.key} = ${key}`;

function stateFrom<E extends Entity>(
  entity: E,
  key: string,
  live: Row | undefined,
  draft: Row | undefined,
): RecordState<RecordOf<E>> {
  return {
    key,
    live: live ? (fromRow[entity](live) as RecordOf<E>) : null,
    liveStamp: live ? String(live.updated_at) : null,
    draft: draft ? (parse(draft.payload, null) as RecordOf<E> | null) : null,
    draftVersion: draft ? Number(draft.version) : 0,
  };
}

const bindKey = (entity: Entity, key: string) => (entity === "recognition" ? Number(key) : key);

/** The statements that read one record's live row and draft (to run alone or at the end of a write). */
export function stateStatements(d1: CountedD1, entity: Entity, key: string): D1PreparedStatement[] {
  return [toStatement(d1, liveSql(entity, key)), toStatement(d1, draftSql(entity, key))];
}

/** Maps the results of {@link stateStatements}. */
export function stateFromResults<E extends Entity>(
  entity: E,
  key: string,
  [live, draft]: D1Result<Row>[],
): RecordState<RecordOf<E>> {
  return stateFrom(entity, key, live?.results[0], draft?.results[0]);
}

/** Reads one record's live row and draft in one round trip. */
export async function readState<E extends Entity>(
  d1: CountedD1,
  entity: E,
  key: string,
): Promise<RecordState<RecordOf<E>>> {
  return stateFromResults(entity, key, await d1.batch<Row>(stateStatements(d1, entity, key)));
}

/** Everything publishing a product touches, read in one round trip. */
export interface ProductBundle {
  product: RecordState<ProductRecord>;
  producer: RecordState<ProducerRecord> | null;
  recognitions: RecordState<RecognitionRecord>[];
}

/** The statements that read a product, its producer (live and draft) and its recognitions (live and drafts). */
export function productBundleStatements(d1: CountedD1, slug: string): D1PreparedStatement[] {
  // The producer's slug: the product draft's, else the live product's.
  const producerSlug = sql`coalesce(json_extract((SELECT ${d.payload} FROM ${d} WHERE ${d.entity} = 'product' AND ${d.key} = ${slug}), '$.producer'),
    (SELECT ${pr.slug} FROM ${products} ${p} JOIN ${producers} ${pr} ON ${pr.id} = ${p.producerId} WHERE ${p.slug} = ${slug}))`;
  return [
    sql`${PRODUCT_LIVE} WHERE ${p.slug} = ${slug}`,
    draftSql("product", slug),
    sql`${PRODUCER_LIVE} WHERE ${producers.slug} = ${producerSlug}`,
    sql`${DRAFT} WHERE ${d.entity} = 'producer' AND ${d.key} = ${producerSlug}`,
    sql`${RECOGNITION_LIVE} WHERE ${p.slug} = ${slug} ORDER BY ${r.id}`,
    sql`${DRAFT} WHERE ${d.entity} = 'recognition' AND ${d.productSlug} = ${slug} ORDER BY CAST(${d.key} AS INTEGER)`,
  ].map((q) => toStatement(d1, q));
}

/** Maps the results of {@link productBundleStatements}. */
export function productBundleFrom(slug: string, results: D1Result<Row>[]): ProductBundle {
  const [pLive, pDraft, prLive, prDraft, rLive, rDraft] = results;
  const product = stateFrom("product", slug, pLive?.results[0], pDraft?.results[0]);
  const prRow = prLive?.results[0];
  const prDraftRow = prDraft?.results[0];
  const producerKey = String(prRow?.slug ?? prDraftRow?.key ?? "");
  const producer = producerKey ? stateFrom("producer", producerKey, prRow, prDraftRow) : null;
  const ids = new Set<string>([
    ...(rLive?.results ?? []).map((r) => String(r.id)),
    ...(rDraft?.results ?? []).map((r) => String(r.key)),
  ]);
  const recognitions = [...ids].map((id) =>
    stateFrom(
      "recognition",
      id,
      rLive?.results.find((r) => String(r.id) === id),
      rDraft?.results.find((r) => String(r.key) === id),
    ),
  );
  return { product, producer, recognitions };
}

/** Reads a product, its producer (live and draft) and its recognitions (live and drafts) in one round trip. */
export async function readProductBundle(d1: CountedD1, slug: string): Promise<ProductBundle> {
  return productBundleFrom(slug, await d1.batch<Row>(productBundleStatements(d1, slug)));
}

/** Field-level differences between two versions of a record, for the audit trail. */
export function diff(
  before: object | null,
  after: object | null,
): { field: string; before: unknown; after: unknown }[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields
    .filter((f) => JSON.stringify(b[f] ?? null) !== JSON.stringify(a[f] ?? null))
    .map((f) => ({ field: f, before: b[f] ?? null, after: a[f] ?? null }));
}

/** Where an audit event came from besides the editor: the caller's address when Cloudflare reports one. */
export interface AuditContext {
  editor: EditorIdentity;
  via?: Via;
  address: string | null;
}

/**
 * One audit event. `key` may be SQL (for ids allocated in the same batch) when `keySql` is set. `when`: written
 * only if this condition holds when the statement runs in its batch (`changes() = 1`: the write before it happened).
 */
export function auditStatement(
  ctx: AuditContext,
  entity: string,
  key: string,
  action: string,
  changes: { field: string; before: unknown; after: unknown }[],
  when?: SQL,
): Statement {
  const a = auditEvents;
  const values = sql`${ctx.editor.id}, ${ctx.editor.email}, ${ctx.via ?? ctx.editor.via}, ${entity}, ${key}, ${action}, ${JSON.stringify(changes)}, ${ctx.address}`;
  return sql`INSERT INTO ${a} (${bareList(a.editorId, a.editorEmail, a.via, a.entity, a.entityKey, a.action, a.changes, a.address)})
    ${when ? sql`SELECT ${values} WHERE ${when}` : sql`VALUES (${values})`}`;
}

/** Writes (creates or replaces) a draft; the version goes up by one on every write. */
export function draftStatement(
  entity: Entity,
  key: string,
  record: object,
  editorId: number,
  productSlug: string | null = null,
): Statement {
  return sql`INSERT INTO ${d} (${bareList(d.entity, d.key, d.productSlug, d.payload, d.version, d.updatedBy)})
      VALUES (${entity}, ${key}, ${productSlug}, ${JSON.stringify(record)}, 1, ${editorId})
      ON CONFLICT (${bareList(d.entity, d.key)}) DO UPDATE SET ${bare(d.payload)} = excluded.${bare(d.payload)},
      ${bare(d.productSlug)} = excluded.${bare(d.productSlug)}, ${bare(d.version)} = ${d.version} + 1,
      ${bare(d.updatedBy)} = excluded.${bare(d.updatedBy)}, ${bare(d.updatedAt)} = ${NOW}`;
}

export const dropDraft = (entity: Entity, key: string): Statement =>
  sql`DELETE FROM ${d} WHERE ${d.entity} = ${entity} AND ${d.key} = ${key}`;

/**
 * The next id for a new recognition: above the editor floor, above every live recognition, every pending draft
 * and every id the change feed has ever named (so a deleted recognition's id is never reused for another).
 */
export const NEXT_RECOGNITION_ID = sql`SELECT max(${EDITOR_ID_FLOOR},
  coalesce((SELECT max(${recognitions.id}) FROM ${recognitions}), 0) + 1,
  coalesce((SELECT max(CAST(${d.key} AS INTEGER)) FROM ${d} WHERE ${d.entity} = 'recognition'), 0) + 1,
  coalesce((SELECT max(CAST(${changes.entityKey} AS INTEGER)) FROM ${changes} WHERE ${changes.entity} = 'recognition'), 0) + 1) AS id`;

/** Removes a live record (the change feed's delete triggers leave its tombstone) and any draft of it. */
export function deleteStatements(entity: Entity, key: string): Statement[] {
  const { table, key: col } = TABLE[entity];
  const out: Statement[] = [
    sql`DELETE FROM ${table} WHERE ${col} = ${bindKey(entity, key)}`,
    dropDraft(entity, key),
  ];
  if (entity === "product")
    out.push(sql`DELETE FROM ${d} WHERE ${d.entity} = 'recognition' AND ${d.productSlug} = ${key}`);
  return out;
}

/** Runs statements as one batch (one round trip, all or nothing). */
export async function runBatch(d1: CountedD1, statements: Statement[]): Promise<D1Result<Row>[]> {
  return d1.batch<Row>(statements.map((s) => toStatement(d1, s)));
}
