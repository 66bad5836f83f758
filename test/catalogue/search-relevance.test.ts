// The relevance table (issue 26): what a Vietnamese shopper types — with and without accents, with typos, in both
// languages, with synonyms — and what must come first, against the real seed. Each row is a test: `top` are the
// first results (in any order among themselves), `first` the very first, `absent` what must not be found at all,
// `hint` the "Did you mean …" the search offers (null: none).
import { describe, expect, it } from "vitest";
import { call, getJson } from "../helpers/http.ts";

interface Row {
  q: string;
  top?: string[];
  first?: string;
  absent?: string[];
  hint?: string | null;
  /** Also list illustrative products (the shopper's pages do). */
  include?: boolean;
  /** Nothing is found. */
  none?: boolean;
}

const MIEN = ["mien-dong-phia-den", "mien-dong-cai-bo", "mien-dong-tan-viet-a", "mien-dong-cuong-yen"];
const TEAS = ["danh-tra-kolia", "dinh-tra-kolia", "hong-tra", "luc-tra", "tra-o-long", "tra-xanh-tai-ho-sin"];
const BUN = [
  "bun-kho-cao-tuyen",
  "bun-kho-ba-sach-hung-dao",
  "bun-cam-kho-co-luyen",
  "bun-trang-kho-co-luyen",
];
const LAP = "lap-suon-thit-hun-khoi-tam-hoa";
const NAM = ["nam-huong-yen-cong", "nam-huong-viet-truc-mai"];
const THACH = ["thach-den-le-thuy", "thach-den-su-hao", "thach-den-hang-hoang"];
const HONEY = ["mat-ong-doan-linh", "mat-ong-hoa-tu-nhien-binh-duong", "mat-ong-rung-tu-nhien-hoang-tung"];
const RUOU_NGO = [
  "ruou-ngo-binh-long",
  "ruou-ngo-dai-hoang-cao-bang",
  "ruou-ngo-dai-hoang-long-phung",
  "ruou-ngo-dai-hoang-tien-tuu",
];
const NOT_NOODLES = ["banh-khao-quang-hoa", ...BUN, ...MIEN];

const TABLE: Row[] = [
  // Names, with and without accents, in any case, while typing.
  { q: "mien dong", top: MIEN, absent: BUN, hint: null },
  { q: "miến dong", top: MIEN, absent: BUN },
  { q: "MIẾN DONG", top: MIEN },
  { q: "mien do", top: MIEN },
  { q: "mien", top: MIEN, absent: BUN },
  { q: "tan viet a", first: "mien-dong-tan-viet-a" },
  { q: "khau sli", first: "khau-sli-na-giang" },
  { q: "khẩu sli", first: "khau-sli-na-giang" },
  { q: "chieu truc", first: "chieu-truc-688" },
  { q: "lap suon", first: LAP },
  { q: "lạp sườn", first: LAP },
  { q: "nam huong", top: NAM },
  { q: "thach den", top: THACH },
  { q: "mat ong", top: HONEY },
  { q: "gao nep", first: "nep-huong-bao-lac" },
  { q: "ruou ngo", top: RUOU_NGO },
  { q: "nho", first: "nho-ha-den-cao-bang" },
  { q: "dinh tra", first: "dinh-tra-kolia" },
  { q: "Đinh Trà", first: "dinh-tra-kolia" },
  { q: "tra o long", first: "tra-o-long", top: ["tra-o-long"] },
  { q: "hong tra", first: "hong-tra" },
  // Tea is trà, and chè in the north; "tra" is no prefix of "traditional" (bún, miến, bánh khảo).
  { q: "tra", top: TEAS, absent: NOT_NOODLES, include: true },
  { q: "trà", top: TEAS, absent: NOT_NOODLES },
  { q: "che", top: TEAS, absent: NOT_NOODLES },
  { q: "chè", top: TEAS, absent: NOT_NOODLES },
  { q: "tea", top: TEAS, absent: NOT_NOODLES },
  { q: "oolong", first: "tra-o-long" },
  // Synonyms, both ways, both languages.
  { q: "lap xuong", first: LAP, top: [LAP] },
  { q: "lạp xưởng", first: LAP },
  { q: "sausage", first: LAP },
  { q: "vermicelli", top: MIEN, absent: BUN },
  { q: "honey", top: HONEY },
  { q: "jelly", top: THACH },
  { q: "mushroom", top: NAM },
  { q: "shiitake", top: NAM },
  { q: "bamboo", first: "chieu-truc-688" },
  { q: "sticky rice", first: "nep-huong-bao-lac" },
  { q: "knife", first: "dao-minh-tuan" },
  { q: "dao ren", first: "dao-minh-tuan" },
  // Bún and miến are different noodles: neither finds the other.
  { q: "bun", top: BUN, absent: MIEN },
  { q: "bun kho", top: BUN, absent: MIEN },
  { q: "rice noodles", top: BUN, absent: MIEN },
  // Typos: one edit (two neighbouring letters swapped count as one), ranked below exact matches, with a hint.
  { q: "khau sly", first: "khau-sli-na-giang", hint: "khau sli" },
  { q: "mien dng", top: MIEN, hint: "mien dong" },
  { q: "mein dong", top: MIEN, hint: "mien dong" },
  { q: "kolai", top: ["danh-tra-kolia", "dinh-tra-kolia"], hint: "kolia" },
  { q: "nam huogn", top: NAM, hint: "nam huong" },
  // Producers, places, recognitions — never a note or a provenance remark.
  { q: "tam hoa", first: LAP },
  { q: "Tâm Hoà", first: LAP },
  { q: "kolia", top: ["danh-tra-kolia", "dinh-tra-kolia"] },
  { q: "quoc gia", top: [LAP, "chieu-truc-688"], absent: ["mien-dong-cai-bo"] },
  { q: "ocop 4 sao", top: ["danh-tra-kolia", "dinh-tra-kolia", "mien-dong-tan-viet-a"] },
  // A kind no producer is recorded for: nothing, and no correction to offer (the page links the kind instead).
  { q: "giao co lam", none: true, hint: null },
  { q: "jiaogulan", none: true, hint: null },
];

