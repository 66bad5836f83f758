// The Worker. Shoppers' and retailers' requests are served by the public app; a request for an editor path loads
// the editor app (src/editor-app.ts: the same app with the editors' routes) on first use, as a separate module
// of the deployed Worker (scripts/build.ts splits it out), so the public path never loads the editors' code.
import { getPath } from "hono/utils/url";
import { createApp } from "./app.ts";
import type { Env, WebhookMessage } from "./env.ts";
import { nudgeFanOut } from "./webhooks/nudge.ts";

const publicApp = createApp();

/**
 * Paths the editor app serves: the editors' API, their pages (Vietnamese and English) and sign-in. Matched on the
 * decoded path, as Hono's router sees it, so that no spelling of an editor path reaches the public app's 404.
 */
export const EDITOR_PATH = /^\/(?:quan-tri|en\/admin|api\/v1\/admin)(?:\/|$)/;

let editorApp: Promise<typeof import("./editor-app.ts").app> | undefined;
function loadEditorApp() {
  editorApp ??= import("./editor-app.ts").then(
    (m) => m.app,
    (err) => {
      // A failed load is retried by the next request rather than remembered.
      editorApp = undefined;
      throw err;
    },
  );
  return editorApp;
}

/** The Worker: HTTP (either app), the webhooks queue consumer (and its dead-letter queue) and the cron behind it. */
export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    const res = EDITOR_PATH.test(getPath(request))
      ? await loadEditorApp().then((app) => app.fetch(request, env, ctx))
      : await publicApp.fetch(request, env, ctx);
    // A successful write (a retailer's or an editor's) nudges the webhook fan-out: a queue message after the
    // response, no D1 work here (src/webhooks/fanout.ts).
    nudgeFanOut(env, request.method, res.status, ctx);
    return res;
  },
  // The consumer (fan-out, delivery, the sender guard) is loaded only when the queue or the cron runs it: no
  // shopper's or retailer's request carries it.
  queue: async (batch, env) => (await import("./webhooks/queue.ts")).handleQueue(batch, env),
  scheduled: (_controller, env, ctx) =>
    ctx.waitUntil(import("./webhooks/queue.ts").then((m) => m.handleScheduled(env))),
} satisfies ExportedHandler<Env, WebhookMessage>;

/** The whole app's type (editors' routes included), for typed clients. */
export type AppType = typeof import("./editor-app.ts").app;
