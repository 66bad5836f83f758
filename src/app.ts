import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { type AdminApi, apiDocs, createApiV1, type RetailApis } from "./api-v1.ts";
import { pages } from "./catalogue/pages.tsx";
import type { AppEnv } from "./platform/env.ts";
import { bodyCeiling } from "./platform/http/body.ts";
import { d1Delay } from "./platform/http/d1-delay.ts";
import { photos } from "./platform/http/photos.ts";
import { Problem, problemResponse } from "./platform/http/problem.ts";
import { addressRateLimit } from "./platform/http/rate-limit.ts";
import { responseCache } from "./platform/http/response-cache.ts";
import { requireSafeConfig } from "./platform/http/safe-config.ts";
import { securityHeaders } from "./platform/http/security.ts";

/** What the editor app adds to the public one (src/editor-app.ts). */
export interface EditorRoutes {
  api: AdminApi;
  /** The editor pages (/quan-tri, /en/admin), sign-in included. */
  pages: Hono<AppEnv>;
}

/**
 * The Worker's app: every middleware, the API, the API docs, photos and the pages, the editors' routes when
 * `editor` is given and the retailers' on-demand routes given in `retail`. Built several times from this one
 * function — without either for the public Worker (src/index.ts), with the editors' routes for the editor app
 * (src/editor-app.ts), with one group of retailers' routes for each retail app (src/retail-apps/) — so a path the
 * Worker hands to an on-demand app is served by exactly the middleware and error handling that served it before
 * the split.
 *
 * @example export const app = createApp({ api: adminApi, pages: editorPages })
 */
export function createApp(editor?: EditorRoutes, retail?: RetailApis) {
  const app = new Hono<AppEnv>();

  // The response cache comes first, so that what it stores is the response as the whole chain left it (security
  // headers, CORS, caching): a hit is answered with exactly those headers, by this middleware or before any routing
  // (src/index.ts). A hit is still charged to its address and refused under a refused configuration;
  // everything else is charged by the rate limit before its body is read or D1 is touched (src/platform/http/rate-limit.ts).
  app.use(
    "*",
    d1Delay(),
    responseCache(),
    securityHeaders(),
    requireSafeConfig(),
    addressRateLimit(),
    bodyCeiling(),
  );

  app.route("/api/v1", createApiV1(editor?.api, retail));
  app.get("/api/docs", apiDocs);
  app.get("/api", (c) => c.redirect("/api/docs"));
  app.route("/", photos);
  if (editor) app.route("/", editor.pages);
  app.route("/", pages);

  // Returned, not thrown: a throw here would skip the header middleware and leave the 404 without its headers.
  app.notFound((c) =>
    problemResponse(
      c,
      new Problem(404, { type: "not-found", detail: `Nothing at ${new URL(c.req.url).pathname}` }),
    ),
  );

  app.onError((err, c) => {
    if (err instanceof Problem) return problemResponse(c, err);
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
