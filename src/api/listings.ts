import { createRoute, z } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { listChanges } from "../db/queries/changes.ts";
import { csvField, FEED_COLUMNS, type FeedRow, productFeed, streamLines } from "../db/queries/feeds.ts";
import {
  bulkUpsertListings,
  deleteListing,
  getListing,
  type Listing,
  MAX_BULK_ITEMS,
  parseIfMatch,
  putListing,
} from "../db/queries/listings.ts";
import { CHANGE_ENTITIES, CHANGE_OPS, LISTING_STATUSES } from "../db/schema.ts";
import type { AppEnv } from "../env.ts";
import { credentialOf, requireChannelKey, verifyKey } from "../lib/auth.ts";
import { createRouter } from "../lib/create-app.ts";
import { BOOKMARK_HEADER } from "../lib/middleware.ts";
import { type InvalidParam, Problem } from "../lib/problem.ts";
import { Cursor, errors, ListingFields, notFound, notModified, Problem as ProblemSchema } from "./schemas.ts";

/** Largest PUT body (one listing) and bulk body, in bytes. */
export const MAX_LISTING_BYTES = 64 * 1024;
export const MAX_BULK_BYTES = 1024 * 1024;

const slug = z
  .string()
  .max(120)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a slug (lowercase letters, digits, hyphens)");
const Params = z.object({
  channel: slug.openapi({ param: { name: "channel", in: "path" }, example: "aeon" }),
  product: slug.openapi({ param: { name: "product", in: "path" }, example: "mien-dong-tan-viet-a" }),
});
const ChannelParam = Params.pick({ channel: true });

/**
 * Retailer text is shown on pages and fed to other systems, so two kinds of characters are refused: bidirectional
 * embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069), which make shown text read
 * differently from what it is ("right-to-left override" spoofing of names and links; the plain marks U+200E/U+200F
 * stay allowed); and lone surrogates (`"\ud800"` in JSON), which cannot be stored as UTF-8 and would come back as
 * U+FFFD, a silent change to an acknowledged write.
 */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const plainText = (v: string) => !BIDI_CONTROLS.test(v) && !LONE_SURROGATE.test(v);
const PLAIN_TEXT =
  "must not contain bidirectional control characters (U+202A–U+202E, U+2066–U+2069) or lone surrogates";
const text = (max: number) => z.string().trim().min(1).max(max).refine(plainText, PLAIN_TEXT);
const Store = z
  .object({ name: text(200), city: text(100), province: text(100) })
  .strict()
  .openapi("Store");

const listingFields = {
  status: z.enum(LISTING_STATUSES).openapi({ description: "Shelf status at the chain" }),
  price_vnd: z
    .number()
    .int()
    .min(0)
    .max(1_000_000_000)
    .nullable()
    .default(null)
    .openapi({ description: "Shelf price in đồng (integer), or null", example: 72000 }),
  channel_sku: text(64).nullable().default(null).openapi({ description: "The chain's own SKU" }),
  url: z
    .url({ protocol: /^https$/, hostname: z.regexes.domain, error: "must be an https:// URL" })
    .max(2000)
    .refine(plainText, PLAIN_TEXT)
    .nullable()
    .default(null)
    .openapi({ description: "The product page at the chain (https only)" }),
  stores: z.array(Store).max(200).default([]).openapi({ description: "Stores that carry it" }),
  note: z.string().max(1000).refine(plainText, PLAIN_TEXT).nullable().default(null),
};

export const ListingInput = z.object(listingFields).strict().openapi("ListingInput", {
  description:
    "A whole listing: PUT replaces every field (omitted fields become null or empty). Unknown fields are rejected.",
});
const BulkItem = z.object({ product: slug, ...listingFields }).strict();
export const BulkInput = z
  .object({ items: z.array(BulkItem).min(1).max(MAX_BULK_ITEMS) })
  .strict()
  .openapi("BulkListings");

const ListingSchema = ListingFields.extend({
  channel: z.string(),
  product: z.string(),
  etag: z.string().openapi({ description: "Same as the ETag header; send it back in If-Match" }),
}).openapi("ChannelListing");

