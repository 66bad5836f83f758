import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import {
  listMissesStatement,
  MISS_THRESHOLD,
  MISS_WINDOW_DAYS,
  type MissRow,
  utcDay,
} from "../../platform/db/search-misses.ts";
import type { AppEnv } from "../../platform/env.ts";
import { decimal, problemContent } from "../../platform/http/schemas.ts";
import { forEditors } from "../api/admin.routes.ts";
import { editorCall, requireEditorToken } from "../auth/auth.ts";
import { addSynonym, removeSynonym } from "./search.service.ts";
import { listSynonymsStatement, MAX_SYNONYM_LENGTH, type SynonymRow } from "./synonyms.ts";

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
      const saved = await addSynonym(editorCall(c), body.term, body.synonym);
      return c.json(saved, 201);
    })
    .openapi(deleteSynonym, async (c) => {
      const { id } = c.req.valid("param");
      await removeSynonym(editorCall(c), Number(id));
      return c.body(null, 204);
    })
    .openapi(listMisses, async (c) => {
      const d1 = c.get("d1");
      const [rows] = await d1.batch<MissRow>([listMissesStatement(d1, utcDay())]);
      return c.json({ data: rows?.results ?? [] }, 200);
    });
}
