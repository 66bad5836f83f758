// A product as lists show it (the API's list, the pages' cards): the row a list reads and its mapping, with the
// product's provenance and its illustrative values withheld unless asked.
import {
  asProvenance,
  mark,
  packagingState,
  parseFieldProvenance,
  weakest,
} from "../../domain/provenance.ts";
import { type Lang, tierOf } from "../../domain/vocabulary.ts";
import { ocopAsOf, type ProductSummaryRow, parseJson } from "../../platform/db/mappers.ts";

/** A row of the product list's query. */
export interface ListRow extends ProductSummaryRow {
  id: number;
  image_alt_vi: string | null;
  image_alt_en: string | null;
  created_at: string;
  sort_key: string;
  recognition_rank: number;
  /** 1 when the product holds an OCOP certification (stars stated or not). */
  ocop: number;
  /** The year of the rating behind `ocop_stars`, and of the product's latest dated OCOP rating. */
  ocop_year: number | null;
  ocop_latest: number | null;
  producer_district: string | null;
  rank: number | null;
  provenance: string;
  field_provenance: string;
  producer_provenance: string;
  producer_field_provenance: string;
  /** 1 when the product is illustrative: the first sort key when illustrative products are included. */
  illustrative: number;
}

/**
 * A product as it appears in lists, with its `provenance`: the lowest price takes the state of the packaging it
 * comes from; the producer's district its own. Without `include`, illustrative values are left out (see `mark`).
 */
export function listItem(r: ListRow, lang: Lang, include = false) {
  const packaging = parseJson<{ priceVnd: number | null; sample?: boolean }[]>(r.packaging, []);
  const prices = packaging.map((p) => p.priceVnd).filter((p): p is number => typeof p === "number");
  const fields = parseFieldProvenance(r.field_provenance);
  const producerState = asProvenance(r.producer_provenance);
  const producerFields = parseFieldProvenance(r.producer_field_provenance);
  const item = {
    slug: r.slug,
    name: lang === "vi" ? r.name_vi : r.name_en,
    name_vi: r.name_vi,
    name_en: r.name_en,
    category: lang === "vi" ? r.category_vi : r.category_en,
    group: r.product_group,
    tier: tierOf(r.tier_rank),
    ocop_stars: r.ocop_stars || null,
    ...ocopAsOf(r.ocop_stars, r.ocop_year, r.ocop_latest),
    ocop: r.ocop === 1,
    image: r.image,
    image_alt: lang === "vi" ? r.image_alt_vi : r.image_alt_en,
    price_from_vnd: prices.length ? Math.min(...prices) : null,
    sample: r.sample === 1,
    producer: { slug: r.producer_slug, name: r.producer_name, district: r.producer_district },
  };
  return mark(
    item,
    asProvenance(r.provenance),
    {
      description: fields.description,
      price_from_vnd: packagingState(fields, packaging),
      producer: producerState,
      "producer.district": weakest(producerState, producerFields.district),
    },
    include,
  );
}
export type ProductListItem = ReturnType<typeof listItem>;
