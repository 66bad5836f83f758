// Lighthouse as a gate: accessibility, best practices and SEO must be 100 on the home, catalogue and product pages
// (mobile, Lighthouse's default). Performance is printed, not gated: this shared 2-core machine is too noisy for a
// fair score. The version is pinned in package.json (devDependencies), so every run judges by the same audits.
import lighthouse from "lighthouse";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch } from "./browser.ts";
import { BASE } from "./server.ts";

const DEBUG_PORT = 9229 + 13; // away from wrangler's inspector ports
const GATED = ["accessibility", "best-practices", "seo"] as const;

/**
 * Lighthouse's report of a page. A run whose trace recording failed (NO_NAVSTART, NO_FCP: Lighthouse says "run
 * Lighthouse again") is run once more — on this shared machine the first page's trace is sometimes lost; any other
 * runtime error, and every score, still fails the test.
 */
async function audit(path: string, categories: string[]) {
  for (let attempt = 1; ; attempt++) {
    const result = await lighthouse(`${BASE}${path}`, {
      port: DEBUG_PORT,
      output: "json",
      logLevel: "error",
      onlyCategories: categories,
    });
    const code = result?.lhr.runtimeError?.code;
    if (attempt < 2 && (code === "NO_NAVSTART" || code === "NO_FCP")) continue;
    return result?.lhr;
  }
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch([`--remote-debugging-port=${DEBUG_PORT}`]);
});
afterAll(async () => {
  await browser?.close();
});

describe("Lighthouse", () => {
  it.each([
    ["home", "/"],
    ["catalogue", "/san-pham"],
    ["product", "/san-pham/lap-suon-thit-hun-khoi-tam-hoa"],
    // The enquiry form and its thank-you page (issue 24) are noindex on purpose, which Lighthouse's SEO category
    // counts against them ("is-crawlable"): every other SEO audit is still gated.
    ["enquiry form", "/hoi-mua?product=lap-suon-thit-hun-khoi-tam-hoa"],
    ["enquiry thanks", "/hoi-mua/cam-on"],
  ])(
    "%s (%s): accessibility, best practices and SEO at 100",
    async (name, path) => {
      const noindexOnPurpose = name.startsWith("enquiry");
      const lhr = await audit(path, ["performance", ...GATED]);
      expect(lhr?.runtimeError, JSON.stringify(lhr?.runtimeError)).toBeUndefined();
      const score = (c: string) => Math.round((lhr?.categories[c]?.score ?? 0) * 100);
      console.log(
        `lighthouse ${lhr?.lighthouseVersion} ${name} ${path}: performance ${score("performance")}, ${GATED.map((c) => `${c} ${score(c)}`).join(", ")}`,
      );
      // Name the failing audits, so a drop says what to fix.
      const failing = GATED.flatMap((c) =>
        (lhr?.categories[c]?.auditRefs ?? [])
          .filter((r) => r.weight > 0 && (lhr?.audits[r.id]?.score ?? 1) < 1)
          .filter((r) => !(noindexOnPurpose && r.id === "is-crawlable"))
          .map((r) => `${c}: ${r.id} (${lhr?.audits[r.id]?.title})`),
      );
      expect(failing).toEqual([]);
      for (const c of GATED) if (!(noindexOnPurpose && c === "seo")) expect(score(c), c).toBe(100);
    },
    180_000,
  );

  // The API reference renders with Scalar's bundle (public/vendor/scalar): its accessibility is gated (its colours
  // are darkened in src/platform/http/api-docs.ts); best practices and SEO are not (robots.txt keeps /api/ out of search).
  it("API docs (/api/docs): accessibility at 100", async () => {
    const lhr = await audit("/api/docs", ["performance", "accessibility"]);
    expect(lhr?.runtimeError, JSON.stringify(lhr?.runtimeError)).toBeUndefined();
    const score = (c: string) => Math.round((lhr?.categories[c]?.score ?? 0) * 100);
    console.log(
      `lighthouse api docs: performance ${score("performance")}, accessibility ${score("accessibility")}`,
    );
    const failing = (lhr?.categories.accessibility?.auditRefs ?? [])
      .filter((r) => r.weight > 0 && (lhr?.audits[r.id]?.score ?? 1) < 1)
      .map((r) => `${r.id}: ${JSON.stringify(lhr?.audits[r.id]?.details).slice(0, 400)}`);
    expect(failing).toEqual([]);
  }, 180_000);
});
