import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../env.ts";
import { addressBucket } from "./client-address.ts";
import { Problem } from "./problem.ts";

/**
 * Periods of the `[[ratelimits]]` bindings in wrangler.toml, in seconds (the binding only allows 10 or 60).
 * Used for `Retry-After`; keep them in step with wrangler.toml by hand (nothing reads the binding's period).
 */
export const RATE_LIMIT_PERIODS = { RATE_LIMIT_ANON: 10, RATE_LIMIT_KEY: 10, RATE_LIMIT_PAGES: 10 } as const;
type Limiter = keyof typeof RATE_LIMIT_PERIODS;

/**
 * Counts one call against a Workers Rate Limiting binding and throws a 429 problem with `Retry-After` when the
 * caller is over its limit. A missing binding (a config without `[[ratelimits]]`) limits nothing.
 */
export async function enforceRateLimit(c: Context<AppEnv>, limiter: Limiter, key: string): Promise<void> {
  const binding = c.env[limiter];
  if (!binding) return;
  const { success } = await binding.limit({ key });
  if (success) return;
  const period = RATE_LIMIT_PERIODS[limiter];
  throw new Problem(
    429,
    {
      type: "rate-limited",
      detail:
        limiter === "RATE_LIMIT_KEY"
          ? `Too many requests with this API key; retry after ${period} seconds (use the bulk endpoint for many listings)`
          : `Too many requests from this address${limiter === "RATE_LIMIT_PAGES" ? " for pages" : ""}; retry after ${period} seconds`,
    },
    { "retry-after": String(period) },
  );
}

/** Paths limited as API calls (RATE_LIMIT_ANON); everything else the Worker serves is a page (RATE_LIMIT_PAGES). */
const isApiCall = (path: string) => path === "/api/v1" || path.startsWith("/api/v1/");

/**
 * Charges every request the Worker serves to its caller's address (see {@link addressBucket}): API calls to
 * RATE_LIMIT_ANON — reads, and every write attempt whatever key it carries (a well-formed key is charged to its
 * own budget as well, by `requireChannelKey()`) — and pages, the sitemap and the API docs to the looser
 * RATE_LIMIT_PAGES. Mounted on the app before the body ceiling, so nothing is read, parsed or queried for a caller
 * over its limit, and 413/415/422 answers count like any other.
 *
 * @example app.use("*", securityHeaders(), addressRateLimit(), bodyCeiling())
 */
export function addressRateLimit(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const charge = addressCharge(c.req.raw);
    if (charge) await enforceRateLimit(c, charge.limiter, charge.bucket);
    await next();
  };
}

/** Which limiter and bucket a request is charged to; null for the unlimited (loopback callers of a local host). */
function addressCharge(req: Request, url = new URL(req.url)): { limiter: Limiter; bucket: string } | null {
  const bucket = addressBucket(req.headers.get("cf-connecting-ip") ?? undefined, url);
  if (!bucket) return null;
  return { limiter: isApiCall(url.pathname) ? "RATE_LIMIT_ANON" : "RATE_LIMIT_PAGES", bucket };
}

/**
 * Charges a request as {@link addressRateLimit} does, without an app around it: true if it is within its limit.
 * For answers given before any routing (the response cache's LRU hits in src/index.ts); a request refused here
 * goes on to the app, whose middleware charges it again and answers the 429.
 */
export async function chargeAddress(req: Request, env: AppEnv["Bindings"], url?: URL): Promise<boolean> {
  const charge = addressCharge(req, url);
  const binding = charge && env[charge.limiter];
  if (!charge || !binding) return true;
  return (await binding.limit({ key: charge.bucket })).success;
}
