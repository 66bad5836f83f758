// A cited page as its publisher serves it: HTX Tâm Hòa's record cites the provincial TV station's report, which
// exists only over http. The editors' https-only rule for sources used to refuse every write of that record (422
// "sources.1: must be an https:// URL"), whatever field was changed. Publishing still needs one https source.
import { beforeAll, describe, expect, it } from "vitest";
import { admin, body, createEditor } from "./helpers.ts";

let ed: Awaited<ReturnType<typeof createEditor>>;
beforeAll(async () => {
  ed = await createEditor("nguon-http@example.vn", "publisher");
});

describe("a source served over http", () => {
  it("a record that cites an http page (HTX Tâm Hòa's TV report) can still be edited", async () => {
    const read = await admin("GET", "/producers/htx-tam-hoa", ed.token);
    const tag = read.headers.get("etag") ?? "";
    const res = await admin(
      "PATCH",
      "/producers/htx-tam-hoa",
      ed.token,
      { representative: "Nguyễn Thanh Tâm" },
      { "if-match": tag },
    );
    expect(res.status).toBe(200);
    expect((await body(res)).draft.sources).toContain(
      "http://caobangtv.vn/tin-tuc-n57892/dua-dac-san-cao-bang-vuon-xa.html",
    );
  });
});
