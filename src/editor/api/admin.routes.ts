import { createRoute, z } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { MAX_BODY_BYTES } from "../../platform/http/body.ts";
import { Problem } from "../../platform/http/problem.ts";
import { decimal, ProblemSchema } from "../../platform/http/schemas.ts";
import { requireEditorToken } from "../auth/auth.ts";
import {
  ProducerPatch,
  ProducerRecord,
  ProductPatch,
  ProductRecord,
  RecognitionInput,
  RecognitionPatch,
  slugSchema,
} from "../schemas.ts";

const problem = { "application/problem+json": { schema: ProblemSchema } };
/**
 * Who may call an operation, as the contract states it: the EditorToken scheme and the least role
 * (`x-required-role`). Each route's own `requireEditorToken(role)` enforces it; test/contract/roles.test.ts holds
 * every operation's answers, role by role, to what its contract declares.
 */
export const forEditors = { security: [{ EditorToken: [] }], "x-required-role": "editor" };
/** Operations only a publisher may call (see {@link forEditors}). */
export const forPublishers = { security: [{ EditorToken: [] }], "x-required-role": "publisher" };
const tags = ["Editors"];
/** Largest CSV an import accepts: the Worker-wide body ceiling (a 500-row sheet is about 150–250 kB). */
export const MAX_IMPORT_BYTES = MAX_BODY_BYTES;

