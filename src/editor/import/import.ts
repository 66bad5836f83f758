import { Conflict } from "../../domain/errors.ts";
/**
 * CSV import and export of products, producers and recognitions (columns: docs/import-format.md).
 *
 * An import is planned from one read of everything its rows touch: each row is created, changed, left unchanged
 * or refused (with every reason). Applying writes all rows in one D1 batch (one round trip, all or nothing); no
 * statement binds more than 100 parameters (D1's production limit), and a guard statement first aborts the batch
 * if the catalogue or the drafts moved since the plan was made. Imported rows are published at once, with the same
 * provenance rules as publishing from a draft. Reading and checking rows lives in sheet.ts.
 */

import { type Query, sql } from "drizzle-orm";
import { toStatement } from "../../platform/db/client.ts";
import type { CountedD1 } from "../../platform/env.ts";
import { toCsv } from "../../platform/lib/csv.ts";
import {
  type AuditContext,
  diff,
  fromRow,
  isGuardFailure,
  NEXT_RECOGNITION_ID,
  publishProducerStatement,
  publishProductStatement,
  publishRecognitionStatement,
  type Statement,
} from "../records/store.ts";
import type { ProducerRecord, ProductRecord, RecognitionRecord } from "../schemas.ts";
import {
  COLUMNS,
  checkRow,
  columnOf,
  fieldStatesCell,
  type ImportKind,
  packagingCell,
  type Row,
  sheetRows,
} from "./sheet.ts";

export {
  COLUMNS,
  checkRow,
  type ImportKind,
  list,
  MAX_IMPORT_ROWS,
  packaging,
  packagingCell,
  readCsv,
  sheetRows,
} from "./sheet.ts";

export interface ImportRowReport {
  row: number;
  key: string;
  action: "create" | "update" | "unchanged" | "refuse";
  reasons: { name: string; reason: string }[];
  changes: { field: string; before: unknown; after: unknown }[];
}
export interface ImportReport {
  kind: ImportKind;
  dry_run: boolean;
  applied: boolean;
  counts: { create: number; update: number; unchanged: number; refuse: number };
  rows: ImportRowReport[];
  /** D1 round trips and milliseconds the import took (for the measurement in the README). */
  stats?: { round_trips: number; statements: number; ms: number };
}

