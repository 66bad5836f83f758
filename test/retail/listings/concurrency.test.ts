// Many concurrent writers against the real Worker and D1: no lost update under If-Match, exactly one winner per
// version, a failing bulk write leaves no trace while others write, and the change feed stays gap-free and
// ordered with one entry per acknowledged write.
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { call, getJson } from "../../helpers/http.ts";
import { createKey, listing, send } from "../../helpers/retail.ts";

vi.setConfig({ testTimeout: 120_000 });

/** A writer's keys: a fresh one every 40 requests, so the per-key rate limit (50 per 10 s) never interferes. */
function keyring(channel: string) {
  let key = "";
  let uses = 0;
  return async () => {
    if (uses++ % 40 === 0) key = (await createKey(channel, "concurrency")).key;
    return key;
  };
}

const path = (channel: string, product: string) => `/api/v1/channels/${channel}/listings/${product}`;

interface Change {
  seq: number;
  entity: string;
  key: string;
  op: string;
}
async function feedAfter(seq: number, limit = 37): Promise<Change[]> {
  const out: Change[] = [];
  let since = "";
  for (;;) {
    const { body } = await getJson(
      `/api/v1/changes?limit=${limit}${since ? `&since=${encodeURIComponent(since)}` : ""}`,
    );
    out.push(...(body.data as Change[]));
    since = body.page.next_cursor;
    if (!body.page.has_more) break;
  }
  return out.filter((c) => c.seq > seq);
}
const lastSeq = async () =>
  (await env.DB.prepare("SELECT coalesce(max(seq), 0) AS n FROM changes").first<{ n: number }>())?.n ?? 0;

describe("If-Match under contention", () => {
  it("8 writers × 6 read-modify-write increments: no lost update, one winner per version", async () => {
    const [channel, product] = ["winmart", "khau-sli-na-giang"];
    const setup = keyring(channel);
    const created = await send("PUT", path(channel, product), await setup(), listing({ note: "0" }));
    expect(created.status).toBeLessThan(300);
    const start = await lastSeq();
    const startVersion = ((await created.json()) as { version: number }).version;
    const WRITERS = 8;
    const INCREMENTS = 6;
    const wins: { version: number; value: number }[] = [];
    let conflicts = 0;
    await Promise.all(
      Array.from({ length: WRITERS }, async () => {
        const key = keyring(channel);
        for (let done = 0; done < INCREMENTS; ) {
          const read = await call(path(channel, product));
          const etag = read.headers.get("etag") ?? "";
          const current = Number(((await read.json()) as { note: string }).note);
          const res = await send(
            "PUT",
            path(channel, product),
            await key(),
            listing({ note: String(current + 1) }),
            {
              "if-match": etag,
            },
          );
          if (res.status === 412) {
            conflicts++;
            await res.body?.cancel();
            continue;
          }
          expect(res.status).toBe(200);
          const body = (await res.json()) as { version: number; note: string };
          wins.push({ version: body.version, value: Number(body.note) });
          done++;
        }
      }),
    );
    const total = WRITERS * INCREMENTS;
    const final = (await getJson(path(channel, product))).body;
    // No lost update: every increment counted.
    expect(Number(final.note)).toBe(total);
    // One winner per version, and the versions are exactly the next `total` ones.
    const versions = wins.map((w) => w.version).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: total }, (_, i) => startVersion + 1 + i));
    expect(wins.map((w) => w.value).sort((a, b) => a - b)).toEqual(
      Array.from({ length: total }, (_, i) => i + 1),
    );
    expect(final.version).toBe(startVersion + total);
    expect(conflicts, "the writers really raced").toBeGreaterThan(0);
    // The feed has exactly one entry per win.
    const entries = (await feedAfter(start)).filter((c) => c.key === `${channel}/${product}`);
    expect(entries).toHaveLength(total);
    console.log(
      `If-Match race: ${total} wins, ${conflicts} conflicts (412), versions ${versions[0]}…${versions.at(-1)}`,
    );
  });

  it("a stale ETag never overwrites, even when many writers hold the same one", async () => {
    const [channel, product] = ["winmart", "bun-kho-cao-tuyen"];
    const key = keyring(channel);
    const first = await send("PUT", path(channel, product), await key(), listing({ price_vnd: 1 }));
    const stale = first.headers.get("etag") ?? "";
    const second = await send("PUT", path(channel, product), await key(), listing({ price_vnd: 2 }));
    expect(second.status).toBe(200);
    const results = await Promise.all(
      Array.from(
        { length: 12 },
        async (_, i) =>
          (
            await send("PUT", path(channel, product), await key(), listing({ price_vnd: 100 + i }), {
              "if-match": stale,
            })
          ).status,
      ),
    );
    expect(results.every((s) => s === 412)).toBe(true);
    expect((await getJson(path(channel, product))).body.price_vnd).toBe(2);
  });
});

