// The editors' keys page (issue 27: scoped keys with an expiry on the admin pages as well as the CLI): an editor
// makes a channel's key with its scopes and expiry, sees it once, and the key works against /api/v1 with exactly
// those scopes until it is revoked or expires; bad input is an error on the form and writes nothing; every change
// is in the audit trail.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { KEY_PATTERN, sha256Hex } from "../../src/platform/http/api-key.ts";
import { call } from "../helpers/http.ts";
import { listing, send } from "../helpers/retail.ts";
import { createEditor } from "./helpers.ts";
import { type Session, signedIn } from "./session.ts";

const CHANNEL = "aeon";
const PRODUCT = "mien-dong-tan-viet-a";
const PAGE = "/quan-tri/khoa-api";

let editor: Awaited<ReturnType<typeof createEditor>>;
let s: Session;
beforeAll(async () => {
  editor = await createEditor("bien-tap-khoa@example.vn", "editor", "mat-khau-bien-tap-khoa");
  s = await signedIn(editor.email, editor.password);
});

const secretIn = (html: string) => /class="notice secret"[\s\S]*?<code>([^<]+)<\/code>/.exec(html)?.[1] ?? "";
const nextYear = () => new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
const keyRows = async () =>
  (await env.DB.prepare("SELECT * FROM api_keys ORDER BY id").all<Record<string, unknown>>()).results;
const audits = async () =>
  (
    await env.DB.prepare(
      "SELECT action, entity_key, editor_email, via, changes FROM audit_events WHERE entity = 'api_key' ORDER BY id",
    ).all<{ action: string; entity_key: string; editor_email: string; via: string; changes: string }>()
  ).results;
const putListing = (key: string) =>
  send("PUT", `/api/v1/channels/${CHANNEL}/listings/${PRODUCT}`, key, listing({ price_vnd: 61000 }));

/** A page's HTML with the quotes hono/jsx escapes read back. */
const unescaped = (html: string) => html.replaceAll("&#39;", "'").replaceAll("&quot;", '"');

async function make(fields: Record<string, string | string[]>) {
  await s.get(PAGE);
  const made = await s.post(PAGE, { channel: CHANNEL, name: "", expires: "", ...fields });
  return { res: made.res, html: unescaped(made.html), key: secretIn(made.html) };
}

describe("keys page: an editor makes, sees once and revokes a channel's API key", () => {
  let key = "";

  it("lists the channels and is in the editors' navigation", async () => {
    const { res, html } = await s.get(PAGE);
    expect(res.status).toBe(200);
    expect(html).toContain('href="/quan-tri/khoa-api"');
    expect(html).toContain(`<option value="${CHANNEL}"`);
    expect(html).toContain('name="scopes" value="read"');
    expect(html).toContain('type="date"');
  });

  it("makes a listings key with an expiry: shown once, stored as a hash, works on /api/v1, audited", async () => {
    const expires = nextYear();
    const made = await make({ name: "AEON đồng bộ giá", scopes: ["listings"], expires });
    expect(made.res.status).toBe(200);
    expect(made.res.headers.get("cache-control")).toContain("no-store");
    key = made.key;
    expect(key).toMatch(KEY_PATTERN);
    const [row] = await keyRows();
    expect(row).toMatchObject({
      name: "AEON đồng bộ giá",
      prefix: key.slice(0, 13),
      hash: await sha256Hex(key),
      scopes: "listings",
      expires_at: `${expires}T00:00:00.000Z`,
      revoked_at: null,
    });
    expect(JSON.stringify(row)).not.toContain(key);
    expect((await putListing(key)).status).toBeLessThan(300);
    // Shown once: the page afterwards names the key by its prefix, never the key.
    const again = await s.get(`${PAGE}?channel=${CHANNEL}`);
    expect(again.html).not.toContain(key);
    expect(again.html).toContain(`${key.slice(0, 13)}…`);
    expect(again.html).toContain(expires);
    expect(again.html).toContain("niêm yết");
    expect(await audits()).toEqual([
      expect.objectContaining({ action: "create", entity_key: key.slice(0, 13), editor_email: editor.email }),
    ]);
    expect(JSON.parse((await audits())[0]?.changes ?? "[]")).toContainEqual({
      field: "scopes",
      before: null,
      after: "listings",
    });
  });

  it("a read-only key reads the channel's webhooks but cannot write listings (403 problem)", async () => {
    const made = await make({ scopes: ["read"] });
    expect(made.key).toMatch(KEY_PATTERN);
    const write = await putListing(made.key);
    expect(write.status).toBe(403);
    expect(write.headers.get("content-type")).toContain("application/problem+json");
    expect((await write.json<{ type: string }>()).type).toBe("/problems/insufficient-scope");
    expect((await send("GET", `/api/v1/channels/${CHANNEL}/webhooks`, made.key)).status).toBe(200);
    // No name given: the CLI's default.
    expect(await keyRows()).toContainEqual(expect.objectContaining({ name: `${CHANNEL} integration` }));
  });

  it("revoking stops the key at its next request, once; audited", async () => {
    await s.get(`${PAGE}?channel=${CHANNEL}`);
    const prefix = key.slice(0, 13);
    const revoked = await s.post("/quan-tri/khoa-api/thu-hoi", { prefix, channel: CHANNEL });
    expect(revoked.res.status).toBe(200);
    expect(revoked.html).toContain(`Đã thu hồi khóa ${prefix}`);
    expect(revoked.html).toMatch(/đã thu hồi \d{4}-\d{2}-\d{2}/);
    const refused = await putListing(key);
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toContain('error="invalid_token"');
    const twice = await s.post("/quan-tri/khoa-api/thu-hoi", { prefix });
    expect(twice.res.status).toBe(404);
    expect(twice.html).toContain('class="error-summary" role="alert"');
    expect(unescaped(twice.html)).toContain(`Không có khóa API đang dùng nào bắt đầu bằng '${prefix}'`);
    expect((await audits()).map((a) => `${a.action} ${a.entity_key}`)).toEqual([
      `create ${prefix}`,
      `create ${(await keyRows())[1]?.prefix}`,
      `revoke ${prefix}`,
    ]);
  });

  it("a key stops working when its day comes, and the page says it expired", async () => {
    const made = await make({ scopes: ["listings", "webhooks"], expires: nextYear() });
    expect((await putListing(made.key)).status).toBeLessThan(300);
    // A year later (the clock cannot be moved in workerd; the stored instant can).
    await env.DB.prepare(
      "UPDATE api_keys SET expires_at = strftime('%Y-%m-%dT%H:%M:%fZ','now','-1 second') WHERE prefix = ?",
    )
      .bind(made.key.slice(0, 13))
      .run();
    const refused = await putListing(made.key);
    expect(refused.status).toBe(401);
    expect((await refused.json<{ detail: string }>()).detail).toContain("expired");
    expect((await s.get(`${PAGE}?channel=${CHANNEL}`)).html).toContain("đã hết hạn");
  });
});

