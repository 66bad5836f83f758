import type { Context } from "hono";
import { stream } from "hono/streaming";
import { productFeed } from "../../db/queries/feeds.ts";
import type { AppEnv } from "../../env.ts";
import type { AppRouteHandler } from "../../http/create-app.ts";
import type { CsvRoute, NdjsonRoute } from "./feeds.routes.ts";
import { CSV, type FeedFormat, NDJSON } from "./feeds.serialise.ts";

/** Rows written per chunk of the streamed body. */
const SLICE = 200;

/** The whole catalogue in a format, streamed a slice at a time; 304 when the change feed has not moved. */
async function feed(c: Context<AppEnv>, format: FeedFormat) {
  const { rows, position } = await productFeed(c.get("d1"));
  const etag = `"feed-${format.kind}-${position}"`;
  if (c.req.header("if-none-match")?.includes(etag))
    return new Response(null, { status: 304, headers: { etag } });
  c.header("etag", etag);
  c.header("cache-control", "public, max-age=300");
  c.header("content-type", format.contentType);
  c.header("content-disposition", `inline; filename="cnnt-products.${format.kind}"`);
  return stream(c, async (s) => {
    if (format.header !== null) await s.write(format.header);
    for (let i = 0; i < rows.length; i += SLICE)
      await s.write(
        rows
          .slice(i, i + SLICE)
          .map(format.line)
          .join(""),
      );
  });
}

export const csv: AppRouteHandler<CsvRoute> = (c) => feed(c, CSV) as never;
export const ndjson: AppRouteHandler<NdjsonRoute> = (c) => feed(c, NDJSON) as never;
