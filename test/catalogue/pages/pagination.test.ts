// Pagination links on the producers and recognition pages. The seed fits on one page, so this file grows its own
// database past the page size (100) and follows the "next" links as a shopper would.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../../helpers/http.ts";

const EXTRA = 230;

beforeAll(async () => {
  const stmts: D1PreparedStatement[] = [];
  for (let i = 0; i < EXTRA; i++) {
    stmts.push(
      env.DB.prepare(
        "INSERT INTO producers (slug, name, legal_type, district, district_slug, sample) VALUES (?, ?, 'household', 'Hà Quảng', 'ha-quang', 0)",
      ).bind(`ho-phan-trang-${String(i).padStart(3, "0")}`, `Hộ phân trang ${i}`),
      env.DB.prepare(
        "INSERT INTO recognitions (product_id, scheme, stars, year, title_vi, title_en, source_url, sample) SELECT id, 'ocop', 3, ?, 'OCOP 3 sao (thử)', 'OCOP 3 stars (test)', 'https://example.org', 0 FROM products WHERE provenance <> 'illustrative' ORDER BY id LIMIT 1 OFFSET ?",
      ).bind(2000 + (i % 25), i % 10),
    );
  }
  for (let i = 0; i < stmts.length; i += 100) await env.DB.batch(stmts.slice(i, i + 100));
});

const count = async (sql: string) => (await env.DB.prepare(sql).first<{ n: number }>())?.n ?? -1;

/** Follows the page's rel="next" links from the first page; returns each page's HTML. */
async function follow(first: string) {
  const pages: string[] = [];
  let path: string | null = first;
  while (path) {
    const res = await call(path);
    expect(res.status, path).toBe(200);
    const html = await res.text();
    pages.push(html);
    const next = /<a rel="next" href="([^"]+)"/.exec(html)?.[1]?.replaceAll("&amp;", "&") ?? null;
    if (next) expect(next.startsWith(first.split("?")[0] ?? "")).toBe(true);
    path = next;
    if (pages.length > 20) throw new Error("pagination does not end");
  }
  return pages;
}

describe.each([
  ["/co-so", "vi"],
  ["/en/producers", "en"],
])("%s", (path) => {
  it("pages through every producer once, with a next link until the last page", async () => {
    const pages = await follow(path);
    // Real producers only, as the page shows by default.
    const total = await count("SELECT count(*) AS n FROM producers WHERE provenance <> 'illustrative'");
    expect(total).toBeGreaterThan(200);
    expect(pages).toHaveLength(Math.ceil(total / 100));
    const slugs = pages.flatMap((html) =>
      [...html.matchAll(/<h2 class="card-title"><a href="[^"]*\/([a-z0-9-]+)">/g)].map((m) => m[1]),
    );
    expect(slugs).toHaveLength(total);
    expect(new Set(slugs).size).toBe(total);
    // A later page links back to the previous one (page 2's is the first) and is kept out of search indexes.
    expect(pages[1]).toContain(`<a rel="prev" href="${path}">`);
    expect(pages[1]).toContain('<meta name="robots" content="noindex"/>');
    expect(pages[0]).not.toContain('content="noindex"');
  });
});

describe.each([
  ["/cong-nhan", "vi"],
  ["/en/recognition", "en"],
])("%s", (path) => {
  it("pages through every recognition once, with a next link until the last page", async () => {
    const pages = await follow(path);
    const total = await count(
      "SELECT count(*) AS n FROM recognitions r JOIN products p ON p.id = r.product_id WHERE r.provenance <> 'illustrative' AND p.provenance <> 'illustrative'",
    );
    expect(total).toBeGreaterThan(200);
    expect(pages).toHaveLength(Math.ceil(total / 100));
    const shown = pages.map((html) =>
      [...html.matchAll(/<span class="count" data-group="[^"]*" data-count="(\d+)"/g)].reduce(
        (n, m) => n + Number(m[1]),
        0,
      ),
    );
    expect(shown.reduce((a, b) => a + b, 0)).toBe(total);
    expect(shown.slice(0, -1).every((n) => n === 100)).toBe(true);
  });
});

const slugsOf = (html: string) =>
  [...html.matchAll(/<h2 class="card-title"><a href="[^"]*\/([a-z0-9-]+)">/g)].map((m) => m[1]);
const hrefOf = (html: string, pattern: RegExp) => pattern.exec(html)?.[1]?.replaceAll("&amp;", "&") ?? "";

it("says which page of how many, goes back to the previous page, and keeps the page across languages", async () => {
  const pages = await follow("/co-so");
  const n = pages.length;
  expect(n).toBeGreaterThanOrEqual(3);
  for (const [i, html] of pages.entries()) expect(html).toContain(`Trang ${i + 1} / ${n}`);
  // From the last page, "previous" leads to the page before it, and from there to the one before that.
  const last = pages[n - 1] ?? "";
  const prev = await (await call(hrefOf(last, /<a rel="prev" href="([^"]+)"/))).text();
  expect(slugsOf(prev)).toEqual(slugsOf(pages[n - 2] ?? ""));
  expect(prev).toContain(`Trang ${n - 1} / ${n}`);
  const prevPrev = await (await call(hrefOf(prev, /<a rel="prev" href="([^"]+)"/))).text();
  expect(slugsOf(prevPrev)).toEqual(slugsOf(pages[n - 3] ?? ""));
  // The language switch of page 2 opens page 2 in English: the same producers, the same place.
  const switched = hrefOf(pages[1] ?? "", /<a class="lang-switch" href="([^"]+)"/);
  expect(switched).toMatch(/^\/en\/producers\?.*cursor=/);
  const en = await (await call(switched)).text();
  expect(slugsOf(en)).toEqual(slugsOf(pages[1] ?? ""));
  expect(en).toContain(`Page 2 of ${n}`);
});

it("a tampered cursor on a list page is the 400 page, not a 500", async () => {
  const res = await call("/co-so?cursor=not-a-cursor");
  expect(res.status).toBe(400);
  expect(res.headers.get("content-type")).toContain("text/html");
});
