import type { MiddlewareHandler } from "hono";
import { CATALOGUE_VERSION, toStatement } from "../db/client.ts";
import type { AppEnv } from "../env.ts";
import { noneMatchHits } from "../lib/entity-tags.ts";

/** An id of the deployed build (set by scripts/build.ts), so that a deploy that changes responses changes ETags. */
declare const __BUILD_ID__: string | undefined;
const BUILD = typeof __BUILD_ID__ === "undefined" ? "src" : __BUILD_ID__;

/**
 * The ETag of every catalogue response at a data version and epoch (the epoch changes on every restore, so a tag
 * from before a restore never matches the restored data, whatever its version number).
 */
export const catalogueTag = (version: number, epoch: number) => `W/"${BUILD}.${epoch}.${version}"`;

/**
 * ETags for catalogue reads, derived from the catalogue's data version (a counter bumped by triggers on every
 * write; migration catalogue_version_triggers) instead of a hash of the body. The version is read in the same
 * batch as the handler's data (see countedD1), so the tag never claims newer data than the response holds and a
 * conditional GET costs one D1 round trip like any other: the handler runs, then a current `If-None-Match` turns
 * its 200 into a 304 without a body (the saving is the transfer). Reading the version first, to skip the query,
 * would cost a second round trip whenever the tag is stale. An ETag set by the handler (a single resource's own
 * version) is kept, and If-None-Match is checked against it. Needs `d1Session()` before it.
 *
 * @example api.use("*", publicCache(60), d1Session(), catalogueETag())
 */
export function catalogueETag(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method !== "GET" && c.req.method !== "HEAD") return next();
    await next();
    if (c.res.status !== 200) return;
    const d1 = c.get("d1");
    // A handler may tag its resource itself (a listing's version, for If-Match); that tag is kept and honoured.
    let tag = c.res.headers.get("etag");
    if (tag === null) {
      // Only a handler that read nothing in a batch lacks the version; it is read then (never for a data read).
      if (d1.catalogueVersion !== null) tag = catalogueTag(d1.catalogueVersion, d1.catalogueEpoch ?? 0);
      else {
        const row = await toStatement(d1, CATALOGUE_VERSION).first<{ version: number; epoch: number }>();
        tag = row ? catalogueTag(row.version, row.epoch) : null;
      }
      if (tag === null) return;
      c.header("etag", tag);
    }
    const ifNoneMatch = c.req.header("if-none-match");
    if (ifNoneMatch && noneMatchHits(ifNoneMatch, tag)) {
      const kept = ["cache-control", "content-location", "date", "etag", "expires", "vary"];
      const headers = new Headers();
      for (const h of kept) {
        const v = c.res.headers.get(h);
        if (v !== null) headers.set(h, v);
      }
      await c.res.body?.cancel();
      c.res = new Response(null, { status: 304, headers });
    }
  };
}

/** Public, revalidated caching for successful GETs (and their 304s); errors are never cached. */
export function publicCache(maxAge = 60): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const ok = c.res.status === 200 || c.res.status === 304;
    if (c.req.method === "GET" && ok && !c.res.headers.has("cache-control")) {
      c.header("cache-control", `public, max-age=${maxAge}, stale-while-revalidate=600`);
    }
  };
}
