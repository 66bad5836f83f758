import { env } from "cloudflare:workers";
import { formStamp } from "../../src/enquiries/stamp.ts";
import { call } from "../helpers/http.ts";
import { catalogue } from "../helpers/seed.ts";

const real = (r: { provenance?: string }) => r.provenance !== "illustrative";
const producerBySlug = new Map(catalogue.producers.map((p) => [p.slug, p]));

/** A real product of a real producer, and an illustrative product, from the seed. */
export const REAL_PRODUCT = catalogue.products.find(
  (p) => real(p) && real(producerBySlug.get(p.producer) ?? {}),
) as (typeof catalogue.products)[number];
export const ILLUSTRATIVE_PRODUCT = catalogue.products.find(
  (p) => !real(p),
) as (typeof catalogue.products)[number];
export const REAL_PRODUCER = producerBySlug.get(
  REAL_PRODUCT.producer,
) as (typeof catalogue.producers)[number];
/** Another real producer than REAL_PRODUCER (for scoping tests). */
export const OTHER_PRODUCER = catalogue.producers.find(
  (p) => real(p) && p.slug !== REAL_PRODUCER.slug,
) as (typeof catalogue.producers)[number];

/** A valid API body; override any field. */
export const enquiry = (over: Record<string, unknown> = {}) => ({
  product: REAL_PRODUCT.slug,
  kind: "wholesale",
  quantity: "20 gói",
  message: "Cho tôi hỏi giá sỉ và cách giao hàng về Hà Nội.",
  name: "Nguyễn Văn An",
  email: "an.nguyen@example.vn",
  consent: true,
  ...over,
});

let n = 0;
/** A distinct sender address per call (the daily per-address limit stays out of the way). */
export const freshAddress = () => `198.51.100.${(n++ % 250) + 1}`;

/** POSTs to the API operation as a client would. */
export function postEnquiry(body: unknown, headers: Record<string, string> = {}) {
  return call("/api/v1/enquiries", {
    method: "POST",
    headers: { "content-type": "application/json", "cf-connecting-ip": freshAddress(), ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** A signed form stamp rendered `ageMs` ago (default: 10 s, old enough to pass). */
export const stampAged = (ageMs = 10_000) => formStamp(env.CURSOR_SECRET, Date.now() - ageMs);

/** POSTs the no-JavaScript form, as a browser would (urlencoded, no redirect following). */
export async function postForm(
  fields: Record<string, string>,
  lang: "vi" | "en" = "vi",
  headers: Record<string, string> = {},
) {
  return call(lang === "vi" ? "/hoi-mua" : "/en/enquire", {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "cf-connecting-ip": freshAddress(),
      origin: "http://localhost",
      ...headers,
    },
    body: new URLSearchParams(fields).toString(),
    redirect: "manual",
  });
}

/** A valid form's fields with a stamp old enough; override any. */
export async function formFields(over: Record<string, string> = {}) {
  return {
    product: REAL_PRODUCT.slug,
    stamp: await stampAged(),
    consent_version: "2026-12-07",
    kind: "self",
    quantity: "",
    message: "Sản phẩm còn hàng không ạ?",
    name: "Trần Thị Bình",
    email: "",
    phone: "0912 345 678",
    organisation: "",
    consent: "yes",
    website: "",
    ...over,
  };
}

/** The stored enquiries, newest first (the test reads D1 directly). */
export const stored = async () =>
  (await env.DB.prepare("SELECT * FROM enquiries ORDER BY id DESC").all<Record<string, unknown>>()).results;
