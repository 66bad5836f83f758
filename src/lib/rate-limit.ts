import type { Context } from "hono";
import type { AppEnv } from "../env.ts";
import { Problem } from "./problem.ts";

/**
 * Periods of the `[[ratelimits]]` bindings in wrangler.toml, in seconds (the binding only allows 10 or 60).
 * Used for `Retry-After`; keep them in step with wrangler.toml (a test compares them).
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

/** The caller's address as Cloudflare reports it; null when absent (only local calls lack it). */
export const clientAddress = (c: Context<AppEnv>) => c.req.header("cf-connecting-ip") ?? null;

/**
 * Rate-limits anonymous calls by client address: every read (reads take no key, so an `Authorization` header
 * buys nothing there) and every write without a key. Writes with a key are limited by `requireChannelKey()`:
 * by key id once verified, by address when the key is refused.
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
