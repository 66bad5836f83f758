// The admin API's contract (/api/v1/admin): what every operation shares — who may call it, its errors, the record's
// ETag and If-Match — and the catalogue-wide operations: CSV import and export, and the audit trail. The records'
// own operations are in records.routes.ts; plain tables, search and enquiries register theirs beside them
// (index.ts).
import { createRoute, z } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { MAX_BODY_BYTES } from "../../platform/http/body.ts";
import { Problem } from "../../platform/http/problem.ts";
import { decimal, ProblemSchema } from "../../platform/http/schemas.ts";
import { requireEditorToken } from "../auth/auth.ts";
import { slugSchema } from "../schemas.ts";

/** A problem+json (RFC 9457) response body. */
export const problem = { "application/problem+json": { schema: ProblemSchema } };
/**
 * Who may call an operation, as the contract states it: the EditorToken scheme and the least role
 * (`x-required-role`). Each route's own `requireEditorToken(role)` enforces it; test/contract/roles.test.ts holds
 * every operation's answers, role by role, to what its contract declares.
 */
export const forEditors = { security: [{ EditorToken: [] }], "x-required-role": "editor" };
/** Operations only a publisher may call (see {@link forEditors}). */
export const forPublishers = { security: [{ EditorToken: [] }], "x-required-role": "publisher" };
/** The tag of every admin operation in the document. */
export const tags = ["Editors"];
/** Largest CSV an import accepts: the Worker-wide body ceiling (a 500-row sheet is about 150–250 kB). */
export const MAX_IMPORT_BYTES = MAX_BODY_BYTES;

/** What every admin operation may answer. */
export const errors = {
  401: { description: "Missing, malformed, unknown or revoked editor token", content: problem },
  403: { description: "A retailer key, or a role too low for this operation", content: problem },
  404: { description: "No such record", content: problem },
} as const;
/** A stale If-Match: the record's ETag now, to read again and retry with. */
export const staleProblem = {
  "application/problem+json": {
    schema: ProblemSchema.extend({
      current_etag: z
        .string()
        .openapi({ description: "The record's ETag now; read it again, then retry with it" }),
    }).openapi("AdminPreconditionFailed"),
  },
};
/** A conditional write sent without If-Match. */
export const ifMatchMissing = { 428: { description: "If-Match missing", content: problem } } as const;
/** What every admin write may answer. */
export const writeErrors = {
  ...errors,
  409: { description: "A record with this key already exists", content: problem },
  412: {
    description: "If-Match is not the record's current ETag (someone changed it)",
    content: staleProblem,
  },
  422: {
    description: "Invalid fields or missing provenance, each named in `invalid_params`",
    content: problem,
  },
} as const;

/** The ETag response header every admin record answer carries. */
export const etag = { ETag: { schema: { type: "string" as const }, description: "Send back in If-Match" } };
/** The If-Match request header of every admin update and delete. */
export const IfMatch = z.object({
  "if-match": z
    .string()
    .max(200)
    .optional()
    .openapi({ description: "The record's ETag; required on updates (428 without)" }),
});

/** A record's slug in the path. */
export const SlugParam = z.object({
  slug: slugSchema.openapi({ param: { name: "slug", in: "path" }, example: "mien-dong-tan-viet-a" }),
});
/** A recognition's id in the path. */
export const IdParam = z.object({
  id: decimal(1, 999_999_999).openapi({
    param: { name: "id", in: "path" },
    example: 1000000,
    type: "integer",
  }),
});

// Any JSON object (z.looseObject rather than z.record: the public routes use objects, and the Worker's shared chunk
// then carries no record schema for the editors' sake — scripts/budget.ts).
const anyRecord = z.looseObject({});
const AdminRecordBase = z.object({
  entity: z.string(),
  key: z.string(),
  status: z.string(),
  etag: z.string(),
  live: anyRecord.nullable(),
  draft: anyRecord.nullable(),
});
/** A record as editors see it: the public version, the pending draft, and the ETag of the pair. */
export const AdminRecord = z
  .object({
    entity: z.enum(["product", "producer", "recognition"]),
    key: z.string(),
    status: z.enum(["draft", "published", "changed"]).openapi({
      description:
        "draft: never published; published: public, no pending changes; changed: public with a pending draft",
    }),
    etag: z.string(),
    live: anyRecord.nullable(),
    draft: anyRecord.nullable(),
    recognitions: z.array(AdminRecordBase).optional(),
  })
  .openapi("AdminRecord");

/** An answer carrying one record and its ETag. */
export const recordResponse = (description: string) => ({
  description,
  headers: etag,
  content: { "application/json": { schema: AdminRecord } },
});
/** A required JSON request body of a schema. */
export const json = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

