import { createRoute, z } from "@hono/zod-openapi";
import { PROVENANCE } from "../../domain/provenance.ts";
import { CNNT_LEVELS, PRODUCT_GROUPS } from "../../domain/vocabulary.ts";
import { errors, Include, notModified } from "../../platform/http/schemas.ts";
import { FEED_COLUMNS } from "./feeds.queries.ts";

/** A value's state in its `<column>_provenance` cell: empty when the value is empty or sourced. */
const ValueState = z.enum(["", "inferred", "illustrative"]);
/**
 * One row of the feeds: a line of the NDJSON feed as is, a line of the CSV with every value as text (empty for
 * null, `true`/`false`), in this order. Keyed by FEED_COLUMNS, so a column added there must be described here.
 */
const rowShape = {
  slug: z.string(),
  name_vi: z.string(),
  name_en: z.string(),
  category_vi: z.string(),
  category_en: z.string(),
  product_group: z.enum(PRODUCT_GROUPS),
  tier: z.enum(CNNT_LEVELS).nullable().openapi({ description: "Highest CNNT-TB level" }),
  ocop_stars: z.number().int().nullable().openapi({ description: "Highest OCOP stars a source states" }),
  price_from_vnd: z.number().int().nullable(),
  producer_slug: z.string(),
  producer_name: z.string(),
  district: z.string().nullable().openapi({ description: "The former district (before the 2025 reform)" }),
  province: z.string(),
  channels: z.string().openapi({ description: "`;`-separated channel slugs; empty when none" }),
  image: z.string().nullable(),
  sample: z.boolean(),
  updated_at: z.string(),
  provenance: z.enum(PROVENANCE).openapi({ description: "The row's state" }),
  price_from_vnd_provenance: ValueState,
  district_provenance: ValueState,
  channels_provenance: ValueState,
  ocop: z.boolean(),
} satisfies Record<(typeof FEED_COLUMNS)[number], z.ZodType>;
export const ProductFeedRow = z
  .object(rowShape)
  .openapi("ProductFeedRow", { description: "One product of the full feeds" });

// Spread into both routes. As a description key, its text stays out of the Worker build (scripts/build.ts).
const feedDoc = {
  description: `Every product, one row each, sorted by slug. Columns (stable; new ones are only appended): ${FEED_COLUMNS.join(", ")}. \`channels\` is a \`;\`-separated list of channel slugs; \`tier\` is the highest CNNT-TB level; \`district\` is the former district (before the 1 July 2025 reform). \`ocop\` (appended last) is true when the product holds an OCOP certification, whether or not a source states its stars (\`ocop_stars\` is then empty in the CSV, null in NDJSON). \`provenance\` is the row's state (sourced, inferred, illustrative); each \`<column>_provenance\` names the state of that value when it is not sourced. By default illustrative products and listings are left out and illustrative values (e.g. a price from illustrative pack prices) are empty; \`include=illustrative\` adds them, marked. UTF-8; the ETag changes whenever the change feed moves.`,
};
const FeedQuery = z.object({ include: Include });
const CsvQuery = FeedQuery.extend({
  dialect: z.enum(["rfc4180", "excel"]).default("rfc4180").openapi({
    description:
      "`excel`: a UTF-8 byte order mark and `;` between fields, so that Excel on a Windows machine set to Vietnamese opens the file by double-click with the letters and columns right (fields holding `;` are quoted). `rfc4180` (default): commas, no byte order mark.",
  }),
});
export const csv = createRoute({
  method: "get",
  path: "/feeds/products.csv",
  operationId: "getProductFeedCsv",
  security: [],
  tags: ["Retailers"],
  summary: "The whole catalogue as CSV (RFC 4180, header row; `dialect=excel` for Excel)",
  ...feedDoc,
  request: { query: CsvQuery },
  responses: {
    200: {
      description:
        "CSV: a header row, then one `ProductFeedRow` a line with its fields in column order (null as empty; `dialect=excel`: `;` between fields and a byte order mark)",
      content: {
        "text/csv": {
          schema: z.string().openapi({ description: `Columns: ${FEED_COLUMNS.join(", ")}` }),
        },
      },
    },
    ...notModified,
    429: errors[429],
  },
});
export const ndjson = createRoute({
  method: "get",
  path: "/feeds/products.ndjson",
  operationId: "getProductFeedNdjson",
  security: [],
  tags: ["Retailers"],
  summary: "The whole catalogue as newline-delimited JSON",
  ...feedDoc,
  request: { query: FeedQuery },
  responses: {
    200: {
      description: "NDJSON, one `ProductFeedRow` object per line",
      content: {
        "application/x-ndjson": {
          // Each line's schema (ProductFeedRow) is named by the document (src/openapi/document.ts).
          schema: z.string().openapi({ description: "One `ProductFeedRow` (JSON) per line" }),
        },
      },
    },
    ...notModified,
    429: errors[429],
  },
});
export type CsvRoute = typeof csv;
export type NdjsonRoute = typeof ndjson;
