import {
  and,
  asc,
  desc,
  eq,
  getTableColumns,
  gt,
  inArray,
  isNotNull,
  lt,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import { decodeCursor, encodeCursor } from "../../lib/cursor.ts";
import {
  channels,
  listings,
  producers,
  products,
  programmeFigures,
  recognitions,
  supportProjects,
} from "../schema.ts";
import type { Db } from "./db.ts";
import { listingOut, producerOut, recognitionOut, supportOut } from "./detail.ts";
import type { Lang } from "./products.ts";
import { aliased, tierOf } from "./rows.ts";

const pick = (lang: Lang, vi: string, en: string) => (lang === "vi" ? vi : en);

interface Page {
  limit: number;
  cursor?: string;
}

const productCard = {
  slug: products.slug,
  nameVi: products.nameVi,
  nameEn: products.nameEn,
  categoryVi: products.categoryVi,
  categoryEn: products.categoryEn,
  group: products.productGroup,
  image: products.image,
  tierRank: products.tierRank,
  ocopStars: products.ocopStars,
  sample: products.sample,
};
/** The product card columns under aliases, for joins with tables sharing column names. */
const aliasedCard = (() => {
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
    sample: all.sample,
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
  sample: boolean;
}

export function productCardOut(r: ProductCardRow, lang: Lang) {
  return {
    slug: r.slug,
    name: pick(lang, r.nameVi, r.nameEn),
    category: pick(lang, r.categoryVi, r.categoryEn),
    group: r.group,
    image: r.image,
    tier: tierOf(r.tierRank),
    ocop_stars: r.ocopStars || null,
    sample: r.sample,
  };
}

/** Producers by slug with their product counts and best tier; keyset-paginated on slug. */
export async function listProducers(db: Db, secret: string, input: Page & { district?: string; lang: Lang }) {
  const scope = `producers|${input.district ?? ""}`;
  const after = input.cursor ? await decodeCursor(secret, input.cursor, scope, 1) : null;
  const conds: SQL[] = [];
  if (input.district) conds.push(eq(producers.districtSlug, input.district));
  if (after) conds.push(gt(producers.slug, String(after[0])));
  const [rows, total] = await db.batch([
    db
      .select({
        ...getTableColumns(producers),
        productCount: sql<number>`(SELECT count(*) FROM products p WHERE p.producer_id = "producers"."id")`,
        tierRank: sql<number>`(SELECT coalesce(max(p.tier_rank), 0) FROM products p WHERE p.producer_id = "producers"."id")`,
      })
      .from(producers)
      .where(and(...conds))
      .orderBy(asc(producers.slug))
      .limit(input.limit + 1),
    db
      .select({ n: sql<number>`count(*)` })
      .from(producers)
      .where(input.district ? eq(producers.districtSlug, input.district) : undefined),
  ]);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    data: page.map((p) => ({
      ...producerOut(p, input.lang),
      product_count: p.productCount,
      tier: tierOf(p.tierRank),
    })),
    page: {
      limit: input.limit,
      total: total[0]?.n ?? 0,
      next_cursor:
        rows.length > input.limit && last ? await encodeCursor(secret, { scope, key: [last.slug] }) : null,
    },
  };
}

/** One producer with its products, their recognitions and the khuyến công support it received. */
export async function getProducer(db: Db, slug: string, lang: Lang) {
  const producerId = sql`(SELECT id FROM producers WHERE slug = ${slug})`;
  const [found, prods, recs, support] = await db.batch([
    db.select().from(producers).where(eq(producers.slug, slug)),
    db
      .select(productCard)
      .from(products)
      .where(eq(products.producerId, producerId))
      .orderBy(desc(products.tierRank), asc(products.sortVi)),
    db
      .select({
        ...getTableColumns(recognitions),
        productSlug: products.slug,
        productVi: products.nameVi,
        productEn: products.nameEn,
      })
      .from(recognitions)
      .innerJoin(products, eq(products.id, recognitions.productId))
      .where(eq(products.producerId, producerId))
      .orderBy(desc(recognitions.year), asc(recognitions.id)),
    db
      .select()
      .from(supportProjects)
      .where(eq(supportProjects.producerId, producerId))
      .orderBy(desc(supportProjects.year)),
  ]);
  const p = found[0];
  if (!p) return null;
  return {
    ...producerOut(p, lang),
    products: prods.map((r) => productCardOut(r, lang)),
    recognitions: recs.map((r) =>
      recognitionOut(r, lang, { slug: r.productSlug, name: pick(lang, r.productVi, r.productEn) }),
    ),
    support_projects: support.map((s) => supportOut(s, lang)),
  };
}

export function channelOut(c: typeof channels.$inferSelect, lang: Lang) {
  return {
    slug: c.slug,
    name: c.name,
    kind: c.kind,
    website: c.website,
    description: pick(lang, c.descriptionVi, c.descriptionEn),
    sources: c.sources,
    sample: c.sample,
  };
}

/** All retail channels with how many products each lists. */
export async function listChannels(db: Db, lang: Lang) {
  // A batch (of one) so that the catalogue version for the ETag rides in the same round trip (countedD1).
  const [rows] = await db.batch([
    db
      .select({
        ...getTableColumns(channels),
        listingCount: sql<number>`(SELECT count(*) FROM listings l WHERE l.channel_id = "channels"."id")`,
      })
      .from(channels)
      .orderBy(asc(channels.id)),
  ]);
  return rows.map((c) => ({ ...channelOut(c, lang), listing_count: c.listingCount }));
}

/** One channel and every listing it has, with the listed products. */
export async function getChannel(db: Db, slug: string, lang: Lang) {
  const [found, rows] = await db.batch([
    db.select().from(channels).where(eq(channels.slug, slug)),
    db
      .select({
        listing: getTableColumns(listings),
        channel: aliased(channels, "ch"),
        product: aliasedCard,
      })
      .from(listings)
      .innerJoin(channels, eq(channels.id, listings.channelId))
      .innerJoin(products, eq(products.id, listings.productId))
      .where(eq(channels.slug, slug))
      .orderBy(asc(products.sortVi)),
  ]);
  const c = found[0];
  if (!c) return null;
  return {
    ...channelOut(c, lang),
    listings: rows.map((r) => ({
      ...listingOut({ ...r.listing, channel: r.channel }),
      product: productCardOut(r.product, lang),
    })),
  };
}

/** Recognitions filtered by scheme, level and year; newest first, keyset-paginated. */
export async function listRecognitions(
  db: Db,
  secret: string,
  input: Page & { scheme?: string; level?: string; year?: number; lang: Lang },
) {
  const scope = `recognitions|${input.scheme ?? ""}|${input.level ?? ""}|${input.year ?? ""}`;
  const after = input.cursor ? await decodeCursor(secret, input.cursor, scope, 2) : null;
  const yearKey = sql<number>`coalesce(${recognitions.year}, 0)`;
  const conds: (SQL | undefined)[] = [
    input.scheme ? eq(recognitions.scheme, input.scheme as never) : undefined,
    input.level ? eq(recognitions.level, input.level as never) : undefined,
    input.year ? eq(recognitions.year, input.year) : undefined,
  ];
  const filtered = and(...conds);
  if (after) {
    const [y, id] = after as [number, number];
    conds.push(or(lt(yearKey, y), and(eq(yearKey, y), gt(recognitions.id, id))));
  }
  const [rows, total] = await db.batch([
    db
      .select({
        ...getTableColumns(recognitions),
        productSlug: sql<string>`${products.slug}`.as("p_slug"),
        productVi: sql<string>`${products.nameVi}`.as("p_name_vi"),
        productEn: sql<string>`${products.nameEn}`.as("p_name_en"),
        producerSlug: sql<string>`${producers.slug}`.as("pr_slug"),
        producerName: sql<string>`${producers.name}`.as("pr_name"),
      })
      .from(recognitions)
      .innerJoin(products, eq(products.id, recognitions.productId))
      .innerJoin(producers, eq(producers.id, products.producerId))
      .where(and(...conds))
      .orderBy(desc(yearKey), asc(recognitions.id))
      .limit(input.limit + 1),
    db.select({ n: sql<number>`count(*)` }).from(recognitions).where(filtered),
  ]);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    data: page.map((r) => ({
      ...recognitionOut(r, input.lang, {
        slug: r.productSlug,
        name: pick(input.lang, r.productVi, r.productEn),
      }),
      producer: { slug: r.producerSlug, name: r.producerName },
    })),
    page: {
      limit: input.limit,
      total: total[0]?.n ?? 0,
      next_cursor:
        rows.length > input.limit && last
          ? await encodeCursor(secret, { scope, key: [last.year ?? 0, last.id] })
          : null,
    },
  };
}

