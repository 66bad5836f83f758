// What a shopper notices on every kind of page (issue 28), in real Chromium against the real Worker: no word broken
// mid-word at any width or at 400% zoom, a disclosure marker on everything that folds, each note and "Minh họa" said
// once, counts in good grammar, navigation named as the pages it opens, a header whose focus order is its visual
// order, award badges that link to what they mean, drawings that tell product kinds apart and JSON-LD images that
// search engines accept.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

async function onPage<T>(
  path: string,
  viewport: { width: number; height: number },
  fn: (page: Page) => Promise<T>,
  deviceScaleFactor = 1,
): Promise<T> {
  const context = await browser.newContext({ viewport, deviceScaleFactor });
  const page = await context.newPage();
  try {
    const res = await page.goto(`${BASE}${path}`);
    expect(res?.status(), path).toBeLessThan(500);
    return await fn(page);
  } finally {
    await context.close();
  }
}

/**
 * Every word on the page (panels unfolded) that the layout splits over two lines: a word's range with line boxes at
 * two heights. A line may break after a hyphen or a slash, so each part counts as a word; a source URL or any
 * token longer than 30 characters may break anywhere (it cannot fit a phone), so it is not counted.
 */
const splitWords = (page: Page) =>
  page.evaluate(() => {
    for (const d of document.querySelectorAll("details")) d.open = true;
    const out = new Set<string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest("script, style, .sr-only, svg, select")) continue;
      // Not shown (a folded panel's remnant, the form's off-screen trap field), or a URL written out.
      if (parent.getClientRects().length === 0 || parent.getBoundingClientRect().right <= 0) continue;
      const text = node.textContent ?? "";
      if (text.includes("://")) continue;
      for (const m of text.matchAll(/[^\s\-/–—]+/g)) {
        if (m[0].length > 30 || m[0].includes("://") || /\.(vn|com|org)\b/.test(m[0])) continue;
        const range = document.createRange();
        range.setStart(node, m.index ?? 0);
        range.setEnd(node, (m.index ?? 0) + m[0].length);
        const tops = [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top));
        if (new Set(tops).size > 1) out.add(m[0]);
      }
    }
    return [...out];
  });

describe("no word is broken in the middle", () => {
  const widths = [
    ["a 320 px phone", { width: 320, height: 640 }, 1],
    ["a 412 px phone", { width: 412, height: 915 }, 1],
    ["a 1280 px desktop", { width: 1280, height: 900 }, 1],
    // 400% zoom of a 1280 px window lays the page out 320 CSS px wide, drawn at four device pixels per CSS pixel.
    ["1280 px at 400% zoom", { width: 320, height: 225 }, 4],
  ] as const;
  for (const [name, viewport, scale] of widths)
    it.each([...PAGE_TYPES, "/en/products?q=tra", "/en/channels"])(`on %s at ${name}`, (path) =>
      onPage(path, viewport, async (page) => expect(await splitWords(page)).toEqual([]), scale),
    );
});

describe("things that fold", () => {
  for (const viewport of [
    { width: 412, height: 915 },
    { width: 1280, height: 900 },
  ])
    it(`show a disclosure marker wherever a shopper can open or close them (${viewport.width} px)`, () =>
      onPage("/en/products", viewport, async (page) => {
        const unmarked = await page.evaluate(() =>
          [...document.querySelectorAll("summary")]
            .filter((s) => s.getClientRects().length > 0 && getComputedStyle(s).pointerEvents !== "none")
            .filter((s) => {
              const st = getComputedStyle(s);
              const before = getComputedStyle(s, "::before").content;
              const marker = st.display === "list-item" && st.listStyleType !== "none";
              return !marker && (before === "none" || before === "normal" || before === '""');
            })
            .map((s) => s.textContent?.trim()),
        );
        expect(await page.locator(".facet-more summary").count()).toBeGreaterThan(0);
        expect(unmarked).toEqual([]);
      }));
});

/**
 * The page's sentences of 40 characters or more (the text of a paragraph, item or value itself, not of the badges
 * and links inside it) that appear more than once in its main content.
 */
