// Which rate-limit bucket a request counts against. Cloudflare's edge sets `cf-connecting-ip` on every request
// it forwards, so on a public host a request without one is not trusted with a bucket of its own: all such
// requests share one (fail closed). Only requests to a local host (wrangler dev, tests) without an address or
// from loopback go unlimited. IPv6 callers are counted per /64, the block one subscriber usually holds, so
// rotating the low 64 bits buys nothing.
import { isLocalHost } from "../config.ts";
import { parseIPv4, parseIPv6 } from "../lib/ip.ts";

/** The bucket shared by every public request that arrives without a client address. */
export const NO_ADDRESS_BUCKET = "shared:no-address";

/** An IPv6 address (a zone id dropped) as its eight 16-bit groups; null if it is not one. */
function ipv6Groups(address: string): number[] | null {
  const bytes = parseIPv6(address.replace(/%.*$/, ""));
  return bytes && Array.from({ length: 8 }, (_, i) => ((bytes[2 * i] ?? 0) << 8) | (bytes[2 * i + 1] ?? 0));
}

/** The caller as one bucket key: `v4:a.b.c.d`, `v6:<first four groups>::/64`, or the raw value if unparsable. */
export function addressKey(address: string): string {
  const a = address.trim();
  if (parseIPv4(a)) return `v4:${a}`;
  const g = ipv6Groups(a);
  if (!g) return `raw:${a.toLowerCase()}`;
  // IPv4-mapped (::ffff:a.b.c.d): the IPv4 address it is.
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) {
    return `v4:${[(g[6] ?? 0) >> 8, (g[6] ?? 0) & 255, (g[7] ?? 0) >> 8, (g[7] ?? 0) & 255].join(".")}`;
  }
  return `v6:${g
    .slice(0, 4)
    .map((x) => x.toString(16))
    .join(":")}::/64`;
}

/** True for 127.0.0.0/8, ::1 and their IPv4-mapped forms. */
export function isLoopback(address: string): boolean {
  const key = addressKey(address);
  return (
    key.startsWith("v4:127.") || ipv6Groups(address.trim())?.every((x, i) => x === (i === 7 ? 1 : 0)) === true
  );
}

/**
 * The rate-limit bucket of a request, from its `cf-connecting-ip` header and URL: the address's key (an IPv6
 * address by its /64), {@link NO_ADDRESS_BUCKET} for a public request without a usable address, or null (not
 * limited) for a request to a local host without an address or from loopback.
 *
 * @example addressBucket("2001:db8:1:2::99", "https://cnnt.example.vn/") // "v6:2001:db8:1:2::/64"
 */
export function addressBucket(header: string | undefined, requestUrl: string | URL): string | null {
  const address = header?.trim();
  if (address && !isLoopback(address)) return addressKey(address);
  const url = typeof requestUrl === "string" ? new URL(requestUrl) : requestUrl;
  return isLocalHost(url.hostname) ? null : NO_ADDRESS_BUCKET;
}