export const ImportKind = z.enum(["products", "producers", "recognitions"]);
const ImportQuery = z
  .object({
    kind: ImportKind.openapi({ description: "What the rows are (docs/import-format.md)" }),
    dry_run: z
      .enum(["true", "false"])
      .default("true")
      .openapi({ description: "true (default): only report what would happen" }),
  })
  .strict();
const ImportRow = z.object({
  row: z.number().int().openapi({ description: "Line in the file (the header is line 1)" }),
  key: z.string(),
  action: z.enum(["create", "update", "unchanged", "refuse"]),
  reasons: z.array(z.object({ name: z.string(), reason: z.string() })),
  changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
});
export const ImportReport = z
  .object({
    kind: ImportKind,
    dry_run: z.boolean(),
    applied: z.boolean(),
    counts: z.object({ create: z.number(), update: z.number(), unchanged: z.number(), refuse: z.number() }),
    rows: z.array(ImportRow),
    stats: z
      .object({ round_trips: z.number().int(), statements: z.number().int(), ms: z.number() })
      .optional()
      .openapi({ description: "What applying cost: D1 round trips, statements written, milliseconds" }),
  })
  .openapi("ImportReport");

const importBody = bodyLimit({
  maxSize: MAX_IMPORT_BYTES,
  onError: () => {
    throw new Problem(413, {
      type: "content-too-large",
      detail: `The CSV is larger than ${MAX_IMPORT_BYTES} bytes; split it`,
    });
  },
});
export const importCatalogue = createRoute({
  method: "post",
  path: "/import",
  operationId: "importCatalogue",
  tags,
  ...forPublishers,
  summary: "Import products, producers or recognitions from CSV (publishers)",
  description:
    "UTF-8 CSV, with or without a byte-order mark, in the columns of docs/import-format.md. A dry run (default) reports row by row what would be created, changed or refused and why. Applying is all or nothing: one refused row and nothing is written (422 with the same report). Imported rows are published at once.",
  middleware: [requireEditorToken("publisher", { beforeBody: true }), importBody] as const,
  request: {
    query: ImportQuery,
    body: { required: true, content: { "text/csv": { schema: z.string().openapi({ format: "binary" }) } } },
  },
  responses: {
    200: {
      description: "The report (dry run, or applied)",
      content: { "application/json": { schema: ImportReport } },
    },
    ...errors,
    413: { description: "File too large", content: problem },
    415: { description: "Not text/csv", content: problem },
    422: { description: "Refused rows (nothing written), or no usable header", content: problem },
  },
});
export const exportCatalogue = createRoute({
  method: "get",
  path: "/export/{kind}",
  operationId: "exportCatalogue",
  tags,
  ...forEditors,
  summary: "The published products, producers or recognitions as CSV, in the import format",
  description:
    "Every published record of the kind, one row each, in the columns docs/import-format.md describes, so an export edited in a spreadsheet imports back unchanged.",
  middleware: [requireEditorToken("editor")] as const,
  request: { params: z.object({ kind: ImportKind.openapi({ param: { name: "kind", in: "path" } }) }) },
  responses: {
    200: {
      description: "CSV (UTF-8 with BOM, so spreadsheet programs read the accents)",
      content: { "text/csv": { schema: z.string() } },
    },
    ...errors,
  },
});

const AuditEvent = z
  .object({
    id: z.number().int(),
    at: z.string(),
    editor: z.string().openapi({ description: "The editor's email" }),
    via: z.enum(["page", "api", "import", "cli"]),
    entity: z.string(),
    key: z.string(),
    action: z.string(),
    changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
  })
  .openapi("AuditEvent");
export const listAuditEvents = createRoute({
  method: "get",
  path: "/audit",
  operationId: "listAuditEvents",
  tags,
  ...forPublishers,
  summary: "The audit trail, newest first, optionally of one record (publishers)",
  description:
    "Who changed what, when and from where (page, api, import, cli), with the field-level before and after of each change. Filter by entity and key; page with `before` (the `next_before` of the previous page).",
  middleware: [requireEditorToken("publisher")] as const,
  request: {
    query: z
      .object({
        entity: z
          .enum([
            "product",
            "producer",
            "recognition",
            "channel",
            "listing",
            "support_project",
            "programme_figure",
            "editor",
            "editor_token",
            "search_synonym",
          ])
          .optional(),
        key: z.string().max(120).optional(),
        before: decimal(1, 999_999_999)
          .optional()
          .openapi({ description: "Events older than this id (from `next_before`)", type: "integer" }),
        limit: decimal(1, 200).default(50).openapi({ type: "integer" }),
      })
      .strict(),
  },
  responses: {
    200: {
      description: "Events",
      content: {
        "application/json": {
          schema: z.object({ data: z.array(AuditEvent), next_before: z.number().int().nullable() }),
        },
      },
    },
    ...errors,
  },
});
