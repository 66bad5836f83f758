/**
 * The editors' operations, shared by the admin API (JSON) and the editor pages (forms): each takes the request's
 * context (for D1, the editor and the address), reads what it needs, checks, and writes one guarded batch.
 * Refusals are Problems: 404, 409, 412, 428 and 422 with `invalid_params` naming each field.
 */
import type { z } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import type { FieldProblem } from "../../domain/errors.ts";
import { Conflict, Invalid, NotFound, Stale } from "../../domain/errors.ts";
import { bareList, toStatement } from "../../platform/db/client.ts";
import { auditEvents, editorDrafts } from "../../platform/db/schema.ts";
import { type EditorCall, hasRole, requireRole } from "../auth/auth.ts";
import { ifMatchHolds } from "../if-match.ts";
import { storePhoto } from "../photos/photos.ts";
import {
  applyLegacyFlags,
  ProducerRecord,
  ProductRecord,
  publishProblems,
  RecognitionRecord,
  settleProvenance,
} from "../schemas.ts";
import {
  auditStatement,
  deleteStatements,
  diff,
  draftStatement,
  dropDraft,
  type Entity,
  etagOf,
  guard,
  isGuardFailure,
  NEXT_RECOGNITION_ID,
  publishProducerStatement,
  publishProductStatement,
  publishRecognitionStatement,
  type RecordState,
  readProductBundle,
  readState,
  runBatch,
  type Statement,
  stateFromResults,
  stateStatements,
  statusOf,
  workingCopy,
} from "./store.ts";

/** The JSON shape of a record's state. */
export function present(entity: Entity, s: RecordState<unknown>) {
  return {
    entity,
    key: s.key,
    status: statusOf(s) as "draft" | "published" | "changed",
    etag: etagOf(s),
    live: s.live as Record<string, unknown> | null,
    draft: s.draft as Record<string, unknown> | null,
  };
}

export const notFound = (entity: Entity, key: string) =>
  new NotFound(`No ${entity} '${key}' (published or draft)`);

export const zodParams = (issues: readonly { path: PropertyKey[]; message: string }[], prefix = "") =>
  issues.map((i) => ({ name: prefix + (i.path.map(String).join(".") || "(body)"), reason: i.message }));

/** If-Match (a list, strong comparison) against the record's ETag; `required` turns a missing header into 428. */
export function checkIfMatch(header: string | undefined, s: RecordState<unknown>, required: boolean): void {
  if (!ifMatchHolds(header, etagOf(s), required)) throw stale(s);
}

export const stale = (s: RecordState<unknown>) => new Stale(etagOf(s));

/**
 * What a caller wants read back at the end of a write's own batch (the response it will show), so a write costs
 * one round trip, not two.
 */
export interface ReadBack<T> {
  statements: D1PreparedStatement[];
  map(results: D1Result<Record<string, unknown>>[]): T;
}

/** Runs a guarded write batch (and a read-back); a guard failure (the record moved meanwhile) becomes 412. */
async function write<T>(
  call: EditorCall,
  statements: Statement[],
  onStale: () => Error,
  back?: ReadBack<T>,
): Promise<T | undefined> {
  const d1 = call.d1;
  try {
    const results = await d1.batch<Record<string, unknown>>([
      ...statements.map((s) => toStatement(d1, s)),
      ...(back?.statements ?? []),
    ]);
    return back?.map(results.slice(statements.length));
  } catch (err) {
    if (isGuardFailure(err)) throw onStale();
    throw err;
  }
}

/** Whether a producer exists, published or as a draft. */
export async function producerExists(call: EditorCall, slug: string): Promise<boolean> {
  const s = await readState(call.d1, "producer", slug);
  return Boolean(s.live || s.draft);
}

