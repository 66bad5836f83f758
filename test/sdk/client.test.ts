// The typed SDK (packages/client) against the real Worker under `wrangler dev`: what a retailer's integration does.
import { ApiError, type Change, type CollectionPath, createCatalogueClient } from "@caobang-cnnt/client";
import { describe, expect, inject, it } from "vitest";
import { type MirrorState, syncChannel } from "../../examples/sync-client.ts";

const origin = inject("origin");
const key = inject("aeonKey");
const anonymous = createCatalogueClient({ origin });
const aeon = createCatalogueClient({ origin, apiKey: key });
const PRODUCT = "mien-dong-tan-viet-a";

/** Every collection, read in one page of its largest size and read two items at a time through `paginate`. */
const COLLECTIONS: CollectionPath[] = ["/products", "/producers", "/channels", "/recognitions", "/changes"];

async function firstPage(path: CollectionPath) {
  // The change feed pages up to 1,000 entries (the seed's feed is longer than 100), the rest up to 100.
  const res = await fetch(`${origin}/api/v1${path}?limit=${path === "/changes" ? 1000 : 100}`);
  expect(res.status).toBe(200);
  return (await res.json()) as { data: unknown[]; page: { has_more: boolean } };
}

describe("paginate", () => {
  it.each(COLLECTIONS)("reads every item of %s across pages, in the collection's order", async (path) => {
    const whole = await firstPage(path);
    expect(whole.page.has_more).toBe(false);
    expect(whole.data.length).toBeGreaterThan(2);
    const paged: unknown[] = [];
    for await (const item of anonymous.paginate(path, { limit: 2 })) paged.push(item);
    expect(paged).toEqual(whole.data);
  });

  it("passes the collection's typed filters on every page", async () => {
    const national: string[] = [];
    for await (const p of anonymous.paginate("/products", { tier: ["national"], limit: 1 })) {
      expect(p.tier).toBe("national");
      national.push(p.slug);
    }
    const all = (await firstPage("/products")).data as { slug: string; tier: string | null }[];
    expect(national).toEqual(all.filter((p) => p.tier === "national").map((p) => p.slug));
    expect(national.length).toBeGreaterThan(0);
  });

  it("reports the API's problem when a parameter is wrong", async () => {
    const pages = anonymous.paginate("/products", { limit: 0 });
    const err = await pages.next().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(400);
    expect((err as ApiError).problem?.invalid_params?.[0]?.name).toBe("limit");
  });
});