const BulkResult = z
  .object({
    channel: z.string(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    items: z.array(z.object({ product: z.string(), version: z.number().int(), etag: z.string() })),
  })
  .openapi("BulkResult");

const problem = { "application/problem+json": { schema: ProblemSchema } };
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
    content: problem,
  },
  403: { description: "The key belongs to another channel", content: problem },
  413: { description: "Body too large", content: problem },
  415: { description: "Body is not `application/json`", content: problem },
  422: { description: "Invalid fields, each named in `invalid_params`", content: problem },
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

/** Rejects bodies that are not JSON (415) or larger than `maxBytes` (413) before anything reads them. */
function jsonBody(maxBytes: number): MiddlewareHandler<AppEnv>[] {
  return [
    async (c, next) => {
      const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
      if (type !== "application/json") {
        throw new Problem(415, {
          type: "unsupported-media-type",
          detail: `Send the body as application/json (got ${type ? `'${type}'` : "no Content-Type"})`,
        });
      }
      await next();
    },
    bodyLimit({
      maxSize: maxBytes,
      onError: () => {
        throw new Problem(413, {
          type: "content-too-large",
          detail: `The body is larger than ${maxBytes} bytes${maxBytes === MAX_BULK_BYTES ? "; split the items over several requests" : ""}`,
        });
      },
    }),
  ];
}

/** Zod paths as clients write them: `items[3].stores[0].city`. */
const pathName = (path: PropertyKey[]) =>
  path.reduce<string>(
    (acc, p) => (typeof p === "number" ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)),
    "",
  );

function unprocessable(params: InvalidParam[]): Problem {
  return new Problem(422, {
    type: "invalid-fields",
    detail: `Invalid ${params.map((p) => `'${p.name}'`).join(", ")}: ${params.map((p) => p.reason).join("; ")}`,
    invalid_params: params,
  });
}

interface Issue {
  path: PropertyKey[];
  message: string;
  code?: string;
  keys?: string[];
}
/** One entry per field (several failed checks of one field are joined). */
function issueParams(issues: readonly Issue[]): InvalidParam[] {
  const byName = new Map<string, string[]>();
  for (const i of issues) {
    const found =
      i.code === "unrecognized_keys" && i.keys
        ? i.keys.map((k) => ({ name: pathName([...i.path, k]), reason: "unknown field" }))
        : [{ name: pathName(i.path) || "(body)", reason: i.message }];
    for (const f of found) {
      const reasons = byName.get(f.name) ?? [];
      if (!reasons.includes(f.reason)) reasons.push(f.reason);
      byName.set(f.name, reasons);
    }
  }
  return [...byName].map(([name, reasons]) => ({ name, reason: reasons.join("; ") }));
}

/** Body failures are 422 naming each field; path, query and header failures are 400. */
const writeHook = (result: {
  success: boolean;
  target: string;
  error?: { issues: readonly Issue[] };
}): undefined => {
  if (result.success || !result.error) return undefined;
  const params = issueParams(result.error.issues);
  if (result.target === "json") throw unprocessable(params);
  throw new Problem(400, {
    type: "invalid-parameters",
    detail: `Invalid ${params.map((p) => `'${p.name}'`).join(", ")}`,
    invalid_params: params,
  });
};

const unknownProduct = (i: number, product: string): InvalidParam => ({
  name: `items[${i}].product`,
  reason: `no product with slug '${product}'`,
});

/** Items naming a product an earlier item already names. */
function duplicateItems(items: readonly { product?: unknown }[]): InvalidParam[] {
  const seen = new Map<unknown, number>();
  return items.flatMap((item, i) => {
    const first = seen.get(item.product);
    if (first === undefined) seen.set(item.product, i);
    return first === undefined || typeof item.product !== "string"
      ? []
      : [{ name: `items[${i}].product`, reason: `'${item.product}' is also items[${first}]` }];
  });
}

const itemIndex = (name: string) => Number(/^items\[(\d+)\]/.exec(name)?.[1] ?? -1);

/**
 * A failed bulk body names every invalid item at once: the field errors, and also the items whose product does
 * not exist or repeats an earlier one (one extra query, on this error path only).
 */
