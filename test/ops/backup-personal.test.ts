// A backup says whether it holds the enquirers' personal details, and can leave them out (issue 24): then the file
// holds no name, email, phone, organisation, message or quantity, and a restore gives back each enquiry erased.
import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  createBackup,
  parseBackup,
  type Query,
  readSchema,
  restoreStatements,
} from "../../src/platform/db/backup.ts";
import { enquiry, postEnquiry } from "../enquiries/helpers.ts";
import { BACKUP_SECRETS } from "./backup-key.ts";

const queryOf =
  (db: D1Database): Query =>
  async (sqls) =>
    (await db.batch<Record<string, unknown>>(sqls.map((s) => db.prepare(s)))).map((r) => r.results);

const ENQUIRER = {
  name: "Người Hỏi Sao Lưu",
  email: "nguoi.hoi.sao.luu@example.vn",
  phone: "0987 654 321",
  organisation: "Cửa hàng Sao Lưu",
  message: "Câu hỏi riêng tư về giá sỉ",
  quantity: "77 gói riêng",
};
const secrets = (text: string) =>
  [
    ENQUIRER.name,
    ENQUIRER.email,
    "987654321",
    ENQUIRER.organisation,
    ENQUIRER.message,
    ENQUIRER.quantity,
  ].filter((s) => text.includes(s));

describe("backups and the enquirers' personal details", async () => {
  const res = await postEnquiry(enquiry(ENQUIRER));
  expect(res.status).toBe(201);

  it("say in the header that they hold them, by default", async () => {
    const text = await createBackup(queryOf(env.DB), "test", { secrets: BACKUP_SECRETS });
    expect(text).toMatch(/^-- personal: included \(enquiries: name, email, phone/m);
    expect((await parseBackup(text, { secrets: BACKUP_SECRETS })).header.personal).toBe("included");
    expect(secrets(text).length).toBeGreaterThan(0);
  });

  it("leave them out when asked: none in the file, and a restore gives each enquiry back erased", async () => {
    const text = await createBackup(queryOf(env.DB), "test", { secrets: BACKUP_SECRETS, personal: false });
    expect(text).toMatch(/^-- personal: omitted \(enquiries: /m);
    expect(secrets(text)).toEqual([]);
    const backup = await parseBackup(text, { secrets: BACKUP_SECRETS });
    expect(backup.header.personal).toBe("omitted");
    expect(backup.header.counts.enquiries).toBeGreaterThan(0);

    await applyD1Migrations(env.RESTORE_DB, env.TEST_MIGRATIONS);
    const schema = await readSchema(queryOf(env.RESTORE_DB));
    await env.RESTORE_DB.batch(restoreStatements(schema, backup).map((s) => env.RESTORE_DB.prepare(s)));
    const rows = await env.RESTORE_DB.prepare(
      "SELECT ref, name, email, phone, message, erased_at, status FROM enquiries",
    ).all<Record<string, unknown>>();
    expect(rows.results.length).toBe(backup.header.counts.enquiries);
    for (const r of rows.results) {
      expect(r).toMatchObject({ name: null, email: null, phone: null, message: null });
      expect(r.erased_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    }
    // The source keeps them: only the backup left them out.
    const kept = await env.DB.prepare("SELECT email FROM enquiries WHERE email = ?")
      .bind(ENQUIRER.email)
      .first();
    expect(kept).toEqual({ email: ENQUIRER.email });
  });
});
