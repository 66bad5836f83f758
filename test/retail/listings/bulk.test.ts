import { env } from "cloudflare:workers";
import { beforeAll, expect, it } from "vitest";
import { sha256Hex } from "../../../src/platform/http/api-key.ts";
import { MAX_BOUND_PARAMETERS, upsertStatements } from "../../../src/retail/listings/listings.queries.ts";
import { createKey, json, listing, send } from "../../helpers/retail.ts";

const N = 300;
const slugs = Array.from({ length: N }, (_, i) => `bulk-test-product-${i}`);
const BULK = "/api/v1/channels/winmart/listings/bulk";
let key: string;
let keyId: number;

const count = async (sql: string) => (await env.DB.prepare(sql).first<{ n: number }>())?.n ?? -1;
const winmartListings = () =>
  count(
    "SELECT count(*) AS n FROM listings l JOIN channels c ON c.id = l.channel_id WHERE c.slug = 'winmart'",
  );

beforeAll(async () => {
  ({ key, id: keyId } = await createKey("winmart"));
  // A catalogue big enough for bulk requests of hundreds of listings.
  const producer = await env.DB.prepare("SELECT id FROM producers ORDER BY id LIMIT 1").first<{
    id: number;
  }>();
  await env.DB.batch(
    slugs.map((slug, i) =>
      env.DB.prepare(
        "INSERT INTO products (slug, producer_id, name_vi, name_en, product_group, category_vi, category_en, sort_vi, sort_en) VALUES (?, ?, ?, ?, 'processed_food', 'Thử', 'Test', ?, ?)",
      ).bind(
        slug,
        producer?.id,
        `Sản phẩm thử ${i}`,
        `Test product ${i}`,
        `san pham thu ${i}`,
        `test product ${i}`,
      ),
    ),
  );
});

const items = (price: (i: number) => number) =>
  slugs.map((product, i) => ({ product, ...listing({ price_vnd: price(i) }) }));

it("never binds more than 100 parameters in one statement, and splits bigger bulks over several", () => {
  const statements = upsertStatements(
    { prefix: "cnnt_x", hash: "0".repeat(64), channel: "winmart", scope: "listings" as const },
    items((i) => i),
  );
  for (const s of statements) {
    expect(s.params.length).toBeLessThanOrEqual(MAX_BOUND_PARAMETERS);
    expect(s.sql.split("?").length - 1).toBe(s.params.length);
  }
  expect(statements.length).toBeGreaterThan(20);
  const single = upsertStatements(
    { prefix: "cnnt_x", hash: "0".repeat(64), channel: "winmart", scope: "listings" as const },
    items((i) => i).slice(0, 1),
  );
  expect(single).toHaveLength(1);
});

it("one invalid item: nothing written, and every invalid item is named (without a D1 query)", async () => {
  const before = await winmartListings();
  const bad = items((i) => 1000 + i);
  bad[17] = { ...bad[17], price_vnd: -1 } as (typeof bad)[number];
  bad[250] = { ...bad[250], url: "ftp://x" } as (typeof bad)[number];
  (bad[299] as Record<string, unknown>).colour = "red";
  bad[100] = { ...bad[100], product: "khong-ton-tai" } as (typeof bad)[number];
  bad[200] = { ...bad[200], product: bad[0]?.product } as (typeof bad)[number];
  const res = await send("POST", BULK, key, { items: bad });
  expect(res.status).toBe(422);
  const names = (await json(res)).invalid_params.map((p: { name: string }) => p.name);
  // Products that do not exist (items[100]) are named once the body is otherwise valid: a body that fails
  // validation is refused before the database is asked anything (issue 11).
  expect(names).toEqual(["items[17].price_vnd", "items[200].product", "items[250].url", "items[299].colour"]);
  expect(res.headers.get("x-d1-round-trips") ?? "0").toBe("0");
  expect(await winmartListings()).toBe(before);
});

it("unknown products and duplicates are named too, and write nothing", async () => {
  const before = await winmartListings();
  const bad = items((i) => i);
  bad[5] = { ...bad[5], product: "khong-ton-tai" } as (typeof bad)[number];
  bad[290] = { ...bad[290], product: "khong-ton-tai-2" } as (typeof bad)[number];
  const res = await send("POST", BULK, key, { items: bad });
  expect(res.status).toBe(422);
  expect((await json(res)).invalid_params.map((p: { name: string }) => p.name)).toEqual([
    "items[5].product",
    "items[290].product",
  ]);
  const dup = items((i) => i).slice(0, 3);
  dup.push({ ...(dup[0] as (typeof dup)[number]) });
  const res2 = await send("POST", BULK, key, { items: dup });
  expect(res2.status).toBe(422);
  expect((await json(res2)).invalid_params[0].name).toBe("items[3].product");
  expect(await winmartListings()).toBe(before);
});

