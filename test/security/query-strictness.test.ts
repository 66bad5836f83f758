// Findings 3 and 8: repeated filter values are de-duplicated and the total number of values bound is capped (no
// "too many SQL variables" 500); numbers in query strings are plain decimals.
import { describe, expect, it } from "vitest";
import { call, getJson } from "../helpers/http.ts";

const repeat = (name: string, values: string[], times: number) =>
  Array.from({ length: times }, () => values.map((v) => `${name}=${v}`))
    .flat()
    .join("&");

describe("list parameters", () => {
  it("every filter repeated twenty times answers 200 with the same result as once", async () => {
    // The audit's request: 20 values in each of the six lists, 120 bound parameters (release 1: a 500).
    const filters: [string, string[]][] = [
      ["tier", ["national"]],
      ["scheme", ["ocop"]],
      ["group", ["processed_food"]],
      ["producer", ["htx-tam-hoa"]],
      ["channel", ["aeon"]],
      ["district", ["nguyen-binh"]],
    ];
    const once = await getJson(`/api/v1/products?${filters.map(([n, v]) => repeat(n, v, 1)).join("&")}`);
    expect(once.status).toBe(200);
    const many = await getJson(`/api/v1/products?${filters.map(([n, v]) => repeat(n, v, 20)).join("&")}`);
    expect(many.status, JSON.stringify(many.body)).toBe(200);
    expect(many.body.data).toEqual(once.body.data);
    // Comma-separated repeats too.
    const commas = await getJson(`/api/v1/products?tier=${Array(40).fill("national").join(",")}`);
    expect(commas.status).toBe(200);
  });

  it("as many distinct values as the cap allows answers 200 (not a D1 error), in the API and the pages", async () => {
    const slugs = (prefix: string) => Array.from({ length: 20 }, (_, i) => `${prefix}-${i}`).join(",");
    const api = await getJson(`/api/v1/products?producer=${slugs("p")}&channel=${slugs("c")}&q=mien`);
    expect(api.status, JSON.stringify(api.body)).toBe(200);
    const page = await call(
      `/san-pham?producer=${slugs("p")}&channel=${slugs("c")}&district=${slugs("d")}&q=mien`,
    );
    expect(page.status).toBe(200);
  });

  it("too many distinct values in all lists together is a 400 naming them, never a 500", async () => {
    const slugs = (prefix: string) => Array.from({ length: 20 }, (_, i) => `${prefix}-${i}`).join(",");
    const res = await getJson(
      `/api/v1/products?producer=${slugs("p")}&channel=${slugs("c")}&district=${slugs("d")}&tier=national,regional,provincial`,
    );
    expect(res.status).toBe(400);
    expect(res.res.headers.get("content-type")).toMatch(/problem\+json/);
    expect(JSON.stringify(res.body.invalid_params)).toMatch(/producer|channel|district|filter/);
    // The pages take the same lists: no 500 there either.
    const { status } = await getJson(
      `/san-pham?producer=${slugs("p")}&channel=${slugs("c")}&district=${slugs("d")}`,
    ).catch(() => ({ status: 0 }));
    expect(status).toBeLessThan(500);
  });
});

describe("numbers", () => {
  const loose = ["0x10", "1e1", "0b11", "0o7", " 7", "7 ", "7.0", "+7", "07", "1_0", "Infinity", ""];
  for (const v of loose) {
    it(`limit=${JSON.stringify(v)} is a 400 naming limit`, async () => {
      const res = await getJson(`/api/v1/products?limit=${encodeURIComponent(v)}`);
      expect(res.status).toBe(400);
      expect(res.body.invalid_params.map((p: { name: string }) => p.name)).toContain("limit");
    });
  }
  it("plain decimals are accepted", async () => {
    for (const [path, n] of [
      ["/api/v1/products?limit=7", 7],
      ["/api/v1/changes?limit=10", 10],
      ["/api/v1/producers?limit=1", 1],
    ] as const) {
      const res = await getJson(path);
      expect(res.status, path).toBe(200);
      expect(res.body.data.length).toBeLessThanOrEqual(n);
    }
    expect((await getJson("/api/v1/recognitions?year=2024")).status).toBe(200);
  });
  it("the other numeric parameters are strict too", async () => {
    for (const path of [
      "/api/v1/changes?limit=1e1",
      "/api/v1/recognitions?year=0x7e8",
      "/api/v1/recognitions?year=2024.0",
      "/api/v1/producers?limit=%207",
    ]) {
      expect((await getJson(path)).status, path).toBe(400);
    }
  });
});
