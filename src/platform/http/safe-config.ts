import type { MiddlewareHandler } from "hono";
import { configAccepted, configErrors } from "../config.ts";
import type { AppEnv } from "../env.ts";
import { Problem, problemResponse } from "./problem.ts";

// Each reason is logged once per isolate, not once per request: enough to find it, not a flood.
const logged = new Set<string>();

/**
 * Refuses to serve (500 problem+json, no detail about the cause) while {@link configErrors} finds anything; logs
 * each reason once. Mounted before every route.
 */
export function requireSafeConfig(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (configAccepted(c.env, new URL(c.req.url))) return next();
    const errors = configErrors(c.env, c.req.url);
    for (const e of errors) {
      if (logged.has(e)) continue;
      logged.add(e);
      console.error(`configuration refused: ${e}`);
    }
    // Returned, not thrown, so the security-header middleware still runs on the way out.
    return problemResponse(
      c,
      new Problem(500, {
        type: "misconfigured",
        detail: "This deployment is not configured safely, so it serves nothing; the reason has been logged.",
      }),
    );
  };
}
