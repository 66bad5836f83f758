import { asc, desc, eq, getTableColumns, type SQL, sql } from "drizzle-orm";
import { channels, listings, producers, products, recognitions, supportProjects } from "../schema.ts";
import type { Db } from "./db.ts";
import type { Lang } from "./products.ts";
import { aliased, tierOf } from "./rows.ts";

const LEVEL_ORDER = sql`CASE ${recognitions.level} WHEN 'national' THEN 4 WHEN 'regional' THEN 3 WHEN 'provincial' THEN 2 WHEN 'district' THEN 1 ELSE 0 END`;

type RecognitionRow = typeof recognitions.$inferSelect;
type ListingRow = typeof listings.$inferSelect & { channel: typeof channels.$inferSelect };
type SupportRow = typeof supportProjects.$inferSelect;
type ProducerRow = typeof producers.$inferSelect;

const pick = (lang: Lang, vi: string, en: string) => (lang === "vi" ? vi : en);

export function recognitionOut(r: RecognitionRow, lang: Lang, product?: { slug: string; name: string }) {
  return {
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
  };
}

export function listingOut(l: ListingRow, productSlug?: string) {
  return {
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
}

export function supportOut(s: SupportRow, lang: Lang, producer?: { slug: string; name: string } | null) {
  return {
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
}

export function producerOut(p: ProducerRow, lang: Lang) {
  return {
    slug: p.slug,
    name: p.name,
    legal_type: p.legalType,
    address: {
      street: p.street,
      commune: p.commune,
      district: p.district,
      district_slug: p.districtSlug,
      province: p.province,
    },
    founded_year: p.foundedYear,
    representative: p.representative,
    description: pick(lang, p.descriptionVi, p.descriptionEn),
    sources: p.sources,
    sample: p.sample,
    sample_fields: p.sampleFields,
  };
}

const relatedIds = (where: SQL, slug: string) =>
  sql`SELECT id FROM products WHERE ${where} AND slug <> ${slug} ORDER BY tier_rank DESC, sort_vi LIMIT 4`;

/** Everything about one product — producer, recognitions, listings, support, related products — in one batch. */
export async function getProduct(db: Db, slug: string, lang: Lang) {
  const productId = sql`(SELECT id FROM products WHERE slug = ${slug})`;
  const producerId = sql`(SELECT producer_id FROM products WHERE slug = ${slug})`;
  const categoryOf = sql`(SELECT category_vi FROM products WHERE slug = ${slug})`;
  const [found, recs, lists, support, related] = await db.batch([
    db
      .select({ product: getTableColumns(products), producer: aliased(producers, "pr") })
      .from(products)
      .innerJoin(producers, eq(producers.id, products.producerId))
      .where(eq(products.slug, slug)),
    db
      .select()
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
        sample: products.sample,
      })
      .from(products)
      .where(
        sql`${products.id} IN (SELECT id FROM (${relatedIds(sql`producer_id = ${producerId}`, slug)}) UNION SELECT id FROM (${relatedIds(sql`category_vi = ${categoryOf}`, slug)}))`,
      )
      .orderBy(desc(products.tierRank), asc(products.sortVi))
      .limit(4),
  ]);
  const row = found[0];
  if (!row) return null;
  const p = row.product;
  return {
    slug: p.slug,
    name: pick(lang, p.nameVi, p.nameEn),
    name_vi: p.nameVi,
    name_en: p.nameEn,
    description: pick(lang, p.descriptionVi, p.descriptionEn),
    group: p.productGroup,
    category: pick(lang, p.categoryVi, p.categoryEn),
    tier: tierOf(p.tierRank),
    ocop_stars: p.ocopStars || null,
    packaging: p.packaging.map((v) => ({
      label: v.label,
      net_weight_g: v.netWeightG,
      price_vnd: v.priceVnd,
      sample: v.sample,
    })),
    image: p.image,
    image_alt: pick(lang, p.imageAltVi ?? "", p.imageAltEn ?? ""),
    sources: p.sources,
    sample: p.sample,
    sample_fields: p.sampleFields,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
    producer: producerOut(row.producer, lang),
    recognitions: recs.map((r) => recognitionOut(r, lang)),
    listings: lists.map((l) => listingOut(l)),
    support_projects: support.map((s) => supportOut(s, lang)),
    related: related.map((r) => ({
      slug: r.slug,
      name: pick(lang, r.nameVi, r.nameEn),
      image: r.image,
      tier: tierOf(r.tierRank),
      ocop_stars: r.ocopStars || null,
      sample: r.sample,
    })),
  };
}
export type ProductDetail = NonNullable<Awaited<ReturnType<typeof getProduct>>>;
