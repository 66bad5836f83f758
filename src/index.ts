// The Worker. Shoppers' and retailers' requests are served by the public app; a request for an editor path loads
// the editor app (src/editor-app.ts: the same app with the editors' routes) on first use, as a separate module
// of the deployed Worker (scripts/build.ts splits it out), so the public path never loads the editors' code.
import { getPath } from "hono/utils/url";
import { createApp } from "./app.ts";
import type { Env } from "./env.ts";

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

export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext) {
    if (EDITOR_PATH.test(getPath(request)))
      return loadEditorApp().then((app) => app.fetch(request, env, ctx));
    return publicApp.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Env>;

/** The whole app's type (editors' routes included), for typed clients. */
export type AppType = typeof import("./editor-app.ts").app;
