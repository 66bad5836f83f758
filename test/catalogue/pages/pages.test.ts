// The shopper's pages as HTML, through the Worker's real fetch handler and real D1 (the browser behaviour is
// tested in test/browser/ against wrangler dev).
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { illustrativeShare } from "../../../src/ui/components/count.tsx";
import { call } from "../../helpers/http.ts";

const ORIGIN = "http://localhost:8787"; // PUBLIC_ORIGIN in wrangler.toml

/** Every page type in both languages. */
const PAGES: [string, string][] = [
  ["/", "/en"],
  ["/san-pham", "/en/products"],
  ["/san-pham?tier=national", "/en/products?tier=national"],
  ["/san-pham/mien-dong-tan-viet-a", "/en/products/mien-dong-tan-viet-a"],
  ["/co-so", "/en/producers"],
  ["/co-so/htx-tam-hoa", "/en/producers/htx-tam-hoa"],
  ["/kenh-phan-phoi", "/en/channels"],
  ["/kenh-phan-phoi/go-big-c", "/en/channels/go-big-c"],
  ["/cong-nhan", "/en/recognition"],
  ["/khuyen-cong", "/en/programme"],
  ["/loai", "/en/kinds"],
  ["/loai/che-giao-co-lam", "/en/kinds/che-giao-co-lam"],
  ["/loai/mien-dong", "/en/kinds/mien-dong"],
];

async function page(path: string) {
  const res = await call(path);
  return { res, status: res.status, html: await res.text() };
}

const jsonLdOf = (html: string) =>
  [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? "");

describe("every page", () => {
  it.each(PAGES.flat())(
    "%s is HTML with one D1 round trip, a strict CSP and no inline script",
    async (path) => {
      const { res, status, html } = await page(path);
      expect(status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/html");
      expect(res.headers.get("x-d1-round-trips")).toBe("1");
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).not.toContain("unsafe-inline");
      expect(html.startsWith("<!doctype html>")).toBe(true);
      // No executable inline script, no style or event-handler attributes: the CSP would block them.
      const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1] ?? "");
      for (const attrs of scripts)
        expect(attrs.includes(" src=") || attrs.includes("application/ld+json")).toBe(true);
      expect(html).not.toMatch(/<[^>]+\sstyle=/);
      expect(html).not.toMatch(/<[^>]+\son[a-z]+=/i);
      expect(html).toMatch(/<link rel="stylesheet" href="\/css\/site\.css\?v=[\w-]+"/);
    },
  );

  it.each(PAGES)(
    "%s and %s name each other as hreflang alternates, with absolute canonicals",
    async (vi, en) => {
      const a = await page(vi);
      const b = await page(en);
      expect(a.html).toContain('<html lang="vi">');
      expect(b.html).toContain('<html lang="en">');
      const viUrl = `${ORIGIN}${vi}`.replace(/\/$/, "/");
      const enUrl = `${ORIGIN}${en}`;
      for (const html of [a.html, b.html]) {
        expect(html).toContain(
          `<link rel="alternate" hreflang="vi" href="${viUrl.replaceAll("&", "&amp;")}"/>`,
        );
        expect(html).toContain(
          `<link rel="alternate" hreflang="en" href="${enUrl.replaceAll("&", "&amp;")}"/>`,
        );
        expect(html).toContain(
          `<link rel="alternate" hreflang="x-default" href="${viUrl.replaceAll("&", "&amp;")}"/>`,
        );
      }
      expect(a.html).toContain(`<link rel="canonical" href="${viUrl.replaceAll("&", "&amp;")}"/>`);
      expect(b.html).toContain(`<link rel="canonical" href="${enUrl.replaceAll("&", "&amp;")}"/>`);
      expect(a.html).toContain('<meta property="og:title"');
      expect(a.html).toContain('<meta name="description"');
    },
  );
});

