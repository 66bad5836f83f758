/**
 * The catalogue's seed data. Every record names its sources (../shared/FACTS.md lists them). Each record has a
 * provenance (src/domain/provenance.ts): `sourced` unless said otherwise; `fields` names the fields known less well than
 * their record (`inferred` or `illustrative`), by their API names. Where a detail is not known (prices, pack
 * sizes, which exact item a chain stocks) a plausible value is used and marked `illustrative`. Producers marked
 * `provenance: "illustrative"` are illustrative profiles, named "(hồ sơ mẫu)"; only they carry illustrative
 * recognitions. No real producer carries a recognition that a source does not state.
 */
import type { Provenance, Qualifier } from "../domain/provenance.ts";

/** Per-field provenance of a seed record (fields not named share their record's state). */
type Fields = Partial<Record<string, Provenance>>;

export const SRC = {
  programme:
    "https://tapchicongthuong.vn/chuyen-minh-tu-khuyen-cong--cau-chuyen-cao-bang-5-nam-nhin-lai-147054.htm",
  programmeMirror:
    "https://baomoi.net.vn/chuyen-minh-tu-khuyen-cong-cau-chuyen-cao-bang-5-nam-nhin-lai-c52798073.epi",
  smallProjects:
    "https://baomoi.net.vn/khuyen-cong-cao-bang-hieu-qua-lon-bat-dau-tu-nhung-de-an-nho-c52809068.epi",
  tamHoa: "https://vnbusiness.vn/hop-tac-xa/htx-tam-hoa-dua-lap-suon-cao-bang-vuon-xa-1054335.html",
  tamHoaTv: "http://caobangtv.vn/tin-tuc-n57892/dua-dac-san-cao-bang-vuon-xa.html",
  nationalCnnt:
    "https://vietnamnet.vn/cao-bang-chu-trong-phat-trien-cac-san-pham-cong-nghiep-nong-thon-tieu-bieu-2034965.html",
  truc688: "https://dantocmiennui.vn/nang-cao-gia-tri-cho-cay-truc-sao-cao-bang-post327920.html",
  chieuTrucGi: "https://baomoi.net.vn/chieu-truc-sao-cao-bang-c31171686.epi",
  ocop2025:
    "https://dantri.com.vn/noi-vu/cao-bang-khoi-day-noi-luc-tu-ocop-nang-tam-gia-tri-nong-san-20251120165818565.htm",
  kolia: "https://thongtin.vietnam.vn/en/xay-dung-thuong-hieu-nong-san-chat-luong-cao",
  khauSli:
    "https://thuongmaibiengioimiennui.gov.vn/san-pham-vung-mien/2019/3/cao-bang-tap-trung-phat-trien-nong-san-the-manh-dia-phuong",
  phiaDen:
    "https://nongthon.vietnamtourism.gov.vn/cong-nhan-lang-nghe-truyen-thong-mien-dong-phia-den-xa-thanh-cong-nguyen-binh-cao-bang/",
  provinceTotals:
    "https://vietnamnews.vn/economy/1717811/cao-bang-province-showcases-its-products-in-hcm-city.html",
  scheme: "https://www.vietnam.vn/en/hop-nhat-quy-dinh-binh-chon-san-pham-cong-nghiep-nongt-thon-tieu-bieu",
  levels: "https://nongnghiep.vn/4-cap-binh-chon-san-pham-cong-nghiep-nong-thon-tieu-bieu-post130940.html",
  votes:
    "https://thanhtra.com.vn/kinh-te/thi-truong/110-san-pham-bo-san-pham-cong-nghiep-nong-thon-dat-giai-153860.html",
  scoring: "https://luatminhkhue.vn/mau-phieu-cham-diem-san-pham-cong-nghiep-nong-thon-tieu-bieu-.aspx",
  ocopQuality: "https://vietnamnet.vn/cao-bang-chu-trong-nang-cao-chat-luong-san-pham-ocop-2142160.html",
  ocop4Star: "https://nongsanviet.nongnghiep.vn/tinh-cao-bang-co-13-san-pham-ocop-4-sao-d379272.html",
  tradeFair2024:
    "https://kinhtedouong.vn/cao-bang-khai-mac-hoi-cho-xuc-tien-thuong-mai-san-pham-ocop-102872.html",
  productWeekHcm:
    "https://thitruong.thuonghieusanpham.vn/cao-bang-gioi-thieu-gan-80-nong-dac-san-tai-tphcm-79547.html",
  productWeekHn:
    "https://news.laodong.vn/du-lich/tin-tuc/thoa-suc-mua-sam-dac-san-cao-bang-ngay-tai-ha-noi-1631546.html",
  hoaAn: "https://nongthon.vietnamtourism.gov.vn/cao-bang-hoa-an-co-14-san-pham-ocop-cap-tinh",
  ocop3Star:
    "https://thuonghieusanpham.vn/cao-bang-tao-cho-dung-va-nang-cao-chat-luong-cho-san-pham-ocop-22455.html",
  minhTuan:
    "https://laocaionline.net/cao-bang-nang-tam-san-pham-ocop-thuc-day-kinh-te-vung-dong-bao-dtts-58100536.lco",
  nongVanSon: "https://m.tapchinongthonmoi.vn/ocop-gop-phan-phat-trien-kinh-te-nong-thon-26731.html",
  ocopShift: "https://vietnamnet.vn/cao-bang-ocop-tiep-suc-chuyen-dich-co-cau-kinh-te-nong-thon-2172875.html",
  koliaLines: "https://nongnghiep.vn/cao-bang-don-luc-ho-tro-phat-trien-cac-san-pham-ocop-d398531.html",
  koliaRound2020:
    "https://langngheviet.com.vn/cao-bang-huong-toi-su-khac-biet-cho-san-pham-ocop-dia-phuong-12402.html",
  thachDenLeThuy:
    "https://dantocmiennui.vn/cao-bang-no-luc-dua-thach-den-ra-thi-truong-ca-nuoc-post334964.html",
  doanLinh: "https://lite.baomoi.com/cao-bang-doi-thay-nho-ocop-c50771222.epi",
  trucMai:
    "https://caobangtourism.vn/vi/detailnews/?t=cao-bang-them-41-san-pham-dat-chung-nhan-ocop&id=news_1581",
  ocop68: "https://baomoi.com/them-68-san-pham-duoc-cong-nhan-ocop-c49199559.epi",
} as const;

/** The period of a figure whose source gives no date (the English pages say "date not given"). */
export const UNDATED = "không ghi thời điểm";
/** The period of the 97-product OCOP count, as its source gives it. */
const END_OF_2022 = "đến hết năm 2022";

type LegalType = "cooperative" | "company" | "private_enterprise" | "household_business" | "craft_village";

export interface SeedProducer {
  id: number;
  slug: string;
  name: string;
  legalType: LegalType;
  street?: string;
  commune?: string;
  district?: string;
  foundedYear?: number;
  representative?: string;
  /** Whether commune/street are as the source gave them before or after the 1 July 2025 reform; absent: unknown. */
  addressAsOf?: "before_2025_reform" | "after_2025_reform";
  descriptionVi: string;
  descriptionEn: string;
  sources: string[];
  provenance?: Provenance;
  fields?: Fields;
}

export interface SeedProduct {
  id: number;
  slug: string;
  producer: string;
  nameVi: string;
  nameEn: string;
  descriptionVi: string;
  descriptionEn: string;
  group: "handicraft" | "processed_food" | "machinery" | "other";
  categoryVi: string;
  categoryEn: string;
  packaging: {
    label: string;
    labelEn?: string;
    netWeightG: number | null;
    priceVnd: number | null;
    sample: boolean;
  }[];
  image: string;
  sources: string[];
  provenance?: Provenance;
  fields?: Fields;
  createdAt: string;
}

export interface SeedRecognition {
  id: number;
  product: string;
  scheme: "cnnt" | "ocop" | "geographical_indication" | "collective_mark";
  level?: "district" | "provincial" | "regional" | "national";
  stars?: number;
  year?: number;
  titleVi: string;
  titleEn: string;
  decisionNumber?: string;
  issuer?: string;
  sourceUrl: string;
  verified: boolean;
  provenance?: Provenance;
  fields?: Fields;
  noteVi?: string;
  noteEn?: string;
}

export interface SeedChannel {
  id: number;
  slug: string;
  name: string;
  kind: "supermarket_chain" | "trade_fair" | "export_market" | "online_store";
  website?: string;
  descriptionVi: string;
  descriptionEn: string;
  sources: string[];
  provenance?: Provenance;
  fields?: Fields;
}

export interface SeedListing {
  id: number;
  product: string;
  channel: string;
  status: "in_stock" | "out_of_stock" | "coming_soon" | "discontinued";
  priceVnd?: number;
  channelSku?: string;
  url?: string;
  stores: { name: string; city: string; province: string }[];
  note?: string;
  lastVerified?: string;
  sourceUrl: string;
  provenance: Provenance;
  fields?: Fields;
}

export interface SeedSupportProject {
  id: number;
  producer?: string;
  year?: number;
  fund: "national" | "local";
  amountVnd?: number;
  titleVi: string;
  titleEn: string;
  kind?: string;
  sourceUrl: string;
  provenance?: Provenance;
}

