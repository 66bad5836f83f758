// Accessibility (axe-core, zero violations), page weight (≤ 50 KB compressed HTML+CSS+JS), immutable caching of
// static files and the freshness of their version, on every page type.
import { gzipSync } from "node:zlib";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assetHash } from "../../scripts/asset-version.ts";
import { ASSET_VERSION } from "../../src/ui/assets.ts";
import { launch } from "./browser.ts";
import { PAGE_TYPES } from "./page-types.ts";
import { BASE } from "./server.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Runs `check` on `path` at `viewport` with every collapsed panel (filters, chart tables) open, then closes it. */
async function withPanelsOpen(
  path: string,
  viewport: { width: number; height: number },
  check: (page: Page) => Promise<void>,
): Promise<void> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  try {
    await page.goto(`${BASE}${path}`);
    await page.evaluate(() => {
      for (const d of document.querySelectorAll("details")) d.open = true;
    });
    await check(page);
  } finally {
    await context.close();
  }
}

describe("the catalogue's filters", () => {
  for (const [device, viewport] of [
    ["desktop", { width: 1280, height: 900 }],
    ["phone", { width: 412, height: 915 }],
  ] as const) {
    it.each(["/san-pham", "/en/products"])(
      `break a value's name and its count between words only on %s (${device})`,
      (path) =>
        withPanelsOpen(path, viewport, async (page) => {
          // Every word of every filter label, as laid out: a word split over two lines has two boxes (a line may
          // break after a hyphen, as in "rural-industry": each part is a word here).
          const split = await page.evaluate(() => {
            const out: string[] = [];
            for (const label of document.querySelectorAll(".facet label")) {
              const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const text = node.textContent ?? "";
                for (const m of text.matchAll(/[^\s-]+/g)) {
                  const range = document.createRange();
                  range.setStart(node, m.index ?? 0);
                  range.setEnd(node, (m.index ?? 0) + m[0].length);
                  const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
                  if (lines.size > 1) out.push(m[0]);
                }
              }
            }
            return out;
          });
          expect(split).toEqual([]);
        }),
    );
  }
});

describe("product cards on a phone", () => {
  for (const width of [320, 412])
    it(`keep every badge and line inside the card at ${width} px`, () =>
      withPanelsOpen("/en/products?q=tra", { width, height: 900 }, async (page) => {
        // The card clips what overflows it, so nothing scrolls: compare each part's right edge with its card's.
        const cut = await page.evaluate(() =>
          [...document.querySelectorAll(".product-card")].flatMap((card) => {
            const edge = card.getBoundingClientRect().right;
            return [...card.querySelectorAll(".card-body *")]
              .filter((el) => el.getBoundingClientRect().right > edge + 1)
              .map((el) => el.textContent?.trim() ?? "");
          }),
        );
        expect(await page.locator(".product-card").count()).toBeGreaterThan(3);
        expect(cut).toEqual([]);
      }));
});