describe("product page", () => {
  it("names the producer of each related product, as the catalogue's cards do", async () => {
    const { html } = await page("/en/products/mien-dong-tan-viet-a");
    const related = html.slice(html.indexOf('id="related-h"'));
    const cards = related.match(/class="card product-card"/g) ?? [];
    expect(cards.length).toBeGreaterThan(0);
    expect((related.match(/<p class="card-producer">[^<]+<\/p>/g) ?? []).length).toBe(cards.length);
    const res = await call("/api/v1/products/mien-dong-tan-viet-a");
    const body = (await res.json()) as { related: { producer: { slug: string; name: string } }[] };
    expect(body.related.every((r) => r.producer.slug && r.producer.name)).toBe(true);
  });

  it("carries schema.org Product JSON-LD with manufacturer, image, description and certifications, no ratings", async () => {
    const { html } = await page("/san-pham/lap-suon-thit-hun-khoi-tam-hoa");
    const blocks = jsonLdOf(html);
    expect(blocks).toHaveLength(1);
    const ld = JSON.parse(blocks[0] ?? "");
    expect(ld["@context"]).toBe("https://schema.org");
    expect(ld["@type"]).toBe("Product");
    expect(ld.name).toBe("Lạp sườn, thịt hun khói Tâm Hòa");
    expect(ld.description).toContain("mác khén");
    expect(ld.image).toMatch(/^http:\/\/localhost:8787\/img\/products\/lap-suon\.png\?v=/);
    expect(ld.manufacturer).toMatchObject({ "@type": "Organization", name: "HTX Tâm Hòa" });
    expect(ld.manufacturer.address).toMatchObject({ "@type": "PostalAddress", addressCountry: "VN" });
    // Sourced values only: the year (2021) and the issuer of the national award are inferred, so left out (and
    // with them its standing, which names the year); the OCOP 4-star rating has no year, and says what that means.
    expect(ld.hasCertification).toEqual([
      {
        "@type": "Certification",
        name: "Sản phẩm công nghiệp nông thôn tiêu biểu cấp quốc gia",
        url: expect.stringMatching(/^https:\/\/vietnamnet\.vn\//),
      },
      {
        "@type": "Certification",
        name: "OCOP 4 sao",
        description: expect.stringContaining("không nêu năm công nhận"),
        url: expect.stringMatching(/^https:\/\/baomoi\.com\//),
      },
    ]);
    for (const key of ["aggregateRating", "review", "offers"]) expect(ld).not.toHaveProperty(key);
    expect(html).toContain('<meta property="og:type" content="product"/>');
  });

  it("gives an illustrative product no JSON-LD and noindex, but shows its sample recognitions, marked", async () => {
    const { html } = await page("/san-pham/banh-khao-quang-hoa");
    expect(jsonLdOf(html)).toEqual([]);
    expect(html).toContain('<meta name="robots" content="noindex"/>');
    expect(html).toContain("Sản phẩm CNNT tiêu biểu cấp khu vực phía Bắc (mẫu)");
    expect(html).toContain('class="tag-unverified"');
    expect(html).toContain('class="tag-sample"');
  });

  it("marks illustrative prices and shows where to buy with status, price, stores and last check", async () => {
    // Illustrative prices and listings show only behind the examples switch.
    const { html } = await page("/san-pham/mien-dong-tan-viet-a?include=illustrative");
    expect(html).toContain("Quy cách và giá là giá trị minh họa");
    expect(html).toContain('id="where-to-buy"');
    expect(html).toContain("Lotte Mart Đống Đa");
    expect(html).toContain("Còn hàng");
    // The US export listing is sourced: its date (the source's) shows, its inferred status is marked.
    expect(html).toContain('<time datetime="2025-11-20">20/11/2025</time>');
    expect(html).toContain('class="tag-inferred"');
    // The chain listings are illustrative as a whole: marked, and no "last checked" date nobody checked.
    expect(html).toContain('class="listing listing-illustrative"');
    expect(html.match(/<time datetime=/g)).toHaveLength(1);
    expect(html).toContain('href="/kenh-phan-phoi/lotte-mart"');
  });
});

describe("product page: packs", () => {
  /** The packs section of a product page: from its heading to the next section. */
  const packsOf = (html: string) => html.slice(html.indexOf('id="pack-h"'), html.indexOf('id="rec-h"'));

  it.each([
    ["/san-pham/hong-tra", "Quy cách, giá: nguồn không nêu."],
    ["/en/products/hong-tra", "Packs and prices: not stated by the sources."],
  ])("%s has no packs: the section says so, with no empty table", async (path, line) => {
    // Its source states no packs (the seeded sheet leaves them empty).
    const row = await env.DB.prepare("SELECT packaging FROM products WHERE slug = 'hong-tra'").first<{
      packaging: string;
    }>();
    expect(row).toBeTruthy();
    expect(JSON.parse(row?.packaging || "[]")).toEqual([]);
    const { status, html } = await page(path);
    expect(status).toBe(200);
    const packs = packsOf(html);
    expect(packs).toContain(`<p class="muted">${line}</p>`);
    expect(packs).not.toContain("<table");
    expect(packs).not.toContain('class="notice"');
  });

  it("a product with packs keeps its table", async () => {
    const packs = packsOf((await page("/en/products/mien-dong-tan-viet-a?include=illustrative")).html);
    expect(packs).toContain("<table");
    expect(packs).not.toContain("not stated by the sources");
  });
});

describe("catalogue page", () => {
  it("filters through plain GET parameters, with facet counts that match the results", async () => {
    const { html } = await page("/san-pham?tier=national");
    expect(html).toContain("2 sản phẩm");
    expect(html).toMatch(
      /<input type="checkbox" id="f-tier-national" name="tier" value="national" checked=""/,
    );
    expect(html.match(/class="card product-card"/g)).toHaveLength(2);
    expect(html).toMatch(/id="f-tier-national"[\s\S]*?<span class="count"[^>]*>2<\/span>/);
  });

  it("searches without accents and keeps the query in the form", async () => {
    const { html } = await page("/san-pham?q=mien+dong");
    expect(html).toContain('value="mien dong"');
    expect(html).toContain('href="/san-pham/mien-dong-tan-viet-a"');
    // Tân Việt Á, Cai Bộ, Phia Đén and Cường Yên (issue 25).
    expect(html).toContain("4 sản phẩm cho “mien dong”");
  });

  it("ignores unknown filter values instead of failing", async () => {
    const total = await env.DB.prepare(
      "SELECT count(*) AS n FROM products WHERE provenance <> 'illustrative'",
    ).first<{ n: number }>();
    const { status, html } = await page("/san-pham?tier=gold&group=nope&producer=Bad%20Slug&sort=worst");
    expect(status).toBe(200);
    expect(html).toContain(`${total?.n} sản phẩm`);
  });

  it("paginates with a next link, and shows a 400 page for a tampered cursor", async () => {
    const total = await env.DB.prepare(
      "SELECT count(*) AS n FROM products WHERE provenance <> 'illustrative'",
    ).first<{ n: number }>();
    const first = await page("/san-pham");
    expect(first.html.match(/class="card product-card"/g)).toHaveLength(12);
    const next = /<a rel="next" href="([^"]+)"/.exec(first.html)?.[1]?.replaceAll("&amp;", "&");
    expect(next).toMatch(/^\/san-pham\?cursor=/);
    const second = await page(next ?? "");
    expect(second.status).toBe(200);
    expect(second.html.match(/class="card product-card"/g)).toHaveLength(Math.min(12, (total?.n ?? 0) - 12));
    // Where it is, and the way back: page 1 is the previous page of page 2.
    const pages = Math.ceil((total?.n ?? 0) / 12);
    expect(second.html).toContain(`Trang 2 / ${pages}`);
    expect(second.html).toContain('<a rel="prev" href="/san-pham">');
    expect(first.html).toContain(`Trang 1 / ${pages}`);
    const bad = await page(`${next}x`);
    expect(bad.status).toBe(400);
    expect(bad.html).toContain("Yêu cầu không hợp lệ");
    expect(bad.res.headers.get("cache-control")).toBe("no-store");
  });
});

