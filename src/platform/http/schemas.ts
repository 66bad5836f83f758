import { z } from "@hono/zod-openapi";
import { PROVENANCE, QUALIFIERS } from "../../domain/provenance.ts";
import { STANDINGS } from "../../domain/ratings.ts";
import {
  CHANNEL_KINDS,
  CNNT_LEVELS,
  COUNT_CAP,
  FACETS,
  FUNDS,
  LANGS,
  LEGAL_TYPES,
  LISTING_STATUSES,
  MAX_FILTER_VALUES,
  MAX_FILTER_VALUES_TOTAL,
  PRODUCT_GROUPS,
  SCHEMES,
  SLUG_MAX,
  SLUG_MESSAGE,
  SLUG_PATTERN,
  SORTS,
  TIERS,
} from "../../domain/vocabulary.ts";
import { MAX_QUERY_LENGTH } from "../lib/fold.ts";

/** A slug (path segment, filter value, body field): lowercase letters, digits and hyphens. */
export const slug = (message = SLUG_MESSAGE) => z.string().max(SLUG_MAX).regex(SLUG_PATTERN, message);

/** A path parameter holding a slug. */
export const slugPath = (name: string, example: string) =>
  slug().openapi({ param: { name, in: "path" }, example });

/** A path slug: lowercase letters, digits and hyphens. */
export const SlugParam = (example: string) => z.object({ slug: slugPath("slug", example) });

/**
 * The values of a filter that takes one or more: repeated (`?tier=a&tier=b`) or comma-separated (`?tier=a,b`),
 * trimmed, blanks dropped, repeats counted once (`tier=national` twenty times is one value). The API's query and
 * the catalogue page read a filter through this one rule.
 */
export const filterValues = (v: unknown): unknown[] => [
  ...new Set(
    (Array.isArray(v) ? v : [v])
      .flatMap((s) => (typeof s === "string" ? s.split(",") : [s]))
      .map((s) => (typeof s === "string" ? s.trim() : s))
      .filter((s) => s !== ""),
  ),
];

/**
 * A filter that takes one or more values (filterValues), at most MAX_FILTER_VALUES distinct. Declared as what it
 * is, an array of its values (`style: form, explode: true`: the repeated form), so that generated clients take
 * `tier: ["national", "regional"]` and check each value against the enum.
 */
const multi = <T extends z.ZodType<string>>(item: T, description: string) =>
  z
    .preprocess(
      filterValues,
      z.array(item).min(1).max(MAX_FILTER_VALUES, `at most ${MAX_FILTER_VALUES} different values`),
    )
    .optional()
    .openapi({ description, param: { style: "form", explode: true } });

/**
 * A whole number in a query string, written the plain way: decimal digits, no sign, no leading zero, no
 * space, exponent, fraction or `0x`/`0b`/`0o` prefix (which `Number()` would all accept).
 */
export const decimal = (min: number, max: number) =>
  z
    .string()
    .regex(/^(0|[1-9][0-9]{0,8})$/, "must be a whole number in decimal digits, such as 20")
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

const slugValue = slug("must be a slug");

/** What one value of each catalogue filter must be: the API rejects any other (400), the page drops it. */
export const FACET_VALUE = {
  tier: z.enum(TIERS),
  scheme: z.enum(SCHEMES),
  group: z.enum(PRODUCT_GROUPS),
  producer: slugValue,
  channel: slugValue,
  district: slugValue,
} as const satisfies Record<(typeof FACETS)[number], z.ZodType<string>>;

export const Lang = z.enum(LANGS).default("vi").openapi({ description: "Language of names and texts" });
export const Limit = decimal(1, 100)
  .default(20)
  .openapi({ description: "Page size, 1–100", type: "integer", minimum: 1, maximum: 100, default: 20 });
export const Cursor = z
  .string()
  .max(1000)
  .optional()
  .openapi({ description: "Opaque cursor from `page.next_cursor` of the previous page" });

