// A synthetic catalogue for scale tests: realistic Vietnamese product, producer and place names, recognitions and
// listings in plausible proportions — and clearly synthetic: every slug starts with "tong-hop-", every name says
// "(tổng hợp …)" / "(synthetic …)", every row is `sample` with source "synthetic:bench". It is written straight
// into a local D1's SQLite file (after the real migrations, so every trigger runs) and never into the real one.
import { DatabaseSync } from "node:sqlite";
import { fold } from "../src/platform/lib/fold.ts";

/** Deterministic pseudo-random numbers (mulberry32), so every run builds the same catalogue. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  return { next, int, pick };
}

const CATEGORIES = [
  ["Miến dong", "Canna-starch vermicelli", "processed_food"],
  ["Lạp sườn", "Cured sausage", "processed_food"],
  ["Thịt hun khói", "Smoked pork", "processed_food"],
  ["Chè giảo cổ lam", "Jiaogulan tea", "processed_food"],
  ["Khẩu sli", "Sticky-rice and peanut candy", "processed_food"],
  ["Bánh khảo", "Rice-flour cake", "processed_food"],
  ["Thạch đen", "Black grass jelly", "processed_food"],
  ["Bún ngũ sắc", "Five-colour noodles", "processed_food"],
  ["Nấm hương", "Shiitake mushrooms", "processed_food"],
  ["Hồng trà", "Black tea", "processed_food"],
  ["Trà ô long", "Oolong tea", "processed_food"],
  ["Gạo nếp ống", "Glutinous rice", "processed_food"],
  ["Mật ong bạc hà", "Mint honey", "processed_food"],
  ["Hạt dẻ", "Chestnuts", "processed_food"],
  ["Chiếu trúc", "Bamboo mat", "handicraft"],
  ["Trúc mỹ nghệ", "Bamboo handicraft", "handicraft"],
  ["Thổ cẩm", "Brocade", "handicraft"],
  ["Hương nén", "Incense", "other"],
  ["Dao rèn", "Forged knife", "machinery"],
  ["Nông cụ rèn", "Forged farm tools", "machinery"],
] as const;

const QUALIFIERS = [
  ["truyền thống", "traditional"],
  ["gia truyền", "family-recipe"],
  ["đặc biệt", "special"],
  ["thượng hạng", "premium"],
  ["hữu cơ", "organic"],
  ["sấy khô", "dried"],
  ["loại 1", "grade 1"],
  ["hộp quà", "gift box"],
] as const;

/** Districts of Cao Bằng with some of their communes. */
const PLACES = [
  ["Nguyên Bình", ["Thành Công", "Minh Tâm", "Tam Kim", "Hoa Thám", "Phan Thanh"]],
  ["Trùng Khánh", ["Đàm Thủy", "Đình Phong", "Chí Viễn", "Phong Châu", "Ngọc Côn"]],
  ["Hà Quảng", ["Phù Ngọc", "Trường Hà", "Nà Giàng", "Sóc Hà", "Quý Quân"]],
  ["Bảo Lạc", ["Cốc Pàng", "Hưng Đạo", "Khánh Xuân", "Phan Thanh"]],
  ["Bảo Lâm", ["Lý Bôn", "Mông Ân", "Quảng Lâm", "Thạch Lâm"]],
  ["Hạ Lang", ["Lý Quốc", "Thanh Nhật", "Kim Loan", "Đồng Loan"]],
  ["Quảng Hòa", ["Phúc Sen", "Quốc Toản", "Tự Do", "Hạnh Phúc"]],
  ["Thạch An", ["Đông Khê", "Đức Long", "Lê Lai", "Thụy Hùng"]],
  ["Hòa An", ["Nước Hai", "Dân Chủ", "Bế Triều", "Hồng Việt"]],
  ["Thành phố Cao Bằng", ["Hợp Giang", "Sông Hiến", "Đề Thám", "Ngọc Xuân"]],
] as const;

