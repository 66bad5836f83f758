// Row → API shape, once per entity: the API and the pages read the same objects.
import { type Column, getTableColumns, ne, type SQL, sql, type Table } from "drizzle-orm";
import { alias, type SQLiteColumn } from "drizzle-orm/sqlite-core";
import { asProvenance, mark, type Provenance, weakest } from "../../domain/provenance.ts";
import { currentYear, lapsesFrom, standingOf, standingText } from "../../domain/ratings.ts";
import { type Lang, pick, tierOf } from "../../domain/vocabulary.ts";
import {
  type channels,
  type listings,
  type producers,
  products,
  recognitions,
  type supportProjects,
} from "./schema.ts";
import { qualified } from "./sql.ts";

/** Parses a JSON column, falling back when it is empty or malformed. */
export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/**
 * A table's columns selected under prefixed aliases. D1 batches return rows as objects keyed by column name,
 * so two joined tables with a same-named column (id, slug, sample…) would overwrite each other; aliasing every
 * joined column keeps them apart while drizzle still decodes JSON and boolean columns.
 */
export function aliased<T extends Table>(table: T, prefix: string) {
  const cols = getTableColumns(table);
  return Object.fromEntries(
    Object.entries(cols).map(([key, col]) => [key, sql`${col}`.mapWith(col).as(`${prefix}_${col.name}`)]),
  ) as { [K in keyof typeof cols]: SQL.Aliased<(typeof cols)[K]["_"]["data"]> };
}

/**
 * A condition keeping illustrative rows out of a query unless they were asked for (`include`): undefined, so
 * `and(...)` drops it, when they are.
 */
export const realOnly = (include: boolean | undefined, provenance: SQLiteColumn) =>
  include ? undefined : ne(provenance, "illustrative");

/** The product columns that raw-SQL product lists select (snake_case, as SQLite returns them). */
export interface ProductSummaryRow {
  slug: string;
  name_vi: string;
  name_en: string;
  category_vi: string;
  category_en: string;
  product_group: string;
  tier_rank: number;
  ocop_stars: number;
  packaging: string;
  image: string | null;
  sample: number;
  producer_slug: string;
  producer_name: string;
}

/** The lowest price of a product's packaging variants (JSON column), or null. */
export function priceFrom(packaging: string): number | null {
  const prices = parseJson<{ priceVnd: number | null }[]>(packaging, [])
    .map((p) => p.priceVnd)
    .filter((p): p is number => typeof p === "number");
  return prices.length ? Math.min(...prices) : null;
}

type RecognitionRow = typeof recognitions.$inferSelect & { renewedIn?: number | null };

/**
 * The year of the latest later OCOP rating of the same product (a renewal or re-rating), for a select from
 * `recognitions` (unaliased): null when none is recorded. Illustrative ratings renew nothing real.
 */
const r2 = alias(recognitions, "r2");
// The outer columns qualified(): the select is from recognitions alone, where drizzle writes columns bare.
export const renewedIn = sql<number | null>`(SELECT max(${r2.year}) FROM ${recognitions} ${r2}
  WHERE ${r2.productId} = ${qualified(recognitions.productId)} AND ${r2.scheme} = 'ocop' AND ${r2.year} > ${qualified(recognitions.year)}
  AND (${r2.provenance} <> 'illustrative' OR ${qualified(recognitions.provenance)} = 'illustrative'))`.as(
  "renewed_in",
);
type ListingRow = typeof listings.$inferSelect & { channel: typeof channels.$inferSelect };
type SupportRow = typeof supportProjects.$inferSelect;
type ProducerRow = typeof producers.$inferSelect;

/** Where a recognition stands today (src/domain/ratings.ts): "recognized in 2020", and whether an OCOP rating may have lapsed. */
export function standingOut(
  r: { scheme: string; year: number | null; renewedIn?: number | null },
  lang: Lang,
  now = currentYear(),
) {
  const renewed = r.renewedIn ?? null;
  const status = standingOf(r, renewed, now);
  return {
    status,
    recognized_in: r.year,
    lapses_from: r.scheme === "ocop" && r.year !== null ? lapsesFrom(r.year) : null,
    renewed_in: status === "renewed" ? renewed : null,
    text: standingText(status, r.year, renewed, lang),
  };
}

