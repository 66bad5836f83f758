// Issue 23, finding 2: a restore brought back revoked editor tokens, ended sessions and disabled accounts (only
// retailer keys were merged). Now every credential merges as retailer keys do: a revocation, a disabling, a
// demotion or a password change in either copy wins, and a restore signs every browser out.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../src/editor/auth/crypto.ts";
import {
  createBackup,
  parseBackup,
  type Query,
  readSchema,
  restoreStatements,
} from "../../src/platform/db/backup.ts";
import { admin, createEditor } from "../editor/helpers.ts";
import { signedIn } from "../editor/session.ts";
import { BACKUP_SECRETS } from "./backup-key.ts";

const queryOf =
  (db: D1Database): Query =>
  async (sqls) =>
    (await db.batch<Record<string, unknown>>(sqls.map((s) => db.prepare(s)))).map((r) => r.results);

const backup = () => createBackup(queryOf(env.DB), "test", { secrets: BACKUP_SECRETS });

/** Restores a backup over env.DB, as `npm run db:restore -- file --replace` does. */
async function restoreOver(text: string) {
  const parsed = await parseBackup(text, { secrets: BACKUP_SECRETS });
  const statements = restoreStatements(await readSchema(queryOf(env.DB)), parsed);
  await env.DB.batch(statements.map((s) => env.DB.prepare(s)));
}

const now = "strftime('%Y-%m-%dT%H:%M:%fZ','now')";
const read = (token: string) => admin("GET", "/products/mien-dong-tan-viet-a", token);
const home = (s: Awaited<ReturnType<typeof signedIn>>) => s.get("/quan-tri");

let publisher: Awaited<ReturnType<typeof createEditor>>;
beforeAll(async () => {
  publisher = await createEditor("duyet@example.vn", "publisher", "mat-khau-nguoi-duyet-2026");
});

describe("a restore never brings back an editor credential that was ended", () => {
  it("a token revoked after the backup stays revoked", async () => {
    const ed = await createEditor("token-later@example.vn", "editor");
    expect((await read(ed.token)).status).toBe(200);
    const text = await backup();
    await env.DB.prepare(`UPDATE editor_tokens SET revoked_at = ${now} WHERE prefix = ?`)
      .bind(ed.prefix)
      .run();
    await restoreOver(text);
    expect((await read(ed.token)).status).toBe(401);
  });

  it("a token revoked in the backup stays revoked even if the target shows it active", async () => {
    const ed = await createEditor("token-backup@example.vn", "editor");
    await env.DB.prepare(`UPDATE editor_tokens SET revoked_at = ${now} WHERE prefix = ?`)
      .bind(ed.prefix)
      .run();
    const text = await backup();
    await env.DB.prepare("UPDATE editor_tokens SET revoked_at = NULL WHERE prefix = ?").bind(ed.prefix).run();
    await restoreOver(text);
    expect((await read(ed.token)).status).toBe(401);
  });

  it("an account disabled after the backup stays disabled: no sign-in, no token", async () => {
    const ed = await createEditor("disabled-later@example.vn", "editor", "mat-khau-bi-khoa-2026");
    const text = await backup();
    await env.DB.prepare(`UPDATE editors SET disabled_at = ${now} WHERE id = ?`).bind(ed.id).run();
    await restoreOver(text);
    expect((await read(ed.token)).status).toBe(401);
    await expect(signedIn(ed.email, "mat-khau-bi-khoa-2026")).rejects.toThrow(/sign-in failed: 401/);
  });

  it("a demotion after the backup stands (publisher → editor)", async () => {
    const ed = await createEditor("demoted@example.vn", "publisher");
    const text = await backup();
    await env.DB.prepare("UPDATE editors SET role = 'editor' WHERE id = ?").bind(ed.id).run();
    await restoreOver(text);
    const role = await env.DB.prepare("SELECT role FROM editors WHERE email = ?")
      .bind(ed.email)
      .first<{ role: string }>();
    expect(role?.role).toBe("editor");
  });

  it("a password changed after the backup (say, after a leak) is not rolled back", async () => {
    const ed = await createEditor("leaked@example.vn", "editor", "mat-khau-da-lo-2026");
    const text = await backup();
    await env.DB.prepare("UPDATE editors SET password_hash = ? WHERE id = ?")
      .bind(await hashPassword("mat-khau-moi-sau-khi-lo"), ed.id)
      .run();
    await restoreOver(text);
    await expect(signedIn(ed.email, "mat-khau-da-lo-2026")).rejects.toThrow(/sign-in failed/);
    expect((await signedIn(ed.email, "mat-khau-moi-sau-khi-lo")).cookie).toMatch(/__Host-cnnt_editor=/);
  });

  it("a session ended after the backup stays ended, and a restore signs every browser out", async () => {
    const ended = await signedIn(publisher.email, "mat-khau-nguoi-duyet-2026");
    const live = await signedIn(publisher.email, "mat-khau-nguoi-duyet-2026");
    const text = await backup();
    expect((await home(ended)).res.status).toBe(200);
    await ended.post("/quan-tri/dang-xuat", {});
    expect((await home(ended)).res.status).toBe(303);
    await restoreOver(text);
    expect((await home(ended)).res.status).toBe(303);
    // A session id may name another account's row after a restore: none carries over.
    expect((await home(live)).res.status).toBe(303);
  });

  it("accounts and tokens made after the backup survive it", async () => {
    const text = await backup();
    const ed = await createEditor("made-later@example.vn", "editor", "mat-khau-tao-sau-2026");
    await restoreOver(text);
    expect((await read(ed.token)).status).toBe(200);
    expect((await signedIn(ed.email, "mat-khau-tao-sau-2026")).cookie).toMatch(/__Host-cnnt_editor=/);
  });

  it("backups hold no sessions or sign-in attempts (short-lived, and a session hash is a live credential)", async () => {
    await signedIn(publisher.email, "mat-khau-nguoi-duyet-2026");
    const text = await backup();
    expect(text).not.toMatch(/^INSERT INTO "editor_sessions"/m);
    expect(text).not.toMatch(/^INSERT INTO "login_attempts"/m);
  });
});