export interface SeedFigure {
  id: number;
  key: string;
  groupKey: string;
  labelVi: string;
  labelEn: string;
  value: number;
  unit: "projects" | "vnd" | "facilities" | "products";
  fund?: "national" | "local" | "total" | null;
  period: string;
  sourceUrl: string;
  /** The source's hedge on the value; absent when the source gives it as exact. */
  qualifier?: Qualifier;
}

export interface SeedKind {
  id: number;
  slug: string;
  nameVi: string;
  nameEn: string;
  /** Other names a shopper may search for it by (any language; folded for search). */
  aliases: string[];
  /** One of the five the programme article names as representative. */
  representative: boolean;
  /** What the sources say about the kind, statement by statement, each with its sources. */
  facts: { vi: string; en: string; sources: string[] }[];
  /** The product categories (category_vi) of this kind. */
  categories: string[];
}

const REPRESENTATIVE = {
  vi: "Bài viết về chương trình khuyến công Cao Bằng 2021–2025 nêu đây là một trong các sản phẩm tiêu biểu của tỉnh: miến dong, khẩu sli, chè giảo cổ lam, lạp sườn, trúc mỹ nghệ.",
  en: "The article on Cao Bằng's 2021–2025 industrial-extension programme names it among the province's representative products: miến dong, khẩu sli, chè giảo cổ lam (jiaogulan tea), lạp sườn, trúc mỹ nghệ (bamboo handicrafts).",
  sources: [SRC.programme],
};
const FAIR_2024 = (vi: string, en: string) => ({
  vi: `Có mặt tại hội chợ xúc tiến thương mại sản phẩm OCOP của Cao Bằng khai mạc ngày 1/11/2024 (${vi} trong các gian hàng của tỉnh).`,
  en: `Shown at Cao Bằng's OCOP trade fair opened on 1 November 2024 (${en} among the province's booths).`,
  sources: [SRC.tradeFair2024],
});
const SPECIALITY_2025 = (vi: string, en: string) => ({
  vi: `Được nêu trong các đặc sản của Cao Bằng (nguồn tháng 5/2025: ${vi}).`,
  en: `Named among Cao Bằng's specialities (a source of May 2025: ${en}).`,
  sources: [SRC.provinceTotals],
});

/**
 * Product kinds: the five the programme article calls representative, then the others the catalogue holds. Each
 * statement is one a source makes (FACTS.md); a kind no source describes further says only what its products are.
 */
export const kinds: SeedKind[] = [
  {
    id: 1,
    slug: "mien-dong",
    nameVi: "Miến dong",
    nameEn: "Canna-starch vermicelli (miến dong)",
    aliases: ["miến", "arrowroot vermicelli", "canna vermicelli", "vermicelli"],
    representative: true,
    facts: [
      REPRESENTATIVE,
      {
        vi: "Làng nghề truyền thống miến dong Phia Đén (xã Thành Công, Nguyên Bình) được công nhận theo Quyết định 1861/QĐ-UBND ngày 27/12/2023; sản lượng năm 2023 gần 200 tấn.",
        en: "The Phia Đén traditional miến dong craft village (xã Thành Công, Nguyên Bình) was recognized by decision 1861/QĐ-UBND of 27 December 2023; it made nearly 200 tonnes in 2023.",
        sources: [SRC.phiaDen],
      },
      {
        vi: "Năm 2023 khuyến công quốc gia hỗ trợ HTX nông nghiệp Cai Bộ ứng dụng máy móc thiết bị tiên tiến trong sản xuất miến dong.",
        en: "In 2023 the national industrial-extension fund supported HTX nông nghiệp Cai Bộ in applying advanced machinery to miến dong production.",
        sources: [SRC.programme],
      },
      FAIR_2024("miến dong", "miến dong"),
    ],
    categories: ["Miến dong"],
  },
  {
    id: 2,
    slug: "khau-sli",
    nameVi: "Khẩu sli",
    nameEn: "Khẩu sli (sticky-rice and peanut candy)",
    aliases: ["khau xli", "sticky-rice candy", "peanut candy"],
    representative: true,
    facts: [
      REPRESENTATIVE,
      {
        vi: "Khẩu sli Nà Giàng (Hà Quảng) có nhãn hiệu tập thể.",
        en: "Khẩu sli of Nà Giàng (Hà Quảng) holds a collective mark.",
        sources: [SRC.khauSli],
      },
    ],
    categories: ["Khẩu sli"],
  },
  {
    id: 3,
    slug: "che-giao-co-lam",
    nameVi: "Chè giảo cổ lam",
    nameEn: "Jiaogulan tea (chè giảo cổ lam)",
    aliases: ["trà giảo cổ lam", "giảo cổ lam", "jiaogulan", "jiaogulan tea", "gynostemma"],
    representative: true,
    facts: [
      REPRESENTATIVE,
      {
        vi: "“Trà Giảo Cổ Lam” được giới thiệu tại các tuần lễ sản phẩm Cao Bằng ở TP Hồ Chí Minh (15–18/5/2025) và ở Hà Nội.",
        en: "“Trà Giảo Cổ Lam” was shown at the Cao Bằng product weeks in Hồ Chí Minh City (15–18 May 2025) and in Hà Nội.",
        sources: [SRC.productWeekHcm, SRC.productWeekHn],
      },
    ],
    categories: ["Chè giảo cổ lam"],
  },
  {
    id: 4,
    slug: "lap-suon",
    nameVi: "Lạp sườn, thịt hun khói",
    nameEn: "Cured sausage and smoked meat (lạp sườn)",
    aliases: ["lạp sườn", "thịt hun khói", "thịt xông khói", "cured sausage", "smoked pork", "sausage"],
    representative: true,
    facts: [
      REPRESENTATIVE,
      {
        vi: "“Lạp sườn, thịt hun khói” của HTX Tâm Hòa là sản phẩm công nghiệp nông thôn tiêu biểu cấp quốc gia.",
        en: "The “lạp sườn, thịt hun khói” of HTX Tâm Hòa is a national-level outstanding rural-industry product.",
        sources: [SRC.nationalCnnt],
      },
      FAIR_2024("lạp sườn, thịt xông khói", "cured sausage and smoked meat"),
    ],
    categories: ["Lạp sườn, thịt hun khói", "Lạp sườn"],
  },
  {
    id: 5,
    slug: "truc-my-nghe",
    nameVi: "Trúc mỹ nghệ",
    nameEn: "Bamboo handicrafts (trúc mỹ nghệ)",
    aliases: ["chiếu trúc", "trúc sào", "bamboo", "bamboo mat", "bamboo mats"],
    representative: true,
    facts: [
      REPRESENTATIVE,
      {
        vi: "Chiếu trúc Cao Bằng được bảo hộ chỉ dẫn địa lý; tỉnh có hơn 3.500 ha trúc sào.",
        en: "Chiếu trúc Cao Bằng (bamboo mats) holds a geographical indication; the province has over 3,500 ha of trúc sào bamboo.",
        sources: [SRC.chieuTrucGi],
      },
      {
        vi: "“Chiếu trúc” của Công ty TNHH MTV 688 là sản phẩm công nghiệp nông thôn tiêu biểu cấp quốc gia.",
        en: "The “chiếu trúc” of Công ty TNHH MTV 688 is a national-level outstanding rural-industry product.",
        sources: [SRC.nationalCnnt],
      },
    ],
    categories: ["Chiếu trúc", "Trúc mỹ nghệ"],
  },
  {
    id: 6,
    slug: "tra",
    nameVi: "Trà",
    nameEn: "Tea",
    aliases: ["hồng trà", "lục trà", "trà ô long", "trà xanh", "oolong", "black tea", "green tea"],
    representative: false,
    facts: [
      SPECIALITY_2025("hồng trà, trà ô long", "hồng trà, trà ô long"),
      {
        vi: "Lục trà, Hồng trà và Trà ô long là ba dòng sản phẩm chính của Công ty TNHH Kolia (xã Thành Công, huyện Nguyên Bình), cả ba đạt OCOP 4 sao.",
        en: "Lục trà, Hồng trà and Trà ô long are the three main lines of Công ty TNHH Kolia (xã Thành Công, huyện Nguyên Bình), all three OCOP 4 stars.",
        sources: [SRC.koliaLines],
      },
    ],
    categories: ["Trà"],
  },
  {
    id: 7,
    slug: "mat-ong",
    nameVi: "Mật ong",
    nameEn: "Honey",
    aliases: ["honey"],
    representative: false,
    facts: [
      {
        vi: "Trong 14 sản phẩm OCOP cấp tỉnh của huyện Hòa An có mật ong rừng tự nhiên xã Hoàng Tung và mật ong hoa tự nhiên Bình Dương (3 sao).",
        en: "Hòa An district's 14 provincial OCOP products include mật ong rừng tự nhiên xã Hoàng Tung and mật ong hoa tự nhiên Bình Dương (3 stars).",
        sources: [SRC.hoaAn],
      },
    ],
    categories: ["Mật ong"],
  },
  {
    id: 8,
    slug: "thach-den",
    nameVi: "Thạch đen",
    nameEn: "Black grass jelly (thạch đen)",
    aliases: ["grass jelly", "black jelly"],
    representative: false,
    facts: [
      SPECIALITY_2025("thạch đen", "thạch đen, black grass jelly"),
      FAIR_2024("thạch đen", "black grass jelly"),
    ],
    categories: ["Thạch đen"],
  },
  {
    id: 9,
    slug: "bun-kho",
    nameVi: "Bún khô",
    nameEn: "Dried rice noodles (bún khô)",
    aliases: ["bún", "rice noodles", "noodles"],
    representative: false,
    facts: [FAIR_2024("bún khô", "dried rice noodles")],
    categories: ["Bún khô"],
  },
  {
    id: 10,
    slug: "ruou",
    nameVi: "Rượu ngô, rượu gạo",
    nameEn: "Corn and rice liquor",
    aliases: [
      "rượu",
      "rượu ngô",
      "rượu gạo",
      "liquor",
      "corn liquor",
      "rice liquor",
      "corn wine",
      "rice wine",
    ],
    representative: false,
    facts: [
      {
        vi: "Huyện Hòa An có ba sản phẩm OCOP 4 sao là rượu ngô Đại Hoàng: Rượu ngô Đại Hoàng Cao Bằng, Rượu ngô Đại Hoàng Long Phụng, Rượu ngô Đại Hoàng Tiên Tửu; cùng rượu gạo nhật Cao Bằng và rượu ngô Bình Long (3 sao).",
        en: "Hòa An district has three 4-star OCOP Đại Hoàng corn liquors — Rượu ngô Đại Hoàng Cao Bằng, Rượu ngô Đại Hoàng Long Phụng, Rượu ngô Đại Hoàng Tiên Tửu — and rượu gạo nhật Cao Bằng and rượu ngô Bình Long (3 stars).",
        sources: [SRC.hoaAn],
      },
    ],
    categories: ["Rượu ngô", "Rượu gạo"],
  },
  {
    id: 11,
    slug: "nam-huong",
    nameVi: "Nấm hương",
    nameEn: "Shiitake (nấm hương)",
    aliases: ["shiitake", "mushroom", "mushrooms", "nấm"],
    representative: false,
    facts: [
      SPECIALITY_2025("nấm hương", "nấm hương, shiitake"),
      FAIR_2024("nấm hương", "shiitake"),
      {
        vi: "HTX nông nghiệp Yên Công được khuyến công địa phương hỗ trợ kho lạnh bảo quản nấm hương, khoảng 50 tấn/năm.",
        en: "Local industrial extension funded a shiitake cold store of HTX nông nghiệp Yên Công, about 50 tonnes a year.",
        sources: [SRC.smallProjects],
      },
    ],
    categories: ["Nấm hương"],
  },
  {
    id: 12,
    slug: "gao",
    nameVi: "Gạo, gạo nếp",
    nameEn: "Rice and glutinous rice",
    aliases: ["gạo nếp", "nếp", "rice", "glutinous rice", "sticky rice", "khẩu nua phjẩng"],
    representative: false,
    facts: [
      SPECIALITY_2025(
        "gạo nếp ong Trùng Khánh — khẩu nua phjẩng",
        "gạo nếp ong Trùng Khánh — khẩu nua phjẩng",
      ),
      FAIR_2024("gạo nếp", "glutinous rice"),
    ],
    categories: ["Gạo nếp", "Gạo"],
  },
  {
    id: 13,
    slug: "dao-ren",
    nameVi: "Dao rèn, nông cụ rèn",
    nameEn: "Forged knives and tools",
    aliases: ["dao", "nông cụ", "rèn", "knife", "knives", "forged tools", "Phúc Sen"],
    representative: false,
    facts: [
      SPECIALITY_2025("nông cụ làng rèn Phúc Sen", "the forged tools of the Phúc Sen smithing village"),
      {
        vi: "Dao Minh Tuấn của HTX Minh Tuấn (Phúc Sen, Quảng Hòa) là sản phẩm OCOP.",
        en: "Dao Minh Tuấn, knives of HTX Minh Tuấn (Phúc Sen, Quảng Hòa), is an OCOP product.",
        sources: [SRC.ocop3Star, SRC.minhTuan],
      },
      {
        vi: "Một sản phẩm dao rèn của hộ Nông Văn Sơn (xã Phúc Sen) đạt OCOP từ năm 2021; nguồn không nêu tên sản phẩm.",
        en: "A forged knife of the household of Nông Văn Sơn (xã Phúc Sen) has been OCOP since 2021; the source does not name the product.",
        sources: [SRC.nongVanSon],
      },
    ],
    categories: ["Nông cụ rèn", "Dao rèn"],
  },
  {
    id: 14,
    slug: "duong-phen",
    nameVi: "Đường phên",
    nameEn: "Cane sugar slabs (đường phên)",
    aliases: ["sugar", "cane sugar", "đường"],
    representative: false,
    facts: [
      {
        vi: "Đường phên Bó Tờ của HTX Sản xuất đường phên, chế biến rượu mía Bó Tờ (Quảng Hòa) nằm trong các sản phẩm được đánh giá từ 3 sao trở lên.",
        en: "Đường phên Bó Tờ of HTX Sản xuất đường phên, chế biến rượu mía Bó Tờ (Quảng Hòa) is among the products rated 3 stars or more.",
        sources: [SRC.ocop3Star],
      },
    ],
    categories: ["Đường phên"],
  },
  {
    id: 15,
    slug: "nho",
    nameVi: "Nho",
    nameEn: "Grapes",
    aliases: ["nho hạ đen", "grape", "grapes"],
    representative: false,
    facts: [
      {
        vi: "Nho hạ đen Cao Bằng được nêu trong các sản phẩm OCOP tiêu biểu của tỉnh (5/2025).",
        en: "Nho hạ đen Cao Bằng is named among the province's outstanding OCOP products (May 2025).",
        sources: [SRC.ocop4Star],
      },
    ],
    categories: ["Nho"],
  },
  {
    id: 16,
    slug: "com-chay",
    nameVi: "Cơm cháy",
    nameEn: "Crispy rice (cơm cháy)",
    aliases: ["crispy rice", "rice crackers"],
    representative: false,
    facts: [
      {
        vi: "Cơm cháy Huy Hoàng là một trong 14 sản phẩm OCOP cấp tỉnh của huyện Hòa An (3 sao).",
        en: "Cơm cháy Huy Hoàng is one of Hòa An district's 14 provincial OCOP products (3 stars).",
        sources: [SRC.hoaAn],
      },
    ],
    categories: ["Cơm cháy"],
  },
  {
    id: 17,
    slug: "banh-khao",
    nameVi: "Bánh khảo",
    nameEn: "Bánh khảo (rice-flour cake)",
    aliases: ["bánh", "rice-flour cake", "cake"],
    representative: false,
    facts: [SPECIALITY_2025("bánh khảo", "bánh khảo"), FAIR_2024("bánh khảo", "bánh khảo")],
    categories: ["Bánh truyền thống", "Bánh khảo"],
  },
];

