import { createRoute, z } from "@hono/zod-openapi";
import { FEED_COLUMNS } from "../../db/queries/feeds.ts";
import { errors, notModified } from "../schemas.ts";

const feedDescription = `Every product, one row each, sorted by slug. Columns (stable; new ones are only appended): ${FEED_COLUMNS.join(", ")}. \`channels\` is a \`;\`-separated list of channel slugs; \`tier\` is the highest CNNT-TB level. UTF-8; the ETag changes whenever the change feed moves.`;
export const csv = createRoute({
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
export const ndjson = createRoute({
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
export type CsvRoute = typeof csv;
export type NdjsonRoute = typeof ndjson;
