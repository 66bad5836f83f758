// The Worker. Shoppers' and retailers' requests are served by the public app; a request for an editor path loads
// the editor app (src/editor-app.ts: the same app with the editors' routes), and one for a retailer's listings,
// the change feed, the full feeds or a channel's webhooks the retail app for those routes (src/retail-apps/: the
// same app with them), on first use, each a separate module of the deployed Worker (scripts/build.ts splits them
// out), so shoppers' requests load none of them and each request at most one.
import { getPath } from "hono/utils/url";
import { createApp } from "./app.ts";
import type { Env, WebhookMessage } from "./platform/env.ts";
import { benchFloor } from "./platform/http/bench-floor.ts";
import { cachedAnswer } from "./platform/http/response-cache.ts";
import { nudgeFanOut } from "./retail/webhooks/nudge.ts";

const publicApp = createApp();

/**
 * Paths the editor app serves: the editors' API, their pages (Vietnamese and English) and sign-in. Matched on the
 * decoded path, as Hono's router sees it, so that no spelling of an editor path reaches the public app's 404.
 */
export const EDITOR_PATH = /^\/(?:quan-tri|en\/admin|api\/v1\/admin)(?:\/|$)/;

/** Paths each retail app serves (src/retail-apps/), matched on the decoded path as EDITOR_PATH is. */
export const RETAIL_PATHS = {
  listings: /^\/api\/v1\/channels\/[^/]+\/listings(?:\/|$)/,
  changes: /^\/api\/v1\/changes(?:\/|$)/,
  feeds: /^\/api\/v1\/feeds(?:\/|$)/,
  webhooks: /^\/api\/v1\/channels\/[^/]+\/webhooks(?:\/|$)/,
};

type App = ReturnType<typeof createApp>;

/** Imports an on-demand app on first use; a failed load is retried by the next request rather than remembered. */
function onDemand(load: () => Promise<{ app: App }>) {
  let app: Promise<App> | undefined;
  return () => {
    app ??= load().then(
      (m) => m.app,
      (err) => {
        app = undefined;
        throw err;
      },
    );
    return app;
  };
}
const editorApp = onDemand(() => import("./editor-app.ts"));
// Literal import() paths, one per app, so that the build makes each a chunk of its own.
const retailApps = [
  [RETAIL_PATHS.listings, onDemand(() => import("./retail-apps/listings.ts"))],
  [RETAIL_PATHS.changes, onDemand(() => import("./retail-apps/changes.ts"))],
  [RETAIL_PATHS.feeds, onDemand(() => import("./retail-apps/feeds.ts"))],
  [RETAIL_PATHS.webhooks, onDemand(() => import("./retail-apps/webhooks.ts"))],
] as const;

/** The Worker: HTTP (either app), the webhooks queue consumer (and its dead-letter queue) and the cron behind it. */
export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    // `npm run bench:profile` only (dev-tools builds): the cheapest responses a Worker can give.
    const floor = benchFloor(request, env);
    if (floor) return floor;
    // A repeat read the cache holds (the isolate's LRU, else the Cache API) is answered here, before any routing or
    // middleware: the entry carries every header the whole chain gave the response (security headers, CORS,
    // caching). It is still charged to its caller's address, and a refused configuration answers nothing from it.
    const hit = await cachedAnswer(request, env, ctx);
    if (hit) return hit;
    const path = getPath(request);
    const retail = retailApps.find(([paths]) => paths.test(path))?.[1];
    const app = EDITOR_PATH.test(path) ? await editorApp() : retail ? await retail() : publicApp;
    const res = await app.fetch(request, env, ctx);
    // A successful write (a retailer's or an editor's) nudges the webhook fan-out: a queue message after the
    // response, no D1 work here (src/retail/webhooks/fanout.ts).
    nudgeFanOut(env, request.method, res.status, ctx);
    return res;
  },
  // The consumer (fan-out, delivery, the sender guard) is loaded only when the queue or the cron runs it: no
  // shopper's or retailer's request carries it.
  queue: async (batch, env) => (await import("./retail/webhooks/queue.ts")).handleQueue(batch, env),
  scheduled: (_controller, env, ctx) =>
    ctx.waitUntil(import("./retail/webhooks/queue.ts").then((m) => m.handleScheduled(env))),
} satisfies ExportedHandler<Env, WebhookMessage>;

/** The whole app's type (editors' routes included), for typed clients. */
export type AppType = typeof import("./editor-app.ts").app;