const SAMPLE_NOTE_VI = "Hồ sơ minh họa (mẫu): tên cơ sở, địa chỉ và mô tả không phải dữ liệu đã xác minh.";
const SAMPLE_NOTE_EN =
  "Illustrative (sample) profile: the name, address and description are not verified data.";

export const producers: SeedProducer[] = [
  {
    id: 1,
    slug: "htx-tam-hoa",
    name: "HTX Tâm Hòa",
    legalType: "cooperative",
    street: "124 Vườn Cam",
    commune: "Phường Hợp Giang",
    district: "Thành phố Cao Bằng",
    addressAsOf: "before_2025_reform",
    foundedYear: 2012,
    representative: "Nguyễn Thanh Tâm (giám đốc)",
    descriptionVi:
      "Thương hiệu “Lạp sườn Tâm Hòa” có từ năm 2007; hợp tác xã thành lập tháng 6/2012 với 12 thành viên và 1 tỷ đồng vốn. Lạp sườn tẩm các gia vị núi rừng mác khén, mác mật, khinh phja. Mở rộng phân phối qua các chuỗi siêu thị nhờ khuyến công.",
    descriptionEn:
      "The “Lạp sườn Tâm Hòa” brand dates from 2007; the cooperative was founded in June 2012 with 12 members and 1 billion VND of capital. Its sausages are seasoned with mountain spices: mác khén, mác mật and khinh phja. It widened distribution through supermarket chains with industrial-extension support.",
    sources: [SRC.tamHoa, SRC.tamHoaTv, SRC.programme],
  },
  {
    id: 2,
    slug: "cong-ty-tnhh-mtv-688",
    name: "Công ty TNHH MTV 688",
    legalType: "company",
    district: "Nguyên Bình",
    foundedYear: 2013,
    representative: "Nguyễn Quang Quyền (giám đốc)",
    descriptionVi:
      "Xây dựng xưởng sản xuất chiếu trúc từ năm 2013, nâng cao giá trị cây trúc sào Cao Bằng (hơn 3.500 ha trúc sào trong tỉnh).",
    descriptionEn:
      "Built a bamboo-mat (chiếu trúc) plant from 2013, adding value to Cao Bằng's trúc sào bamboo (over 3,500 ha in the province).",
    sources: [SRC.truc688, SRC.chieuTrucGi, SRC.nationalCnnt],
    // The source places the plant in the Nguyên Bình area only by inference, and dates the plant, not the company.
    fields: { district: "inferred", founded_year: "inferred" },
  },
  {
    id: 3,
    slug: "htx-tan-viet-a",
    name: "HTX Tân Việt Á",
    legalType: "cooperative",
    commune: "Xã Minh Tâm",
    district: "Nguyên Bình",
    descriptionVi:
      "Sản xuất miến dong, thương hiệu từ năm 2017. Miến dong đạt OCOP 3 sao năm 2020 và 4 sao năm 2023; lô hàng đầu tiên 4 tấn xuất khẩu sang Hoa Kỳ đầu năm 2025. Mở rộng phân phối qua chuỗi siêu thị.",
    descriptionEn:
      "Makes canna-starch vermicelli (miến dong) under a brand started in 2017: OCOP 3 stars in 2020 and 4 stars in 2023; its first 4 tonnes were exported to the USA in early 2025. Distribution widened through supermarket chains.",
    // The brand's start (2017) is stated by the thongtin page (SRC.kolia), the ratings and export by dantri.
    sources: [SRC.ocop2025, SRC.kolia, SRC.programme],
  },
  {
    id: 4,
    slug: "cong-ty-tnhh-bun-cao-tuyen",
    name: "Công ty TNHH Bún Cao Tuyền",
    legalType: "company",
    descriptionVi:
      "Sản xuất bún khô truyền thống. Được hỗ trợ 200 triệu đồng từ khuyến công địa phương để đầu tư máy ép bún; người lao động có thu nhập 5–6 triệu đồng/tháng. Mở rộng phân phối qua chuỗi siêu thị.",
    descriptionEn:
      "Makes traditional dried rice noodles (bún khô). Received 200 million VND of local industrial-extension support for a noodle press; workers earn 5–6 million VND a month. Distribution widened through supermarket chains.",
    sources: [SRC.smallProjects, SRC.programme],
  },
  {
    id: 5,
    slug: "htx-nong-nghiep-yen-cong",
    name: "HTX nông nghiệp Yên Công",
    legalType: "cooperative",
    commune: "Phường Thục Phán",
    district: "Thành phố Cao Bằng",
    // Phường Thục Phán is a ward of the post-reform map (the source is from after July 2025).
    addressAsOf: "after_2025_reform",
    descriptionVi:
      "Được hỗ trợ từ khuyến công địa phương xây kho lạnh bảo quản nấm hương, công suất khoảng 50 tấn/năm.",
    descriptionEn:
      "Local industrial-extension support funded a cold store for shiitake, about 50 tonnes a year.",
    sources: [SRC.smallProjects],
  },
  {
    id: 6,
    slug: "htx-nong-nghiep-cai-bo",
    name: "HTX nông nghiệp Cai Bộ",
    legalType: "cooperative",
    district: "Quảng Hòa",
    descriptionVi:
      "Sản xuất miến dong. Năm 2023 được hỗ trợ từ khuyến công quốc gia đề án “Hỗ trợ ứng dụng máy móc thiết bị tiên tiến trong sản xuất miến dong”.",
    descriptionEn:
      "Makes canna-starch vermicelli. In 2023 the national industrial-extension fund supported its project “Applying advanced machinery in miến dong production”.",
    sources: [SRC.programme],
    // Cai Bộ is a commune name of Quảng Hòa; the source does not give the cooperative's address.
    fields: { district: "inferred" },
  },
  {
    id: 7,
    slug: "dntn-668-bao-lam",
    name: "DNTN 668 Bảo Lâm",
    legalType: "private_enterprise",
    district: "Bảo Lâm",
    descriptionVi: "Sản xuất gạo nếp hương Bảo Lạc, đạt OCOP 3 sao năm 2020.",
    descriptionEn: "Produces Bảo Lạc fragrant glutinous rice, rated OCOP 3 stars in 2020.",
    sources: [SRC.ocop2025],
    // Read from the enterprise's name; the source gives no address.
    fields: { district: "inferred" },
  },
  {
    id: 8,
    slug: "cong-ty-tnhh-kolia-cao-bang",
    name: "Công ty TNHH Kolia Cao Bằng",
    legalType: "company",
    commune: "Xã Thành Công",
    district: "Nguyên Bình",
    foundedYear: 2013,
    addressAsOf: "before_2025_reform",
    descriptionVi:
      "Ba dòng sản phẩm chính là Lục trà, Hồng trà và Trà ô long, đều đạt OCOP 4 sao (bài viết ngày 6/9/2024); Hồng trà và Lục trà đạt OCOP 3 sao ở kỳ đánh giá năm 2020 của tỉnh. Một nguồn tiếng Anh nêu thêm hai loại trà OCOP 4 sao viết là “Danh Tra” và “Dinh Tra” (dấu tiếng Việt ở đây là suy luận). Có mặt trên thị trường từ năm 2013, xuất khẩu từ năm 2019; từ năm 2024 xuất hơn 1 tấn sang Trung Quốc.",
    descriptionEn:
      "Its three main lines, Lục trà, Hồng trà and Trà ô long, are all OCOP 4 stars (an article of 6 September 2024); Hồng trà and Lục trà were rated OCOP 3 stars in the province's 2020 round. An English-language source names two more 4-star OCOP teas written “Danh Tra” and “Dinh Tra” (the Vietnamese diacritics here are inferred). On the market since 2013 and exporting since 2019; over 1 tonne to China from 2024.",
    sources: [SRC.koliaLines, SRC.koliaRound2020, SRC.kolia],
    // The source says "on the market since 2013", not when the company was founded.
    fields: { founded_year: "inferred" },
  },
  {
    id: 9,
    slug: "htx-khau-sli-na-giang",
    name: "HTX Khẩu Sli TMDV Nà Giàng",
    legalType: "cooperative",
    street: "Nà Giàng",
    commune: "Xã Phù Ngọc",
    district: "Hà Quảng",
    addressAsOf: "before_2025_reform",
    descriptionVi: "Hợp tác xã sản xuất khẩu sli (kẹo gạo nếp và lạc).",
    descriptionEn: "A cooperative making khẩu sli (sticky-rice and peanut candy).",
    sources: [SRC.khauSli],
  },
  {
    id: 10,
    slug: "lang-nghe-mien-dong-phia-den",
    name: "Làng nghề miến dong Phia Đén",
    legalType: "craft_village",
    street: "Phia Đén",
    commune: "Xã Thành Công",
    district: "Nguyên Bình",
    addressAsOf: "before_2025_reform",
    descriptionVi:
      "Làng nghề truyền thống miến dong được công nhận theo Quyết định 1861/QĐ-UBND ngày 27/12/2023; sản lượng gần 200 tấn năm 2023.",
    descriptionEn:
      "A traditional miến dong craft village, recognized by decision 1861/QĐ-UBND of 27 December 2023; nearly 200 tonnes in 2023.",
    sources: [SRC.phiaDen],
  },
  {
    id: 13,
    slug: "co-so-banh-khao-mau",
    name: "Cơ sở bánh khảo Quảng Hòa (hồ sơ mẫu)",
    legalType: "household_business",
    district: "Quảng Hòa",
    descriptionVi: `Bánh khảo làm từ bột gạo nếp rang và đường phên. ${SAMPLE_NOTE_VI}`,
    descriptionEn: `Bánh khảo made from roasted glutinous-rice flour and cane sugar. ${SAMPLE_NOTE_EN}`,
    sources: [SRC.provinceTotals],
    provenance: "illustrative",
  },
];