/** Plans and (unless a dry run or a row is refused) applies an import. */
export async function importCsv(
  d1: CountedD1,
  opts: { kind: ImportKind; bytes: Uint8Array; apply: boolean; ctx: AuditContext },
): Promise<ImportReport> {
  const started = Date.now();
  const tripsBefore = d1.roundTrips;
  const { kind, apply, ctx } = opts;
  const parsedRows = sheetRows(kind, opts.bytes).map((r) => r.raw);
  const keyOf = (r: Row) => (kind === "recognitions" ? (r.id ? String(r.id) : "") : String(r.slug ?? ""));
  const keys = parsedRows.map(keyOf).filter(Boolean);
  const refSlugs = [
    ...new Set(
      parsedRows.map((r) =>
        String(kind === "products" ? r.producer : kind === "recognitions" ? r.product : ""),
      ),
    ),
  ];

  // One read: the live rows of every key, the referenced producers/products, pending drafts, next ids, version.
  const entity = kind === "products" ? "product" : kind === "producers" ? "producer" : "recognition";
  const liveSql =
    kind === "products"
      ? `SELECT p.slug, pr.slug AS producer, p.name_vi, p.name_en, p.description_vi, p.description_en, p.product_group, p.category_vi, p.category_en, p.packaging, p.sources, p.sample, p.sample_fields, p.provenance, p.field_provenance, p.image, p.image_alt_vi, p.image_alt_en FROM products p JOIN producers pr ON pr.id = p.producer_id WHERE p.slug IN (SELECT value FROM json_each(?))`
      : kind === "producers"
        ? `SELECT slug, name, legal_type, street, commune, district, founded_year, representative, description_vi, description_en, sources, sample, sample_fields, provenance, field_provenance FROM producers WHERE slug IN (SELECT value FROM json_each(?))`
        : `SELECT r.id, p.slug AS product, r.scheme, r.level, r.stars, r.year, r.title_vi, r.title_en, r.decision_number, r.issuer, r.source_url, r.verified, r.sample, r.provenance, r.field_provenance, r.note_vi, r.note_en FROM recognitions r JOIN products p ON p.id = r.product_id WHERE r.id IN (SELECT value FROM json_each(?))`;
  const refSql =
    kind === "products"
      ? "SELECT slug, name FROM producers WHERE slug IN (SELECT value FROM json_each(?))"
      : "SELECT slug, slug AS name FROM products WHERE slug IN (SELECT value FROM json_each(?))";
  const [live, refs, drafts, next, version] = await d1.batch<Row>([
    d1.prepare(liveSql).bind(JSON.stringify(kind === "recognitions" ? keys.map(Number) : keys)),
    d1.prepare(refSql).bind(JSON.stringify(refSlugs)),
    d1
      .prepare("SELECT key FROM editor_drafts WHERE entity = ? AND key IN (SELECT value FROM json_each(?))")
      .bind(entity, JSON.stringify(keys)),
    toStatement(d1, NEXT_RECOGNITION_ID),
    d1.prepare("SELECT version FROM catalogue_version WHERE id = 1"),
  ]);
  const liveByKey = new Map(
    (live?.results ?? []).map((r) => [
      kind === "recognitions" ? String(r.id) : String(r.slug),
      fromRow[entity](r) as Row,
    ]),
  );
  const refName = new Map((refs?.results ?? []).map((r) => [String(r.slug), String(r.name)]));
  const drafted = new Set((drafts?.results ?? []).map((r) => String(r.key)));
  let nextId = Number(next?.results[0]?.id ?? 1_000_000);
  const firstNewId = nextId;
  const seen = new Map<string, number>();
  const report: ImportRowReport[] = [];
  const statements: Statement[] = [];
  const audits: { key: string; action: string; changes: unknown }[] = [];
  parsedRows.forEach((raw, i) => {
    const line = i + 2;
    let key = keyOf(raw);
    const before = key ? (liveByKey.get(key) ?? null) : null;
    const reasons: { name: string; reason: string }[] = [];
    if (kind === "recognitions" && key && !before) {
      reasons.push({ name: "id", reason: `no recognition ${key}; leave id empty to add a new one` });
    }
    if (kind === "recognitions" && !key) {
      key = String(nextId);
      raw.id = nextId++;
    }
    const checked = checkRow(kind, raw);
    reasons.push(...checked.reasons);
    if (key && seen.has(key))
      reasons.push({
        name: kind === "recognitions" ? "id" : "slug",
        reason: `also on line ${seen.get(key)}`,
      });
    if (key && drafted.has(key))
      reasons.push({
        name: kind === "recognitions" ? "id" : "slug",
        reason: "has unpublished draft changes; publish or discard them first",
      });
    const ref =
      kind === "products" ? String(raw.producer) : kind === "recognitions" ? String(raw.product) : null;
    if (ref !== null && ref && !refName.has(ref)) {
      reasons.push({
        name: columnOf(kind === "products" ? "producer" : "product"),
        reason: `no published ${kind === "products" ? "producer" : "product"} '${ref}'`,
      });
    }
    if (key) seen.set(key, line);
    const record = checked.record;
    if (reasons.length || !record) {
      report.push({ row: line, key, action: "refuse", reasons: dedupe(reasons), changes: [] });
      return;
    }
    const changes = diff(before, record);
    const action = !before ? "create" : changes.length ? "update" : "unchanged";
    report.push({ row: line, key, action, reasons: [], changes });
    if (action === "unchanged") return;
    statements.push(
      kind === "products"
        ? publishProductStatement(record as ProductRecord)
        : kind === "producers"
          ? publishProducerStatement(record as ProducerRecord)
          : publishRecognitionStatement(record as RecognitionRecord),
    );
    audits.push({ key, action, changes });
  });

  const counts = { create: 0, update: 0, unchanged: 0, refuse: 0 };
  for (const r of report) counts[r.action]++;
  const ok = counts.refuse === 0;
  if (apply && ok && statements.length) {
    const guard = sql`SELECT json(CASE WHEN (SELECT version FROM catalogue_version WHERE id = 1) = ${Number(version?.results[0]?.version ?? 0)}
        AND NOT EXISTS (SELECT 1 FROM editor_drafts WHERE entity = ${entity} AND key IN (SELECT value FROM json_each(${JSON.stringify(keys)})))
        AND (${NEXT_RECOGNITION_ID}) = ${firstNewId} THEN '1' ELSE 'stale' END)`;
    try {
      await d1.batch(
        [guard, ...statements, ...auditStatements(ctx, entity, audits)].map((s) => toStatement(d1, s)),
      );
    } catch (err) {
      if (isGuardFailure(err)) {
        throw new Conflict("The catalogue changed while the file was being checked; run the import again");
      }
      throw err;
    }
  }
  return {
    kind,
    dry_run: !apply,
    applied: apply && ok,
    counts,
    rows: report,
    stats: {
      round_trips: d1.roundTrips - tripsBefore,
      statements: statements.length,
      ms: Date.now() - started,
    },
  };
}

