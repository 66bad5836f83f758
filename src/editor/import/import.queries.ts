// What an import reads and checks, and what an export reads: each kind's rows named through the schema's tables and
// columns (a kind maps to its drizzle table, never to a name spelled here), so a renamed table or column is a compile
// error in these statements. Ids and slugs come as one JSON array (json_each), so no statement binds more than a few
// parameters however many rows a file has.
import { type Column, getTableColumns, type SQL, sql } from "drizzle-orm";
import {
  catalogueVersion,
  editorDrafts,
  producers,
  products,
  recognitions,
} from "../../platform/db/schema.ts";
import type { ImportKind } from "./sheet.ts";

/** The records an import of a kind writes, as the editors' drafts and audit events name them. */
export const ENTITY = { products: "product", producers: "producer", recognitions: "recognition" } as const;

const list = (columns: Column[]) => sql.join(columns, sql`, `);
const inJson = (column: Column, json: string) => sql`${column} IN (SELECT value FROM json_each(${json}))`;

/** The live rows of the keys (a JSON array of slugs, or of ids for recognitions), with the slug they reference. */
export function liveRows(kind: ImportKind, keysJson: string): SQL {
  const p = products;
  const pr = producers;
  const r = recognitions;
  switch (kind) {
    case "products":
      return sql`SELECT ${p.slug}, ${pr.slug} AS producer, ${list([p.nameVi, p.nameEn, p.descriptionVi, p.descriptionEn])},
        ${list([p.productGroup, p.categoryVi, p.categoryEn, p.packaging, p.sources, p.sample, p.sampleFields])},
        ${list([p.provenance, p.fieldProvenance, p.image, p.imageAltVi, p.imageAltEn])}
        FROM ${p} JOIN ${pr} ON ${pr.id} = ${p.producerId} WHERE ${inJson(p.slug, keysJson)}`;
    case "producers":
      return sql`SELECT ${list([pr.slug, pr.name, pr.legalType, pr.street, pr.commune, pr.district, pr.foundedYear])},
        ${list([pr.representative, pr.descriptionVi, pr.descriptionEn, pr.sources, pr.sample, pr.sampleFields])},
        ${list([pr.provenance, pr.fieldProvenance])} FROM ${pr} WHERE ${inJson(pr.slug, keysJson)}`;
    case "recognitions":
      return sql`SELECT ${r.id}, ${p.slug} AS product, ${list([r.scheme, r.level, r.stars, r.year, r.titleVi, r.titleEn])},
        ${list([r.decisionNumber, r.issuer, r.sourceUrl, r.verified, r.sample, r.provenance, r.fieldProvenance])},
        ${list([r.noteVi, r.noteEn])} FROM ${r} JOIN ${p} ON ${p.id} = ${r.productId} WHERE ${inJson(r.id, keysJson)}`;
  }
}

/** The published records a kind's rows reference (products: their producers; recognitions: their products). */
export const referencedRows = (kind: ImportKind, slugsJson: string): SQL =>
  kind === "products"
    ? sql`SELECT ${producers.slug}, ${producers.name} FROM ${producers} WHERE ${inJson(producers.slug, slugsJson)}`
    : sql`SELECT ${products.slug}, ${products.slug} AS name FROM ${products} WHERE ${inJson(products.slug, slugsJson)}`;

/** The keys (a JSON array) that have a pending draft. */
export const draftedKeys = (entity: string, keysJson: string): SQL =>
  sql`SELECT ${editorDrafts.key} FROM ${editorDrafts} WHERE ${editorDrafts.entity} = ${entity} AND ${inJson(editorDrafts.key, keysJson)}`;

/** The catalogue's version: any write to a catalogue table moves it. */
export const catalogueVersionNow = sql`SELECT ${catalogueVersion.version} FROM ${catalogueVersion} WHERE ${catalogueVersion.id} = 1`;

/** Every column of a table, as the table names them (what `table.*` would read). */
const all = (table: typeof products | typeof producers | typeof recognitions) =>
  list(Object.values(getTableColumns(table)));

/** Every published record of a kind with the slug it references, in id order: the export. */
export function exportRows(kind: ImportKind): SQL {
  switch (kind) {
    case "products":
      return sql`SELECT ${all(products)}, ${producers.slug} AS producer FROM ${products}
        JOIN ${producers} ON ${producers.id} = ${products.producerId} ORDER BY ${products.id}`;
    case "producers":
      return sql`SELECT ${all(producers)} FROM ${producers} ORDER BY ${producers.id}`;
    case "recognitions":
      return sql`SELECT ${all(recognitions)}, ${products.slug} AS product FROM ${recognitions}
        JOIN ${products} ON ${products.id} = ${recognitions.productId} ORDER BY ${recognitions.id}`;
  }
}
