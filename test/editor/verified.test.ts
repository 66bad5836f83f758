// Issue 23, finding 6: an editor (not a publisher) could change the issuer or decision number of a verified
// recognition and it stayed verified, out of the review queue. Any change to a fact of a verified recognition by a
// non-publisher now clears `verified`; a publisher's change, or an editor's change to a note, keeps it.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { admin, body, createEditor } from "./helpers.ts";

let ed: Awaited<ReturnType<typeof createEditor>>;
let pub: Awaited<ReturnType<typeof createEditor>>;
beforeAll(async () => {
  ed = await createEditor("bien-tap-xac-minh@example.vn", "editor");
  pub = await createEditor("duyet-xac-minh@example.vn", "publisher");
});

/** A verified recognition of the seed, fresh for each case (no draft yet). */
async function verifiedRecognition(skip: number) {
  const row = await env.DB.prepare(
    "SELECT r.id FROM recognitions r WHERE r.verified = 1 AND NOT EXISTS (SELECT 1 FROM editor_drafts d WHERE d.entity = 'recognition' AND d.key = CAST(r.id AS TEXT)) ORDER BY r.id LIMIT 1 OFFSET ?",
  )
    .bind(skip)
    .first<{ id: number }>();
  if (!row) throw new Error("the seed has no verified recognition left");
  return row.id;
}

async function patch(token: string, id: number, fields: Record<string, unknown>) {
  const current = await admin("GET", `/recognitions/${id}`, token);
  const res = await admin("PATCH", `/recognitions/${id}`, token, fields, {
    "if-match": current.headers.get("etag") ?? "",
  });
  expect(res.status).toBe(200);
  return (await body(res)).draft as { verified: boolean };
}

describe("verified recognitions", () => {
  it.each([
    ["issuer", { issuer: "UBND huyện khác" }],
    ["decision number", { decision_number: "999/QĐ-UBND" }],
    ["year", { year: 2019 }],
    ["source", { source_url: "https://caobang.gov.vn/khac" }],
  ])("an editor's change to the %s clears verified", async (_what, fields) => {
    const id = await verifiedRecognition(0);
    expect((await patch(ed.token, id, fields)).verified).toBe(false);
  });

  it("an editor's change to a note keeps it verified", async () => {
    const id = await verifiedRecognition(0);
    expect((await patch(ed.token, id, { note_en: "Seen on the province's portal." })).verified).toBe(true);
  });

  it("a publisher's change keeps it verified (they vouch for the decision)", async () => {
    const id = await verifiedRecognition(0);
    expect((await patch(pub.token, id, { issuer: "UBND tỉnh Cao Bằng (sửa)" })).verified).toBe(true);
  });

  it("an editor cannot keep it verified by sending verified: true along with the change", async () => {
    const id = await verifiedRecognition(0);
    const current = await admin("GET", `/recognitions/${id}`, ed.token);
    const res = await admin(
      "PATCH",
      `/recognitions/${id}`,
      ed.token,
      { issuer: "Bộ Công Thương", verified: true },
      { "if-match": current.headers.get("etag") ?? "" },
    );
    expect([200, 403]).toContain(res.status);
    if (res.status === 200) expect((await body(res)).draft.verified).toBe(false);
  });
});
