import type { OpenAPIHono } from "@hono/zod-openapi";
import { channelsApi } from "./catalogue/channels/index.ts";
import { kindsApi } from "./catalogue/kinds/index.ts";
import { producersApi } from "./catalogue/producers/index.ts";
import { productsApi } from "./catalogue/products/index.ts";
import { programmeApi } from "./catalogue/programme/index.ts";
import { recognitionsApi } from "./catalogue/recognitions/index.ts";
import { enquiriesApi } from "./enquiries/api.ts";
import { withExamples } from "./openapi/examples.ts";
import type { AppEnv } from "./platform/env.ts";
import { createRouter } from "./platform/http/create-app.ts";
import { BOOKMARK_HEADER, d1Session, ROUND_TRIPS_HEADER } from "./platform/http/d1-session.ts";
import { catalogueETag, publicCache } from "./platform/http/etag.ts";
import { cacheable } from "./platform/http/response-cache.ts";
import { publicReadCors } from "./platform/http/security.ts";

/** The editors' API, mounted at /api/v1/admin in the editor app only (src/editor-app.ts). */
export interface AdminApi {
  routes: OpenAPIHono<AppEnv>;
  /** Its security scheme in the OpenAPI document. */
  securityScheme: { type: "http"; scheme: string; description: string };
}

/**
 * Retailers' routes the public Worker loads on demand, each by its path (src/index.ts), each from an app module of
 * its own (src/retail-apps/): a channel's listings (/channels/{channel}/listings…), the change feed (/changes), the
 * full feeds (/feeds/…) and a channel's webhook endpoints (/channels/{channel}/webhooks…).
 */
export interface RetailApis {
  listings?: OpenAPIHono<AppEnv>;
  changes?: OpenAPIHono<AppEnv>;
  feeds?: OpenAPIHono<AppEnv>;
  webhooks?: OpenAPIHono<AppEnv>;
}

/**
 * The versioned JSON API, mounted at /api/v1: the public routes, the retailers' on-demand routes given in `retail`
 * and the editors' routes when `admin` is given (src/editor-app.ts). The public Worker builds it without either
 * (src/index.ts loads those apps on demand); the OpenAPI document describes the API with all of them
 * (src/api-whole.ts).
 */
export function createApiV1(admin?: AdminApi, retail: RetailApis = {}) {
  const api = createRouter();
  api.use(
    "*",
    publicReadCors({
      allowHeaders: ["If-None-Match", BOOKMARK_HEADER],
      exposeHeaders: ["ETag", BOOKMARK_HEADER, ROUND_TRIPS_HEADER],
    }),
  );
  api.use("*", publicCache(60), cacheable(), d1Session(), catalogueETag());
  api.route("/", productsApi);
  api.route("/", producersApi);
  api.route("/", channelsApi);
  api.route("/", recognitionsApi);
  api.route("/", programmeApi);
  api.route("/", kindsApi);
  api.route("/", enquiriesApi);
  // Each where the public app had it before the split, so that the document lists the paths in the same order.
  if (retail.listings) api.route("/", retail.listings);
  if (retail.changes) api.route("/", retail.changes);
  if (retail.feeds) api.route("/", retail.feeds);
  if (retail.webhooks) api.route("/", retail.webhooks);
  if (admin) api.route("/admin", admin.routes);

  api.openAPIRegistry.registerComponent("securitySchemes", "RetailerKey", {
    type: "http",
    scheme: "bearer",
    description:
      "A retail channel's API key (`cnnt_…`), made by an operator with `npm run key:create -- --channel <slug>`. It can write that channel's listings and manage its webhook endpoints, and nothing else.",
  });
  if (admin) api.openAPIRegistry.registerComponent("securitySchemes", "EditorToken", admin.securityScheme);

  if (typeof __OPENAPI_ASSET__ === "undefined")
    // Tests and Node: the document is generated on request, from the whole API (src/api-whole.ts, loaded here on
    // demand), so that every app's document describes the whole API.
    api.get("/openapi.json", async (c) => {
      const full = (await import("./api-whole.ts")).apiV1;
      return c.json(withExamples(full.getOpenAPI31Document(OPENAPI_CONFIG)));
    });
  else {
    const path = __OPENAPI_ASSET__;
    api.get("/openapi.json", async (c) => {
      const asset = await c.env.ASSETS?.fetch(new URL(path, c.req.url));
      if (!asset?.ok) throw new Error(`OpenAPI document missing from the assets (${path})`);
      return c.body(await asset.text(), 200, { "content-type": "application/json" });
    });
  }
  return api;
}

/** What the OpenAPI document says about the API besides its routes. */
export const OPENAPI_CONFIG = {
  openapi: "3.1.0",
  info: {
    title: "Cao Bằng CNNT catalogue API",
    version: "1.0.0",
    // No licence has been granted yet: the operator decides (an SPDX id or a terms page belongs here then).
    license: { name: "Proprietary: no licence granted yet", identifier: "LicenseRef-Proprietary" },
    // The operators publish no address yet; integrators reach them through the site that serves this document.
    contact: { name: "The catalogue's operators, through the site that serves this document" },
    description:
      "Recognized rural-industry (CNNT) products of Cao Bằng province: products, producers, recognitions (CNNT-TB tiers, OCOP stars), retail channel listings and the khuyến công programme. Every record carries its source URLs and a `provenance` (sourced, inferred or illustrative, per record and per field). Illustrative records and values are left out unless `include=illustrative` is given; then each is marked. Errors are RFC 9457 `application/problem+json`. Successful GETs carry an ETag and honour `If-None-Match`.",
  },
  servers: [{ url: "/api/v1" }],
  tags: [
    { name: "Catalogue", description: "Products, producers and retail channels" },
    { name: "Recognition", description: "Recognitions and the khuyến công programme" },
    {
      name: "Retailers",
      description:
        "Retail chains keep their listings current (API key per channel) and mirror the catalogue (change feed, full feeds). Anonymous calls are rate-limited per address, keyed calls per key: 429 with Retry-After.",
    },
    {
      name: "Webhooks",
      description:
        "A channel's key registers https endpoints that receive the change feed as it happens, signed per Standard Webhooks, so a chain need not poll. Each delivery carries the feed entry and its cursor.",
    },
    {
      name: "Enquiries",
      description:
        "Buyers ask producers about real products through the province's trade-promotion centre. The enquirer's contact is never published (docs/enquiries.md).",
    },
    {
      name: "Editors",
      description:
        "The province's editors keep the catalogue: drafts, publishing, CSV import/export, photos and the audit trail (editor tokens only).",
    },
  ],
};

/** The static file the build (scripts/build.ts) wrote the document of these routes to; undefined in tests and Node. */
declare const __OPENAPI_ASSET__: string | undefined;

export { apiDocs } from "./openapi/docs-page.ts";
