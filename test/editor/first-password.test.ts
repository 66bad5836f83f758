// Issue 23, finding 9: the invitation's "one-time password" was the account's permanent password, so the inviting
// publisher knew their colleagues' passwords. An invited account must now choose its own password at its first
// sign-in, on a plain form (no JavaScript) with the session's CSRF token like every other editor form.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createEditor } from "./helpers.ts";
import { Session, signedIn } from "./session.ts";

const CHANGE = "/quan-tri/doi-mat-khau";
const secretIn = (html: string) => /class="notice secret"[\s\S]*?<code>([^<]+)<\/code>/.exec(html)?.[1] ?? "";

let pub: Session;
beforeAll(async () => {
  const boss = await createEditor("moi-mat-khau-duyet@example.vn", "publisher", "mat-khau-nguoi-moi-2026");
  pub = await signedIn(boss.email, boss.password);
});

async function invite(email: string) {
  await pub.get("/quan-tri/nguoi-dung");
  const made = await pub.post("/quan-tri/nguoi-dung", { email, role: "editor" });
  expect(made.res.status).toBe(200);
  return secretIn(made.html);
}

async function signIn(email: string, password: string, path = "/quan-tri/dang-nhap") {
  const s = new Session();
  await s.get(path);
  const { res } = await s.post(path, { email, password });
  return { s, res };
}

describe("the first sign-in after an invitation", () => {
  it("leads to a password change, and nothing else opens until it is done", async () => {
    const once = await invite("lan-dau@example.vn");
    const { s, res } = await signIn("lan-dau@example.vn", once);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(CHANGE);
    for (const path of ["/quan-tri", "/quan-tri/san-pham", "/quan-tri/nguoi-dung"]) {
      const page = await s.get(path);
      expect(page.res.status, path).toBe(303);
      expect(page.res.headers.get("location")).toBe(CHANGE);
    }
    const form = await s.get(CHANGE);
    expect(form.res.status).toBe(200);
    // A plain form: labelled fields, the session's CSRF token, no script.
    expect(form.html).toMatch(/<form method="post" action="\/quan-tri\/doi-mat-khau"/);
    for (const name of ["current_password", "new_password", "confirm_password"])
      expect(form.html).toMatch(new RegExp(`<label for="${name}">`));
    expect(form.html).toMatch(/name="_csrf" value="[0-9a-f]{64}"/);
    expect(form.html).not.toMatch(/<script/);
  });

  it("refuses a stale form, a wrong current password, a short one, a mismatch and the same one", async () => {
    const once = await invite("tu-choi@example.vn");
    const { s } = await signIn("tu-choi@example.vn", once);
    await s.get(CHANGE);
    const good = "mat-khau-cua-rieng-toi-2026";
    const csrf = s.csrf;
    s.csrf = "0".repeat(64);
    expect(
      (await s.post(CHANGE, { current_password: once, new_password: good, confirm_password: good })).res
        .status,
    ).toBe(403);
    s.csrf = csrf;
    const cases: [Record<string, string>, number, RegExp][] = [
      [{ current_password: "sai", new_password: good, confirm_password: good }, 401, /hiện tại/],
      [{ current_password: once, new_password: "ngan", confirm_password: "ngan" }, 422, /12/],
      [{ current_password: once, new_password: good, confirm_password: `${good}x` }, 422, /không khớp/],
      [{ current_password: once, new_password: once, confirm_password: once }, 422, /khác/],
    ];
    for (const [fields, status, message] of cases) {
      const r = await s.post(CHANGE, fields);
      expect(r.res.status, JSON.stringify(fields)).toBe(status);
      expect(r.html).toMatch(message);
      expect(r.html).toMatch(/role="alert"/);
    }
  });

  it("once changed: the queue opens, the one-time password no longer signs in, the new one does", async () => {
    const once = await invite("doi-xong@example.vn");
    const { s } = await signIn("doi-xong@example.vn", once);
    await s.get(CHANGE);
    const mine = "mat-khau-chi-toi-biet-2026";
    const done = await s.post(CHANGE, { current_password: once, new_password: mine, confirm_password: mine });
    expect(done.res.status).toBe(303);
    expect(done.res.headers.get("location")).toBe("/quan-tri");
    expect((await s.get("/quan-tri")).res.status).toBe(200);
    expect((await signIn("doi-xong@example.vn", once)).res.status).toBe(401);
    const again = await signIn("doi-xong@example.vn", mine);
    expect(again.res.status).toBe(303);
    expect(again.res.headers.get("location")).toBe("/quan-tri");
    const row = await env.DB.prepare("SELECT must_change_password FROM editors WHERE email = ?")
      .bind("doi-xong@example.vn")
      .first<{ must_change_password: number }>();
    expect(row?.must_change_password).toBe(0);
  });

  it("works in English too", async () => {
    const once = await invite("tieng-anh@example.vn");
    const { s, res } = await signIn("tieng-anh@example.vn", once, "/en/admin/sign-in");
    expect(res.headers.get("location")).toBe("/en/admin/password");
    await s.get("/en/admin/password");
    const mine = "my-own-password-in-english";
    const done = await s.post("/en/admin/password", {
      current_password: once,
      new_password: mine,
      confirm_password: mine,
    });
    expect(done.res.headers.get("location")).toBe("/en/admin");
  });

  it("any signed-in editor may change their password on the same form", async () => {
    const ed = await createEditor("tu-doi@example.vn", "editor", "mat-khau-cu-cua-toi-2026");
    const s = await signedIn(ed.email, ed.password);
    await s.get(CHANGE);
    const r = await s.post(CHANGE, {
      current_password: ed.password,
      new_password: "mat-khau-moi-cua-toi-2026",
      confirm_password: "mat-khau-moi-cua-toi-2026",
    });
    expect(r.res.status).toBe(303);
    expect((await signIn(ed.email, "mat-khau-moi-cua-toi-2026")).res.status).toBe(303);
  });
});
