// Which IP addresses a webhook may go to: a small classifier, so the Worker does not carry an address library.
// test/retail/webhooks/address.test.ts checks it against ipaddr.js (the well-kept library) on every form in the table
// and on thousands of generated addresses: it must refuse everything ipaddr.js does not call unicast.

import { type Bytes, parseIPv4, parseIPv6 } from "../../platform/lib/ip.ts";

/** True when the first `bits` bits of `bytes` equal those of `prefix`. */
function within(bytes: Bytes, prefix: Bytes, bits: number): boolean {
  for (let i = 0; i < bits; i++) {
    const bit = (b: Bytes) => ((b[i >> 3] ?? 0) >> (7 - (i & 7))) & 1;
    if (bit(bytes) !== bit(prefix)) return false;
  }
  return true;
}

// Non-public IPv4 ranges (IANA special-purpose registry) with the words used in error messages.
const V4: [Bytes, number, string][] = [
  [[0, 0, 0, 0], 8, "unspecified"],
  [[10, 0, 0, 0], 8, "private"],
  [[100, 64, 0, 0], 10, "carrier grade nat"],
  [[127, 0, 0, 0], 8, "loopback"],
  [[169, 254, 0, 0], 16, "link local"],
  [[172, 16, 0, 0], 12, "private"],
  [[192, 0, 0, 0], 24, "reserved"],
  [[192, 0, 2, 0], 24, "reserved"],
  [[192, 31, 196, 0], 24, "reserved"],
  [[192, 52, 193, 0], 24, "reserved"],
  [[192, 88, 99, 0], 24, "reserved"],
  [[192, 168, 0, 0], 16, "private"],
  [[192, 175, 48, 0], 24, "reserved"],
  [[198, 18, 0, 0], 15, "reserved"],
  [[198, 51, 100, 0], 24, "reserved"],
  [[203, 0, 113, 0], 24, "reserved"],
  [[224, 0, 0, 0], 4, "multicast"],
  [[240, 0, 0, 0], 4, "reserved"],
];
const v6 = (text: string) => parseIPv6(text) ?? [];
// IPv6: only global unicast (2000::/3) may pass, less its special-purpose blocks.
const V6: [Bytes, number, string][] = [
  [v6("::1"), 128, "loopback"],
  [v6("::"), 128, "unspecified"],
  [v6("fc00::"), 7, "unique local"],
  [v6("fe80::"), 10, "link local"],
  [v6("ff00::"), 8, "multicast"],
  [v6("64:ff9b::"), 96, "NAT64"],
  [v6("64:ff9b:1::"), 48, "NAT64"],
  [v6("2001::"), 23, "reserved"], // protocol assignments, incl. Teredo (2001::/32) and benchmarking
  [v6("2001:db8::"), 32, "reserved"], // documentation
  [v6("2002::"), 16, "6to4"],
  [v6("3fff::"), 20, "reserved"], // documentation
];

/**
 * Why an IP address may not receive webhooks (null: it may): only public unicast addresses pass. An
 * IPv4-mapped IPv6 address (`::ffff:a.b.c.d`) is judged as the IPv4 address it maps; every other IPv6 address
 * outside global unicast (2000::/3) is refused, as are the blocks that embed an IPv4 address (NAT64, 6to4,
 * Teredo). Returns "not an IP address" for anything else.
 *
 * @example ipProblem("::ffff:127.0.0.1") // "loopback"
 */
export function ipProblem(text: string): string | null {
  const host = text.replace(/^\[|\]$/g, "");
  const four = parseIPv4(host);
  if (four) return V4.find(([p, bits]) => within(four, p, bits))?.[2] ?? null;
  const six = parseIPv6(host);
  if (!six) return "not an IP address";
  if (within(six, v6("::ffff:0:0"), 96)) return ipProblem(six.slice(12).join("."));
  const special = V6.find(([p, bits]) => within(six, p, bits))?.[2];
  if (special) return special;
  return within(six, v6("2000::"), 3) ? null : "reserved";
}

/** Whether the text is an IPv4 or IPv6 address (brackets allowed). */
export const isIp = (text: string) => ipProblem(text) !== "not an IP address";
