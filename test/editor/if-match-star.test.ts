// Issue 23, finding 10: `If-Match: *` skipped lost-update protection on editor updates (it matches any version).
// Editor writes need the record's own ETag: `*` (alone or in a list) is refused with a 428 that says why.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { admin, body, createEditor } from "./helpers.ts";

let pub: Awaited<ReturnType<typeof createEditor>>;
beforeAll(async () => {
  pub = await createEditor("duyet-sao@example.vn", "publisher");
});

const recognitionId = async () =>
  (await env.DB.prepare("SELECT min(id) AS id FROM recognitions").first<{ id: number }>())?.id ?? 0;

describe("If-Match: * on editor writes", () => {
  const cases: [string, () => Promise<string>, Record<string, unknown>][] = [
    ["a product", async () => "/products/mien-dong-tan-viet-a", { name_en: "Overwritten" }],
    ["a producer", async () => "/producers/htx-tam-hoa", { name: "Overwritten" }],
    ["a recognition", async () => `/recognitions/${await recognitionId()}`, { note_en: "Overwritten" }],
    ["a channel (plain table)", async () => "/channels/aeon", { name: "Overwritten" }],
  ];
  it.each(cases)("an update of %s is refused (428), alone or in a list", async (_what, path, fields) => {
    for (const star of ["*", '"0.1", *', 'W/"x", *']) {
      const res = await admin("PATCH", await path(), pub.token, fields, { "if-match": star });
      expect(res.status, star).toBe(428);
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      const problem = await body(res);
      expect(problem.type).toBe("/problems/precondition-required");
      expect(problem.detail).toMatch(/`\*`/);
    }
  });

  it("publishing and deleting with * are refused too; with the ETag they go through", async () => {
    const res = await admin("POST", "/products/mien-dong-tan-viet-a/publish", pub.token, undefined, {
      "if-match": "*",
    });
    expect(res.status).toBe(428);
    const get = await admin("GET", "/channels/aeon", pub.token);
    const ok = await admin(
      "PATCH",
      "/channels/aeon",
      pub.token,
      { name: "AEON" },
      { "if-match": get.headers.get("etag") ?? "" },
    );
    expect(ok.status).toBe(200);
  });

  // One If-Match rule for the whole Worker (src/platform/lib/entity-tags.ts): strong comparison, as RFC 9110
  // §13.1.1 asks and as listings always did. The editors' writes used to strip `W/` and let a weak tag through.
  it.each(cases)(
    "a weak copy of %s's ETag is not a match (412); the strong tag in a list is",
    async (_what, path, fields) => {
      const url = await path();
      const tag = (await admin("GET", url, pub.token)).headers.get("etag") ?? "";
      expect(tag).toMatch(/^"/);
      const weak = await admin("PATCH", url, pub.token, fields, { "if-match": `W/${tag}` });
      expect(weak.status).toBe(412);
      const listed = await admin("PATCH", url, pub.token, fields, {
        "if-match": `W/${tag}, "other", ${tag}`,
      });
      expect(listed.status).toBe(200);
    },
  );
});
