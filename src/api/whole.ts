// The whole API — public, retailers' on-demand and editors' routes — as one router: what the OpenAPI document
// describes. The Worker serves these routes from several apps (src/index.ts: the public app, and the retail and
// editor apps loaded on demand); the document is generated from this module, at build time (scripts/build.ts,
// scripts/lib/openapi.ts) and, in tests and Node, on request (src/api/index.ts). The deployed Worker never loads it.
import { admin } from "../editor-app.ts";
import { changesApi } from "./changes/index.ts";
import { feedsApi } from "./feeds/index.ts";
import { createApiV1 } from "./index.ts";
import { listingsApi } from "./listings/index.ts";
import { webhooksApi } from "./webhooks/index.ts";

/** The whole API, mounted at /api/v1 in the document. */
export const apiV1 = createApiV1(admin, {
  listings: listingsApi,
  changes: changesApi,
  feeds: feedsApi,
  webhooks: webhooksApi,
});