/**
 * `include=illustrative`: by default every output leaves illustrative records out and empties the illustrative
 * fields of real records (named in `provenance.withheld`); with it, they are included and marked.
 */
export const Include = z.enum(["illustrative"]).optional().openapi({
  description:
    "`illustrative` also returns illustrative (made-up, example) records and values, each marked in `provenance`. Without it, illustrative records are left out and illustrative fields of real records are empty and named in `provenance.withheld`.",
});

/** How an output record's values are known; see the README, "Honest data". */
const State = z.enum(PROVENANCE);
export const Provenance = z
  .object({
    record: State.openapi({ description: "How the record itself is known" }),
    fields: z.object({}).catchall(State).openapi({
      description: "Fields known less well than `sourced`, by name (paths like `address.district`)",
    }),
    withheld: z
      .array(z.string())
      .optional()
      .openapi({ description: "Illustrative fields emptied because `include=illustrative` was not given" }),
  })
  .openapi("Provenance", {
    description:
      "sourced: a cited source states it; inferred: reasoned from sources, not stated; illustrative: made up to show what the catalogue can hold. A field not named in `fields` has the record's state.",
  });

export const ProductsQuery = z
  .object({
    q: z.string().max(MAX_QUERY_LENGTH, `at most ${MAX_QUERY_LENGTH} characters`).optional().openapi({
      description:
        "Search text, matched in the products' names (Vietnamese and English), kinds, producers, districts and recognitions — not in internal notes; descriptions only when nothing else matches. Accents and tone-mark placement optional (“mien dong”, “Hoà”/“Hòa”, đ/d). Synonyms both ways, from data editors extend (chè ↔ trà, lạp xưởng ↔ lạp sườn, tea ↔ trà, jiaogulan ↔ giảo cổ lam…; never between different products such as bún and miến). A word of 4 letters or more (3 beside other words) that is no word of the catalogue also matches within one typo (two from 8 letters), ranked below every exact match; `search.did_you_mean` then offers the correction. Ranking: name (or synonym) matches first, the words as one phrase before scattered ones, then kind, producer, place, recognition.",
      example: "mien dong",
    }),
    tier: multi(
      FACET_VALUE.tier,
      "Highest CNNT-TB tier: provincial, regional, national — a title of the vote of its year, whichever year",
    ),
    scheme: multi(
      FACET_VALUE.scheme,
      "Has a recognition in this scheme, of any year: an OCOP rating counts as a recognition of its year, including one that may have lapsed (see `ocop_standing`)",
    ),
    group: multi(FACET_VALUE.group, "CNNT product group"),
    producer: multi(FACET_VALUE.producer, "Producer slug"),
    channel: multi(FACET_VALUE.channel, "Retail channel slug (products listed there)"),
    district: multi(FACET_VALUE.district, "District slug of the producer, e.g. nguyen-binh"),
    sort: z.enum(SORTS).optional().openapi({
      description:
        "Default: relevance with q, otherwise tier — the strongest recognition first, OCOP stars counted, ratings as of their year (an OCOP rating is valid for 36 months from its decision). Grades, strongest first: a national CNNT-TB title; a current OCOP 5★; a regional CNNT-TB title; a current OCOP 4★; a provincial CNNT-TB title; a current OCOP 3★ (then current with stars not stated); an OCOP rating that may have lapsed (decided three years ago or more, with no later rating recorded) or whose year is not stated, 5★ before 4★ before 3★; a district CNNT-TB title; a geographical indication or collective mark; none. So a current OCOP 4★ (the top grade the province certifies) comes before a provincial CNNT-TB title and after a regional one, and a 4★ that may have lapsed or is undated comes after the provincial title. Among equal grades the latest stated year first, a year not stated (or only inferred) last; then by name. Illustrative recognitions rank only illustrative products.",
    }),
    limit: Limit,
    cursor: Cursor,
    lang: Lang,
    include: Include,
  })
  .strict()
  // Every filter value is a bound parameter (D1: at most 100 a statement), so the lists together are capped.
  .superRefine((q, ctx) => {
    const lists = FACETS.map((f) => [f, q[f]?.length ?? 0] as const);
    const total = lists.reduce((n, [, k]) => n + k, 0);
    if (total > MAX_FILTER_VALUES_TOTAL) {
      const [largest] = [...lists].sort((a, b) => b[1] - a[1])[0] ?? ["tier"];
      ctx.addIssue({
        code: "custom",
        path: [largest],
        message: `the filters take at most ${MAX_FILTER_VALUES_TOTAL} different values together (${total} given)`,
      });
    }
  });