const repeatedText = (page: Page) =>
  page.evaluate(() => {
    const seen = new Map<string, number>();
    // Notes, notices, fine print and what a rating's standing means: the things a page should say once. (A
    // record's own facts, such as each recognition's issuer, are not notes.)
    for (const el of document.querySelectorAll(
      "main .note, main .notice, main .fine, main .rec-standing, main .shared-notes li",
    )) {
      const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent);
      const text = own.join("").replace(/\s+/g, " ").trim();
      if (text.length >= 40) seen.set(text, (seen.get(text) ?? 0) + 1);
    }
    return [...seen].filter(([, n]) => n > 1).map(([t, n]) => `${n}× ${t.slice(0, 80)}`);
  });

describe("each label and note is said once", () => {
  it.each([
    ...PAGE_TYPES,
    "/en/products/lap-suon-thit-hun-khoi-tam-hoa",
    "/kenh-phan-phoi/aeon",
    "/co-so/co-so-banh-khao-mau",
    "/en/products/banh-khao-quang-hoa",
  ])("%s repeats no note or disclaimer, and marks nothing illustrative twice", (path) =>
    onPage(path, { width: 1280, height: 900 }, async (page) => {
      expect(await repeatedText(page)).toEqual([]);
      // One "Minh họa" per listing, recognition, card or pack row at most; none where the page says it once for all.
      const twice = await page.evaluate(() =>
        [...document.querySelectorAll(".listing, .rec, .product-card, tr")]
          .filter((el) => el.querySelectorAll(".tag-sample").length > 1)
          .map((el) => el.textContent?.trim().slice(0, 60)),
      );
      expect(twice).toEqual([]);
      const notice = await page.locator("main .notice").allTextContents();
      if (notice.some((n) => /^(Sản phẩm minh họa|Hồ sơ minh họa|Illustrative (product|profile))/.test(n)))
        expect(await page.locator("main .tag-sample").count()).toBeLessThanOrEqual(1);
    }),
  );

  it("says the district note only where the district filter is", async () => {
    for (const path of ["/co-so", "/co-so/htx-tam-hoa", "/en/producers/co-so-banh-khao-mau"])
      await onPage(path, { width: 1280, height: 900 }, async (page) =>
        expect(await page.locator("main").textContent()).not.toMatch(/bộ lọc dùng huyện cũ|the filter uses/),
      );
    await onPage("/san-pham", { width: 1280, height: 900 }, async (page) => {
      const note = page.locator("fieldset.facet", { hasText: "Huyện cũ" }).getByText("bộ lọc dùng huyện cũ");
      expect(await note.count()).toBe(1);
    });
  });
});