/** A recognition as the API shows it (with its product when listed outside one), with its provenance. */
export function recognitionOut(
  r: RecognitionRow,
  lang: Lang,
  product?: { slug: string; name: string },
  include = true,
) {
  const out = {
    id: r.id,
    ...(product ? { product } : {}),
    scheme: r.scheme,
    level: r.level,
    stars: r.stars,
    year: r.year,
    title: pick(lang, r.titleVi, r.titleEn),
    decision_number: r.decisionNumber,
    issuer: r.issuer,
    source_url: r.sourceUrl,
    verified: r.verified,
    sample: r.sample,
    note: r.noteVi === null ? null : pick(lang, r.noteVi, r.noteEn ?? r.noteVi),
    standing: standingOut(r, lang),
  };
  // The standing is read from the year: it is known as well as the year is.
  return mark(
    out,
    asProvenance(r.provenance),
    { ...r.fieldProvenance, standing: r.fieldProvenance.year },
    include,
  );
}

/**
 * A channel listing as shown inside a product or a channel (no ETag: see `channelListingOut`), with its
 * provenance; `productState` makes the listing of an illustrative product illustrative.
 */
export function listingOut(l: ListingRow, productSlug?: string, include = true, productState?: Provenance) {
  const out = {
    ...(productSlug ? { product: productSlug } : {}),
    channel: { slug: l.channel.slug, name: l.channel.name, kind: l.channel.kind },
    status: l.status,
    price_vnd: l.priceVnd,
    channel_sku: l.channelSku,
    url: l.url,
    stores: l.stores,
    note: l.note,
    last_verified: l.lastVerified,
    source_url: l.sourceUrl,
    sample: l.sample,
    version: l.version,
    updated_at: l.updatedAt,
  };
  return mark(out, weakest(asProvenance(l.provenance), productState), l.fieldProvenance, include);
}

/** A khuyến công support project, with its provenance. */
export function supportOut(
  s: SupportRow,
  lang: Lang,
  producer?: { slug: string; name: string } | null,
  include = true,
) {
  const out = {
    id: s.id,
    ...(producer !== undefined ? { producer } : {}),
    year: s.year,
    fund: s.fund,
    amount_vnd: s.amountVnd,
    title: pick(lang, s.titleVi, s.titleEn),
    kind: s.kind,
    source_url: s.sourceUrl,
    sample: s.sample,
  };
  return mark(out, asProvenance(s.provenance), s.fieldProvenance, include);
}

/**
 * A producer (without its products), with its provenance. `address.district` is the former district (huyện
 * cũ), abolished on 1 July 2025 and kept as a browsing area; `address.as_of` says whether street and commune are
 * as before or after that reform.
 */
export function producerOut(p: ProducerRow, lang: Lang, include = true) {
  const out = {
    slug: p.slug,
    name: p.name,
    legal_type: p.legalType,
    address: {
      street: p.street,
      commune: p.commune,
      district: p.district,
      district_slug: p.districtSlug,
      province: p.province,
      as_of: p.addressAsOf,
    },
    founded_year: p.foundedYear,
    representative: p.representative,
    description: pick(lang, p.descriptionVi, p.descriptionEn),
    sources: p.sources,
    sample: p.sample,
    sample_fields: p.sampleFields,
  };
  const f = p.fieldProvenance;
  return mark(
    out,
    asProvenance(p.provenance),
    {
      "address.district": f.district,
      "address.district_slug": f.district,
      "address.commune": f.commune,
      "address.street": f.street,
      founded_year: f.founded_year,
      representative: f.representative,
      description: f.description,
    },
    include,
  );
}

/** The columns of a product card (lists of products inside a producer, channel…). */
/**
 * Whether a product holds an OCOP certification, stars stated or not (`ocop_stars` says only stated stars): the
 * card shows "OCOP · stars not stated" for the second. An illustrative recognition counts only for an illustrative
 * product (whose card is tagged as a whole).
 */
/** The products table or an alias of it (raw product lists alias products as `p`). */
interface ProductsLike {
  id: Column;
  provenance: Column;
  ocopStars: Column;
}
const r = alias(recognitions, "r");
/** `recognitions r WHERE` r is one of the product's OCOP ratings (an illustrative one only for an illustrative product). */
const ocopRatingOf = (t: ProductsLike) =>
  sql`${recognitions} ${r} WHERE ${r.productId} = ${qualified(t.id)} AND ${r.scheme} = 'ocop' AND (${r.provenance} <> 'illustrative' OR ${qualified(t.provenance)} = 'illustrative')`;