describe("accessibility", () => {
  for (const [device, viewport] of [
    ["desktop", { width: 1280, height: 900 }],
    ["phone", { width: 320, height: 640 }],
  ] as const) {
    it.each(PAGE_TYPES)(`axe finds no violations on %s (${device})`, (path) =>
      // Every collapsed panel (filters, chart tables) open, so that their contents are checked too.
      withPanelsOpen(path, viewport, async (page) => {
        const results = await new AxeBuilder({ page }).analyze();
        const summary = results.violations.map(
          (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
        );
        expect(summary).toEqual([]);
        // Nothing wider than a 320 px phone: no horizontal scrolling.
        if (device === "phone") {
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - window.innerWidth,
          );
          expect(overflow).toBeLessThanOrEqual(0);
        }
      }),
    );
  }

  it("gives every image a text alternative and every chart a table", async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${BASE}/khuyen-cong`);
      expect(await page.locator("img:not([alt])").count()).toBe(0);
      const charts = page.locator("figure.chart");
      const n = await charts.count();
      expect(n).toBeGreaterThanOrEqual(4);
      for (let i = 0; i < n; i++) {
        const chart = charts.nth(i);
        expect(await chart.getAttribute("aria-labelledby")).toBeTruthy();
        // Each bar is named by its label and value as text; the drawn bar itself is hidden from screen readers.
        const bars = await chart.locator("svg[aria-hidden=true] rect.bar").count();
        expect(bars).toBeGreaterThan(0);
        expect(await chart.locator(".chart-bars li .chart-label").count()).toBe(bars);
        expect(await chart.locator(".chart-bars li .chart-value").count()).toBe(bars);
        expect(await chart.locator("table tbody tr").count()).toBe(bars);
      }
      await page.goto(`${BASE}/san-pham/mien-dong-tan-viet-a`);
      expect(await page.locator(".product-figure img").getAttribute("alt")).toBe("Hình minh họa: miến dong");
    } finally {
      await page.close();
    }
  });
});

describe("charts on a 412 px phone", () => {
  it.each(["/en/programme", "/khuyen-cong"])(
    "%s: every bar's label and value is whole and legible inside its chart, and nothing scrolls sideways",
    async (path) => {
      const context = await browser.newContext({ viewport: { width: 412, height: 915 } });
      const page = await context.newPage();
      try {
        await page.goto(`${BASE}${path}`);
        const labels = await page.evaluate(() =>
          [...document.querySelectorAll(".chart .chart-label, .chart .chart-value")].map((el) => {
            // The box that clips it: its SVG drawing if it is SVG text, else the chart.
            const box = (el.closest("svg") ?? el.closest(".chart"))?.getBoundingClientRect();
            const r = el.getBoundingClientRect();
            // Text drawn in a scaled-down SVG is smaller than its CSS font size.
            const scale = el instanceof SVGGraphicsElement ? (el.getScreenCTM()?.a ?? 1) : 1;
            return {
              text: el.textContent ?? "",
              outside: box ? Math.max(box.left - r.left, r.right - box.right) : Number.POSITIVE_INFINITY,
              cut: el.scrollWidth - el.clientWidth,
              px: Number.parseFloat(getComputedStyle(el).fontSize) * scale,
            };
          }),
        );
        expect(labels.length).toBeGreaterThanOrEqual(16);
        const bad = labels.filter((l) => l.outside > 1 || l.cut > 0 || l.px < 12);
        expect(bad).toEqual([]);
        expect(
          await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
        ).toBeLessThanOrEqual(0);
      } finally {
        await context.close();
      }
    },
  );
});

describe("speed and caching", () => {
  const gz = (body: Uint8Array | string) => gzipSync(body).length;

  it.each(PAGE_TYPES)(
    "%s weighs at most 50 KB compressed (HTML + CSS + JS), measured in Chromium",
    async (path) => {
      // What the browser really loads, whatever the markup's shape: every request the page makes, by type.
      const page = await browser.newPage();
      const loaded: { url: string; type: string; body: Buffer }[] = [];
      page.on("requestfinished", async (req) => {
        const res = await req.response();
        loaded.push({
          url: req.url(),
          type: req.resourceType(),
          body: res ? await res.body().catch(() => Buffer.alloc(0)) : Buffer.alloc(0),
        });
      });
      try {
        const res = await page.goto(`${BASE}${path}`, { waitUntil: "networkidle" });
        expect(res?.status()).toBeLessThan(500);
        // No script runs: none is requested, and the document holds only data blocks (JSON-LD), no handlers.
        const executable = await page.evaluate(() => ({
          scripts: [...document.scripts].filter((s) => s.type !== "application/ld+json").length,
          handlers: [...document.querySelectorAll("*")].filter((el) =>
            [...el.attributes].some((a) => /^on/i.test(a.name)),
          ).length,
          javascriptUrls: [...document.querySelectorAll("[href], [src], [action]")].filter((el) =>
            /^\s*javascript:/i.test(
              el.getAttribute("href") ?? el.getAttribute("src") ?? el.getAttribute("action") ?? "",
            ),
          ).length,
        }));
        expect(executable).toEqual({ scripts: 0, handlers: 0, javascriptUrls: 0 });
        expect(loaded.filter((r) => r.type === "script")).toEqual([]);
        // Only this origin: no fonts, scripts, styles or images from other hosts.
        expect(loaded.map((r) => new URL(r.url).origin).filter((o) => o !== BASE)).toEqual([]);
        const types = new Set(loaded.map((r) => r.type));
        expect(types.has("document")).toBe(true);
        expect(types.has("stylesheet")).toBe(true);
        const code = loaded.filter((r) => ["document", "stylesheet", "script"].includes(r.type));
        for (const r of code.filter((r) => r.type !== "document"))
          expect(r.url).toMatch(new RegExp(`\\?v=${ASSET_VERSION}$`));
        const total = code.reduce((n, r) => n + gz(r.body), 0);
        expect(total).toBeLessThanOrEqual(50 * 1024);
      } finally {
        await page.close();
      }
    },
  );

  it("serves static files with a year of immutable caching, and pages revalidated", async () => {
    for (const path of [
      "/css/site.css",
      "/img/products/mien-dong.svg",
      "/img/products/mien-dong.png",
      "/favicon.svg",
    ]) {
      const res = await fetch(`${BASE}${path}?v=${ASSET_VERSION}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    }
    const page = await fetch(`${BASE}/san-pham`);
    expect(page.headers.get("cache-control")).toContain("max-age=60");
    expect(page.headers.get("etag")).toBeTruthy();
  });

  it("serves every product illustration the seed names, and the PNG each page names as og:image", async () => {
    const res = await fetch(`${BASE}/api/v1/products?limit=100`);
    const { data } = (await res.json()) as { data: { image: string }[] };
    // Our illustrations only: photos editors upload (/anh/…) are JPEG, PNG or WebP (test/browser/editor.test.ts).
    for (const image of new Set(data.map((p) => p.image).filter((i) => !i.startsWith("/anh/")))) {
      const r = await fetch(`${BASE}${image}`);
      expect(r.status, image).toBe(200);
      expect(r.headers.get("content-type")).toContain("image/svg+xml");
    }
    for (const path of ["/", "/san-pham/mien-dong-tan-viet-a", "/en/programme"]) {
      const html = await (await fetch(`${BASE}${path}`)).text();
      const og = /<meta property="og:image" content="([^"]+)"/.exec(html)?.[1] ?? "";
      expect(og).toMatch(/^http:\/\/127\.0\.0\.1:8790\/img\/.+\.png\?v=/);
      const r = await fetch(og);
      expect(r.status, og).toBe(200);
      expect(r.headers.get("content-type")).toBe("image/png");
    }
  });

  it("versions static URLs with the current hash of public/ (npm run assets:version)", () => {
    expect(ASSET_VERSION).toBe(assetHash());
  });
});
