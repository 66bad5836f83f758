import type { Context } from "hono";
import type { AppEnv } from "../../platform/env.ts";
import type { AppRouteHandler } from "../../platform/http/create-app.ts";
import { type FeedRow, productFeed } from "./feeds.queries.ts";
import type { CsvRoute, NdjsonRoute } from "./feeds.routes.ts";
import { CSV, EXCEL_CSV, type FeedFormat, NDJSON } from "./feeds.serialise.ts";

/** Rows written per chunk of the streamed body. */
const SLICE = 200;

/**
 * The feed's body, a slice of rows at a time, as UTF-8. A plain ReadableStream, not Hono's `stream()` helper:
 * that helper would add about 0.6 KiB gzip to a Worker at its budget, for the same pull-based stream.
 */
function body(rows: FeedRow[], format: FeedFormat) {
  const enc = new TextEncoder();
  let i = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (format.header !== null) controller.enqueue(enc.encode(format.header));
    },
    pull(controller) {
      const slice = rows.slice(i, i + SLICE);
      i += slice.length;
      if (slice.length) controller.enqueue(enc.encode(slice.map(format.line).join("")));
      if (i >= rows.length) controller.close();
    },
  });
}

/**
 * The whole catalogue in a format, streamed; 304 when the change feed has not moved since the client's copy.
 * Real products only unless `include=illustrative` (which has its own ETag).
 */
async function feed(c: Context<AppEnv>, format: FeedFormat) {
  const include = c.req.query("include") === "illustrative";
  const { rows, position } = await productFeed(c.get("d1"), include);
  const etag = `"feed-${format.tag}${include ? "-all" : ""}-${position}"`;
  if (c.req.header("if-none-match")?.includes(etag))
    return new Response(null, { status: 304, headers: { etag } });
  return new Response(body(rows, format), {
    status: 200,
    headers: {
      etag,
      "cache-control": "public, max-age=300",
      "content-type": format.contentType,
      "content-disposition": `inline; filename="cnnt-products.${format.kind}"`,
    },
  });
}

export const csv: AppRouteHandler<CsvRoute> = (c) =>
  feed(c, c.req.valid("query").dialect === "excel" ? EXCEL_CSV : CSV) as never;
export const ndjson: AppRouteHandler<NdjsonRoute> = (c) => feed(c, NDJSON) as never;
