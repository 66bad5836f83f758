// The tier, group, district and scheme facets (and the unsearched total) are read from counts kept by triggers
// (migration 0009_facet_counts), not counted from the rows. They must stay exactly what counting the rows gives,
// for every filter combination and after every kind of write that moves a product between values — with
// illustrative products left out (the default) and included (each count then says how many of it are illustrative).
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { getJson } from "../helpers/http.ts";

interface Product {
  id: number;
  tier: number;
  group: string;
  district: string | null;
  producer: string;
  schemes: Set<string>;
  channels: Set<string>;
  /** Channels with a listing that is not illustrative itself. */
  realChannels: Set<string>;
  illustrative: boolean;
}

const RANK: Record<string, number> = { national: 4, regional: 3, provincial: 2 };

/** Every product with what the facets look at, read from the base tables. */
async function products(): Promise<Product[]> {
  const { results } = await env.DB.prepare(
    `SELECT p.id, p.tier_rank AS tier, p.product_group AS "group", pr.district_slug AS district, pr.slug AS producer,
       (SELECT group_concat(DISTINCT r.scheme) FROM recognitions r WHERE r.product_id = p.id) AS schemes,
       (SELECT group_concat(c.slug) FROM listings l JOIN channels c ON c.id = l.channel_id WHERE l.product_id = p.id) AS channels,
       (SELECT group_concat(c.slug) FROM listings l JOIN channels c ON c.id = l.channel_id WHERE l.product_id = p.id AND l.provenance <> 'illustrative') AS real_channels,
       p.provenance = 'illustrative' AS illustrative
     FROM products p JOIN producers pr ON pr.id = p.producer_id`,
  ).all<
    Omit<Product, "schemes" | "channels" | "realChannels" | "illustrative"> & {
      schemes: string | null;
      channels: string | null;
      real_channels: string | null;
      illustrative: number;
    }
  >();
  return results.map((r) => ({
    ...r,
    schemes: new Set(r.schemes?.split(",") ?? []),
    channels: new Set(r.channels?.split(",") ?? []),
    realChannels: new Set(r.real_channels?.split(",") ?? []),
    illustrative: r.illustrative === 1,
  }));
}

type Filters = Partial<
  Record<"tier" | "group" | "district" | "scheme" | "producer" | "channel", string[]>
> & {
  q?: string;
};

/** The facets by definition: each counts the products passing every filter but its own. */
async function expected(f: Filters, include: boolean) {
  const all = (await products()).filter((p) => include || !p.illustrative);
  // The search's words as typed, in the columns shoppers search; as the start of a word only when that finds none.
  const match = async (expr: string) =>
    (
      await env.DB.prepare("SELECT rowid AS id FROM products_fts WHERE products_fts MATCH ?")
        .bind(`{name kind producer place award} : ${expr}`)
        .all<{ id: number }>()
    ).results.map((r) => r.id);
  const exact = f.q ? await match(`"${f.q}"`) : [];
  const matched = f.q ? new Set(exact.length ? exact : await match(`"${f.q}"*`)) : null;
  const tests: Record<string, (p: Product) => boolean> = {
    q: (p) => matched === null || matched.has(p.id),
    tier: (p) => !f.tier || f.tier.some((t) => RANK[t] === p.tier),
    group: (p) => !f.group || f.group.includes(p.group),
    district: (p) => !f.district || f.district.includes(p.district ?? ""),
    scheme: (p) => !f.scheme || f.scheme.some((s) => p.schemes.has(s)),
    producer: (p) => !f.producer || f.producer.includes(p.producer),
    channel: (p) => !f.channel || f.channel.some((c) => (include ? p.channels : p.realChannels).has(c)),
  };
  const but = (own: string | null) =>
    all.filter((p) => Object.entries(tests).every(([k, t]) => k === own || t(p)));
  // "n/i": how many, and how many of them are illustrative.
  const count = (ps: Product[], values: (p: Product) => (string | null)[]) => {
    const out: Record<string, [number, number]> = {};
    for (const p of ps)
      for (const v of values(p))
        if (v !== null) {
          const [n, i] = out[v] ?? [0, 0];
          out[v] = [n + 1, i + (p.illustrative ? 1 : 0)];
        }
    return Object.fromEntries(Object.entries(out).map(([k, [n, i]]) => [k, `${n}/${i}`]));
  };
  const tierName = Object.fromEntries(Object.entries(RANK).map(([k, v]) => [v, k]));
  const tier = count(but("tier"), (p) => [tierName[p.tier] ?? null]);
  const total = but(null);
  // A channel's count is its listings (one per product); illustrative when the listing or its product is.
  const channel: Record<string, string> = {};
  for (const p of but("channel"))
    for (const c of include ? p.channels : p.realChannels) {
      const [n, i] = (channel[c] ?? "0/0").split("/").map(Number);
      const ill = p.illustrative || !p.realChannels.has(c);
      channel[c] = `${(n ?? 0) + 1}/${(i ?? 0) + (ill ? 1 : 0)}`;
    }
  return {
    total: `${total.length}/${total.filter((p) => p.illustrative).length}`,
    tier: Object.fromEntries(["national", "regional", "provincial"].map((t) => [t, tier[t] ?? "0/0"])),
    group: count(but("group"), (p) => [p.group]),
    district: count(but("district"), (p) => [p.district]),
    scheme: count(but("scheme"), (p) => [...p.schemes]),
    channel,
  };
}

