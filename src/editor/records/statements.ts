/**
 * The statements that write editors' records into the catalogue tables, without the database: the admin API,
 * the import and the seed (which applies the shipped sheets, seed/imports) all write through these.
 */
import { type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { producers, products, recognitions } from "../../platform/db/schema.ts";
import { bare, bareList, NOW } from "../../platform/db/sql.ts";
import { districtSlug, fold } from "../../platform/lib/fold.ts";
import {
  NOT_STATED,
  type ProducerRecord,
  type ProductRecord,
  type RecognitionRecord,
  settleProvenance,
} from "../schemas.ts";

export type SqlValue = string | number | null;
/** A statement of an editors' write: a drizzle `sql` template, made a D1 statement (`toStatement`) at its batch. */
export type Statement = SQL;

/** Ids of records made by editors start here, far above the seed's, so `npm start` re-seeding never meets them. */
export const EDITOR_ID_FLOOR = 1_000_000;

type Values = [SQLiteColumn, SqlValue | undefined][];
/** A column list's values as bound parameters (a value left out is NULL). */
const valuesOf = (values: Values) =>
  sql.join(
    values.map(([, v]) => sql`${v ?? null}`),
    sql`, `,
  );
const columnsOf = (values: Values) => values.map(([c]) => c);

/**
 * An upsert's update touches the row only when a value differs, so publishing or importing what is already
 * there (the seed applies the shipped sheets on every `npm start`) bumps neither `updated_at` nor the catalogue
 * version.
 */
const changedOnly = (cols: SQLiteColumn[]) =>
  sql` WHERE (${sql.join(cols, sql`, `)}) IS NOT (${sql.join(
    cols.map((c) => sql`excluded.${bare(c)}`),
    sql`, `,
  )})`;

/** `col = excluded.col, …` for an upsert's update, `updated_at` last. */
const setExcluded = (cols: SQLiteColumn[], updatedAt: SQLiteColumn) =>
  sql.join(
    [...cols, updatedAt].map((c) => sql`${bare(c)} = excluded.${bare(c)}`),
    sql`, `,
  );

const nextId = (table: typeof producers | typeof products) =>
  sql`(SELECT max(${EDITOR_ID_FLOOR}, coalesce(max(${table.id}), 0) + 1) FROM ${table})`;

/** Upserts a producer into the catalogue (public from this statement on). */
export function publishProducerStatement(record: ProducerRecord): Statement {
  const t = producers;
  const p = settleProvenance(record);
  const values: Values = [
    [t.slug, p.slug],
    [t.name, p.name],
    [t.legalType, p.legal_type],
    [t.street, p.street],
    [t.commune, p.commune],
    [t.district, p.district],
    [t.districtSlug, p.district ? districtSlug(p.district) : null],
    [t.foundedYear, p.founded_year],
    [t.representative, p.representative],
    [t.descriptionVi, p.description_vi],
    [t.descriptionEn, p.description_en],
    [t.sources, JSON.stringify(p.sources)],
    [t.sample, p.sample ? 1 : 0],
    [t.sampleFields, JSON.stringify(p.sample_fields)],
    [t.provenance, p.provenance],
    [t.fieldProvenance, JSON.stringify(p.field_provenance)],
  ];
  // The photo, and what the producer stated itself, are written only when the record names them (see
  // ProducerRecord): a CSV row keeps the stored ones.
  const photo: Values = [
    [t.image, p.image],
    [t.imageAltVi, p.image_alt_vi],
    [t.imageAltEn, p.image_alt_en],
  ];
  const own: Values = [
    [t.publicContact, p.public_contact],
    [t.producerStatedOn, p.producer_stated_on],
  ];
  const updated = [
    ...columnsOf(values).slice(1),
    ...(p.image !== undefined ? columnsOf(photo) : []),
    ...(p.public_contact !== undefined ? [t.publicContact] : []),
    ...(p.producer_stated_on !== undefined ? [t.producerStatedOn] : []),
  ];
  const all = [...values, ...photo, ...own];
  return sql`INSERT INTO ${t} (${bareList(t.id, ...columnsOf(all), t.updatedAt)}) VALUES (${nextId(t)}, ${valuesOf(all)}, ${NOW})
      ON CONFLICT (${bare(t.slug)}) DO UPDATE SET ${setExcluded(updated, t.updatedAt)}${changedOnly(updated)}`;
}

/**
 * Upserts a product into the catalogue; sort keys are folded as the seed folds them (the search index follows by
 * triggers, migration 0024).
 */
export function publishProductStatement(record: ProductRecord): Statement {
  const t = products;
  const p = settleProvenance(record);
  const values: Values = [
    [t.slug, p.slug],
    [t.nameVi, p.name_vi],
    [t.nameEn, p.name_en],
    [t.descriptionVi, p.description_vi],
    [t.descriptionEn, p.description_en],
    [t.productGroup, p.product_group],
    [t.categoryVi, p.category_vi],
    [t.categoryEn, p.category_en],
    [
      t.packaging,
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
    ],
    [t.sources, JSON.stringify(p.sources)],
    [t.sample, p.sample ? 1 : 0],
    [t.sampleFields, JSON.stringify(p.sample_fields)],
    [t.provenance, p.provenance],
    [t.fieldProvenance, JSON.stringify(p.field_provenance)],
    [t.image, p.image],
    [t.imageAltVi, p.image_alt_vi],
    [t.imageAltEn, p.image_alt_en],
    [t.sortVi, fold(p.name_vi)],
    [t.sortEn, fold(p.name_en)],
    [t.producerStatedOn, p.producer_stated_on],
  ];
  // What the producer stated itself is written only when the record names it: a CSV row keeps the stored date.
  const updated = [
    t.producerId,
    ...columnsOf(values).slice(1, -1),
    ...(p.producer_stated_on !== undefined ? [t.producerStatedOn] : []),
  ];
  return sql`INSERT INTO ${t} (${bareList(t.id, t.producerId, ...columnsOf(values), t.updatedAt)})
      VALUES (${nextId(t)}, (SELECT ${producers.id} FROM ${producers} WHERE ${producers.slug} = ${p.producer}), ${valuesOf(values)}, ${NOW})
      ON CONFLICT (${bare(t.slug)}) DO UPDATE SET ${setExcluded(updated, t.updatedAt)}${changedOnly(updated)}`;
}

/** Upserts a recognition (its id is kept); the tier triggers recompute the product's derived tier. */
export function publishRecognitionStatement(record: RecognitionRecord): Statement {
  const t = recognitions;
  const r = settleProvenance(record);
  const values: Values = [
    [t.scheme, r.scheme],
    [t.level, r.level],
    // "Not stated" is stored as NULL: derived star counts (products.ocop_stars) and facets see no stars.
    [t.stars, r.stars === NOT_STATED ? null : r.stars],
    [t.year, r.year === NOT_STATED ? null : r.year],
    [t.titleVi, r.title_vi],
    [t.titleEn, r.title_en],
    [t.decisionNumber, r.decision_number],
    [t.issuer, r.issuer === NOT_STATED ? null : r.issuer],
    [t.sourceUrl, r.source_url],
    [t.verified, r.verified ? 1 : 0],
    [t.sample, r.sample ? 1 : 0],
    [t.provenance, r.provenance],
    [t.fieldProvenance, JSON.stringify(r.field_provenance)],
    [t.noteVi, r.note_vi],
    [t.noteEn, r.note_en],
  ];
  const updated = [t.productId, ...columnsOf(values)];
  return sql`INSERT INTO ${t} (${bareList(t.id, t.productId, ...columnsOf(values), t.updatedAt)})
      VALUES (${r.id}, (SELECT ${products.id} FROM ${products} WHERE ${products.slug} = ${r.product}), ${valuesOf(values)}, ${NOW})
      ON CONFLICT (${bare(t.id)}) DO UPDATE SET ${setExcluded(updated, t.updatedAt)}${changedOnly(updated)}`;
}
