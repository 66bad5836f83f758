import { expect, it } from "vitest";
import wranglerToml from "../../../wrangler.toml?raw";
import { call } from "../../helpers/http.ts";
import { createKey, json, send } from "../../helpers/retail.ts";

/** The limits as deployed: read from wrangler.toml, not from the code under test. */
function configured(name: string) {
  const block = wranglerToml
    .split("[[ratelimits]]")
    .find((b) => new RegExp(`^name\\s*=\\s*"${name}"`, "m").test(b));
  const m = /simple\s*=\s*\{\s*limit\s*=\s*(\d+)\s*,\s*period\s*=\s*(\d+)\s*\}/.exec(block ?? "");
  if (!m) throw new Error(`no [[ratelimits]] ${name} in wrangler.toml`);
  return { limit: Number(m[1]), period: Number(m[2]) };
}
const ANON = configured("RATE_LIMIT_ANON");
const KEY = configured("RATE_LIMIT_KEY");
const PAGES = configured("RATE_LIMIT_PAGES");

async function until429(max: number, request: () => Promise<Response>) {
  for (let i = 1; i <= max; i++) {
    const res = await request();
    if (res.status === 429) return { res, after: i - 1 };
    await res.body?.cancel();
  }
  throw new Error(`no 429 within ${max} requests`);
}

it("limits anonymous calls per client address: 429 problem+json with Retry-After", async () => {
  const ip = "203.0.113.7";
  // Up to twice the limit: a window may roll over during the loop.
  const { res, after } = await until429(220, () =>
    call("/api/v1/changes?limit=1", { headers: { "cf-connecting-ip": ip } }),
  );
  expect(after).toBeGreaterThanOrEqual(ANON.limit);
  expect(res.headers.get("retry-after")).toBe(String(ANON.period));
  // IETF RateLimit fields: nothing left in this window, which resets when Retry-After says.
  expect(res.headers.get("ratelimit")).toBe(`"api";r=0;t=${ANON.period}`);
  expect(res.headers.get("ratelimit-policy")).toBe(`"api";q=${ANON.limit};w=${ANON.period}`);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  expect((await json(res)).type).toBe("/problems/rate-limited");
  // Another address is not affected.
  const other = await call("/api/v1/changes?limit=1", { headers: { "cf-connecting-ip": "203.0.113.8" } });
  expect(other.status).toBe(200);
});

it("limits calls with an API key per key, whatever address they come from", async () => {
  const { key } = await createKey("lotte-mart");
  let n = 0;
  const { res, after } = await until429(120, () =>
    send("DELETE", "/api/v1/channels/lotte-mart/listings/khau-sli-na-giang", key, undefined, {
      "cf-connecting-ip": `198.51.100.${n++ % 250}`,
    }),
  );
  expect(after).toBeGreaterThanOrEqual(KEY.limit);
  expect(res.headers.get("retry-after")).toBe(String(KEY.period));
  expect(res.headers.get("ratelimit")).toBe(`"key";r=0;t=${KEY.period}`);
  expect((await json(res)).detail).toContain("API key");
  // Another key of the same channel has its own budget.
  const { key: second } = await createKey("lotte-mart");
  const ok = await send("DELETE", "/api/v1/channels/lotte-mart/listings/khau-sli-na-giang", second);
  expect(ok.status).toBe(404);
});

it("counts failed authentications against the address (guessing many keys does not help)", async () => {
  let n = 0;
  const { res, after } = await until429(220, () =>
    send(
      "PUT",
      "/api/v1/channels/aeon/listings/mien-dong-tan-viet-a",
      `cnnt_${(n++).toString(16).padStart(48, "0")}`,
      { status: "in_stock" },
      { "cf-connecting-ip": "192.0.2.44" },
    ),
  );
  expect(after).toBeGreaterThanOrEqual(ANON.limit);
  expect(res.status).toBe(429);
});

it("an Authorization header on a read does not escape the address limit", async () => {
  const { key } = await createKey("aeon");
  const { after } = await until429(220, () =>
    call("/api/v1/changes?limit=1", {
      headers: { "cf-connecting-ip": "192.0.2.99", authorization: `Bearer ${key}` },
    }),
  );
  expect(after).toBeGreaterThanOrEqual(ANON.limit);
});

it("does not limit loopback callers (wrangler dev on this machine, benchmarks)", async () => {
  for (let i = 0; i < 130; i++) {
    const res = await call("/api/v1/changes?limit=1", { headers: { "cf-connecting-ip": "127.0.0.1" } });
    expect(res.status).toBe(200);
    await res.body?.cancel();
  }
});

it("states the policies every limited answer is under (RateLimit-Policy), as wrangler.toml configures them", async () => {
  const api = `"api";q=${ANON.limit};w=${ANON.period}`;
  const headers = { "cf-connecting-ip": "203.0.113.50" };
  for (const path of ["/api/v1/products?limit=1", "/api/v1/products/khong-co", "/api/v1/changes?limit=1"]) {
    const res = await call(path, { headers });
    await res.body?.cancel();
    expect(res.headers.get("ratelimit-policy"), path).toBe(api);
    expect(res.headers.get("ratelimit"), path).toBeNull();
  }
  const page = await call("/", { headers });
  await page.body?.cancel();
  expect(page.headers.get("ratelimit-policy")).toBe(`"pages";q=${PAGES.limit};w=${PAGES.period}`);
  // A keyed write is under the key's budget and the address's.
  const { key } = await createKey("lotte-mart", "policy");
  const write = await send(
    "DELETE",
    "/api/v1/channels/lotte-mart/listings/khong-co",
    key,
    undefined,
    headers,
  );
  expect(write.status).toBe(404);
  expect(write.headers.get("ratelimit-policy")).toBe(`"key";q=${KEY.limit};w=${KEY.period}, ${api}`);
});