/** Creates a product or producer as a draft (409 if the key is taken, 422 if a product's producer is unknown). */
export async function createDraft<T = void>(
  call: EditorCall,
  entity: "product" | "producer",
  input: ProductRecord | ProducerRecord,
  back?: ReadBack<T>,
): Promise<T | undefined> {
  const record = settleProvenance(input);
  const d1 = call.d1;
  // The record and, for a product, its producer, in one round trip.
  const producer = "producer" in record ? record.producer : null;
  const results = await d1.batch<Record<string, unknown>>([
    ...stateStatements(d1, entity, record.slug),
    ...(producer ? stateStatements(d1, "producer", producer) : []),
  ]);
  const s = stateFromResults(entity, record.slug, results.slice(0, 2));
  if (s.live || s.draft) throw new Conflict(`A ${entity} '${record.slug}' already exists`);
  const p = producer ? stateFromResults("producer", producer, results.slice(2)) : null;
  if (producer && !p?.live && !p?.draft) {
    throw new Invalid([{ name: "producer", reason: `no producer '${producer}' (create it first)` }]);
  }
  return write(
    call,
    [
      guard(entity, s),
      draftStatement(entity, record.slug, record, call.editor.id),
      auditStatement(call, entity, record.slug, "create", diff(null, record)),
    ],
    () => new Conflict(`A ${entity} '${record.slug}' was just created by someone else`),
    back,
  );
}

/** A recognition's fields that are not facts of its decision: changing them keeps it verified. */
const UNVOUCHED_FIELDS = new Set(["verified", "note_vi", "note_en"]);

/** Shared by the three updates: merge the patch onto the working copy, validate, write the draft. */
export async function updateDraft<E extends "product" | "producer" | "recognition">(
  call: EditorCall,
  entity: E,
  key: string,
  /**
   * Only the fields to change (a patch schema's defaults must not overwrite what is there), or a function of the
   * current working copy that gives them.
   */
  given: Record<string, unknown> | ((current: Record<string, unknown>) => Record<string, unknown>),
  ifMatch: string | undefined,
  back?: ReadBack<unknown>,
  /** Refuses a record the caller may not change (a producer's account: another producer's, as a 404). */
  mayChange: (current: Record<string, unknown>) => boolean = () => true,
): Promise<{ state: RecordState<unknown>; back?: unknown }> {
  const schema: z.ZodType =
    entity === "product" ? ProductRecord : entity === "producer" ? ProducerRecord : RecognitionRecord;
  const productSlugOf = (r: Record<string, unknown>) => (entity === "recognition" ? String(r.product) : null);
  const s = await readState(call.d1, entity, key);
  const current = workingCopy(s) as Record<string, unknown> | null;
  if (!current || !mayChange(current)) throw notFound(entity, key);
  const patch = typeof given === "function" ? given(current) : given;
  checkIfMatch(ifMatch, s, true);
  const merged = applyLegacyFlags(current, patch);
  const parsed = schema.safeParse(merged);
  if (!parsed.success) throw new Invalid(zodParams(parsed.error.issues));
  const next = settleProvenance(parsed.data as ProductRecord) as Record<string, unknown>;
  if (entity === "recognition" && next.verified && !current.verified) requireRole(call.editor, "publisher");
  // `verified` vouches for the facts as a publisher checked them against the decision: a non-publisher who changes
  // one of them (anything but the notes) un-vouches the record, so it goes back to the review queue.
  if (
    entity === "recognition" &&
    current.verified &&
    !hasRole(call.editor.role, "publisher") &&
    Object.keys(next).some(
      (f) => !UNVOUCHED_FIELDS.has(f) && JSON.stringify(next[f]) !== JSON.stringify(current[f]),
    )
  ) {
    next.verified = false;
  }
  if (
    "producer" in patch &&
    patch.producer !== current.producer &&
    !(await producerExists(call, String(next.producer)))
  ) {
    throw new Invalid([{ name: "producer", reason: `no producer '${String(next.producer)}'` }]);
  }
  const editor = call.editor;
  const readBack = await write(
    call,
    [
      guard(entity, s),
      draftStatement(entity, key, next, editor.id, productSlugOf(next)),
      auditStatement(call, entity, key, "update", diff(current, next)),
    ],
    () => stale(s),
    back,
  );
  return { state: { ...s, draft: next, draftVersion: s.draftVersion + 1 }, back: readBack };
}