const pack = (label: string, labelEn: string, netWeightG: number | null, priceVnd: number | null) => ({
  label,
  labelEn,
  netWeightG,
  priceVnd,
  sample: true,
});

export const products: SeedProduct[] = [
  {
    id: 1,
    slug: "lap-suon-thit-hun-khoi-tam-hoa",
    producer: "htx-tam-hoa",
    nameVi: "Lạp sườn, thịt hun khói Tâm Hòa",
    nameEn: "Tâm Hòa cured sausage and smoked pork",
    descriptionVi:
      "Lạp sườn và thịt hun khói của HTX Tâm Hòa (thương hiệu “Lạp sườn Tâm Hòa” từ năm 2007), tẩm các gia vị mác khén, mác mật, khinh phja. Sản phẩm công nghiệp nông thôn tiêu biểu cấp quốc gia.",
    descriptionEn:
      "Cured sausage and smoked meat of HTX Tâm Hòa (the “Lạp sườn Tâm Hòa” brand dates from 2007), seasoned with the spices mác khén, mác mật and khinh phja. A national-level outstanding rural-industry product.",
    group: "processed_food",
    categoryVi: "Lạp sườn, thịt hun khói",
    categoryEn: "Cured and smoked meat",
    packaging: [
      pack("Túi hút chân không 500 g", "Vacuum pack 500 g", 500, 180000),
      pack("Hộp quà 1 kg", "Gift box 1 kg", 1000, 380000),
    ],
    image: "/img/products/lap-suon.svg",
    sources: [SRC.nationalCnnt, SRC.tamHoa],
    fields: { packaging: "illustrative" },
    createdAt: "2026-01-05T00:00:00.000Z",
  },
  {
    id: 2,
    slug: "chieu-truc-688",
    producer: "cong-ty-tnhh-mtv-688",
    nameVi: "Chiếu trúc của Công ty TNHH MTV 688",
    nameEn: "Bamboo mats of Công ty TNHH MTV 688",
    descriptionVi:
      "Chiếu trúc của Công ty TNHH MTV 688, làm từ cây trúc sào Cao Bằng. Sản phẩm công nghiệp nông thôn tiêu biểu cấp quốc gia. Tên sản phẩm ghi theo loại sản phẩm và cơ sở; nguồn không nêu tên thương hiệu.",
    descriptionEn:
      "Bamboo mats (chiếu trúc) of Công ty TNHH MTV 688, made from Cao Bằng's trúc sào bamboo. A national-level outstanding rural-industry product. The name is the kind of product and its maker; no source gives a brand name.",
    group: "handicraft",
    categoryVi: "Chiếu trúc",
    categoryEn: "Bamboo mats",
    packaging: [
      pack("Chiếu 1,6 × 2 m", "Mat 1.6 × 2 m", null, 1200000),
      pack("Chiếu 1,8 × 2 m", "Mat 1.8 × 2 m", null, 1400000),
    ],
    image: "/img/products/chieu-truc.svg",
    sources: [SRC.nationalCnnt, SRC.truc688, SRC.chieuTrucGi],
    fields: { packaging: "illustrative" },
    createdAt: "2026-01-05T00:00:01.000Z",
  },
  {
    id: 3,
    slug: "mien-dong-tan-viet-a",
    producer: "htx-tan-viet-a",
    nameVi: "Miến dong Tân Việt Á",
    nameEn: "Tân Việt Á canna-starch vermicelli",
    descriptionVi:
      "Miến dong của HTX Tân Việt Á, thương hiệu từ năm 2017. OCOP 3 sao năm 2020, 4 sao năm 2023; lô hàng đầu tiên 4 tấn xuất khẩu sang Hoa Kỳ đầu năm 2025.",
    descriptionEn:
      "Canna-starch vermicelli (miến dong) of HTX Tân Việt Á, a brand started in 2017. OCOP 3 stars in 2020, 4 stars in 2023; its first 4 tonnes were exported to the USA in early 2025.",
    group: "processed_food",
    categoryVi: "Miến dong",
    categoryEn: "Canna-starch vermicelli",
    packaging: [pack("Gói 300 g", "Pack 300 g", 300, 45000), pack("Gói 500 g", "Pack 500 g", 500, 70000)],
    image: "/img/products/mien-dong.svg",
    sources: [SRC.ocop2025, SRC.kolia],
    fields: { packaging: "illustrative" },
    createdAt: "2026-01-05T00:00:02.000Z",
  },
  {
    id: 4,
    slug: "bun-kho-cao-tuyen",
    producer: "cong-ty-tnhh-bun-cao-tuyen",
    nameVi: "Bún khô của Công ty TNHH Bún Cao Tuyền",
    nameEn: "Dried rice noodles of Công ty TNHH Bún Cao Tuyền",
    descriptionVi:
      "Bún khô làm theo cách truyền thống, ép bằng máy ép bún được hỗ trợ từ khuyến công địa phương. Tên sản phẩm ghi theo loại sản phẩm và cơ sở; nguồn không nêu tên thương hiệu.",
    descriptionEn:
      "Traditional dried rice noodles, pressed on a machine funded by local industrial extension. The name is the kind of product and its maker; no source gives a brand name.",
    group: "processed_food",
    categoryVi: "Bún khô",
    categoryEn: "Dried rice noodles",
    packaging: [pack("Gói 500 g", "Pack 500 g", 500, 35000)],
    image: "/img/products/bun.svg",
    sources: [SRC.smallProjects, SRC.programme],
    fields: { packaging: "illustrative" },
    createdAt: "2026-01-05T00:00:03.000Z",
  },
  {
    id: 5,
    slug: "nam-huong-yen-cong",
    producer: "htx-nong-nghiep-yen-cong",
    nameVi: "Nấm hương của HTX nông nghiệp Yên Công",
    nameEn: "Shiitake of HTX nông nghiệp Yên Công",
    descriptionVi:
      "Nấm hương của HTX nông nghiệp Yên Công, bảo quản trong kho lạnh (khoảng 50 tấn/năm) được hỗ trợ từ khuyến công địa phương. Tên sản phẩm ghi theo loại sản phẩm và cơ sở; nguồn không nêu tên thương hiệu.",
    descriptionEn:
      "Shiitake of HTX nông nghiệp Yên Công, kept in a cold store (about 50 tonnes a year) funded by local industrial extension. The name is the kind of product and its maker; no source gives a brand name.",
    group: "processed_food",
    categoryVi: "Nấm hương",
    categoryEn: "Shiitake",
    packaging: [pack("Túi 200 g", "Bag 200 g", 200, 90000)],
    image: "/img/products/nam-huong.svg",
    sources: [SRC.smallProjects],
    fields: { packaging: "illustrative" },
    createdAt: "2026-01-05T00:00:04.000Z",
  },
  {
    id: 6,
    slug: "mien-dong-cai-bo",
    producer: "htx-nong-nghiep-cai-bo",
    nameVi: "Miến dong của HTX nông nghiệp Cai Bộ",
    nameEn: "Canna-starch vermicelli of HTX nông nghiệp Cai Bộ",
    descriptionVi:
      "Miến dong của HTX nông nghiệp Cai Bộ; năm 2023 hợp tác xã được khuyến công quốc gia hỗ trợ ứng dụng máy móc thiết bị tiên tiến trong sản xuất miến dong. Tên sản phẩm ghi theo loại sản phẩm và cơ sở; nguồn không nêu tên thương hiệu.",
    descriptionEn:
      "Canna-starch vermicelli of HTX nông nghiệp Cai Bộ; in 2023 the national industrial-extension fund supported the cooperative in applying advanced machinery to its miến dong production. The name is the kind of product and its maker; no source gives a brand name.",
    group: "processed_food",
    categoryVi: "Miến dong",
    categoryEn: "Canna-starch vermicelli",
    packaging: [pack("Gói 500 g", "Pack 500 g", 500, 65000)],
    image: "/img/products/mien-dong.svg",
    sources: [SRC.programme],
    fields: { packaging: "illustrative" },
    createdAt: "2026-01-05T00:00:05.000Z",
  },
  {
    id: 7,
    slug: "nep-huong-bao-lac",
    producer: "dntn-668-bao-lam",
    nameVi: "Gạo nếp hương Bảo Lạc",
    nameEn: "Bảo Lạc fragrant glutinous rice",
    descriptionVi: "Gạo nếp hương Bảo Lạc của DNTN 668 Bảo Lâm, OCOP 3 sao năm 2020.",
    descriptionEn: "Bảo Lạc fragrant glutinous rice of DNTN 668 Bảo Lâm, rated OCOP 3 stars in 2020.",
    group: "processed_food",
    categoryVi: "Gạo nếp",
    categoryEn: "Glutinous rice",
    packaging: [pack("Túi 2 kg", "Bag 2 kg", 2000, 80000), pack("Túi 5 kg", "Bag 5 kg", 5000, 190000)],
    image: "/img/products/gao-nep.svg",
    sources: [SRC.ocop2025],
    fields: { packaging: "illustrative" },
    createdAt: "2026-01-05T00:00:06.000Z",
  },
  {
    id: 8,
    slug: "danh-tra-kolia",
    producer: "cong-ty-tnhh-kolia-cao-bang",
    nameVi: "Danh Trà",
    nameEn: "Danh Trà tea",
    descriptionVi:
      "Trà của Công ty TNHH Kolia Cao Bằng, OCOP 4 sao. Nguồn tiếng Anh viết “Danh Tra”; dấu tiếng Việt của tên là suy luận.",
    descriptionEn:
      "A tea of Kolia Cao Bằng Co., Ltd, OCOP 4 stars. The English-language source writes “Danh Tra”; the Vietnamese diacritics of the name are inferred.",
    group: "processed_food",
    categoryVi: "Trà",
    categoryEn: "Tea",
    packaging: [pack("Hộp 100 g", "Box 100 g", 100, 150000)],
    image: "/img/products/tra.svg",
    sources: [SRC.kolia],
    fields: { packaging: "illustrative" },
    createdAt: "2026-01-05T00:00:07.000Z",
  },
  {
    id: 9,
    slug: "dinh-tra-kolia",
    producer: "cong-ty-tnhh-kolia-cao-bang",
    nameVi: "Đinh Trà",
    nameEn: "Đinh Trà tea",
    descriptionVi:
      "Trà của Công ty TNHH Kolia Cao Bằng, OCOP 4 sao. Nguồn tiếng Anh viết “Dinh Tra”; dấu tiếng Việt của tên là suy luận.",
    descriptionEn:
      "A tea of Kolia Cao Bằng Co., Ltd, OCOP 4 stars. The English-language source writes “Dinh Tra”; the Vietnamese diacritics of the name are inferred.",
    group: "processed_food",
    categoryVi: "Trà",
    categoryEn: "Tea",
    packaging: [pack("Hộp 100 g", "Box 100 g", 100, 180000)],
    image: "/img/products/tra.svg",
    sources: [SRC.kolia],
    fields: { packaging: "illustrative" },
    createdAt: "2026-01-05T00:00:08.000Z",
  },
  {
    id: 10,
    slug: "khau-sli-na-giang",
    producer: "htx-khau-sli-na-giang",
    nameVi: "Khẩu sli Nà Giàng",
    nameEn: "Nà Giàng khẩu sli (sticky-rice and peanut candy)",
    descriptionVi: "Khẩu sli (kẹo gạo nếp và lạc) của HTX Khẩu Sli TMDV Nà Giàng.",
    descriptionEn: "Khẩu sli (sticky-rice and peanut candy) of HTX Khẩu Sli TMDV Nà Giàng.",
    group: "processed_food",
    categoryVi: "Khẩu sli",
    categoryEn: "Sticky-rice candy",
    packaging: [pack("Hộp 300 g", "Box 300 g", 300, 50000)],
    image: "/img/products/khau-sli.svg",
    sources: [SRC.khauSli, SRC.programme],
    fields: { packaging: "illustrative" },
    createdAt: "2026-01-05T00:00:09.000Z",
  },
  {
    id: 11,
    slug: "mien-dong-phia-den",
    producer: "lang-nghe-mien-dong-phia-den",
    nameVi: "Miến dong Phia Đén",
    nameEn: "Phia Đén canna-starch vermicelli",
    descriptionVi:
      "Miến dong của làng nghề truyền thống Phia Đén (công nhận năm 2023); sản lượng gần 200 tấn năm 2023.",
    descriptionEn:
      "Canna-starch vermicelli of the Phia Đén traditional craft village (recognized in 2023); nearly 200 tonnes in 2023.",
    group: "processed_food",
    categoryVi: "Miến dong",
    categoryEn: "Canna-starch vermicelli",
    packaging: [pack("Gói 500 g", "Pack 500 g", 500, 60000), pack("Bó 1 kg", "Bundle 1 kg", 1000, 110000)],
    image: "/img/products/mien-dong.svg",
    sources: [SRC.phiaDen],
    fields: { packaging: "illustrative" },
    createdAt: "2026-01-05T00:00:10.000Z",
  },
  {
    id: 14,
    slug: "banh-khao-quang-hoa",
    producer: "co-so-banh-khao-mau",
    nameVi: "Bánh khảo Quảng Hòa",
    nameEn: "Quảng Hòa bánh khảo (rice-flour cake)",
    descriptionVi: "Bánh khảo nhân đường, thơm mùi gạo nếp rang, dùng trong dịp Tết của người Tày.",
    descriptionEn: "Sugar-filled cakes of roasted glutinous-rice flour, made for the Tày New Year.",
    group: "processed_food",
    categoryVi: "Bánh truyền thống",
    categoryEn: "Traditional cakes",
    packaging: [pack("Hộp 400 g", "Box 400 g", 400, 60000)],
    image: "/img/products/banh.svg",
    sources: [SRC.provinceTotals],
    provenance: "illustrative",
    createdAt: "2026-01-05T00:00:13.000Z",
  },
];

