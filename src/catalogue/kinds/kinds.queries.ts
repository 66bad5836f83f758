import { asc, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { asProvenance, type IncludeAsked, includeFor, mark } from "../../domain/provenance.ts";
import { type Lang, pick } from "../../domain/vocabulary.ts";
import { type Db, qualified } from "../../platform/db/client.ts";
import { productCard, productCardOut } from "../../platform/db/mappers.ts";
import { kinds, products } from "../../platform/db/schema.ts";
import { kindKey } from "../../platform/lib/fold.ts";

const p = alias(products, "p");

/** The products of a kind: those whose category is one of the kind's (json_each over its `categories`). */
const ofKind = (kindCategories: unknown) =>
  sql`${products.categoryVi} IN (SELECT value FROM json_each(${kindCategories}))`;

/** A kind in a language: its names, whether it is representative, and what the sources say, with sources. */
export function kindOut(k: typeof kinds.$inferSelect, lang: Lang, include = true) {
  const facts = k.facts.map((f) => ({ text: pick(lang, f.vi, f.en), sources: f.sources }));
  const out = {
    slug: k.slug,
    name: pick(lang, k.nameVi, k.nameEn),
    name_vi: k.nameVi,
    name_en: k.nameEn,
    representative: k.representative,
    facts,
    sources: [...new Set(k.facts.flatMap((f) => f.sources))],
  };
  return mark(out, asProvenance(k.provenance), {}, include);
}

/**
 * Every kind (a few dozen at most: one page), the representative ones first, with how many real products each
 * holds and how many illustrative ones (counted only with `include`).
 */
export async function listKinds(db: Db, lang: Lang, include = false) {
  const count = (illustrative: boolean) =>
    sql<number>`(SELECT count(*) FROM ${products} ${p} WHERE ${qualified(p.categoryVi)} IN (SELECT value FROM json_each(${qualified(kinds.categories)})) AND ${qualified(p.provenance)} ${illustrative ? sql`=` : sql`<>`} 'illustrative')`;
  // A batch, though of one statement: the batch also reads the catalogue's data version (the ETag), one round trip.
  const [rows] = await db.batch([
    db
      .select({ kind: kinds, real: count(false), illustrative: count(true) })
      .from(kinds)
      .orderBy(desc(kinds.representative), asc(kinds.id)),
  ]);
  return {
    data: rows
      .filter((r) => include || asProvenance(r.kind.provenance) !== "illustrative")
      .map((r) => ({
        ...kindOut(r.kind, lang, include),
        product_count: r.real + (include ? r.illustrative : 0),
        illustrative_product_count: include ? r.illustrative : 0,
      })),
  };
}

/**
 * One kind and its products, real ones first, best tier first. Without `include`, illustrative products are left
 * out. A kind with no product says so (`products: []`): the page then says no producer is recorded yet.
 */
export async function getKind(db: Db, slug: string, lang: Lang, asked: IncludeAsked = true) {
  const categories = sql`(SELECT ${kinds.categories} FROM ${kinds} WHERE ${kinds.slug} = ${slug})`;
  const [found, rows] = await db.batch([
    db.select().from(kinds).where(eq(kinds.slug, slug)),
    db
      .select(productCard)
      .from(products)
      .where(ofKind(categories))
      .orderBy(
        sql`(${products.provenance} = 'illustrative')`,
        desc(products.tierRank),
        asc(lang === "vi" ? products.sortVi : products.sortEn),
      ),
  ]);
  const k = found[0];
  if (!k) return null;
  const include = includeFor(asked, asProvenance(k.provenance));
  if (!include && asProvenance(k.provenance) === "illustrative") return "illustrative" as const;
  const cards = rows.map((r) => productCardOut(r, lang, include));
  return {
    ...kindOut(k, lang, include),
    products: include ? cards : cards.filter((c) => c.provenance.record !== "illustrative"),
  };
}

/**
 * The kinds a search names: a kind matches when one of its names is a whole run of words of the query ("mien dong
 * tan viet a" names miến dong), or the query (3 characters or more) starts a run of words of one of its names
 * ("giao co" names chè giảo cổ lam). Accents do not matter ("giao co lam", "jiaogulan").
 */
export function kindsNamedBy(db: Db, q: string) {
  const key = kindKey(q);
  return db
    .select({ slug: kinds.slug, nameVi: kinds.nameVi, nameEn: kinds.nameEn })
    .from(kinds)
    .where(
      sql`${key} <> '' AND ${kinds.provenance} <> 'illustrative' AND EXISTS (SELECT 1 FROM json_each(${kinds.searchNames}) n WHERE instr(${` ${key} `}, ' ' || n.value || ' ') > 0 OR (length(${key}) >= 3 AND instr(' ' || n.value, ${` ${key}`}) > 0))`,
    )
    .orderBy(desc(kinds.representative), asc(kinds.id))
    .limit(3);
}

/** Every kind shoppers may browse (not illustrative ones), representative ones first: the empty search's offer. */
export const everyKind = (db: Db) =>
  db
    .select({ slug: kinds.slug, nameVi: kinds.nameVi, nameEn: kinds.nameEn })
    .from(kinds)
    .where(sql`${kinds.provenance} <> 'illustrative'`)
    .orderBy(desc(kinds.representative), asc(kinds.id));
