/**
 * The preview of a product as its public page will show it once published: the draft (with its producer's and
 * recognitions' drafts) is turned into the rows the public query reads and passed through the same mappers, so the
 * editor pages can render the real `ProductPage` component. What a draft does not hold — listings, support
 * projects, related products — comes from the live catalogue.
 */
import type { Context } from "hono";
import { type FieldProvenance, mark, packagingState } from "../../domain/provenance.ts";
import { type Lang, LEVEL_RANK, pick, tierOf } from "../../domain/vocabulary.ts";
import { createDb } from "../../platform/db/client.ts";
import { producerOut, recognitionOut } from "../../platform/db/mappers.ts";
import { getProduct, type ProductDetail } from "../../platform/db/product-detail.ts";
import type { producers, recognitions } from "../../platform/db/schema.ts";
import type { AppEnv } from "../../platform/env.ts";
import { districtSlug } from "../../platform/lib/fold.ts";
import { NOT_STATED, type ProducerRecord, type RecognitionRecord, settleProvenance } from "../schemas.ts";
import { readProductBundle, workingCopy } from "./store.ts";

/** The provenance an editor's record carries (as the publish statements write it into the catalogue). */
const flags = (r: Parameters<typeof settleProvenance>[0]) => {
  const settled = settleProvenance(r);
  return { state: settled.provenance, fields: settled.field_provenance as FieldProvenance };
};
/** A stars or year an editor said was not stated is unknown (null) on the public page. */
const known = (v: number | typeof NOT_STATED | null) => (v === NOT_STATED ? null : v);

const producerRow = (p: ProducerRecord): typeof producers.$inferSelect => ({
  id: 0,
  slug: p.slug,
  name: p.name,
  legalType: p.legal_type,
  street: p.street,
  commune: p.commune,
  district: p.district,
  districtSlug: p.district ? districtSlug(p.district) : null,
  province: "Cao Bằng",
  foundedYear: p.founded_year,
  representative: p.representative,
  descriptionVi: p.description_vi,
  descriptionEn: p.description_en,
  sources: p.sources,
  sample: p.sample,
  sampleFields: p.sample_fields,
  provenance: flags(p).state,
  fieldProvenance: flags(p).fields,
  addressAsOf: null,
  image: p.image ?? null,
  imageAltVi: p.image_alt_vi ?? null,
  imageAltEn: p.image_alt_en ?? null,
  publicContact: p.public_contact ?? null,
  producerStatedOn: p.producer_stated_on ?? null,
  createdAt: "",
  updatedAt: "",
});

const recognitionRow = (r: RecognitionRecord): typeof recognitions.$inferSelect => ({
  id: r.id,
  productId: 0,
  scheme: r.scheme,
  level: r.level,
  stars: known(r.stars),
  year: known(r.year),
  titleVi: r.title_vi,
  titleEn: r.title_en,
  decisionNumber: r.decision_number,
  issuer: r.issuer === NOT_STATED ? null : r.issuer,
  sourceUrl: r.source_url,
  verified: r.verified,
  sample: r.sample,
  noteVi: r.note_vi,
  noteEn: r.note_en,
  provenance: flags(r).state,
  fieldProvenance: flags(r).fields,
  createdAt: "",
  updatedAt: "",
});

/** The public page's data for a product's working copy (draft or live), or null when there is no such product. */
export async function previewDetail(
  c: Context<AppEnv>,
  slug: string,
  lang: Lang,
): Promise<ProductDetail | null> {
  const bundle = await readProductBundle(c.get("d1"), slug);
  const p = workingCopy(bundle.product);
  if (!p) return null;
  const live = bundle.product.live ? await getProduct(createDb(c.get("d1")), slug, lang, true) : null;
  const liveDetail = live && live !== "illustrative" ? live : null;
  const producer = bundle.producer ? workingCopy(bundle.producer) : null;
  const recs = bundle.recognitions.map((r) => workingCopy(r)).filter((r) => r !== null);
  // The derived tier and stars, as the catalogue's triggers compute them: the best CNNT-TB level, the most stars.
  const rank = Math.max(
    0,
    ...recs
      .filter((r) => r.scheme === "cnnt" && r.level)
      .map((r) => LEVEL_RANK[r.level ?? "provincial"] ?? 0),
  );
  const stars = Math.max(0, ...recs.filter((r) => r.scheme === "ocop").map((r) => known(r.stars) ?? 0));
  const { state, fields } = flags(p);
  const packaging = p.packaging.map((k) => ({
    label: k.label,
    labelEn: k.label_en ?? undefined,
    netWeightG: k.net_weight_g,
    priceVnd: k.price_vnd,
    sample: k.sample,
    gtin: k.gtin,
  }));
  const out = {
    slug: p.slug,
    name: pick(lang, p.name_vi, p.name_en),
    name_vi: p.name_vi,
    name_en: p.name_en,
    description: pick(lang, p.description_vi, p.description_en),
    group: p.product_group,
    category: pick(lang, p.category_vi, p.category_en),
    tier: tierOf(rank),
    ocop_stars: stars || null,
    // The pack's name in the page's language, as the catalogue shows it (src/platform/db/product-detail.ts).
    packaging: p.packaging.map(({ label_en, ...k }) => ({
      ...k,
      label: pick(lang, k.label, label_en ?? k.label),
    })),
    image: p.image,
    image_alt: pick(lang, p.image_alt_vi ?? "", p.image_alt_en ?? ""),
    sources: p.sources,
    sample: p.sample,
    sample_fields: p.sample_fields,
    created_at: "",
    updated_at: "",
    producer: producer
      ? producerOut(producerRow(producer), lang, true)
      : (liveDetail?.producer as ProductDetail["producer"]),
    own: {
      on: p.producer_stated_on ?? null,
      producer_contact: producer
        ? (producer.public_contact ?? null)
        : (liveDetail?.own.producer_contact ?? null),
      producer_on: producer ? (producer.producer_stated_on ?? null) : (liveDetail?.own.producer_on ?? null),
    },
    recognitions: recs.map((r) => recognitionOut(recognitionRow(r), lang, undefined, true)),
    listings: liveDetail?.listings ?? [],
    support_projects: liveDetail?.support_projects ?? [],
    related: liveDetail?.related ?? [],
  };
  return mark(out, state, { ...fields, packaging: packagingState(fields, packaging) }, true) as ProductDetail;
}