describe("both languages", () => {
  /** The language switch's target, as the page links it. */
  const switchOf = (html: string) => {
    const a = /<a class="lang-switch" href="([^"]*)"/.exec(html)?.[1];
    expect(a, "the page has a language switch").toBeDefined();
    return (a ?? "").replaceAll("&amp;", "&");
  };

  it.each([
    ["/san-pham?q=mien%20dong&group=processed_food&sort=name", "/en/products"],
    ["/en/products?q=tra&district=nguyen-binh&scheme=ocop", "/san-pham"],
  ])("the language switch on %s keeps the search, the filters and the sort", async (path, other) => {
    const { html } = await page(path);
    const target = new URL(switchOf(html), "http://x");
    const here = new URL(path, "http://x");
    expect(target.pathname).toBe(other);
    expect([...target.searchParams].sort()).toEqual([...here.searchParams].sort());
    // And the other language shows the same products.
    const slugsOn = (h: string) =>
      [...h.matchAll(/href="\/(?:en\/products|san-pham)\/([a-z0-9-]+)"/g)].map((m) => m[1]);
    const there = await page(`${target.pathname}${target.search}`);
    expect(slugsOn(there.html).length).toBeGreaterThan(0);
    expect(new Set(slugsOn(there.html))).toEqual(new Set(slugsOn(html)));
  });

  it.each([
    ["/san-pham/mien-dong-tan-viet-a", "/en/products/mien-dong-tan-viet-a"],
    ["/co-so/htx-tam-hoa", "/en/producers/htx-tam-hoa"],
    ["/kenh-phan-phoi/aeon", "/en/channels/aeon"],
  ])("the language switch on %s leads to %s and back", async (vi, en) => {
    expect(switchOf((await page(vi)).html)).toBe(en);
    expect(switchOf((await page(en)).html)).toBe(vi);
  });

  it.each([
    ["/co-so/htx-tam-hoa", "vi", ["Cơ sở", "Sản phẩm"]],
    ["/en/producers/htx-tam-hoa", "en", ["Producers", "Products"]],
    ["/kenh-phan-phoi/aeon", "vi", ["Kênh phân phối"]],
    ["/en/channels/aeon", "en", ["Retail channels"]],
    ["/trang-khong-ton-tai", "vi", ["Không tìm thấy trang"]],
    ["/en/nothing-here", "en", ["Page not found"]],
  ] as const)("%s speaks %s", async (path, lang, words) => {
    const { html } = await page(path);
    expect(html).toContain(`<html lang="${lang}">`);
    for (const w of words) expect(html).toContain(w);
    // No word of the other dictionary's navigation leaks in.
    const foreign = lang === "vi" ? ["Producers", "Retail channels"] : ["Cơ sở sản xuất", "Kênh phân phối"];
    for (const w of foreign) expect(html, w).not.toContain(`>${w}<`);
  });
});

