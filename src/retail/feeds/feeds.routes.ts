import { createRoute, z } from "@hono/zod-openapi";
import { errors, Include, notModified } from "../../platform/http/schemas.ts";
import { FEED_COLUMNS } from "./feeds.queries.ts";

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
    200: { description: "CSV", content: { "text/csv": { schema: z.string() } } },
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
      description: "NDJSON, one product object per line",
      content: { "application/x-ndjson": { schema: z.string() } },
    },
    ...notModified,
    429: errors[429],
  },
});
export type CsvRoute = typeof csv;
export type NdjsonRoute = typeof ndjson;
