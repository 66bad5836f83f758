import { asc, desc, eq, getTableColumns, type SQL, sql } from "drizzle-orm";
import { alias, type SQLiteColumn } from "drizzle-orm/sqlite-core";
import {
  asProvenance,
  type IncludeAsked,
  includeFor,
  isIllustrative,
  mark,
  type Provenance,
  packagingState,
} from "../../domain/provenance.ts";
import { type Lang, levelRankSql, pick, tierOf } from "../../domain/vocabulary.ts";
import { bare, type Db, qualified } from "./client.ts";
import {
  aliased,
  listingOut,
  ocopAsOf,
  ocopHeld,
  producerOut,
  productCard,
  recognitionOut,
  renewedIn,
  supportOut,
} from "./mappers.ts";
import { channels, kinds, listings, producers, products, recognitions, supportProjects } from "./schema.ts";

const LEVEL_ORDER = levelRankSql(recognitions.level);

/** Up to 4 other products where `where` holds, best first (a LIMITed range of products_category_tier_idx). */
const relatedIds = (where: SQL, slug: string) =>
  sql`SELECT ${products.id} FROM ${products} WHERE ${where} AND ${products.slug} <> ${slug}
ORDER BY ${products.tierRank} DESC, ${products.sortVi} LIMIT 4`;
/** A column of the products' row's producer (a subquery). */
const ofProducer = (column: SQLiteColumn) =>
  sql<string>`(SELECT ${column} FROM ${producers} WHERE ${producers.id} = ${qualified(products.producerId)})`;
/** A column of the product with this slug (a subquery). */
const ofProduct = (column: SQLiteColumn, slug: string) =>
  sql`(SELECT ${column} FROM ${products} WHERE ${products.slug} = ${slug})`;

type ProductRow = typeof products.$inferSelect;
type KindRow = { slug: string; nameVi: string; nameEn: string };

/**
 * A product's own fields, in the detail's order, without what it embeds (producer, recognitions, listings, support,
 * related): the start of the detail, and the product's record in the change feed.
 */
function productOwnOut(p: ProductRow, kind: KindRow | null, lang: Lang) {
  return {
    slug: p.slug,
    name: pick(lang, p.nameVi, p.nameEn),
    name_vi: p.nameVi,
    name_en: p.nameEn,
    description: pick(lang, p.descriptionVi, p.descriptionEn),
    group: p.productGroup,
    category: pick(lang, p.categoryVi, p.categoryEn),
    kind: kind ? { slug: kind.slug, name: pick(lang, kind.nameVi, kind.nameEn) } : null,
    tier: tierOf(p.tierRank),
    ocop_stars: p.ocopStars || null,
    packaging: p.packaging.map((v) => ({
      label: pick(lang, v.label, v.labelEn ?? v.label),
      net_weight_g: v.netWeightG,
      price_vnd: v.priceVnd,
      sample: v.sample,
      gtin: v.gtin ?? null,
    })),
    image: p.image,
    image_alt: pick(lang, p.imageAltVi ?? "", p.imageAltEn ?? ""),
    sources: p.sources,
    sample: p.sample,
    sample_fields: p.sampleFields,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
  };
}

/** How a product's fields are known (its packaging's state derived from its variants'). */
const productFieldStates = (p: ProductRow) => ({
  ...p.fieldProvenance,
  packaging: packagingState(p.fieldProvenance, p.packaging),
});

/** The kind whose categories hold the product's category, as JSON (the first, as kindOfProduct takes it). */
const k = alias(kinds, "k");
const KIND_JSON = sql<
  string | null
>`(SELECT json_object('slug', ${k.slug}, 'nameVi', ${k.nameVi}, 'nameEn', ${k.nameEn})
  FROM ${kinds} ${k} WHERE EXISTS (SELECT 1 FROM json_each(${k.categories}) WHERE value = ${products.categoryVi}) LIMIT 1)`;

/**
 * Products as records (their own fields, their producer by slug and name) where `where` holds: what the change
 * feed's `expand=record` gives for a product; the rest of its detail are records of their own.
 */
export const productRecords = (db: Db, where: SQL) =>
  db
    .select({
      product: getTableColumns(products),
      // Aliased: a batch result is rows of named columns, where a second `slug` would overwrite the product's.
      producerSlug: sql<string>`${producers.slug}`.as("pr_slug"),
      producerName: sql<string>`${producers.name}`.as("pr_name"),
      kind: KIND_JSON.as("kind_json"),
    })
    .from(products)
    .innerJoin(producers, eq(producers.id, products.producerId))
    .where(where);

type ProductRecordRow = Awaited<ReturnType<ReturnType<typeof productRecords>["all"]>>[number];

/** One row of {@link productRecords} as the feed gives it, marked like the product's detail. */
export function productRecordOut(r: ProductRecordRow, lang: Lang, include: boolean) {
  const kind = r.kind ? (JSON.parse(r.kind) as KindRow) : null;
  const out = {
    ...productOwnOut(r.product, kind, lang),
    producer: { slug: r.producerSlug, name: r.producerName },
  };
  return mark(out, asProvenance(r.product.provenance), productFieldStates(r.product), include);
}

