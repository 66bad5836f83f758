// Finding 11: CSV cells that a spreadsheet would run as a formula are neutralised (a leading apostrophe), so a
// column written by an editor or retailer cannot become one.
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { csvField } from "../../src/retail/feeds/feeds.serialise.ts";
import { call } from "../helpers/http.ts";

it("csvField neutralises =, +, -, @, tab and CR at the start of text; numbers stay numbers", () => {
  expect(csvField('=HYPERLINK("https://evil.example","x")')).toBe(
    '"\'=HYPERLINK(""https://evil.example"",""x"")"',
  );
  expect(csvField("+1")).toBe("'+1");
  expect(csvField("-2+3")).toBe("'-2+3");
  expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
  expect(csvField("\tx")).toBe("'\tx");
  expect(csvField("\rx")).toBe('"\'\rx"');
  expect(csvField("Miến dong")).toBe("Miến dong");
  expect(csvField(-5)).toBe("-5");
  expect(csvField(72000)).toBe("72000");
});

it("the served CSV feed carries no formula cell", async () => {
  await env.DB.prepare("UPDATE products SET name_vi = ?, name_en = ? WHERE slug = 'mien-dong-tan-viet-a'")
    .bind('=cmd|" /C calc"!A0', "@SUM(1+1)")
    .run();
  const res = await call("/api/v1/feeds/products.csv");
  expect(res.status).toBe(200);
  const text = await res.text();
  const line = text.split("\n").find((l) => l.startsWith("mien-dong-tan-viet-a,")) ?? "";
  expect(line).toContain(`"'=cmd|"" /C calc""!A0"`);
  expect(line).toContain(",'@SUM(1+1),");
  // No cell of any line starts a formula.
  for (const l of text.split("\n").slice(1)) expect(l).not.toMatch(/(^|,)"?[=+@]/);
});