export const LangQuery = z.object({ lang: Lang }).strict();
/** One record (or a list without pages) in a language, with or without illustrative records. */
export const DetailQuery = z.object({ lang: Lang, include: Include }).strict();
export const PageQuery = z.object({ limit: Limit, cursor: Cursor, lang: Lang, include: Include }).strict();

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    invalid_params: z.array(z.object({ name: z.string(), reason: z.string() })).optional(),
  })
  .openapi("Problem");

/** A problem+json response body, for route contracts. */
export const problemContent = { "application/problem+json": { schema: ProblemSchema } };
export const errors = {
  400: { description: "Invalid parameter (named in `invalid_params`)", content: problemContent },
  429: {
    description:
      "Rate limited (per client address; per API key for keyed writes); `Retry-After` says when to retry",
    headers: {
      "Retry-After": { schema: { type: "integer" as const }, description: "Seconds until the window resets" },
      RateLimit: {
        schema: { type: "string" as const },
        description:
          'IETF RateLimit field of the policy that refused: `"api";r=0;t=10` (nothing remaining, resets in `t` s)',
      },
      "RateLimit-Policy": {
        schema: { type: "string" as const },
        description:
          'IETF RateLimit-Policy: quota `q` per window `w` s, e.g. `"api";q=100;w=10`; every limited answer carries it',
      },
    },
    content: problemContent,
  },
} as const;
export const notFound = { 404: { description: "No such resource", content: problemContent } } as const;
export const notModified = {
  304: { description: "Not modified (the `If-None-Match` ETag matches)" },
} as const;

const Tier = z.enum(CNNT_LEVELS).nullable();
const CAP = COUNT_CAP.toLocaleString("en-GB");
/** Every collection pages the same way: follow `next_cursor` (as `cursor`) while `has_more`. */
const PageInfo = z.object({
  limit: z.number().int(),
  total: z.number().int().openapi({ description: "Items in the whole collection (with these filters)" }),
  has_more: z.boolean().openapi({ description: "Whether another page follows (then `next_cursor` is set)" }),
  next_cursor: z.string().nullable().openapi({ description: "Pass as `cursor` for the next page" }),
});
const FacetValue = z.object({
  value: z.string(),
  label: z.string(),
  count: z.number().int(),
  illustrative: z.number().int().openapi({ description: "How many of `count` are illustrative" }),
});

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

export const Producer = z
  .object({
    slug: z.string(),
    name: z.string(),
    legal_type: z.enum(LEGAL_TYPES),
    address: z.object({
      street: z.string().nullable(),
      commune: z.string().nullable(),
      district: z.string().nullable(),
      district_slug: z.string().nullable(),
      province: z.string(),
      as_of: z.enum(["before_2025_reform", "after_2025_reform"]).nullable().openapi({
        description:
          "Whether street and commune are as the source gave them before or after Vietnam's 1 July 2025 reform (null: not known). `district` is always the former district (huyện cũ), kept as a browsing area: districts were abolished by the reform.",
      }),
    }),
    founded_year: z.number().int().nullable(),
    representative: z.string().nullable(),
    description: z.string(),
    sources: z.array(z.string()),
    sample: z.boolean(),
    sample_fields: z.array(z.string()),
    provenance: Provenance,
  })
  .openapi("Producer");

