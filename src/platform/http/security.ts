import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import { secureHeaders } from "hono/secure-headers";
import type { AppEnv } from "../env.ts";

/**
 * Security headers for every response: HSTS, nosniff, no framing, a referrer policy, and a default
 * Content-Security-Policy under which nothing may load and nothing may frame the response — right for JSON and
 * problem+json. Headers a route already set are kept, not overwritten: HTML routes (the pages, the API docs) set
 * a policy naming what they load.
 *
 * @example app.use("*", securityHeaders())
 */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
    },
    strictTransportSecurity: "max-age=31536000; includeSubDomains",
    referrerPolicy: "strict-origin-when-cross-origin",
    xFrameOptions: "DENY",
    // Left out: headers no browser we serve acts on any more — X-XSS-Protection (the filter it configured is gone
    // from every current browser; "0" only mattered where it existed), X-Download-Options (Internet Explorer 8) —
    // and X-DNS-Prefetch-Control, a privacy hint that only slows links down (every link here is to this origin or
    // a cited source). Each header is sent on every response (and costs on every hop, see BENCHMARKS.md).
    xXssProtection: false,
    xDownloadOptions: false,
    xDnsPrefetchControl: false,
    overwrite: false,
  });
}

/** Methods that read: no body expected. */
export const READ_METHODS = new Set(["GET", "HEAD"]);

/**
 * CORS open to any origin, but only for public reads: GET and HEAD, and preflights asking for them without
 * credentials headers. Writes and preflights for writes get no `Access-Control-Allow-*` headers, so a browser on
 * another origin cannot call them (retailers call them from servers, with keys).
 *
 * @example api.use("*", publicReadCors({ allowHeaders: ["If-None-Match"], exposeHeaders: ["ETag"] }))
 */
export function publicReadCors(opts: {
  allowHeaders: string[];
  exposeHeaders: string[];
}): MiddlewareHandler<AppEnv> {
  const open = cors({
    origin: "*",
    allowMethods: ["GET", "HEAD", "OPTIONS"],
    allowHeaders: opts.allowHeaders,
    exposeHeaders: opts.exposeHeaders,
    maxAge: 86400,
  });
  return async (c, next) => {
    const method = c.req.method;
    if (READ_METHODS.has(method)) return open(c, next);
    if (method === "OPTIONS" && c.req.header("origin")) {
      const wanted = (c.req.header("access-control-request-method") ?? "").toUpperCase();
      // A preflight for a write is answered, but without permission: the browser then refuses the request.
      if (!READ_METHODS.has(wanted)) return c.body(null, 204);
      return open(c, next);
    }
    return next();
  };
}

/**
 * The API docs page's policy: Scalar's bundle from this origin and no inline script at all (it reads its options
 * from data attributes), the styles it injects, and fetches of the OpenAPI document from this origin only.
 */
export const docsCsp = () =>
  [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
