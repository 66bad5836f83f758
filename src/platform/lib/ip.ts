// IP addresses, parsed once for everything that reads them: the rate limit's buckets (platform/http/client-address.ts)
// and the webhook sender guard (retail/webhooks/address.ts). test/retail/webhooks/address.test.ts checks the guard,
// and so these parsers, against ipaddr.js on every form in its table and on thousands of generated addresses.

/** An address as bytes: 4 for IPv4, 16 for IPv6. */
export type Bytes = number[];

/** An IPv4 address in dotted-decimal (no leading zeros) as its 4 bytes; null if it is not one. */
export function parseIPv4(text: string): Bytes | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  const bytes = parts.map((p) => (/^(0|[1-9]\d{0,2})$/.test(p) ? Number(p) : 256));
  return bytes.every((b) => b <= 255) ? bytes : null;
}

/** An IPv6 address (an IPv4 tail allowed, no zone) as its 16 bytes; null if it is not one. */
export function parseIPv6(input: string): Bytes | null {
  let text = input;
  if (!/^[0-9a-f:.]+$/i.test(text)) return null;
  // A dotted IPv4 tail (`::ffff:127.0.0.1`) becomes its two 16-bit groups.
  const lastColon = text.lastIndexOf(":");
  if (text.includes(".", lastColon)) {
    const v4 = parseIPv4(text.slice(lastColon + 1));
    if (!v4 || lastColon < 1) return null;
    const word = (hi = 0, lo = 0) => ((hi << 8) | lo).toString(16);
    text = `${text.slice(0, lastColon + 1)}${word(v4[0], v4[1])}:${word(v4[2], v4[3])}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const groups = (s: string) => (s === "" ? [] : s.split(":"));
  const left = groups(halves[0] ?? "");
  const right = halves.length === 2 ? groups(halves[1] ?? "") : [];
  if ([...left, ...right].some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return null;
  const missing = 8 - left.length - right.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const words = [...left, ...Array<string>(missing).fill("0"), ...right].map((g) => Number.parseInt(g, 16));
  return words.flatMap((w) => [w >> 8, w & 255]);
}
