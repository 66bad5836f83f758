// Which rate-limit bucket a request counts against. Cloudflare's edge sets `cf-connecting-ip` on every request
// it forwards, so on a public host a request without one is not trusted with a bucket of its own: all such
// requests share one (fail closed). Only requests to a local host (wrangler dev, tests) without an address or
// from loopback go unlimited. IPv6 callers are counted per /64, the block one subscriber usually holds, so
// rotating the low 64 bits buys nothing.
import { isLocalHost } from "../config.ts";

/** The bucket shared by every public request that arrives without a client address. */
export const NO_ADDRESS_BUCKET = "shared:no-address";

/** Expands an IPv6 address to its eight 16-bit groups; null if it is not one. */
function ipv6Groups(address: string): number[] | null {
  let a = address.toLowerCase().replace(/%.*$/, "");
  // An embedded IPv4 tail (::ffff:192.0.2.1) becomes two groups.
  const v4 = /^(.*:)(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(a);
  if (v4) {
    const b = v4.slice(2).map(Number);
    if (b.some((x) => x > 255)) return null;
    a = `${v4[1]}${(((b[0] ?? 0) << 8) | (b[1] ?? 0)).toString(16)}:${(((b[2] ?? 0) << 8) | (b[3] ?? 0)).toString(16)}`;
  }
  const halves = a.split("::");
  if (halves.length > 2) return null;
  const part = (s: string | undefined) => (s ? s.split(":") : []);
  const head = part(halves[0]);
  const tail = part(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => Number.parseInt(g, 16));
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** The caller as one bucket key: `v4:a.b.c.d`, `v6:<first four groups>::/64`, or the raw value if unparsable. */
export function addressKey(address: string): string {
  const a = address.trim();
  if (IPV4.test(a)) return `v4:${a}`;
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