export const Recognition = z
  .object({
    id: z.number().int(),
    scheme: z.enum(SCHEMES),
    level: z.enum(CNNT_LEVELS).nullable(),
    stars: z.number().int().nullable().openapi({
      description:
        "OCOP stars (3–5). Null on an OCOP recognition means its source names the product as OCOP without stating the stars; null for other schemes",
    }),
    year: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "Year of the decision; null when the source does not state it" }),
    title: z.string(),
    decision_number: z.string().nullable(),
    issuer: z.string().nullable(),
    source_url: z.string(),
    verified: z.boolean(),
    sample: z.boolean(),
    note: z.string().nullable(),
    standing: z
      .object({
        status: z.enum(STANDINGS).openapi({
          description:
            "`within_validity`: an OCOP rating whose 36 months from its decision cannot have run out yet. `may_have_lapsed`: one whose 36 months may have run out (from 1 January of `lapses_from`; the day of the decision is not recorded) with no later OCOP rating of the product recorded. `renewed`: a later OCOP rating of the product is recorded (`renewed_in`). `year_not_stated`: an OCOP rating of unknown year, so whether it holds is unknown. `vote_of_its_year`: a CNNT-TB title, the result of that year's vote. `not_dated`: another recognition the catalogue does not date.",
        }),
        recognized_in: z
          .number()
          .int()
          .nullable()
          .openapi({ description: "The year of the decision (= `year`)" }),
        lapses_from: z.number().int().nullable().openapi({
          description: "OCOP: the year in which its 36 months run out (`year` + 3); null otherwise",
        }),
        renewed_in: z
          .number()
          .int()
          .nullable()
          .openapi({ description: "The year of the later OCOP rating, when renewed" }),
        text: z.string().openapi({
          description: "The standing in words, in `lang`: “Recognized in 2020. … it may have lapsed.”",
        }),
      })
      .openapi({
        description:
          "A recognition is a decision of its year, not a standing fact: an OCOP rating is valid for 36 months unless renewed. Read a rating as “recognized in 2020”, never as a current fact when `status` is `may_have_lapsed` or `year_not_stated`.",
      }),
    provenance: Provenance,
  })
  .openapi("Recognition");

const Store = z.object({ name: z.string(), city: z.string(), province: z.string() });
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

const SupportProject = z
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

