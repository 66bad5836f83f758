// The plain tables' records as the admin API and the editor pages take them (zod: validation and the OpenAPI
// schemas): channels, listings, support projects and programme figures, and what an editor may change when checking
// a listing.
import { z } from "@hono/zod-openapi";
import { PROVENANCE, QUALIFIERS } from "../../domain/provenance.ts";
import { CHANNEL_KINDS, FUNDS, LISTING_STATUSES } from "../../domain/vocabulary.ts";
import { httpsUrl, longText, optionalText, RESERVED_SLUGS, slugSchema, text, year } from "../schemas.ts";

export const PLAIN_ENTITIES = ["channel", "listing", "support_project", "programme_figure"] as const;
export type PlainEntity = (typeof PLAIN_ENTITIES)[number];

const provenance = z.enum(PROVENANCE).default("sourced").openapi({
  description:
    "How the catalogue knows the record: sourced (a cited source states it), inferred, or illustrative (made up to show what the catalogue can hold; shown as such everywhere)",
});
const figureKey = z
  .string()
  .max(80)
  .regex(/^[a-z0-9]+(?:_[a-z0-9]+)*$/, "must be lowercase letters, digits and underscores")
  .refine((s) => !RESERVED_SLUGS.has(s), "is reserved (a path of the editor pages)");
const isoDate = z.iso.date("must be a date (YYYY-MM-DD)").nullable().default(null);

export const ChannelRecord = z
  .object({
    slug: slugSchema,
    name: text(200),
    kind: z.enum(CHANNEL_KINDS),
    website: httpsUrl.nullable().default(null),
    description_vi: longText(5000),
    description_en: longText(5000),
    sources: z.array(httpsUrl).max(20).default([]),
    provenance,
  })
  .strict()
  .openapi("EditorChannel");
export type ChannelRecord = z.infer<typeof ChannelRecord>;

const Store = z.object({ name: text(200), city: text(120), province: text(120) }).strict();
export const ListingRecord = z
  .object({
    channel: slugSchema.openapi({ description: "The channel's slug" }),
    product: slugSchema.openapi({ description: "The product's slug" }),
    status: z.enum(LISTING_STATUSES),
    price_vnd: z.number().int().min(0).max(1_000_000_000).nullable().default(null),
    channel_sku: optionalText(80),
    url: httpsUrl.nullable().default(null),
    stores: z.array(Store).max(50).default([]),
    note: optionalText(1000),
    last_verified: isoDate.openapi({ description: "When someone last checked the listing (YYYY-MM-DD)" }),
    source_url: httpsUrl.nullable().default(null),
    provenance,
  })
  .strict()
  .openapi("EditorListing");
export type ListingRecord = z.infer<typeof ListingRecord>;

export const SupportProjectRecord = z
  .object({
    producer: slugSchema.nullable().default(null).openapi({ description: "The supported producer's slug" }),
    year: year.nullable().default(null),
    fund: z.enum(FUNDS),
    amount_vnd: z.number().int().min(0).max(1_000_000_000_000).nullable().default(null),
    title_vi: text(300),
    title_en: text(300),
    kind: optionalText(120),
    source_url: httpsUrl,
    provenance,
  })
  .strict()
  .openapi("EditorSupportProject");
export type SupportProjectRecord = z.infer<typeof SupportProjectRecord>;

export const ProgrammeFigureRecord = z
  .object({
    key: figureKey,
    group_key: figureKey,
    label_vi: text(300),
    label_en: text(300),
    value: z.number().finite().min(0),
    unit: z.enum(["projects", "vnd", "facilities", "products"]),
    fund: z.enum(["national", "local", "total"]).nullable().default(null),
    period: text(40),
    qualifier: z.enum(QUALIFIERS).nullable().default(null).openapi({
      description: "The source's hedge on the value (more than, nearly, about); null when exact",
    }),
    source_url: httpsUrl,
    provenance,
  })
  .strict()
  .openapi("EditorProgrammeFigure");
export type ProgrammeFigureRecord = z.infer<typeof ProgrammeFigureRecord>;

/** What an editor (not only a publisher) may change on a listing: checking it is the review queue's task. */
export const ListingCheck = z
  .object({
    note: optionalText(1000).optional(),
    source_url: httpsUrl.nullable().optional(),
  })
  .strict()
  .openapi("EditorListingCheck");

export const PLAIN_SCHEMAS = {
  channel: ChannelRecord,
  listing: ListingRecord,
  support_project: SupportProjectRecord,
  programme_figure: ProgrammeFigureRecord,
} as const;
export type PlainRecordOf<E extends PlainEntity> = z.infer<(typeof PLAIN_SCHEMAS)[E]>;

/** Fields of a listing its channel's retailer key owns. */
export const RETAILER_FIELDS = ["status", "price_vnd", "channel_sku", "url", "stores"] as const;
