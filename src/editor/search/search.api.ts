import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import {
  listMissesStatement,
  MISS_THRESHOLD,
  MISS_WINDOW_DAYS,
  type MissRow,
  utcDay,
} from "../../platform/db/search-misses.ts";
import type { AppEnv } from "../../platform/env.ts";
import { Problem } from "../../platform/http/problem.ts";
import { decimal, problemContent } from "../../platform/http/schemas.ts";
import { forEditors } from "../api/admin.routes.ts";
import { requireEditorToken } from "../auth/auth.ts";
import { auditCtx } from "../records/records.service.ts";
import {
  insertSynonymStatement,
  listSynonymsStatement,
  MAX_SYNONYM_LENGTH,
  type SynonymRow,
  synonymCheckStatement,
  synonymProblem,
} from "./synonyms.ts";

const tags = ["Editors"];
const errors = {
  401: { description: "Missing, malformed, unknown or revoked editor token", content: problemContent },
  403: { description: "A retailer key", content: problemContent },
} as const;

const Synonym = z
  .object({
    id: z.number().int(),
    term: z.string().openapi({ example: "chè" }),
    synonym: z.string().openapi({ example: "trà" }),
    created_at: z.string(),
  })
  .openapi("SearchSynonym");
const NewSynonym = z
  .object({
    term: z.string().max(MAX_SYNONYM_LENGTH).openapi({ example: "lạp xưởng" }),
    synonym: z.string().max(MAX_SYNONYM_LENGTH).openapi({ example: "lạp sườn" }),
  })
  .strict()
  .openapi("NewSearchSynonym");
const Miss = z
  .object({
    query: z.string().openapi({ description: "The words searched, folded", example: "giao co lam" }),
    searches: z.number().int(),
    found_nothing: z.number().int().openapi({ description: "How many of `searches` found nothing at all" }),
    last_day: z.string().openapi({ example: "2026-12-06" }),
  })
  .openapi("SearchMiss");

export const listSynonyms = createRoute({
  method: "get",
  path: "/search/synonyms",
  operationId: "listSearchSynonyms",
  tags,
  ...forEditors,
  summary: "The search's synonyms (each works both ways)",
  description:
    "Words shoppers type for others: a search for either side also finds the other (one step, never a chain).",
  middleware: [requireEditorToken("editor")] as const,
  responses: {
    200: {
      description: "Every synonym",
      content: { "application/json": { schema: z.object({ data: z.array(Synonym) }) } },
    },
    ...errors,
  },
});

export const createSynonym = createRoute({
  method: "post",
  path: "/search/synonyms",
  operationId: "createSearchSynonym",
  tags,
  ...forEditors,
  summary: "Add a synonym (takes effect at once, both ways)",
  description: `Both sides are compared folded (accents, tone-mark placement and đ/d aside). Refused (409) when the pair exists either way round, and (422) when the sides are names of two different product kinds — a synonym never merges distinct products (bún and miến are different noodles). At most ${MAX_SYNONYM_LENGTH} characters a side.`,
  middleware: [requireEditorToken("editor")] as const,
  request: { body: { required: true, content: { "application/json": { schema: NewSynonym } } } },
  responses: {
    201: { description: "The synonym", content: { "application/json": { schema: Synonym } } },
    ...errors,
    409: { description: "The pair exists already", content: problemContent },
    422: { description: "Invalid sides, or two different product kinds", content: problemContent },
  },
});

export const deleteSynonym = createRoute({
  method: "delete",
  path: "/search/synonyms/{id}",
  operationId: "deleteSearchSynonym",
  tags,
  ...forEditors,
  summary: "Remove a synonym",
  description: "Searches stop finding the one side through the other at once. Recorded in the audit trail.",
  middleware: [requireEditorToken("editor")] as const,
  request: {
    params: z.object({
      id: decimal(1, 999_999_999).openapi({ param: { name: "id", in: "path" }, example: 1, type: "integer" }),
    }),
  },
  responses: {
    204: { description: "Removed" },
    ...errors,
    404: { description: "No such synonym", content: problemContent },
  },
});

export const listMisses = createRoute({
  method: "get",
  path: "/search/misses",
  operationId: "listSearchMisses",
  tags,
  ...forEditors,
  summary: "Searches that find nothing or few products",
  description: `What shoppers search for and do not find (fewer than 3 products), counted per folded query per day — no address, no cookie, nothing about who searched. A query shows once searched ${MISS_THRESHOLD} times in the last ${MISS_WINDOW_DAYS} days (a one-off typed name never shows); most searched first. Add a synonym (createSearchSynonym) when shoppers name a catalogued product otherwise.`,
  middleware: [requireEditorToken("editor")] as const,
  responses: {
    200: {
      description: "The failed searches",
      content: { "application/json": { schema: z.object({ data: z.array(Miss) }) } },
    },
    ...errors,
  },
});

