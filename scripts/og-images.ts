// Renders the Open Graph images (social networks do not show SVG): public/img/og.png for the site and a PNG of
// each product illustration beside its SVG (product pages name <illustration>.png as og:image). Run after
// changing an illustration: `npm run og:images` (then `npm run assets:version`).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { launch } from "../test/browser/browser.ts";

const img = new URL("../public/img/", import.meta.url).pathname;
const svgData = (path: string) => `data:image/svg+xml;base64,${readFileSync(path).toString("base64")}`;

const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 630 } });
  for (const name of readdirSync(join(img, "products")).filter((f) => f.endsWith(".svg"))) {
    await page.setContent(
      `<body style="margin:0;background:#eef0f8"><img src="${svgData(join(img, "products", name))}" style="display:block;width:1200px;height:630px;object-fit:cover"></body>`,
    );
    await page.screenshot({ path: join(img, "products", name.replace(/\.svg$/, ".png")) });
  }
  await page.setContent(`<body style="margin:0;font-family:system-ui,'Noto Sans',Arial,sans-serif">
    <div style="display:flex;align-items:center;gap:48px;width:1200px;height:630px;box-sizing:border-box;padding:64px;background:#1b2350;color:#fff">
      <div style="flex:1"><p style="margin:0 0 12px;color:#e9c46a;font-weight:700;font-size:28px;letter-spacing:.06em">CAO BẰNG · CNNT</p>
        <h1 style="margin:0;font-size:58px;line-height:1.15">Sản phẩm công nghiệp nông thôn tiêu biểu</h1>
        <p style="margin:20px 0 0;font-size:28px;color:#d7dbf3">Typical rural-industry products of Cao Bằng</p></div>
      <img src="${svgData(join(img, "karst.svg"))}" style="width:440px;height:330px">
    </div></body>`);
  await page.screenshot({ path: join(img, "og.png") });
  console.log("og images written to public/img");
} finally {
  await browser.close();
}
