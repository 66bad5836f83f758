import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../env.ts";
import { Problem } from "./problem.ts";
import { READ_METHODS } from "./security.ts";

/** The largest request body any route accepts; routes set smaller limits of their own. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Hono's bodyLimit (counted as the body streams in, not trusted from Content-Length) with a 413 problem. */
const limitTo = (maxBytes: number, hint = "") =>
  bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new Problem(413, {
        type: "content-too-large",
        detail: `The body is larger than ${maxBytes} bytes${hint}`,
      });
    },
  });

/**
 * A ceiling on every request body, whatever the method or route (a DELETE or a route without its own limit
 * included): 413 problem+json beyond `maxBytes`.
 *
 * @example app.use("/api/*", bodyCeiling())
 */
export function bodyCeiling(maxBytes = MAX_BODY_BYTES): MiddlewareHandler<AppEnv> {
  const limit = limitTo(maxBytes);
  return (c, next) => (READ_METHODS.has(c.req.method) && !c.req.raw.body ? next() : limit(c, next));
}

/**
 * Rejects bodies that are not JSON (415) or larger than `maxBytes` (413, with `hint` appended to the detail)
 * before anything reads them.
 *
 * @example createRoute({ ..., middleware: [...jsonBody(64 * 1024)] })
 */
export function jsonBody(maxBytes: number, hint?: string): MiddlewareHandler<AppEnv>[] {
  return [
    async (c, next) => {
      const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
      if (type !== "application/json") {
        throw new Problem(415, {
          type: "unsupported-media-type",
          detail: `Send the body as application/json (got ${type ? `'${type}'` : "no Content-Type"})`,
        });
      }
      await next();
    },
    limitTo(maxBytes, hint),
  ];
}