/** Publishes a product's draft with its producer's and recognitions' drafts, all or nothing (422 if not ready). */
export async function publishProductDraft<T = void>(
  call: EditorCall,
  slug: string,
  ifMatch: string | undefined,
  back?: ReadBack<T>,
): Promise<T | undefined> {
  const bundle = await readProductBundle(call.d1, slug);
  const product = workingCopy(bundle.product);
  if (!product) throw notFound("product", slug);
  checkIfMatch(ifMatch, bundle.product, false);
  const problems: FieldProblem[] = [];
  const productCheck = ProductRecord.safeParse(product);
  if (!productCheck.success) problems.push(...zodParams(productCheck.error.issues));
  problems.push(...publishProblems("product", product));
  const producer = bundle.producer ? workingCopy(bundle.producer) : null;
  if (!producer || bundle.producer?.key !== product.producer) {
    problems.push({ name: "producer", reason: `no producer '${product.producer}'` });
  } else if (bundle.producer.draft) {
    problems.push(
      ...publishProblems("producer", producer).map((p) => ({ name: `producer.${p.name}`, reason: p.reason })),
    );
  }
  const pending = bundle.recognitions.filter((r) => r.draft);
  for (const r of pending) {
    const check = RecognitionRecord.safeParse(r.draft);
    if (!check.success) problems.push(...zodParams(check.error.issues, `recognitions[${r.key}].`));
  }
  if (problems.length) {
    throw new Invalid(
      problems,
      `'${slug}' cannot be published yet: ${problems.map((p) => `${p.name} ${p.reason}`).join("; ")}`,
    );
  }
  const ctx = call;
  const statements: Statement[] = [guard("product", bundle.product)];
  if (bundle.producer?.draft && producer) {
    statements.push(
      guard("producer", bundle.producer),
      publishProducerStatement(producer),
      dropDraft("producer", producer.slug),
      auditStatement(ctx, "producer", producer.slug, "publish", diff(bundle.producer.live, producer)),
    );
  }
  if (bundle.product.draft) {
    statements.push(
      publishProductStatement(product),
      dropDraft("product", slug),
      auditStatement(ctx, "product", slug, "publish", diff(bundle.product.live, product)),
    );
  }
  for (const r of pending) {
    const draft = r.draft as RecognitionRecord;
    statements.push(
      guard("recognition", r),
      publishRecognitionStatement(draft),
      dropDraft("recognition", r.key),
      auditStatement(ctx, "recognition", r.key, "publish", diff(r.live, draft)),
    );
  }
  return write(call, statements, () => stale(bundle.product), back);
}

/** Deletes a published record (tombstones in the change feed) or discards a draft. */
export async function deleteRecord(
  call: EditorCall,
  entity: "product" | "recognition",
  key: string,
  ifMatch: string | undefined,
): Promise<void> {
  const s = await readState(call.d1, entity, key);
  const current = workingCopy(s);
  if (!current) throw notFound(entity, key);
  checkIfMatch(ifMatch, s, false);
  await write(
    call,
    [
      guard(entity, s),
      ...deleteStatements(entity, key),
      auditStatement(call, entity, key, "delete", diff(current, null)),
    ],
    () => stale(s),
  );
}