function dedupe(reasons: { name: string; reason: string }[]) {
  const seen = new Set<string>();
  return reasons.filter((r) => {
    const k = `${r.name}\u0000${r.reason}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Audit events of an import, 100 per statement, each statement binding 5 parameters (the events as JSON). */
export function auditStatements(
  ctx: AuditContext,
  entity: string,
  events: { key: string; action: string; changes: unknown }[],
): Query[] {
  const out: Query[] = [];
  for (let i = 0; i < events.length; i += 100) {
    out.push({
      sql: `INSERT INTO audit_events (editor_id, editor_email, via, entity, entity_key, action, changes, address)
        SELECT ?1, ?2, 'import', ?3, json_extract(value, '$.key'), json_extract(value, '$.action'), json_extract(value, '$.changes'), ?4
        FROM json_each(?5)`,
      params: [
        ctx.editor.id,
        ctx.editor.email,
        entity,
        ctx.address,
        JSON.stringify(events.slice(i, i + 100)),
      ],
    });
  }
  return out;
}

/** The published records of a kind as CSV in the import format (UTF-8 with a BOM for spreadsheet programs). */
export async function exportCsv(d1: CountedD1, kind: ImportKind): Promise<string> {
  const entity = kind === "products" ? "product" : kind === "producers" ? "producer" : "recognition";
  const sql =
    kind === "products"
      ? "SELECT p.*, pr.slug AS producer FROM products p JOIN producers pr ON pr.id = p.producer_id ORDER BY p.id"
      : kind === "producers"
        ? "SELECT * FROM producers ORDER BY id"
        : "SELECT r.*, p.slug AS product FROM recognitions r JOIN products p ON p.id = r.product_id ORDER BY r.id";
  const [result] = await d1.batch<Row>([d1.prepare(sql)]);
  const records = (result?.results ?? []).map((r) => fromRow[entity](r) as Row);
  const cells = records.map((r) =>
    COLUMNS[kind].map((col) => {
      const field = col === "producer_slug" ? "producer" : col === "product_slug" ? "product" : col;
      const v = r[field];
      if (col === "packaging") return packagingCell(v as ProductRecord["packaging"]);
      if (col === "field_provenance") return fieldStatesCell(v as Record<string, string>);
      if (Array.isArray(v)) return v.join(" | ");
      if (typeof v === "boolean") return v ? "true" : "false";
      return v === null || v === undefined ? "" : String(v);
    }),
  );
  return `\ufeff${toCsv([COLUMNS[kind], ...cells])}`;
}
