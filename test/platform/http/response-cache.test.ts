// The response cache's correctness rules, through the real app on real D1 with the cache turned on (the other
// test files run with it off: they write to D1 directly and read back at once, as no client could).
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { beforeEach, describe, expect, it } from "vitest";
import app from "../../../src/index.ts";
import type { AppEnv, CountedD1 } from "../../../src/platform/env.ts";
import { generateApiKey } from "../../../src/platform/http/api-key.ts";
import {
  cacheable,
  cachedAnswer,
  resetIsolateCache,
  responseCache,
} from "../../../src/platform/http/response-cache.ts";

// Long enough that a slow first render on a loaded machine cannot age the version between two reads; the
// staleness test sets a short age of its own.
const cacheOn = { ...env, CACHE_VERSION_TTL_MS: "10000", DEV_MODE: "1" };
const AGE_MS = 300;
const shortAge = { CACHE_VERSION_TTL_MS: String(AGE_MS) };

/** A request through the Worker's fetch, with the cache settings given; waits for its background work. */
async function get(path: string, headers: Record<string, string> = {}, vars: Record<string, string> = {}) {
  const ctx = createExecutionContext();
  const res = await app.fetch(
    new Request(`http://localhost${path}`, { headers }),
    { ...cacheOn, ...vars },
    ctx,
  );
  const text = await res.text();
  await waitOnExecutionContext(ctx);
  return {
    status: res.status,
    text,
    layer: res.headers.get("x-cache"),
    trips: res.headers.get("x-d1-round-trips"),
    etag: res.headers.get("etag"),
    headers: res.headers,
  };
}
const json = (r: { text: string }) => JSON.parse(r.text);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A write by someone else (another isolate, an operator): straight to D1, this isolate is not told. */
async function renameElsewhere(slug: string, name: string) {
  const session = env.DB.withSession("first-primary");
  await session.prepare("UPDATE products SET name_vi = ? WHERE slug = ?").bind(name, slug).run();
  return session.getBookmark();
}

const PRODUCT = "mien-dong-tan-viet-a";

beforeEach(() => resetIsolateCache());