const NATIONAL_NOTE_VI =
  "Cấp quốc gia theo nguồn; năm và số quyết định là suy luận (có thể là kỳ bình chọn 2021, QĐ 1997/QĐ-BCT ngày 23/8/2021).";
const NATIONAL_NOTE_EN =
  "National level as the source states; the year and decision are inferred (probably the 2021 vote, decision 1997/QĐ-BCT of 23 August 2021).";
const ISSUER_PRE_2023_VI = `Cơ quan công nhận là suy luận: trước năm 2023, sản phẩm OCOP do UBND tỉnh công nhận (từ 2023, sản phẩm 3 sao do UBND cấp huyện công nhận). Nguồn: ${SRC.ocop68}`;
const ISSUER_PRE_2023_EN = `The issuer is inferred: before 2023 OCOP products were certified by the province (from 2023 the district certifies 3-star products). Source: ${SRC.ocop68}`;
const ISSUER_4_STARS_VI = `Cơ quan công nhận là suy luận: sản phẩm 4 sao do UBND tỉnh công nhận. Nguồn: ${SRC.ocop68}`;
const ISSUER_4_STARS_EN = `The issuer is inferred: 4-star products are certified by the province. Source: ${SRC.ocop68}`;
const SAMPLE_REC_VI = "Công nhận minh họa (mẫu) cho hồ sơ mẫu — không phải quyết định thật.";
const SAMPLE_REC_EN = "Illustrative (sample) recognition of a sample profile — not a real decision.";

