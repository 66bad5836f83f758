import { LABELS, type Lang } from "../domain.ts";

export type { Lang };

/** The pages of the site; each has a Vietnamese and an English path. */
export type PageKey =
  | "home"
  | "products"
  | "product"
  | "producers"
  | "producer"
  | "channels"
  | "channel"
  | "recognition"
  | "programme";

const PATHS: Record<PageKey, Record<Lang, string>> = {
  home: { vi: "/", en: "/en" },
  products: { vi: "/san-pham", en: "/en/products" },
  product: { vi: "/san-pham/:slug", en: "/en/products/:slug" },
  producers: { vi: "/co-so", en: "/en/producers" },
  producer: { vi: "/co-so/:slug", en: "/en/producers/:slug" },
  channels: { vi: "/kenh-phan-phoi", en: "/en/channels" },
  channel: { vi: "/kenh-phan-phoi/:slug", en: "/en/channels/:slug" },
  recognition: { vi: "/cong-nhan", en: "/en/recognition" },
  programme: { vi: "/khuyen-cong", en: "/en/programme" },
};

/** The route pattern of a page in a language (`:slug` for detail pages). */
export const routeOf = (key: PageKey, lang: Lang) => PATHS[key][lang];

/**
 * The path of a page in a language.
 *
 * @example pathOf("product", "en", "mien-dong-tan-viet-a") // "/en/products/mien-dong-tan-viet-a"
 */
export function pathOf(key: PageKey, lang: Lang, slug?: string): string {
  const pattern = PATHS[key][lang];
  return slug === undefined ? pattern : pattern.replace(":slug", encodeURIComponent(slug));
}

/** The language a path is in: English under /en, Vietnamese elsewhere. */
export const langOfPath = (path: string): Lang => (path === "/en" || path.startsWith("/en/") ? "en" : "vi");

