import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { admin, createEditor } from "./helpers.ts";
import { type Session, signedIn } from "./session.ts";

let boss: Awaited<ReturnType<typeof createEditor>>;
let pub: Session;
beforeAll(async () => {
  boss = await createEditor("truong-phong@example.vn", "publisher", "mat-khau-truong-phong");
  pub = await signedIn(boss.email, boss.password);
});

const secretIn = (html: string) => /class="notice secret"[\s\S]*?<code>([^<]+)<\/code>/.exec(html)?.[1] ?? "";
const auditActions = async (entity: string) =>
  (
    await env.DB.prepare(
      "SELECT action, entity_key, editor_email FROM audit_events WHERE entity = ? ORDER BY id",
    )
      .bind(entity)
      .all<{ action: string; entity_key: string; editor_email: string }>()
  ).results;

describe("people: publishers invite editors and manage their tokens", () => {
  let newId = 0;
  let password = "";
  let token = "";

  it("invites an editor: the one-time password is shown once and signs in", async () => {
    await pub.get("/quan-tri/nguoi-dung");
    const made = await pub.post("/quan-tri/nguoi-dung", { email: "Moi@Example.vn", role: "editor" });
    expect(made.res.status).toBe(200);
    expect(made.res.headers.get("cache-control")).toContain("no-store");
    password = secretIn(made.html);
    expect(password.length).toBeGreaterThanOrEqual(20);
    const row = await env.DB.prepare(
      "SELECT id, role, password_hash FROM editors WHERE email = 'moi@example.vn'",
    ).first<{
      id: number;
      role: string;
      password_hash: string;
    }>();
    expect(row?.role).toBe("editor");
    expect(row?.password_hash).not.toContain(password);
    newId = row?.id ?? 0;
    const list = await pub.get("/quan-tri/nguoi-dung");
    expect(list.html).toContain("moi@example.vn");
    expect(list.html).not.toContain(password);
    await signedIn("moi@example.vn", password);
    expect((await auditActions("editor"))[0]).toMatchObject({
      action: "create",
      entity_key: "moi@example.vn",
      editor_email: boss.email,
    });
    const again = await pub.post("/quan-tri/nguoi-dung", { email: "moi@example.vn", role: "editor" });
    expect(again.res.status).toBe(409);
    const bad = await pub.post("/quan-tri/nguoi-dung", { email: "not-an-address", role: "editor" });
    expect(bad.res.status).toBe(422);
    expect(bad.html).toMatch(/id="f-email-error"/);
  });

  it("makes an API token that works on the admin API, then revokes it", async () => {
    const made = await pub.post(`/quan-tri/nguoi-dung/${newId}/ma-truy-cap`, { name: "nhập liệu" });
    token = secretIn(made.html);
    expect(token).toMatch(/^cnnted_/);
    expect((await admin("GET", "/channels/aeon", token)).status).toBe(200);
    // The token carries the account's role: an editor's token cannot publish.
    expect(
      (await admin("POST", "/channels", token, { slug: "x", name: "X", kind: "trade_fair" })).status,
    ).toBe(403);
    const id = await env.DB.prepare("SELECT id FROM editor_tokens WHERE editor_id = ? AND revoked_at IS NULL")
      .bind(newId)
      .first<{ id: number }>();
    const revoked = await pub.post(`/quan-tri/nguoi-dung/${newId}/thu-hoi-ma`, { token_id: String(id?.id) });
    expect(revoked.res.status).toBe(200);
    expect((await admin("GET", "/channels/aeon", token)).status).toBe(401);
    expect((await auditActions("editor_token")).map((e) => e.action)).toEqual(["create", "revoke"]);
  });

  it("signs an account out everywhere and disables it", async () => {
    // The invitation's password opens only the form that replaces it (test/editor/first-password.test.ts).
    const other = await signedIn("moi@example.vn", password);
    expect((await other.get("/quan-tri/doi-mat-khau")).res.status).toBe(200);
    const out = await pub.post(`/quan-tri/nguoi-dung/${newId}/dang-xuat-moi-noi`, {});
    // Two: the sign-in of the first test and this one.
    expect(out.html).toContain("Đã đăng xuất 2 phiên");
    expect((await other.get("/quan-tri/doi-mat-khau")).res.headers.get("location")).toBe(
      "/quan-tri/dang-nhap",
    );
    const again = await signedIn("moi@example.vn", password);
    const made = await pub.post(`/quan-tri/nguoi-dung/${newId}/ma-truy-cap`, { name: "x" });
    const tok = secretIn(made.html);
    await pub.post(`/quan-tri/nguoi-dung/${newId}/vo-hieu-hoa`, {});
    expect((await again.get("/quan-tri/doi-mat-khau")).res.headers.get("location")).toBe(
      "/quan-tri/dang-nhap",
    );
    expect((await admin("GET", "/channels/aeon", tok)).status).toBe(401);
    await expect(signedIn("moi@example.vn", password)).rejects.toThrow();
    expect((await auditActions("editor")).map((e) => e.action)).toEqual([
      "create",
      "revoke-sessions",
      "disable",
    ]);
  });

  it("a publisher cannot disable themselves; editors cannot reach the page", async () => {
    const self = await pub.post(`/quan-tri/nguoi-dung/${boss.id}/vo-hieu-hoa`, {});
    expect(self.res.status).toBe(422);
    const ed = await createEditor("chi-bien-tap@example.vn", "editor", "mat-khau-chi-bien-tap");
    const s = await signedIn(ed.email, ed.password);
    expect((await s.get("/quan-tri/nguoi-dung")).res.status).toBe(403);
    await s.get("/quan-tri");
    expect(
      (await s.post("/quan-tri/nguoi-dung", { email: "x@example.vn", role: "publisher" })).res.status,
    ).toBe(403);
    expect(await env.DB.prepare("SELECT 1 FROM editors WHERE email = 'x@example.vn'").first()).toBeNull();
  });
});
