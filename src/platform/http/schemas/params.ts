// What the API reads: path and query parameters (slugs, multi-value filters, whole numbers, language, page, cursor,
// include) and the query of each list.
import { z } from "@hono/zod-openapi";
import {
  CNNT_LEVELS,
  FACETS,
  LANGS,
  MAX_FILTER_VALUES,
  MAX_FILTER_VALUES_TOTAL,
  PRODUCT_GROUPS,
  SCHEMES,
  SLUG_MAX,
  SLUG_MESSAGE,
  SLUG_PATTERN,
  SORTS,
  TIERS,
} from "../../../domain/vocabulary.ts";
import { MAX_QUERY_LENGTH } from "../../lib/fold.ts";

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
export const multi = <T extends z.ZodType<string>>(item: T, description: string) =>
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

export const slugValue = slug("must be a slug");

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

export const ProducersQuery = PageQuery.extend({
  district: slugValue.optional().openapi({ description: "District slug" }),
}).strict();