export const recognitions: SeedRecognition[] = [
  {
    id: 1,
    product: "lap-suon-thit-hun-khoi-tam-hoa",
    scheme: "cnnt",
    level: "national",
    year: 2021,
    titleVi: "Sản phẩm công nghiệp nông thôn tiêu biểu cấp quốc gia",
    titleEn: "National-level outstanding rural-industry product",
    issuer: "Bộ Công Thương",
    sourceUrl: SRC.nationalCnnt,
    verified: true,
    // The source gives the level; the vote's year and its issuer are inferred (NATIONAL_NOTE).
    fields: { year: "inferred", issuer: "inferred" },
    noteVi: NATIONAL_NOTE_VI,
    noteEn: NATIONAL_NOTE_EN,
  },
  {
    id: 2,
    product: "chieu-truc-688",
    scheme: "cnnt",
    level: "national",
    year: 2021,
    titleVi: "Sản phẩm công nghiệp nông thôn tiêu biểu cấp quốc gia",
    titleEn: "National-level outstanding rural-industry product",
    issuer: "Bộ Công Thương",
    sourceUrl: SRC.nationalCnnt,
    verified: true,
    // The source gives the level; the vote's year and its issuer are inferred (NATIONAL_NOTE).
    fields: { year: "inferred", issuer: "inferred" },
    noteVi: NATIONAL_NOTE_VI,
    noteEn: NATIONAL_NOTE_EN,
  },
  {
    id: 3,
    product: "chieu-truc-688",
    scheme: "geographical_indication",
    titleVi: "Chỉ dẫn địa lý “Chiếu trúc Cao Bằng”",
    titleEn: "Geographical indication “Chiếu trúc Cao Bằng”",
    sourceUrl: SRC.chieuTrucGi,
    verified: false,
    // The indication is sourced; that this producer may use it is not.
    provenance: "inferred",
    noteVi:
      "Chiếu trúc Cao Bằng được bảo hộ chỉ dẫn địa lý; việc cơ sở này được cấp quyền sử dụng chưa được xác minh.",
    noteEn:
      "Chiếu trúc Cao Bằng holds a geographical indication; whether this producer is licensed to use it is not verified.",
  },
  {
    id: 4,
    product: "mien-dong-tan-viet-a",
    scheme: "ocop",
    stars: 3,
    year: 2020,
    titleVi: "OCOP 3 sao",
    titleEn: "OCOP 3 stars",
    issuer: "UBND tỉnh Cao Bằng",
    sourceUrl: SRC.ocop2025,
    verified: true,
    // The source gives stars and year; the issuer follows from who certified OCOP products then (SRC.ocop68).
    fields: { issuer: "inferred" },
    noteVi: ISSUER_PRE_2023_VI,
    noteEn: ISSUER_PRE_2023_EN,
  },
  {
    id: 5,
    product: "mien-dong-tan-viet-a",
    scheme: "ocop",
    stars: 4,
    year: 2023,
    titleVi: "OCOP 4 sao",
    titleEn: "OCOP 4 stars",
    issuer: "UBND tỉnh Cao Bằng",
    sourceUrl: SRC.ocop2025,
    verified: true,
    // The source gives stars and year; the issuer follows from who certifies 4-star products (SRC.ocop68).
    fields: { issuer: "inferred" },
    noteVi: ISSUER_4_STARS_VI,
    noteEn: ISSUER_4_STARS_EN,
  },
  {
    id: 6,
    product: "nep-huong-bao-lac",
    scheme: "ocop",
    stars: 3,
    year: 2020,
    titleVi: "OCOP 3 sao",
    titleEn: "OCOP 3 stars",
    issuer: "UBND tỉnh Cao Bằng",
    sourceUrl: SRC.ocop2025,
    verified: true,
    // The source gives stars and year; the issuer follows from who certified OCOP products then (SRC.ocop68).
    fields: { issuer: "inferred" },
    noteVi: ISSUER_PRE_2023_VI,
    noteEn: ISSUER_PRE_2023_EN,
  },
  {
    // Lạp sườn of HTX Tâm Hòa: OCOP 4 stars in a caption of a 2023 article, which gives no year for the rating.
    id: 15,
    product: "lap-suon-thit-hun-khoi-tam-hoa",
    scheme: "ocop",
    stars: 4,
    titleVi: "OCOP 4 sao",
    titleEn: "OCOP 4 stars",
    issuer: "UBND tỉnh Cao Bằng",
    sourceUrl: SRC.ocop68,
    verified: true,
    fields: { issuer: "inferred" },
    noteVi: `Chú thích ảnh trong một bài năm 2023 ghi lạp sườn của Hợp tác xã Tâm Hòa đạt OCOP 4 sao, không nêu năm công nhận. ${ISSUER_4_STARS_VI}`,
    noteEn: `A photo caption in a 2023 article gives the lạp sườn of Hợp tác xã Tâm Hòa as OCOP 4 stars, without the year. ${ISSUER_4_STARS_EN}`,
  },
  {
    id: 7,
    product: "danh-tra-kolia",
    scheme: "ocop",
    stars: 4,
    titleVi: "OCOP 4 sao",
    titleEn: "OCOP 4 stars",
    sourceUrl: SRC.kolia,
    verified: true,
  },
  {
    id: 8,
    product: "dinh-tra-kolia",
    scheme: "ocop",
    stars: 4,
    titleVi: "OCOP 4 sao",
    titleEn: "OCOP 4 stars",
    sourceUrl: SRC.kolia,
    verified: true,
  },
  ...(
    [
      // Kept to show the regional and provincial tiers, which no real catalogued product holds yet (the province
      // reports 61 provincial and 15 regional products: see the programme page).
      [11, "banh-khao-quang-hoa", "regional", 2022],
      [12, "banh-khao-quang-hoa", "provincial", 2021],
    ] as const
  ).map(
    ([id, product, level, year]): SeedRecognition => ({
      id,
      product,
      scheme: "cnnt",
      level,
      year,
      titleVi:
        level === "regional"
          ? "Sản phẩm CNNT tiêu biểu cấp khu vực phía Bắc (mẫu)"
          : "Sản phẩm CNNT tiêu biểu cấp tỉnh (mẫu)",
      titleEn:
        level === "regional"
          ? "Northern-region outstanding rural-industry product (sample)"
          : "Provincial outstanding rural-industry product (sample)",
      issuer: level === "regional" ? "Bộ Công Thương (mẫu)" : "UBND tỉnh Cao Bằng (mẫu)",
      sourceUrl: SRC.programme,
      verified: false,
      provenance: "illustrative",
      noteVi: SAMPLE_REC_VI,
      noteEn: SAMPLE_REC_EN,
    }),
  ),
];

