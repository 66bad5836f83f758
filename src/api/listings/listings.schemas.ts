import { z } from "@hono/zod-openapi";
import { MAX_BULK_ITEMS } from "../../db/queries/listings.ts";
import { LISTING_STATUSES } from "../../domain.ts";
import { ListingFields, slug } from "../schemas.ts";

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
export const Store = z
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
export const BulkItem = z.object({ product: slug(), ...listingFields }).strict();
export const BulkInput = z
  .object({ items: z.array(BulkItem).min(1).max(MAX_BULK_ITEMS) })
  .strict()
  .openapi("BulkListings");

export const ChannelListing = ListingFields.extend({
  channel: z.string(),
  product: z.string(),
  etag: z.string().openapi({ description: "Same as the ETag header; send it back in If-Match" }),
}).openapi("ChannelListing");

export const BulkResult = z
  .object({
    channel: z.string(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    items: z.array(z.object({ product: z.string(), version: z.number().int(), etag: z.string() })),
  })
  .openapi("BulkResult");
