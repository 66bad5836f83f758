// The Worker's own address classifier (src/retail/webhooks/address.ts) against ipaddr.js, the well-kept library, as an
// oracle: whatever ipaddr.js does not call public unicast must be refused, in every spelling.

import { env } from "cloudflare:workers";
import fc from "fast-check";
import ipaddr from "ipaddr.js";
import { describe, expect, it } from "vitest";
import { ipProblem } from "../../../src/retail/webhooks/address.ts";

/** Cases per property; FUZZ_RUNS scales them, as in test/fuzz. */
const fuzzRuns = (n: number) => n * (Number(env.FUZZ_RUNS) || 1);
const oracle = (text: string) => ipaddr.process(text).range();
/**
 * Where ours is stricter than ipaddr.js on purpose: IPv6 outside global unicast (2000::/3), the special-purpose
 * blocks 2001::/23 and 3fff::/20 that ipaddr.js 2.5 calls unicast, and the IPv4-compatible form.
 */
function stricterOnPurpose(text: string): boolean {
  // `::a.b.c.d` is the deprecated IPv4-compatible form (RFC 4291), refused; ipaddr.js reads it as IPv4-mapped.
  if (/^::(\d+\.){3}\d+$/.test(text)) return true;
  const a = ipaddr.parse(text);
  if (a.kind() !== "ipv6") return false;
  const in6 = (cidr: string) => (a as ipaddr.IPv6).match(ipaddr.IPv6.parseCIDR(cidr));
  if (in6("::ffff:0:0/96")) return false; // IPv4-mapped: judged as the IPv4 address by both
  return !in6("2000::/3") || in6("2001::/23") || in6("3fff::/20");
}

describe("ipProblem agrees with ipaddr.js", () => {
  const spellings = [
    "0.0.0.0",
    "8.8.8.8",
    "127.0.0.1",
    "10.255.255.255",
    "172.15.255.255",
    "172.16.0.0",
    "172.32.0.0",
    "100.63.255.255",
    "100.64.0.0",
    "100.128.0.0",
    "169.254.0.1",
    "192.168.255.255",
    "198.18.0.1",
    "224.0.0.1",
    "255.255.255.255",
    "::",
    "::1",
    "::2",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::FFFF:7F00:0001",
    "0:0:0:0:0:ffff:127.0.0.1",
    "::ffff:8.8.8.8",
    "::ffff:0:8.8.8.8",
    "::127.0.0.1",
    "64:ff9b::127.0.0.1",
    "64:ff9b:1::1",
    "100::1",
    "2001::1",
    "2001:db8::1",
    "2001:4860:4860::8888",
    "2002:c0a8:101::1",
    "2606:4700:4700::1111",
    "fc00::1",
    "fdff:ffff::1",
    "fe80::1",
    "febf::1",
    "fec0::1",
    "ff02::1",
    "1::1",
    "4000::1",
    "2400:cb00:2048:1::c629:d7a2",
  ];
  it.each(spellings)("%s", (address) => {
    // Refused wherever ipaddr.js says it is not public unicast; allowed wherever it is, unless on purpose.
    const range = oracle(address);
    if (range !== "unicast") expect(ipProblem(address), range).not.toBeNull();
    else if (!stricterOnPurpose(address)) expect(ipProblem(address)).toBeNull();
  });

  it("refuses every generated address ipaddr.js does not call unicast; allows the unicast ones it knows", () => {
    const address = fc.oneof(
      fc.ipV4(),
      fc.ipV6(),
      fc.ipV4().map((v4) => `::ffff:${v4}`),
      fc.constantFrom("10.", "127.", "169.254.", "100.64.", "192.168.", "172.20.").chain((prefix) =>
        fc.ipV4().map(
          (v4) =>
            prefix +
            v4
              .split(".")
              .slice(prefix.split(".").length - 1)
              .join("."),
        ),
      ),
      fc.constantFrom("fc", "fd", "fe8", "fe9", "ff0", "2001:db8:", "2002:", "64:ff9b::").chain((prefix) =>
        fc.ipV6().map((v6) => {
          const s = `${prefix}${v6.replace(/^[0-9a-f]*/, "")}`;
          return ipaddr.isValid(s) ? s : "::1";
        }),
      ),
    );
    fc.assert(
      fc.property(address, (text) => {
        const range = oracle(text);
        const problem = ipProblem(text);
        if (range !== "unicast") return problem !== null;
        return problem === null || stricterOnPurpose(text);
      }),
      { numRuns: fuzzRuns(5000) },
    );
  });

  it("is not fooled by text that is not an address", () => {
    for (const text of [
      "",
      "1.2.3",
      "1.2.3.4.5",
      "256.1.1.1",
      "01.2.3.4",
      "1.2.3.4 ",
      "::g",
      ":::",
      "1::2::3",
      "localhost",
      "0x7f.0.0.1",
    ])
      expect(ipProblem(text), text).toBe("not an IP address");
  });
});