export const channels: SeedChannel[] = [
  {
    id: 1,
    slug: "go-big-c",
    name: "GO! / Big C",
    kind: "supermarket_chain",
    website: "https://www.go-vietnam.vn",
    descriptionVi:
      "Chuỗi đại siêu thị (trước đây là Big C). Nguồn nêu Big C trong các kênh phân phối của sản phẩm Cao Bằng.",
    descriptionEn:
      "Hypermarket chain (formerly Big C). The source names Big C among the outlets for Cao Bằng products.",
    sources: [SRC.programme],
    // The source says Big C; that Big C is now branded GO! is inferred.
    fields: { name: "inferred" },
  },
  {
    id: 2,
    slug: "aeon",
    name: "AEON",
    kind: "supermarket_chain",
    website: "https://aeon.com.vn",
    descriptionVi: "Chuỗi trung tâm thương mại và siêu thị AEON.",
    descriptionEn: "AEON shopping-mall and supermarket chain.",
    sources: [SRC.programme],
  },
  {
    id: 3,
    slug: "winmart",
    name: "WinMart",
    kind: "supermarket_chain",
    website: "https://winmart.vn",
    descriptionVi: "Chuỗi siêu thị WinMart (trước đây là VinMart).",
    descriptionEn: "WinMart supermarket chain (formerly VinMart).",
    sources: [SRC.programme],
    // The source says VinMart; that VinMart is now WinMart is inferred.
    fields: { name: "inferred" },
  },
  {
    id: 4,
    slug: "lotte-mart",
    name: "Lotte Mart",
    kind: "supermarket_chain",
    website: "https://www.lottemart.com.vn",
    descriptionVi: "Chuỗi đại siêu thị Lotte Mart.",
    descriptionEn: "Lotte Mart hypermarket chain.",
    sources: [SRC.programme],
  },
  {
    id: 5,
    slug: "hoi-cho-nghe-an",
    name: "Hội chợ thương mại, đầu tư và du lịch Nghệ An",
    kind: "trade_fair",
    descriptionVi: "Cao Bằng có gian hàng tại hội chợ triển lãm thương mại, đầu tư và du lịch ở Nghệ An.",
    descriptionEn: "Cao Bằng had a booth at a trade, investment and tourism exhibition in Nghệ An.",
    sources: [SRC.programme],
  },
  {
    id: 6,
    slug: "xuat-khau-hoa-ky",
    name: "Xuất khẩu Hoa Kỳ",
    kind: "export_market",
    descriptionVi: "Thị trường xuất khẩu Hoa Kỳ.",
    descriptionEn: "Export market: the United States.",
    sources: [SRC.ocop2025],
  },
  {
    id: 7,
    slug: "xuat-khau-trung-quoc",
    name: "Xuất khẩu Trung Quốc",
    kind: "export_market",
    descriptionVi: "Thị trường xuất khẩu Trung Quốc.",
    descriptionEn: "Export market: China.",
    sources: [SRC.kolia],
  },
];

// The source names three producers (HTX Tâm Hòa, HTX Tân Việt Á, Công ty TNHH Bún Cao Tuyền) and four chains
// together, never who is where: every pairing of a product with a chain below is illustrative, and nobody has
// checked it, so these listings carry no "last checked" date.
const CHAIN_NOTE =
  "Minh họa: nguồn nêu chung ba cơ sở (HTX Tâm Hòa, HTX Tân Việt Á, Công ty TNHH Bún Cao Tuyền) và bốn chuỗi (Big C, AEON, VinMart, Lotte Mart), không nêu cơ sở nào bán ở chuỗi nào; việc sản phẩm có ở chuỗi này, trạng thái, giá và cửa hàng đều là minh họa.";
const store = (name: string, city: string, province: string) => ({ name, city, province });
const HN = "Hà Nội";
const CB = "Cao Bằng";

export const listings: SeedListing[] = [
  {
    id: 1,
    product: "lap-suon-thit-hun-khoi-tam-hoa",
    channel: "go-big-c",
    status: "in_stock",
    priceVnd: 185000,
    channelSku: "GO-TH-500",
    stores: [store("GO! Cao Bằng", "Cao Bằng", CB), store("GO! Thăng Long", HN, HN)],
    note: CHAIN_NOTE,
    sourceUrl: SRC.programme,
    provenance: "illustrative",
  },
  {
    id: 2,
    product: "lap-suon-thit-hun-khoi-tam-hoa",
    channel: "aeon",
    status: "in_stock",
    priceVnd: 189000,
    channelSku: "AEON-4512",
    stores: [store("AEON Mall Long Biên", HN, HN)],
    note: CHAIN_NOTE,
    sourceUrl: SRC.programme,
    provenance: "illustrative",
  },
  {
    id: 3,
    product: "lap-suon-thit-hun-khoi-tam-hoa",
    channel: "winmart",
    status: "out_of_stock",
    priceVnd: 182000,
    stores: [store("WinMart Royal City", HN, HN)],
    note: CHAIN_NOTE,
    sourceUrl: SRC.programme,
    provenance: "illustrative",
  },
  {
    id: 4,
    product: "mien-dong-tan-viet-a",
    channel: "lotte-mart",
    status: "in_stock",
    priceVnd: 72000,
    channelSku: "LM-88231",
    stores: [
      store("Lotte Mart Đống Đa", HN, HN),
      store("Lotte Mart Quận 7", "TP Hồ Chí Minh", "TP Hồ Chí Minh"),
    ],
    note: CHAIN_NOTE,
    sourceUrl: SRC.programme,
    provenance: "illustrative",
  },
  {
    id: 5,
    product: "mien-dong-tan-viet-a",
    channel: "go-big-c",
    status: "in_stock",
    priceVnd: 69000,
    stores: [store("GO! Cao Bằng", "Cao Bằng", CB)],
    note: CHAIN_NOTE,
    sourceUrl: SRC.programme,
    provenance: "illustrative",
  },
  {
    id: 6,
    product: "mien-dong-tan-viet-a",
    channel: "xuat-khau-hoa-ky",
    status: "in_stock",
    stores: [],
    note: "Lô đầu tiên 4 tấn xuất sang Hoa Kỳ đầu năm 2025.",
    // The date the source was published, not a check of the listing; "in stock" reads the export as ongoing.
    lastVerified: "2025-11-20",
    sourceUrl: SRC.ocop2025,
    provenance: "sourced",
    fields: { status: "inferred" },
  },
  {
    id: 7,
    product: "bun-kho-cao-tuyen",
    channel: "go-big-c",
    status: "in_stock",
    priceVnd: 36000,
    stores: [store("GO! Cao Bằng", "Cao Bằng", CB)],
    note: CHAIN_NOTE,
    sourceUrl: SRC.programme,
    provenance: "illustrative",
  },
  {
    id: 8,
    product: "bun-kho-cao-tuyen",
    channel: "aeon",
    status: "coming_soon",
    stores: [store("AEON Mall Hà Đông", HN, HN)],
    note: CHAIN_NOTE,
    sourceUrl: SRC.programme,
    provenance: "illustrative",
  },
  {
    id: 9,
    product: "bun-kho-cao-tuyen",
    channel: "winmart",
    status: "in_stock",
    priceVnd: 35000,
    stores: [store("WinMart Cao Bằng", "Cao Bằng", CB)],
    note: CHAIN_NOTE,
    sourceUrl: SRC.programme,
    provenance: "illustrative",
  },
  {
    id: 10,
    product: "danh-tra-kolia",
    channel: "xuat-khau-trung-quoc",
    status: "in_stock",
    stores: [],
    note: "Minh họa: nguồn nêu công ty xuất khẩu từ năm 2019 và từ năm 2024 hơn 1 tấn sang Trung Quốc, không nêu sản phẩm nào; việc Danh Trà được xuất là minh họa.",
    sourceUrl: SRC.kolia,
    provenance: "illustrative",
  },
  {
    id: 11,
    product: "khau-sli-na-giang",
    channel: "hoi-cho-nghe-an",
    status: "discontinued",
    stores: [store("Gian hàng Cao Bằng", "Vinh", "Nghệ An")],
    note: "Minh họa: nguồn nêu Cao Bằng có gian hàng tại hội chợ, không nêu sản phẩm nào được trưng bày.",
    sourceUrl: SRC.programme,
    provenance: "illustrative",
  },
];

