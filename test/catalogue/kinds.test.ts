// Product kinds (issue 25): the five the programme article calls representative and the others the catalogue
// holds, each with its page in both languages and its API record; every product links to its kind; a kind with no
// recorded producer (chè giảo cổ lam) says so and links the centre, and never borrows a producer; searching a
// kind's name, with or without accents, in Vietnamese or English, leads to its page.
import { describe, expect, it } from "vitest";
import { kindEnquiryHref } from "../../src/catalogue/kinds/kinds.page.tsx";
import { call, getJson, walk } from "../helpers/http.ts";
import { catalogue as seed } from "../helpers/seed.ts";

const REPRESENTATIVE = ["mien-dong", "khau-sli", "che-giao-co-lam", "lap-suon", "truc-my-nghe"];

type Kind = {
  slug: string;
  name: string;
  representative: boolean;
  facts: { text: string; sources: string[] }[];
  sources: string[];
  product_count: number;
};

describe("GET /api/v1/kinds", () => {
  it("lists the five representative kinds first, each with its facts and a source for every fact", async () => {
    const { status, body } = await getJson<{ data: Kind[] }>("/api/v1/kinds");
    expect(status).toBe(200);
    expect(body.data.slice(0, 5).map((k) => k.slug)).toEqual(REPRESENTATIVE);
    expect(body.data.slice(5).every((k) => !k.representative)).toBe(true);
    for (const k of body.data) {
      expect(k.facts.length, k.slug).toBeGreaterThan(0);
      for (const f of k.facts) {
        expect(f.sources.length, `${k.slug}: ${f.text}`).toBeGreaterThan(0);
        for (const u of f.sources) expect(u).toMatch(/^https?:\/\//);
      }
    }
    const giao = body.data.find((k) => k.slug === "che-giao-co-lam");
    expect(giao?.product_count).toBe(0);
  });

  it("every product of the catalogue links to its kind, and that kind lists it", async () => {
    const { items } = await walk<{ slug: string }>("/api/v1/products?include=illustrative", 100);
    expect(items.length).toBe(seed.products.length);
    const kindOf = new Map<string, string>();
    for (const p of items) {
      const { body } = await getJson(`/api/v1/products/${p.slug}?include=illustrative`);
      expect(body.kind, p.slug).not.toBeNull();
      kindOf.set(p.slug, body.kind.slug);
    }
    for (const slug of new Set(kindOf.values())) {
      const { body } = await getJson(`/api/v1/kinds/${slug}?include=illustrative`);
      const listed = new Set((body.products as { slug: string }[]).map((p) => p.slug));
      for (const [product, kind] of kindOf)
        if (kind === slug) expect(listed.has(product), product).toBe(true);
    }
  });

  it("a kind nobody makes in the catalogue has no products, and no producer from anywhere else", async () => {
    const { status, body } = await getJson("/api/v1/kinds/che-giao-co-lam");
    expect(status).toBe(200);
    expect(body.representative).toBe(true);
    expect(body.products).toEqual([]);
    expect(JSON.stringify(body)).not.toMatch(/Hà Giang|Hòa Bình|Quảng Nam/);
  });

  it("an unknown kind is a 404 problem naming it; a bad slug a 400", async () => {
    const missing = await call("/api/v1/kinds/khong-co");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toContain("application/problem+json");
    expect(((await missing.json()) as { detail: string }).detail).toContain("khong-co");
    const bad = await call("/api/v1/kinds/NOT%20A%20SLUG");
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toContain("application/problem+json");
  });
});

describe("kind pages", () => {
  it.each([
    ["/loai/che-giao-co-lam", "Chưa có cơ sở nào được ghi nhận", "vi"],
    ["/en/kinds/che-giao-co-lam", "No producer recorded yet", "en"],
  ] as const)("%s says no producer is recorded and links the centre", async (path, says, lang) => {
    const res = await call(path);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(says);
    const href = kindEnquiryHref(lang, "che-giao-co-lam").replaceAll("&", "&amp;");
    expect(html).toContain(`href="${href}"`);
    // What the sources say, with them: the product weeks of May 2025.
    expect(html).toContain("thitruong.thuonghieusanpham.vn");
    expect(html).not.toContain('class="card product-card"');
  });

  it("a kind with products lists them, real ones first, and its facts with their sources", async () => {
    const html = await (await call("/loai/mien-dong")).text();
    expect(html).toContain('href="/san-pham/mien-dong-tan-viet-a"');
    expect(html).toContain("gần 200 tấn");
    expect(html).toContain("nongthon.vietnamtourism.gov.vn");
    expect(html).not.toContain("Chưa có cơ sở nào được ghi nhận");
  });

  it("the product page links its kind", async () => {
    const html = await (await call("/san-pham/khau-sli-na-giang")).text();
    expect(html).toContain('href="/loai/khau-sli"');
    const en = await (await call("/en/products/chieu-truc-688")).text();
    expect(en).toContain('href="/en/kinds/truc-my-nghe"');
  });

  it("the kinds page lists every kind in both languages", async () => {
    for (const [path, prefix] of [
      ["/loai", "/loai/"],
      ["/en/kinds", "/en/kinds/"],
    ] as const) {
      const html = await (await call(path)).text();
      for (const k of seed.kinds) expect(html, k.slug).toContain(`href="${prefix}${k.slug}"`);
    }
  });
});

describe("searching a kind's name leads to its page", () => {
  it.each([
    ["/san-pham?q=giao%20co%20lam", "/loai/che-giao-co-lam"],
    ["/san-pham?q=ch%C3%A8%20gi%E1%BA%A3o%20c%E1%BB%95%20lam", "/loai/che-giao-co-lam"],
    ["/san-pham?q=jiaogulan", "/loai/che-giao-co-lam"],
    ["/en/products?q=jiaogulan%20tea", "/en/kinds/che-giao-co-lam"],
    ["/en/products?q=giao%20co", "/en/kinds/che-giao-co-lam"],
    ["/san-pham?q=mien%20dong", "/loai/mien-dong"],
    ["/san-pham?q=khau%20sli", "/loai/khau-sli"],
    ["/en/products?q=bamboo", "/en/kinds/truc-my-nghe"],
    ["/san-pham?q=lap%20suon", "/loai/lap-suon"],
    ["/en/products?q=honey", "/en/kinds/mat-ong"],
  ])("%s links %s", async (path, kind) => {
    const html = await (await call(path)).text();
    expect(html).toContain(`href="${kind}"`);
  });

  it("a search that names no kind shows no kind link", async () => {
    const html = await (await call("/san-pham?q=xyz")).text();
    expect(html).not.toContain('class="kind-matches"');
    const plain = await (await call("/san-pham")).text();
    expect(plain).not.toContain('class="kind-matches"');
  });
});