const VI = {
  siteName: "Sản phẩm CNNT tiêu biểu Cao Bằng",
  siteShort: "CNNT Cao Bằng",
  tagline: "Đặc sản và thủ công được công nhận của tỉnh Cao Bằng",
  skip: "Bỏ qua, đến nội dung chính",
  nav: {
    products: "Sản phẩm",
    producers: "Cơ sở sản xuất",
    channels: "Nơi bán",
    recognition: "Công nhận",
    programme: "Khuyến công",
  },
  navLabel: "Điều hướng chính",
  switchTo: "English",
  switchLabel: "Read this page in English",
  breadcrumb: "Đường dẫn",
  home: "Trang chủ",
  searchLabel: "Tìm sản phẩm",
  searchPlaceholder: "Ví dụ: mien dong, lap suon, khau sli",
  searchButton: "Tìm",
  searchHint: "Gõ có dấu hay không dấu đều được.",
  footerAbout:
    "Danh mục sản phẩm công nghiệp nông thôn (CNNT) tiêu biểu của tỉnh Cao Bằng, mỗi thông tin đều kèm nguồn.",
  footerSample:
    "Nhãn “Minh họa” đánh dấu giá trị mẫu (giá, quy cách, cửa hàng…) chưa được xác minh; đừng dùng như sự thật.",
  footerApi: "API dữ liệu mở",
  sample: "Minh họa",
  sampleTitle: "Giá trị minh họa (mẫu), chưa được xác minh",
  sampleProfile: "Hồ sơ minh họa: tên, địa chỉ, mô tả và công nhận đều là dữ liệu mẫu, không phải sự thật.",
  sampleProduct: "Sản phẩm minh họa: mô tả, giá và công nhận là dữ liệu mẫu.",
  samplePrices: "Quy cách và giá là giá trị minh họa, chưa được xác minh.",
  unverified: "Chưa xác minh",
  verified: "Đã xác minh theo nguồn",
  source: "Nguồn",
  sources: "Nguồn tham khảo",
  districtTier: "Cấp huyện",
  tierLong: {
    national: "CNNT tiêu biểu cấp quốc gia",
    regional: "CNNT tiêu biểu cấp khu vực",
    provincial: "CNNT tiêu biểu cấp tỉnh",
    district: "CNNT tiêu biểu cấp huyện",
  },
  ocopStars: (n: number) => `OCOP ${n} sao`,
  legalTypes: {
    cooperative: "Hợp tác xã",
    company: "Công ty",
    private_enterprise: "Doanh nghiệp tư nhân",
    household_business: "Hộ kinh doanh",
    craft_village: "Làng nghề",
  },
  channelKinds: {
    supermarket_chain: "Chuỗi siêu thị",
    trade_fair: "Hội chợ",
    export_market: "Thị trường xuất khẩu",
    online_store: "Cửa hàng trực tuyến",
  },
  statuses: {
    in_stock: "Còn hàng",
    out_of_stock: "Tạm hết hàng",
    coming_soon: "Sắp có",
    discontinued: "Ngừng bán",
  },
  funds: { national: "Khuyến công quốc gia", local: "Khuyến công địa phương", total: "Tổng" },
  priceFrom: "Giá từ",
  noPrice: "Chưa có giá",
  by: "Cơ sở",
  // home
  homeTitle: "Sản phẩm công nghiệp nông thôn tiêu biểu Cao Bằng",
  homeLede:
    "Lạp sườn hun khói, miến dong, chiếu trúc, khẩu sli… những sản phẩm của núi đá Cao Bằng được bình chọn là sản phẩm công nghiệp nông thôn tiêu biểu — với nguồn cho từng thông tin và nơi mua.",
  homeFeatured: "Đạt giải cấp quốc gia và khu vực",
  homeAll: "Xem tất cả sản phẩm",
  homeByTier: "Duyệt theo cấp công nhận",
  homeFigures: "Khuyến công 2021–2025 qua các con số",
  homeFiguresMore: "Xem chương trình khuyến công",
  homeHonest: "Trung thực về dữ liệu",
  homeHonestText:
    "Mỗi sản phẩm, cơ sở và giải thưởng đều dẫn nguồn. Giá, quy cách và cửa hàng chưa xác minh được đánh dấu “Minh họa”; công nhận chưa xác minh được ghi rõ.",
  productsCount: (n: number) => `${n} sản phẩm`,
  // catalogue
  productsTitle: "Danh mục sản phẩm",
  productsLede: "Tìm và lọc các sản phẩm CNNT tiêu biểu, OCOP và đặc sản của Cao Bằng.",
  filters: "Bộ lọc",
  filterTier: "Cấp công nhận CNNT",
  filterScheme: "Chương trình công nhận",
  filterGroup: "Nhóm sản phẩm",
  filterProducer: "Cơ sở sản xuất",
  filterChannel: "Kênh phân phối",
  filterDistrict: "Huyện / thành phố",
  apply: "Áp dụng",
  clear: "Xóa bộ lọc",
  sort: "Sắp xếp",
  sorts: {
    relevance: "Phù hợp nhất",
    tier: "Cấp công nhận cao nhất",
    name: "Tên A–Z",
    "-name": "Tên Z–A",
    newest: "Mới thêm",
  },
  results: (n: number, q?: string) => (q ? `${n} sản phẩm cho “${q}”` : `${n} sản phẩm`),
  noResults: "Không có sản phẩm phù hợp. Thử bỏ bớt bộ lọc hoặc tìm từ khác.",
  nextPage: "Trang sau",
  firstPage: "Về trang đầu",
  removeFilter: (label: string) => `Bỏ lọc: ${label}`,
  activeFilters: "Đang lọc",
  // product
  illustration: "Hình minh họa",
  packaging: "Quy cách và giá",
  packLabel: "Quy cách",
  netWeight: "Khối lượng",
  price: "Giá",
  recognitions: "Công nhận và giải thưởng",
  noRecognitions: "Chưa có công nhận nào trong danh mục.",
  year: "Năm",
  issuer: "Cơ quan",
  decision: "Quyết định",
  whereToBuy: "Mua ở đâu",
  noListings: "Chưa có thông tin nơi bán.",
  channel: "Kênh",
  status: "Tình trạng",
  stores: "Cửa hàng",
  lastVerified: "Kiểm tra lần cuối",
  producer: "Cơ sở sản xuất",
  aboutProducer: "Về cơ sở sản xuất",
  support: "Hỗ trợ khuyến công đã nhận",
  related: "Sản phẩm liên quan",
  viewProducer: (name: string) => `Xem hồ sơ ${name}`,
  // producers
  producersTitle: "Cơ sở sản xuất",
  producersLede: "Hợp tác xã, doanh nghiệp và làng nghề làm ra các sản phẩm trong danh mục.",
  productCount: (n: number) => `${n} sản phẩm`,
  location: "Địa chỉ",
  founded: "Thành lập",
  representative: "Người đại diện",
  legalType: "Loại hình",
  products: "Sản phẩm",
  noSupport: "Chưa có đề án khuyến công nào được ghi nhận.",
  amount: "Kinh phí",
  // channels
  channelsTitle: "Kênh phân phối",
  channelsLede: "Siêu thị, hội chợ và thị trường xuất khẩu có sản phẩm Cao Bằng.",
  listingCount: (n: number) => `${n} sản phẩm được ghi nhận`,
  website: "Trang web",
  stocks: "Sản phẩm có tại kênh này",
  // recognition
  recognitionTitle: "Bình chọn sản phẩm CNNT tiêu biểu",
  recognitionLede:
    "Sản phẩm công nghiệp nông thôn tiêu biểu (CNNT-TB) được bình chọn theo Thông tư 26/2014/TT-BCT của Bộ Công Thương (sửa đổi bởi TT 14/2018 và TT 38/2025).",
  levels: "Các cấp bình chọn",
  levelsText:
    "Bình chọn ở bốn cấp. Cao Bằng thuộc khu vực phía Bắc. Cấp cao nhất mà sản phẩm đạt được là “cấp công nhận” hiển thị trên danh mục.",
  levelItems: [
    ["Cấp huyện (từ 1/7/2025: cấp xã)", "Bước đầu, do địa phương tổ chức."],
    ["Cấp tỉnh", "UBND tỉnh công nhận; sản phẩm đạt giải được đề cử lên cấp khu vực."],
    [
      "Cấp khu vực",
      "Ba khu vực: phía Bắc, miền Trung – Tây Nguyên, phía Nam; hai năm một lần (2018, 2020, 2022…).",
    ],
    ["Cấp quốc gia", "Bộ Công Thương công nhận; hai năm một lần (2017, 2019, 2021, 2023…)."],
  ] as [string, string][],
  groupsTitle: "Bốn nhóm sản phẩm",
  groupsText: "Một hồ sơ dự thi có thể là một sản phẩm hoặc một bộ sản phẩm.",
  scoring: "Thang điểm 100",
  scoringItems: [
    ["Khả năng phù hợp thị trường và tiềm năng phát triển sản xuất", 40],
    ["Hiệu quả kinh tế – kỹ thuật – xã hội – môi trường", 40],
    ["Văn hóa và thẩm mỹ", 10],
    ["Tiêu chí khác", 10],
  ] as [string, number][],
  criterion: "Tiêu chí",
  points: "Điểm",
  votes: "Chu kỳ bình chọn",
  votesText:
    "Bình chọn cấp khu vực và cấp quốc gia được tổ chức hai năm một lần. Kỳ bình chọn cấp quốc gia lần thứ 5 (2023, QĐ 3116/QĐ-BCT) công nhận 173 sản phẩm.",
  ocopNote:
    "OCOP (Mỗi xã một sản phẩm) là chương trình riêng, xếp hạng 3–5 sao; trên trang này sao OCOP được hiển thị riêng, không phải cấp CNNT.",
  allRecognitions: "Mọi công nhận trong danh mục",
  otherSchemes: "Chỉ dẫn địa lý và nhãn hiệu",
  noYear: "Chưa rõ năm",
  product: "Sản phẩm",
  legalBasis: "Căn cứ pháp lý",
  // programme
  programmeTitle: "Chương trình khuyến công 2021–2025",
  programmeLede:
    "Khuyến công là chương trình hỗ trợ cơ sở công nghiệp nông thôn đầu tư máy móc, chuyển giao công nghệ, xây dựng mô hình trình diễn và sản xuất sạch hơn. Số liệu theo báo cáo 1653/BC-SCT ngày 7/7/2025 của Sở Công Thương Cao Bằng.",
  figures: "Số liệu đã công bố",
  figure: "Chỉ tiêu",
  value: "Giá trị",
  period: "Giai đoạn",
  chartFunds: "Quỹ quốc gia và quỹ địa phương",
  chartFundsDesc: "Số đề án và kinh phí hỗ trợ của khuyến công quốc gia so với khuyến công địa phương.",
  chartMoney: "Vốn hỗ trợ, vốn thu hút và vốn đối ứng",
  chartMoneyDesc: "Kinh phí khuyến công so với vốn đầu tư thu hút và vốn đối ứng của các cơ sở (tỷ đồng).",
  chartVotes: "Kết quả bình chọn",
  projects: "Đề án",
  supportFunding: "Kinh phí hỗ trợ",
  billionVnd: "tỷ đồng",
  tableOfChart: "Số liệu của biểu đồ",
  tableOf: (title: string) => `Bảng: ${title}`,
  knownProjects: "Các đề án đã biết",
  provinceTotals: "Toàn tỉnh (đến 5/2025)",
  // errors
  notFoundTitle: "Không tìm thấy trang",
  notFoundText: "Trang bạn tìm không có hoặc đã được chuyển. Hãy thử tìm sản phẩm:",
  badRequestTitle: "Yêu cầu không hợp lệ",
  badRequestText: "Liên kết này có tham số không hợp lệ (có thể đã hết hạn). Hãy bắt đầu lại từ danh mục.",
  errorTitle: "Đã có lỗi",
  errorText: "Máy chủ gặp lỗi ngoài dự kiến; lỗi đã được ghi lại. Vui lòng thử lại sau.",
  goHome: "Về trang chủ",
  browseAll: "Xem danh mục sản phẩm",
};

