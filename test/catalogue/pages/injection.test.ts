// Retailer-supplied text in the rendered pages: markup, script, `</script>`, entities and `javascript:` come out
// as text (escaped), never as markup; bidi overrides and bad URLs are refused at the API.
import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../../helpers/http.ts";
import { createKey, listing, send } from "../../helpers/retail.ts";

const PRODUCT = "mien-dong-tan-viet-a";
const CHANNEL = "aeon";
const HOSTILE = {
  note: `</script><script>alert("XSS-NOTE")</script> <img src=x onerror=alert("XSS-IMG")> &lt;b&gt;bold&lt;/b&gt; javascript:alert("XSS-JS") <!-- comment -->`,
  channel_sku: `"><svg onload=alert("XSS-SKU")>`,
  stores: [
    {
      name: `</script><script>alert('XSS-STORE')</script>`,
      city: `<iframe src="javascript:alert('XSS-CITY')">`,
      province: 'Hà Nội & "Hồ Chí Minh"',
    },
  ],
  url: `https://aeon.example.vn/p?a="><script>alert("XSS-URL")</script>`,
};

const pages = [
  `/san-pham/${PRODUCT}`,
  `/en/products/${PRODUCT}`,
  `/kenh-phan-phoi/${CHANNEL}`,
  `/en/channels/${CHANNEL}`,
];

const html: Record<string, { text: string; csp: string | null; status: number }> = {};

beforeAll(async () => {
  const { key } = await createKey(CHANNEL, "page injection");
  const res = await send("PUT", `/api/v1/channels/${CHANNEL}/listings/${PRODUCT}`, key, listing(HOSTILE));
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  for (const p of pages) {
    const r = await call(p);
    html[p] = { text: await r.text(), csp: r.headers.get("content-security-policy"), status: r.status };
  }
});

describe.each(pages)("%s with a retailer's hostile listing", (path) => {
  const page = () => html[path] ?? { text: "", csp: null, status: 0 };

  it("renders, and shows the retailer's text literally", () => {
    expect(page().status).toBe(200);
    expect(page().text).toContain("&lt;/script&gt;&lt;script&gt;alert(");
    expect(page().text).toContain("&amp;lt;b&amp;gt;bold"); // an entity in the input is shown, not decoded
  });

  it("contains none of it as markup", () => {
    const { text } = page();
    for (const raw of [
      "<script>alert(",
      "</script><script>",
      "<img src=x",
      'XSS-SKU")>',
      "<svg onload",
      "<iframe",
      "<!-- comment -->",
      'href="javascript:',
    ]) {
      expect(text, raw).not.toContain(raw);
    }
    // Every element that runs script comes from this origin; none is inline.
    const scripts = [...text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    // The pattern sees every script element there is (a channel page has none).
    expect(scripts.length).toBe(text.match(/<script/gi)?.length ?? 0);
    for (const [, attrs, body] of scripts) {
      const dataBlock = /type="application\/ld\+json"/.test(attrs ?? "");
      expect(dataBlock || (/\bsrc="\/[^/]/.test(attrs ?? "") && body === ""), attrs).toBe(true);
    }
  });

  it("keeps JSON-LD a data block: valid JSON with no raw `<`, so no `</script>` can end it", () => {
    const blocks = [...page().text.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
    expect(blocks.length).toBe(page().text.match(/application\/ld\+json/g)?.length ?? 0);
    if (path.includes(PRODUCT)) expect(blocks.length).toBeGreaterThan(0);
    for (const [, body] of blocks) {
      expect(body).not.toContain("<");
      expect(() => JSON.parse(body ?? "")).not.toThrow();
    }
  });

  it("links to the chain only with an https URL, attribute-escaped", () => {
    const hrefs = [...page().text.matchAll(/href="([^"]*)"/g)].map((m) => m[1] ?? "");
    expect(hrefs.length).toBeGreaterThan(10);
    for (const h of hrefs) expect(h, h).not.toMatch(/^\s*(javascript|data|vbscript):/i);
    if (path.includes(PRODUCT)) {
      expect(hrefs).toContain(
        "https://aeon.example.vn/p?a=&quot;&gt;&lt;script&gt;alert(&quot;XSS-URL&quot;)&lt;/script&gt;",
      );
    }
  });

  it("is served with a CSP that allows no inline script", () => {
    const csp = page().csp ?? "";
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toContain("unsafe-inline");
    expect(page().text).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  });
});