export const supportProjects: SeedSupportProject[] = [
  {
    id: 1,
    producer: "htx-nong-nghiep-cai-bo",
    year: 2023,
    fund: "national",
    titleVi: "Hỗ trợ ứng dụng máy móc thiết bị tiên tiến trong sản xuất miến dong",
    titleEn: "Support for applying advanced machinery in miến dong production",
    kind: "machinery",
    sourceUrl: SRC.programme,
  },
  {
    id: 2,
    producer: "cong-ty-tnhh-bun-cao-tuyen",
    fund: "local",
    amountVnd: 200_000_000,
    titleVi: "Hỗ trợ máy ép bún",
    titleEn: "Support for a noodle press",
    kind: "machinery",
    sourceUrl: SRC.smallProjects,
  },
  {
    id: 3,
    producer: "htx-nong-nghiep-yen-cong",
    fund: "local",
    titleVi: "Hỗ trợ xây dựng kho lạnh bảo quản nấm hương (khoảng 50 tấn/năm)",
    titleEn: "Support for a shiitake cold store (about 50 tonnes a year)",
    kind: "machinery",
    sourceUrl: SRC.smallProjects,
  },
];

const P = "2021–2025";
const fig = (
  id: number,
  key: string,
  groupKey: string,
  value: number,
  unit: SeedFigure["unit"],
  fund: SeedFigure["fund"],
  labelVi: string,
  labelEn: string,
  sourceUrl: string = SRC.programme,
  period: string = P,
): SeedFigure => ({ id, key, groupKey, value, unit, fund, labelVi, labelEn, sourceUrl, period });

/**
 * The source's hedges, kept with the values: "hơn 4,36 tỷ" (more than), "hơn 15,2 tỷ", "gần 4,1 tỷ" (nearly),
 * "hơn 2,6 tỷ". A figure without one is given as exact by its source.
 */
const QUALIFIED: Partial<Record<string, Qualifier>> = {
  support_total: "more_than",
  investment_total: "more_than",
  investment_local: "nearly",
  counterpart_local: "more_than",
};

const figures: SeedFigure[] = [
  fig(
    1,
    "projects_total",
    "projects",
    23,
    "projects",
    "total",
    "Đề án khuyến công",
    "Industrial-extension projects",
  ),
  fig(
    2,
    "projects_national",
    "projects",
    7,
    "projects",
    "national",
    "Đề án khuyến công quốc gia",
    "National-fund projects",
  ),
  fig(
    3,
    "projects_local",
    "projects",
    16,
    "projects",
    "local",
    "Đề án khuyến công địa phương",
    "Local-fund projects",
  ),
  fig(4, "support_total", "support", 4_360_000_000, "vnd", "total", "Kinh phí hỗ trợ", "Support funding"),
  fig(
    5,
    "support_national",
    "support",
    2_550_000_000,
    "vnd",
    "national",
    "Kinh phí khuyến công quốc gia",
    "National-fund support",
  ),
  fig(
    6,
    "support_local",
    "support",
    1_810_000_000,
    "vnd",
    "local",
    "Kinh phí khuyến công địa phương",
    "Local-fund support",
  ),
  fig(
    7,
    "investment_total",
    "investment",
    15_200_000_000,
    "vnd",
    "total",
    "Vốn đầu tư thu hút",
    "Investment attracted",
  ),
  fig(
    8,
    "counterpart_total",
    "counterpart",
    10_800_000_000,
    "vnd",
    "total",
    "Vốn đối ứng của cơ sở",
    "Counterpart funds from facilities",
  ),
  fig(
    9,
    "investment_local",
    "investment",
    4_100_000_000,
    "vnd",
    "local",
    "Vốn đầu tư thu hút (quỹ địa phương)",
    "Investment attracted (local fund)",
  ),
  fig(
    10,
    "counterpart_local",
    "counterpart",
    2_600_000_000,
    "vnd",
    "local",
    "Vốn đối ứng (quỹ địa phương)",
    "Counterpart funds (local fund)",
  ),
  fig(
    11,
    "facilities_national",
    "facilities",
    8,
    "facilities",
    "national",
    "Cơ sở được hỗ trợ (quỹ quốc gia)",
    "Facilities supported (national fund)",
  ),
  fig(
    12,
    "vote_provincial_products",
    "vote",
    19,
    "products",
    null,
    "Sản phẩm được công nhận cấp tỉnh (một kỳ)",
    "Products recognized at provincial level (one vote)",
  ),
  fig(
    13,
    "vote_provincial_facilities",
    "vote",
    17,
    "facilities",
    null,
    "Cơ sở có sản phẩm được công nhận (một kỳ)",
    "Facilities with recognized products (one vote)",
  ),
  fig(
    14,
    "vote_regional_products",
    "vote",
    6,
    "products",
    null,
    "Sản phẩm đạt cấp khu vực",
    "Products at regional level",
  ),
  fig(
    15,
    "vote_national_products",
    "vote",
    3,
    "products",
    null,
    "Sản phẩm đạt cấp quốc gia",
    "Products at national level",
  ),
  fig(
    16,
    "province_provincial_total",
    "province",
    61,
    "products",
    null,
    "Tổng sản phẩm CNNT tiêu biểu cấp tỉnh",
    "Provincial-level CNNT-TB products in total",
    SRC.provinceTotals,
    "đến 5/2025",
  ),
  fig(
    17,
    "province_regional_total",
    "province",
    15,
    "products",
    null,
    "Tổng sản phẩm cấp khu vực",
    "Regional-level products in total",
    SRC.provinceTotals,
    "đến 5/2025",
  ),
  fig(
    18,
    "province_national_total",
    "province",
    5,
    "products",
    null,
    "Tổng sản phẩm cấp quốc gia",
    "National-level products in total",
    SRC.provinceTotals,
    "đến 5/2025",
  ),
  fig(
    19,
    "province_ocop_total",
    "ocop",
    144,
    "products",
    null,
    "Sản phẩm OCOP",
    "OCOP products",
    SRC.provinceTotals,
    "đến 5/2025",
  ),
  fig(
    20,
    "province_ocop_3",
    "ocop",
    131,
    "products",
    null,
    "Sản phẩm OCOP 3 sao",
    "OCOP 3-star products",
    SRC.provinceTotals,
    "đến 5/2025",
  ),
  fig(
    21,
    "province_ocop_4",
    "ocop",
    13,
    "products",
    null,
    "Sản phẩm OCOP 4 sao",
    "OCOP 4-star products",
    SRC.provinceTotals,
    "đến 5/2025",
  ),
  // OCOP by group and by stars at the end of 2022 (97 products), before May 2025's 144 (vietnamnet 2172875 dates it).
  ...(
    [
      [
        22,
        "ocop_earlier_total",
        "ocop_earlier",
        97,
        "products",
        "Sản phẩm OCOP (đến hết năm 2022)",
        "OCOP products (to the end of 2022)",
      ],
      [
        23,
        "ocop_earlier_3",
        "ocop_earlier",
        88,
        "products",
        "Sản phẩm OCOP 3 sao (đến hết năm 2022)",
        "OCOP 3-star products (to the end of 2022)",
      ],
      [
        24,
        "ocop_earlier_4",
        "ocop_earlier",
        9,
        "products",
        "Sản phẩm OCOP 4 sao (đến hết năm 2022)",
        "OCOP 4-star products (to the end of 2022)",
      ],
      [
        25,
        "ocop_group_food",
        "ocop_group",
        77,
        "products",
        "Sản phẩm OCOP nhóm thực phẩm",
        "OCOP products: food",
      ],
      [
        26,
        "ocop_group_drinks",
        "ocop_group",
        10,
        "products",
        "Sản phẩm OCOP nhóm đồ uống",
        "OCOP products: drinks",
      ],
      [
        27,
        "ocop_group_medicinal",
        "ocop_group",
        3,
        "products",
        "Sản phẩm OCOP nhóm dược liệu và sản phẩm từ dược liệu",
        "OCOP products: medicinal materials and products made from them",
      ],
      [
        28,
        "ocop_group_handicraft",
        "ocop_group",
        4,
        "products",
        "Sản phẩm OCOP nhóm thủ công mỹ nghệ",
        "OCOP products: handicrafts",
      ],
      [
        29,
        "ocop_group_tourism",
        "ocop_group",
        3,
        "products",
        "Sản phẩm OCOP nhóm du lịch",
        "OCOP products: tourism",
      ],
      [
        30,
        "ocop_earlier_producers",
        "ocop_earlier",
        67,
        "facilities",
        "Chủ thể có sản phẩm OCOP (đến hết năm 2022)",
        "Producers with OCOP products (to the end of 2022)",
      ],
    ] as const
  ).map(([id, key, group, value, unit, vi, en]) =>
    fig(id, key, group, value, unit, null, vi, en, SRC.ocopShift, END_OF_2022),
  ),
];

export const programmeFigures: SeedFigure[] = figures.map((f) => {
  const qualifier = QUALIFIED[f.key];
  return qualifier ? { ...f, qualifier } : f;
});
