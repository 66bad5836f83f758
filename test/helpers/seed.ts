// The seed as the tests load it: src/seed/data.ts and the shipped sheets (seed/imports, read with `?raw` since a
// Worker has no file system), through the same statements `npm run seed:build` writes to seed/seed.sql.
import { env } from "cloudflare:workers";
import producersCsv from "../../seed/imports/producers.csv?raw";
import productsCsv from "../../seed/imports/products.csv?raw";
import recognitionsCsv from "../../seed/imports/recognitions.csv?raw";
import { checkRow, type ImportKind, sheetRows } from "../../src/editor/import/sheet.ts";
import type { ProducerRecord, ProductRecord, RecognitionRecord } from "../../src/editor/schemas.ts";
import * as data from "../../src/seed/data.ts";
import { type SeedSheets, SHEET_RECOGNITION_ID_BASE, seedStatements } from "../../src/seed/statements.ts";

/** The shipped sheets as text. */
export const sheets: SeedSheets = {
  producers: producersCsv,
  products: productsCsv,
  recognitions: recognitionsCsv,
};

/** Every seed statement (data.ts and the sheets). */
export const seed = () => seedStatements(sheets);

/** Runs the whole seed against the test database in one batch. */
export async function applySeed(db: D1Database = env.DB): Promise<void> {
  await db.batch(seed().map((s) => db.prepare(s.sql).bind(...s.params)));
}

/** The checked records of a shipped sheet, read by the import's own code (as the seed reads them). */
export function sheetRecords<K extends ImportKind>(
  kind: K,
): (K extends "products" ? ProductRecord : K extends "producers" ? ProducerRecord : RecognitionRecord)[] {
  return sheetRows(kind, new TextEncoder().encode(sheets[kind])).map(({ line, raw }) => {
    if (kind === "recognitions" && !raw.id) raw.id = SHEET_RECOGNITION_ID_BASE + line;
    const { record, reasons } = checkRow(kind, raw);
    if (!record) throw new Error(`${kind}.csv line ${line}: ${JSON.stringify(reasons)}`);
    return record as never;
  });
}

const orUndefined = <T>(v: T | null | undefined) => v ?? undefined;
const num = (v: number | string | null) => (typeof v === "number" ? v : undefined);

/**
 * The whole seeded catalogue in src/seed/data.ts's shapes: its records, then the sheets' records (so tests that
 * derive what to expect from the seed cover the imported real products too).
 */
export const catalogue = {
  ...data,
  producers: [
    ...data.producers,
    ...sheetRecords("producers").map(
      (p, i): data.SeedProducer => ({
        id: -1 - i,
        slug: p.slug,
        name: p.name,
        legalType: p.legal_type as data.SeedProducer["legalType"],
        street: orUndefined(p.street),
        commune: orUndefined(p.commune),
        district: orUndefined(p.district),
        foundedYear: orUndefined(p.founded_year),
        representative: orUndefined(p.representative),
        descriptionVi: p.description_vi,
        descriptionEn: p.description_en,
        sources: p.sources,
        provenance: p.provenance,
        fields: p.field_provenance,
      }),
    ),
  ],
  products: [
    ...data.products,
    ...sheetRecords("products").map(
      (p, i): data.SeedProduct => ({
        id: -1 - i,
        slug: p.slug,
        producer: p.producer,
        nameVi: p.name_vi,
        nameEn: p.name_en,
        descriptionVi: p.description_vi,
        descriptionEn: p.description_en,
        group: p.product_group,
        categoryVi: p.category_vi,
        categoryEn: p.category_en,
        packaging: p.packaging.map((k) => ({
          label: k.label,
          netWeightG: k.net_weight_g,
          priceVnd: k.price_vnd,
          sample: k.sample,
        })),
        image: p.image ?? "",
        sources: p.sources,
        provenance: p.provenance,
        fields: p.field_provenance,
        createdAt: "",
      }),
    ),
  ],
  recognitions: [
    ...data.recognitions,
    ...sheetRecords("recognitions").map(
      (r): data.SeedRecognition => ({
        id: r.id,
        product: r.product,
        scheme: r.scheme,
        level: orUndefined(r.level),
        stars: num(r.stars),
        year: num(r.year),
        titleVi: r.title_vi,
        titleEn: r.title_en,
        decisionNumber: orUndefined(r.decision_number),
        issuer: r.issuer === "not_stated" ? undefined : orUndefined(r.issuer),
        sourceUrl: r.source_url,
        verified: r.verified,
        provenance: r.provenance,
        fields: r.field_provenance,
        noteVi: orUndefined(r.note_vi),
        noteEn: orUndefined(r.note_en),
      }),
    ),
  ],
};