describe("repeat reads", () => {
  it("answers a repeated GET from the isolate's LRU without D1, byte for byte, with the same ETag", async () => {
    const first = await get("/api/v1/products?tier=national");
    expect(first.layer).toBe("miss");
    expect(first.trips).toBe("1");
    const again = await get("/api/v1/products?tier=national");
    expect(again.layer).toBe("lru");
    expect(again.trips).toBe("0");
    expect(again.text).toBe(first.text);
    expect(again.etag).toBe(first.etag);
    expect(again.headers.get("content-type")).toBe(first.headers.get("content-type"));
    // Headers the outer middleware adds are on a hit too.
    expect(again.headers.get("cache-control")).toContain("max-age=60");
    expect(again.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("pages too: the catalogue and product pages, with their CSP", async () => {
    for (const path of ["/san-pham", `/san-pham/${PRODUCT}`, `/en/products/${PRODUCT}`]) {
      const first = await get(path);
      const again = await get(path);
      expect([path, first.layer, again.layer]).toEqual([path, "miss", "lru"]);
      expect(again.text).toBe(first.text);
      expect(again.headers.get("content-security-policy")).toContain("default-src 'none'");
    }
  });

  it("treats the same parameters in another order as the same request", async () => {
    const a = await get("/api/v1/products?tier=national&group=processed_food&lang=en");
    const b = await get("/api/v1/products?lang=en&group=processed_food&tier=national");
    expect([a.layer, b.layer]).toEqual(["miss", "lru"]);
    expect(b.text).toBe(a.text);
  });

  it("never gives one language's or one filter's response for another", async () => {
    const vi = await get(`/api/v1/products/${PRODUCT}?lang=vi`);
    const en = await get(`/api/v1/products/${PRODUCT}?lang=en`);
    expect(en.layer).toBe("miss");
    expect(json(en).category).not.toBe(json(vi).category);
    const pageVi = await get(`/san-pham/${PRODUCT}`);
    const pageEn = await get(`/en/products/${PRODUCT}`);
    expect(pageVi.text).toContain('lang="vi"');
    expect(pageEn.text).toContain('lang="en"');

    const national = await get("/api/v1/products?tier=national");
    const regional = await get("/api/v1/products?tier=regional");
    expect(regional.layer).toBe("miss");
    for (const p of json(national).data) expect(p.tier).toBe("national");
    for (const p of json(regional).data) expect(p.tier).toBe("regional");
    // Repeated values are part of the request as written; a cursor is a parameter like any other.
    const two = await get("/api/v1/products?tier=national&tier=regional");
    expect(two.layer).toBe("miss");
    expect(json(two).page.total).toBe(json(national).page.total + json(regional).page.total);
  });

  it("does not cache errors", async () => {
    expect((await get("/api/v1/products/no-such-product")).status).toBe(404);
    const again = await get("/api/v1/products/no-such-product");
    expect([again.status, again.layer, again.trips]).toEqual([404, "miss", "1"]);
    const bad = await get("/api/v1/products?tier=imperial");
    expect([bad.status, bad.layer]).toEqual([400, null]);
  });
});

describe("revalidation", () => {
  it("answers a matching If-None-Match with a 304 from the cache, and a stale tag with the body", async () => {
    const first = await get("/api/v1/products");
    const revalidated = await get("/api/v1/products", { "if-none-match": first.etag ?? "" });
    expect([revalidated.status, revalidated.layer, revalidated.trips]).toEqual([304, "lru", "0"]);
    expect(revalidated.etag).toBe(first.etag);
    expect(revalidated.text).toBe("");
    // The same fields as the app's own 304 (the security headers stay on the client's stored 200).
    expect(revalidated.headers.get("cache-control")).toBe(first.headers.get("cache-control"));
    expect(revalidated.headers.get("access-control-allow-origin")).toBe("*");
    expect(revalidated.headers.get("content-security-policy")).toBeNull();
    const stale = await get("/api/v1/products", { "if-none-match": 'W/"src.0"' });
    expect([stale.status, stale.layer]).toEqual([200, "lru"]);
    expect(stale.text).toBe(first.text);
  });

  it("pages revalidate from the cache by their own ETag", async () => {
    const first = await get("/san-pham");
    const revalidated = await get("/san-pham", { "if-none-match": first.etag ?? "" });
    expect([revalidated.status, revalidated.layer]).toEqual([304, "lru"]);
  });
});

describe("writes", () => {
  it("a write elsewhere reaches other readers within the version age, and the writer at once with its bookmark", async () => {
    const before = await get(`/api/v1/products/${PRODUCT}`, {}, shortAge);
    expect(json(before).name).not.toBe("Miến dong (đổi tên)");
    const bookmark = await renameElsewhere(PRODUCT, "Miến dong (đổi tên)");

    // The writer, with its bookmark: never from the cache, so at once.
    const writer = await get(`/api/v1/products/${PRODUCT}`, { "x-d1-bookmark": bookmark ?? "" }, shortAge);
    expect(writer.layer).toBe("bypass");
    expect(json(writer).name).toBe("Miến dong (đổi tên)");

    // Another reader may still get the old version for at most the version age …
    const soon = await get(`/api/v1/products/${PRODUCT}`, {}, shortAge);
    if (soon.layer === "lru") expect(json(soon).name).toBe(json(before).name);
    // … and after it, the new one (from D1, then cached under the new version).
    await sleep(AGE_MS + 50);
    const later = await get(`/api/v1/products/${PRODUCT}`, {}, shortAge);
    expect(later.layer).toBe("miss");
    expect(json(later).name).toBe("Miến dong (đổi tên)");
    expect(later.etag).not.toBe(before.etag);
    const cached = await get(`/api/v1/products/${PRODUCT}`, {}, shortAge);
    expect([cached.layer, json(cached).name]).toEqual(["lru", "Miến dong (đổi tên)"]);
  });

  it("under steady reads the version is re-read in the background, so no reader waits for D1", async () => {
    const age = { CACHE_VERSION_TTL_MS: "1000" };
    expect((await get("/api/v1/products?tier=provincial", {}, age)).layer).toBe("miss");
    await sleep(600);
    // Past half the age: answered from the cache, and the version is read again behind it.
    expect((await get("/api/v1/products?tier=provincial", {}, age)).layer).toBe("lru");
    await sleep(600);
    // Past the first read's age, but not the background read's: still from the cache.
    const later = await get("/api/v1/products?tier=provincial", {}, age);
    expect([later.layer, later.trips]).toEqual(["lru", "0"]);
  });

  it("a write through this isolate is visible to its next read at once", async () => {
    const { key, prefix, hash } = await generateApiKey();
    await env.DB.prepare(
      "INSERT INTO api_keys (channel_id, name, prefix, hash) SELECT id, 'cache test', ?, ? FROM channels WHERE slug = 'aeon'",
    )
      .bind(prefix, hash)
      .run();
    const product = "khau-sli-na-giang";
    const price = (r: { text: string }) =>
      json(r).listings.find((l: { channel: { slug: string } }) => l.channel.slug === "aeon")?.price_vnd;
    await get(`/api/v1/products/${product}`);
    expect((await get(`/api/v1/products/${product}`)).layer).toBe("lru");

    const ctx = createExecutionContext();
    const put = await app.fetch(
      new Request(`http://localhost/api/v1/channels/aeon/listings/${product}`, {
        method: "PUT",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({
          status: "in_stock",
          price_vnd: 61000,
          channel_sku: "AEON-CACHE",
          url: "https://aeon.example.vn/p/cache",
          stores: [],
          note: null,
        }),
      }),
      cacheOn,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(put.status).toBeLessThan(300);

    const after = await get(`/api/v1/products/${product}`);
    expect(after.layer).toBe("miss");
    expect(price(after)).toBe(61000);
  });
});

describe("a read racing a write", () => {
  it("a read that began before a write in this isolate is neither stored nor trusted after it", async () => {
    // The real middleware around a route whose read finishes only when the test says: the write lands between
    // the read's start and its store, as it can when a render outlasts a write's round trip.
    let release = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const raced = new Hono<AppEnv>();
    raced.use("*", responseCache());
    raced.get("/race", cacheable(), async (c) => {
      c.set("d1", { catalogueVersion: 7, catalogueEpoch: 1 } as unknown as CountedD1);
      await gate;
      return c.text("before the write");
    });
    raced.post("/race", (c) => c.text("written"));
    const bindings = { ...cacheOn };
    const read = raced.request("http://localhost/race", {}, bindings);
    await raced.request("http://localhost/race", { method: "POST" }, bindings);
    release();
    expect(await (await read).text()).toBe("before the write");
    // The next reader goes to the app (which reads the version again), not to the raced answer.
    expect(await cachedAnswer(new Request("http://localhost/race"), bindings)).toBeNull();
  });
});

describe("what a route marks as not to share", () => {
  it.each(["private, max-age=60", "no-store"])(
    "an answer with Cache-Control: %s is not stored",
    async (cc) => {
      const marked = new Hono<AppEnv>();
      marked.use("*", responseCache());
      marked.get("/marked", cacheable(), (c) => {
        c.set("d1", { catalogueVersion: 7, catalogueEpoch: 1 } as unknown as CountedD1);
        return c.text("for this caller only", 200, { "cache-control": cc });
      });
      const bindings = { ...cacheOn };
      expect((await marked.request("http://localhost/marked", {}, bindings)).status).toBe(200);
      expect(await cachedAnswer(new Request("http://localhost/marked"), bindings)).toBeNull();
    },
  );
});

describe("bypass", () => {
  it.each([
    ["x-d1-bookmark", { "x-d1-bookmark": "00000000-00000001-00000000-00000000000000000000000000000000" }],
    ["authorization", { authorization: "Bearer cnnt_0000" }],
    ["cookie", { cookie: "session=1" }],
  ])("a request with %s goes to D1 every time", async (_name, headers) => {
    await get("/api/v1/products?group=handicraft");
    for (let i = 0; i < 2; i++) {
      const r = await get("/api/v1/products?group=handicraft", headers);
      expect([r.layer, r.trips]).toEqual(["bypass", "1"]);
    }
  });

  it("a HEAD is answered from the cache with the GET's headers and no body", async () => {
    const first = await get("/api/v1/products?tier=regional");
    const ctx = createExecutionContext();
    const head = await app.fetch(
      new Request("http://localhost/api/v1/products?tier=regional", { method: "HEAD" }),
      cacheOn,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect([head.status, head.headers.get("x-cache"), head.headers.get("etag")]).toEqual([
      200,
      "lru",
      first.etag,
    ]);
    expect(await head.text()).toBe("");
  });

  it("a deployment whose configuration is refused serves nothing from the cache either", async () => {
    const cached = await get("/api/v1/products?tier=provincial");
    expect((await get("/api/v1/products?tier=provincial")).layer).toBe("lru");
    const refused = await get("/api/v1/products?tier=provincial", {}, { CURSOR_SECRET: "short" });
    expect(refused.status).toBe(500);
    expect(refused.text).not.toBe(cached.text);
    expect(JSON.parse(refused.text).type).toContain("misconfigured");
  });

  it("a version age of 0 turns the cache off", async () => {
    for (let i = 0; i < 2; i++) {
      const r = await get("/api/v1/products", {}, { CACHE_VERSION_TTL_MS: "0" });
      expect([r.layer, r.trips]).toEqual(["bypass", "1"]);
    }
  });
});

describe("rate limit", () => {
  it("a cached read counts against the anonymous limit like any other, and is refused past it", async () => {
    const client = { "cf-connecting-ip": "203.0.113.77" };
    await get("/api/v1/products?group=processed_food");
    const statuses: number[] = [];
    let refused: Awaited<ReturnType<typeof get>> | null = null;
    // Up to 250: the limit is 100 per 10-second window, and a run that crosses a window boundary starts afresh
    // in the next window (with 130 it could spread 65 + 65 over two windows and never be refused).
    for (let i = 0; i < 250 && !refused; i++) {
      const r = await get("/api/v1/products?group=processed_food", client);
      statuses.push(r.status);
      if (r.status === 429) refused = r;
    }
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
    expect(refused?.headers.get("content-type")).toContain("application/problem+json");
    expect(refused?.headers.get("retry-after")).not.toBeNull();
    expect(refused?.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

describe("layers", () => {
  it("a new isolate's LRU is empty, and the Cache API answers", async () => {
    const first = await get("/api/v1/products?scheme=ocop");
    resetIsolateCache("lru");
    const shared = await get("/api/v1/products?scheme=ocop");
    expect([shared.layer, shared.trips]).toEqual(["cache-api", "0"]);
    expect(shared.text).toBe(first.text);
    expect(shared.etag).toBe(first.etag);
    expect((await get("/api/v1/products?scheme=ocop")).layer).toBe("lru");
  });

  it("the LRU holds no more bytes than it is given", async () => {
    const tiny = { CACHE_LRU_BYTES: "1024" }; // smaller than any list: nothing fits
    await get("/api/v1/products?group=machinery", {}, tiny);
    const again = await get("/api/v1/products?group=machinery", {}, tiny);
    expect(again.layer).toBe("cache-api");
  });

  it("says which layer answered only in development", async () => {
    await get("/api/v1/products?group=other");
    const prod = await get("/api/v1/products?group=other", {}, { DEV_MODE: "" });
    expect(prod.layer).toBeNull();
    expect(prod.trips).toBe("0");
  });
});