const ProductCard = z.object({
  slug: z.string(),
  name: z.string(),
  category: z.string(),
  group: z.enum(PRODUCT_GROUPS),
  image: z.string().nullable(),
  tier: Tier,
  ocop_stars: z.number().int().nullable(),
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

export const ProducerList = z
  .object({
    data: z.array(Producer.extend({ product_count: z.number().int(), tier: Tier })),
    page: PageInfo,
  })
  .openapi("ProducerList");

export const ProducerDetail = Producer.extend({
  products: z.array(ProductCard),
  recognitions: z.array(Recognition.extend({ product: z.object({ slug: z.string(), name: z.string() }) })),
  support_projects: z.array(SupportProject),
}).openapi("ProducerDetail");

const Channel = z.object({
  slug: z.string(),
  name: z.string(),
  kind: z.enum(CHANNEL_KINDS),
  website: z.string().nullable(),
  description: z.string(),
  sources: z.array(z.string()),
  sample: z.boolean(),
  provenance: Provenance,
});
export const ChannelList = z
  .object({
    data: z.array(
      Channel.extend({
        listing_count: z.number().int().openapi({
          description:
            "Listings of this channel returned by the same query (illustrative ones only with `include`)",
        }),
        illustrative_listing_count: z
          .number()
          .int()
          .openapi({ description: "How many of `listing_count` are illustrative" }),
      }),
    ),
    page: PageInfo,
  })
  .openapi("ChannelList");
export const ChannelDetail = Channel.extend({
  listings: z.array(Listing.extend({ product: ProductCard })),
}).openapi("ChannelDetail");

const Kind = z.object({
  slug: z.string(),
  name: z.string(),
  name_vi: z.string(),
  name_en: z.string(),
  representative: z.boolean().openapi({
    description:
      "One of the five products the programme article names as the province's representative products (miến dong, khẩu sli, chè giảo cổ lam, lạp sườn, trúc mỹ nghệ)",
  }),
  facts: z
    .array(z.object({ text: z.string(), sources: z.array(z.string()) }))
    .openapi({ description: "What the sources say about the kind, one statement each, with its sources" }),
  sources: z.array(z.string()).openapi({ description: "Every source of `facts`" }),
  provenance: Provenance,
});
export const KindList = z
  .object({
    data: z.array(
      Kind.extend({
        product_count: z.number().int().openapi({
          description:
            "Products of this kind returned by the same query (illustrative ones only with `include`); 0 when no producer of it is recorded",
        }),
        illustrative_product_count: z
          .number()
          .int()
          .openapi({ description: "How many of `product_count` are illustrative" }),
      }),
    ),
  })
  .openapi("KindList");
export const KindDetail = Kind.extend({
  products: z.array(ProductCard).openapi({
    description:
      "The catalogue's products of this kind, real ones first, best tier first; empty when no producer of it is recorded yet",
  }),
}).openapi("KindDetail");

export const RecognitionsQuery = z
  .object({
    scheme: z.enum(SCHEMES).optional(),
    level: z.enum(CNNT_LEVELS).optional(),
    year: decimal(1990, 2100).optional().openapi({ type: "integer", minimum: 1990, maximum: 2100 }),
    limit: Limit,
    cursor: Cursor,
    lang: Lang,
    include: Include,
  })
  .strict();

export const RecognitionList = z
  .object({
    data: z.array(
      Recognition.extend({
        product: z.object({ slug: z.string(), name: z.string() }),
        producer: z.object({ slug: z.string(), name: z.string() }),
      }),
    ),
    page: PageInfo,
  })
  .openapi("RecognitionList");

/** One recognition of the list, as `data[]` has it (and `GET /recognitions/{id}`). */
export const RecognitionItem = RecognitionList.shape.data.element.openapi("RecognitionItem");

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

export const Programme = z
  .object({
    period: z.string(),
    figures: z.array(
      z.object({
        key: z.string(),
        group: z.string(),
        label: z.string(),
        value: z.number(),
        unit: z.enum(["projects", "vnd", "facilities", "products"]),
        fund: z.enum(["national", "local", "total"]).nullable(),
        qualifier: z.enum(QUALIFIERS).nullable().openapi({
          description:
            "The source's hedge on `value`: more_than (“hơn”), nearly (“gần”), about (“khoảng”); null when the source gives it as exact",
        }),
        period: z.string(),
        source_url: z.string(),
      }),
    ),
    support_projects: z.array(
      SupportProject.extend({ producer: z.object({ slug: z.string(), name: z.string() }).nullable() }),
    ),
    catalogue_recognitions: z.array(
      z.object({
        scheme: z.enum(SCHEMES),
        level: z.enum(CNNT_LEVELS).nullable(),
        stars: z.number().int().nullable(),
        count: z.number().int(),
        illustrative: z.number().int().openapi({ description: "How many of `count` are illustrative" }),
      }),
    ),
    catalogue_holds: z
      .object({
        ocop: z.object({
          total: z.number().int(),
          stars_3: z.number().int(),
          stars_4: z.number().int(),
          stars_5: z.number().int(),
          stars_not_stated: z.number().int().openapi({
            description:
              "OCOP-certified products whose sources give no star count (never counted as any star)",
          }),
        }),
        cnnt: z.object({
          provincial: z.number().int(),
          regional: z.number().int(),
          national: z.number().int(),
        }),
      })
      .openapi({
        description:
          "Real (not illustrative) products this catalogue holds, to set beside the province's reported figures (`province_*` keys): OCOP products by their highest stars, CNNT-TB products by each level they hold",
      }),
  })
  .openapi("Programme");

export const ProducersQuery = PageQuery.extend({
  district: slugValue.optional().openapi({ description: "District slug" }),
}).strict();
