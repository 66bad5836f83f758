import { createRoute, z } from "@hono/zod-openapi";
import { jsonBody } from "../../platform/http/body.ts";
import { BOOKMARK_HEADER } from "../../platform/http/d1-session.ts";
import {
  errors,
  Include,
  notFound,
  notModified,
  ProblemSchema,
  problemContent,
  slugPath,
} from "../../platform/http/schemas.ts";
import { requireChannelKey } from "../keys/auth.ts";
import { IdempotencyHeaders, idempotent, replayedHeader } from "../keys/idempotency.ts";
import { MAX_BULK_ITEMS } from "./listings.queries.ts";
import { BulkInput, BulkResult, ChannelListing, ListingInput } from "./listings.schemas.ts";

/** Largest PUT body (one listing) and bulk body, in bytes. */
export const MAX_LISTING_BYTES = 64 * 1024;
export const MAX_BULK_BYTES = 1024 * 1024;

const Params = z.object({
  channel: slugPath("channel", "aeon"),
  product: slugPath("product", "mien-dong-tan-viet-a"),
});
const ChannelParam = Params.pick({ channel: true });

const preconditionProblem = {
  "application/problem+json": {
    schema: ProblemSchema.extend({
      current_etag: z
        .string()
        .nullable()
        .openapi({ description: "The listing's ETag now (null: it does not exist); retry with it" }),
    }).openapi("PreconditionFailed"),
  },
};
const etagHeader = {
  ETag: { schema: { type: "string" as const }, description: "Strong ETag of the listing" },
};
const bookmarkHeader = {
  [BOOKMARK_HEADER]: {
    schema: { type: "string" as const },
    description: "Send back on later reads to read this write (D1 read replication)",
  },
};
const writeErrors = {
  401: {
    description: "Missing, malformed, unknown or revoked API key (see `WWW-Authenticate`)",
    content: problemContent,
  },
  403: { description: "The key belongs to another channel", content: problemContent },
  413: { description: "Body too large", content: problemContent },
  415: { description: "Body is not `application/json`", content: problemContent },
  422: { description: "Invalid fields, each named in `invalid_params`", content: problemContent },
} as const;
const security = [{ RetailerKey: [] }];
const ConditionalHeaders = z.object({
  "if-match": z.string().max(1000).optional().openapi({
    description: "Write only if the listing's current ETag is one of these (or `*`: if it exists); else 412",
  }),
  "if-none-match": z
    .literal("*")
    .optional()
    .openapi({ description: "`*`: create only; 412 if the listing exists" }),
});

export const getOne = createRoute({
  method: "get",
  path: "/channels/{channel}/listings/{product}",
  operationId: "getListing",
  security: [],
  tags: ["Retailers"],
  summary: "One listing of a channel, with its ETag",
  description:
    "An illustrative listing (a made-up example, or a listing of an illustrative product) is a 404 unless `include=illustrative` is given.",
  request: { params: Params, query: z.object({ include: Include }) },
  responses: {
    200: {
      description: "The listing",
      headers: etagHeader,
      content: { "application/json": { schema: ChannelListing } },
    },
    ...notModified,
    ...errors,
    ...notFound,
  },
});

export const put = createRoute({
  method: "put",
  path: "/channels/{channel}/listings/{product}",
  operationId: "putListing",
  tags: ["Retailers"],
  summary: "Create or replace a listing",
  description:
    "Needs a key of this channel. `If-Match` with the listing's ETag makes the write conditional (412 if someone else changed it since), `If-None-Match: *` makes it create-only. Writing the values the listing already has changes nothing (same version and ETag).",
  security,
  middleware: [requireChannelKey("listings"), ...jsonBody(MAX_LISTING_BYTES)] as const,
  request: {
    params: Params,
    headers: ConditionalHeaders,
    body: { required: true, content: { "application/json": { schema: ListingInput } } },
  },
  responses: {
    200: {
      description: "Replaced (or unchanged)",
      headers: { ...etagHeader, ...bookmarkHeader },
      content: { "application/json": { schema: ChannelListing } },
    },
    201: {
      description: "Created",
      headers: { ...etagHeader, ...bookmarkHeader },
      content: { "application/json": { schema: ChannelListing } },
    },
    ...errors,
    ...writeErrors,
    404: { description: "No such product", content: problemContent },
    412: {
      description: "If-Match / If-None-Match failed; the current ETag is in the header and `current_etag`",
      content: preconditionProblem,
    },
  },
});

export const remove = createRoute({
  method: "delete",
  path: "/channels/{channel}/listings/{product}",
  operationId: "deleteListing",
  tags: ["Retailers"],
  summary: "Delete a listing",
  description:
    "Needs a key of this channel. `If-Match` is honoured as for PUT. The change feed gets a tombstone.",
  security,
  middleware: [requireChannelKey("listings")] as const,
  request: { params: Params, headers: ConditionalHeaders.pick({ "if-match": true }) },
  responses: {
    204: { description: "Deleted", headers: bookmarkHeader },
    ...errors,
    401: writeErrors[401],
    403: writeErrors[403],
    404: { description: "No such product, or the channel does not list it", content: problemContent },
    412: {
      description: "If-Match failed; the current ETag is in `current_etag`",
      content: preconditionProblem,
    },
  },
});

export const bulk = createRoute({
  method: "post",
  path: "/channels/{channel}/listings/bulk",
  operationId: "bulkPutListings",
  tags: ["Retailers"],
  summary: `Create or replace up to ${MAX_BULK_ITEMS} listings at once, atomically`,
  description:
    "All or nothing: if any item is invalid or names an unknown product, nothing is written and the 422 names every invalid item (`items[3].price_vnd`). Items identical to the stored listing are left alone (`unchanged`).",
  security,
  middleware: [
    requireChannelKey("listings"),
    ...jsonBody(MAX_BULK_BYTES, "; split the items over several requests"),
    idempotent(),
  ] as const,
  request: {
    params: ChannelParam,
    headers: IdempotencyHeaders,
    body: { required: true, content: { "application/json": { schema: BulkInput } } },
  },
  responses: {
    200: {
      description: "Every item was written (or was already so)",
      headers: { ...bookmarkHeader, ...replayedHeader },
      content: { "application/json": { schema: BulkResult } },
    },
    ...errors,
    ...writeErrors,
    409: {
      description: "A request with this `Idempotency-Key` is still running; retry shortly",
      content: problemContent,
    },
  },
});

export type GetOneRoute = typeof getOne;
export type PutRoute = typeof put;
export type RemoveRoute = typeof remove;
export type BulkRoute = typeof bulk;