const errors = {
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
const writeErrors = {
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

const SlugParam = z.object({
  slug: slugSchema.openapi({ param: { name: "slug", in: "path" }, example: "mien-dong-tan-viet-a" }),
});
const IdParam = z.object({
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

const recordResponse = (description: string) => ({
  description,
  headers: etag,
  content: { "application/json": { schema: AdminRecord } },
});
const json = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

export const getProduct = createRoute({
  method: "get",
  path: "/products/{slug}",
  operationId: "getAdminProduct",
  tags,
  ...forEditors,
  summary: "A product as editors see it (public version, draft, recognitions)",
  description:
    "The product's public version (`live`), its pending draft (`draft`, null when none), its status, and its recognitions likewise. Send the ETag back in If-Match to change, publish or delete it.",
  middleware: [requireEditorToken("editor")] as const,
  request: { params: SlugParam },
  responses: { 200: recordResponse("The product"), ...errors },
});
export const createProduct = createRoute({
  method: "post",
  path: "/products",
  operationId: "createProduct",
  tags,
  ...forEditors,
  summary: "Create a product as a draft (public only once published)",
  description:
    "The producer must exist (published or as a draft). Nothing is public until a publisher publishes the product; the draft carries the sources that publishing requires.",
  middleware: [requireEditorToken("editor")] as const,
  request: { body: json(ProductRecord) },
  responses: { 201: recordResponse("The draft"), ...writeErrors },
});
export const updateProduct = createRoute({
  method: "patch",
  path: "/products/{slug}",
  operationId: "updateProduct",
  tags,
  ...forEditors,
  summary: "Change a product's draft (the public version stays until published)",
  description:
    "Fields given replace the draft's (or, without a draft, the public version's). `If-Match` is required.",
  middleware: [requireEditorToken("editor")] as const,
  request: { params: SlugParam, headers: IfMatch, body: json(ProductPatch) },
  responses: {
    200: recordResponse("The draft"),
    428: { description: "If-Match missing", content: problem },
    ...writeErrors,
  },
});
export const publishProduct = createRoute({
  method: "post",
  path: "/products/{slug}/publish",
  operationId: "publishProduct",
  tags,
  ...forPublishers,
  summary: "Publish a product's draft, with its producer's and its recognitions' drafts (publishers)",
  description:
    "All or nothing. Refused (422) unless the product and its producer have an https source and every recognition is complete.",
  middleware: [requireEditorToken("publisher")] as const,
  request: { params: SlugParam, headers: IfMatch },
  responses: { 200: recordResponse("The published product"), ...writeErrors },
});
export const deleteProduct = createRoute({
  method: "delete",
  path: "/products/{slug}",
  operationId: "deleteProduct",
  tags,
  ...forPublishers,
  summary: "Delete a product, its recognitions and listings (publishers); the change feed keeps tombstones",
  description:
    "Removes the public product (its recognitions and listings go with it) and any draft. The change feed keeps a tombstone for each, so mirrors delete them too.",
  middleware: [requireEditorToken("publisher")] as const,
  request: { params: SlugParam, headers: IfMatch },
  responses: { 204: { description: "Deleted" }, ...writeErrors },
});

export const PhotoForm = z.object({
  photo: z.instanceof(File).openapi({
    type: "string",
    format: "binary",
    description: "JPEG, PNG or WebP (judged by its bytes), at most 900 kB",
  }),
  alt_vi: z
    .string()
    .trim()
    .min(1, "is required")
    .max(300)
    .openapi({ description: "What the photo shows, in Vietnamese" }),
  alt_en: z
    .string()
    .trim()
    .min(1, "is required")
    .max(300)
    .openapi({ description: "What the photo shows, in English" }),
});
export const uploadProductPhoto = createRoute({
  method: "post",
  path: "/products/{slug}/photo",
  operationId: "uploadProductPhoto",
  tags,
  ...forEditors,
  summary: "Upload a product photo into the product's draft (public once published)",
  description:
    "Stored in R2 under a content hash and served at /anh/… with immutable caching. `If-Match` is required.",
  middleware: [requireEditorToken("editor", { beforeBody: true })] as const,
  request: {
    params: SlugParam,
    headers: IfMatch,
    body: { required: true, content: { "multipart/form-data": { schema: PhotoForm } } },
  },
  responses: {
    200: recordResponse("The draft, with the photo"),
    413: { description: "Larger than 900 kB", content: problem },
    415: { description: "Not a JPEG, PNG or WebP image", content: problem },
    428: { description: "If-Match missing", content: problem },
    ...writeErrors,
  },
});

export const uploadProducerPhoto = createRoute({
  method: "post",
  path: "/producers/{slug}/photo",
  operationId: "uploadProducerPhoto",
  tags,
  ...forEditors,
  summary: "Upload a producer photo into the producer's draft (public once published)",
  description:
    "The same rules as product photos: JPEG, PNG or WebP by its bytes, at most 900 kB, alt text in both languages. Stored in R2 under a content hash, served at /anh/… with immutable caching. `If-Match` is required.",
  middleware: [requireEditorToken("editor", { beforeBody: true })] as const,
  request: {
    params: SlugParam,
    headers: IfMatch,
    body: { required: true, content: { "multipart/form-data": { schema: PhotoForm } } },
  },
  responses: {
    200: recordResponse("The draft, with the photo"),
    413: { description: "Larger than 900 kB", content: problem },
    415: { description: "Not a JPEG, PNG or WebP image", content: problem },
    428: { description: "If-Match missing", content: problem },
    ...writeErrors,
  },
});

export const getProducer = createRoute({
  method: "get",
  path: "/producers/{slug}",
  operationId: "getAdminProducer",
  tags,
  ...forEditors,
  summary: "A producer as editors see it",
  description:
    "The producer's public version, its pending draft and its status, with the ETag to send back in If-Match.",
  middleware: [requireEditorToken("editor")] as const,
  request: { params: SlugParam },
  responses: { 200: recordResponse("The producer"), ...errors },
});
export const createProducer = createRoute({
  method: "post",
  path: "/producers",
  operationId: "createProducer",
  tags,
  ...forEditors,
  summary: "Create a producer as a draft",
  description:
    "Public once a publisher publishes it, or when one of its products is published. Publishing needs at least one https source.",
  middleware: [requireEditorToken("editor")] as const,
  request: { body: json(ProducerRecord) },
  responses: { 201: recordResponse("The draft"), ...writeErrors },
});
export const updateProducer = createRoute({
  method: "patch",
  path: "/producers/{slug}",
  operationId: "updateProducer",
  tags,
  ...forEditors,
  summary: "Change a producer's draft",
  description:
    "Fields given replace the draft's (or, without a draft, the public version's). `If-Match` is required. Renaming a producer refreshes its products' search text when published.",
  middleware: [requireEditorToken("editor")] as const,
  request: { params: SlugParam, headers: IfMatch, body: json(ProducerPatch) },
  responses: {
    200: recordResponse("The draft"),
    428: { description: "If-Match missing", content: problem },
    ...writeErrors,
  },
});
export const publishProducer = createRoute({
  method: "post",
  path: "/producers/{slug}/publish",
  operationId: "publishProducer",
  tags,
  ...forPublishers,
  summary: "Publish a producer's draft (publishers; also happens when one of its products is published)",
  description:
    "Applies the producer's draft to the catalogue. Refused (422) without an https source. Without a draft, answers the producer as it is.",
  middleware: [requireEditorToken("publisher")] as const,
  request: { params: SlugParam, headers: IfMatch },
  responses: { 200: recordResponse("The published producer"), ...writeErrors },
});

export const getRecognition = createRoute({
  method: "get",
  path: "/recognitions/{id}",
  operationId: "getAdminRecognition",
  tags,
  ...forEditors,
  summary: "A recognition as editors see it",
  description: "A recognition's public version and pending draft, with the ETag to send back in If-Match.",
  middleware: [requireEditorToken("editor")] as const,
  request: { params: IdParam },
  responses: { 200: recordResponse("The recognition"), ...errors },
});
export const createRecognition = createRoute({
  method: "post",
  path: "/recognitions",
  operationId: "createRecognition",
  tags,
  ...forEditors,
  summary: "Add a recognition to a product, as a draft published with the product",
  description:
    "Needs scheme, level (CNNT-TB) or stars (OCOP), year, issuer and an https source; the decision number when known.",
  middleware: [requireEditorToken("editor")] as const,
  request: { body: json(RecognitionInput) },
  responses: { 201: recordResponse("The draft"), ...writeErrors },
});
export const updateRecognition = createRoute({
  method: "patch",
  path: "/recognitions/{id}",
  operationId: "updateRecognition",
  tags,
  ...forEditors,
  summary: "Change a recognition's draft (marking it verified needs a publisher)",
  description:
    "Fields given replace the draft's; the draft is published with its product. Only publishers may mark a recognition verified (checked against its decision); an editor's change to any field of a verified recognition but its notes clears `verified`, so it returns to the review queue. `If-Match` is required.",
  middleware: [requireEditorToken("editor")] as const,
  request: { params: IdParam, headers: IfMatch, body: json(RecognitionPatch) },
  responses: {
    200: recordResponse("The draft"),
    428: { description: "If-Match missing", content: problem },
    ...writeErrors,
  },
});
export const deleteRecognition = createRoute({
  method: "delete",
  path: "/recognitions/{id}",
  operationId: "deleteRecognition",
  tags,
  ...forPublishers,
  summary: "Delete a recognition (publishers); the change feed keeps a tombstone",
  description:
    "Removes the public recognition (the product's tier is recomputed) and any draft; the change feed keeps a tombstone.",
  middleware: [requireEditorToken("publisher")] as const,
  request: { params: IdParam, headers: IfMatch },
  responses: { 204: { description: "Deleted" }, ...writeErrors },
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