/** Publishes a producer's draft (422 without an https source). */
export async function publishProducerDraft<T = void>(
  call: EditorCall,
  slug: string,
  ifMatch: string | undefined,
  back?: ReadBack<T>,
): Promise<T | undefined> {
  const s = await readState(call.d1, "producer", slug);
  const producer = workingCopy(s);
  if (!producer) throw notFound("producer", slug);
  checkIfMatch(ifMatch, s, false);
  const problems = publishProblems("producer", producer);
  if (problems.length) throw new Invalid(problems);
  if (!s.draft) return back ? back.map(await call.d1.batch(back.statements)) : undefined;
  return write(
    call,
    [
      guard("producer", s),
      publishProducerStatement(producer),
      dropDraft("producer", slug),
      auditStatement(call, "producer", slug, "publish", diff(s.live, producer)),
    ],
    () => stale(s),
    back,
  );
}

/** Adds a recognition as a draft of its product; returns its new id. */
export async function createRecognitionDraft(
  call: EditorCall,
  given: Omit<RecognitionRecord, "id">,
): Promise<string> {
  const input = settleProvenance(given);
  const product = await readState(call.d1, "product", input.product);
  if (input.verified) requireRole(call.editor, "publisher");
  if (!product.live && !product.draft) {
    throw new Invalid([{ name: "product", reason: `no product '${input.product}'` }]);
  }
  const editor = call.editor;
  const ctx = call;
  const d = editorDrafts;
  const a = auditEvents;
  const [inserted] = await runBatch(call.d1, [
    sql`INSERT INTO ${d} (${bareList(d.entity, d.key, d.productSlug, d.payload, d.version, d.updatedBy)})
        SELECT 'recognition', CAST(nr.id AS TEXT), ${input.product}, json_set(${JSON.stringify(input)}, '$.id', nr.id), 1, ${editor.id}
        FROM (${NEXT_RECOGNITION_ID}) nr RETURNING ${bareList(d.key, d.payload)}`,
    sql`INSERT INTO ${a} (${bareList(a.editorId, a.editorEmail, a.via, a.entity, a.entityKey, a.action, a.changes, a.address)})
        SELECT ${ctx.editor.id}, ${ctx.editor.email}, ${ctx.editor.via}, 'recognition', CAST(max(CAST(${d.key} AS INTEGER)) AS TEXT),
          'create', ${JSON.stringify(diff(null, input))}, ${ctx.address} FROM ${d} WHERE ${d.entity} = 'recognition'`,
  ]);
  const row = inserted?.results[0] as { key: string; payload: string } | undefined;
  if (!row) throw new Error("recognition draft not written");
  return row.key;
}

/**
 * Stores a product's or producer's photo (checked by its bytes) and puts it, with its alt text in both languages,
 * into the record's draft. The record is read and If-Match checked before anything is stored.
 */
export async function savePhoto(
  call: EditorCall,
  slug: string,
  file: File,
  altVi: string,
  altEn: string,
  ifMatch: string | undefined,
  entity: "product" | "producer" = "product",
  /** A producer's proposal: who may change the record, and what else the draft records (the date it stated). */
  proposal?: { mayChange: (current: Record<string, unknown>) => boolean; patch: Record<string, unknown> },
): Promise<void> {
  const s = await readState(call.d1, entity, slug);
  const current = workingCopy(s) as Record<string, unknown> | null;
  if (!current || (proposal && !proposal.mayChange(current))) throw notFound(entity, slug);
  checkIfMatch(ifMatch, s, true);
  const alts: FieldProblem[] = [];
  if (!altVi.trim())
    alts.push({ name: "alt_vi", reason: "is required (what the photo shows, in Vietnamese)" });
  if (!altEn.trim()) alts.push({ name: "alt_en", reason: "is required (what the photo shows, in English)" });
  if (alts.length) throw new Invalid(alts);
  const url = await storePhoto(call.photos, slug, file, entity === "product" ? "products" : "producers");
  await updateDraft(
    call,
    entity,
    slug,
    { image: url, image_alt_vi: altVi.trim(), image_alt_en: altEn.trim(), ...proposal?.patch },
    ifMatch,
    undefined,
    proposal?.mayChange,
  );
}
