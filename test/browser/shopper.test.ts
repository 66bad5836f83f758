// A shopper in real headless Chromium against the real Worker (wrangler dev, local D1 with the seed).
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch } from "./browser.ts";
import { BASE } from "./server.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function withPage<T>(
  fn: (page: Page, context: BrowserContext) => Promise<T>,
  options: Parameters<Browser["newContext"]>[0] = {},
): Promise<T> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const problems: string[] = [];
  // Failed loads are caught as responses (a 404 page's own status is expected; its console echo is not news).
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource"))
      problems.push(`console: ${m.text()}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400 && r.request().resourceType() !== "document")
      problems.push(`${r.status()} ${r.url()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  try {
    const result = await fn(page, context);
    // No CSP violation, failed load or script error along the way.
    expect(problems).toEqual([]);
    return result;
  } finally {
    await context.close();
  }
}

const cardNames = (page: Page) => page.locator(".product-card .card-title a").allTextContents();

describe("a shopper", () => {
  it('types "mien dong" on the home page and reaches a miến dong product page', async () => {
    await withPage(async (page) => {
      await page.goto(`${BASE}/`);
      await page.getByLabel("Tìm sản phẩm").fill("mien dong");
      await page.getByLabel("Tìm sản phẩm").press("Enter");
      await page.waitForURL(/\/san-pham\?q=mien\+dong/);
      await expect.poll(() => page.locator("#results-h").textContent()).toContain("mien dong");
      const names = await cardNames(page);
      expect(names.length).toBeGreaterThanOrEqual(3);
      expect(names.every((n) => /miến dong/i.test(n))).toBe(true);
      await page.getByRole("link", { name: "Miến dong Tân Việt Á" }).click();
      await page.waitForURL(`${BASE}/san-pham/mien-dong-tan-viet-a`);
      expect(await page.locator("h1").textContent()).toBe("Miến dong Tân Việt Á");
      expect(await page.title()).toContain("Miến dong Tân Việt Á");
    });
  });

  it("filters by national tier and sees only national products, with counts that match the results", async () => {
    await withPage(async (page) => {
      await page.goto(`${BASE}/san-pham`);
      const national = page.getByRole("checkbox", { name: /Quốc gia/ });
      const facetCount = Number(await page.locator("label[for=f-tier-national] .count").textContent());
      expect(facetCount).toBeGreaterThan(0);
      await national.check();
      await page.getByRole("button", { name: "Áp dụng" }).click();
      await page.waitForURL(/[?&]tier=national/);
      expect(await page.getByRole("checkbox", { name: /Quốc gia/ }).isChecked()).toBe(true);
      const cards = page.locator(".product-card");
      expect(await cards.count()).toBe(facetCount);
      expect(await page.locator("#results-h").textContent()).toBe(`${facetCount} sản phẩm`);
      expect(await page.locator(".product-card .tier-national").count()).toBe(facetCount);
      expect(await page.locator(".product-card .tier-regional, .product-card .tier-provincial").count()).toBe(
        0,
      );
      // The national count stays; the group counts now describe the national products only.
      expect(Number(await page.locator("label[for=f-tier-national] .count").textContent())).toBe(facetCount);
      const groupCounts = await page
        .locator("fieldset.facet:has(input[name=group]) .count")
        .allTextContents();
      expect(groupCounts.map(Number).reduce((a, b) => a + b, 0)).toBe(facetCount);
      // A chip removes the filter again.
      await page.getByRole("link", { name: /Bỏ lọc: Quốc gia/ }).click();
      await page.waitForURL(`${BASE}/san-pham`);
      expect(await page.locator(".product-card").count()).toBe(12);
    });
  });

  it("switches to English and back, keeping the page", async () => {
    await withPage(async (page) => {
      await page.goto(`${BASE}/san-pham/chieu-truc-688`);
      expect(await page.locator("html").getAttribute("lang")).toBe("vi");
      await page.getByRole("link", { name: "English" }).click();
      await page.waitForURL(`${BASE}/en/products/chieu-truc-688`);
      expect(await page.locator("html").getAttribute("lang")).toBe("en");
      expect(await page.locator("h1").textContent()).toBe("Bamboo mats of Công ty TNHH MTV 688");
      expect(await page.getByRole("navigation", { name: "Main navigation" }).textContent()).toContain(
        "Products",
      );
      expect(await page.locator("link[rel=alternate][hreflang=vi]").getAttribute("href")).toBe(
        `${BASE}/san-pham/chieu-truc-688`,
      );
      await page.getByRole("link", { name: "Products", exact: true }).first().click();
      await page.waitForURL(`${BASE}/en/products`);
      expect(await page.locator("h1").textContent()).toBe("Product catalogue");
      await page.getByRole("link", { name: "Tiếng Việt" }).click();
      await page.waitForURL(`${BASE}/san-pham`);
      expect(await page.locator("html").getAttribute("lang")).toBe("vi");
      expect(await page.locator("h1").textContent()).toBe("Danh mục sản phẩm");
    });
  });

  it("sees real products first and can tell what is illustrative, counts included", async () => {
    await withPage(async (page) => {
      // The former district of Quảng Hòa: real products (Dao Minh Tuấn, đường phên Bó Tờ, miến dong of Cai Bộ) and the
      // illustrative bánh khảo. Real records only by default; the switch (a plain link) shows the examples too.
      await page.goto(`${BASE}/san-pham?district=quang-hoa`);
      expect(await page.locator("main .tag-sample").count()).toBe(0);
      await page.getByRole("link", { name: "Xem cả ví dụ minh họa" }).click();
      await page.waitForURL(`${BASE}/san-pham?district=quang-hoa&include=illustrative`);
      const cards = page.locator(".product-card");
      const marksOf = () =>
        cards.evaluateAll((els) => els.map((e) => e.querySelector(".tag-sample") !== null));
      const marked = await marksOf();
      expect(marked.length).toBeGreaterThan(0);
      // Every real product before the first illustrative one, which carries a visible "Minh họa" tag. When the
      // real products fill the first page (the editor journey may have published one more), the next page starts
      // where they end.
      const onFirstPage = marked.length;
      if (!marked.includes(true)) {
        await page.locator('.pager a[rel="next"]').click();
        await page.waitForURL(/cursor=/);
        marked.push(...(await marksOf()));
      }
      const first = marked.indexOf(true);
      expect(first).toBeGreaterThan(0);
      expect(marked.slice(first).every(Boolean)).toBe(true);
      const shown = first < onFirstPage ? first : first - onFirstPage;
      expect(await cards.nth(shown).locator(".tag-sample").isVisible()).toBe(true);
      // The result count and the facet counts say how many are illustrative.
      expect(await page.locator("#results-h").textContent()).toMatch(/\d+ sản phẩm · \d+ minh họa/);
      await page.goto(`${BASE}/san-pham?include=illustrative`);
      const regional = page.locator('label[for="f-tier-regional"]');
      // One illustrative product is "1 · minh họa", not "cả 1 minh họa".
      expect(await regional.textContent()).toMatch(/1 · minh họa/);
      expect(await regional.locator(".count-illustrative").isVisible()).toBe(true);
      // The home page's tiles too, in both languages.
      await page.goto(`${BASE}/?include=illustrative`);
      expect(await page.locator(".tier-regional .tier-link-count").textContent()).toBe(
        "1 sản phẩm · minh họa",
      );
      await page.goto(`${BASE}/en?include=illustrative`);
      expect(await page.locator(".tier-regional .tier-link-count").textContent()).toBe(
        "1 product · illustrative",
      );
      expect(await page.locator(".tier-national .tier-link-count").textContent()).not.toContain(
        "illustrative",
      );
    });
  });

  it("finds where to buy: channels with status, price, stores, and which listings are illustrative", async () => {
    await withPage(async (page) => {
      // Every listing of this product is illustrative: shown only with the examples switch on.
      await page.goto(`${BASE}/san-pham/lap-suon-thit-hun-khoi-tam-hoa?include=illustrative`);
      await page.getByRole("link", { name: /Mua ở đâu/ }).click();
      await page.waitForURL(/#where-to-buy$/);
      const section = page.locator("#where-to-buy");
      expect(await section.isVisible()).toBe(true);
      const listings = section.locator(".listing");
      expect(await listings.count()).toBe(3);
      const text = (await section.textContent()) ?? "";
      for (const s of [
        "GO! / Big C",
        "AEON",
        "WinMart",
        "Còn hàng",
        "Tạm hết hàng",
        "185.000 ₫",
        "GO! Cao Bằng",
      ]) {
        expect(text).toContain(s);
      }
      // The source never says which chain sells what: each listing is illustrative as a whole, said once beside
      // its channel (not again on its price and stores), and none claims a "last checked" date.
      expect(await section.locator(".listing-illustrative").count()).toBe(3);
      for (const l of await listings.all()) {
        expect(await l.locator(".listing-head .tag-sample").isVisible()).toBe(true);
        expect(await l.locator(".tag-sample").count()).toBe(1);
      }
      expect(await section.locator("time").count()).toBe(0);
      await section.getByRole("link", { name: "AEON" }).click();
      await page.waitForURL(`${BASE}/kenh-phan-phoi/aeon`);
      expect(await page.locator("h1").textContent()).toBe("AEON");
      // The chain's page lists the illustrative listing only behind its own switch.
      expect(await page.getByRole("link", { name: "Lạp sườn, thịt hun khói Tâm Hòa" }).count()).toBe(0);
      await page.getByRole("link", { name: "Xem cả ví dụ minh họa" }).click();
      await page.waitForURL(`${BASE}/kenh-phan-phoi/aeon?include=illustrative`);
      expect(await page.getByRole("link", { name: "Lạp sườn, thịt hun khói Tâm Hòa" }).count()).toBe(1);
    });
  });

  it("uses the catalogue with JavaScript disabled: search, filters, sort and pages", async () => {
    await withPage(
      async (page) => {
        await page.goto(`${BASE}/`);
        await page.getByLabel("Tìm sản phẩm").fill("lap suon");
        await page.getByRole("button", { name: "Tìm", exact: true }).click();
        await page.waitForURL(/q=lap\+suon/);
        expect(await cardNames(page)).toContain("Lạp sườn, thịt hun khói Tâm Hòa");

        await page.goto(`${BASE}/san-pham`);
        await page.getByRole("checkbox", { name: /Thủ công mỹ nghệ/ }).check();
        await page.getByLabel("Sắp xếp").selectOption("name");
        await page.getByRole("button", { name: "Áp dụng" }).click();
        await page.waitForURL(/group=handicraft/);
        expect(page.url()).toContain("sort=name");
        const names = await cardNames(page);
        expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "vi")));
        expect(names).toContain("Chiếu trúc của Công ty TNHH MTV 688");

        await page.goto(`${BASE}/san-pham`);
        const first = await cardNames(page);
        await page.getByRole("link", { name: /Trang sau/ }).click();
        await page.waitForURL(/cursor=/);
        const second = await cardNames(page);
        expect(second.length).toBeGreaterThan(0);
        expect(second.some((n) => first.includes(n))).toBe(false);
        await page.getByRole("link", { name: /Trang trước/ }).click();
        await page.waitForURL(`${BASE}/san-pham`);
      },
      { javaScriptEnabled: false },
    );
  });

  it("on a phone sees results first, and unfolds the filters without any script", async () => {
    await withPage(
      async (page) => {
        await page.goto(`${BASE}/san-pham`);
        const box = page.getByRole("checkbox", { name: /Quốc gia/ });
        expect(await box.isVisible()).toBe(false);
        await page.getByText("Bộ lọc", { exact: true }).click();
        expect(await box.isVisible()).toBe(true);
        await box.check();
        await page.getByRole("button", { name: "Áp dụng" }).click();
        await page.waitForURL(/tier=national/);
        expect(await page.locator("#results-h").textContent()).toBe("2 sản phẩm");
        expect(await page.locator(".filters summary .count").textContent()).toBe("1");
      },
      { viewport: { width: 360, height: 740 }, javaScriptEnabled: false },
    );
  });

  it("gets a 404 page with search for a page that does not exist", async () => {
    await withPage(async (page) => {
      const res = await page.goto(`${BASE}/san-pham/khong-co-gi-o-day`);
      expect(res?.status()).toBe(404);
      expect(await page.locator("h1").textContent()).toBe("Không tìm thấy trang");
      await page.getByLabel("Tìm sản phẩm").fill("khau sli");
      await page.getByLabel("Tìm sản phẩm").press("Enter");
      await page.waitForURL(/q=khau\+sli/);
      expect(await cardNames(page)).toContain("Khẩu sli Nà Giàng");
    });
  });

  it("can do everything from the keyboard: skip link, visible focus", async () => {
    await withPage(async (page) => {
      await page.goto(`${BASE}/san-pham`);
      await page.keyboard.press("Tab");
      const skip = page.locator("a.skip");
      expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await skip.isVisible()).toBe(true);
      await page.keyboard.press("Enter");
      await page.waitForURL(/#main$/);
      // Tab onward: the first control after the skip target is the breadcrumb link, with a visible outline.
      await page.keyboard.press("Tab");
      const outline = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const s = getComputedStyle(el);
        return { tag: el.tagName, style: s.outlineStyle, width: Number.parseFloat(s.outlineWidth) };
      });
      expect(outline.tag).toBe("A");
      expect(outline.style).not.toBe("none");
      expect(outline.width).toBeGreaterThanOrEqual(2);
    });
  });

  it("prints a product page without navigation or search", async () => {
    await withPage(async (page) => {
      await page.goto(`${BASE}/san-pham/chieu-truc-688`);
      await page.emulateMedia({ media: "print" });
      expect(await page.locator(".site-header").isVisible()).toBe(false);
      expect(await page.locator(".site-footer").isVisible()).toBe(false);
      expect(await page.locator("h1").isVisible()).toBe(true);
      expect(await page.locator("#where-to-buy").isVisible()).toBe(true);
    });
  });
});
