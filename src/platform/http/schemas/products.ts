// A product as the API answers it: in a list (with its search and facets), in detail (listings, support, related
// products) and as the change feed's record.
import { z } from "@hono/zod-openapi";
import { STANDINGS } from "../../../domain/ratings.ts";
import { CHANNEL_KINDS, FUNDS, LISTING_STATUSES, PRODUCT_GROUPS } from "../../../domain/vocabulary.ts";
import { CAP, FacetValue, PageInfo, Producer, Provenance, Recognition, Tier } from "./common.ts";

/** The year, standing and certification of a product's OCOP rating, as its list item and its card say them. */
const ocopRating = {
  ocop_year: z.number().int().nullable().openapi({
    description:
      "The year of the rating behind `ocop_stars` (null when it has none, or its source gives no year): a rating is of its year",
  }),
  ocop_standing: z.enum(STANDINGS).nullable().openapi({
    description:
      "Where the rating behind `ocop_stars` stands today (see Recognition.standing): `may_have_lapsed` when its 36 months may have run out and no later rating is recorded. Null without `ocop_stars`.",
  }),
  ocop: z.boolean().openapi({
    description:
      "The product holds an OCOP certification, whether or not a source states its stars (`ocop_stars` is null when none does)",
  }),
};

export const ProductListItem = z
  .object({
    slug: z.string(),
    name: z.string(),
    name_vi: z.string(),
    name_en: z.string(),
    category: z.string(),
    group: z.enum(PRODUCT_GROUPS),
    tier: Tier,
    ocop_stars: z.number().int().nullable().openapi({
      description:
        "Highest OCOP stars stated for the product, counted as a recognition of its year (`ocop_year`): a 2020 rating that may have lapsed still counts here, in the `scheme` facet and in `sort=tier`; `ocop_standing` says whether it may have lapsed. Null when it has none, or when its sources give none (scheme=ocop still finds it)",
    }),
    ...ocopRating,
    image: z.string().nullable(),
    image_alt: z.string().nullable(),
    price_from_vnd: z.number().int().nullable(),
    sample: z.boolean(),
    producer: z.object({ slug: z.string(), name: z.string(), district: z.string().nullable() }),
    provenance: Provenance,
  })
  .openapi("ProductListItem");

export const SearchInfo = z
  .object({
    words: z
      .string()
      .openapi({ description: "The words searched, folded (accents off, đ → d)", example: "khau sly" }),
    matched: z.number().int().openapi({
      description: "Products (before filters) matching the words as typed, synonyms included",
    }),
    corrected: z.number().int().openapi({
      description:
        "Products (before filters) matching only through a typo's correction; listed after the others",
    }),
    descriptions_only: z.boolean().openapi({
      description:
        "Nothing matched names, kinds, producers, places or recognitions: the results match descriptions",
    }),
    did_you_mean: z.string().nullable().openapi({
      description: `The query with each typo corrected, when the words as typed matched fewer than 3 products ("Bạn có muốn tìm …")`,
      example: "khau sli",
    }),
  })
  .openapi("SearchInfo");

export const ProductList = z
  .object({
    data: z.array(ProductListItem),
    page: PageInfo.extend({
      illustrative: z
        .number()
        .int()
        .openapi({ description: "How many of `total` are illustrative (0 without `include=illustrative`)" }),
      total_relation: z.enum(["eq", "gte"]).openapi({
        description: `\`eq\`: \`total\` is exact. \`gte\`: the search matched over ${CAP} products; \`total\` counts its ${CAP} best-ranked matches that pass the filters (a lower bound).`,
      }),
    }),
    facets: z.object({
      tier: z.array(FacetValue),
      scheme: z.array(FacetValue),
      group: z.array(FacetValue),
      producer: z.array(FacetValue),
      channel: z.array(FacetValue),
      district: z.array(FacetValue),
    }),
    facets_exhaustive: z.boolean().openapi({
      description: `\`false\` when the search matched over ${CAP} products: facet counts cover its ${CAP} best-ranked matches (lower bounds).`,
    }),
    search: SearchInfo.nullable().openapi({ description: "What the search did; null without `q`" }),
  })
  .openapi("ProductList");

export const Store = z.object({ name: z.string(), city: z.string(), province: z.string() });

/** A listing's own fields, shared by the catalogue's view and the retailer's view of it. */
export const ListingFields = z.object({
  status: z.enum(LISTING_STATUSES),
  price_vnd: z.number().int().nullable(),
  channel_sku: z.string().nullable(),
  url: z.string().nullable(),
  stores: z.array(Store),
  note: z.string().nullable(),
  last_verified: z.string().nullable(),
  source_url: z.string().nullable(),
  sample: z.boolean(),
  version: z.number().int(),
  updated_at: z.string(),
  provenance: Provenance,
});

export const Listing = ListingFields.extend({
  channel: z.object({ slug: z.string(), name: z.string(), kind: z.enum(CHANNEL_KINDS) }),
}).openapi("Listing");

export const SupportProject = z
  .object({
    id: z.number().int(),
    year: z.number().int().nullable(),
    fund: z.enum(FUNDS),
    amount_vnd: z.number().int().nullable(),
    title: z.string(),
    kind: z.string().nullable(),
    source_url: z.string(),
    sample: z.boolean(),
    provenance: Provenance,
  })
  .openapi("SupportProject");

export const ProductCard = z.object({
  slug: z.string(),
  name: z.string(),
  category: z.string(),
  group: z.enum(PRODUCT_GROUPS),
  image: z.string().nullable(),
  tier: Tier,
  ocop_stars: z.number().int().nullable(),
  ...ocopRating,
  sample: z.boolean(),
  provenance: Provenance,
});

export const ProductDetail = z
  .object({
    slug: z.string(),
    name: z.string(),
    name_vi: z.string(),
    name_en: z.string(),
    description: z.string(),
    group: z.enum(PRODUCT_GROUPS),
    category: z.string(),
    kind: z
      .object({ slug: z.string(), name: z.string() })
      .nullable()
      .openapi({ description: "The product's kind (`GET /kinds/{slug}`); null when its category has none" }),
    tier: Tier,
    ocop_stars: z.number().int().nullable(),
    packaging: z.array(
      z.object({
        label: z.string(),
        net_weight_g: z.number().nullable(),
        price_vnd: z.number().int().nullable(),
        sample: z.boolean(),
        gtin: z.string().nullable().openapi({
          description:
            "The pack's GTIN (barcode digits, GS1 check digit verified) as a producer or chain states it; null until one does",
        }),
      }),
    ),
    image: z.string().nullable(),
    image_alt: z.string(),
    sources: z.array(z.string()),
    sample: z.boolean(),
    sample_fields: z.array(z.string()),
    provenance: Provenance,
    created_at: z.string(),
    updated_at: z.string(),
    producer: Producer,
    recognitions: z.array(Recognition),
    listings: z.array(Listing),
    support_projects: z.array(SupportProject),
    related: z.array(
      ProductCard.omit({ category: true, group: true }).extend({
        producer: z.object({ slug: z.string(), name: z.string() }).openapi({
          description: "Who makes it, as the catalogue's product cards name the producer",
        }),
      }),
    ),
  })
  .openapi("ProductDetail");

/**
 * A product as the change feed's `expand=record` gives it: its detail's own fields, its producer by slug and name;
 * its recognitions and listings are records of their own in the feed.
 */
export const ProductRecord = ProductDetail.omit({
  producer: true,
  recognitions: true,
  listings: true,
  support_projects: true,
  related: true,
})
  .extend({ producer: z.object({ slug: z.string(), name: z.string() }) })
  .openapi("ProductRecord");
