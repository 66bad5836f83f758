import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword, PBKDF2_ITERATIONS, verifyPassword } from "../../src/editor/auth/crypto.ts";
import { call } from "../helpers/http.ts";
import { admin, createEditor } from "./helpers.ts";

/** Production Workers refuse PBKDF2 above this (cloudflare/workerd#1346); written here, not imported, on purpose. */
const PRODUCTION_PBKDF2_LIMIT = 100_000;

type Jar = Record<string, string>;
function keep(jar: Jar, res: Response): string[] {
  const raw = res.headers.getSetCookie();
  for (const c of raw) {
    const [pair = ""] = c.split(";");
    const i = pair.indexOf("=");
    jar[pair.slice(0, i)] = pair.slice(i + 1);
  }
  return raw;
}
const cookieHeader = (jar: Jar) =>
  Object.entries(jar)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");

/** Opens the sign-in form (as a browser would) and returns its CSRF token and the cookie jar. */
async function openForm(path = "/quan-tri/dang-nhap") {
  const jar: Jar = {};
  const res = await call(path);
  keep(jar, res);
  const html = await res.text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
  return { jar, csrf, html, res };
}

async function signIn(email: string, password: string, ip = "203.0.113.7", path = "/quan-tri/dang-nhap") {
  const { jar, csrf } = await openForm(path);
  const res = await call(path, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: cookieHeader(jar),
      origin: "http://localhost",
      "cf-connecting-ip": ip,
    },
    body: new URLSearchParams({ _csrf: csrf, email, password }).toString(),
    redirect: "manual",
  });
  const set = keep(jar, res);
  return { res, jar, set };
}

let ed: Awaited<ReturnType<typeof createEditor>>;
beforeAll(async () => {
  ed = await createEditor("an@example.vn", "publisher", "mat-khau-rat-dai-2026");
});

describe("passwords", () => {
  it("are hashed within the PBKDF2 iterations production Workers accept", async () => {
    expect(PBKDF2_ITERATIONS).toBeLessThanOrEqual(PRODUCTION_PBKDF2_LIMIT);
    const stored = await env.DB.prepare("SELECT password_hash FROM editors WHERE email = ?")
      .bind(ed.email)
      .first<{ password_hash: string }>();
    const [scheme, iterations] = (stored?.password_hash ?? "").split("$");
    expect(scheme).toBe("pbkdf2-sha256");
    expect(Number(iterations)).toBeLessThanOrEqual(PRODUCTION_PBKDF2_LIMIT);
    expect(await verifyPassword("mat-khau-rat-dai-2026", stored?.password_hash ?? null)).toBe(true);
    expect(await verifyPassword("mat-khau-rat-dai-2027", stored?.password_hash ?? null)).toBe(false);
  });

  it("refuses to derive above the production limit (a hash that would fail every real sign-in)", async () => {
    await expect(hashPassword("x", PRODUCTION_PBKDF2_LIMIT + 1)).rejects.toThrow(/100000/);
  });
});

