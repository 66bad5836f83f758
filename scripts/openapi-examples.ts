// Refreshes the OpenAPI document's response examples (src/openapi/examples.json) from real responses: serves the
// Worker under `wrangler dev` on a fresh, seeded local D1 with a key for one channel, makes each documented request
// once, and keeps what came back (arrays cut to two items, so the document stays readable). Run it after changing
// a response schema; `npm run lint:api` fails while an example no longer matches its schema:
//
//   flock /tmp/wrangler.lock npm run openapi:examples
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateEditorToken } from "../src/editor/auth/crypto.ts";
import { generateApiKey } from "../src/platform/http/api-key.ts";
import { startDevServer } from "./lib/dev-server.ts";
import { d1Query, ROOT } from "./lib/wrangler.ts";

const OUT = join(ROOT, "src/openapi/examples.json");
const PRODUCT = "mien-dong-tan-viet-a";
const LISTING = `/channels/aeon/listings/${PRODUCT}`;
/** An enquiry (fictitious contact); sent twice with its token, the second is the idempotent 200. */
const ENQUIRY = {
  product: PRODUCT,
  kind: "chain",
  quantity: "200 thùng mỗi tháng",
  message:
    "Chuỗi chúng tôi muốn nhập miến dong cho 12 cửa hàng ở Hà Nội. Xin báo giá sỉ và điều kiện giao hàng.",
  name: "Nguyễn Thu Hà",
  email: "thu.ha@chuoi-mau.example",
  organisation: "Chuỗi cửa hàng mẫu",
  consent: true,
  token: "example-form-token-0001",
};
/** An enquiry stored directly under a fixed reference, for the admin examples. */
const ENQUIRY_REF = "k3mz8q2wn4xa";

/** Arrays cut to their first two items, everywhere; long text feeds to their first three lines. */
function trim(v: unknown): unknown {
  if (Array.isArray(v)) return v.slice(0, 2).map(trim);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, trim(x)]));
  return v;
}

