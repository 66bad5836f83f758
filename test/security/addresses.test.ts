// Findings 2 and 10: the pages and the sitemap are limited per address (more loosely than the API); a request
// without a client address on a public host shares one bucket instead of escaping every limit; IPv6 addresses
// are limited per /64.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, it, vi } from "vitest";
import app from "../../src/index.ts";
import { call, until429 } from "../helpers/http.ts";

// Hundreds of requests per test on a shared machine.
vi.setConfig({ testTimeout: 60_000 });

it("limits the pages per address: /san-pham and /sitemap.xml answer 429 with Retry-After", async () => {
  const ip = "198.51.100.61";
  const { res, after } = await until429(700, (i) =>
    call(i % 10 === 0 ? "/sitemap.xml" : "/san-pham?q=mien", { headers: { "cf-connecting-ip": ip } }),
  );
  // Looser than the API's 100 per 10 s.
  expect(after).toBeGreaterThan(100);
  expect(res.headers.get("retry-after")).toBeTruthy();
  const sitemap = await call("/sitemap.xml", { headers: { "cf-connecting-ip": ip } });
  expect(sitemap.status).toBe(429);
  // Another address is not affected.
  const other = await call("/san-pham?q=mien", { headers: { "cf-connecting-ip": "198.51.100.62" } });
  expect(other.status).toBe(200);
});

it("limits IPv6 callers per /64: rotating the interface id does not reset the budget", async () => {
  await until429(220, (i) =>
    call("/api/v1/changes?limit=1", {
      headers: { "cf-connecting-ip": `2001:db8:abcd:12:${(i + 1).toString(16)}::${(i % 7) + 1}` },
    }),
  );
  // The next /64 has its own budget, and a written-out form of the same /64 shares it.
  const next = await call("/api/v1/changes?limit=1", {
    headers: { "cf-connecting-ip": "2001:db8:abcd:13::1" },
  });
  expect(next.status).toBe(200);
  const same = await call("/api/v1/changes?limit=1", {
    headers: { "cf-connecting-ip": "2001:0db8:abcd:0012:0000:0000:0000:0001" },
  });
  expect(same.status).toBe(429);
});

it("without a client address on a public host, requests share one limited bucket (fail closed)", async () => {
  const vars = {
    CURSOR_SECRET: "f3a9c1d27e8b4a6c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6",
    PUBLIC_ORIGIN: "https://cnnt.example.vn",
    // The tests' webhook loopback setting is refused on a public origin (src/platform/config.ts): not part of this case.
    WEBHOOK_ALLOW_LOOPBACK: undefined,
  };
  await until429(220, async () => {
    const ctx = createExecutionContext();
    const res = await app.fetch(
      new Request("https://cnnt.example.vn/api/v1/changes?limit=1"),
      { ...env, ...vars },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    return res;
  });
});

it("local development and tests (a local host, no address or loopback) are not limited", async () => {
  for (let i = 0; i < 130; i++) {
    const res = await call(
      "/api/v1/changes?limit=1",
      i % 2 ? { headers: { "cf-connecting-ip": "::1" } } : {},
    );
    expect(res.status).toBe(200);
    await res.body?.cancel();
  }
});

it("address keys: IPv4 as is, IPv6 by /64 in any spelling, IPv4-mapped as IPv4, loopback recognised", async () => {
  const { addressBucket, addressKey, isLoopback, NO_ADDRESS_BUCKET } = await import(
    "../../src/platform/http/client-address.ts"
  );
  expect(addressKey("203.0.113.9")).toBe("v4:203.0.113.9");
  const v6 = "v6:2001:db8:abcd:12::/64";
  for (const a of [
    "2001:db8:abcd:12::1",
    "2001:0DB8:ABCD:0012:ffff:ffff:ffff:ffff",
    "2001:db8:abcd:12:0:0:0:0",
    "2001:db8:abcd:12::1%eth0",
  ]) {
    expect(addressKey(a), a).toBe(v6);
  }
  expect(addressKey("2001:db8:abcd:13::1")).not.toBe(v6);
  expect(addressKey("::ffff:198.51.100.7")).toBe("v4:198.51.100.7");
  expect(isLoopback("::1")).toBe(true);
  expect(isLoopback("127.0.0.2")).toBe(true);
  expect(isLoopback("::ffff:127.0.0.1")).toBe(true);
  expect(isLoopback("2001:db8::1")).toBe(false);
  expect(addressBucket(undefined, "https://cnnt.example.vn/")).toBe(NO_ADDRESS_BUCKET);
  expect(addressBucket("127.0.0.1", "https://cnnt.example.vn/")).toBe(NO_ADDRESS_BUCKET);
  expect(addressBucket(undefined, "http://localhost:8787/")).toBeNull();
  expect(addressBucket("::1", "http://127.0.0.1:8787/")).toBeNull();
  expect(addressBucket("198.51.100.7", "http://localhost/")).toBe("v4:198.51.100.7");
});