/** The editors' search routes (synonyms and failed searches) on the admin API. */
export function registerSearchRoutes(api: OpenAPIHono<AppEnv>) {
  api
    .openapi(listSynonyms, async (c) => {
      const d1 = c.get("d1");
      const [rows] = await d1.batch<SynonymRow>([listSynonymsStatement(d1)]);
      return c.json({ data: rows?.results ?? [] }, 200);
    })
    .openapi(createSynonym, async (c) => {
      const body = c.req.valid("json");
      const saved = await addSynonym(c, body.term, body.synonym);
      return c.json(saved, 201);
    })
    .openapi(deleteSynonym, async (c) => {
      const { id } = c.req.valid("param");
      await removeSynonym(c, Number(id));
      return c.body(null, 204);
    })
    .openapi(listMisses, async (c) => {
      const d1 = c.get("d1");
      const [rows] = await d1.batch<MissRow>([listMissesStatement(d1, utcDay())]);
      return c.json({ data: rows?.results ?? [] }, 200);
    });
}

type C = Parameters<typeof auditCtx>[0];

/**
 * The audit event of a synonym's change, written only when the change happened: `row` selects the synonym row
 * (before a delete, after an insert) that the event describes. The editor is known once the request's first batch
 * has checked the token (admin writes take two round trips, as every editors' write).
 */
function auditSynonym(c: C, action: "create" | "delete", row: string, ...params: unknown[]) {
  const ctx = auditCtx(c);
  const side = action === "create" ? "after" : "before";
  return c
    .get("d1")
    .prepare(
      `INSERT INTO audit_events (editor_id, editor_email, via, entity, entity_key, action, changes, address)
       SELECT ?1, ?2, ?3, 'search_synonym', CAST(id AS TEXT), '${action}',
         json_array(json_object('field', 'synonym', '${side}', json_object('term', term, 'synonym', synonym))), ?4
       FROM search_synonyms WHERE ${row}`,
    )
    .bind(ctx.editor.id, ctx.editor.email, ctx.via ?? ctx.editor.via, ctx.address, ...params);
}

/**
 * Adds a synonym: a check (422 when the sides name two product kinds, 409 when the pair exists), then the row and
 * its audit event in one batch; a Problem naming the field when refused. Shared by the API and the back office.
 */
export async function addSynonym(c: C, term: string, synonym: string): Promise<SynonymRow> {
  const invalid = synonymProblem(term, synonym);
  if (invalid)
    throw new Problem(422, {
      type: "invalid-fields",
      detail: `Invalid '${invalid.name}': ${invalid.reason}`,
      invalid_params: [invalid],
    });
  const d1 = c.get("d1");
  const [check] = await d1.batch<{ clash: number; taken: number }>([
    synonymCheckStatement(d1, term, synonym),
  ]);
  const found = check?.results?.[0];
  if (found?.clash)
    throw new Problem(422, {
      type: "invalid-fields",
      detail: `'${term.trim()}' and '${synonym.trim()}' name two different product kinds: a synonym never merges distinct products`,
      invalid_params: [{ name: "synonym", reason: "names another product kind than the term" }],
    });
  const taken = () =>
    new Problem(409, {
      type: "conflict",
      detail: `'${term.trim()}' ↔ '${synonym.trim()}' is a synonym already`,
    });
  if (found?.taken) throw taken();
  const [inserted] = await d1.batch([
    insertSynonymStatement(d1, term, synonym),
    auditSynonym(c, "create", "rowid = last_insert_rowid() AND changes() = 1"),
  ]);
  const row = inserted?.results?.[0] as SynonymRow | undefined;
  if (!row) throw taken();
  return row;
}

/** Removes a synonym and records who did; 404 when there is none with this id. */
export async function removeSynonym(c: C, id: number): Promise<void> {
  const d1 = c.get("d1");
  const [found] = await d1.batch([d1.prepare("SELECT id FROM search_synonyms WHERE id = ?").bind(id)]);
  if (!found?.results?.length) throw new Problem(404, { detail: `No synonym ${id}` });
  await d1.batch([
    auditSynonym(c, "delete", "id = ?5", id),
    d1.prepare("DELETE FROM search_synonyms WHERE id = ?").bind(id),
  ]);
}
