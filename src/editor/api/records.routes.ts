// The admin API's contract for the catalogue's records (/api/v1/admin): products, producers and recognitions, read as
// a public version with a pending draft, written as drafts, published and deleted, and their photos. What every
// operation shares (who may call it, its errors, the record's ETag) is in admin.routes.ts.
import { createRoute, z } from "@hono/zod-openapi";
import { requireEditorToken } from "../auth/auth.ts";
import {
  ProducerPatch,
  ProducerRecord,
  ProductPatch,
  ProductRecord,
  RecognitionInput,
  RecognitionPatch,
} from "../schemas.ts";
import {
  errors,
  forEditors,
  forPublishers,
  IdParam,
  IfMatch,
  ifMatchMissing,
  json,
  problem,
  recordResponse,
  SlugParam,
  tags,
  writeErrors,
} from "./admin.routes.ts";

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
    ...ifMatchMissing,
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
/** Uploading a photo into a product's or a producer's draft: one contract for both, told apart by path and words. */
const photoRoute = (
  path: "/products/{slug}/photo" | "/producers/{slug}/photo",
  operationId: string,
  summary: string,
  description: string,
) =>
  createRoute({
    method: "post",
    path,
    operationId,
    tags,
    ...forEditors,
    summary,
    description,
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
      ...ifMatchMissing,
      ...writeErrors,
    },
  });
export const uploadProductPhoto = photoRoute(
  "/products/{slug}/photo",
  "uploadProductPhoto",
  "Upload a product photo into the product's draft (public once published)",
  "Stored in R2 under a content hash and served at /anh/… with immutable caching. `If-Match` is required.",
);
export const uploadProducerPhoto = photoRoute(
  "/producers/{slug}/photo",
  "uploadProducerPhoto",
  "Upload a producer photo into the producer's draft (public once published)",
  "The same rules as product photos: JPEG, PNG or WebP by its bytes, at most 900 kB, alt text in both languages. Stored in R2 under a content hash, served at /anh/… with immutable caching. `If-Match` is required.",
);

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
    ...ifMatchMissing,
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
    ...ifMatchMissing,
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