describe("copy", () => {
  it("counts one product as one product, and one illustrative product without 'cả 1'", async () => {
    for (const path of ["/", "/en", "/san-pham", "/en/products", "/cong-nhan", "/en/recognition"])
      await onPage(path, { width: 1280, height: 900 }, async (page) => {
        const text = (await page.locator("main").textContent()) ?? "";
        expect(text).not.toMatch(/\b1 products\b/);
        expect(text).not.toMatch(/cả 1 minh họa|all 1 illustrative/);
      });
  });

  it("names each navigation link as the page it opens, and the chart tables 'Chart data'", async () => {
    for (const home of ["/", "/en"])
      await onPage(home, { width: 1280, height: 900 }, async (page) => {
        const links = await page
          .locator(".site-nav a")
          .evaluateAll((as) =>
            as.map((a) => ({ label: a.textContent ?? "", href: (a as HTMLAnchorElement).href })),
          );
        expect(links).toHaveLength(6);
        const words = (s: string) =>
          s
            .toLocaleLowerCase()
            .split(/[^\p{L}\p{N}-]+/u)
            .filter(Boolean)
            .map((w) => w.replace(/s$/, ""));
        for (const { label, href } of links) {
          await page.goto(href);
          const h1 = words((await page.locator("h1").textContent()) ?? "");
          expect(
            words(label).filter((w) => !h1.includes(w)),
            `${label} → ${h1.join(" ")}`,
          ).toEqual([]);
        }
      });
    await onPage("/en/programme", { width: 1280, height: 900 }, async (page) => {
      expect(await page.locator(".chart-data summary").first().textContent()).toBe("Chart data");
    });
  });

  it("writes the brand one way in the header, the footer and the title", async () => {
    for (const path of ["/", "/en/products", "/san-pham/lap-suon-thit-hun-khoi-tam-hoa"])
      await onPage(path, { width: 1280, height: 900 }, async (page) => {
        const brand = (await page.locator(".brand-name").textContent()) ?? "";
        expect(await page.locator(".footer-brand").textContent()).toContain(brand);
        expect(await page.locator('meta[property="og:site_name"]').getAttribute("content")).toBe(brand);
        if (path !== "/") expect(await page.title()).toContain(brand);
      });
  });

  it("leads the home page with what a shopper gets, shows the tagline, explains both labels, fills its rows", async () => {
    for (const [path, width] of [
      ["/", 1280],
      ["/en", 1280],
      ["/en", 412],
    ] as const)
      await onPage(path, { width, height: 900 }, async (page) => {
        expect(await page.locator(".brand-tag").isVisible()).toBe(true);
        const h1 = (await page.locator("h1").textContent()) ?? "";
        expect(h1).toMatch(/^(Find|Tìm) /);
        // Both labels are explained in words on the page, not only in a tooltip.
        const honest = page.locator(".honest");
        expect(await honest.locator(".tag-sample").count()).toBe(1);
        expect(await honest.locator(".tag-inferred").count()).toBe(1);
        // The callout is as tall as what it says: no empty band under its text.
        const gap = await honest.evaluate((el) => {
          const last = el.lastElementChild?.getBoundingClientRect();
          return last ? el.getBoundingClientRect().bottom - last.bottom : 0;
        });
        expect(gap).toBeLessThan(24);
        // The featured cards share the row: none of the grid's columns is left empty.
        const cols = await page.locator(".grid-featured").evaluate((g) => {
          // auto-fit collapses an empty track to 0px; auto-fill would keep it as wide as the others.
          const tracks = getComputedStyle(g)
            .gridTemplateColumns.split(" ")
            .filter((w) => Number.parseFloat(w) > 0).length;
          return { tracks, cards: g.children.length };
        });
        expect(cols.tracks).toBeLessThanOrEqual(cols.cards);
      });
  });

  it("explains 'Suy luận / Inferred' in words on every page, not only in a title", async () => {
    for (const path of ["/cong-nhan", "/en/products/lap-suon-thit-hun-khoi-tam-hoa"])
      await onPage(path, { width: 1280, height: 900 }, async (page) => {
        const explained = page.locator("footer").getByText(/Suy luận” đánh dấu|“Inferred” label marks/);
        expect(await explained.isVisible()).toBe(true);
      });
  });
});

describe("the header", () => {
  for (const viewport of [
    { width: 320, height: 640 },
    { width: 412, height: 915 },
    { width: 1024, height: 800 },
    { width: 1280, height: 900 },
  ])
    it(`takes focus in the order it is seen, and its language switch names the language (${viewport.width} px)`, () =>
      onPage("/en/products", viewport, async (page) => {
        // Where each link is seen. On a phone the navigation is one row that scrolls sideways: its links are
        // seen where the row is, in the row's order, however far along the row is scrolled.
        const links = await page.locator(".site-header a").evaluateAll((as) =>
          as.map((a) => {
            const row = a.closest(".site-nav");
            const r = (row ?? a).getBoundingClientRect();
            const along = row ? a.getBoundingClientRect().left - r.left + row.scrollLeft : 0;
            return {
              text: a.textContent?.trim() ?? "",
              top: Math.round(r.top),
              left: Math.round(r.left),
              along: Math.round(along),
            };
          }),
        );
        // Visual order: by line (tops within 12 px are one line), then left to right.
        const seen = [...links].sort((a, b) =>
          Math.abs(a.top - b.top) > 12 ? a.top - b.top : a.left - b.left || a.along - b.along,
        );
        expect(links.map((l) => l.text)).toEqual(seen.map((l) => l.text));
        const order: string[] = [];
        for (let i = 0; i < links.length + 1; i++) {
          await page.keyboard.press("Tab");
          const text = await page.evaluate(
            () => document.activeElement?.closest(".site-header a")?.textContent,
          );
          if (text) order.push(text.trim());
        }
        expect(order).toEqual(links.map((l) => l.text));
        // The switch shows the language's name, not only "VI" (a clipped 1 px name counts as hidden).
        const name = await page.locator(".lang-switch").getByText("Tiếng Việt").boundingBox();
        expect(name?.width ?? 0).toBeGreaterThan(40);
      }));
});

