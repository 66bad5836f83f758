// Findings 6 and 7: listing URLs carry no user:password@; retailer text refuses control characters, zero-width
// characters and U+061C (as it already refused bidi overrides), in every text field, single and bulk.
import { describe, expect, it } from "vitest";
import { createKey, json, listing, send } from "../helpers/retail.ts";

const PUT_PATH = "/api/v1/channels/aeon/listings/mien-dong-tan-viet-a";
const keyOf = (() => {
  let key: Promise<string> | null = null;
  return () => {
    key ??= createKey("aeon").then((k) => k.key);
    return key;
  };
})();

const names = async (res: Response) =>
  ((await json(res)).invalid_params ?? []).map((p: { name: string }) => p.name) as string[];

describe("listing URLs", () => {
  for (const url of [
    "https://user:password@aeon.example.vn/p/1",
    "https://aeon.example.vn@evil.example/p/1",
    "https://user@aeon.example.vn/p/1",
    "https://:x@aeon.example.vn/p/1",
  ]) {
    it(`${url} is refused (422 naming url)`, async () => {
      const res = await send("PUT", PUT_PATH, await keyOf(), listing({ url }));
      expect(res.status).toBe(422);
      expect(await names(res)).toEqual(["url"]);
    });
  }
  it("the same in a bulk item, and source_url too if the body has one", async () => {
    const res = await send("POST", "/api/v1/channels/aeon/listings/bulk", await keyOf(), {
      items: [{ product: "mien-dong-tan-viet-a", ...listing({ url: "https://a:b@aeon.example.vn/" }) }],
    });
    expect(res.status).toBe(422);
    expect(await names(res)).toEqual(["items[0].url"]);
  });
  it("a plain https URL is still accepted", async () => {
    const res = await send(
      "PUT",
      PUT_PATH,
      await keyOf(),
      listing({ url: "https://aeon.example.vn/p/1?x=1#a" }),
    );
    expect(res.status).toBeLessThan(300);
  });
});

describe("retailer text", () => {
  const bad: [string, string][] = [
    ["NUL", "\u0000"],
    ["ESC", "\u001b[31m"],
    ["BEL", "\u0007"],
    ["DEL", "\u007f"],
    ["a C1 control", "\u0085"],
    ["ZERO WIDTH SPACE", "\u200b"],
    ["ZERO WIDTH NON-JOINER", "\u200c"],
    ["ZERO WIDTH JOINER", "\u200d"],
    ["LEFT-TO-RIGHT MARK", "\u200e"],
    ["WORD JOINER", "\u2060"],
    ["BYTE ORDER MARK", "\ufeff"],
    ["ARABIC LETTER MARK (U+061C)", "\u061c"],
    ["MONGOLIAN VOWEL SEPARATOR", "\u180e"],
    ["an interlinear annotation", "\ufff9"],
  ];
  for (const [what, ch] of bad) {
    it(`${what} is refused in the note, the SKU and a store name`, async () => {
      const res = await send(
        "PUT",
        PUT_PATH,
        await keyOf(),
        listing({
          note: `Giá tốt${ch}`,
          channel_sku: `AEON${ch}1`,
          stores: [{ name: `AEON${ch} Mall`, city: "Hà Nội", province: "Hà Nội" }],
        }),
      );
      expect(res.status).toBe(422);
      expect((await names(res)).sort()).toEqual(["channel_sku", "note", "stores[0].name"]);
    });
  }
  it("Vietnamese, line breaks in a note and emoji are fine", async () => {
    const res = await send(
      "PUT",
      PUT_PATH,
      await keyOf(),
      listing({ note: "Miến dong Phia Đén 🍜\nGiao hàng toàn quốc", channel_sku: "AEON-1" }),
    );
    expect(res.status).toBeLessThan(300);
  });
});
