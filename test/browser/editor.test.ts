// An editor in real headless Chromium against the real Worker (wrangler dev, local D1): the account is made with
// the operator's command (`npm run editor:create`), then the editor signs in, adds a producer, a product and a
// recognition through the forms (no JavaScript), previews, publishes; a shopper then finds the product by an
// unaccented search; the editor then marks a stale listing checked. axe checks every editor page on the way.
import { execFileSync } from "node:child_process";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch } from "./browser.ts";
import { BASE } from "./server.ts";

const root = new URL("../../", import.meta.url).pathname;
const PNG_BASE64 =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
let browser: Browser;
let password = "";
const email = `publisher-${Date.now()}@example.vn`;

beforeAll(async () => {
  browser = await launch();
  const out = execFileSync(
    process.execPath,
    [
      "scripts/editor.ts",
      "create",
      "--email",
      email,
      "--role",
      "publisher",
      "--persist-to",
      ".wrangler/browser-state",
    ],
    { cwd: root, encoding: "utf8" },
  );
  password = out.trim().split("\n").at(-1) ?? "";
  expect(password).toMatch(/^[\w-]{20}$/);
});
afterAll(async () => {
  await browser?.close();
});

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
}

const shots = process.env.EDITOR_SCREENSHOTS ? `${root}docs/screenshots` : null;

