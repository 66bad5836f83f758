/**
 * The spreadsheet side of the import, without the database: the columns of each kind, reading a CSV file, turning
 * a row into a record and checking it as an import does. The import (import.ts) and the seed (which applies the
 * shipped sheets in seed/imports) both read sheets through this module.
 */
import { Problem } from "../../platform/http/problem.ts";
import { CsvError, parseCsv } from "../../platform/lib/csv.ts";
import {
  NOT_STATED,
  NOT_STATED_WORDS,
  ProducerRecord,
  ProductRecord,
  publishProblems,
  RecognitionRecord,
  settleProvenance,
} from "../schemas.ts";
export type ImportKind = "products" | "producers" | "recognitions";

/** The columns of each kind, in export order. */
export const COLUMNS: Record<ImportKind, readonly string[]> = {
  products: [
    "slug",
    "producer_slug",
    "name_vi",
    "name_en",
    "product_group",
    "category_vi",
    "category_en",
    "description_vi",
    "description_en",
    "packaging",
    "sources",
    "provenance",
    "field_provenance",
    "image",
    "image_alt_vi",
    "image_alt_en",
  ],
  producers: [
    "slug",
    "name",
    "legal_type",
    "street",
    "commune",
    "district",
    "founded_year",
    "representative",
    "description_vi",
    "description_en",
    "sources",
    "provenance",
    "field_provenance",
  ],
  recognitions: [
    "id",
    "product_slug",
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
    "provenance",
    "field_provenance",
    "note_vi",
    "note_en",
  ],
};
/**
 * Release-1 columns still read (sheets made before per-field provenance): `sample` marks the record illustrative
 * and `sample_fields` names illustrative fields, unless the row's `provenance` / `field_provenance` say otherwise.
 */
const LEGACY: Record<ImportKind, readonly string[]> = {
  products: ["sample", "sample_fields"],
  producers: ["sample", "sample_fields"],
  recognitions: ["sample"],
};
/** Columns a file must have (the rest default: empty text, false, no sources). */
const REQUIRED: Record<ImportKind, readonly string[]> = {
  products: [
    "slug",
    "producer_slug",
    "name_vi",
    "name_en",
    "product_group",
    "category_vi",
    "category_en",
    "sources",
  ],
  producers: ["slug", "name", "legal_type", "sources"],
  recognitions: ["product_slug", "scheme", "year", "title_vi", "title_en", "issuer", "source_url"],
};
/** Most data rows one import takes. */
export const MAX_IMPORT_ROWS = 2000;

const TRUE = new Set(["true", "1", "yes", "có", "x"]);
const FALSE = new Set(["false", "0", "no", "không", ""]);
function bool(v: string): boolean | string {
  const t = v.trim().toLowerCase();
  return TRUE.has(t) ? true : FALSE.has(t) ? false : v;
}
function int(v: string): number | null | string {
  const t = v.trim().replace(/[\s.,](?=\d{3}\b)/g, "");
  if (t === "") return null;
  return /^-?\d+$/.test(t) ? Number(t) : v;
}
const nullable = (v: string) => (v.trim() === "" ? null : v.trim());
export const list = (v: string) => v.split(/[\s|]+/).filter(Boolean);
/** A star count or year, or `not_stated` however the sheet spells it ("chưa rõ", "unknown", …). */
const intOrNotStated = (v: string) => (NOT_STATED_WORDS.test(v.trim()) ? NOT_STATED : int(v));
const orUndefined = (v: string) => (v.trim() === "" ? undefined : v.trim().toLowerCase());
/** `field:state` pairs (`packaging:illustrative | district:inferred`); an empty cell gives none (undefined). */
export function fieldStates(v: string): Record<string, string> | undefined {
  const pairs = list(v);
  if (!pairs.length) return undefined;
  return Object.fromEntries(
    pairs.map((p) => {
      const i = p.lastIndexOf(":");
      return i < 0 ? [p, ""] : [p.slice(0, i), p.slice(i + 1).toLowerCase()];
    }),
  );
}
export const fieldStatesCell = (v: Record<string, string> | undefined) =>
  Object.entries(v ?? {})
    .map(([f, st]) => `${f}:${st}`)
    .join(" | ");

/** A pack written `label;net weight g;price đồng;illustrative;GTIN;English label`, packs separated by `|`. */
export function packaging(v: string) {
  return v
    .split("|")
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const [label = "", weight = "", price = "", flag = "", gtin = "", labelEn = ""] = p.split(";");
      return {
        label: label.trim(),
        label_en: labelEn.trim() || null,
        net_weight_g: int(weight),
        price_vnd: int(price),
        sample: /^(illustrative|minh họa|true|1)$/i.test(flag.trim()),
        gtin: gtin.trim() || null,
      };
    });
}
export const packagingCell = (packs: ProductRecord["packaging"]) =>
  packs
    .map((p) =>
      [
        p.label,
        p.net_weight_g ?? "",
        p.price_vnd ?? "",
        p.sample ? "illustrative" : "",
        p.gtin ?? "",
        p.label_en ?? "",
      ]
        .join(";")
        .replace(/;+$/, ""),
    )
    .join(" | ");

