import { beforeAll, describe, expect, it } from "vitest";
import { ProducerRecord, ProductRecord, RecognitionInput } from "../../src/editor/schemas.ts";
import { PLAIN_SCHEMAS } from "../../src/editor/tables/tables.schemas.ts";
import { fieldMessage } from "../../src/editor/ui/field-errors.ts";
import { createEditor } from "./helpers.ts";
import { type Session, signedIn } from "./session.ts";

/** Records wrong in every way the forms can be: each schema's messages, zod's own and ours. */
const wrong: [
  string,
  { safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } } },
  unknown,
][] = [
  [
    "product",
    ProductRecord,
    {
      slug: "Not A Slug",
      producer: "",
      name_vi: "",
      name_en: "x".repeat(201),
      product_group: "cars",
      category_vi: "\u202e",
      category_en: "a",
      packaging: [{ label: "", net_weight_g: -1, price_vnd: "free" }],
      sources: ["ftp://insecure.example"],
      image: "/anh/x.jpg",
    },
  ],
  ["producer", ProducerRecord, { slug: "x", name: "X", legal_type: "cooperative", founded_year: 1800 }],
  [
    "cnnt without level",
    RecognitionInput,
    { product: "x", scheme: "cnnt", title_vi: "a", title_en: "a", source_url: "https://a.vn", stars: 4 },
  ],
  [
    "ocop without stars",
    RecognitionInput,
    {
      product: "x",
      scheme: "ocop",
      level: "national",
      title_vi: "a",
      title_en: "a",
      source_url: "https://a.vn",
      stars: null,
    },
  ],
  [
    "listing",
    PLAIN_SCHEMAS.listing,
    { channel: "a", product: "b", status: "sold", last_verified: "2026-13-40", price_vnd: 1.5 },
  ],
  [
    "figure",
    PLAIN_SCHEMAS.programme_figure,
    {
      key: "Bad-Key",
      group_key: "g",
      label_vi: "a",
      label_en: "a",
      value: -1,
      unit: "x",
      period: "",
      source_url: "https://a.vn",
    },
  ],
  ["support project", PLAIN_SCHEMAS.support_project, { fund: "x", title_vi: "a", title_en: "a" }],
];

describe("field errors in the page's language", () => {
  it("every message the schemas give has Vietnamese words (a new English-only message fails here)", () => {
    const untranslated: string[] = [];
    for (const [what, schema, value] of wrong) {
      const r = schema.safeParse(value);
      expect(r.success, what).toBe(false);
      for (const i of r.error?.issues ?? [])
        if (fieldMessage(i.message, "vi") === i.message) untranslated.push(`${what}: ${i.message}`);
    }
    expect(untranslated).toEqual([]);
  });

  it("keeps English on English pages and says limits in Vietnamese", () => {
    expect(fieldMessage("is required", "en")).toBe("is required");
    expect(fieldMessage("Too big: expected string to have <=200 characters", "vi")).toBe("tối đa 200 ký tự");
    expect(fieldMessage('Invalid option: expected one of "a"|"b"', "vi")).toBe("phải là một trong: a, b");
  });
});

describe("the forms show them", () => {
  let vi: Session;
  let en: Session;
  beforeAll(async () => {
    const e = await createEditor("loi@example.vn", "publisher", "mat-khau-kiem-tra-loi");
    vi = await signedIn(e.email, e.password, "vi");
    en = await signedIn(e.email, e.password, "en");
  });

  const bad = {
    slug: "banh-loi",
    producer: "htx-tam-hoa",
    name_vi: "",
    name_en: "Cake",
    product_group: "processed_food",
    category_vi: "Bánh",
    category_en: "Cakes",
    sources: "ftp://insecure.example",
  };

  it("in Vietnamese on /quan-tri", async () => {
    await vi.get("/quan-tri/san-pham/moi");
    const { res, html } = await vi.post("/quan-tri/san-pham/moi", bad);
    expect(res.status).toBe(422);
    expect(html).toContain("Tên (tiếng Việt): bắt buộc");
    expect(html).toContain("phải là đường dẫn bắt đầu bằng http:// hoặc https://");
    expect(html).not.toContain("is required");
  });

  it("in English on /en/admin", async () => {
    await en.get("/en/admin/products/new");
    const { res, html } = await en.post("/en/admin/products/new", bad);
    expect(res.status).toBe(422);
    expect(html).toContain("Name (Vietnamese): is required");
    expect(html).toContain("must be an http:// or https:// URL");
  });
});
