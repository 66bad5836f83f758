// Text from the database can never break out of its HTML element or out of the JSON-LD script. (A file of its
// own: it adds a hostile product, and each test file gets a fresh database.)
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call } from "../../helpers/http.ts";

async function page(path: string) {
  const res = await call(path);
  return { res, status: res.status, html: await res.text() };
}

const jsonLdOf = (html: string) =>
  [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? "");

describe("escaping", () => {
  it("keeps text from the database inside its element and inside the JSON-LD string", async () => {
    const evil = `</script><script>alert(1)</script><!-- "quoted" & 'single' \u2028`;
    const evilDesc = `<img src=x onerror=alert(2)> </SCRIPT > <b>bold</b>`;
    await env.DB.prepare(
      `INSERT INTO products (id, slug, producer_id, name_vi, name_en, description_vi, description_en, product_group,
        category_vi, category_en, packaging, image, sources, sort_vi, sort_en)
       VALUES (9001, 'xss-test', 1, ?1, ?1, ?2, ?2, 'other', ?1, ?1, ?3, '/img/products/x.svg" onerror="alert(3)', ?4,
        'xss test', 'xss test')`,
    )
      .bind(
        evil,
        evilDesc,
        JSON.stringify([{ label: evil, netWeightG: null, priceVnd: 1, sample: true }]),
        JSON.stringify([`javascript:alert(4)`]),
      )
      .run();
    for (const path of ["/san-pham/xss-test", "/en/products/xss-test"]) {
      const { status, html } = await page(path);
      expect(status).toBe(200);
      expect(html).not.toContain("<script>alert(1)");
      expect(html).not.toContain("<img src=x");
      expect(html).not.toContain("<b>bold</b>");
      expect(html).not.toContain('onerror="alert(3)');
      expect(html).toContain("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
      const blocks = jsonLdOf(html);
      expect(blocks).toHaveLength(1);
      const raw = blocks[0] ?? "";
      expect(raw).not.toMatch(/<\/script|<!--|<img/i);
      expect(raw).toContain("\\u003c/script\\u003e");
      const ld = JSON.parse(raw);
      expect(ld.name).toBe(evil);
      expect(ld.description).toBe(evilDesc);
    }
    // The catalogue lists it, escaped, and its search finds it without breaking.
    const list = await page("/san-pham?q=alert");
    expect(list.html).toContain("&lt;/script&gt;");
    expect(list.html).not.toContain("<script>alert(1)");
  });
});
