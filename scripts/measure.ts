// Measures what the issue asks of the pages: Lighthouse (mobile, its default) on the home, catalogue and
// product pages, and each page's compressed weight (HTML + CSS + JS, gzip). Serves a fresh seeded Worker on
// port 8790 (or measures BASE_URL), runs Lighthouse through npx (pinned; needs Node 22, which `npm run` gives)
// with Debian's Chromium. `npm run measure` prints a Markdown table for docs/shoppers.md.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { CHROMIUM } from "../test/browser/browser.ts";
import { startServer } from "../test/browser/server.ts";

const LIGHTHOUSE_VERSION = "13.5.0";
// More pages to measure may follow on the command line: `npm run measure -- /co-so/htx-tam-hoa /en/recognition`.
const PAGES: (readonly [string, string])[] = [
  ["home", "/"],
  ["catalogue", "/san-pham"],
  ["product", "/san-pham/lap-suon-thit-hun-khoi-tam-hoa"],
  ...process.argv
    .slice(2)
    .map((p) => [p.split("/").filter(Boolean).slice(-2).join(" ") || "page", p] as const),
];

async function weight(base: string, path: string) {
  const html = await (await fetch(`${base}${path}`)).text();
  const assets = [...html.matchAll(/<(?:link rel="stylesheet" href|script src)="([^"]+)"/g)].map((m) => m[1]);
  let gz = gzipSync(html).length;
  for (const a of assets)
    gz += gzipSync(new Uint8Array(await (await fetch(`${base}${a}`)).arrayBuffer())).length;
  return { html: Buffer.byteLength(html), gz };
}

const server = process.env.BASE_URL ? null : await startServer();
const base = process.env.BASE_URL ?? server?.url ?? "";
const out = mkdtempSync(join(tmpdir(), "lighthouse-"));
const rows: string[] = [];
try {
  const weights = [];
  for (const [, path] of PAGES) weights.push(await weight(base, path));
  for (const [i, [name, path]] of PAGES.entries()) {
    const report = join(out, `${name}.json`);
    execFileSync(
      "npx",
      [
        "-y",
        `lighthouse@${LIGHTHOUSE_VERSION}`,
        `${base}${path}`,
        "--quiet",
        "--output=json",
        `--output-path=${report}`,
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
      ],
      { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, CHROME_PATH: CHROMIUM } },
    );
    const lh = JSON.parse(readFileSync(report, "utf8"));
    const score = (c: string) => Math.round(lh.categories[c].score * 100);
    const audit = (a: string) => lh.audits[a].displayValue as string;
    const w = weights[i] ?? { gz: 0 };
    rows.push(
      `| ${name} \`${path}\` | ${score("performance")} | ${score("accessibility")} | ${score("best-practices")} | ${score("seo")} | ${audit("first-contentful-paint")} | ${audit("largest-contentful-paint")} | ${audit("total-blocking-time")} | ${audit("cumulative-layout-shift")} | ${(w.gz / 1024).toFixed(1)} KB | ${(lh.audits["total-byte-weight"].numericValue / 1024).toFixed(1)} KB |`,
    );
  }
} finally {
  await server?.stop();
}
console.log(`Lighthouse ${LIGHTHOUSE_VERSION} (mobile), ${new Date().toISOString().slice(0, 10)}`);
console.log(
  "| page | perf | a11y | best practices | SEO | FCP | LCP | TBT | CLS | HTML+CSS+JS gzip | all bytes (images too) |",
);
console.log("|---|---|---|---|---|---|---|---|---|---|---|");
for (const r of rows) console.log(r);
