// A pack's GTIN: empty until a producer or chain states one, and then only a number with a valid GS1 check digit.
import { beforeAll, describe, expect, it } from "vitest";
import { gtinProblem } from "../../src/domain/gtin.ts";
import { packaging, packagingCell } from "../../src/editor/import/sheet.ts";
import { getJson } from "../helpers/http.ts";
import { admin, body, createEditor, producer, product } from "./helpers.ts";

let ed: Awaited<ReturnType<typeof createEditor>>;
let pub: Awaited<ReturnType<typeof createEditor>>;
beforeAll(async () => {
  ed = await createEditor("gtin-editor@example.vn", "editor");
  pub = await createEditor("gtin-publisher@example.vn", "publisher");
});

describe("GS1 check digits", () => {
  it.each([
    ["4006381333931", null], // EAN-13
    ["036000291452", null], // UPC-A
    ["96385074", null], // EAN-8
    ["10614141000415", null], // GTIN-14
  ])("accepts %s", (gtin, problem) => expect(gtinProblem(gtin)).toBe(problem));
  it.each([
    ["4006381333932", "has the wrong check digit (2; the GS1 check digit is 1)"],
    ["400638133393", "has the wrong check digit (3; the GS1 check digit is 0)"],
    ["400638133393X", "must be digits only (a GTIN as printed under its barcode)"],
    ["12345", "must be 8, 12, 13 or 14 digits (GTIN-8, -12, -13 or -14)"],
  ])("refuses %s", (gtin, problem) => expect(gtinProblem(gtin)).toBe(problem));
});

describe("a pack's GTIN", () => {
  it("is null on every pack of the seed: no number is made up", async () => {
    const { body: list } = await getJson("/api/v1/products?limit=100&include=illustrative");
    let packs = 0;
    for (const p of list.data) {
      const detail = (await getJson(`/api/v1/products/${p.slug}?include=illustrative`)).body;
      for (const pack of detail.packaging) {
        packs++;
        expect(pack.gtin, p.slug).toBeNull();
      }
    }
    expect(packs).toBeGreaterThan(0);
  });

  it("an editor states it (check digit verified, named when wrong); the API and the CSV cell carry it", async () => {
    expect((await admin("POST", "/producers", ed.token, producer())).status).toBe(201);
    const wrong = await admin(
      "POST",
      "/products",
      ed.token,
      product({ packaging: [{ label: "Gói 500 g", net_weight_g: 500, gtin: "4006381333932" }] }),
    );
    expect(wrong.status).toBe(422);
    expect((await body(wrong)).invalid_params).toContainEqual({
      name: "packaging[0].gtin",
      reason: "has the wrong check digit (2; the GS1 check digit is 1)",
    });
    const packs = [
      { label: "Gói 500 g", net_weight_g: 500, gtin: "4006381333931" },
      { label: "Hộp 1 kg", net_weight_g: 1000 },
    ];
    expect((await admin("POST", "/products", ed.token, product({ packaging: packs }))).status).toBe(201);
    expect((await admin("POST", "/products/banh-khao-thu-nghiem/publish", pub.token)).status).toBe(200);
    const detail = (await getJson("/api/v1/products/banh-khao-thu-nghiem")).body;
    expect(detail.packaging.map((p: { gtin: string | null }) => p.gtin)).toEqual(["4006381333931", null]);

    const read = packaging("Gói 500 g;500;;;4006381333931 | Hộp 1 kg;1000");
    expect(read.map((p) => p.gtin)).toEqual(["4006381333931", null]);
    expect(packagingCell(detail.packaging)).toBe("Gói 500 g;500;;;4006381333931 | Hộp 1 kg;1000");
  });
});