describe("keys page: bad input is an error on the form and writes nothing", () => {
  it.each([
    ["an unknown scope", { scopes: ["admin"] }, "scopes", "'admin' không phải quyền của khóa"],
    ["no scope", { scopes: [] }, "scopes", "cần chọn ít nhất một quyền"],
    ["read with a write scope", { scopes: ["read", "listings"] }, "scopes", "khóa chỉ đọc"],
    ["a date in the past", { scopes: ["read"], expires: "2020-01-01" }, "expires", "2020-01-01 đã qua"],
    [
      "today (already begun)",
      { scopes: ["read"], expires: new Date().toISOString().slice(0, 10) },
      "expires",
      "đã qua",
    ],
    [
      "a date that does not exist",
      { scopes: ["read"], expires: "2031-02-30" },
      "expires",
      "không phải là ngày",
    ],
    ["not a date", { scopes: ["read"], expires: "ngày mai" }, "expires", "không phải là ngày"],
    [
      "an unknown channel",
      { scopes: ["read"], channel: "khong-co" },
      "channel",
      "không có kênh bán 'khong-co'",
    ],
    ["no channel", { scopes: ["read"], channel: "" }, "channel", "bắt buộc"],
    ["a name too long", { scopes: ["read"], name: "x".repeat(121) }, "name", "tối đa 120 ký tự"],
  ])("%s: 422, the field named, values kept, nothing written", async (_, fields, field, message) => {
    const [keys, trail] = [await keyRows(), await audits()];
    const { res, html, key } = await make(fields);
    expect(res.status).toBe(422);
    expect(key).toBe("");
    expect(html).toContain('class="error-summary" role="alert"');
    expect(html).toContain(`id="k-${field}-error"`);
    expect(html).toContain(message);
    expect(await keyRows()).toEqual(keys);
    expect(await audits()).toEqual(trail);
  });

  it("keeps what was typed in the form", async () => {
    const { html } = await make({ name: "Giữ tên", scopes: ["webhooks", "admin"], expires: "2020-01-01" });
    expect(html).toContain('value="Giữ tên"');
    expect(html).toMatch(/value="webhooks" checked/);
    expect(html).toContain('value="2020-01-01"');
  });

  it("says it in English on the English page", async () => {
    await s.get("/en/admin/api-keys");
    const { res, html } = await s.post("/en/admin/api-keys", {
      channel: CHANNEL,
      scopes: "admin",
      expires: "2020-01-01",
    });
    expect(res.status).toBe(422);
    expect(unescaped(html)).toContain("'admin' is not a scope");
    expect(html).toContain("2020-01-01 is not in the future");
  });
});

describe("keys page: only signed-in editors, only with the session's CSRF token", () => {
  it("sends a stranger to sign in", async () => {
    const res = await call(PAGE, { redirect: "manual" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/quan-tri/dang-nhap");
    const post = await call(PAGE, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://localhost" },
      body: new URLSearchParams({ channel: CHANNEL, scopes: "listings" }).toString(),
      redirect: "manual",
    });
    expect(post.status).toBe(303);
  });

  it("refuses a post without the session's CSRF token, writing nothing", async () => {
    const keys = await keyRows();
    const res = await call(PAGE, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie: s.cookie,
        origin: "http://localhost",
      },
      body: new URLSearchParams({ _csrf: "x".repeat(64), channel: CHANNEL, scopes: "listings" }).toString(),
      redirect: "manual",
    });
    expect(res.status).toBe(403);
    expect(await keyRows()).toEqual(keys);
  });
});
