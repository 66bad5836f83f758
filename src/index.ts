import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { apiDocs, apiV1 } from "./api/index.ts";
import { photos } from "./editor/photos.ts";
import type { AppEnv } from "./env.ts";
import { bodyCeiling } from "./http/body.ts";
import { d1Delay } from "./http/d1-delay.ts";
import { Problem, problemResponse } from "./http/problem.ts";
import { addressRateLimit } from "./http/rate-limit.ts";
import { responseCache } from "./http/response-cache.ts";
import { requireSafeConfig } from "./http/safe-config.ts";
import { securityHeaders } from "./http/security.ts";
import { editorPages } from "./pages/admin/index.tsx";
import { pages } from "./pages/index.tsx";

const app = new Hono<AppEnv>();

// Every request is charged to its address before its body is read or D1 is touched (src/http/rate-limit.ts); a
// response the cache holds is answered right after that, before anything else runs.
app.use(
  "*",
  d1Delay(),
  securityHeaders(),
  requireSafeConfig(),
  addressRateLimit(),
  responseCache(),
  bodyCeiling(),
);

app.route("/api/v1", apiV1);
app.get("/api/docs", apiDocs);
app.get("/api", (c) => c.redirect("/api/docs"));
app.route("/", photos);
app.route("/", editorPages);
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

export default app;
export type AppType = typeof app;
