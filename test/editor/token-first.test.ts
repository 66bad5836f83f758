// Issue 23, finding 8: the CSV import and photo uploads read and parsed the whole body before the editor token was
// judged, so anyone could make the Worker parse a megabyte as CSV or multipart. For expensive bodies the token is
// judged first (the app's 1 MiB ceiling still counts the bytes as they arrive; nothing parses them).
import { beforeAll, describe, expect, it } from "vitest";
import { generateEditorToken } from "../../src/editor/auth/crypto.ts";
import { call } from "../helpers/http.ts";
import { createEditor } from "./helpers.ts";

/**
 * A body that fails when parsed: for the import, more CSV than it takes (413) with a broken quote; for a photo, a
 * multipart body that is not multipart (the form parser's 400). Before the fix either answer came first.
 */
const bodies = {
  csv: `slug,name_vi\n"open${"x".repeat(1024 * 1024 - 20)}`,
  multipart: "--x\r\nnot a part at all",
};

let ed: Awaited<ReturnType<typeof createEditor>>;
let pub: Awaited<ReturnType<typeof createEditor>>;
beforeAll(async () => {
  ed = await createEditor("doc-than@example.vn", "editor");
  pub = await createEditor("doc-than-duyet@example.vn", "publisher");
});

const endpoints: [string, string, string, string][] = [
  ["the CSV import", "/api/v1/admin/import?kind=products", "text/csv", bodies.csv],
  [
    "a product photo",
    "/api/v1/admin/products/mien-dong-tan-viet-a/photo",
    "multipart/form-data; boundary=x",
    bodies.multipart,
  ],
  [
    "a producer photo",
    "/api/v1/admin/producers/htx-tam-hoa/photo",
    "multipart/form-data; boundary=x",
    bodies.multipart,
  ],
];

describe("expensive bodies are read only after the token is judged", () => {
  it.each(endpoints)(
    "%s: an unknown token is 401 before the body is parsed",
    async (_what, path, type, text) => {
      const { token } = await generateEditorToken();
      const res = await call(path, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": type, "if-match": '"0.1"' },
        body: text,
      });
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/Bearer/);
      await res.body?.cancel();
    },
  );

  it("a role too low is 403 before the body is parsed (the import is for publishers)", async () => {
    const res = await call("/api/v1/admin/import?kind=products", {
      method: "POST",
      headers: { authorization: `Bearer ${ed.token}`, "content-type": "text/csv" },
      body: bodies.csv,
    });
    expect(res.status).toBe(403);
    await res.body?.cancel();
  });

  it("a good token still imports (a dry run answers its report)", async () => {
    const res = await call("/api/v1/admin/import?kind=producers", {
      method: "POST",
      headers: { authorization: `Bearer ${pub.token}`, "content-type": "text/csv" },
      body: "slug,name\n",
    });
    expect([200, 422]).toContain(res.status);
    await res.body?.cancel();
  });
});