/** A CSV row (by column name) to the record the schemas check. */
export function toRecord(kind: ImportKind, cell: (c: string) => string): Record<string, unknown> {
  if (kind === "products") {
    return {
      slug: cell("slug").trim(),
      producer: cell("producer_slug").trim(),
      name_vi: cell("name_vi"),
      name_en: cell("name_en"),
      description_vi: cell("description_vi"),
      description_en: cell("description_en"),
      product_group: cell("product_group").trim(),
      category_vi: cell("category_vi"),
      category_en: cell("category_en"),
      packaging: packaging(cell("packaging")),
      sources: list(cell("sources")),
      sample: bool(cell("sample")),
      sample_fields: list(cell("sample_fields")),
      provenance: orUndefined(cell("provenance")),
      field_provenance: fieldStates(cell("field_provenance")),
      image: nullable(cell("image")),
      image_alt_vi: nullable(cell("image_alt_vi")),
      image_alt_en: nullable(cell("image_alt_en")),
    };
  }
  if (kind === "producers") {
    return {
      slug: cell("slug").trim(),
      name: cell("name"),
      legal_type: cell("legal_type").trim(),
      street: nullable(cell("street")),
      commune: nullable(cell("commune")),
      district: nullable(cell("district")),
      founded_year: int(cell("founded_year")),
      representative: nullable(cell("representative")),
      description_vi: cell("description_vi"),
      description_en: cell("description_en"),
      sources: list(cell("sources")),
      sample: bool(cell("sample")),
      sample_fields: list(cell("sample_fields")),
      provenance: orUndefined(cell("provenance")),
      field_provenance: fieldStates(cell("field_provenance")),
    };
  }
  return {
    id: int(cell("id")) ?? 0,
    product: cell("product_slug").trim(),
    scheme: cell("scheme").trim(),
    level: nullable(cell("level")),
    stars: intOrNotStated(cell("stars")),
    year: intOrNotStated(cell("year")),
    title_vi: cell("title_vi"),
    title_en: cell("title_en"),
    decision_number: nullable(cell("decision_number")),
    issuer: nullable(cell("issuer")),
    source_url: cell("source_url").trim(),
    verified: bool(cell("verified")),
    sample: bool(cell("sample")),
    provenance: orUndefined(cell("provenance")),
    field_provenance: fieldStates(cell("field_provenance")),
    note_vi: nullable(cell("note_vi")),
    note_en: nullable(cell("note_en")),
  };
}

/** Record field names back to the CSV column a reason should name. */
export const columnOf = (field: string) =>
  field === "producer"
    ? "producer_slug"
    : field === "product"
      ? "product_slug"
      : (field.split(".")[0] ?? field);

const headerProblem = (detail: string) => new Problem(422, { type: "invalid-csv", detail });

/** Decodes and parses the file: UTF-8 (a BOM is dropped), a header row naming known columns. */
export function readCsv(kind: ImportKind, bytes: Uint8Array): { header: string[]; rows: string[][] } {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw headerProblem("The file is not UTF-8 text; save it as “CSV UTF-8” in the spreadsheet program");
  }
  let records: string[][];
  try {
    records = parseCsv(text);
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    throw headerProblem(`The file is not valid CSV: ${err.message}`);
  }
  const [first, ...rows] = records;
  if (!first) throw headerProblem("The file is empty");
  const header = first.map((h) => h.trim().toLowerCase());
  const unknown = header.filter((h) => !COLUMNS[kind].includes(h) && !LEGACY[kind].includes(h));
  const missing = REQUIRED[kind].filter((h) => !header.includes(h));
  const dupes = header.filter((h, i) => header.indexOf(h) !== i);
  if (unknown.length || missing.length || dupes.length) {
    const problems = [
      unknown.length ? `unknown column(s) ${unknown.join(", ")}` : "",
      missing.length ? `missing column(s) ${missing.join(", ")}` : "",
      dupes.length ? `repeated column(s) ${dupes.join(", ")}` : "",
    ]
      .filter(Boolean)
      .join("; ");
    throw headerProblem(`${problems} — the ${kind} columns are: ${COLUMNS[kind].join(", ")}`);
  }
  if (rows.length > MAX_IMPORT_ROWS)
    throw headerProblem(`At most ${MAX_IMPORT_ROWS} rows per file (got ${rows.length})`);
  return { header, rows };
}

export type Row = Record<string, unknown>;
export type Reason = { name: string; reason: string };

/**
 * Checks one row as every import does, without the database: the record schema (the admin API's), the rules for
 * going public (an https source), and its provenance settled from `provenance`/`field_provenance` or the release-1
 * flags. The seed applies the shipped sheets (seed/imports) through this too, so they pass the editors' rules.
 */
export function checkRow(kind: ImportKind, raw: Row): { record: Row | null; reasons: Reason[] } {
  const schema =
    kind === "products" ? ProductRecord : kind === "producers" ? ProducerRecord : RecognitionRecord;
  const reasons: Reason[] = [];
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    reasons.push(
      ...parsed.error.issues.map((x) => ({
        name: columnOf(x.path.map(String).join(".")) || "(row)",
        reason: x.message,
      })),
    );
  if (kind !== "recognitions")
    reasons.push(
      ...publishProblems(kind === "products" ? "product" : "producer", {
        sources: (raw.sources as string[]) ?? [],
      }),
    );
  if (!parsed.success || reasons.length) return { record: null, reasons };
  return { record: settleProvenance(parsed.data as ProductRecord) as Row, reasons };
}

/** The rows of a sheet as records (before any database check), with the line each came from. */
export function sheetRows(kind: ImportKind, bytes: Uint8Array): { line: number; raw: Row }[] {
  const { header, rows } = readCsv(kind, bytes);
  return rows.map((cells, i) => ({
    line: i + 2,
    raw: toRecord(kind, (c) => cells[header.indexOf(c)] ?? ""),
  }));
}
