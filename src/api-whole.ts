// The whole API — public, retailers' on-demand and editors' routes — as one router: what the OpenAPI document
// describes. The Worker serves these routes from several apps (src/index.ts: the public app, and the retail and
// editor apps loaded on demand); the document is generated from this module, at build time (scripts/build.ts,
// scripts/lib/openapi.ts) and, in tests and Node, on request (src/api-v1.ts). The deployed Worker never loads it.

import { createApiV1 } from "./api-v1.ts";
import { admin } from "./editor-app.ts";
import { changesApi } from "./retail/changes/index.ts";
import { feedsApi } from "./retail/feeds/index.ts";
import { listingsApi } from "./retail/listings/index.ts";
import { webhooksApi } from "./retail/webhooks/index.ts";

/** The whole API, mounted at /api/v1 in the document. */
export const apiV1 = createApiV1(admin, {
  listings: listingsApi,
  changes: changesApi,
  feeds: feedsApi,
  webhooks: webhooksApi,
});
