import { type Column, getTableColumns, type SQL, sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { type FieldProvenance, type Provenance, weakest } from "../domain/provenance.ts";
import { districtSlug, fold, kindKey } from "../platform/lib/fold.ts";

export { districtSlug };

import { checkRow, type ImportKind, sheetRows } from "../editor/import/sheet.ts";
import {
  publishProducerStatement,
  publishProductStatement,
  publishRecognitionStatement,
} from "../editor/records/statements.ts";
import type { ProducerRecord, ProductRecord, RecognitionRecord } from "../editor/schemas.ts";
import {
  channels,
  kinds,
  listings,
  producers,
  products,
  programmeFigures,
  recognitions,
  supportProjects,
} from "../platform/db/schema.ts";
import { bare, bareList, compile } from "../platform/db/sql.ts";
import * as data from "./data.ts";

export type SqlValue = string | number | null;
export interface SeedStatement {
  sql: string;
  params: SqlValue[];
}

/**
 * One idempotent upsert: inserting the same seed twice leaves one row with the latest values. Rows that already
 * hold these values are not touched (so `npm start`, which re-runs the seed, adds nothing to the change feed),
 * and `onlyIf` can protect rows from the seed (listings a retailer has since written through the API).
 */
function upsert<T extends SQLiteTable>(
  table: T,
  row: { [K in keyof T["$inferInsert"]]?: SqlValue },
  onlyIf?: SQL,
): SeedStatement {
  const columns = getTableColumns(table) as Record<string, Column>;
  const entries = Object.entries(row as Record<string, SqlValue>).map(
    ([k, v]) => [columns[k] as Column, v] as const,
  );
  const cols = entries.map(([c]) => c);
  const data = cols.filter((c) => c !== columns.id);
  const list = (xs: SQL[]) => sql.join(xs, sql`, `);
  const updates = list(data.map((c) => sql`${bare(c)} = excluded.${bare(c)}`));
  const differs = sql`(${list(data.map((c) => sql`${c}`))}) IS NOT (${list(data.map((c) => sql`excluded.${bare(c)}`))})`;
  return compiled(
    sql`INSERT INTO ${table} (${bareList(...cols)}) VALUES (${list(entries.map(([, v]) => sql`${v}`))}) ON CONFLICT(${bare(columns.id as Column)}) DO UPDATE SET ${updates} WHERE ${differs}${onlyIf ? sql` AND ${onlyIf}` : sql``}`,
  );
}

const json = (v: unknown) => JSON.stringify(v);
/** An editors' publish statement (a drizzle `sql` template) as the seed's text and parameters. */
const compiled = (q: SQL): SeedStatement => compile(q) as SeedStatement;

/**
 * The provenance columns of a seed record: its state, the states of fields weaker than it, and the two older
 * columns kept for readers of release 1 (`sample` = the record is illustrative; `sample_fields` = fields not sourced).
 */
function provenanceCols(r: { provenance?: Provenance; fields?: FieldProvenance }, withSampleFields = true) {
  const state = r.provenance ?? "sourced";
  const fields = Object.fromEntries(
    Object.entries(r.fields ?? {}).filter(([, s]) => weakest(state, s) !== state),
  );
  return {
    sample: state === "illustrative" ? 1 : 0,
    ...(withSampleFields ? { sampleFields: json(Object.keys(fields)) } : {}),
    provenance: state,
    fieldProvenance: json(fields),
  };
}

function idOf<T extends { slug: string; id: number }>(rows: T[], slug: string): number {
  const row = rows.find((r) => r.slug === slug);
  if (!row) throw new Error(`seed: unknown slug ${slug}`);
  return row.id;
}

/**
 * The spreadsheets under seed/imports (products, producers and recognitions in the editors' import format,
 * docs/import-format.md), as text. Node reads them from disk (scripts/build-seed.ts), tests through `?raw`
 * imports (test/helpers/seed.ts): the seed itself cannot read files in a Worker.
 */
export type SeedSheets = Record<ImportKind, string>;

/**
 * Recognitions of the sheets have no id (the import gives a new one); the seed gives each a stable one from its
 * line, so running the seed again updates the same rows.
 */
export const SHEET_RECOGNITION_ID_BASE = 500;

/** Records the seed once had and no longer has (illustrative look-alikes of products that are now real). */
export const RETIRED = {
  // 16: the made-up "Dao rèn Phúc Sen", replaced by the real Dao Minh Tuấn (issue 25).
  products: [12, 13, 15, 16, 17, 18, 19, 20],
  producers: [11, 12, 14, 15, 16, 17],
} as const;

/**
 * Sheet records the seed once shipped and no longer has (issue 25), by slug: "Rượu ngô Đại Hoàng", ambiguous (Hòa
 * An has three 4-star Đại Hoàng liquors, now catalogued by name), and the producers that stood for ones a source has
 * since named (Kolia's teas, Cơ sở sản xuất Trúc Mai, Ma Thị Kim Oanh's bee farm, the household of Nông Thị Lệ
 * Thùy). A producer goes only once no product names it (the sheets have moved their products first).
 */
export const RETIRED_SHEET = {
  products: ["ruou-ngo-dai-hoang"],
  producers: [
    "chu-the-hong-tra",
    "chu-the-luc-tra",
    "chu-the-tra-o-long",
    "chu-the-nam-huong-viet-truc-mai",
    "chu-the-ruou-ngo-dai-hoang",
    "chu-the-mat-ong-doan-linh",
    "ho-kinh-doanh-thach-den-le-thuy",
  ],
} as const;

/**
 * The shipped sheets as statements, through the editors' own import code: each row is parsed and checked as an
 * import checks it (schema, https source, provenance), and written by the statements an import writes. A row the
 * import would refuse, or one naming a producer or product the seed does not hold, stops the build.
 */
export function sheetStatements(sheets: SeedSheets): SeedStatement[] {
  const out: SeedStatement[] = [];
  const producerNames = new Map(data.producers.map((p) => [p.slug, p.name]));
  const productSlugs = new Set(data.products.map((p) => p.slug));
  const encode = (t: string) => new TextEncoder().encode(t);
  const rowsOf = (kind: ImportKind) =>
    sheetRows(kind, encode(sheets[kind])).map(({ line, raw }) => {
      if (kind === "recognitions" && !raw.id) raw.id = SHEET_RECOGNITION_ID_BASE + line;
      const { record, reasons } = checkRow(kind, raw);
      if (!record)
        throw new Error(
          `seed/imports/${kind}.csv line ${line}: ${reasons.map((r) => `${r.name} ${r.reason}`).join("; ")}`,
        );
      return { line, record };
    });
  for (const { record } of rowsOf("producers")) {
    const p = record as ProducerRecord;
    producerNames.set(p.slug, p.name);
    out.push(compiled(publishProducerStatement(p)));
  }
  for (const { line, record } of rowsOf("products")) {
    const p = record as ProductRecord;
    const producerName = producerNames.get(p.producer);
    if (producerName === undefined)
      throw new Error(`seed/imports/products.csv line ${line}: no producer '${p.producer}'`);
    productSlugs.add(p.slug);
    out.push(compiled(publishProductStatement(p)));
  }
  // Retired sheet records go before the recognitions are written: the sheet's recognitions take their ids from
  // their lines, and a retired product's recognitions must not be overwritten by them first and deleted after.
  const retiredSlugs = sql`(SELECT value FROM json_each(${json(RETIRED_SHEET.products)}))`;
  const retiredProducts = sql`(SELECT ${products.id} FROM ${products} WHERE ${products.slug} IN ${retiredSlugs})`;
  for (const table of [recognitions, listings])
    out.push(compiled(sql`DELETE FROM ${table} WHERE ${table.productId} IN ${retiredProducts}`));
  out.push(
    compiled(sql`DELETE FROM ${products} WHERE ${products.slug} IN ${retiredSlugs}`),
    compiled(
      sql`DELETE FROM ${producers} WHERE ${producers.slug} IN (SELECT value FROM json_each(${json(RETIRED_SHEET.producers)}))
        AND NOT EXISTS (SELECT 1 FROM ${products} WHERE ${products.producerId} = ${producers.id})`,
    ),
  );
  for (const { line, record } of rowsOf("recognitions")) {
    const r = record as RecognitionRecord;
    if (!productSlugs.has(r.product))
      throw new Error(`seed/imports/recognitions.csv line ${line}: no product '${r.product}'`);
    out.push(compiled(publishRecognitionStatement(r)));
  }
  return out;
}

/** Every statement that seeds the catalogue, in dependency order: src/seed/data.ts, then the sheets. */
export function seedStatements(sheets: SeedSheets): SeedStatement[] {
  const out: SeedStatement[] = [];
  // Retired illustrative records go from databases seeded before (only while still illustrative: a record an
  // editor has since made real stays). Their recognitions and listings go with them.
  const retired = (table: typeof products | typeof producers, ids: readonly number[]) =>
    compiled(
      sql`DELETE FROM ${table} WHERE ${table.id} IN (SELECT value FROM json_each(${json(ids)})) AND ${table.provenance} = 'illustrative'`,
    );
  for (const table of [recognitions, listings])
    out.push(
      compiled(
        sql`DELETE FROM ${table} WHERE ${table.productId} IN (SELECT ${products.id} FROM ${products} WHERE ${products.id} IN (SELECT value FROM json_each(${json(RETIRED.products)})) AND ${products.provenance} = 'illustrative')`,
      ),
    );
  out.push(retired(products, RETIRED.products), retired(producers, RETIRED.producers));
  for (const k of data.kinds) {
    out.push(
      upsert(kinds, {
        id: k.id,
        slug: k.slug,
        nameVi: k.nameVi,
        nameEn: k.nameEn,
        representative: k.representative ? 1 : 0,
        facts: json(k.facts),
        categories: json(k.categories),
        searchNames: json([
          ...new Set([k.nameVi, k.nameEn, ...k.aliases, ...k.categories].map(kindKey).filter(Boolean)),
        ]),
        sortVi: fold(k.nameVi),
        sources: json([...new Set(k.facts.flatMap((f) => f.sources))]),
        provenance: "sourced",
        fieldProvenance: "{}",
      }),
    );
  }
  out.push(
    compiled(
      sql`DELETE FROM ${kinds} WHERE ${kinds.id} NOT IN (SELECT value FROM json_each(${json(data.kinds.map((k) => k.id))}))`,
    ),
  );
  for (const p of data.producers) {
    out.push(
      upsert(producers, {
        id: p.id,
        slug: p.slug,
        name: p.name,
        legalType: p.legalType,
        street: p.street ?? null,
        commune: p.commune ?? null,
        district: p.district ?? null,
        districtSlug: p.district ? districtSlug(p.district) : null,
        province: "Cao Bằng",
        foundedYear: p.foundedYear ?? null,
        representative: p.representative ?? null,
        descriptionVi: p.descriptionVi,
        descriptionEn: p.descriptionEn,
        sources: json(p.sources),
        ...provenanceCols(p),
        addressAsOf: p.addressAsOf ?? null,
      }),
    );
  }
  for (const p of data.products) {
    const producer = data.producers.find((x) => x.slug === p.producer);
    if (!producer) throw new Error(`seed: unknown producer ${p.producer}`);
    out.push(
      upsert(products, {
        id: p.id,
        slug: p.slug,
        producerId: producer.id,
        nameVi: p.nameVi,
        nameEn: p.nameEn,
        descriptionVi: p.descriptionVi,
        descriptionEn: p.descriptionEn,
        productGroup: p.group,
        categoryVi: p.categoryVi,
        categoryEn: p.categoryEn,
        packaging: json(p.packaging),
        image: p.image,
        imageAltVi: `Hình minh họa: ${p.categoryVi.toLowerCase()}`,
        imageAltEn: `Illustration: ${p.categoryEn.toLowerCase()}`,
        sources: json(p.sources),
        ...provenanceCols(p),
        sortVi: fold(p.nameVi),
        sortEn: fold(p.nameEn),
        createdAt: p.createdAt,
      }),
    );
  }
  for (const c of data.channels) {
    out.push(
      upsert(channels, {
        id: c.id,
        slug: c.slug,
        name: c.name,
        kind: c.kind,
        website: c.website ?? null,
        descriptionVi: c.descriptionVi,
        descriptionEn: c.descriptionEn,
        sources: json(c.sources),
        ...provenanceCols(c, false),
      }),
    );
  }
  for (const r of data.recognitions) {
    out.push(
      upsert(recognitions, {
        id: r.id,
        productId: idOf(data.products, r.product),
        scheme: r.scheme,
        level: r.level ?? null,
        stars: r.stars ?? null,
        year: r.year ?? null,
        titleVi: r.titleVi,
        titleEn: r.titleEn,
        decisionNumber: r.decisionNumber ?? null,
        issuer: r.issuer ?? null,
        sourceUrl: r.sourceUrl,
        verified: r.verified ? 1 : 0,
        ...provenanceCols(r, false),
        noteVi: r.noteVi ?? null,
        noteEn: r.noteEn ?? null,
      }),
    );
  }
  for (const l of data.listings) {
    out.push(
      upsert(
        listings,
        {
          id: l.id,
          productId: idOf(data.products, l.product),
          channelId: idOf(data.channels, l.channel),
          status: l.status,
          priceVnd: l.priceVnd ?? null,
          channelSku: l.channelSku ?? null,
          url: l.url ?? null,
          stores: json(l.stores),
          note: l.note ?? null,
          lastVerified: l.lastVerified ?? null,
          sourceUrl: l.sourceUrl,
          ...provenanceCols(l, false),
        },
        sql`${listings.updatedBy} IS NULL`,
      ),
    );
  }
  // Listings the seed once made (never touched by a retailer: updated_by is null) and no longer has go: release 1
  // placed three illustrative products at real, named stores, citing a source that names no chain.
  out.push(
    compiled(
      sql`DELETE FROM ${listings} WHERE ${listings.updatedBy} IS NULL AND ${listings.id} NOT IN (SELECT value FROM json_each(${json(data.listings.map((l) => l.id))}))`,
    ),
  );
  for (const s of data.supportProjects) {
    out.push(
      upsert(supportProjects, {
        id: s.id,
        producerId: s.producer ? idOf(data.producers, s.producer) : null,
        year: s.year ?? null,
        fund: s.fund,
        amountVnd: s.amountVnd ?? null,
        titleVi: s.titleVi,
        titleEn: s.titleEn,
        kind: s.kind ?? null,
        sourceUrl: s.sourceUrl,
        ...provenanceCols(s, false),
      }),
    );
  }
  out.push(...sheetStatements(sheets));
  for (const f of data.programmeFigures) {
    out.push(
      upsert(programmeFigures, {
        id: f.id,
        key: f.key,
        groupKey: f.groupKey,
        labelVi: f.labelVi,
        labelEn: f.labelEn,
        value: f.value,
        unit: f.unit,
        fund: f.fund ?? null,
        period: f.period,
        qualifier: f.qualifier ?? null,
        sourceUrl: f.sourceUrl,
      }),
    );
  }
  return out;
}

/** Renders statements as a SQL script (for `wrangler d1 execute --file`). */
export function toSqlScript(statements: SeedStatement[]): string {
  const literal = (v: SqlValue) =>
    v === null ? "NULL" : typeof v === "number" ? String(v) : `'${v.replaceAll("'", "''")}'`;
  return statements
    .map((s) => {
      let i = 0;
      return `${s.sql.replace(/\?/g, () => literal(s.params[i++] ?? null))};`;
    })
    .join("\n");
}