/** The queries behind {@link getProgramme}, for callers that batch them with others (the home page). */
export function programmeQueries(db: Db) {
  return [
    db.select().from(programmeFigures).orderBy(asc(programmeFigures.id)),
    db
      .select({
        project: getTableColumns(supportProjects),
        producerSlug: producers.slug,
        producerName: producers.name,
      })
      .from(supportProjects)
      .leftJoin(producers, eq(producers.id, supportProjects.producerId))
      .orderBy(desc(supportProjects.year), asc(supportProjects.id)),
    db
      .select({
        scheme: recognitions.scheme,
        level: recognitions.level,
        stars: recognitions.stars,
        n: sql<number>`count(*)`,
      })
      .from(recognitions)
      .where(or(isNotNull(recognitions.level), inArray(recognitions.scheme, ["ocop"])))
      .groupBy(recognitions.scheme, recognitions.level, recognitions.stars),
  ] as const;
}

type Resolved<T> = { readonly [K in keyof T]: Awaited<T[K]> };
type ProgrammeRows = Resolved<ReturnType<typeof programmeQueries>>;

/** Shapes the rows of {@link programmeQueries}. */
export function programmeOut([figures, projects, byLevel]: ProgrammeRows, lang: Lang) {
  return {
    period: "2021–2025",
    figures: figures.map((f) => ({
      key: f.key,
      group: f.groupKey,
      label: pick(lang, f.labelVi, f.labelEn),
      value: f.value,
      unit: f.unit,
      fund: f.fund,
      period: f.period,
      source_url: f.sourceUrl,
    })),
    support_projects: projects.map((r) =>
      supportOut(
        r.project,
        lang,
        r.producerSlug ? { slug: r.producerSlug, name: r.producerName ?? "" } : null,
      ),
    ),
    catalogue_recognitions: byLevel.map((r) => ({
      scheme: r.scheme,
      level: r.level,
      stars: r.stars,
      count: r.n,
    })),
  };
}

/** The khuyến công programme: reported figures, known support projects, and recognitions in the catalogue. */
export async function getProgramme(db: Db, lang: Lang) {
  return programmeOut(await db.batch(programmeQueries(db)), lang);
}
export type Programme = ReturnType<typeof programmeOut>;
