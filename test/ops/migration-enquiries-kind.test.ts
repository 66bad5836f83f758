// Migration 0025 rebuilds `enquiries` (producer_id becomes nullable for enquiries about a product kind). Dropping
// the old table deletes its rows first, and enquiry_notices cascades from it: the notices already sent must survive
// the upgrade, or a retried queue message would send them again.
import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";

const db = env.UPGRADE_DB;
const REBUILD = "0025_enquiries_about_a_kind.sql";

it("upgrading across the enquiries rebuild keeps every enquiry and every notice sent", async () => {
  const all = [...env.TEST_MIGRATIONS].sort((a, b) => a.name.localeCompare(b.name));
  const at = all.findIndex((m) => m.name === REBUILD);
  expect(at, `${REBUILD} is in migrations/`).toBeGreaterThan(0);
  await applyD1Migrations(db, all.slice(0, at));
  await db.batch([
    db.prepare(
      `INSERT INTO enquiries (id, ref, dedupe_key, product_id, producer_id, kind, message, name, email, consent_version, lang, via)
       VALUES (7, 'ref7abcdefgh', 'dk7', 3, 2, 'wholesale', 'Giá sỉ?', 'An', 'an@example.vn', '2026-12-07', 'vi', 'page')`,
    ),
    db.prepare(
      "INSERT INTO enquiry_notices (enquiry_id, event, recipient) VALUES (7, 'received', 'centre@example.vn'), (7, 'received', 'owner@example.vn')",
    ),
  ]);

  await applyD1Migrations(db, all);

  const enquiry = await db.prepare("SELECT * FROM enquiries").all();
  expect(enquiry.results).toEqual([
    expect.objectContaining({
      id: 7,
      ref: "ref7abcdefgh",
      producer_id: 2,
      product_kind_id: null,
      email: "an@example.vn",
    }),
  ]);
  const notices = await db
    .prepare("SELECT enquiry_id, recipient FROM enquiry_notices ORDER BY recipient")
    .all();
  expect(notices.results).toEqual([
    { enquiry_id: 7, recipient: "centre@example.vn" },
    { enquiry_id: 7, recipient: "owner@example.vn" },
  ]);
  // The notices still belong to the rebuilt table: deleting the enquiry still deletes them.
  await db.prepare("DELETE FROM enquiries WHERE id = 7").run();
  expect(await db.prepare("SELECT count(*) AS n FROM enquiry_notices").first("n")).toBe(0);
  // And an enquiry about a kind has no producer.
  await db
    .prepare(
      `INSERT INTO enquiries (ref, dedupe_key, product_kind_id, kind, message, name, email, consent_version, lang, via)
       VALUES ('ref8abcdefgh', 'dk8', 3, 'self', '?', 'B', 'b@example.vn', '2026-12-07', 'vi', 'page')`,
    )
    .run();
});
