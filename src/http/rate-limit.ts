import type { Context } from "hono";
import type { AppEnv } from "../env.ts";
import { Problem } from "./problem.ts";

/**
 * Periods of the `[[ratelimits]]` bindings in wrangler.toml, in seconds (the binding only allows 10 or 60).
 * Used for `Retry-After`; keep them in step with wrangler.toml by hand (nothing reads the binding's period).
 */
export const RATE_LIMIT_PERIODS = { RATE_LIMIT_ANON: 10, RATE_LIMIT_KEY: 10 } as const;
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
          : `Too many requests from this address; retry after ${period} seconds`,
    },
    { "retry-after": String(period) },
  );
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

/**
 * The caller's address as Cloudflare reports it, or null for calls that cannot come through Cloudflare's edge:
 * none (tests calling the Worker directly) or loopback (`wrangler dev` on this machine, benchmarks, browser
 * tests). Those are not limited by address.
 */
export function clientAddress(c: Context<AppEnv>): string | null {
  const address = c.req.header("cf-connecting-ip");
  return address && !LOOPBACK.has(address) ? address : null;
}

/**
 * Rate-limits anonymous calls by client address: every read (reads take no key, so an `Authorization` header
 * buys nothing there) and every write without a key. Writes with a key are limited by `requireChannelKey()`:
 * by the key's SHA-256, and by address as well when the key is refused.
 */
export function anonymousRateLimit() {
  return async (c: Context<AppEnv>, next: () => Promise<void>) => {
    const address = clientAddress(c);
    const read = ["GET", "HEAD", "OPTIONS"].includes(c.req.method);
    if (address && (read || !c.req.header("authorization"))) {
      await enforceRateLimit(c, "RATE_LIMIT_ANON", address);
    }
    await next();
  };
}