async function bulkProblem(
  // On failure the validator still passes the raw body as `data` (not in its types).
  result: { success: boolean; target: string; data?: unknown; error?: { issues: readonly Issue[] } },
  c: Context<AppEnv>,
): Promise<never> {
  const params = issueParams(result.error?.issues ?? []);
  const raw = (result.data as { items?: unknown })?.items;
  if (Array.isArray(raw) && raw.length <= MAX_BULK_ITEMS) {
    const items = raw.map((i) => (i && typeof i === "object" ? (i as { product?: unknown }) : {}));
    const slugs = items
      .map((i) => i.product)
      .filter((p): p is string => typeof p === "string" && p.length <= 120);
    const { results } = await c
      .get("d1")
      .prepare("SELECT slug FROM products WHERE slug IN (SELECT value FROM json_each(?))")
      .bind(JSON.stringify(slugs))
      .all<{ slug: string }>();
    const known = new Set(results.map((r) => r.slug));
    const named = new Set(params.map((p) => p.name));
    items.forEach((item, i) => {
      const name = `items[${i}].product`;
      if (typeof item.product === "string" && !known.has(item.product) && !named.has(name)) {
        params.push(unknownProduct(i, item.product));
      }
    });
    params.push(...duplicateItems(items).filter((d) => !named.has(d.name)));
  }
  params.sort((a, b) => itemIndex(a.name) - itemIndex(b.name));
  throw unprocessable(params);
}

const bulkHook = (
  result: { success: boolean; target: string; data?: unknown; error?: { issues: readonly Issue[] } },
  c: Context<AppEnv>,
): undefined | Promise<never> =>
  result.success || !result.error || result.target !== "json" ? writeHook(result) : bulkProblem(result, c);

const preconditionFailed = (current: Listing | null) =>
  new Problem(
    412,
    {
      type: "precondition-failed",
      detail: current
        ? `The listing changed: its current ETag is ${current.etag}. Read it again, then retry with that ETag.`
        : "There is no such listing to match If-Match against.",
      current_etag: current?.etag ?? null,
    },
    current ? { etag: current.etag } : {},
  );

const noProduct = (product: string) =>
  new Problem(404, { type: "not-found", detail: `No product with slug '${product}'` });

const getOne = createRoute({
  method: "get",
  path: "/channels/{channel}/listings/{product}",
  tags: ["Retailers"],
  summary: "One listing of a channel, with its ETag",
  request: { params: Params },
  responses: {
    200: {
      description: "The listing",
      headers: etagHeader,
      content: { "application/json": { schema: ListingSchema } },
    },
    ...notModified,
    ...errors,
    ...notFound,
  },
});

const put = createRoute({
  method: "put",
  path: "/channels/{channel}/listings/{product}",
  tags: ["Retailers"],
  summary: "Create or replace a listing",
  description:
    "Needs a key of this channel. `If-Match` with the listing's ETag makes the write conditional (412 if someone else changed it since), `If-None-Match: *` makes it create-only. Writing the values the listing already has changes nothing (same version and ETag).",
  security,
  middleware: [requireChannelKey(), ...jsonBody(MAX_LISTING_BYTES)] as const,
  request: {
    params: Params,
    headers: ConditionalHeaders,
    body: { required: true, content: { "application/json": { schema: ListingInput } } },
  },
  responses: {
    200: {
      description: "Replaced (or unchanged)",
      headers: { ...etagHeader, ...bookmarkHeader },
      content: { "application/json": { schema: ListingSchema } },
    },
    201: {
      description: "Created",
      headers: { ...etagHeader, ...bookmarkHeader },
      content: { "application/json": { schema: ListingSchema } },
    },
    ...errors,
    ...writeErrors,
    404: { description: "No such product", content: problem },
    412: {
      description: "If-Match / If-None-Match failed; the current ETag is in the header",
      content: problem,
    },
  },
});

