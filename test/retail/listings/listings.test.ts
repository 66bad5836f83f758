import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { witness } from "../../helpers/d1.ts";
import { call, getJson } from "../../helpers/http.ts";
import { createKey, json, listing, send } from "../../helpers/retail.ts";
import { applySeed } from "../../helpers/seed.ts";

const url = (product: string) => `/api/v1/channels/aeon/listings/${product}`;
let key: string;
let keyId: number;

beforeAll(async () => {
  ({ key, id: keyId } = await createKey("aeon"));
});

describe("PUT and DELETE a listing", () => {
  const product = "khau-sli-na-giang";

  it("creates (201), replaces (200) and reads back with a strong ETag that changes per version", async () => {
    const created = await send("PUT", url(product), key, listing({ price_vnd: 55000 }));
    expect(created.status).toBe(201);
    const tag1 = created.headers.get("etag");
    expect(tag1).toMatch(/^"l\d+v1c\d{17}"$/);
    const body = await json(created);
    expect(body).toMatchObject({ channel: "aeon", product, price_vnd: 55000, version: 1, sample: false });

    const replaced = await send("PUT", url(product), key, listing({ price_vnd: 56000 }));
    expect(replaced.status).toBe(200);
    const tag2 = replaced.headers.get("etag");
    expect(tag2).not.toBe(tag1);

    const read = await getJson(url(product));
    expect(read.status).toBe(200);
    expect(read.res.headers.get("etag")).toBe(tag2);
    expect(read.body.price_vnd).toBe(56000);
    expect((await call(url(product), { headers: { "if-none-match": tag2 ?? "" } })).status).toBe(304);
    // The product page shows it too.
    const detail = await getJson(`/api/v1/products/${product}`);
    expect(
      detail.body.listings.find((l: { channel: { slug: string } }) => l.channel.slug === "aeon")?.price_vnd,
    ).toBe(56000);
  });

  it("records which key wrote the listing and when", async () => {
    const row = await env.DB.prepare(
      "SELECT l.updated_by, l.updated_at FROM listings l JOIN products p ON p.id = l.product_id JOIN channels c ON c.id = l.channel_id WHERE p.slug = ? AND c.slug = 'aeon'",
    )
      .bind(product)
      .first<{ updated_by: number; updated_at: string }>();
    expect(row?.updated_by).toBe(keyId);
    expect(Date.now() - Date.parse(row?.updated_at ?? "")).toBeLessThan(60_000);
    const change = await env.DB.prepare(
      "SELECT key_id FROM changes WHERE entity = 'listing' AND entity_key = ? ORDER BY seq DESC LIMIT 1",
    )
      .bind(`aeon/${product}`)
      .first<{ key_id: number }>();
    expect(change?.key_id).toBe(keyId);
  });

  it("writing the same values again changes nothing (same version, no feed entry)", async () => {
    const before = await getJson(url(product));
    const seq = await env.DB.prepare("SELECT max(seq) AS s FROM changes").first<{ s: number }>();
    const again = await send("PUT", url(product), key, listing({ price_vnd: 56000 }));
    expect(again.status).toBe(200);
    expect(again.headers.get("etag")).toBe(before.res.headers.get("etag"));
    const seq2 = await env.DB.prepare("SELECT max(seq) AS s FROM changes").first<{ s: number }>();
    expect(seq2?.s).toBe(seq?.s);
  });

  it("honours If-Match: the current ETag writes, a stale one is 412 with the current ETag", async () => {
    const current = (await getJson(url(product))).res.headers.get("etag") ?? "";
    const ok = await send("PUT", url(product), key, listing({ price_vnd: 57000 }), { "if-match": current });
    expect(ok.status).toBe(200);
    const stale = await send("PUT", url(product), key, listing({ price_vnd: 1 }), { "if-match": current });
    expect(stale.status).toBe(412);
    expect(stale.headers.get("etag")).toBe(ok.headers.get("etag"));
    expect((await json(stale)).current_etag).toBe(ok.headers.get("etag"));
    expect((await getJson(url(product))).body.price_vnd).toBe(57000);
    const weak = await send("PUT", url(product), key, listing(), {
      "if-match": `W/${ok.headers.get("etag")}`,
    });
    expect(weak.status).toBe(412);
  });

  it("of concurrent PUTs with the same If-Match exactly one wins; the rest are 412", async () => {
    const current = (await getJson(url(product))).res.headers.get("etag") ?? "";
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        send("PUT", url(product), key, listing({ price_vnd: 60000 + i }), { "if-match": current }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(7);
    const winner = results.findIndex((r) => r.status === 200);
    expect((await getJson(url(product))).body.price_vnd).toBe(60000 + winner);
  });

  it("If-None-Match: * creates only", async () => {
    const exists = await send("PUT", url(product), key, listing(), { "if-none-match": "*" });
    expect(exists.status).toBe(412);
    expect((await getJson(url(product))).body.price_vnd).not.toBe(listing().price_vnd);
    // A product the catalogue has and AEON does not list yet.
    const unlisted = await env.DB.prepare(
      "SELECT p.slug FROM products p WHERE NOT EXISTS (SELECT 1 FROM listings l JOIN channels c ON c.id = l.channel_id WHERE l.product_id = p.id AND c.slug = 'aeon') ORDER BY p.id LIMIT 1",
    ).first<{ slug: string }>();
    expect(unlisted?.slug).toBeTruthy();
    const target = url(unlisted?.slug ?? "");
    expect((await getJson(target)).status).toBe(404);
    const fresh = await send("PUT", target, key, listing({ price_vnd: 42000 }), { "if-none-match": "*" });
    expect(fresh.status).toBe(201);
    expect((await getJson(target)).body.price_vnd).toBe(42000);
    const second = await send("PUT", target, key, listing({ price_vnd: 1 }), { "if-none-match": "*" });
    expect(second.status).toBe(412);
    expect((await getJson(target)).body.price_vnd).toBe(42000);
  });

  it("DELETE with a stale If-Match is 412; with the current one 204, then 404, and the feed has a tombstone", async () => {
    const current = (await getJson(url(product))).res.headers.get("etag") ?? "";
    expect(
      (await send("DELETE", url(product), key, undefined, { "if-match": '"l1v1c20260101000000000"' })).status,
    ).toBe(412);
    const del = await send("DELETE", url(product), key, undefined, { "if-match": current });
    expect(del.status).toBe(204);
    expect(del.headers.get("x-d1-bookmark")).toBeTruthy();
    expect((await send("DELETE", url(product), key)).status).toBe(404);
    expect((await getJson(url(product))).status).toBe(404);
    const tomb = await env.DB.prepare(
      "SELECT op, key_id FROM changes WHERE entity = 'listing' AND entity_key = ? ORDER BY seq DESC LIMIT 1",
    )
      .bind(`aeon/${product}`)
      .first<{ op: string; key_id: number }>();
    expect(tomb).toEqual({ op: "delete", key_id: keyId });
  });
});

it("an ETag of a deleted listing never matches the listing made again in its place (even with the same row id)", async () => {
  const product = "thach-den-sample";
  const p =
    (await env.DB.prepare("SELECT slug FROM products ORDER BY id DESC LIMIT 1").first<{ slug: string }>())
      ?.slug ?? product;
  const first = await send("PUT", url(p), key, listing());
  expect(first.status).toBe(201);
  const old = first.headers.get("etag") ?? "";
  expect((await send("DELETE", url(p), key)).status).toBe(204);
  await new Promise((r) => setTimeout(r, 5)); // a later created_at
  const again = await send("PUT", url(p), key, listing());
  expect(again.status).toBe(201);
  expect((await json(again)).version).toBe(1);
  const idAndVersion = (tag: string) => tag.split("c")[0];
  expect(idAndVersion(again.headers.get("etag") ?? "")).toBe(idAndVersion(old)); // SQLite reused the row id
  const stale = await send("PUT", url(p), key, listing({ price_vnd: 1 }), { "if-match": old });
  expect(stale.status).toBe(412);
});

describe("input errors are problem+json naming what is wrong", () => {
  const product = "mien-dong-tan-viet-a";

  it("404 for an unknown product", async () => {
    const res = await send("PUT", url("khong-co-san-pham-nay"), key, listing());
    expect(res.status).toBe(404);
    expect((await json(res)).detail).toContain("khong-co-san-pham-nay");
  });

  it("415 for a body that is not JSON", async () => {
    const res = await call(url(product), {
      method: "PUT",
      headers: { authorization: `Bearer ${key}`, "content-type": "text/plain" },
      body: JSON.stringify(listing()),
    });
    expect(res.status).toBe(415);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });

  it("413 for a body over the limit", async () => {
    const res = await send("PUT", url(product), key, listing({ note: "x".repeat(70_000) }));
    expect(res.status).toBe(413);
  });

  it("400 for malformed JSON", async () => {
    const res = await send("PUT", url(product), key, '{"status": ');
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });

  it("422 naming every invalid and unknown field", async () => {
    const res = await send("PUT", url(product), key, {
      ...listing(),
      status: "sold",
      price_vnd: -5,
      url: "http://aeon.example.vn/p",
      stores: [{ name: "X", city: "", province: "Hà Nội" }],
      colour: "red",
    });
    expect(res.status).toBe(422);
    const names = (await json(res)).invalid_params.map((p: { name: string }) => p.name).sort();
    expect(names).toEqual(["colour", "price_vnd", "status", "stores[0].city", "url"]);
  });

  it("400 naming a bad path parameter", async () => {
    const res = await send("PUT", "/api/v1/channels/aeon/listings/Not_A_Slug", key, listing());
    expect(res.status).toBe(400);
    expect((await json(res)).invalid_params[0].name).toBe("product");
  });
});

describe("read replication: read-your-writes with the bookmark", () => {
  it("a write returns a bookmark; a read that sends it back sees the write", async () => {
    const product = "lap-suon-thit-hun-khoi-tam-hoa";
    const writer = witness();
    const put = await writer.fetch(url(product), {
      method: "PUT",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify(listing({ price_vnd: 191000 })),
    });
    expect(put.status).toBe(200);
    // The write went to the primary.
    expect(writer.sessions).toEqual(["first-primary"]);
    const bookmark = put.headers.get("x-d1-bookmark");
    expect(bookmark).toMatch(/^[\w-]+$/);
    // Locally there is no replica, so the data alone cannot show the bookmark was used: the witness sees the
    // session the read opened. Without a bookmark a read may go to any replica.
    const reader = witness();
    const read = await reader.fetch(url(product), { headers: { "x-d1-bookmark": bookmark ?? "" } });
    expect(reader.sessions).toEqual([bookmark]);
    expect(await read.json<{ price_vnd: number }>()).toMatchObject({ price_vnd: 191000 });
    const anyReplica = witness();
    await anyReplica.fetch(url(product));
    expect(anyReplica.sessions).toEqual(["first-unconstrained"]);
    // A malformed bookmark is a 400, and never reaches D1.
    const bad = witness();
    expect((await bad.fetch(url(product), { headers: { "x-d1-bookmark": "x'; --" } })).status).toBe(400);
    expect(bad.sessions).toEqual([]);
    expect(bad.trips()).toBe(0);
    expect(read.headers.get("x-d1-bookmark")).toBeTruthy();
    // The bookmark only moves forward: the read's is at least as new as the write's.
    expect((read.headers.get("x-d1-bookmark") ?? "") >= (bookmark ?? "")).toBe(true);
  });

  it("a write costs one D1 round trip: key check, product check, write, audit and read-back in one batch", async () => {
    const res = await send("PUT", url("mien-dong-tan-viet-a"), key, listing({ price_vnd: 73000 }));
    expect(res.headers.get("x-d1-round-trips")).toBe("1");
    const del = await send("DELETE", url("mien-dong-tan-viet-a"), key);
    expect(del.status).toBe(204);
    expect(del.headers.get("x-d1-round-trips")).toBe("1");
  });
});

it("re-running the seed (npm start) does not undo a retailer's write to a seeded listing", async () => {
  const product = "lap-suon-thit-hun-khoi-tam-hoa"; // seeded at AEON for 189000
  const put = await send("PUT", url(product), key, listing({ price_vnd: 195000 }));
  expect(put.status).toBe(200);
  await applySeed();
  const read = await getJson(url(product));
  expect(read.body.price_vnd).toBe(195000);
  expect(read.res.headers.get("etag")).toBe(put.headers.get("etag"));
});