const LEGAL = [
  ["cooperative", "HTX nông nghiệp"],
  ["cooperative", "HTX dịch vụ"],
  ["company", "Công ty TNHH"],
  ["household_business", "Hộ kinh doanh"],
  ["private_enterprise", "DNTN"],
  ["craft_village", "Làng nghề"],
] as const;

const CHANNELS = [
  ["tong-hop-chuoi-sieu-thi-1", "Chuỗi siêu thị (tổng hợp 1)", "supermarket_chain"],
  ["tong-hop-chuoi-sieu-thi-2", "Chuỗi siêu thị (tổng hợp 2)", "supermarket_chain"],
  ["tong-hop-chuoi-sieu-thi-3", "Chuỗi siêu thị (tổng hợp 3)", "supermarket_chain"],
  ["tong-hop-chuoi-sieu-thi-4", "Chuỗi siêu thị (tổng hợp 4)", "supermarket_chain"],
  ["tong-hop-hoi-cho", "Hội chợ thương mại (tổng hợp)", "trade_fair"],
  ["tong-hop-xuat-khau", "Thị trường xuất khẩu (tổng hợp)", "export_market"],
  ["tong-hop-san-tmdt-1", "Sàn thương mại điện tử (tổng hợp 1)", "online_store"],
  ["tong-hop-san-tmdt-2", "Sàn thương mại điện tử (tổng hợp 2)", "online_store"],
] as const;

const SOURCE = "synthetic:bench";
const slugOf = (s: string) =>
  fold(s)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

export interface SyntheticCounts {
  products: number;
  producers: number;
  recognitions: number;
  listings: number;
  channels: number;
}

/**
 * Fills an empty, migrated catalogue database with `n` synthetic products (and ~n/4 producers, recognitions for
 * about half of them, listings for about 40%). One transaction; the migrations' triggers keep FTS, tiers and the
 * catalogue version as the application would.
 */
