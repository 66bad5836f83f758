// The catalogue's words, written once. Table enums (db/schema.ts), API contracts (api/**), queries and pages all
// derive theirs from here, so a new scheme, tier or sort is one edit.
import { type SQL, sql } from "drizzle-orm";

/** A slug: lowercase letters and digits in hyphen-separated runs (product, producer, channel, district). */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Longest slug accepted anywhere (path, query, body). */
export const SLUG_MAX = 120;
export const SLUG_MESSAGE = "must be a slug (lowercase letters, digits, hyphens)";
/** Whether a value is a slug the catalogue could hold (pages check their path and filters with it). */
export const isSlug = (v: string) => v.length <= SLUG_MAX && SLUG_PATTERN.test(v);

export const LANGS = ["vi", "en"] as const;
export type Lang = (typeof LANGS)[number];

/** Orders of the product list, in the order the catalogue's sort menu offers them; `-name` is descending. */
export const SORTS = ["relevance", "tier", "name", "-name", "newest"] as const;
export type Sort = (typeof SORTS)[number];

/** The product list's facets, in the order the API returns them. */
export const FACETS = ["tier", "scheme", "group", "producer", "channel", "district"] as const;
/**
 * Most distinct values one filter takes, and all filters together. Every value is a bound SQL parameter and D1
 * allows 100 per statement; a facet statement binds every filter's values plus a few of its own.
 */
export const MAX_FILTER_VALUES = 20;
export const MAX_FILTER_VALUES_TOTAL = 40;
/**
 * How many of a search's matches its total and facets count at most: above it they count its COUNT_CAP
 * best-ranked matches (real products first when illustrative ones are included) and say so
 * (`page.total_relation: "gte"`, `facets_exhaustive: false`). Counting every match grows with the catalogue
 * (4,863 matches of "mien dong" at 100k synthetic products, each looked up once per facet); the province has some
 * 150 recognized products, so the real catalogue is always counted exactly.
 */
export const COUNT_CAP = 1000;
export type FacetName = (typeof FACETS)[number];

export const LEGAL_TYPES = [
  "cooperative",
  "company",
  "private_enterprise",
  "household_business",
  "craft_village",
  // The source names a product but not who makes it (or not their legal form): said, never guessed.
  "unknown",
] as const;
export const PRODUCT_GROUPS = ["handicraft", "processed_food", "machinery", "other"] as const;
export const SCHEMES = ["cnnt", "ocop", "geographical_indication", "collective_mark"] as const;
/** A bit per scheme, for `product_facets.schemes` (migration 0009_facet_counts writes the same numbers). */
export const SCHEME_BITS: Record<(typeof SCHEMES)[number], number> = {
  cnnt: 1,
  ocop: 2,
  geographical_indication: 4,
  collective_mark: 8,
};
/** CNNT-TB recognition levels, lowest first: a level's rank is its position + 1 (0 = none). */
export const CNNT_LEVELS = ["district", "provincial", "regional", "national"] as const;
export type CnntLevel = (typeof CNNT_LEVELS)[number];
/** The levels a product list filters and facets on (district awards are not a tier of their own). */
export const TIERS = ["provincial", "regional", "national"] as const satisfies readonly CnntLevel[];
export type Tier = (typeof TIERS)[number];
/**
 * How a placeholder producer's name ends: a profile that stands for a producer no source names ("Chủ thể OCOP của
 * Hồng Trà (nguồn không nêu tên)"). Lists put these after the named producers.
 */
export const UNNAMED_PRODUCER_MARK = "(nguồn không nêu tên)";

export const CHANNEL_KINDS = ["supermarket_chain", "trade_fair", "export_market", "online_store"] as const;
export const LISTING_STATUSES = ["in_stock", "out_of_stock", "coming_soon", "discontinued"] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];
export const FUNDS = ["national", "local"] as const;
export const CHANGE_ENTITIES = ["product", "producer", "recognition", "listing"] as const;
/**
 * What a retailer API key may do: write the channel's listings, manage its webhook endpoints, or only read what a
 * key reads (its webhook endpoints and deliveries). A key holds one or more; keys made before scopes hold both
 * `listings` and `webhooks`.
 */
export const KEY_SCOPES = ["read", "listings", "webhooks"] as const;
export type KeyScope = (typeof KEY_SCOPES)[number];
export const CHANGE_OPS = ["upsert", "delete"] as const;

/** Rank of a CNNT-TB level; products.tier_rank holds the highest rank a product has reached. */
export const LEVEL_RANK = Object.fromEntries(CNNT_LEVELS.map((l, i) => [l, i + 1])) as Record<
  CnntLevel,
  number
>;

/** The CNNT-TB level of a rank (0 = none). */
export const tierOf = (rank: number): CnntLevel | null => CNNT_LEVELS[rank - 1] ?? null;

/** A level column's rank in SQL (`CASE … WHEN 'national' THEN 4 … ELSE 0 END`), for ordering by level. */
export const levelRankSql = (column: unknown): SQL =>
  sql`CASE ${column} ${sql.raw(
    [...CNNT_LEVELS]
      .reverse()
      .map((l) => `WHEN '${l}' THEN ${LEVEL_RANK[l]}`)
      .join(" "),
  )} ELSE 0 END`;

/** Labels (vi, en) of the values of the tier, group and scheme facets; the API and the pages show the same. */
export const LABELS: Record<"tier" | "group" | "scheme", Record<string, readonly [string, string]>> = {
  tier: {
    national: ["Quốc gia", "National"],
    regional: ["Khu vực", "Regional"],
    provincial: ["Cấp tỉnh", "Provincial"],
  },
  group: {
    handicraft: ["Thủ công mỹ nghệ", "Handicrafts"],
    processed_food: [
      "Chế biến nông, lâm, thủy sản và thực phẩm",
      "Processed farm, forest and fishery products, food",
    ],
    machinery: ["Thiết bị, máy móc, dụng cụ cơ khí", "Machinery, tools and mechanical parts"],
    other: ["Sản phẩm khác", "Other products"],
  },
  scheme: {
    cnnt: ["Sản phẩm CNNT tiêu biểu", "Outstanding rural-industry product"],
    ocop: ["OCOP", "OCOP"],
    geographical_indication: ["Chỉ dẫn địa lý", "Geographical indication"],
    collective_mark: ["Nhãn hiệu tập thể", "Collective mark"],
  },
};

/** The text of a bilingual field in a language. */
export const pick = (lang: Lang, vi: string, en: string) => (lang === "vi" ? vi : en);