async function actual(f: Filters, include: boolean) {
  const params = new URLSearchParams(
    Object.entries(f).map(([k, v]) => [k, Array.isArray(v) ? v.join(",") : v]) as [string, string][],
  );
  if (include) params.set("include", "illustrative");
  const { status, body } = await getJson(`/api/v1/products?${params}`);
  expect(status).toBe(200);
  const asMap = (xs: { value: string; count: number; illustrative: number }[]) =>
    Object.fromEntries(xs.map((x) => [x.value, `${x.count}/${x.illustrative}`]));
  return {
    total: `${body.page.total}/${body.page.illustrative}`,
    tier: asMap(body.facets.tier),
    group: asMap(body.facets.group),
    district: asMap(body.facets.district),
    scheme: asMap(body.facets.scheme),
    channel: asMap(body.facets.channel),
  };
}

const COMBINATIONS: Filters[] = [
  {},
  { tier: ["national"] },
  { tier: ["national", "regional"], group: ["processed_food"] },
  { district: ["nguyen-binh"] },
  { scheme: ["ocop"] },
  { scheme: ["cnnt", "ocop"], district: ["nguyen-binh", "trung-khanh"] },
  { group: ["handicraft"], scheme: ["cnnt"] },
  { q: "mien" },
  { q: "tra", tier: ["provincial"] },
  { producer: ["htx-tam-hoa"] },
  { channel: ["aeon"], group: ["processed_food"] },
];

async function expectExact() {
  for (const include of [false, true])
    for (const f of COMBINATIONS)
      expect([f, include, await actual(f, include)]).toEqual([f, include, await expected(f, include)]);
  // The counts table adds up to the catalogue.
  const sum = await env.DB.prepare("SELECT sum(n) AS n FROM facet_counts").first<{ n: number }>();
  const n = await env.DB.prepare("SELECT count(*) AS n FROM products").first<{ n: number }>();
  expect(sum?.n).toBe(n?.n);
}

const run = (sql: string, ...params: unknown[]) =>
  env.DB.prepare(sql)
    .bind(...params)
    .run();

