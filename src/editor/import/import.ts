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

import { type SQL, sql } from "drizzle-orm";
import { bareList, toStatement } from "../../platform/db/client.ts";
import { auditEvents } from "../../platform/db/schema.ts";
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
  runBatch,
  type Statement,
} from "../records/store.ts";
import type { ProducerRecord, ProductRecord, RecognitionRecord } from "../schemas.ts";
import {
  catalogueVersionNow,
  draftedKeys,
  ENTITY,
  exportRows,
  liveRows,
  referencedRows,
} from "./import.queries.ts";
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
  const entity = ENTITY[kind];
  const keysJson = JSON.stringify(keys);
  const [live, refs, drafts, next, version] = await d1.batch<Row>(
    [
      liveRows(kind, kind === "recognitions" ? JSON.stringify(keys.map(Number)) : keysJson),
      referencedRows(kind, JSON.stringify(refSlugs)),
      draftedKeys(entity, keysJson),
      NEXT_RECOGNITION_ID,
      catalogueVersionNow,
    ].map((q) => toStatement(d1, q)),
  );
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
    // Aborts the batch if the catalogue, the drafts or the next recognition id moved since the read above.
    const guard = sql`SELECT json(CASE WHEN (${catalogueVersionNow}) = ${Number(version?.results[0]?.version ?? 0)}
        AND NOT EXISTS (${draftedKeys(entity, keysJson)})
        AND (${NEXT_RECOGNITION_ID}) = ${firstNewId} THEN '1' ELSE 'stale' END)`;
    try {
      await runBatch(d1, [guard, ...statements, ...auditStatements(ctx, entity, audits)]);
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
): SQL[] {
  const a = auditEvents;
  const out: SQL[] = [];
  for (let i = 0; i < events.length; i += 100) {
    out.push(
      sql`INSERT INTO ${a} (${bareList(a.editorId, a.editorEmail, a.via, a.entity, a.entityKey, a.action, a.changes, a.address)})
        SELECT ${ctx.editor.id}, ${ctx.editor.email}, 'import', ${entity}, json_extract(value, '$.key'),
          json_extract(value, '$.action'), json_extract(value, '$.changes'), ${ctx.address}
        FROM json_each(${JSON.stringify(events.slice(i, i + 100))})`,
    );
  }
  return out;
}

/** The published records of a kind as CSV in the import format (UTF-8 with a BOM for spreadsheet programs). */
export async function exportCsv(d1: CountedD1, kind: ImportKind): Promise<string> {
  const entity = ENTITY[kind];
  const [result] = await d1.batch<Row>([toStatement(d1, exportRows(kind))]);
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
