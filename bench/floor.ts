// Benchmarks only, like bench/d1-delay.ts (both applied by bench/worker.ts): the cheapest responses a Worker can
// give, for `npm run bench:profile` to take apart what a response costs under `wrangler dev` (the hop into the
// Worker, each header, the body) next to the app's own.

/** The headers of a typical cached API response (names and sizes), for the floor that carries as many. */
const TYPICAL: [string, string][] = [
  ["access-control-allow-origin", "*"],
  ["cache-control", "public, max-age=60, stale-while-revalidate=600"],
  ["etag", 'W/"mx5gkrpb.0.132"'],
  ["strict-transport-security", "max-age=31536000; includeSubDomains"],
  ["vary", "x-d1-bookmark"],
  ["access-control-expose-headers", "ETag,x-d1-bookmark,x-d1-round-trips"],
  [
    "content-security-policy",
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  ],
  ["cross-origin-opener-policy", "same-origin"],
  ["cross-origin-resource-policy", "same-origin"],
  ["origin-agent-cluster", "?1"],
  ["referrer-policy", "strict-origin-when-cross-origin"],
  ["x-content-type-options", "nosniff"],
  ["x-d1-round-trips", "0"],
  ["x-frame-options", "DENY"],
  ["x-permitted-cross-domain-policies", "none"],
  ["x-cache", "lru"],
];

/**
 * With `DEV_MODE=1`, answers `/__bench/floor?status=200|304&bytes=n&headers=n` before any routing: a response of n
 * spaces (200) or none (304) with a content type and the first n of a cached API response's headers. Null for
 * every other request.
 *
 * @example const floor = benchFloor(request, env); if (floor) return floor;
 */
export function benchFloor(req: Request, env: { DEV_MODE?: string }): Response | null {
  if (env.DEV_MODE !== "1" || !req.url.includes("/__bench/floor")) return null;
  const q = new URL(req.url).searchParams;
  const headers = new Headers(TYPICAL.slice(0, Number(q.get("headers") ?? 0)));
  if (q.get("status") === "304") return new Response(null, { status: 304, headers });
  headers.set("content-type", "application/json");
  return new Response(" ".repeat(Number(q.get("bytes") ?? 0)), { headers });
}
