import { z } from "@hono/zod-openapi";
import { LISTING_STATUSES } from "../../domain/vocabulary.ts";
import { ListingFields, slug } from "../../platform/http/schemas.ts";
import { MAX_BULK_ITEMS } from "./listings.queries.ts";

/**
 * Retailer text is shown on pages and fed to other systems (HTML, NDJSON, CSV), so characters that make text read
 * differently from what it is, or that a terminal or parser acts on, are refused:
 * - control characters (C0, DEL, C1: NUL, ESC, BEL…); a note may hold tab and line breaks, single-line fields not;
 * - bidirectional controls and marks: embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069, "right-to-
 *   left override" spoofing of names and links), and the marks U+200E, U+200F and U+061C (ARABIC LETTER MARK);
 * - invisible characters: zero-width space, joiners and word joiner (U+200B–U+200D, U+2060–U+2064), other
 *   deprecated format characters (U+206A–U+206F), the byte order mark (U+FEFF), soft hyphen (U+00AD), Mongolian
 *   vowel separator (U+180E), Hangul fillers and interlinear annotation controls (U+FFF9–U+FFFB): two strings that
 *   look identical could differ;
 * - lone surrogates (`"\ud800"` in JSON), which cannot be stored as UTF-8 and would come back as U+FFFD, a silent
 *   change to an acknowledged write.
 * Emoji (with their variation selectors) and every Vietnamese letter stay allowed.
 */
const INVISIBLE =
  /[\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\ufff9-\ufffb]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters refused
const CONTROL_MULTILINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters refused
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const plainText =
  ({ multiline = false } = {}) =>
  (v: string) =>
    !(multiline ? CONTROL_MULTILINE : CONTROL).test(v) && !INVISIBLE.test(v) && !LONE_SURROGATE.test(v);
const PLAIN_TEXT =
  "must not contain control characters, invisible (zero-width) characters, bidirectional controls or marks (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) or lone surrogates";
const text = (max: number) => z.string().trim().min(1).max(max).refine(plainText(), PLAIN_TEXT);

/** True unless the URL carries a user name or password (`https://user:pass@host`, `https://shop.vn@evil.example`). */
const noUserinfo = (v: string) => {
  const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(v)?.[1] ?? "";
  return !authority.includes("@");
};
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
    .refine(noUserinfo, "must not contain a user name or password (user:password@)")
    .refine(plainText(), PLAIN_TEXT)
    .nullable()
    .default(null)
    .openapi({ description: "The product page at the chain (https only)" }),
  stores: z.array(Store).max(200).default([]).openapi({ description: "Stores that carry it" }),
  note: z
    .string()
    .max(1000)
    .refine(plainText({ multiline: true }), PLAIN_TEXT)
    .nullable()
    .default(null),
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
