import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, getJson, walk } from "../helpers/http.ts";
import { sheetRecords } from "../helpers/seed.ts";

type Item = {
  slug: string;
  name: string;
  tier: string | null;
  ocop_stars: number | null;
  group: string;
  producer: { slug: string; district?: string | null };
};
type Facet = { value: string; label: string; count: number };

const slugs = (items: { slug: string }[]) => items.map((i) => i.slug);
/** Products the shipped sheets add, and those among them certified OCOP without a star count. */
const sheetSlugs = sheetRecords("products").map((p) => p.slug);
const starsNotStated = new Set(
  sheetRecords("recognitions")
    .filter((r) => r.scheme === "ocop" && r.stars === "not_stated")
    .map((r) => r.product),
);

describe("GET /api/v1/products", () => {
  it("lists the whole catalogue, national tier first by default", async () => {
    const { status, body, res } = await getJson("/api/v1/products?limit=100&include=illustrative");
    expect(status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(body.page.total).toBeGreaterThanOrEqual(19);
    expect(body.data).toHaveLength(body.page.total);
    expect(body.page.next_cursor).toBeNull();
    // Real products first, then the illustrative ones; each part best tier first.
    const illustrative = body.data.map((p: Item & { provenance: { record: string } }) =>
      p.provenance.record === "illustrative" ? 1 : 0,
    );
    expect(illustrative).toEqual([...illustrative].sort());
    for (const part of [0, 1]) {
      const ranks = body.data
        .filter((_: Item, i: number) => illustrative[i] === part)
        .map((p: Item) => ["national", "regional", "provincial", "district"].indexOf(p.tier ?? "") >>> 0);
      expect(ranks).toEqual([...ranks].sort((a: number, b: number) => a - b));
    }
    expect(body.data[0].tier).toBe("national");
    const producers = new Set(body.data.map((p: Item) => p.producer.slug));
    expect(producers.size).toBeGreaterThanOrEqual(12);
    // By default only the real products.
    const real = await getJson("/api/v1/products?limit=100");
    expect(real.body.page.total).toBe(illustrative.filter((x: number) => x === 0).length);
  });

  it("filters by tier: only national products, matching the verified national awards", async () => {
    const { body } = await getJson("/api/v1/products?tier=national");
    expect(slugs(body.data).sort()).toEqual(["chieu-truc-688", "lap-suon-thit-hun-khoi-tam-hoa"]);
    expect(body.data.every((p: Item) => p.tier === "national")).toBe(true);
  });

  it("accepts several values for a filter, repeated or comma-separated (OR within a facet)", async () => {
    const a = await getJson("/api/v1/products?tier=national&tier=regional&include=illustrative");
    const b = await getJson("/api/v1/products?tier=national,regional&include=illustrative");
    // National: Tâm Hòa's lạp sườn and 688's chiếu trúc; regional: the illustrative bánh khảo.
    expect(a.body.page.total).toBe(3);
    expect(slugs(a.body.data)).toEqual(slugs(b.body.data));
    expect(new Set(a.body.data.map((p: Item) => p.tier))).toEqual(new Set(["national", "regional"]));
  });

  it.each([
    // 25 with their stars, and the 5 the sources name as OCOP without stars (never shown with a star count).
    [
      "scheme=ocop",
      (p: Item & { ocop: boolean }) => p.ocop && (p.ocop_stars === null) === starsNotStated.has(p.slug),
      30,
    ],
    ["group=handicraft", (p: Item) => p.group === "handicraft", 1],
    ["group=machinery", (p: Item) => p.group === "machinery", 1],
    [
      "producer=cong-ty-tnhh-kolia-cao-bang",
      (p: Item) => p.producer.slug === "cong-ty-tnhh-kolia-cao-bang",
      5,
    ],
  ])("filters by %s", async (query, holds, expected) => {
    const { status, body } = await getJson(`/api/v1/products?${query}&limit=100&include=illustrative`);
    expect(status).toBe(200);
    expect(body.page.total).toBe(expected);
    expect(body.data).toHaveLength(expected);
    expect(body.data.every(holds)).toBe(true);
  });

  it("filters by channel: only products listed at that chain", async () => {
    // Every AEON listing is illustrative (the source never says which product is at which chain).
    expect((await getJson("/api/v1/products?channel=aeon")).body.data).toEqual([]);
    const { body } = await getJson("/api/v1/products?channel=aeon&include=illustrative");
    expect(slugs(body.data).sort()).toEqual(["bun-kho-cao-tuyen", "lap-suon-thit-hun-khoi-tam-hoa"]);
    const detail = await getJson("/api/v1/products/bun-kho-cao-tuyen?include=illustrative");
    expect(detail.body.listings.map((l: { channel: { slug: string } }) => l.channel.slug)).toContain("aeon");
  });

  it("filters by district of the producer", async () => {
    const { body } = await getJson("/api/v1/products?district=nguyen-binh&limit=100");
    expect(body.page.total).toBeGreaterThan(3);
    for (const p of body.data as Item[]) {
      const producer = await getJson(`/api/v1/producers/${p.producer.slug}`);
      expect(producer.body.address.district).toBe("Nguyên Bình");
    }
  });

  it("combines filters (AND across facets)", async () => {
    const { body } = await getJson("/api/v1/products?district=nguyen-binh&scheme=ocop");
    expect(slugs(body.data).sort()).toEqual([
      "danh-tra-kolia",
      "dinh-tra-kolia",
      "hong-tra",
      "luc-tra",
      "mat-ong-doan-linh",
      "mien-dong-tan-viet-a",
      "tra-o-long",
    ]);
  });

  it("gives facet counts over the whole result set, each facet ignoring its own filter", async () => {
    const base = "/api/v1/products?district=quang-hoa&tier=provincial,regional&limit=1&include=illustrative";
    const { body } = await getJson(base);
    const facets = body.facets as Record<string, Facet[]>;
    // Every facet value's count equals the total when that value replaces the facet's own filter.
    const param: Record<string, string> = {
      tier: "tier",
      group: "group",
      producer: "producer",
      channel: "channel",
      district: "district",
      scheme: "scheme",
    };
    for (const [facet, values] of Object.entries(facets)) {
      for (const v of values) {
        const url = new URL(`http://x${base}`);
        url.searchParams.set(param[facet] ?? facet, v.value);
        const check = await getJson(`${url.pathname}${url.search}`);
        expect(check.body.page.total, `${facet}=${v.value}`).toBe(v.count);
      }
    }
    // The tier facet ignores the tier filter: it offers the tiers available in the district (the illustrative
    // bánh khảo, regional).
    expect(facets.tier?.find((f) => f.value === "regional")?.count).toBe(1);
    // The district facet ignores district=quang-hoa but applies the tiers: it counts every provincial or regional
    // product with a district, wherever it is.
    const districts = Object.fromEntries((facets.district ?? []).map((f) => [f.value, f.count]));
    expect(districts["quang-hoa"]).toBe(body.page.total);
    const provincial = await getJson(
      "/api/v1/products?tier=provincial,regional&limit=100&include=illustrative",
    );
    const withDistrict = (provincial.body.data as Item[]).filter((p) => p.producer.district).length;
    expect(Object.values(districts).reduce((a, b) => a + b, 0)).toBe(withDistrict);
  });

  it("sorts by name both ways and by newest, per language", async () => {
    const asc = await getJson("/api/v1/products?sort=name&limit=100");
    const desc = await getJson("/api/v1/products?sort=-name&limit=100");
    expect(slugs(desc.body.data)).toEqual(slugs(asc.body.data).reverse());
    expect(asc.body.data[0].name).toBe("Bún cẩm khô cô Luyến");
    const en = await getJson("/api/v1/products?sort=name&lang=en&limit=100");
    expect(en.body.data[0].name).toBe("Bamboo mats of Công ty TNHH MTV 688");
    const newest = await getJson("/api/v1/products?sort=newest&limit=1");
    // The imported sheets were seeded after src/seed/data.ts's records (created at seeding time).
    expect(sheetSlugs).toContain(newest.body.data[0].slug);
    // With illustrative products included, real ones still come first, each part in the asked order.
    const all = await getJson("/api/v1/products?sort=name&limit=100&include=illustrative");
    expect(all.body.data[0].name).toBe("Bún cẩm khô cô Luyến");
    expect(all.body.data.at(-1).provenance.record).toBe("illustrative");
  });
});

describe("search", () => {
  // Search is about folding: illustrative products are included unless a test asks otherwise.
  const search = async (q: string, extra = "&include=illustrative") => {
    const { status, body } = await getJson(`/api/v1/products?q=${encodeURIComponent(q)}${extra}&limit=100`);
    expect(status).toBe(200);
    return body.data as Item[];
  };

  it.each([
    ["mien dong", "mien-dong-tan-viet-a"],
    ["miến dong", "mien-dong-cai-bo"],
    ["MIẾN DONG", "mien-dong-phia-den"],
    ["lap suon", "lap-suon-thit-hun-khoi-tam-hoa"],
    ["khau sli", "khau-sli-na-giang"],
    ["hong tra", "hong-tra"],
    ["tra o long", "tra-o-long"],
    ["chieu truc", "chieu-truc-688"],
    ["dinh tra", "dinh-tra-kolia"],
    ["Đinh Trà", "dinh-tra-kolia"],
    ["đinh", "dinh-tra-kolia"],
    ["kolia", "danh-tra-kolia"],
    ["mac khen", "lap-suon-thit-hun-khoi-tam-hoa"],
    ["bamboo", "chieu-truc-688"],
    ["mien do", "mien-dong-tan-viet-a"],
  ])("%s finds %s", async (q, slug) => {
    expect(slugs(await search(q))).toContain(slug);
  });

  it("folds tone-mark placement: Hòa, Hoà and hoa give the same results", async () => {
    const a = slugs(await search("Tâm Hòa"));
    expect(a).toContain("lap-suon-thit-hun-khoi-tam-hoa");
    expect(slugs(await search("Tâm Hoà"))).toEqual(a);
    expect(slugs(await search("tam hoa"))).toEqual(a);
  });

  it("ranks name matches before matches of the producer or place", async () => {
    const results = (await search("cao bang")) as (Item & { provenance: { record: string } })[];
    // A name matches when it holds both words (accents aside).
    const inName = (p: Item) => {
      const words = p.name
        .normalize("NFD")
        .replace(/\p{M}/gu, "")
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u);
      return words.includes("cao") && words.includes("bang");
    };
    // The seed has both kinds, so the order between them is really tested.
    expect(results.filter(inName).length).toBeGreaterThanOrEqual(1);
    expect(results.filter((p) => !inName(p)).length).toBeGreaterThanOrEqual(2);
    // Real products come first (illustrative ones are included here); within each part, name matches first.
    for (const illustrative of [false, true]) {
      const part = results
        .filter((p) => (p.provenance.record === "illustrative") === illustrative)
        .map(inName);
      expect(part).toEqual([...part].sort((a, b) => Number(b) - Number(a)));
    }
  });

  it("combines search with filters and facets", async () => {
    const { body } = await getJson("/api/v1/products?q=mien%20dong&scheme=ocop");
    expect(slugs(body.data).sort()).toEqual(["mien-dong-cuong-yen", "mien-dong-tan-viet-a"]);
    const producers = (body.facets.producer as Facet[]).map((f) => f.value);
    expect(producers.sort()).toEqual(["chu-the-mien-dong-cuong-yen", "htx-tan-viet-a"]);
  });

  it("returns nothing (not everything) for text with no searchable words", async () => {
    const { body } = await getJson(`/api/v1/products?q=${encodeURIComponent("🙂 !!! ***")}`);
    expect(body.page.total).toBe(0);
    expect(body.data).toEqual([]);
    expect(body.facets.tier.every((f: Facet) => f.count === 0)).toBe(true);
  });

  it.each([
    '"',
    '""',
    "mien*",
    "*",
    "-dong",
    "mien -dong",
    "sort_vi:mien",
    "{sort_vi}: mien",
    "(mien",
    "mien)",
    "mien AND dong",
    "mien OR",
    "NEAR(mien dong)",
    "NOT",
    "^mien",
    "mien + dong",
    "'; DROP TABLE products; --",
    "\u0000\u0001",
    "🍜🍜🍜",
    "\u202Emien",
    "a".repeat(200),
  ])("hostile search text %j is a 200, never an error", async (q) => {
    const res = await call(`/api/v1/products?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
    expect((await res.json<{ data: unknown[] }>()).data).toBeInstanceOf(Array);
  });

  it.each([
    "mien*",
    '"mien dong"',
    "mien AND dong",
    "mien OR dong",
    "NEAR(mien dong)",
    "mien -dong",
    "(mien",
    "^mien",
    "mien + dong",
    "mien NOT",
  ])("search syntax around real words is data: %j finds the miến dong products", async (q) => {
    const plain = slugs((await getJson("/api/v1/products?q=mien%20dong")).body.data);
    expect(plain.length).toBeGreaterThanOrEqual(3);
    const { status, body } = await getJson(`/api/v1/products?q=${encodeURIComponent(q)}`);
    expect(status).toBe(200);
    expect(slugs(body.data).sort()).toEqual([...plain].sort());
  });

  it("rejects 10,000 characters of search text with a 400 naming q", async () => {
    const res = await call(`/api/v1/products?q=${"mien ".repeat(2000)}`);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const problem = await res.json<{ invalid_params: { name: string }[] }>();
    expect(problem.invalid_params.map((p) => p.name)).toEqual(["q"]);
  });
});

describe("cursor pagination", () => {
  const queries = [
    "/api/v1/products",
    "/api/v1/products?sort=name",
    "/api/v1/products?sort=-name&lang=en",
    "/api/v1/products?sort=newest",
    "/api/v1/products?q=tra",
    "/api/v1/products?q=mien%20dong&sort=relevance",
    "/api/v1/products?district=nguyen-binh&sort=tier",
  ];

  it.each(queries)("walks %s to the end with no duplicates or gaps", async (path) => {
    const sep = path.includes("?") ? "&" : "?";
    const all = await getJson(`${path}${sep}limit=100`);
    for (const limit of [1, 3, 7]) {
      const { items, pages } = await walk<Item>(path, limit);
      expect(slugs(items)).toEqual(slugs(all.body.data));
      expect(pages).toBe(Math.max(1, Math.ceil(all.body.page.total / limit)));
    }
  });

  it("stays stable while data changes: rows added or removed elsewhere never duplicate or skip", async () => {
    const first = await getJson("/api/v1/products?sort=name&limit=5");
    const seen: string[] = slugs(first.body.data);
    // Between pages, a product sorting before the cursor appears and one after it disappears.
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO products (id, slug, producer_id, name_vi, name_en, product_group, category_vi, category_en, sort_vi, sort_en) VALUES (900, 'aaa-moi', 1, 'AAA mới', 'AAA new', 'other', 'Khác', 'Other', 'aaa moi', 'aaa new')",
      ),
      env.DB.prepare(
        "DELETE FROM recognitions WHERE product_id = (SELECT id FROM products WHERE slug = 'tra-o-long')",
      ),
      env.DB.prepare("DELETE FROM products WHERE slug = 'tra-o-long'"),
    ]);
    const after: string[] = [];
    let cursor: string | null = first.body.page.next_cursor;
    while (cursor) {
      const page = await getJson(`/api/v1/products?sort=name&limit=5&cursor=${encodeURIComponent(cursor)}`);
      expect(page.status).toBe(200);
      after.push(...slugs(page.body.data));
      cursor = page.body.page.next_cursor;
    }
    expect(after).not.toContain("aaa-moi");
    expect(after).not.toContain("tra-o-long");
    expect(new Set([...seen, ...after]).size).toBe(seen.length + after.length);
    const now = await getJson("/api/v1/products?sort=name&limit=100");
    expect([...seen, ...after]).toEqual(slugs(now.body.data).filter((s: string) => s !== "aaa-moi"));
  });

  it("rejects a tampered cursor with a 400 naming cursor", async () => {
    const { body } = await getJson("/api/v1/products?limit=2");
    const cursor: string = body.page.next_cursor;
    const [payload, sig] = cursor.split(".");
    const forged = `${btoa(JSON.stringify(["p1|tier|vi||||||||", [0, "a", 1]])).replace(/=+$/, "")}.${sig}`;
    for (const bad of [`${payload}.AAAA${sig?.slice(4)}`, forged, "garbage", `${cursor}.x`, "%%%"]) {
      const res = await call(`/api/v1/products?limit=2&cursor=${encodeURIComponent(bad)}`);
      expect(res.status, bad).toBe(400);
      const problem = await res.json<{ invalid_params: { name: string }[] }>();
      expect(problem.invalid_params[0]?.name).toBe("cursor");
    }
  });

  it("rejects a cursor reused with another query", async () => {
    const { body } = await getJson("/api/v1/products?limit=2&sort=name");
    const res = await call(
      `/api/v1/products?limit=2&sort=-name&cursor=${encodeURIComponent(body.page.next_cursor)}`,
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("different query");
  });
});