describe("errors, sitemap and robots", () => {
  it.each([
    ["/san-pham/khong-co-san-pham-nay", "Không tìm thấy trang"],
    ["/san-pham/Bad_Slug", "Không tìm thấy trang"],
    ["/co-so/khong-co", "Không tìm thấy trang"],
    ["/kenh-phan-phoi/khong-co", "Không tìm thấy trang"],
    ["/trang-khong-ton-tai", "Không tìm thấy trang"],
    ["/en/nothing-here", "Page not found"],
    ["/en/products/nothing", "Page not found"],
  ])("%s is a 404 page in the site's style, with search", async (path, title) => {
    const { res, status, html } = await page(path);
    expect(status).toBe(404);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(html).toContain(title);
    expect(html).toMatch(/<form class="search search-big" action="\/(en\/products|san-pham)" method="get">/);
    expect(html).toContain('<meta name="robots" content="noindex"/>');
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
  });

  it("redirects a path with a trailing slash to the page", async () => {
    const res = await call("/san-pham/?tier=national", { redirect: "manual" });
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe("/san-pham?tier=national");
  });

  it.each(["//evil.example/", "///evil.example/", "//evil.example//?next=1", "/%2F/evil.example/"])(
    "never redirects %s to another site",
    async (path) => {
      const res = await call(path, { redirect: "manual" });
      expect(res.status).toBe(301);
      const location = res.headers.get("location");
      expect(location).toMatch(/^\/[^/\\]/);
      expect(new URL(location ?? "", "http://localhost/").host).toBe("localhost");
    },
  );

  it("keeps problem+json 404s for unknown API paths", async () => {
    const res = await call("/api/v1/nothing");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });

  it("lists every page in both languages in /sitemap.xml, with alternates", async () => {
    const res = await call("/sitemap.xml");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/xml");
    const xml = await res.text();
    const { results } = await env.DB.prepare(
      "SELECT slug FROM products WHERE provenance <> 'illustrative'",
    ).all<{ slug: string }>();
    expect(results.length).toBeGreaterThanOrEqual(10);
    // Illustrative products are noindex and left out.
    expect(xml).not.toContain("/san-pham/banh-khao-quang-hoa<");
    for (const { slug } of results) {
      expect(xml).toContain(`<loc>${ORIGIN}/san-pham/${slug}</loc>`);
      expect(xml).toContain(`<loc>${ORIGIN}/en/products/${slug}</loc>`);
    }
    for (const path of [
      "/",
      "/en",
      "/cong-nhan",
      "/en/programme",
      "/co-so/htx-tam-hoa",
      "/en/channels/aeon",
    ]) {
      expect(xml).toContain(`<loc>${ORIGIN}${path}</loc>`);
    }
    expect(xml).toContain(
      `<xhtml:link rel="alternate" hreflang="en" href="${ORIGIN}/en/products/chieu-truc-688"/>`,
    );
  });

  it("gives every product, producer, channel and kind a sitemap entry with its last change, in both languages", async () => {
    const xml = await (await call("/sitemap.xml")).text();
    const entries = [...xml.matchAll(/<url>([\s\S]*?)<\/url>/g)].map((m) => m[1] ?? "");
    const byLoc = new Map(entries.map((e) => [/<loc>([^<]+)<\/loc>/.exec(e)?.[1], e]));
    expect(byLoc.size).toBe(entries.length); // no duplicates
    const all = [
      ["products", "/san-pham", "/en/products"],
      ["producers", "/co-so", "/en/producers"],
      ["channels", "/kenh-phan-phoi", "/en/channels"],
      ["kinds", "/loai", "/en/kinds"],
    ] as const;
    let expected = 7 * 2; // the seven list and static pages
    for (const [table, vi, en] of all) {
      // Illustrative products and producers are noindex and left out of the sitemap.
      const { results } = await env.DB.prepare(
        `SELECT slug, updated_at FROM ${table} WHERE provenance <> 'illustrative'`,
      ).all<{
        slug: string;
        updated_at: string;
      }>();
      expect(results.length, table).toBeGreaterThan(0);
      expected += results.length * 2;
      for (const { slug, updated_at } of results) {
        for (const path of [`${vi}/${slug}`, `${en}/${slug}`]) {
          const entry = byLoc.get(`${ORIGIN}${path}`);
          expect(entry, path).toBeDefined();
          expect(entry).toContain(`<lastmod>${updated_at.slice(0, 10)}</lastmod>`);
          expect(entry).toMatch(/<lastmod>\d{4}-\d{2}-\d{2}<\/lastmod>/);
        }
      }
    }
    expect(entries.length).toBe(expected);
    // A change moves lastmod.
    await env.DB.prepare("UPDATE channels SET updated_at = '2031-02-03T04:05:06Z' WHERE slug = 'aeon'").run();
    const after = await (await call("/sitemap.xml")).text();
    expect(after).toMatch(/<loc>[^<]*\/kenh-phan-phoi\/aeon<\/loc><lastmod>2031-02-03<\/lastmod>/);
  });

  it("serves robots.txt naming the sitemap", async () => {
    const res = await call("/robots.txt");
    const text = await res.text();
    expect(text).toContain("User-agent: *");
    expect(text).toContain(`Sitemap: ${ORIGIN}/sitemap.xml`);
  });
});

describe("illustrative shares of a count", () => {
  it("are written as the page's language writes numbers, with + when the count is a lower bound", () => {
    expect(illustrativeShare(1200, 1200, "vi")).toBe("cả 1.200 minh họa");
    expect(illustrativeShare(1200, 1200, "en")).toBe("all 1,200 illustrative");
    expect(illustrativeShare(1000, 1000, "vi", true)).toBe("cả 1.000+ minh họa");
    expect(illustrativeShare(1000, 700, "en", true)).toBe("700+ illustrative");
    expect(illustrativeShare(5, 2, "en")).toBe("2 illustrative");
    expect(illustrativeShare(5, 0, "vi", true)).toBe("");
  });
});