describe("the header on a phone", () => {
  for (const width of [320, 412])
    it(`is two rows, leaves the screen to the page and shows the current page's item (${width} px)`, () =>
      onPage("/khuyen-cong", { width, height: 700 }, async (page) => {
        const header = await page.locator(".site-header").boundingBox();
        // The brand, then the navigation row with the language switch: four rows took 245 px at 360 px.
        expect(header?.height ?? 999).toBeLessThan(140);
        const current = await page.locator('.site-nav a[aria-current="page"]').boundingBox();
        const nav = await page.locator(".site-nav").boundingBox();
        expect(current).not.toBeNull();
        expect(current?.x ?? -1).toBeGreaterThanOrEqual((nav?.x ?? 0) - 1);
        expect((current?.x ?? 0) + (current?.width ?? 0)).toBeLessThanOrEqual(
          (nav?.x ?? 0) + (nav?.width ?? 0) + 1,
        );
        // The page itself never scrolls sideways; only the navigation row does.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      }));
});

describe("product badges", () => {
  it("link to what the award means", () =>
    onPage("/en/products/lap-suon-thit-hun-khoi-tam-hoa", { width: 1280, height: 900 }, async (page) => {
      const badge = page.locator(".product-summary .badges a").first();
      await badge.click();
      await page.waitForURL(/\/en\/recognition#/);
      const target = await page.evaluate(() => document.querySelector(location.hash)?.textContent ?? "");
      expect(target).toMatch(/Levels of the vote|OCOP/);
    }));
});

describe("pictures", () => {
  it("tell product kinds apart: no real product shows the blank box, and no two kinds share a drawing", async () => {
    // Each kind's page lists its products: the drawings each kind's real products show.
    const kindPaths = await onPage("/en/kinds", { width: 1280, height: 900 }, (page) =>
      page
        .locator('main a[href^="/en/kinds/"]')
        .evaluateAll((as) => [...new Set(as.map((a) => (a as HTMLAnchorElement).pathname))]),
    );
    expect(kindPaths.length).toBeGreaterThanOrEqual(10);
    const kindsOf = new Map<string, Set<string>>();
    const blank: string[] = [];
    for (const path of kindPaths)
      await onPage(path, { width: 1280, height: 900 }, async (page) => {
        const cards = await page.locator(".product-card").evaluateAll((els) =>
          els.map((el) => ({
            src: el.querySelector("img")?.getAttribute("src")?.split("?")[0] ?? "",
            sample: Boolean(el.querySelector(".tag-sample")),
            name: el.querySelector(".card-title")?.textContent?.trim() ?? "",
          })),
        );
        for (const c of cards.filter((x) => !x.sample)) {
          if (c.src.includes("placeholder")) blank.push(c.name);
          if (!c.src.startsWith("/img/products/")) continue; // an uploaded photo
          kindsOf.set(c.src, (kindsOf.get(c.src) ?? new Set()).add(path));
        }
      });
    expect(blank).toEqual([]);
    const shared = [...kindsOf].filter(([, kinds]) => kinds.size > 1);
    expect(shared.map(([src, kinds]) => `${src}: ${[...kinds].join(", ")}`)).toEqual([]);
  });

  for (const width of [320, 412])
    it(`are shown whole on a ${width} px phone's catalogue, not cropped`, () =>
      onPage("/en/products", { width, height: 900 }, async (page) => {
        const ratios = await page.locator(".product-card .card-img img").evaluateAll((imgs) =>
          imgs.map((img) => {
            const r = img.getBoundingClientRect();
            const fit = getComputedStyle(img).objectFit;
            return { ratio: r.width / r.height, fit };
          }),
        );
        expect(ratios.length).toBeGreaterThan(3);
        for (const { ratio, fit } of ratios)
          if (fit === "cover" || fit === "fill") expect(Math.abs(ratio - 4 / 3)).toBeLessThan(0.04);
      }));

  it("are labelled as drawings on a product page", () =>
    onPage("/en/products/lap-suon-thit-hun-khoi-tam-hoa", { width: 1280, height: 900 }, async (page) => {
      expect(await page.locator(".product-figure figcaption").textContent()).toMatch(/drawing/i);
    }));

  it("give search engines a PNG, JPEG or WebP in JSON-LD, never SVG, and it loads", async () => {
    for (const path of [
      "/san-pham/lap-suon-thit-hun-khoi-tam-hoa",
      "/en/products/mien-dong-tan-viet-a",
      "/san-pham/chieu-truc-688",
    ])
      await onPage(path, { width: 1280, height: 900 }, async (page) => {
        const ld = JSON.parse(
          (await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}",
        ) as { image?: string };
        expect(ld.image).toMatch(/\.(png|jpe?g|webp)(\?|$)/);
        const res = await page.request.get(ld.image ?? "");
        expect(res.status()).toBe(200);
        expect(res.headers()["content-type"]).toMatch(/^image\/(png|jpeg|webp)/);
      });
  });
});

/**
 * Vietnamese words that are never part of a proper name: a text holding one is Vietnamese prose (a note, a pack
 * name, an issuer, a placeholder), which an English page must give in English, or mark as Vietnamese (`lang="vi"`)
 * and say that it has no English.
 */
const VIETNAMESE_PROSE =
  /(?<![\p{L}])(và|của|cho|không|chưa|nguồn|mẫu|hồ sơ|giám đốc|hộp|túi|quà|minh họa|xuất khẩu|hội chợ|thương mại|được|những|các|này|với|theo|nêu|đều|là|bán|lô|đầu tiên|tấn|sang|chân không|ubnd tỉnh|bộ công thương)(?![\p{L}])/iu;
/** Proper names written in Vietnamese beside their English ("the centre (Trung tâm …)"), fine on an English page. */
const PROPER_NAMES = ["Trung tâm Khuyến công và Xúc tiến thương mại"];

describe("English pages", () => {
  it("say every record text in English, or mark it as Vietnamese and say it has no English", async () => {
    const sitemap = await (await fetch(`${BASE}/sitemap.xml`)).text();
    const paths = [...sitemap.matchAll(/<loc>[^<]*?(\/en[^<]*)<\/loc>/g)].map((m) => m[1] ?? "");
    // Illustrative records are out of the sitemap but on the pages: their pages too.
    paths.push("/en/products/banh-khao-quang-hoa", "/en/producers/co-so-banh-khao-mau", "/en/channels/aeon");
    expect(paths.length).toBeGreaterThan(20);
    const found: string[] = [];
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      for (const path of paths) {
        await page.goto(`${BASE}${path}`);
        const texts = await page.evaluate(() => {
          const out: string[] = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const el = node.parentElement;
            // Marked Vietnamese (a name, or a text with its "in Vietnamese only" note) is fine.
            if (!el || el.closest('[lang="vi"], script, style')) continue;
            const text = node.textContent?.trim();
            // A source's address is not text to translate.
            if (text && !text.includes("://")) out.push(text);
          }
          return out;
        });
        for (const text of texts) {
          const prose = PROPER_NAMES.reduce((s, name) => s.replaceAll(name, ""), text);
          if (VIETNAMESE_PROSE.test(prose)) found.push(`${path}: ${text.slice(0, 90)}`);
        }
      }
    } finally {
      await context.close();
    }
    expect([...new Set(found)]).toEqual([]);
  });
});