const slugs = (body: { data: { slug: string }[] }) => body.data.map((p) => p.slug);

describe("the relevance table: what shoppers type and what they find first", () => {
  it(`has at least 40 rows (${TABLE.length})`, () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(40);
  });

  it.each(TABLE)("$q", async (row) => {
    const include = row.include ? "&include=illustrative" : "";
    const { status, body } = await getJson(
      `/api/v1/products?q=${encodeURIComponent(row.q)}&limit=50${include}`,
    );
    expect(status).toBe(200);
    const found = slugs(body);
    if (row.none) expect(found).toEqual([]);
    else expect(found.length, `${row.q} finds something`).toBeGreaterThan(0);
    if (row.first) expect(found[0]).toBe(row.first);
    if (row.top) expect(found.slice(0, row.top.length).sort()).toEqual([...row.top].sort());
    for (const a of row.absent ?? []) expect(found, `${row.q} must not find ${a}`).not.toContain(a);
    if (row.hint !== undefined) expect(body.search.did_you_mean).toBe(row.hint);
  });

  it("lists a typo's matches after the exact ones", async () => {
    // "kolia" matches Kolia's teas; "tra kolai" finds the teas exactly ("tra") and Kolia's through the correction.
    const { body } = await getJson("/api/v1/products?q=tra%20kolai&limit=50");
    expect(body.search.matched).toBe(0);
    expect(body.search.corrected).toBeGreaterThan(0);
    const exact = await getJson("/api/v1/products?q=kolia%20tra&limit=50");
    expect(exact.body.search.corrected).toBe(0);
    expect(exact.body.search.did_you_mean).toBeNull();
    expect(slugs(exact.body).sort()).toEqual(slugs(body).sort());
  });
});

describe("the highest-recognition order counts OCOP stars", () => {
  it("puts national titles first, OCOP 4★ on the first page before unrated products, and a stated year before an unknown one", async () => {
    const { body } = await getJson("/api/v1/products?limit=100");
    const order = slugs(body);
    const at = (s: string) => order.indexOf(s);
    for (const s of [LAP, "chieu-truc-688", "mien-dong-tan-viet-a", "danh-tra-kolia"])
      expect(at(s), s).toBeGreaterThanOrEqual(0);
    // National CNNT-TB before OCOP 4★; OCOP 4★ of 2023 before OCOP 4★ of unknown year; those before 3★.
    expect(at(LAP)).toBeLessThan(at("mien-dong-tan-viet-a"));
    expect(at("chieu-truc-688")).toBeLessThan(at("mien-dong-tan-viet-a"));
    expect(at("mien-dong-tan-viet-a")).toBeLessThan(at("danh-tra-kolia"));
    expect(at("danh-tra-kolia")).toBeLessThan(at("nep-huong-bao-lac"));
    // Every product with a recognition before every product without one.
    const page = await getJson("/api/v1/products?limit=20");
    const tanVietA = slugs(page.body).indexOf("mien-dong-tan-viet-a");
    expect(tanVietA).toBeGreaterThanOrEqual(0);
    const unrated = (body.data as { slug: string; tier: string | null; ocop: boolean }[]).filter(
      (p) => p.tier === null && !p.ocop,
    );
    for (const p of unrated) expect(at(p.slug), p.slug).toBeGreaterThan(tanVietA);
  });
});

describe("the catalogue page says what the search did", () => {
  const html = async (path: string) => {
    const res = await call(path);
    expect(res.status).toBe(200);
    return res.text();
  };

  it("offers the correction of a typo, as the API does", async () => {
    const page = await html("/san-pham?q=khau+sly");
    expect(page).toContain("Bạn có muốn tìm");
    expect(page).toMatch(/href="\/san-pham\?q=khau\+sli"/);
    expect(page).toContain("khau-sli-na-giang");
    const en = await html("/en/products?q=khau+sly");
    expect(en).toContain("Did you mean");
  });

  it("an empty search suggests kinds and the centre, and says nothing of filters when none is set", async () => {
    const page = await html("/san-pham?q=zzqx+wakj");
    expect(page).toContain("Không có sản phẩm nào khớp với “zzqx wakj”");
    expect(page).not.toContain("bỏ bớt bộ lọc");
    expect(page).toContain("Xem theo loại sản phẩm");
    expect(page).toMatch(/href="\/loai\/mien-dong"/);
    expect(page).toContain("Không tìm thấy? Hỏi trung tâm");
    // With a filter set, removing it is the advice.
    const filtered = await html("/san-pham?q=mien&group=machinery");
    expect(filtered).toContain("bỏ bớt bộ lọc");
  });
});