const remove = createRoute({
  method: "delete",
  path: "/channels/{channel}/listings/{product}",
  tags: ["Retailers"],
  summary: "Delete a listing",
  description:
    "Needs a key of this channel. `If-Match` is honoured as for PUT. The change feed gets a tombstone.",
  security,
  middleware: [requireChannelKey()] as const,
  request: { params: Params, headers: ConditionalHeaders.pick({ "if-match": true }) },
  responses: {
    204: { description: "Deleted", headers: bookmarkHeader },
    ...errors,
    401: writeErrors[401],
    403: writeErrors[403],
    404: { description: "No such product, or the channel does not list it", content: problem },
    412: { description: "If-Match failed", content: problem },
  },
});

const bulk = createRoute({
  method: "post",
  path: "/channels/{channel}/listings/bulk",
  tags: ["Retailers"],
  summary: `Create or replace up to ${MAX_BULK_ITEMS} listings at once, atomically`,
  description:
    "All or nothing: if any item is invalid or names an unknown product, nothing is written and the 422 names every invalid item (`items[3].price_vnd`). Items identical to the stored listing are left alone (`unchanged`).",
  security,
  middleware: [requireChannelKey(), ...jsonBody(MAX_BULK_BYTES)] as const,
  request: {
    params: ChannelParam,
    body: { required: true, content: { "application/json": { schema: BulkInput } } },
  },
  responses: {
    200: {
      description: "Every item was written (or was already so)",
      headers: bookmarkHeader,
      content: { "application/json": { schema: BulkResult } },
    },
    ...errors,
    ...writeErrors,
  },
});

const ChangesQuery = z
  .object({
    since: Cursor.openapi({
      description:
        "Opaque cursor: `page.next_cursor` of the previous page. Omit to start from the beginning.",
    }),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(100)
      .openapi({ description: "Page size, 1–1000", type: "integer" }),
  })
  .strict();

const ChangeList = z
  .object({
    data: z.array(
      z.object({
        seq: z.number().int(),
        entity: z.enum(CHANGE_ENTITIES),
        key: z.string().openapi({
          description: "Slug (product, producer), id (recognition) or `channel/product` (listing)",
        }),
        op: z.enum(CHANGE_OPS).openapi({ description: "`delete` is a tombstone: remove your copy" }),
        changed_at: z.string(),
        href: z.string().nullable().openapi({ description: "Where to read the current state (upserts)" }),
      }),
    ),
    page: z.object({
      limit: z.number().int(),
      has_more: z.boolean(),
      next_cursor: z
        .string()
        .openapi({ description: "Always present: pass it as `since` now or when polling" }),
    }),
  })
  .openapi("ChangeList");

const changes = createRoute({
  method: "get",
  path: "/changes",
  tags: ["Retailers"],
  summary: "The change feed: products, producers, recognitions and listings, in order, with tombstones",
  description:
    "Apply entries in order and store `page.next_cursor` after each page: you never miss or re-apply a change. Several entries for the same key may follow each other; the last one wins.",
  request: { query: ChangesQuery },
  responses: {
    200: { description: "A page of changes", content: { "application/json": { schema: ChangeList } } },
    ...errors,
  },
});

const feedDescription = `Every product, one row each, sorted by slug. Columns (stable; new ones are only appended): ${FEED_COLUMNS.join(", ")}. \`channels\` is a \`;\`-separated list of channel slugs; \`tier\` is the highest CNNT-TB level. UTF-8; the ETag changes whenever the change feed moves.`;
const csvFeed = createRoute({
  method: "get",
  path: "/feeds/products.csv",
  tags: ["Retailers"],
  summary: "The whole catalogue as CSV (RFC 4180, header row)",
  description: feedDescription,
  responses: {
    200: { description: "CSV", content: { "text/csv": { schema: z.string() } } },
    ...notModified,
    429: errors[429],
  },
});
const ndjsonFeed = createRoute({
  method: "get",
  path: "/feeds/products.ndjson",
  tags: ["Retailers"],
  summary: "The whole catalogue as newline-delimited JSON",
  description: feedDescription,
  responses: {
    200: {
      description: "NDJSON, one product object per line",
      content: { "application/x-ndjson": { schema: z.string() } },
    },
    ...notModified,
    429: errors[429],
  },
});