describe("facet counts kept by triggers", () => {
  it("equal counting the rows, for every filter combination, on the seeded catalogue", async () => {
    const some = await actual({}, true);
    expect(some.total).not.toBe("0/0");
    expect(some.total.endsWith("/0")).toBe(false); // the seed has illustrative products to count apart
    expect(Object.keys(some.district).length).toBeGreaterThan(1);
    await expectExact();
  });

  it("stay exact when a recognition is added, changed and removed (tier and schemes move)", async () => {
    const product = "mien-dong-tan-viet-a";
    await run(
      `INSERT INTO recognitions (id, product_id, scheme, level, year, title_vi, title_en, source_url)
       SELECT 9001, id, 'cnnt', 'national', 2025, 't', 't', 'https://example.org/r' FROM products WHERE slug = ?`,
      product,
    );
    await run(
      `INSERT INTO recognitions (id, product_id, scheme, year, title_vi, title_en, source_url)
       SELECT 9002, id, 'geographical_indication', 2025, 't', 't', 'https://example.org/r' FROM products WHERE slug = ?`,
      product,
    );
    await expectExact();
    await run("UPDATE recognitions SET level = 'provincial' WHERE id = 9001");
    await run("UPDATE recognitions SET scheme = 'collective_mark' WHERE id = 9002");
    await expectExact();
    await run("DELETE FROM recognitions WHERE id IN (9001, 9002)");
    await expectExact();
  });

  it("stay exact when a producer moves district and a product changes group or producer", async () => {
    await run(
      "UPDATE producers SET district_slug = 'ha-quang', district = 'Hà Quảng' WHERE id = (SELECT producer_id FROM products WHERE slug = 'mien-dong-tan-viet-a')",
    );
    await expectExact();
    await run("UPDATE products SET product_group = 'handicraft' WHERE slug = 'mien-dong-tan-viet-a'");
    await run(
      "UPDATE products SET producer_id = (SELECT id FROM producers WHERE slug = 'htx-tam-hoa') WHERE slug = 'mien-dong-phia-den'",
    );
    await expectExact();
  });

  it("stay exact when products are added and deleted", async () => {
    const { results: cols } = await env.DB.prepare("PRAGMA table_info(products)").all<{ name: string }>();
    const names = cols.map((c) => c.name).filter((c) => c !== "id");
    const values = names.map((c) => (c === "slug" ? "slug || '-copy'" : c));
    await run(
      `INSERT INTO products (${names.join(", ")}) SELECT ${values.join(", ")} FROM products WHERE slug = 'mien-dong-tan-viet-a'`,
    );
    await expectExact();
    await run("DELETE FROM products WHERE slug IN ('mien-dong-tan-viet-a-copy', 'mien-dong-phia-den')");
    await expectExact();
  });

  it("count a product written with only the sample flag (as editors and imports write it) as illustrative", async () => {
    // The seed sets provenance itself; editors set `sample` and a trigger makes the product illustrative. The
    // facet row must say so whichever of the two insert triggers runs first.
    const { results: cols } = await env.DB.prepare("PRAGMA table_info(products)").all<{ name: string }>();
    const names = cols.map((c) => c.name).filter((c) => c !== "id");
    const values = names.map((c) =>
      c === "slug" ? "slug || '-sample'" : c === "sample" ? "1" : c === "provenance" ? "'sourced'" : c,
    );
    await run(
      `INSERT INTO products (${names.join(", ")}) SELECT ${values.join(", ")} FROM products WHERE slug = 'mien-dong-tan-viet-a'`,
    );
    const row = await env.DB.prepare(
      "SELECT p.provenance, f.illustrative FROM products p JOIN product_facets f ON f.id = p.id WHERE p.slug = 'mien-dong-tan-viet-a-sample'",
    ).first<{ provenance: string; illustrative: number }>();
    expect(row).toEqual({ provenance: "illustrative", illustrative: 1 });
    await expectExact();
    await run("DELETE FROM products WHERE slug = 'mien-dong-tan-viet-a-sample'");
    await expectExact();
  });

  it("count channels exactly when listings are added, marked illustrative, moved and deleted", async () => {
    const listed = await env.DB.prepare(
      "SELECT l.id, l.product_id AS product, l.channel_id AS channel FROM listings l LIMIT 1",
    ).first<{ id: number; product: number; channel: number }>();
    const other = await env.DB.prepare(
      "SELECT id FROM channels WHERE id NOT IN (SELECT channel_id FROM listings WHERE product_id = ?) LIMIT 1",
    )
      .bind(listed?.product)
      .first<{ id: number }>();
    expect(listed && other).toBeTruthy();
    await run(
      "INSERT INTO listings (product_id, channel_id, status) SELECT id, ?, 'in_stock' FROM products WHERE slug = 'mien-dong-phia-den' AND id NOT IN (SELECT product_id FROM listings WHERE channel_id = ?)",
      other?.id,
      other?.id,
    );
    await expectExact();
    await run("UPDATE listings SET provenance = 'illustrative' WHERE id = ?", listed?.id);
    await expectExact();
    await run("UPDATE listings SET channel_id = ? WHERE id = ?", other?.id, listed?.id);
    await expectExact();
    await run("DELETE FROM listings WHERE id = ?", listed?.id);
    await expectExact();
    // A listed product deleted: its listings go with it (cascade), and out of the counts.
    await run(
      "DELETE FROM products WHERE id = (SELECT product_id FROM listings GROUP BY product_id ORDER BY count(*) DESC LIMIT 1)",
    );
    await expectExact();
  });

  it("stay exact when an editor marks a real product illustrative and back", async () => {
    const real = await env.DB.prepare(
      "SELECT id FROM products WHERE provenance <> 'illustrative' LIMIT 1",
    ).first<{
      id: number;
    }>();
    expect(real).not.toBeNull();
    await run("UPDATE products SET provenance = 'illustrative' WHERE id = ?", real?.id);
    await expectExact();
    await run("UPDATE products SET provenance = 'sourced' WHERE id = ?", real?.id);
    await expectExact();
  });
});