export type Strings = typeof VI;

const EN: Strings = {
  siteName: "Cao Bằng's typical rural-industry products",
  siteShort: "Cao Bằng CNNT",
  tagline: "Recognized specialities and crafts of Cao Bằng province",
  skip: "Skip to main content",
  nav: {
    products: "Products",
    producers: "Producers",
    channels: "Where to buy",
    recognition: "Recognition",
    programme: "Programme",
  },
  navLabel: "Main navigation",
  switchTo: "Tiếng Việt",
  switchLabel: "Đọc trang này bằng tiếng Việt",
  breadcrumb: "Breadcrumb",
  home: "Home",
  searchLabel: "Search products",
  searchPlaceholder: "e.g. mien dong, lap suon, khau sli",
  searchButton: "Search",
  searchHint: "Accents are optional.",
  footerAbout:
    "A catalogue of the typical rural-industry (CNNT) products of Cao Bằng province, every fact with its source.",
  footerSample:
    "The “Illustrative” label marks sample values (prices, pack sizes, stores…) that are not verified; do not rely on them.",
  footerApi: "Open data API",
  sample: "Illustrative",
  sampleTitle: "Illustrative (sample) value, not verified",
  sampleProfile:
    "Illustrative profile: its name, address, description and recognitions are sample data, not facts.",
  sampleProduct: "Illustrative product: its description, prices and recognitions are sample data.",
  samplePrices: "Pack sizes and prices are illustrative values, not verified.",
  unverified: "Not verified",
  verified: "Verified against the source",
  source: "Source",
  sources: "Sources",
  districtTier: "District",
  tierLong: {
    national: "National-level typical product",
    regional: "Regional-level typical product",
    provincial: "Provincial-level typical product",
    district: "District-level typical product",
  },
  ocopStars: (n: number) => `OCOP ${n} stars`,
  legalTypes: {
    cooperative: "Cooperative",
    company: "Company",
    private_enterprise: "Private enterprise",
    household_business: "Household business",
    craft_village: "Craft village",
  },
  channelKinds: {
    supermarket_chain: "Supermarket chain",
    trade_fair: "Trade fair",
    export_market: "Export market",
    online_store: "Online store",
  },
  statuses: {
    in_stock: "In stock",
    out_of_stock: "Out of stock",
    coming_soon: "Coming soon",
    discontinued: "Discontinued",
  },
  funds: { national: "National fund", local: "Local fund", total: "Total" },
  priceFrom: "From",
  noPrice: "No price yet",
  by: "Producer",
  homeTitle: "Typical rural-industry products of Cao Bằng",
  homeLede:
    "Smoked sausage, canna-starch vermicelli, bamboo mats, khẩu sli candy… products of Cao Bằng's limestone highlands that were voted typical rural-industry products — with a source for every fact and where to buy them.",
  homeFeatured: "National and regional award winners",
  homeAll: "See all products",
  homeByTier: "Browse by recognition level",
  homeFigures: "Industrial extension 2021–2025 in figures",
  homeFiguresMore: "About the programme",
  homeHonest: "Honest about the data",
  homeHonestText:
    "Every product, producer and award links to its source. Unverified prices, pack sizes and stores are labelled “Illustrative”; unverified recognitions say so.",
  productsCount: (n: number) => `${n} products`,
  productsTitle: "Product catalogue",
  productsLede:
    "Search and filter Cao Bằng's typical rural-industry products, OCOP products and specialities.",
  filters: "Filters",
  filterTier: "CNNT recognition level",
  filterScheme: "Recognition scheme",
  filterGroup: "Product group",
  filterProducer: "Producer",
  filterChannel: "Retail channel",
  filterDistrict: "District",
  apply: "Apply",
  clear: "Clear filters",
  sort: "Sort by",
  sorts: {
    relevance: "Best match",
    tier: "Highest recognition",
    name: "Name A–Z",
    "-name": "Name Z–A",
    newest: "Newest",
  },
  results: (n: number, q?: string) =>
    q ? `${n} product${n === 1 ? "" : "s"} for “${q}”` : `${n} product${n === 1 ? "" : "s"}`,
  noResults: "No products match. Try removing a filter or searching for another word.",
  nextPage: "Next page",
  firstPage: "Back to the first page",
  removeFilter: (label: string) => `Remove filter: ${label}`,
  activeFilters: "Filtered by",
  illustration: "Illustration",
  packaging: "Packaging and prices",
  packLabel: "Pack",
  netWeight: "Net weight",
  price: "Price",
  recognitions: "Recognitions and awards",
  noRecognitions: "No recognitions in the catalogue yet.",
  year: "Year",
  issuer: "Issued by",
  decision: "Decision",
  whereToBuy: "Where to buy",
  noListings: "No retail information yet.",
  channel: "Channel",
  status: "Status",
  stores: "Stores",
  lastVerified: "Last checked",
  producer: "Producer",
  aboutProducer: "About the producer",
  support: "Industrial-extension support received",
  related: "Related products",
  viewProducer: (name: string) => `See the profile of ${name}`,
  producersTitle: "Producers",
  producersLede: "The cooperatives, companies and craft villages behind the products in the catalogue.",
  productCount: (n: number) => `${n} product${n === 1 ? "" : "s"}`,
  location: "Address",
  founded: "Founded",
  representative: "Representative",
  legalType: "Legal form",
  products: "Products",
  noSupport: "No industrial-extension project recorded.",
  amount: "Amount",
  channelsTitle: "Retail channels",
  channelsLede: "Supermarkets, trade fairs and export markets that carry Cao Bằng products.",
  listingCount: (n: number) => `${n} product${n === 1 ? "" : "s"} recorded`,
  website: "Website",
  stocks: "Products at this channel",
  recognitionTitle: "The typical rural-industry product vote",
  recognitionLede:
    "Typical rural-industry products (CNNT-TB) are voted under Circular 26/2014/TT-BCT of the Ministry of Industry and Trade (amended by Circulars 14/2018 and 38/2025).",
  levels: "Levels of the vote",
  levelsText:
    "The vote runs at four levels. Cao Bằng belongs to the northern region. The highest level a product has reached is the “recognition level” shown in the catalogue.",
  levelItems: [
    ["District (commune from 1 July 2025)", "The first step, run locally."],
    [
      "Provincial",
      "Recognized by the provincial People's Committee; winners go forward to the regional vote.",
    ],
    [
      "Regional",
      "Three regions: the North, the Centre and Central Highlands, the South; every two years (2018, 2020, 2022…).",
    ],
    [
      "National",
      "Recognized by the Ministry of Industry and Trade; every two years (2017, 2019, 2021, 2023…).",
    ],
  ],
  groupsTitle: "Four product groups",
  groupsText: "An entry may be one product or a set of products.",
  scoring: "Scored out of 100",
  scoringItems: [
    ["Market fit and potential for production growth", 40],
    ["Economic, technical, social and environmental impact", 40],
    ["Culture and aesthetics", 10],
    ["Other criteria", 10],
  ],
  criterion: "Criterion",
  points: "Points",
  votes: "How often votes are held",
  votesText:
    "Regional and national votes are held every two years. The 5th national vote (2023, decision 3116/QĐ-BCT) recognized 173 products.",
  ocopNote:
    "OCOP (One Commune One Product) is a separate scheme rated 3 to 5 stars; this site shows OCOP stars on their own, not as a CNNT level.",
  allRecognitions: "Every recognition in the catalogue",
  otherSchemes: "Geographical indications and marks",
  noYear: "Year unknown",
  product: "Product",
  legalBasis: "Legal basis",
  programmeTitle: "The 2021–2025 industrial-extension programme",
  programmeLede:
    "Khuyến công (industrial extension) helps rural-industry facilities invest in machinery, take up new technology, build demonstration models and produce more cleanly. Figures from report 1653/BC-SCT of 7 July 2025 by the Cao Bằng Department of Industry and Trade.",
  figures: "Reported figures",
  figure: "Figure",
  value: "Value",
  period: "Period",
  chartFunds: "National fund and local fund",
  chartFundsDesc: "Projects and support funding of the national fund compared with the local fund.",
  chartMoney: "Support, investment attracted and counterpart funds",
  chartMoneyDesc:
    "Programme support compared with the investment it attracted and the facilities' counterpart funds (billion VND).",
  chartVotes: "Results of the vote",
  projects: "Projects",
  supportFunding: "Support funding",
  billionVnd: "billion VND",
  tableOfChart: "Data of the chart",
  tableOf: (title: string) => `Table: ${title}`,
  knownProjects: "Known projects",
  provinceTotals: "Whole province (to May 2025)",
  notFoundTitle: "Page not found",
  notFoundText: "The page you are looking for does not exist or has moved. Try searching for a product:",
  badRequestTitle: "Invalid request",
  badRequestText: "This link has an invalid parameter (it may have expired). Start again from the catalogue.",
  errorTitle: "Something went wrong",
  errorText: "The server hit an unexpected error; it has been logged. Please try again later.",
  goHome: "Go to the home page",
  browseAll: "Browse the catalogue",
};

