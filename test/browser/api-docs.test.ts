// The API reference (/api/docs) in Chromium against wrangler dev: Scalar's renderer, fetched by scripts/vendor.ts,
// draws every operation from this origin under a CSP without inline scripts, in the page's own language, with a
// way back to the site and none of the vendor's upsell controls.
import type { Browser } from "playwright-core";
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

describe("API docs page", () => {
  it("renders the operations, links back to the site and shows no upsell", async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("request", (r) => {
      if (!/^(data|blob):/.test(r.url()) && !r.url().startsWith(BASE)) problems.push(`request to ${r.url()}`);
    });
    await page.goto(`${BASE}/api/docs`);
    await page.getByText("Search and filter products").first().waitFor({ timeout: 30_000 });
    expect(await page.getAttribute("html", "lang")).toBe("en");
    // biome-ignore lint/performance/useDomNodeTextContent: what a reader sees, not the text of hidden nodes and styles
    const text = await page.evaluate(() => document.body.innerText);
    for (const upsell of ["Ask AI", "Generate SDK", "Generate MCP", "Deploy", "Developer Tools", "Explore"])
      expect(text, upsell).not.toContain(upsell);
    expect(problems).toEqual([]);
    await page.getByRole("link", { name: "← Cao Bằng CNNT catalogue" }).click();
    await page.waitForURL(`${BASE}/`);
    expect(await page.getAttribute("html", "lang")).toBe("vi");
    await page.close();
  }, 90_000);
});
