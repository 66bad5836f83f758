// End-to-end checks that need the real tools rather than workerd alone (run by `npm test`):
//  1. the API docs page renders in Chromium under its Content-Security-Policy, with no violation;
//  2. a retailer's hostile listing text on the product page runs nothing in Chromium and shows as text;
//  3. `npm run db:backup` and `npm run db:restore` round-trip a wrangler local database exactly, search included.
// Uses its own ports (8801, inspector 8804) and its own --persist-to directories.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { generateApiKey } from "../src/platform/http/api-key.ts";
import { startDevServer } from "./lib/dev-server.ts";
import { d1Query, ROOT, type Target } from "./lib/wrangler.ts";

const PORT = 8801;
const failures: string[] = [];
const check = (ok: boolean, msg: string) => {
  console.log(`${ok ? "ok  " : "FAIL"} ${msg}`);
  if (!ok) failures.push(msg);
};

spawnSync(process.execPath, [join(ROOT, "scripts/vendor.ts")], { cwd: ROOT, stdio: "inherit" });
const server = await startDevServer({ port: PORT, inspectorPort: 8804, persistTo: ".wrangler/e2e-state" });
try {
  // 1. The docs page under its CSP.
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    const offOrigin: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("request", (r) => {
      if (
        !r.url().startsWith(server.origin) &&
        !r.url().startsWith("data:") &&
        !r.url().startsWith("blob:")
      ) {
        offOrigin.push(r.url());
      }
    });
    await page.addInitScript(() => {
      const w = window as unknown as { violations: string[] };
      w.violations = [];
      document.addEventListener("securitypolicyviolation", (e) =>
        w.violations.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    const res = await page.goto(`${server.origin}/api/docs`);
    const csp = res?.headers()["content-security-policy"] ?? "";
    check(/script-src 'self'(;|$)/.test(csp), `docs CSP allows scripts from this origin only: ${csp}`);
    const rendered = await page
      .getByText("Search and filter products")
      .first()
      .waitFor({ timeout: 30_000 })
      .then(() => true)
      .catch(() => false);
    check(rendered, "docs page renders the operations (its bundle ran under the CSP)");
    const violations = await page.evaluate(() => (window as unknown as { violations: string[] }).violations);
    // zod (inside Scalar) probes `new Function("")` once to see whether eval is allowed, and falls back when not:
    // that refusal is the CSP working. Anything else is a resource the policy forgot or an inline script.
    const real = violations.filter((v) => v !== "script-src eval");
    check(
      real.length === 0,
      `no CSP violations on the docs page${real.length ? `: ${real.join("; ")}` : ""}`,
    );
    check(
      errors.length === 0,
      `no script errors on the docs page${errors.length ? `: ${errors.join("; ")}` : ""}`,
    );
    check(
      offOrigin.length === 0,
      `the docs page loads nothing from other hosts${offOrigin.length ? `: ${offOrigin.join(", ")}` : ""}`,
    );

    // An inline script injected into the page must not run (what an XSS would try).
    const injected = await page.evaluate(() => {
      const s = document.createElement("script");
      s.textContent = "window.__pwned = true";
      document.body.append(s);
      return (window as unknown as { __pwned?: boolean }).__pwned === true;
    });
    check(!injected, "an injected inline script is blocked by the CSP");

    // A retailer's listing full of markup: on the product page it must be text, and nothing may run.
    const { key, prefix, hash } = await generateApiKey();
    d1Query(server.target, [
      `INSERT INTO api_keys (channel_id, name, prefix, hash) SELECT id, 'e2e', '${prefix}', '${hash}' FROM channels WHERE slug = 'aeon'`,
    ]);
    const note = `</script><script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">`;
    const put = await fetch(`${server.origin}/api/v1/channels/aeon/listings/mien-dong-tan-viet-a`, {
      method: "PUT",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({
        status: "in_stock",
        note,
        stores: [{ name: `<script>window.__xss = 3</script>`, city: "Hà Nội", province: "Hà Nội" }],
      }),
    });
    check(put.ok, `PUT a listing with markup in its text (${put.status})`);
    const product = await browser.newPage();
    const dialogs: string[] = [];
    product.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await product.goto(`${server.origin}/san-pham/mien-dong-tan-viet-a`);
    const shown = await product.locator(".listing .note").allInnerTexts();
    check(shown.includes(note), "the product page shows the retailer's note as literal text");
    const ran = await product.evaluate(() => (window as unknown as { __xss?: number }).__xss);
    check(
      ran === undefined && dialogs.length === 0,
      `nothing from the listing ran on the product page (${ran ?? "none"})`,
    );
  } finally {
    await browser.close();
  }

  // Static files (served without the Worker, headers from public/_headers) carry the security headers too.
  for (const path of ["/css/site.css", "/img/motif.svg", "/vendor/scalar/standalone.js"]) {
    const res = await fetch(`${server.origin}${path}`);
    await res.arrayBuffer();
    const h = (name: string) => res.headers.get(name) ?? "";
    check(
      res.ok &&
        h("x-content-type-options") === "nosniff" &&
        /max-age=\d+/.test(h("strict-transport-security")) &&
        /frame-ancestors 'none'/.test(h("content-security-policy")) &&
        !/script-src|unsafe-inline'[^;]*script/.test(h("content-security-policy")) &&
        h("referrer-policy") !== "",
      `static ${path}: nosniff, HSTS, CSP without script sources, referrer policy`,
    );
  }

  // 2. Backup and restore with the real scripts and wrangler.
  const dir = join(ROOT, ".wrangler/e2e-backups");
  rmSync(dir, { recursive: true, force: true });
  const npm = (args: string[]) => {
    const r = spawnSync("npm", ["run", "-s", ...args], { cwd: ROOT, encoding: "utf8" });
    process.stdout.write(r.stdout);
    process.stderr.write(r.stderr);
    return r.status;
  };
  const restored = ".wrangler/e2e-restore";
  rmSync(join(ROOT, restored), { recursive: true, force: true });
  check(
    npm(["db:backup", "--", "--persist-to", ".wrangler/e2e-state", "--out", join(dir, "a.sql")]) === 0,
    "npm run db:backup (local, --persist-to)",
  );
  const mode = statSync(join(dir, "a.sql")).mode & 0o777;
  check(mode === 0o600, `the backup is readable by its owner only (mode ${mode.toString(8)})`);
  // An edited backup (here one extra statement after a row) is refused before anything runs.
  const tampered = join(dir, "tampered.sql");
  writeFileSync(
    tampered,
    readFileSync(join(dir, "a.sql"), "utf8").replace(
      /^(INSERT INTO "api_keys".*);$/m,
      "$1; UPDATE api_keys SET revoked_at = NULL;",
    ),
  );
  check(
    npm(["db:restore", "--", tampered, "--persist-to", restored]) !== 0,
    "db:restore refuses an edited backup",
  );
  check(
    npm(["db:restore", "--", join(dir, "a.sql"), "--persist-to", restored]) === 0,
    "npm run db:restore into a fresh local database",
  );
  check(
    npm(["db:restore", "--", join(dir, "a.sql"), "--persist-to", restored]) !== 0,
    "db:restore refuses a database with rows without --replace",
  );
  check(
    npm(["db:restore", "--", join(dir, "a.sql"), "--persist-to", restored, "--replace"]) === 0,
    "db:restore --replace over it",
  );
  check(
    npm(["db:backup", "--", "--persist-to", restored, "--out", join(dir, "b.sql")]) === 0,
    "backup of the restored database",
  );
  // Every row but the version counter, which a restore moves forward (src/platform/db/backup.ts).
  const rows = (f: string) =>
    readFileSync(join(dir, f), "utf8")
      .split("\n")
      .filter((l) => l.startsWith("INSERT") && !l.startsWith('INSERT INTO "catalogue_version"'));
  check(
    rows("a.sql").join("\n") === rows("b.sql").join("\n") && rows("a.sql").length > 0,
    "the restored database backs up to identical rows",
  );
  const search = (t: Target) =>
    d1Query(t, [
      `SELECT p.slug FROM products_fts f JOIN products p ON p.id = f.rowid WHERE products_fts MATCH '"mien" "dong"*' ORDER BY p.slug`,
    ])[0]?.map((r) => r.slug);
  const before = search(server.target);
  const after = search({ remote: false, persistTo: join(ROOT, restored), binding: "DB" });
  check(
    JSON.stringify(before) === JSON.stringify(after) && (after?.length ?? 0) > 0,
    `search on the restored database finds the same products (${after?.join(", ")})`,
  );
} finally {
  await server.stop();
}

if (failures.length) {
  console.error(`e2e-reliability: ${failures.length} failure(s)`);
  process.exit(1);
}
console.log("e2e-reliability: OK");