describe("mirror", () => {
  it("reads the whole feed, then only what changed since the saved cursor", async () => {
    const seen: Change[] = [];
    const saved: string[] = [];
    const first = await anonymous.mirror({
      limit: 10,
      apply: (changes) => void seen.push(...changes),
      save: (cursor) => void saved.push(cursor),
    });
    expect(first.read).toBe(seen.length);
    expect(seen.length).toBeGreaterThan(10);
    // In feed order, each change once (illustrative records' changes are left out by default, so seq has gaps),
    // and the cursor saved after each page.
    const seqs = seen.map((c) => c.seq);
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
    expect(saved.at(-1)).toBe(first.cursor);
    expect(saved.length).toBeGreaterThanOrEqual(Math.ceil(seen.length / 10));

    await aeon.updateListing("aeon", PRODUCT, (l) => ({ status: "in_stock", ...l, price_vnd: 71000 }));
    const next: Change[] = [];
    const second = await anonymous.mirror({ cursor: first.cursor, apply: (c) => void next.push(...c) });
    // The listing, and its product, whose embedded listings changed (just before it).
    expect(next.map((c) => [c.entity, c.key, c.op])).toEqual([
      ["product", PRODUCT, "upsert"],
      ["listing", `aeon/${PRODUCT}`, "upsert"],
    ]);
    expect(next[0]?.seq).toBeGreaterThan(seen.at(-1)?.seq ?? 0);

    const third = await anonymous.mirror({ cursor: second.cursor, apply: () => {} });
    expect(third.read).toBe(0);
    expect(third.cursor).toBe(second.cursor);
  });

  it("resumes after a crash from the last saved cursor, re-reading the failed page and skipping nothing", async () => {
    const applied: number[] = [];
    let saved: string | null = null;
    let pages = 0;
    const crashing = anonymous.mirror({
      limit: 7,
      apply: (changes) => {
        if (++pages === 3) throw new Error("crash while applying page 3");
        applied.push(...changes.map((c) => c.seq));
      },
      save: (cursor) => {
        saved = cursor;
      },
    });
    await expect(crashing).rejects.toThrow("crash while applying page 3");
    expect(applied.length).toBe(14);
    await anonymous.mirror({
      cursor: saved,
      limit: 7,
      apply: (changes) => void applied.push(...changes.map((c) => c.seq)),
    });
    const all: number[] = [];
    await anonymous.mirror({ apply: (changes) => void all.push(...changes.map((c) => c.seq)) });
    expect(applied).toEqual(all);
  });

  it("starts again from the beginning after a restore (410), emptying the mirror first", async () => {
    const { cursor: stale } = await anonymous.mirror({ apply: () => {} });
    // The restore itself is proven in test/ops; here the feed's 410 for a cursor from before it, as sent.
    const restored = createCatalogueClient({
      origin,
      fetch: async (request) =>
        new URL(request.url).searchParams.get("cursor") === stale
          ? Response.json(
              { type: "/problems/feed-reset", title: "Gone", status: 410 },
              { status: 410, headers: { "content-type": "application/problem+json" } },
            )
          : fetch(request),
    });
    const events: string[] = [];
    const again = await restored.mirror({
      cursor: stale,
      reset: () => void events.push("reset"),
      apply: (changes) => void events.push(`apply ${changes[0]?.seq}`),
    });
    expect(events[0]).toBe("reset");
    expect(events[1]).toBe("apply 1");
    expect(again.cursor).toBe(stale);
    const err = await restored.mirror({ cursor: stale, apply: () => {} }).catch((e: unknown) => e);
    expect((err as ApiError).status).toBe(410);
  });

  it("examples/sync-client.ts mirrors the channel's listings as the API shows them", async () => {
    const state: MirrorState = { cursor: null, listings: {}, productsChanged: [] };
    await syncChannel(anonymous, "aeon", state);
    const channel = (await (await fetch(`${origin}/api/v1/channels/aeon`)).json()) as {
      listings: { product: { slug: string }; price_vnd: number | null }[];
    };
    expect(Object.keys(state.listings).sort()).toEqual(channel.listings.map((l) => l.product.slug).sort());
    for (const l of channel.listings) expect(state.listings[l.product.slug]?.price_vnd).toBe(l.price_vnd);
    expect(state.productsChanged).toContain(PRODUCT);

    await aeon.updateListing("aeon", PRODUCT, (l) => ({ status: "in_stock", ...l, price_vnd: 73500 }));
    const read = await syncChannel(anonymous, "aeon", state);
    expect(read).toBe(2); // the product's entry and the listing's
    expect(state.listings[PRODUCT]?.price_vnd).toBe(73500);
  });
});

describe("updateListing", () => {
  const rawPut = (price: number, etag: string) =>
    fetch(`${origin}/api/v1/channels/aeon/listings/${PRODUCT}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "if-match": etag },
      body: JSON.stringify({ status: "in_stock", price_vnd: price }),
    });

  it("re-reads and retries when someone else wrote in between (412), keeping their change", async () => {
    const before = await aeon.getListing("aeon", PRODUCT);
    if (!before) throw new Error("aeon lists the product (earlier tests wrote it)");
    const read: (number | null | undefined)[] = [];
    const written = await aeon.updateListing("aeon", PRODUCT, async (current) => {
      if (!current) throw new Error("listed");
      read.push(current.price_vnd);
      // Another writer (the chain's back office) changes the price between our read and our write.
      if (read.length === 1) expect((await rawPut(99000, current.etag)).status).toBe(200);
      return { ...current, note: `ours after ${read.length} read(s)` };
    });
    expect(read).toEqual([before.price_vnd, 99000]);
    expect(written.price_vnd).toBe(99000);
    expect(written.note).toBe("ours after 2 read(s)");
    expect(written.version).toBe(before.version + 2);
  });

  it("gives up with the 412 after its attempts", async () => {
    const err = await aeon
      .updateListing(
        "aeon",
        PRODUCT,
        async (current) => {
          if (!current) throw new Error("listed");
          await rawPut((current.price_vnd ?? 0) + 1, current.etag);
          return { ...current, note: "never written" };
        },
        { attempts: 2 },
      )
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(412);
    expect((await aeon.getListing("aeon", PRODUCT))?.note).not.toBe("never written");
  });

  it("creates a listing only if none exists, and writes need the channel's key", async () => {
    const created = await aeon.updateListing("aeon", "chieu-truc-688", (current) => {
      expect(current).toBeNull();
      return { status: "coming_soon", price_vnd: null, channel_sku: null, url: null, stores: [], note: null };
    });
    expect(created.version).toBe(1);
    const err = await anonymous
      .updateListing("aeon", "chieu-truc-688", (l) => ({ status: "in_stock", ...l }))
      .catch((e: unknown) => e);
    expect((err as ApiError).status).toBe(401);
  });
});
