import { createRoute, z } from "@hono/zod-openapi";
import { PROVENANCE } from "../../domain/provenance.ts";
import { CHANGE_ENTITIES, CHANGE_OPS } from "../../domain/vocabulary.ts";
import {
  Cursor,
  decimal,
  errors,
  Include,
  Lang,
  Producer,
  ProductRecord,
  problemContent,
  RecognitionItem,
} from "../../platform/http/schemas.ts";
import { ChannelListing } from "../listings/listings.schemas.ts";

const ChangesQuery = z
  .object({
    cursor: Cursor.openapi({
      description:
        "Opaque cursor: `page.next_cursor` of the previous page. Omit to start from the beginning.",
    }),
    since: Cursor.openapi({ description: "The former name of `cursor` (still accepted)", deprecated: true }),
    limit: decimal(1, 1000).default(100).openapi({
      description: "Page size, 1–1000",
      type: "integer",
      minimum: 1,
      maximum: 1000,
      default: 100,
    }),
    include: Include,
    expand: z.enum(["record"]).optional().openapi({
      description:
        "`record`: each upsert carries its entity's current `record` (as its `href` reads it; a product without what it embeds, a producer without its products), read with the page — a fresh mirror of the whole catalogue in a few requests, without a GET per entry",
    }),
    lang: Lang.openapi({ description: "Language of names and texts in `record` (with `expand=record`)" }),
  })
  .strict();

/** One entry of the change feed, as `GET /changes` lists it and a webhook delivers it. */
export const ChangeEntry = z
  .object({
    seq: z.number().int(),
    entity: z.enum(CHANGE_ENTITIES),
    key: z.string().openapi({
      description: "Slug (product, producer), id (recognition) or `channel/product` (listing)",
    }),
    op: z.enum(CHANGE_OPS).openapi({ description: "`delete` is a tombstone: remove your copy" }),
    changed_at: z.string(),
    href: z.string().nullable().openapi({ description: "Where to read the current state (upserts)" }),
    provenance: z
      .object({ record: z.enum(PROVENANCE) })
      .nullable()
      .openapi({
        description:
          "How the entity is known now (null for tombstones and deleted entities). Illustrative entities appear only with `include=illustrative`; their `href` carries it too.",
      }),
    record: z
      .union([ProductRecord, Producer, RecognitionItem, ChannelListing])
      .nullable()
      .optional()
      .openapi({
        description:
          "Only with `expand=record` (or, in a webhook delivery, an endpoint's `expand: \"record\"`): the entity's current state, by `entity` — ProductRecord, Producer, RecognitionItem (with product and producer) or ChannelListing; null for tombstones and entities since deleted. Several entries of one key carry the same (current) record.",
      }),
  })
  .openapi("Change");

const ChangeList = z
  .object({
    data: z.array(ChangeEntry),
    page: z.object({
      limit: z.number().int(),
      has_more: z.boolean(),
      next_cursor: z
        .string()
        .openapi({ description: "Always present: pass it as `cursor` now or when polling" }),
    }),
  })
  .openapi("ChangeList");

export const list = createRoute({
  method: "get",
  path: "/changes",
  operationId: "listChanges",
  security: [],
  tags: ["Retailers"],
  summary: "The change feed: products, producers, recognitions and listings, in order, with tombstones",
  description:
    "Entries in the order they were written (`seq`). Apply them in order and store `page.next_cursor` after each page: you never miss or re-apply a change. Several entries for the same key may follow each other; the last one wins. Pages like every collection (`cursor`, `limit`, `page.has_more`), except that `next_cursor` is always set: poll with it later for what comes next.",
  request: { query: ChangesQuery },
  responses: {
    200: {
      description: "A page of changes",
      headers: {
        Deprecation: {
          schema: { type: "string" as const },
          description:
            "Only when the deprecated `since` was used: when it was deprecated (RFC 9745, `@` Unix time); use `cursor`",
        },
        Sunset: {
          schema: { type: "string" as const },
          description: "Only with `since`: the date after which `since` may stop working (RFC 8594)",
        },
      },
      content: { "application/json": { schema: ChangeList } },
    },
    410: {
      description:
        "The catalogue was restored from a backup after the cursor was issued, or the cursor was signed with a key the server no longer holds (its cursor secret was rotated and the overlap has ended): read the feed again from the beginning (without `cursor`) and replace your copy",
      content: problemContent,
    },
    ...errors,
  },
});
export type ListRoute = typeof list;