function feedResponse(c: Context<AppEnv>, position: number, kind: "csv" | "ndjson", body: ReadableStream) {
  const etag = `"feed-${kind}-${position}"`;
  const headers = {
    etag,
    "cache-control": "public, max-age=300",
    "content-type":
      kind === "csv" ? "text/csv; charset=utf-8; header=present" : "application/x-ndjson; charset=utf-8",
    "content-disposition": `inline; filename="cnnt-products.${kind}"`,
  };
  if (c.req.header("if-none-match")?.includes(etag)) {
    body.cancel();
    return new Response(null, { status: 304, headers: { etag } });
  }
  return new Response(body, { status: 200, headers });
}

const ndjsonLine = (r: FeedRow) => `${JSON.stringify(r)}\n`;
const csvLine = (r: FeedRow) => `${FEED_COLUMNS.map((k) => csvField(r[k])).join(",")}\r\n`;

export const listingsApi = createRouter()
  .openapi(getOne, async (c) => {
    const { channel, product } = c.req.valid("param");
    const listing = await getListing(c.get("d1"), channel, product);
    if (!listing) {
      throw new Problem(404, {
        type: "not-found",
        detail: `Channel '${channel}' has no listing of '${product}'`,
      });
    }
    c.header("etag", listing.etag);
    c.header("cache-control", "no-cache");
    return c.json(listing, 200);
  })
  .openapi(
    put,
    async (c) => {
      const { product } = c.req.valid("param");
      const headers = c.req.valid("header");
      const outcome = await putListing(c.get("d1"), credentialOf(c), product, c.req.valid("json"), {
        ifMatch: parseIfMatch(headers["if-match"]),
        ifNoneMatch: headers["if-none-match"] === "*",
      });
      await verifyKey(c, outcome.key);
      if (outcome.kind === "no-product") throw noProduct(product);
      if (outcome.kind === "precondition-failed") throw preconditionFailed(outcome.current);
      c.header("etag", outcome.listing.etag);
      c.header("cache-control", "no-store");
      return outcome.created ? c.json(outcome.listing, 201) : c.json(outcome.listing, 200);
    },
    writeHook,
  )
  .openapi(
    remove,
    async (c) => {
      const { channel, product } = c.req.valid("param");
      const outcome = await deleteListing(
        c.get("d1"),
        credentialOf(c),
        product,
        parseIfMatch(c.req.valid("header")["if-match"]),
      );
      await verifyKey(c, outcome.key);
      if (outcome.kind === "no-product") throw noProduct(product);
      if (outcome.kind === "no-listing") {
        throw new Problem(404, {
          type: "not-found",
          detail: `Channel '${channel}' has no listing of '${product}'`,
        });
      }
      if (outcome.kind === "precondition-failed") throw preconditionFailed(outcome.current);
      return c.body(null, 204);
    },
    writeHook,
  )
  .openapi(
    bulk,
    async (c) => {
      const { items } = c.req.valid("json");
      const duplicates = duplicateItems(items);
      if (duplicates.length) throw unprocessable(duplicates);
      const outcome = await bulkUpsertListings(c.get("d1"), credentialOf(c), items);
      const key = await verifyKey(c, outcome.key);
      if (outcome.kind === "unknown-products") {
        throw unprocessable(outcome.indexes.map((i) => unknownProduct(i, items[i]?.product ?? "")));
      }
      const { kind: _kind, key: _key, ...result } = outcome;
      c.header("cache-control", "no-store");
      return c.json({ channel: key.channelSlug, ...result }, 200);
    },
    bulkHook,
  )
  .openapi(changes, async (c) => {
    c.header("cache-control", "no-cache");
    return c.json(await listChanges(c.get("d1"), c.env.CURSOR_SECRET, c.req.valid("query")), 200);
  })
  .openapi(csvFeed, async (c) => {
    const { rows, position } = await productFeed(c.get("d1"));
    return feedResponse(c, position, "csv", streamLines(`${FEED_COLUMNS.join(",")}\r\n`, rows, csvLine));
  })
  .openapi(ndjsonFeed, async (c) => {
    const { rows, position } = await productFeed(c.get("d1"));
    return feedResponse(c, position, "ndjson", streamLines(null, rows, ndjsonLine));
  });