/**
 * Everything about one product — producer, recognitions, listings, support, related products — in one batch.
 * Without `include`, an illustrative product is answered as `"illustrative"`, and illustrative listings,
 * recognitions and related products are left out. `"when-illustrative"` (the pages) answers every product: a real
 * one without its illustrative parts, an illustrative one (shown tagged) with them.
 */
export async function getProduct(db: Db, slug: string, lang: Lang, asked: IncludeAsked = true) {
  const productId = ofProduct(products.id, slug);
  const producerId = ofProduct(products.producerId, slug);
  const categoryOf = ofProduct(products.categoryVi, slug);
  const [found, recs, lists, support, related, kind] = await db.batch([
    db
      .select({ product: getTableColumns(products), producer: aliased(producers, "pr") })
      .from(products)
      .innerJoin(producers, eq(producers.id, products.producerId))
      .where(eq(products.slug, slug)),
    db
      .select({ ...getTableColumns(recognitions), renewedIn })
      .from(recognitions)
      .where(eq(recognitions.productId, productId))
      .orderBy(
        asc(recognitions.scheme),
        desc(LEVEL_ORDER),
        desc(recognitions.stars),
        desc(recognitions.year),
      ),
    db
      .select({ ...getTableColumns(listings), channel: aliased(channels, "ch") })
      .from(listings)
      .innerJoin(channels, eq(channels.id, listings.channelId))
      .where(eq(listings.productId, productId))
      .orderBy(asc(channels.id)),
    db
      .select()
      .from(supportProjects)
      .where(eq(supportProjects.producerId, producerId))
      .orderBy(desc(supportProjects.year)),
    // Related: the best 4 of the same producer or category. Each side is its own indexed, LIMITed range
    // (products_category_tier_idx), so the cost does not grow with the size of a category.
    db
      .select({
        slug: products.slug,
        nameVi: products.nameVi,
        nameEn: products.nameEn,
        image: products.image,
        tierRank: products.tierRank,
        ocopStars: products.ocopStars,
        ocop: ocopHeld,
        ocopYear: productCard.ocopYear,
        ocopLatest: productCard.ocopLatest,
        sample: products.sample,
        provenance: products.provenance,
        producerSlug: ofProducer(producers.slug),
        producerName: ofProducer(producers.name),
      })
      .from(products)
      .where(
        sql`${products.id} IN (SELECT ${bare(products.id)} FROM (${relatedIds(sql`${products.producerId} = ${producerId}`, slug)})
UNION SELECT ${bare(products.id)} FROM (${relatedIds(sql`${products.categoryVi} = ${categoryOf}`, slug)}))`,
      )
      .orderBy(desc(products.tierRank), asc(products.sortVi))
      .limit(4),
    kindOfProduct(db, slug),
  ]);
  const row = found[0];
  if (!row) return null;
  const p = row.product;
  const state = asProvenance(p.provenance);
  const include = includeFor(asked, state);
  if (!include && isIllustrative(state)) return "illustrative" as const;
  const shown = <T extends { provenance: { record: Provenance } }>(xs: T[]) =>
    include ? xs : xs.filter((x) => !isIllustrative(x.provenance.record));
  const out = {
    ...productOwnOut(p, kind[0] ?? null, lang),
    producer: producerOut(row.producer, lang, include),
    // Page-only (products.handlers.ts leaves it out): what the producer stated itself, as an editor published it —
    // the product's values (when), the producer's public contact (and when).
    own: {
      on: p.producerStatedOn,
      producer_contact: row.producer.publicContact,
      producer_on: row.producer.producerStatedOn,
    },
    recognitions: shown(recs.map((r) => recognitionOut(r, lang, undefined, include))),
    listings: shown(lists.map((l) => listingOut(l, undefined, include, state))),
    support_projects: shown(support.map((s) => supportOut(s, lang, undefined, include))),
    related: shown(
      related.map((r) =>
        mark(
          {
            slug: r.slug,
            name: pick(lang, r.nameVi, r.nameEn),
            image: r.image,
            tier: tierOf(r.tierRank),
            ocop_stars: r.ocopStars || null,
            ...ocopAsOf(r.ocopStars, r.ocopYear, r.ocopLatest),
            ocop: Boolean(r.ocop),
            sample: r.sample,
            producer: { slug: r.producerSlug, name: r.producerName },
          },
          asProvenance(r.provenance),
          {},
          include,
        ),
      ),
    ),
  };
  return mark(out, state, productFieldStates(p), include);
}
export type ProductDetail = Exclude<Awaited<ReturnType<typeof getProduct>>, null | "illustrative">;

/** A product's kind: the kind whose categories hold the product's category (null when none does). */
export const kindOfProduct = (db: Db, slug: string) =>
  db
    .select({ slug: kinds.slug, nameVi: kinds.nameVi, nameEn: kinds.nameEn })
    .from(kinds)
    .where(
      sql`EXISTS (SELECT 1 FROM json_each(${kinds.categories}) WHERE value = ${ofProduct(products.categoryVi, slug)})`,
    )
    .limit(1);