const server = await startDevServer({
  port: 8813,
  inspectorPort: 8814,
  persistTo: ".wrangler/examples-state",
});
const examples: Record<string, Record<string, unknown>> = {};
const keep = (operationId: string, status: number, example: unknown) => {
  examples[operationId] = { ...examples[operationId], [status]: example };
};
try {
  const { key, prefix, hash } = await generateApiKey();
  d1Query(server.target, [
    `INSERT INTO api_keys (channel_id, name, prefix, hash) SELECT id, 'examples', '${prefix}', '${hash}' FROM channels WHERE slug = 'aeon'`,
  ]);
  // A failed search counted as the queue consumer counts them (the examples' server gets no shoppers).
  d1Query(server.target, [
    "INSERT INTO search_misses (day, query, n, zero) VALUES (date('now'), 'giao co lam', 4, 4)",
  ]);
  const json = { "content-type": "application/json" };
  const auth = { ...json, authorization: `Bearer ${key}` };
  const listing = {
    status: "in_stock",
    price_vnd: 72000,
    channel_sku: "AE-100234",
    url: "https://aeon.com.vn/mien-dong-tan-viet-a",
    stores: [{ name: "AEON Mall Long Biên", city: "Hà Nội", province: "Hà Nội" }],
    note: null,
  };
  // [operationId, expected status, path under /api/v1, request]; in order: the writes build on each other.
  const calls: [string, number, string, RequestInit?][] = [
    ["listProducts", 200, "/products?limit=2&q=khau%20sly"],
    ["listProducts", 400, "/products?limit=0"],
    ["getProduct", 200, `/products/${PRODUCT}`],
    ["getProduct", 400, "/products/Not_A_Slug"],
    ["getProduct", 404, "/products/khong-co"],
    ["listProducers", 200, "/producers?limit=2"],
    ["listProducers", 400, "/producers?limit=101"],
    ["getProducer", 200, "/producers/htx-tam-hoa"],
    ["getProducer", 400, "/producers/htx-tam-hoa?lang=fr"],
    ["getProducer", 404, "/producers/khong-co"],
    ["listChannels", 200, "/channels?limit=2"],
    ["listChannels", 400, "/channels?limit=0"],
    ["getChannel", 200, "/channels/aeon"],
    ["getChannel", 400, "/channels/aeon?lang=fr"],
    ["getChannel", 404, "/channels/khong-co"],
    ["listRecognitions", 200, "/recognitions?limit=2"],
    ["listRecognitions", 400, "/recognitions?scheme=iso"],
    ["getRecognition", 200, "/recognitions/1"],
    ["getRecognition", 400, "/recognitions/abc"],
    ["getRecognition", 404, "/recognitions/999999"],
    ["getProgramme", 200, "/programme"],
    ["getProgramme", 400, "/programme?lang=fr"],
    ["listKinds", 200, "/kinds"],
    ["listKinds", 400, "/kinds?lang=fr"],
    ["getKind", 200, "/kinds/mien-dong"],
    ["getKind", 400, "/kinds/Not_A_Slug"],
    ["getKind", 404, "/kinds/khong-co"],
    ["getListing", 404, "/channels/aeon/listings/khong-co"],
    ["getListing", 400, "/channels/aeon/listings/Not_A_Slug"],
    ["putListing", 401, LISTING, { method: "PUT", headers: json, body: JSON.stringify(listing) }],
    [
      "putListing",
      403,
      `/channels/go-big-c/listings/${PRODUCT}`,
      { method: "PUT", headers: auth, body: JSON.stringify(listing) },
    ],
    [
      "putListing",
      415,
      LISTING,
      { method: "PUT", headers: { ...auth, "content-type": "text/plain" }, body: "x" },
    ],
    ["putListing", 422, LISTING, { method: "PUT", headers: auth, body: JSON.stringify({ status: "sold" }) }],
    [
      "putListing",
      404,
      "/channels/aeon/listings/khong-co",
      { method: "PUT", headers: auth, body: JSON.stringify(listing) },
    ],
    [
      "putListing",
      400,
      LISTING,
      { method: "PUT", headers: { ...auth, "if-none-match": "x" }, body: JSON.stringify(listing) },
    ],
    ["putListing", 201, LISTING, { method: "PUT", headers: auth, body: JSON.stringify(listing) }],
    [
      "putListing",
      200,
      LISTING,
      { method: "PUT", headers: auth, body: JSON.stringify({ ...listing, price_vnd: 69000 }) },
    ],
    [
      "putListing",
      412,
      LISTING,
      { method: "PUT", headers: { ...auth, "if-match": '"l0v0"' }, body: JSON.stringify(listing) },
    ],
    ["getListing", 200, LISTING],
    ["deleteListing", 401, LISTING, { method: "DELETE" }],
    ["deleteListing", 403, `/channels/go-big-c/listings/${PRODUCT}`, { method: "DELETE", headers: auth }],
    ["deleteListing", 404, "/channels/aeon/listings/khong-co", { method: "DELETE", headers: auth }],
    ["deleteListing", 400, "/channels/aeon/listings/Not_A_Slug", { method: "DELETE", headers: auth }],
    ["deleteListing", 412, LISTING, { method: "DELETE", headers: { ...auth, "if-match": '"l0v0"' } }],
    [
      "bulkPutListings",
      200,
      "/channels/aeon/listings/bulk",
      { method: "POST", headers: auth, body: JSON.stringify({ items: [{ product: PRODUCT, ...listing }] }) },
    ],
    ["bulkPutListings", 401, "/channels/aeon/listings/bulk", { method: "POST", headers: json, body: "{}" }],
    [
      "bulkPutListings",
      403,
      "/channels/go-big-c/listings/bulk",
      { method: "POST", headers: auth, body: JSON.stringify({ items: [{ product: PRODUCT, ...listing }] }) },
    ],
    [
      "bulkPutListings",
      415,
      "/channels/aeon/listings/bulk",
      { method: "POST", headers: { ...auth, "content-type": "text/plain" }, body: "x" },
    ],
    [
      "bulkPutListings",
      422,
      "/channels/aeon/listings/bulk",
      { method: "POST", headers: auth, body: JSON.stringify({ items: [] }) },
    ],
    [
      "bulkPutListings",
      400,
      "/channels/Not_A_Slug/listings/bulk",
      { method: "POST", headers: auth, body: "{}" },
    ],
    [
      "putListing",
      413,
      LISTING,
      { method: "PUT", headers: auth, body: JSON.stringify({ ...listing, note: "x".repeat(70_000) }) },
    ],
    [
      "bulkPutListings",
      413,
      "/channels/aeon/listings/bulk",
      { method: "POST", headers: auth, body: JSON.stringify({ items: [], pad: "x".repeat(1_100_000) }) },
    ],
    ["listChanges", 200, "/changes?limit=2"],
    ["listChanges", 400, "/changes?cursor=not-a-cursor"],
    ["createEnquiry", 201, "/enquiries", { method: "POST", headers: json, body: JSON.stringify(ENQUIRY) }],
    ["createEnquiry", 200, "/enquiries", { method: "POST", headers: json, body: JSON.stringify(ENQUIRY) }],
    [
      "createEnquiry",
      422,
      "/enquiries",
      {
        method: "POST",
        headers: json,
        body: JSON.stringify({ ...ENQUIRY, phone: "12345", email: undefined }),
      },
    ],
    [
      "createEnquiry",
      401,
      "/enquiries",
      { method: "POST", headers: { ...json, authorization: "Bearer x" }, body: JSON.stringify(ENQUIRY) },
    ],
    [
      "createEnquiry",
      415,
      "/enquiries",
      { method: "POST", headers: { "content-type": "text/plain" }, body: "x" },
    ],
    [
      "createEnquiry",
      413,
      "/enquiries",
      { method: "POST", headers: json, body: JSON.stringify({ ...ENQUIRY, message: "x".repeat(20_000) }) },
    ],
    ["getProductFeedCsv", 200, "/feeds/products.csv"],
    ["getProductFeedNdjson", 200, "/feeds/products.ndjson"],
  ];
  // The editors' admin API: a publisher's token, made as `npm run editor:token` makes it (only its hash stored).
  const editor = await generateEditorToken();
  d1Query(server.target, [
    "INSERT INTO editors (email, role) VALUES ('examples@caobang.gov.vn', 'publisher')",
    `INSERT INTO editor_tokens (editor_id, name, prefix, hash) SELECT id, 'examples', '${editor.prefix}', '${editor.hash}' FROM editors WHERE email = 'examples@caobang.gov.vn'`,
    `INSERT INTO enquiries (ref, dedupe_key, product_id, producer_id, kind, message, name, phone, consent_version, lang, via)
     SELECT '${ENQUIRY_REF}', 'examples', id, producer_id, 'wholesale', 'Xin báo giá sỉ 50 gói.', 'Lê Minh Khang', '+84912345678', '2026-12-07', 'vi', 'page'
     FROM products WHERE slug = '${PRODUCT}'`,
  ]);
  // Editor writes need the record's current ETag (`If-Match: *` is refused): CURRENT is read just before each one.
  const CURRENT = "(the record's current ETag)";
  const ed = { ...json, authorization: `Bearer ${editor.token}`, "if-match": CURRENT };
  const edNoMatch = { ...json, authorization: `Bearer ${editor.token}` };
  const send = (method: string, body?: unknown, headers: Record<string, string> = ed): RequestInit => ({
    method,
    headers,
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const producer = {
    slug: "htx-mien-dong-nguyen-binh",
    name: "HTX Miến dong Nguyên Bình",
    legal_type: "cooperative",
    commune: "Tam Kim",
    district: "Nguyên Bình",
    description_vi: "Hợp tác xã làm miến dong từ củ dong riềng trồng tại địa phương.",
    description_en: "A cooperative making noodles from locally grown arrowroot.",
    sources: ["https://caobang.gov.vn/khuyen-cong/htx-mien-dong-nguyen-binh"],
  };
  const product = {
    slug: "mien-dong-nguyen-binh",
    producer: producer.slug,
    name_vi: "Miến dong Nguyên Bình",
    name_en: "Nguyên Bình arrowroot noodles",
    product_group: "processed_food",
    category_vi: "Miến dong",
    category_en: "Arrowroot noodles",
    description_vi: "Miến dong phơi nắng, sợi dai.",
    description_en: "Sun-dried arrowroot noodles.",
    packaging: [{ label: "Gói 500 g", net_weight_g: 500, price_vnd: null, sample: false }],
    sources: ["https://caobang.gov.vn/khuyen-cong/mien-dong-nguyen-binh"],
  };
  const recognition = {
    product: product.slug,
    scheme: "ocop",
    stars: 3,
    year: 2024,
    title_vi: "Sản phẩm OCOP 3 sao",
    title_en: "OCOP 3-star product",
    decision_number: "1234/QĐ-UBND",
    issuer: "UBND tỉnh Cao Bằng",
    source_url: "https://caobang.gov.vn/ocop-2024",
  };
  const png = Uint8Array.from(
    atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="),
    (ch) => ch.charCodeAt(0),
  );
  const photo = (alt: string) => {
    const form = new FormData();
    form.set("photo", new Blob([png], { type: "image/png" }), "photo.png");
    form.set("alt_vi", `Ảnh ${alt}`);
    form.set("alt_en", `Photo of ${alt}`);
    return {
      method: "POST",
      headers: { authorization: `Bearer ${editor.token}`, "if-match": CURRENT },
      body: form,
    };
  };
  const fair = {
    slug: "hoi-cho-ocop-cao-bang",
    name: "Hội chợ OCOP Cao Bằng",
    kind: "trade_fair",
    description_vi: "Hội chợ sản phẩm OCOP và công nghiệp nông thôn tiêu biểu của tỉnh.",
    description_en: "The province's fair of OCOP and rural-industry products.",
    sources: ["https://caobang.gov.vn/hoi-cho-ocop"],
  };
  const figure = {
    key: "products_recognised_2025",
    group_key: "products",
    label_vi: "Sản phẩm CNNT tiêu biểu được công nhận năm 2025",
    label_en: "Rural-industry products recognised in 2025",
    value: 12,
    unit: "products",
    fund: null,
    period: "2025",
    qualifier: null,
    source_url: "https://caobang.gov.vn/khuyen-cong-2025",
  };
  const project = {
    producer: producer.slug,
    year: 2025,
    fund: "local",
    amount_vnd: 150000000,
    title_vi: "Hỗ trợ máy sấy miến",
    title_en: "Support for a noodle dryer",
    kind: "machinery",
    source_url: "https://caobang.gov.vn/khuyen-cong-2025",
  };
  const A = "/admin";
  calls.push(
    ["getAdminProduct", 200, `${A}/products/${PRODUCT}`, { headers: edNoMatch }],
    ["getAdminProduct", 401, `${A}/products/${PRODUCT}`],
    ["createProducer", 201, `${A}/producers`, send("POST", producer, edNoMatch)],
    ["createProducer", 409, `${A}/producers`, send("POST", producer, edNoMatch)],
    ["getAdminProducer", 200, `${A}/producers/${producer.slug}`, { headers: edNoMatch }],
    [
      "updateProducer",
      428,
      `${A}/producers/${producer.slug}`,
      send("PATCH", { founded_year: 2012 }, edNoMatch),
    ],
    ["updateProducer", 200, `${A}/producers/${producer.slug}`, send("PATCH", { founded_year: 2012 })],
    [
      "updateProducer",
      412,
      `${A}/producers/${producer.slug}`,
      send("PATCH", { founded_year: 2013 }, { ...edNoMatch, "if-match": '"0.none"' }),
    ],
    [
      "uploadProducerPhoto",
      200,
      `${A}/producers/${producer.slug}/photo`,
      photo("the cooperative's workshop"),
    ],
    ["createProduct", 201, `${A}/products`, send("POST", product, edNoMatch)],
    ["createProduct", 422, `${A}/products`, send("POST", { ...product, slug: "Khong Hop Le" }, edNoMatch)],
    ["updateProduct", 200, `${A}/products/${product.slug}`, send("PATCH", { category_en: "Glass noodles" })],
    ["uploadProductPhoto", 200, `${A}/products/${product.slug}/photo`, photo("a pack of noodles")],
    ["createRecognition", 201, `${A}/recognitions`, send("POST", recognition, edNoMatch)],
    ["getAdminRecognition", 200, `${A}/recognitions/1000000`, { headers: edNoMatch }],
    ["updateRecognition", 200, `${A}/recognitions/1000000`, send("PATCH", { verified: true })],
    ["publishProduct", 200, `${A}/products/${product.slug}/publish`, send("POST")],
    ["publishProducer", 200, `${A}/producers/${producer.slug}/publish`, send("POST")],
    ["exportCatalogue", 200, `${A}/export/producers`, { headers: edNoMatch }],
    [
      "importCatalogue",
      200,
      `${A}/import?kind=producers`,
      send(
        "POST",
        "slug,name,legal_type,sources\r\nhtx-thu-nhap,HTX Thử Nhập,cooperative,https://caobang.gov.vn/a\r\n",
        {
          ...edNoMatch,
          "content-type": "text/csv",
        },
      ),
    ],
    ["listAuditEvents", 200, `${A}/audit?limit=2`, { headers: edNoMatch }],
    ["listEnquiries", 200, `${A}/enquiries?status=new`, { headers: edNoMatch }],
    ["getEnquiry", 200, `${A}/enquiries/${ENQUIRY_REF}`, { headers: edNoMatch }],
    ["getEnquiry", 404, `${A}/enquiries/aaaaaaaaaaaa`, { headers: edNoMatch }],
    [
      "setEnquiryStatus",
      200,
      `${A}/enquiries/${ENQUIRY_REF}`,
      send("PATCH", { status: "forwarded" }, edNoMatch),
    ],
    ["setEnquiryStatus", 422, `${A}/enquiries/${ENQUIRY_REF}`, send("PATCH", { status: "lost" }, edNoMatch)],
    ["eraseEnquiry", 200, `${A}/enquiries/${ENQUIRY_REF}/erase`, send("POST", undefined, edNoMatch)],
    [
      "createSearchSynonym",
      201,
      `${A}/search/synonyms`,
      send("POST", { term: "lạp xưởng Cao Bằng", synonym: "lạp sườn" }, edNoMatch),
    ],
    [
      "createSearchSynonym",
      409,
      `${A}/search/synonyms`,
      send("POST", { term: "trà", synonym: "chè" }, edNoMatch),
    ],
    [
      "createSearchSynonym",
      422,
      `${A}/search/synonyms`,
      send("POST", { term: "bún", synonym: "miến" }, edNoMatch),
    ],
    ["listSearchSynonyms", 200, `${A}/search/synonyms`, { headers: edNoMatch }],
    ["listSearchMisses", 200, `${A}/search/misses`, { headers: edNoMatch }],
    ["createChannel", 201, `${A}/channels`, send("POST", fair, edNoMatch)],
    ["listAdminChannels", 200, `${A}/channels?facet=trade_fair`, { headers: edNoMatch }],
    ["getAdminChannel", 200, `${A}/channels/${fair.slug}`, { headers: edNoMatch }],
    [
      "updateChannel",
      200,
      `${A}/channels/${fair.slug}`,
      send("PATCH", { website: "https://caobang.gov.vn" }),
    ],
    [
      "createAdminListing",
      201,
      `${A}/listings`,
      send(
        "POST",
        { channel: fair.slug, product: product.slug, status: "in_stock", price_vnd: 60000 },
        edNoMatch,
      ),
    ],
    ["listAdminListings", 200, `${A}/listings?facet=${fair.slug}`, { headers: edNoMatch }],
    ["getAdminListing", 200, `${A}/listings/${fair.slug}/${product.slug}`, { headers: edNoMatch }],
    [
      "updateAdminListing",
      200,
      `${A}/listings/${fair.slug}/${product.slug}`,
      send("PATCH", { price_vnd: 65000 }),
    ],
    [
      "checkListing",
      200,
      `${A}/listings/${fair.slug}/${product.slug}/check`,
      send("POST", { note: "Checked at the fair's booth list" }),
    ],
    ["createSupportProject", 201, `${A}/support-projects`, send("POST", project, edNoMatch)],
    ["listSupportProjects", 200, `${A}/support-projects?facet=local`, { headers: edNoMatch }],
    ["getSupportProject", 200, `${A}/support-projects/1`, { headers: edNoMatch }],
    ["updateSupportProject", 200, `${A}/support-projects/1000000`, send("PATCH", { amount_vnd: 160000000 })],
    ["createProgrammeFigure", 201, `${A}/programme-figures`, send("POST", figure, edNoMatch)],
    ["listProgrammeFigures", 200, `${A}/programme-figures?facet=projects`, { headers: edNoMatch }],
    ["getProgrammeFigure", 200, `${A}/programme-figures/projects_total`, { headers: edNoMatch }],
    [
      "updateProgrammeFigure",
      200,
      `${A}/programme-figures/${figure.key}`,
      send("PATCH", { qualifier: "more_than" }),
    ],
    ["deleteProgrammeFigure", 204, `${A}/programme-figures/${figure.key}`, send("DELETE")],
    ["deleteSupportProject", 204, `${A}/support-projects/1000000`, send("DELETE")],
    ["deleteAdminListing", 204, `${A}/listings/${fair.slug}/${product.slug}`, send("DELETE")],
    ["deleteChannel", 204, `${A}/channels/${fair.slug}`, send("DELETE")],
    ["deleteRecognition", 204, `${A}/recognitions/1000000`, send("DELETE")],
    ["deleteProduct", 204, `${A}/products/${product.slug}`, send("DELETE")],
  );
  const withEtag = async (path: string, init?: RequestInit): Promise<RequestInit | undefined> => {
    const headers = init?.headers as Record<string, string> | undefined;
    if (headers?.["if-match"] !== CURRENT) return init;
    const record = await fetch(`${server.origin}/api/v1${path.replace(/\/(publish|photo|check)$/, "")}`, {
      headers: edNoMatch,
    });
    await record.body?.cancel();
    return { ...init, headers: { ...headers, "if-match": record.headers.get("etag") ?? "" } };
  };
  for (const [operationId, status, path, init] of calls) {
    const res = await fetch(`${server.origin}/api/v1${path}`, await withEtag(path, init));
    const text = await res.text();
    if (res.status !== status)
      throw new Error(`${operationId} ${path}: expected ${status}, got ${res.status} ${text}`);
    const type = res.headers.get("content-type") ?? "";
    if (status === 204) continue;
    const body = type.includes("json") && !type.includes("ndjson") ? trim(JSON.parse(text)) : text;
    keep(
      operationId,
      status,
      typeof body === "string"
        ? body
            .split(/(?<=\n)/)
            .slice(0, 3)
            .join("")
        : body,
    );
  }
  // Webhooks: an endpoint registered, read, changed, its secret rotated, a listing write fanned out to it (the
  // attempt fails here, offline: its delivery shows the error), then deleted. Its id comes from the first answer.
  const hooks = "/channels/aeon/webhooks";
  const hookCall = async (operationId: string, status: number, path: string, init?: RequestInit) => {
    const res = await fetch(`${server.origin}/api/v1${path}`, init);
    const text = await res.text();
    if (res.status !== status)
      throw new Error(`${operationId} ${path}: expected ${status}, got ${res.status} ${text}`);
    const body = text ? JSON.parse(text) : null;
    if (body !== null) keep(operationId, status, trim(body));
    return body;
  };
  const endpointUrl = "https://hooks.example-chain.vn/cnnt";
  const created = await hookCall("createWebhookEndpoint", 201, hooks, {
    method: "POST",
    headers: auth,
    body: JSON.stringify({ url: endpointUrl, events: ["product", "recognition", "listing"] }),
  });
  const one = `${hooks}/${created.id}`;
  await hookCall("createWebhookEndpoint", 422, hooks, {
    method: "POST",
    headers: auth,
    body: JSON.stringify({ url: "https://169.254.169.254/latest" }),
  });
  await hookCall("listWebhookEndpoints", 200, `${hooks}?limit=2`, { headers: auth });
  await hookCall("getWebhookEndpoint", 200, one, { headers: auth });
  await hookCall("getWebhookEndpoint", 404, `${hooks}/ep_000000000000000000000000`, { headers: auth });
  await hookCall("updateWebhookEndpoint", 200, one, {
    method: "PATCH",
    headers: auth,
    body: JSON.stringify({ events: ["listing"] }),
  });
  await hookCall("rotateWebhookSecret", 200, `${one}/rotate-secret?overlap=3600`, {
    method: "POST",
    headers: auth,
  });
  // Offline, the ping's receiver cannot be looked up: a 200 that says so (`delivered: false`, the error).
  await hookCall("pingWebhookEndpoint", 200, `${one}/ping`, { method: "POST", headers: auth });
  await fetch(`${server.origin}/api/v1${LISTING}`, {
    method: "PUT",
    headers: auth,
    body: JSON.stringify({ ...listing, price_vnd: 71000 }),
  }).then((r) => r.body?.cancel());
  for (let i = 0; i < 50; i++) {
    const page = await fetch(`${server.origin}/api/v1${one}/deliveries`, { headers: auth }).then((r) =>
      r.json(),
    );
    if ((page as { data: { attempts: number }[] }).data[0]?.attempts) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  await hookCall("listWebhookDeliveries", 200, `${one}/deliveries?limit=2`, { headers: auth });
  await hookCall("deleteWebhookEndpoint", 204, one, { method: "DELETE", headers: auth });
  keep("createWebhookEndpoint", 409, {
    type: "/problems/too-many-endpoints",
    title: "Conflict",
    status: 409,
    detail: "Channel 'aeon' has 10 webhook endpoints already; delete one first",
    instance: "/api/v1/channels/aeon/webhooks",
  });
  // 429s: more requests at once than a limit allows. Reads from loopback are not limited by address, so the read
  // burst says it comes from a documentation address (as Cloudflare's edge would); keyed writes are limited by key.
  const burst = async (operationId: string, path: string, init?: RequestInit) => {
    for (let round = 0; round < 5 && !examples[operationId]?.[429]; round++) {
      const answers = await Promise.all(
        Array.from({ length: 120 }, () => fetch(`${server.origin}/api/v1${path}`, init)),
      );
      const limited = answers.find((r) => r.status === 429);
      if (limited) keep(operationId, 429, await limited.json());
      await Promise.all(answers.filter((r) => r !== limited).map((r) => r.body?.cancel()));
    }
    if (!examples[operationId]?.[429]) throw new Error(`${operationId}: no 429 after 600 requests`);
  };
  await burst("listProducts", "/products?limit=1", { headers: { "cf-connecting-ip": "203.0.113.7" } });
  await burst("putListing", LISTING, { method: "PUT", headers: auth, body: JSON.stringify(listing) });
  // Only a restore from a backup provokes the change feed's 410; its body as the handler writes it.
  keep("listChanges", 410, {
    type: "/problems/feed-reset",
    title: "Gone",
    status: 410,
    detail:
      "The catalogue was restored from a backup after this cursor was issued. Read the feed again from the beginning (without `cursor`) and replace your copy.",
    instance: "/api/v1/changes",
  });
} finally {
  await server.stop();
}
writeFileSync(OUT, `${JSON.stringify(examples, null, 2)}\n`);
execFileSync(join(ROOT, "node_modules/.bin/biome"), ["format", "--write", OUT], { stdio: "inherit" });
console.log(`wrote ${OUT}`);
