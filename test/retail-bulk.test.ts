import { env } from "cloudflare:workers";
import { beforeAll, expect, it } from "vitest";
import { MAX_BOUND_PARAMETERS, upsertStatements } from "../src/db/queries/listings.ts";
import { createKey, json, listing, send } from "./retail-helpers.ts";

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
    { id: 1, prefix: "cnnt_x", channelId: 3, channelSlug: "winmart" },
    items((i) => i),
  );
  for (const s of statements) {
    expect(s.params.length).toBeLessThanOrEqual(MAX_BOUND_PARAMETERS);
    expect(s.sql.split("?").length - 1).toBe(s.params.length);
  }
  expect(statements.length).toBeGreaterThan(20);
  const single = upsertStatements(
    { id: 1, prefix: "cnnt_x", channelId: 3, channelSlug: "winmart" },
    items((i) => i).slice(0, 1),
  );
  expect(single).toHaveLength(1);
});

it("one invalid item: nothing written, and every invalid item is named", async () => {
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
  expect(names).toEqual([
    "items[17].price_vnd",
    "items[100].product",
    "items[200].product",
    "items[250].url",
    "items[299].colour",
  ]);
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
  expect(res.headers.get("x-d1-round-trips")).toBe("2"); // key check + one batch
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
  expect(await count(`SELECT count(*) AS n FROM changes WHERE seq > ${seq}`)).toBe(N / 2);
});

it("a failing statement late in the batch rolls back every earlier chunk (D1 batch is one transaction)", async () => {
  const k = { id: keyId, prefix: "x", channelId: 3, channelSlug: "winmart" };
  const before = await env.DB.prepare("SELECT sum(price_vnd) AS n FROM listings").first<{ n: number }>();
  const statements = upsertStatements(
    k,
    items(() => 1),
  );
  const batch = statements.map((s) => env.DB.prepare(s.sql).bind(...s.params));
  batch.push(
    env.DB.prepare("INSERT INTO listings (channel_id, product_id, status) VALUES (NULL, NULL, NULL)"),
  );
  await expect(env.DB.batch(batch)).rejects.toThrow(/NOT NULL/);
  const after = await env.DB.prepare("SELECT sum(price_vnd) AS n FROM listings").first<{ n: number }>();
  expect(after?.n).toBe(before?.n);
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