/**
 * The label of a tier, product group or scheme — the same labels the API gives its facets.
 *
 * @example labelOf("tier", "national", "en") // "National"
 */
export const labelOf = (kind: keyof typeof LABELS, value: string, lang: Lang) =>
  LABELS[kind][value]?.[lang === "vi" ? 0 : 1] ?? value;

/** The interface strings of a language. */
export const strings = (lang: Lang): Strings => (lang === "vi" ? VI : EN);

const nf = { vi: new Intl.NumberFormat("vi-VN"), en: new Intl.NumberFormat("en-GB") };

/** A whole number in the language's style ("1.200.000" / "1,200,000"). */
export const formatNumber = (n: number, lang: Lang) => nf[lang].format(n);

/** A price in đồng. */
export const formatVnd = (n: number, lang: Lang) => `${formatNumber(n, lang)} ₫`;

/** An amount in billions of đồng, e.g. "4,36 tỷ đồng" / "4.36 billion VND". */
export function formatBillions(n: number, lang: Lang): string {
  const b = n / 1e9;
  const text = b.toLocaleString(lang === "vi" ? "vi-VN" : "en-GB", { maximumFractionDigits: 2 });
  return lang === "vi" ? `${text} tỷ đồng` : `${text} billion VND`;
}

const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A YYYY-MM-DD date as "15/10/2026" or "15 Oct 2026". */
export function formatDate(iso: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  return lang === "vi" ? `${d}/${mo}/${y}` : `${Number(d)} ${MONTHS_EN[Number(mo) - 1]} ${y}`;
}

/** The host of a URL, for naming a source link ("tapchicongthuong.vn"). */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return url;
  }
}