/** {@link ocopHeld} over a products table or alias. */
export const ocopHeldOf = (t: ProductsLike) => sql<number>`EXISTS (SELECT 1 FROM ${ocopRatingOf(t)})`;
/** The year of the rating behind a product's `ocop_stars` (its latest with those stars; null when not stated). */
export const ocopYearOf = (t: ProductsLike) =>
  sql<
    number | null
  >`(SELECT max(${r.year}) FROM ${ocopRatingOf(t)} AND ${r.stars} = ${qualified(t.ocopStars)})`;
/** The year of a product's latest dated OCOP rating (a later one renews the rating behind `ocop_stars`). */
export const ocopLatestOf = (t: ProductsLike) =>
  sql<number | null>`(SELECT max(${r.year}) FROM ${ocopRatingOf(t)})`;
// The product's columns are qualified(): these are selected in one-table selects too, where drizzle writes columns bare.
export const ocopHeld = ocopHeldOf(products);
const ocopYear = ocopYearOf(products);
const ocopLatest = ocopLatestOf(products);

/**
 * The year and standing of the rating behind a product's `ocop_stars` (src/domain/ratings.ts): lists and cards say
 * "OCOP ★★★ · 2020, may have lapsed", never a bare star count as a current fact.
 */
export function ocopAsOf(stars: number, year: number | null, latest: number | null, now = currentYear()) {
  if (!stars) return { ocop_year: null, ocop_standing: null };
  return {
    ocop_year: year,
    ocop_standing: standingOf({ scheme: "ocop", year }, latest, now),
  };
}

export const productCard = {
  slug: products.slug,
  nameVi: products.nameVi,
  nameEn: products.nameEn,
  categoryVi: products.categoryVi,
  categoryEn: products.categoryEn,
  group: products.productGroup,
  image: products.image,
  tierRank: products.tierRank,
  ocopStars: products.ocopStars,
  ocop: ocopHeld,
  ocopYear,
  ocopLatest,
  sample: products.sample,
  provenance: products.provenance,
};
/** The product card columns under aliases, for joins with tables sharing column names. */
export const aliasedCard = (() => {
  const all = aliased(products, "p");
  return {
    slug: all.slug,
    nameVi: all.nameVi,
    nameEn: all.nameEn,
    categoryVi: all.categoryVi,
    categoryEn: all.categoryEn,
    group: all.productGroup,
    image: all.image,
    tierRank: all.tierRank,
    ocopStars: all.ocopStars,
    ocop: sql<number>`${ocopHeld}`.as("p_ocop"),
    ocopYear: sql<number | null>`${ocopYear}`.as("p_ocop_year"),
    ocopLatest: sql<number | null>`${ocopLatest}`.as("p_ocop_latest"),
    sample: all.sample,
    provenance: all.provenance,
  };
})();

interface ProductCardRow {
  slug: string;
  nameVi: string;
  nameEn: string;
  categoryVi: string;
  categoryEn: string;
  group: (typeof products.$inferSelect)["productGroup"];
  image: string | null;
  tierRank: number;
  ocopStars: number;
  ocop: number;
  ocopYear?: number | null;
  ocopLatest?: number | null;
  sample: boolean;
  provenance: string;
}

/** A product card in a language, with its provenance. */
export function productCardOut(r: ProductCardRow, lang: Lang, include = true) {
  const card = {
    slug: r.slug,
    name: pick(lang, r.nameVi, r.nameEn),
    category: pick(lang, r.categoryVi, r.categoryEn),
    group: r.group,
    image: r.image,
    tier: tierOf(r.tierRank),
    ocop_stars: r.ocopStars || null,
    ...ocopAsOf(r.ocopStars, r.ocopYear ?? null, r.ocopLatest ?? null),
    ocop: Boolean(r.ocop),
    sample: r.sample,
  };
  return mark(card, asProvenance(r.provenance), {}, include);
}

/** A retail channel in a language, with its provenance. */
export function channelOut(c: typeof channels.$inferSelect, lang: Lang, include = true) {
  const out = {
    slug: c.slug,
    name: c.name,
    kind: c.kind,
    website: c.website,
    description: pick(lang, c.descriptionVi, c.descriptionEn),
    sources: c.sources,
    sample: c.sample,
  };
  return mark(out, asProvenance(c.provenance), c.fieldProvenance, include);
}