describe("signing in", () => {
  it("opens a server-side session in a __Host- cookie: HttpOnly, Secure, SameSite=Strict", async () => {
    const { res, set, jar } = await signIn(ed.email, "mat-khau-rat-dai-2026");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/quan-tri");
    const session = set.find((c) => c.startsWith("__Host-cnnt_editor="));
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; Secure/);
    expect(session).toMatch(/; SameSite=Strict/);
    expect(session).toMatch(/; Path=\//);
    expect(session).not.toMatch(/Domain=/i);
    const page = await call("/quan-tri", { headers: { cookie: cookieHeader(jar) } });
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-store");
    expect(await page.text()).toContain(ed.email);
    // The cookie is stored only as a hash.
    const token = jar["__Host-cnnt_editor"] ?? "";
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM editor_sessions WHERE id_hash = ?")
      .bind(token)
      .first<{ n: number }>();
    expect(rows?.n).toBe(0);
  });

  it("answers a wrong password and an unknown account the same way", async () => {
    const wrong = await signIn(ed.email, "not-the-password", "203.0.113.20");
    const unknown = await signIn("nobody@example.vn", "not-the-password", "203.0.113.21");
    expect(wrong.res.status).toBe(401);
    expect(unknown.res.status).toBe(401);
    const strip = async (r: Response) => (await r.text()).replace(/value="[^"]*"/g, "");
    expect(await strip(wrong.res)).toBe(await strip(unknown.res));
  });

  it("limits failed attempts per account, even with the right password afterwards", async () => {
    const victim = await createEditor("limited@example.vn", "editor", "dung-mat-khau-2026");
    for (let i = 0; i < 5; i++)
      expect((await signIn(victim.email, `guess-${i}`, `198.51.100.${i}`)).res.status).toBe(401);
    const blocked = await signIn(victim.email, "dung-mat-khau-2026", "198.51.100.99");
    expect(blocked.res.status).toBe(429);
    expect(await blocked.res.text()).toMatch(/15 phút/);
    // An unknown account is limited the same way (no enumeration through the limit either).
    for (let i = 0; i < 5; i++) await signIn("ghost@example.vn", `guess-${i}`, `198.51.100.${i + 10}`);
    expect((await signIn("ghost@example.vn", "x", "198.51.100.98")).res.status).toBe(429);
  });

  it("limits failed attempts per address across accounts", async () => {
    for (let i = 0; i < 20; i++) await signIn(`spray-${i}@example.vn`, "Password1!", "192.0.2.55");
    const other = await createEditor("other@example.vn", "editor", "mat-khau-khac-2026");
    expect((await signIn(other.email, "mat-khau-khac-2026", "192.0.2.55")).res.status).toBe(429);
    expect((await signIn(other.email, "mat-khau-khac-2026", "192.0.2.56")).res.status).toBe(303);
  });

  it("refuses a sign-in form without its CSRF token or from another site", async () => {
    const { jar, csrf } = await openForm();
    const post = (headers: Record<string, string>, token: string) =>
      call("/quan-tri/dang-nhap", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
        body: new URLSearchParams({
          _csrf: token,
          email: ed.email,
          password: "mat-khau-rat-dai-2026",
        }).toString(),
        redirect: "manual",
      });
    expect((await post({ origin: "http://localhost" }, csrf)).status).toBe(403);
    expect((await post({ cookie: cookieHeader(jar), origin: "http://localhost" }, "wrong")).status).toBe(403);
    expect((await post({ cookie: cookieHeader(jar), origin: "https://evil.example" }, csrf)).status).toBe(
      403,
    );
    expect((await post({ cookie: cookieHeader(jar), origin: "http://localhost" }, csrf)).status).toBe(303);
  });
});

describe("sessions", () => {
  it("sign-out needs the CSRF token, then revokes the session for good", async () => {
    const { jar } = await signIn(ed.email, "mat-khau-rat-dai-2026", "203.0.113.30");
    const page = await (await call("/quan-tri", { headers: { cookie: cookieHeader(jar) } })).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? "";
    const out = (token: string) =>
      call("/quan-tri/dang-xuat", {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          cookie: cookieHeader(jar),
          origin: "http://localhost",
        },
        body: new URLSearchParams({ _csrf: token }).toString(),
        redirect: "manual",
      });
    expect((await out("0".repeat(64))).status).toBe(403);
    expect(
      (await call("/quan-tri", { headers: { cookie: cookieHeader(jar) }, redirect: "manual" })).status,
    ).toBe(200);
    expect((await out(csrf)).status).toBe(303);
    // The old cookie, replayed, is signed out.
    const replay = await call("/quan-tri", { headers: { cookie: cookieHeader(jar) }, redirect: "manual" });
    expect(replay.status).toBe(303);
    expect(replay.headers.get("location")).toBe("/quan-tri/dang-nhap");
  });

  it("expire", async () => {
    const { jar } = await signIn(ed.email, "mat-khau-rat-dai-2026", "203.0.113.31");
    await env.DB.prepare("UPDATE editor_sessions SET expires_at = '2000-01-01T00:00:00.000Z'").run();
    expect(
      (await call("/quan-tri", { headers: { cookie: cookieHeader(jar) }, redirect: "manual" })).status,
    ).toBe(303);
  });

  it("never authenticate the admin API or retailer writes", async () => {
    const { jar } = await signIn(ed.email, "mat-khau-rat-dai-2026", "203.0.113.32");
    expect(
      (await admin("GET", "/products/mien-dong-tan-viet-a", null, undefined, { cookie: cookieHeader(jar) }))
        .status,
    ).toBe(401);
    const res = await call("/api/v1/channels/aeon/listings/mien-dong-tan-viet-a", {
      method: "PUT",
      headers: { cookie: cookieHeader(jar), "content-type": "application/json" },
      body: JSON.stringify({ status: "in_stock" }),
    });
    expect(res.status).toBe(401);
  });

  it("the English sign-in works the same", async () => {
    const { res } = await signIn(ed.email, "mat-khau-rat-dai-2026", "203.0.113.33", "/en/admin/sign-in");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/en/admin");
  });
});