describe("a failing bulk write leaves no trace, even among concurrent writes", () => {
  it("invalid last item of a multi-chunk bulk: nothing of it is written; the concurrent writes all are", async () => {
    const products = ((await getJson("/api/v1/products?limit=100")).body.data as { slug: string }[]).map(
      (p) => p.slug,
    );
    const bulkChannel = "lotte-mart";
    const before = (
      await env.DB.prepare(
        "SELECT l.* FROM listings l JOIN channels c ON c.id = l.channel_id WHERE c.slug = ? ORDER BY l.id",
      )
        .bind(bulkChannel)
        .all()
    ).results;
    const start = await lastSeq();
    const bulkKey = keyring(bulkChannel);
    // Enough items that the write needs several statements under D1's 100-parameter limit.
    const items = products.map((product, i) => ({ product, ...listing({ price_vnd: 500_000 + i }) }));
    const bad = [...items.slice(0, -1), { ...items.at(-1), price_vnd: -5 }];
    const otherKey = (await createKey("aeon", "concurrent single writes")).key;
    const [failed, ...others] = await Promise.all([
      call(`/api/v1/channels/${bulkChannel}/listings/bulk`, {
        method: "POST",
        headers: { authorization: `Bearer ${await bulkKey()}`, "content-type": "application/json" },
        body: JSON.stringify({ items: bad }),
      }),
      ...products
        .slice(0, 10)
        .map(async (p, i) => send("PUT", path("aeon", p), otherKey, listing({ price_vnd: 700_000 + i }))),
    ]);
    expect(failed.status).toBe(422);
    expect(
      ((await failed.json()) as { invalid_params: { name: string }[] }).invalid_params.map((p) => p.name),
    ).toEqual([`items[${items.length - 1}].price_vnd`]);
    for (const o of others) expect(o.status).toBeLessThan(300);
    const after = (
      await env.DB.prepare(
        "SELECT l.* FROM listings l JOIN channels c ON c.id = l.channel_id WHERE c.slug = ? ORDER BY l.id",
      )
        .bind(bulkChannel)
        .all()
    ).results;
    expect(after).toEqual(before);
    const entries = await feedAfter(start);
    expect(entries.filter((c) => c.key.startsWith(`${bulkChannel}/`))).toEqual([]);
    expect(entries.filter((c) => c.key.startsWith("aeon/"))).toHaveLength(10);

    // The same bulk, valid, writes every item.
    const ok = await call(`/api/v1/channels/${bulkChannel}/listings/bulk`, {
      method: "POST",
      headers: { authorization: `Bearer ${await bulkKey()}`, "content-type": "application/json" },
      body: JSON.stringify({ items }),
    });
    expect(ok.status).toBe(200);
    const { body } = await getJson(`/api/v1/channels/${bulkChannel}`);
    const prices = new Map(
      (body.listings as { product: { slug: string }; price_vnd: number }[]).map((l) => [
        l.product.slug,
        l.price_vnd,
      ]),
    );
    for (const [i, p] of products.entries()) expect(prices.get(p)).toBe(500_000 + i);
  });
});

describe("the change feed under concurrent writers", () => {
  it("is gap-free and ordered, and holds exactly the acknowledged writes, while a reader pages through it", async () => {
    const start = await lastSeq();
    const channels = ["go-big-c", "aeon", "winmart", "lotte-mart"];
    const products = ((await getJson("/api/v1/products?limit=100")).body.data as { slug: string }[])
      .map((p) => p.slug)
      .slice(0, 12);
    const acked: { key: string; op: string; order: number }[] = [];
    let order = 0;
    let writing = true;
    // A mirror that pages through the feed with small pages while the writes happen.
    const mirror = (async () => {
      const seen: Change[] = [];
      let since = "";
      while (writing || since === "") {
        const { body } = await getJson(
          `/api/v1/changes?limit=7${since ? `&since=${encodeURIComponent(since)}` : ""}`,
        );
        seen.push(...(body.data as Change[]));
        since = body.page.next_cursor;
      }
      for (;;) {
        const { body } = await getJson(`/api/v1/changes?limit=7&since=${encodeURIComponent(since)}`);
        seen.push(...(body.data as Change[]));
        since = body.page.next_cursor;
        if (!body.page.has_more) break;
      }
      return seen;
    })();
    // Each writer owns one channel/product pair set, so its acknowledgements come in commit order.
    await Promise.all(
      channels.flatMap((channel) =>
        [0, 1].map(async (half) => {
          const key = keyring(channel);
          const mine = products.filter((_, i) => i % 2 === half);
          for (let n = 0; n < 18; n++) {
            const product = mine[n % mine.length] ?? "";
            const del = n % 5 === 4;
            const res = del
              ? await send("DELETE", path(channel, product), await key())
              : await send(
                  "PUT",
                  path(channel, product),
                  await key(),
                  listing({ price_vnd: 1000 * n + half }),
                );
            await res.body?.cancel();
            if (res.ok)
              acked.push({ key: `${channel}/${product}`, op: del ? "delete" : "upsert", order: order++ });
            else expect(del && res.status === 404, `${res.status}`).toBe(true);
          }
        }),
      ),
    );
    writing = false;
    const mirrored = (await mirror).filter((c) => c.seq > start);
    const all = await feedAfter(start, 1000);
    // Gap-free and ordered: consecutive seqs, also as the concurrent reader saw them.
    for (const feed of [all, mirrored]) {
      feed.forEach((c, i) => {
        if (i > 0) expect(c.seq).toBe((feed[i - 1]?.seq ?? 0) + 1);
      });
    }
    expect(mirrored).toEqual(all);
    // Exactly the acknowledged writes, per listing in the order they were acknowledged.
    const listingEntries = all.filter((c) => c.entity === "listing");
    expect(listingEntries).toHaveLength(acked.length);
    const byKey = (xs: { key: string; op: string }[]) => {
      const m = new Map<string, string[]>();
      for (const x of xs) m.set(x.key, [...(m.get(x.key) ?? []), x.op]);
      return Object.fromEntries([...m].sort());
    };
    expect(byKey(listingEntries)).toEqual(byKey(acked));
    console.log(
      `feed under concurrency: ${acked.length} acknowledged writes, ${all.length} entries, reader saw ${mirrored.length}`,
    );
  });
});