export function fillSynthetic(sqliteFile: string, n: number, seed = 5): SyntheticCounts {
  const r = rng(seed);
  const db = new DatabaseSync(sqliteFile);
  const already = db.prepare("SELECT count(*) AS n FROM products").get() as { n: number };
  if (already.n > 0) throw new Error(`${sqliteFile} already holds ${already.n} products`);
  const counts: SyntheticCounts = { products: 0, producers: 0, recognitions: 0, listings: 0, channels: 0 };
  const insert = (table: string, cols: string[]) => {
    const stmt = db.prepare(
      `INSERT INTO ${table} (${cols.join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`,
    );
    return (...values: (string | number | null)[]) => stmt.run(...values);
  };
  const producer = insert("producers", [
    "id",
    "slug",
    "name",
    "legal_type",
    "commune",
    "district",
    "district_slug",
    "founded_year",
    "description_vi",
    "description_en",
    "sources",
    "sample",
  ]);
  const product = insert("products", [
    "id",
    "slug",
    "producer_id",
    "name_vi",
    "name_en",
    "description_vi",
    "description_en",
    "product_group",
    "category_vi",
    "category_en",
    "packaging",
    "image",
    "image_alt_vi",
    "image_alt_en",
    "sources",
    "sample",
    "sample_fields",
    "sort_vi",
    "sort_en",
    "created_at",
  ]);
  const recognition = insert("recognitions", [
    "product_id",
    "scheme",
    "level",
    "stars",
    "year",
    "title_vi",
    "title_en",
    "source_url",
    "sample",
  ]);
  const channel = insert("channels", ["id", "slug", "name", "kind", "sources", "sample"]);
  const listing = insert("listings", [
    "product_id",
    "channel_id",
    "status",
    "price_vnd",
    "stores",
    "source_url",
    "sample",
  ]);

  db.exec("BEGIN");
  try {
    CHANNELS.forEach(([slug, name, kind], i) => {
      channel(i + 1, slug, name, kind, JSON.stringify([SOURCE]), 1);
      counts.channels++;
    });
    const producerCount = Math.max(5, Math.round(n / 4));
    const producers: { name: string; district: string; commune: string }[] = [];
    for (let id = 1; id <= producerCount; id++) {
      const [district, communes] = r.pick(PLACES);
      const commune = r.pick(communes);
      const [legalType, prefix] = r.pick(LEGAL);
      const name = `${prefix} ${commune} (tổng hợp ${id})`;
      producer(
        id,
        `tong-hop-${slugOf(`${prefix} ${commune}`)}-${id}`,
        name,
        legalType,
        `Xã ${commune}`,
        district,
        slugOf(district),
        r.int(1995, 2023),
        `Cơ sở sản xuất tại xã ${commune}, ${district} (hồ sơ tổng hợp để thử tải).`,
        `A producer in ${commune}, ${district} (synthetic record for load tests).`,
        JSON.stringify([SOURCE]),
        1,
      );
      producers.push({ name, district, commune });
      counts.producers++;
    }
    for (let id = 1; id <= n; id++) {
      const producerId = r.int(1, producerCount);
      const p = producers[producerId - 1] ?? { name: "", district: "", commune: "" };
      const [catVi, catEn, group] = r.pick(CATEGORIES);
      const [qVi, qEn] = r.pick(QUALIFIERS);
      const nameVi = `${catVi} ${qVi} ${p.commune} (tổng hợp ${id})`;
      const nameEn = `${qEn} ${catEn.toLowerCase()} from ${p.commune} (synthetic ${id})`;
      const descVi = `${catVi} ${qVi} của ${p.name}, ${p.district}, Cao Bằng. Bản ghi tổng hợp cho thử tải.`;
      const descEn = `${qEn} ${catEn.toLowerCase()} made in ${p.district}, Cao Bằng. A synthetic record for load tests.`;
      const price = r.int(3, 60) * 5000;
      product(
        id,
        `tong-hop-${slugOf(`${catVi} ${qVi} ${p.commune}`)}-${id}`,
        producerId,
        nameVi,
        nameEn,
        descVi,
        descEn,
        group,
        catVi,
        catEn,
        JSON.stringify([{ label: "Gói 500 g", netWeightG: 500, priceVnd: price, sample: true }]),
        null,
        `Hình minh họa: ${catVi.toLowerCase()}`,
        `Illustration: ${catEn.toLowerCase()}`,
        JSON.stringify([SOURCE]),
        1,
        JSON.stringify(["packaging"]),
        fold(nameVi),
        fold(nameEn),
        new Date(Date.UTC(2020, 0, 1) + id * 60_000).toISOString(),
      );
      counts.products++;
      if (r.next() < 0.35) {
        const x = r.next();
        const level = x < 0.08 ? "national" : x < 0.3 ? "regional" : "provincial";
        const year = r.int(2017, 2025);
        recognition(
          id,
          "cnnt",
          level,
          null,
          year,
          `Sản phẩm CNNT tiêu biểu cấp ${level} ${year} (tổng hợp)`,
          `Typical rural-industry product, ${level} level ${year} (synthetic)`,
          SOURCE,
          1,
        );
        counts.recognitions++;
      }
      if (r.next() < 0.3) {
        const x = r.next();
        const stars = x < 0.02 ? 5 : x < 0.2 ? 4 : 3;
        const year = r.int(2019, 2025);
        recognition(
          id,
          "ocop",
          null,
          stars,
          year,
          `OCOP ${stars} sao ${year} (tổng hợp)`,
          `OCOP ${stars} stars ${year} (synthetic)`,
          SOURCE,
          1,
        );
        counts.recognitions++;
      }
      if (r.next() < 0.4) {
        const first = r.int(1, CHANNELS.length);
        const k = r.int(1, 3);
        for (let j = 0; j < k; j++) {
          const channelId = ((first + j - 1) % CHANNELS.length) + 1;
          listing(id, channelId, r.next() < 0.85 ? "in_stock" : "out_of_stock", price, "[]", SOURCE, 1);
          counts.listings++;
        }
      }
    }
    db.exec("COMMIT");
  } catch (err) {
    db.exec("ROLLBACK");
    throw err;
  } finally {
    db.close();
  }
  return counts;
}
