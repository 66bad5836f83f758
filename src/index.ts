// The Worker. A request goes to the group of routes whose prefixes claim its path (src/routes.ts, the route
// manifest), served by an app of the public groups and that group, loaded on first use; every other request to the
// app of the public groups alone. The on-demand groups are each a module of their own in the deployed Worker
// (scripts/build.ts splits them out), so shoppers' requests load none of them and each request at most one.
import { getPath } from "hono/utils/url";
import { createApp } from "./app.ts";
import type { Env, WebhookMessage } from "./platform/env.ts";
import { cachedAnswer } from "./platform/http/response-cache.ts";
import { nudgeFanOut } from "./retail/webhooks/nudge.ts";
import { claims, ROUTES, type RouteEntry } from "./routes.ts";

type App = ReturnType<typeof createApp>;

/** The build's document of the API (scripts/build.ts); undefined in tests and Node, which generate it on request. */
declare const __OPENAPI_ASSET__: string | undefined;
const document =
  typeof __OPENAPI_ASSET__ === "undefined"
    ? async () => (await import("./openapi/document.ts")).openApiDocument()
    : undefined;

const onDemand = ROUTES.filter((r) => r.audience !== "public");
const apps = new Map<RouteEntry | undefined, Promise<App>>();

/**
 * The app serving an on-demand group (with the public ones, in the manifest's order), or the public groups alone;
 * made on first use. A failed load is retried by the next request rather than remembered.
 */
function appFor(entry: RouteEntry | undefined): Promise<App> {
  let app = apps.get(entry);
  if (!app) {
    const lines = ROUTES.filter((r) => r.audience === "public" || r === entry);
    app = Promise.all(lines.map(async (r) => ({ ...(await r.load()), audience: r.audience }))).then(
      (groups) => createApp(groups, { document }),
      (err) => {
        apps.delete(entry);
        throw err;
      },
    );
    apps.set(entry, app);
  }
  return app;
}

/** The Worker: HTTP, the webhooks queue consumer (and its dead-letter queue) and the cron behind it. */
export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    // A repeat read the cache holds (the isolate's LRU, else the Cache API) is answered here, before any routing or
    // middleware: the entry carries every header the whole chain gave the response (security headers, CORS,
    // caching). It is still charged to its caller's address, and a refused configuration answers nothing from it.
    const hit = await cachedAnswer(request, env, ctx);
    if (hit) return hit;
    const path = getPath(request);
    const app = await appFor(onDemand.find((r) => claims(r, path)));
    const res = await app.fetch(request, env, ctx);
    // A successful write (a retailer's or an editor's) nudges the webhook fan-out: a queue message after the
    // response, no D1 work here (src/retail/webhooks/fanout.ts).
    nudgeFanOut(env, request.method, res.status, ctx);
    return res;
  },
  // The consumer (webhook fan-out and delivery, enquiry emails) is loaded only when the queue or the cron runs it:
  // no shopper's or retailer's request carries it.
  queue: async (batch, env) => (await import("./background.ts")).handleQueue(batch, env),
  scheduled: (_controller, env, ctx) =>
    ctx.waitUntil(import("./background.ts").then((m) => m.handleScheduled(env))),
} satisfies ExportedHandler<Env, WebhookMessage>;