it(`writes ${N} listings atomically in one request and one write batch`, async () => {
  const before = await winmartListings();
  const res = await send("POST", BULK, key, { items: items((i) => 10000 + i) });
  expect(res.status).toBe(200);
  const body = await json(res);
  expect(body).toMatchObject({ channel: "winmart", created: N, updated: 0, unchanged: 0 });
  expect(body.items).toHaveLength(N);
  expect(res.headers.get("x-d1-round-trips")).toBe("1"); // key check, writes and read-back: one batch
  expect(await winmartListings()).toBe(before + N);
  const row = await env.DB.prepare(
    "SELECT l.price_vnd, l.updated_by FROM listings l JOIN products p ON p.id = l.product_id WHERE p.slug = ?",
  )
    .bind(slugs[299])
    .first<{ price_vnd: number; updated_by: number }>();
  expect(row).toEqual({ price_vnd: 10299, updated_by: keyId });

  // Re-sending with half the prices changed: counted, versioned and fed only where something changed.
  const seq = await count("SELECT max(seq) AS n FROM changes");
  const again = await send("POST", BULK, key, { items: items((i) => (i % 2 ? 10000 + i : 20000 + i)) });
  expect(await json(again)).toMatchObject({ created: 0, updated: N / 2, unchanged: N / 2 });
  // Each changed listing, and its product (whose embedded listings changed), once.
  expect(await count(`SELECT count(*) AS n FROM changes WHERE seq > ${seq} AND entity = 'listing'`)).toBe(
    N / 2,
  );
  expect(await count(`SELECT count(*) AS n FROM changes WHERE seq > ${seq} AND entity = 'product'`)).toBe(
    N / 2,
  );
  expect(await count(`SELECT count(*) AS n FROM changes WHERE seq > ${seq}`)).toBe(N);
});

it("a failing statement late in the batch rolls back every earlier chunk (D1 batch is one transaction)", async () => {
  const credential = {
    prefix: key.slice(0, 13),
    hash: await sha256Hex(key),
    channel: "winmart",
    scope: "listings" as const,
  };
  const total = () => count("SELECT sum(price_vnd) AS n FROM listings");
  const prepared = () =>
    upsertStatements(
      credential,
      items(() => 1),
    ).map((s) => env.DB.prepare(s.sql).bind(...s.params));
  const before = await total();
  const failing = [
    ...prepared(),
    env.DB.prepare("INSERT INTO listings (channel_id, product_id, status) VALUES (NULL, NULL, NULL)"),
  ];
  await expect(env.DB.batch(failing)).rejects.toThrow(/NOT NULL/);
  expect(await total()).toBe(before);
  // Control: the same statements without the failing one do write.
  await env.DB.batch(prepared());
  expect(await total()).not.toBe(before);
});

it("statements made for a refused key write nothing, even when run directly", async () => {
  const before = await count("SELECT sum(price_vnd) AS n FROM listings");
  const forged = {
    prefix: key.slice(0, 13),
    hash: await sha256Hex(`${key}x`),
    channel: "winmart",
    scope: "listings" as const,
  };
  const otherChannel = {
    prefix: key.slice(0, 13),
    hash: await sha256Hex(key),
    channel: "aeon",
    scope: "listings" as const,
  };
  for (const cr of [forged, otherChannel]) {
    const results = await env.DB.batch(
      upsertStatements(
        cr,
        items(() => 7),
      ).map((s) => env.DB.prepare(s.sql).bind(...s.params)),
    );
    expect(results.every((r) => r.meta.changes === 0)).toBe(true);
  }
  expect(await count("SELECT sum(price_vnd) AS n FROM listings")).toBe(before);
});

it("413 for a bulk body over 1 MB, 415 for non-JSON", async () => {
  const huge = items((i) => i).map((it) => ({ ...it, note: "n".repeat(900) }));
  const big = await send("POST", BULK, key, { items: [...huge, ...huge, ...huge, ...huge] });
  expect(big.status).toBe(413);
  const form = await send("POST", BULK, key, undefined, {
    "content-type": "application/x-www-form-urlencoded",
  });
  expect(form.status).toBe(415);
});

it.each([
  ["no items", 0],
  ["1,001 items (the limit is 1,000)", 1001],
])("%s: 422 naming items, nothing written", async (_, n) => {
  const before = await winmartListings();
  const seq = await count("SELECT max(seq) AS n FROM changes");
  const many = Array.from({ length: n }, (_, i) => ({ product: slugs[i % N], ...listing({ price_vnd: i }) }));
  const res = await send("POST", BULK, key, { items: many });
  expect(res.status).toBe(422);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  expect((await json(res)).invalid_params.map((p: { name: string }) => p.name)).toContain("items");
  expect(await winmartListings()).toBe(before);
  expect(await count("SELECT max(seq) AS n FROM changes")).toBe(seq);
});

it("1,000 items is accepted (the limit itself)", async () => {
  // 1,000 distinct products: the 300 of this file and 700 more.
  const producer = await env.DB.prepare("SELECT id FROM producers ORDER BY id LIMIT 1").first<{
    id: number;
  }>();
  const more = Array.from({ length: 700 }, (_, i) => `bulk-limit-product-${i}`);
  for (let i = 0; i < more.length; i += 100) {
    await env.DB.batch(
      more
        .slice(i, i + 100)
        .map((slug) =>
          env.DB.prepare(
            "INSERT INTO products (slug, producer_id, name_vi, name_en, product_group, category_vi, category_en, sort_vi, sort_en) VALUES (?, ?, ?, ?, 'processed_food', 'Thử', 'Test', ?, ?)",
          ).bind(slug, producer?.id, slug, slug, slug, slug),
        ),
    );
  }
  const all = [...slugs, ...more].map((product, i) => ({ product, ...listing({ price_vnd: 5000 + i }) }));
  expect(all).toHaveLength(1000);
  const res = await send("POST", BULK, key, { items: all });
  expect(res.status, JSON.stringify(await json(res.clone())).slice(0, 300)).toBe(200);
  expect(
    await count(
      "SELECT count(*) AS n FROM listings l JOIN channels c ON c.id = l.channel_id JOIN products p ON p.id = l.product_id WHERE c.slug = 'winmart' AND p.slug LIKE 'bulk-%'",
    ),
  ).toBe(1000);
});
