import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../env.ts";
import { addressBucket } from "./client-address.ts";
import { Problem } from "./problem.ts";

/**
 * The `[[ratelimits]]` bindings of wrangler.toml: requests per period (seconds; the binding only allows 10 or 60),
 * and the policy's name in the `RateLimit`/`RateLimit-Policy` headers. Kept in step with wrangler.toml by hand
 * (nothing reads a binding's numbers); test/retail/ratelimit.test.ts compares the headers with wrangler.toml.
 */
export const RATE_LIMITS = {
  RATE_LIMIT_ANON: { policy: "api", limit: 100, period: 10 },
  RATE_LIMIT_KEY: { policy: "key", limit: 50, period: 10 },
  RATE_LIMIT_PAGES: { policy: "pages", limit: 300, period: 10 },
} as const;
type Limiter = keyof typeof RATE_LIMITS;

/**
 * A policy as the IETF draft's `RateLimit-Policy` names it: quota `q` per window `w` seconds. The Workers Rate
 * Limiting binding says only whether a call is within its limit, not how much is left, so the `RateLimit` field
 * (remaining `r`, reset `t`) is sent only with a 429, where `r` is known to be 0.
 */
const policyItem = (l: Limiter) =>
  `"${RATE_LIMITS[l].policy}";q=${RATE_LIMITS[l].limit};w=${RATE_LIMITS[l].period}`;

/** Adds a limiter's policy to a response's `RateLimit-Policy` (a list: an API key's write is under two). */
export function addPolicy(headers: Headers, limiter: Limiter): void {
  const item = policyItem(limiter);
  const current = headers.get("ratelimit-policy");
  if (!current) headers.set("ratelimit-policy", item);
  else if (!current.split(/,\s*/).includes(item)) headers.set("ratelimit-policy", `${current}, ${item}`);
}

/**
 * Counts one call against a Workers Rate Limiting binding and throws a 429 problem with `Retry-After` when the
 * caller is over its limit. A missing binding (a config without `[[ratelimits]]`) limits nothing.
 */
export async function enforceRateLimit(c: Context<AppEnv>, limiter: Limiter, key: string): Promise<void> {
  const binding = c.env[limiter];
  if (!binding) return;
  const { success } = await binding.limit({ key });
  if (success) return;
  const { period, policy } = RATE_LIMITS[limiter];
  throw new Problem(
    429,
    {
      type: "rate-limited",
      detail:
        limiter === "RATE_LIMIT_KEY"
          ? `Too many requests with this API key; retry after ${period} seconds (use the bulk endpoint for many listings)`
          : `Too many requests from this address${limiter === "RATE_LIMIT_PAGES" ? " for pages" : ""}; retry after ${period} seconds`,
    },
    {
      "retry-after": String(period),
      ratelimit: `"${policy}";r=0;t=${period}`,
      "ratelimit-policy": policyItem(limiter),
    },
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
    const url = new URL(c.req.url);
    const charge = addressCharge(c.req.raw, url);
    if (charge) await enforceRateLimit(c, charge.limiter, charge.bucket);
    await next();
    // The policy is the server's, the same for every caller (loopback callers too, whom it does not limit), so a
    // cached answer carries it truthfully.
    const limiter = limiterOf(url.pathname);
    if (c.env[limiter] && !c.res.headers.has("ratelimit")) addPolicy(c.res.headers, limiter);
  };
}

const limiterOf = (path: string): Limiter => (isApiCall(path) ? "RATE_LIMIT_ANON" : "RATE_LIMIT_PAGES");

/** Which limiter and bucket a request is charged to; null for the unlimited (loopback callers of a local host). */
function addressCharge(req: Request, url = new URL(req.url)): { limiter: Limiter; bucket: string } | null {
  const bucket = addressBucket(req.headers.get("cf-connecting-ip") ?? undefined, url);
  if (!bucket) return null;
  return { limiter: limiterOf(url.pathname), bucket };
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
