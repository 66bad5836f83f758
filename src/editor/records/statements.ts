/**
 * The statements that write editors' records into the catalogue tables, without the database: the admin API,
 * the import and the seed (which applies the shipped sheets, seed/imports) all write through these.
 */
import { districtSlug, fold } from "../../platform/lib/fold.ts";
import {
  NOT_STATED,
  type ProducerRecord,
  type ProductRecord,
  type RecognitionRecord,
  settleProvenance,
} from "../schemas.ts";

export type SqlValue = string | number | null;
export interface Statement {
  sql: string;
  params: SqlValue[];
}

export const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ','now')";
/** Ids of records made by editors start here, far above the seed's, so `npm start` re-seeding never meets them. */
export const EDITOR_ID_FLOOR = 1_000_000;

/**
 * An upsert's update touches the row only when a value differs, so publishing or importing what is already
 * there (the seed applies the shipped sheets on every `npm start`) bumps neither `updated_at` nor the catalogue
 * version.
 */
const changedOnly = (table: string, cols: string[]) =>
  ` WHERE (${cols.map((c) => `${table}.${c}`).join(", ")}) IS NOT (${cols.map((c) => `excluded.${c}`).join(", ")})`;

const nextId = (table: string) => `(SELECT max(${EDITOR_ID_FLOOR}, coalesce(max(id), 0) + 1) FROM ${table})`;

/** Upserts a producer into the catalogue (public from this statement on). */
export function publishProducerStatement(record: ProducerRecord): Statement {
  const cols = [
    "slug",
    "name",
    "legal_type",
    "street",
    "commune",
    "district",
    "district_slug",
    "founded_year",
    "representative",
    "description_vi",
    "description_en",
    "sources",
    "sample",
    "sample_fields",
    "provenance",
    "field_provenance",
  ];
  const p = settleProvenance(record);
  // The photo, and what the producer stated itself, are written only when the record names them (see
  // ProducerRecord): a CSV row keeps the stored ones.
  const photoCols = ["image", "image_alt_vi", "image_alt_en"];
  const ownCols = ["public_contact", "producer_stated_on"];
  const updated = [
    ...cols.slice(1),
    ...(p.image !== undefined ? photoCols : []),
    ...(p.public_contact !== undefined ? ["public_contact"] : []),
    ...(p.producer_stated_on !== undefined ? ["producer_stated_on"] : []),
  ];
  return {
    sql: `INSERT INTO producers (id, ${cols.join(", ")}, ${photoCols.join(", ")}, ${ownCols.join(", ")}, updated_at) VALUES (${nextId("producers")}, ${cols.map(() => "?").join(", ")}, ?, ?, ?, ?, ?, ${NOW})
      ON CONFLICT(slug) DO UPDATE SET ${updated
        .map((c) => `${c} = excluded.${c}`)
        .join(", ")}, updated_at = excluded.updated_at${changedOnly("producers", updated)}`,
    params: [
      p.slug,
      p.name,
      p.legal_type,
      p.street,
      p.commune,
      p.district,
      p.district ? districtSlug(p.district) : null,
      p.founded_year,
      p.representative,
      p.description_vi,
      p.description_en,
      JSON.stringify(p.sources),
      p.sample ? 1 : 0,
      JSON.stringify(p.sample_fields),
      p.provenance,
      JSON.stringify(p.field_provenance),
      p.image ?? null,
      p.image_alt_vi ?? null,
      p.image_alt_en ?? null,
      p.public_contact ?? null,
      p.producer_stated_on ?? null,
    ],
  };
}

/**
 * Upserts a product into the catalogue; sort keys are folded as the seed folds them (the search index follows by
 * triggers, migration 0024).
 */
export function publishProductStatement(record: ProductRecord): Statement {
  const p = settleProvenance(record);
  const cols = [
    "slug",
    "name_vi",
    "name_en",
    "description_vi",
    "description_en",
    "product_group",
    "category_vi",
    "category_en",
    "packaging",
    "sources",
    "sample",
    "sample_fields",
    "provenance",
    "field_provenance",
    "image",
    "image_alt_vi",
    "image_alt_en",
    "sort_vi",
    "sort_en",
  ];
  // What the producer stated itself is written only when the record names it: a CSV row keeps the stored date.
  const updated = [...cols.slice(1), ...(p.producer_stated_on !== undefined ? ["producer_stated_on"] : [])];
  return {
    sql: `INSERT INTO products (id, producer_id, ${cols.join(", ")}, producer_stated_on, updated_at)
      VALUES (${nextId("products")}, (SELECT id FROM producers WHERE slug = ?), ${cols.map(() => "?").join(", ")}, ?, ${NOW})
      ON CONFLICT(slug) DO UPDATE SET producer_id = excluded.producer_id, ${updated
        .map((c) => `${c} = excluded.${c}`)
        .join(
          ", ",
        )}, updated_at = excluded.updated_at${changedOnly("products", ["producer_id", ...updated])}`,
    params: [
      p.producer,
      p.slug,
      p.name_vi,
      p.name_en,
      p.description_vi,
      p.description_en,
      p.product_group,
      p.category_vi,
      p.category_en,
      JSON.stringify(
        p.packaging.map((k) => ({
          label: k.label,
          ...(k.label_en ? { labelEn: k.label_en } : {}),
          netWeightG: k.net_weight_g,
          priceVnd: k.price_vnd,
          sample: k.sample,
          gtin: k.gtin,
        })),
      ),
      JSON.stringify(p.sources),
      p.sample ? 1 : 0,
      JSON.stringify(p.sample_fields),
      p.provenance,
      JSON.stringify(p.field_provenance),
      p.image,
      p.image_alt_vi,
      p.image_alt_en,
      fold(p.name_vi),
      fold(p.name_en),
      p.producer_stated_on ?? null,
    ],
  };
}

/** Upserts a recognition (its id is kept); the tier triggers recompute the product's derived tier. */
export function publishRecognitionStatement(record: RecognitionRecord): Statement {
  const r = settleProvenance(record);
  const cols = [
    "scheme",
    "level",
    "stars",
    "year",
    "title_vi",
    "title_en",
    "decision_number",
    "issuer",
    "source_url",
    "verified",
    "sample",
    "provenance",
    "field_provenance",
    "note_vi",
    "note_en",
  ];
  return {
    sql: `INSERT INTO recognitions (id, product_id, ${cols.join(", ")}, updated_at)
      VALUES (?, (SELECT id FROM products WHERE slug = ?), ${cols.map(() => "?").join(", ")}, ${NOW})
      ON CONFLICT(id) DO UPDATE SET product_id = excluded.product_id, ${cols.map((c) => `${c} = excluded.${c}`).join(", ")}, updated_at = excluded.updated_at${changedOnly("recognitions", ["product_id", ...cols])}`,
    params: [
      r.id,
      r.product,
      r.scheme,
      r.level,
      // "Not stated" is stored as NULL: derived star counts (products.ocop_stars) and facets see no stars.
      r.stars === NOT_STATED ? null : r.stars,
      r.year === NOT_STATED ? null : r.year,
      r.title_vi,
      r.title_en,
      r.decision_number,
      r.issuer === NOT_STATED ? null : r.issuer,
      r.source_url,
      r.verified ? 1 : 0,
      r.sample ? 1 : 0,
      r.provenance,
      JSON.stringify(r.field_provenance),
      r.note_vi,
      r.note_en,
    ],
  };
}
