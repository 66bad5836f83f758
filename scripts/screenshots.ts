// Takes the shoppers' pages' screenshots (docs/shoppers.md): home, catalogue and product pages on a phone and a desktop, from a fresh
// `wrangler dev` (port 8790) with the seed data. `npm run screenshots` writes docs/screenshots/*.png.
import { mkdirSync } from "node:fs";
import { launch } from "../test/browser/browser.ts";
import { startServer } from "../test/browser/server.ts";

const out = new URL("../docs/screenshots/", import.meta.url).pathname;
const pages = [
  ["home", "/"],
  ["catalogue", "/san-pham?tier=national&tier=regional&tier=provincial"],
  ["product", "/san-pham/lap-suon-thit-hun-khoi-tam-hoa"],
] as const;
// [name, viewport, device scale, most CSS pixels of page height to keep]
const devices = [
  ["phone", { width: 390, height: 844 }, 2, 2400],
  ["desktop", { width: 1280, height: 860 }, 1, 2200],
] as const;
const extra = process.argv.slice(2); // more paths to shoot while designing, e.g. /khuyen-cong

mkdirSync(out, { recursive: true });
const server = process.env.BASE_URL ? null : await startServer();
const base = process.env.BASE_URL ?? server?.url;
const browser = await launch();
try {
  for (const [device, viewport, scale, maxHeight] of devices) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: scale, locale: "vi-VN" });
    const page = await context.newPage();
    const shots = [
      ...pages,
      ...extra.map((p) => [p.replace(/[^\w]+/g, "_").replace(/^_|_$/g, "") || "root", p]),
    ];
    for (const [name, path] of shots) {
      await page.goto(`${base}${path}`, { waitUntil: "networkidle" });
      const file = `${out}${name}-${device}.png`;
      const height = Math.min(maxHeight, await page.evaluate(() => document.documentElement.scrollHeight));
      await page.screenshot({
        path: file,
        fullPage: true,
        clip: { x: 0, y: 0, width: viewport.width, height },
      });
      console.log(file);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server?.stop();
}