describe("an editor in Chromium", () => {
  it("signs in, adds a producer, product and recognition, previews, publishes; a shopper finds it", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(m.text());
    });
    try {
      await page.goto(`${BASE}/quan-tri`);
      expect(new URL(page.url()).pathname).toBe("/quan-tri/dang-nhap");
      expect(await axe(page)).toEqual([]);
      await page.getByLabel("Thư điện tử").fill(email);
      await page.getByLabel("Mật khẩu").fill("wrong password");
      await page.getByRole("button", { name: "Đăng nhập" }).click();
      expect(await page.getByRole("alert").textContent()).toContain("không đúng");
      await page.getByLabel("Mật khẩu").fill(password);
      await page.getByRole("button", { name: "Đăng nhập" }).click();
      // editor:create's password is one-time: the first sign-in opens only the form that replaces it.
      await page.waitForURL(`${BASE}/quan-tri/doi-mat-khau`);
      expect(await axe(page)).toEqual([]);
      await page.getByLabel("Mật khẩu hiện tại").fill(password);
      await page.getByLabel("Mật khẩu mới (ít nhất 12 ký tự)").fill("mat-khau-rieng-cua-bien-tap-vien");
      await page.getByLabel("Nhập lại mật khẩu mới").fill("mat-khau-rieng-cua-bien-tap-vien");
      await page.getByRole("button", { name: "Đổi mật khẩu" }).click();
      await page.waitForURL(`${BASE}/quan-tri`);
      expect(await axe(page)).toEqual([]);
      if (shots) await page.screenshot({ path: `${shots}/editor-queue.png`, fullPage: false });

      await page.goto(`${BASE}/quan-tri/co-so/moi`);
      await page.getByLabel("Đường dẫn (slug)").fill("htx-tra-phja-den");
      await page.getByLabel("Tên cơ sở").fill("HTX Trà Phja Đén");
      await page.getByLabel("Huyện cũ (trước 1/7/2025)").fill("Nguyên Bình");
      await page
        .getByLabel("Nguồn (mỗi dòng một đường dẫn https)")
        .fill("https://caobang.gov.vn/tra-phja-den");
      await page.getByRole("button", { name: "Tạo bản nháp" }).click();
      await page.waitForURL(/\/quan-tri\/co-so\/htx-tra-phja-den/);

      await page.goto(`${BASE}/quan-tri/san-pham/moi`);
      await page.getByLabel("Đường dẫn (slug)").fill("tra-xanh-phja-den");
      await page.getByLabel("Cơ sở sản xuất").selectOption("htx-tra-phja-den");
      await page.getByLabel("Tên (tiếng Việt)").fill("Trà xanh Phja Đén");
      await page.getByLabel("Tên (tiếng Anh)").fill("Phja Den green tea");
      await page.getByLabel("Loại (tiếng Việt)").fill("Trà");
      await page.getByLabel("Loại (tiếng Anh)").fill("Tea");
      await page.getByLabel("Nguồn (mỗi dòng một đường dẫn https)").fill("ftp://not-a-web-page.example");
      await page.getByRole("button", { name: "Tạo bản nháp" }).click();
      // A field-level error, announced, linked from the summary, and still accessible.
      expect(await page.locator("#f-sources-error").textContent()).toMatch(/https/);
      expect(await axe(page)).toEqual([]);
      if (shots) await page.screenshot({ path: `${shots}/editor-form-errors.png`, fullPage: false });
      await page.getByLabel("Nguồn (mỗi dòng một đường dẫn https)").fill("https://caobang.gov.vn/tra");
      await page.getByRole("button", { name: "Tạo bản nháp" }).click();
      await page.waitForURL(/\/quan-tri\/san-pham\/tra-xanh-phja-den\?saved=1/);

      // A photo (a real 1×1 PNG), with what it shows in both languages.
      await page.getByLabel("Ảnh (JPEG, PNG hoặc WebP, tối đa 900 kB)").setInputFiles({
        name: "tra.png",
        mimeType: "image/png",
        buffer: Buffer.from(PNG_BASE64, "base64"),
      });
      await page.getByLabel("Mô tả ảnh (tiếng Việt)").fill("Hộp trà xanh Phja Đén");
      await page.getByLabel("Mô tả ảnh (tiếng Anh)").fill("A box of Phja Den green tea");
      await page.getByRole("button", { name: "Tải ảnh lên" }).click();
      await page.waitForURL(/saved=1/);
      expect(await page.locator("img.photo").getAttribute("src")).toMatch(
        /^\/anh\/products\/tra-xanh-phja-den\//,
      );

      const rec = page.locator("form", { has: page.getByRole("button", { name: "Thêm công nhận" }) });
      await rec.getByLabel("Chương trình").selectOption("cnnt");
      await rec.getByLabel("Cấp (CNNT tiêu biểu)").selectOption("provincial");
      await rec.getByLabel("Năm quyết định").fill("2025");
      await rec.getByLabel("Danh hiệu (tiếng Việt)").fill("Sản phẩm CNNT tiêu biểu cấp tỉnh 2025");
      await rec
        .getByLabel("Danh hiệu (tiếng Anh)")
        .fill("Provincial outstanding rural-industry product 2025");
      await rec.getByLabel("Cơ quan ban hành").fill("UBND tỉnh Cao Bằng");
      await rec.getByLabel("Nguồn (https)").fill("https://caobang.gov.vn/qd-2025");
      await rec.getByRole("button", { name: "Thêm công nhận" }).click();
      await page.waitForURL(/saved=1/);
      expect(await axe(page)).toEqual([]);

      await page.getByRole("link", { name: "Xem trước trang công khai" }).click();
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Trà xanh Phja Đén");
      expect(await axe(page)).toEqual([]);
      expect((await page.request.get(`${BASE}/san-pham/tra-xanh-phja-den`)).status()).toBe(404);

      await page.goBack();
      await page.getByRole("button", { name: "Đăng công khai" }).click();
      await page.waitForURL(/published=1/);

      // A shopper, without accents.
      const shopper = await browser.newPage();
      await shopper.goto(`${BASE}/san-pham?q=tra+xanh+phja+den`);
      await shopper.getByRole("link", { name: "Trà xanh Phja Đén" }).first().click();
      await shopper.waitForURL(`${BASE}/san-pham/tra-xanh-phja-den`);
      expect(await shopper.getByRole("heading", { level: 1 }).textContent()).toContain("Trà xanh Phja Đén");
      // The photo is shown (served from R2 through the Worker) with its alt text.
      const photo = shopper.getByAltText("Hộp trà xanh Phja Đén");
      expect(await photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
      await shopper.close();

      // The rest of the catalogue: a listing not checked for 90 days, marked checked today from its page.
      await page.goto(`${BASE}/quan-tri/niem-yet?stale=1`);
      expect(await axe(page)).toEqual([]);
      const stale = page.locator("ul.records a").first();
      const href = (await stale.getAttribute("href")) ?? "";
      await stale.click();
      expect(await axe(page)).toEqual([]);
      await page.getByRole("button", { name: "Đánh dấu đã kiểm tra hôm nay" }).click();
      await page.waitForURL(/saved=1/);
      expect(await page.getByLabel("Ngày kiểm tra gần nhất").inputValue()).toBe(
        new Date().toISOString().slice(0, 10),
      );
      await page.goto(`${BASE}/quan-tri/niem-yet?stale=1`);
      expect(await page.locator(`ul.records a[href="${href}"]`).count()).toBe(0);
      for (const path of ["/quan-tri/de-an-khuyen-cong/moi", "/quan-tri/kenh-ban", "/quan-tri/nguoi-dung"]) {
        await page.goto(`${BASE}${path}`);
        expect(await axe(page), path).toEqual([]);
      }

      await page.goto(`${BASE}/en/admin/products`);
      expect(await axe(page)).toEqual([]);
      expect(errors).toEqual([]);

      // Leave the shared catalogue as the seed made it (later files count its real and illustrative products):
      // delete the product with a token from the operator's command, through the admin API.
      const token =
        execFileSync(
          process.execPath,
          ["scripts/editor.ts", "token", "--email", email, "--persist-to", ".wrangler/browser-state"],
          { cwd: root, encoding: "utf8" },
        )
          .trim()
          .split("\n")
          .at(-1) ?? "";
      const current = await page.request.get(`${BASE}/api/v1/admin/products/tra-xanh-phja-den`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const removed = await page.request.delete(`${BASE}/api/v1/admin/products/tra-xanh-phja-den`, {
        headers: { authorization: `Bearer ${token}`, "if-match": current.headers().etag ?? "" },
      });
      expect(removed.status()).toBe(204);
      expect((await page.request.get(`${BASE}/san-pham/tra-xanh-phja-den`)).status()).toBe(404);
    } finally {
      await context.close();
    }
  });

  it("makes a channel's read-only API key on the keys page, sees it once and revokes it (axe on each state)", async () => {
    const context = await browser.newContext({ viewport: { width: 412, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(`${BASE}/quan-tri/dang-nhap`);
      await page.getByLabel("Thư điện tử").fill(email);
      // The first test replaced the one-time password with this one.
      await page.getByLabel("Mật khẩu").fill("mat-khau-rieng-cua-bien-tap-vien");
      await page.getByRole("button", { name: "Đăng nhập" }).click();
      await page.waitForURL(`${BASE}/quan-tri`);
      await page.getByRole("link", { name: "Khóa API" }).click();
      await page.waitForURL(`${BASE}/quan-tri/khoa-api`);
      expect(await axe(page)).toEqual([]);
      await page.getByLabel("Kênh bán").selectOption("aeon");
      await page.getByLabel("Tên khóa (để phân biệt, không bắt buộc)").fill("AEON báo cáo");
      await page.getByLabel("Chỉ đọc (xem webhook và lần gửi; đứng riêng)").check();
      await page.getByLabel("Niêm yết (ghi niêm yết của kênh)").uncheck();
      await page.getByLabel("Webhook (đăng ký, sửa, xóa điểm nhận)").uncheck();
      await page.getByLabel("Hết hạn từ ngày (không bắt buộc)").fill("2020-01-01");
      await page.getByRole("button", { name: "Tạo khóa" }).click();
      expect(await page.getByRole("alert").textContent()).toContain("2020-01-01 đã qua");
      expect(await axe(page)).toEqual([]);
      const nextYear = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
      await page.getByLabel("Hết hạn từ ngày (không bắt buộc)").fill(nextYear);
      await page.getByRole("button", { name: "Tạo khóa" }).click();
      const key = (await page.locator(".secret code").textContent()) ?? "";
      expect(key).toMatch(/^cnnt_[0-9a-f]{48}$/);
      expect(await axe(page)).toEqual([]);
      // The key reads the channel's webhooks and may not write its listings.
      const auth = { authorization: `Bearer ${key}` };
      expect(
        (await page.request.get(`${BASE}/api/v1/channels/aeon/webhooks`, { headers: auth })).status(),
      ).toBe(200);
      const write = await page.request.put(`${BASE}/api/v1/channels/aeon/listings/mien-dong-tan-viet-a`, {
        headers: auth,
        data: { status: "in_stock", price_vnd: 1 },
      });
      expect(write.status()).toBe(403);
      await page.getByRole("button", { name: `Thu hồi ${key.slice(0, 13)}` }).click();
      expect(await page.getByRole("status").textContent()).toContain(`Đã thu hồi khóa ${key.slice(0, 13)}`);
      expect(await page.content()).not.toContain(key);
      expect(await axe(page)).toEqual([]);
      const after = await page.request.get(`${BASE}/api/v1/channels/aeon/webhooks`, { headers: auth });
      expect(after.status()).toBe(401);
    } finally {
      await context.close();
    }
  });
});
