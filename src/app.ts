import type { OpenAPIHono } from "@hono/zod-openapi";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "./platform/env.ts";
import { apiDocs } from "./platform/http/api-docs.ts";
import { bodyCeiling } from "./platform/http/body.ts";
import { createRouter } from "./platform/http/create-app.ts";
import { BOOKMARK_HEADER, d1Session, ROUND_TRIPS_HEADER } from "./platform/http/d1-session.ts";
import { catalogueETag, publicCache } from "./platform/http/etag.ts";
import { photos } from "./platform/http/photos.ts";
import { Problem, problemOf, problemResponse } from "./platform/http/problem.ts";
import { problemTypePage } from "./platform/http/problem-pages.ts";
import { addressRateLimit } from "./platform/http/rate-limit.ts";
import { cacheable, responseCache } from "./platform/http/response-cache.ts";
import type { RouteGroup } from "./platform/http/route-group.ts";
import { requireSafeConfig } from "./platform/http/safe-config.ts";
import { publicReadCors, securityHeaders } from "./platform/http/security.ts";
import type { RouteEntry } from "./routes.ts";

/** A loaded group of the route manifest (src/routes.ts), with its line's audience. */
export type AppGroup = RouteGroup & Pick<RouteEntry, "audience">;

/** How /api/v1/openapi.json is answered where the build has not written the document (tests, Node). */
export interface AppOptions {
  /** The whole API's document, generated on request (src/openapi/document.ts). */
  document?: () => Promise<unknown>;
}

/**
 * The Worker's app: every middleware, the API, the API docs, photos and the pages of the groups given, in the
 * manifest's order (src/routes.ts). The Worker builds one for the public groups and one for each on-demand group
 * with the public ones (src/index.ts), so a path it hands to an on-demand group is served by exactly the same
 * middleware and error handling.
 *
 * @example const app = createApp([{ ...catalogue, audience: "public" }])
 */
export function createApp(groups: readonly AppGroup[], options: AppOptions = {}) {
  const app = new Hono<AppEnv>();

  // The response cache comes first, so that what it stores is the response as the whole chain left it (security
  // headers, CORS, caching): a hit is answered with exactly those headers, by this middleware or before any routing
  // (src/index.ts). A hit is still charged to its address and refused under a refused configuration;
  // everything else is charged by the rate limit before its body is read or D1 is touched (src/platform/http/rate-limit.ts).
  app.use("*", responseCache(), securityHeaders(), requireSafeConfig(), addressRateLimit(), bodyCeiling());

  app.route("/api/v1", createApi(groups, options));
  app.get("/api/docs", apiDocs);
  app.get("/api", (c) => c.redirect("/api/docs"));
  app.get("/problems", problemTypePage);
  app.get("/problems/:type", problemTypePage);
  app.route("/", photos);
  // The public pages answer every other GET (the site's 404 page): the on-demand groups' pages go first.
  for (const g of groups) if (g.pages && g.audience !== "public") app.route("/", g.pages);
  for (const g of groups) if (g.pages && g.audience === "public") app.route("/", g.pages);

  // Returned, not thrown: a throw here would skip the header middleware and leave the 404 without its headers.
  app.notFound((c) =>
    problemResponse(
      c,
      new Problem(404, { type: "not-found", detail: `Nothing at ${new URL(c.req.url).pathname}` }),
    ),
  );

  app.onError((err, c) => {
    const problem = problemOf(err);
    if (problem) return problemResponse(c, problem);
    // Hono's own 4xx (e.g. malformed JSON in a request body) in the one error shape.
    if (err instanceof HTTPException && err.status < 500) {
      return problemResponse(
        c,
        new Problem(err.status, {
          detail: err.message,
          invalid_params: [{ name: "(body)", reason: err.message }],
        }),
      );
    }
    console.error("unhandled error", err instanceof Error ? (err.stack ?? err.message) : String(err));
    return problemResponse(
      c,
      new Problem(500, { detail: "An unexpected error occurred; it has been logged." }),
    );
  });
  return app;
}

/**
 * The document's `servers` as generated (src/openapi/config.ts): the origin is a variable, because the document is
 * built before it is deployed. The Worker serves it with its own origin, the one the client reached, in its place,
 * so the server URL a client reads is absolute and true wherever the Worker runs.
 */
export const DOCUMENT_SERVERS = [
  {
    url: "{origin}/api/v1",
    description: "This catalogue",
    variables: {
      origin: { default: "http://localhost:8787", description: "The origin that serves this document" },
    },
  },
];
const servedServers = (url: string) => [
  { url: `${new URL(url).origin}/api/v1`, description: DOCUMENT_SERVERS[0]?.description },
];

/** The static file the build (scripts/build.ts) wrote the document to; undefined in tests and Node. */
declare const __OPENAPI_ASSET__: string | undefined;

/**
 * The versioned JSON API, mounted at /api/v1: the groups' routers in the manifest's order (the OpenAPI document
 * lists the paths in that order) and the document itself.
 */
export function createApi(groups: readonly RouteGroup[], options: AppOptions = {}): OpenAPIHono<AppEnv> {
  const api = createRouter();
  api.use(
    "*",
    publicReadCors({
      allowHeaders: ["If-None-Match", BOOKMARK_HEADER],
      exposeHeaders: ["ETag", BOOKMARK_HEADER, ROUND_TRIPS_HEADER],
    }),
  );
  api.use("*", publicCache(60), cacheable(), d1Session(), catalogueETag());
  for (const g of groups) for (const r of g.api ?? []) api.route(r.at ?? "/", r.routes);

  if (typeof __OPENAPI_ASSET__ !== "undefined") {
    const path = __OPENAPI_ASSET__;
    api.get("/openapi.json", async (c) => {
      const asset = await c.env.ASSETS?.fetch(new URL(path, c.req.url));
      if (!asset?.ok) throw new Error(`OpenAPI document missing from the assets (${path})`);
      const text = (await asset.text()).replace(
        `"servers":${JSON.stringify(DOCUMENT_SERVERS)}`,
        `"servers":${JSON.stringify(servedServers(c.req.url))}`,
      );
      return c.body(text, 200, { "content-type": "application/json" });
    });
  } else if (options.document) {
    const document = options.document;
    // Tests and Node: generated on request from the whole API, so that every app serves the whole API's document.
    api.get("/openapi.json", async (c) => {
      const doc = (await document()) as object;
      return c.json({ ...doc, servers: servedServers(c.req.url) });
    });
  }
  return api;
}
