import { and, asc, desc, eq, getTableColumns, gt, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { type IncludeAsked, includeFor } from "../../domain/provenance.ts";
import { type Lang, pick, tierOf, UNNAMED_PRODUCER_MARK } from "../../domain/vocabulary.ts";
import { type Db, qualified } from "../../platform/db/client.ts";
import {
  producerOut,
  productCard,
  productCardOut,
  realOnly,
  recognitionOut,
  renewedIn,
  supportOut,
} from "../../platform/db/mappers.ts";
import { keysetPage, type PageInput } from "../../platform/db/pagination.ts";
import { producers, products, recognitions, supportProjects } from "../../platform/db/schema.ts";
import { type CursorKeys, decodeCursor } from "../../platform/lib/cursor.ts";

/** Products counted per producer in a subquery, apart from the list's own products. */
const p = alias(products, "p");

/**
 * Producers by slug with their product counts and best tier; keyset-paginated on slug. `namedFirst` (the pages)
 * puts the placeholder producers no source names after the named ones, still by slug within each.
 */
export async function listProducers(
  db: Db,
  secret: CursorKeys,
  input: PageInput & { district?: string; lang: Lang; include?: boolean; namedFirst?: boolean },
) {
  const named = input.namedFirst === true;
  const scope = `producers|${input.district ?? ""}|${input.include ? "all" : "real"}${named ? "|named-first" : ""}`;
  const after = input.cursor ? await decodeCursor(secret, input.cursor, scope, named ? 2 : 1) : null;
  const unnamed = sql<number>`(instr(${producers.name}, ${UNNAMED_PRODUCER_MARK}) > 0)`;
  const conds: (SQL | undefined)[] = [realOnly(input.include, producers.provenance)];
  if (input.district) conds.push(eq(producers.districtSlug, input.district));
  if (after && named) {
    const [u, slug] = [Number(after[0]), String(after[1])];
    conds.push(sql`(${unnamed} > ${u} OR (${unnamed} = ${u} AND ${producers.slug} > ${slug}))`);
  } else if (after) conds.push(gt(producers.slug, String(after[0])));
  const [rows, total] = await db.batch([
    db
      .select({
        ...getTableColumns(producers),
        unnamed,
        productCount: sql<number>`(SELECT count(*) FROM ${products} ${p} WHERE ${qualified(p.producerId)} = ${qualified(producers.id)})`,
        tierRank: sql<number>`(SELECT coalesce(max(${qualified(p.tierRank)}), 0) FROM ${products} ${p} WHERE ${qualified(p.producerId)} = ${qualified(producers.id)})`,
      })
      .from(producers)
      .where(and(...conds))
      .orderBy(...(named ? [asc(unnamed), asc(producers.slug)] : [asc(producers.slug)]))
      .limit(input.limit + 1),
    db
      .select({ n: sql<number>`count(*)` })
      .from(producers)
      .where(
        and(
          realOnly(input.include, producers.provenance),
          input.district ? eq(producers.districtSlug, input.district) : undefined,
        ),
      ),
  ]);
  const { items, hasMore, nextCursor } = await keysetPage(rows, input.limit, {
    secret,
    scope,
    keyOf: (p) => (named ? [Number(p.unnamed), p.slug] : [p.slug]),
  });
  return {
    data: items.map((p) => ({
      ...producerOut(p, input.lang, input.include),
      product_count: p.productCount,
      tier: tierOf(p.tierRank),
    })),
    page: { limit: input.limit, total: total[0]?.n ?? 0, has_more: hasMore, next_cursor: nextCursor },
  };
}

/**
 * One producer with its products, their recognitions and the khuyến công support it received. Without
 * `include`, an illustrative producer is answered as `"illustrative"` and illustrative products and
 * recognitions are left out; `"when-illustrative"` (the pages) keeps them for an illustrative producer only.
 */
export async function getProducer(db: Db, slug: string, lang: Lang, asked: IncludeAsked = true) {
  const producerId = sql`(SELECT ${producers.id} FROM ${producers} WHERE ${producers.slug} = ${slug})`;
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
        renewedIn,
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
  const include = includeFor(asked, p.provenance);
  if (!include && p.provenance === "illustrative") return "illustrative" as const;
  const shown = <T extends { provenance: { record: string } }>(xs: T[]) =>
    include ? xs : xs.filter((x) => x.provenance.record !== "illustrative");
  return {
    ...producerOut(p, lang, include),
    // The page shows an editor's photo; the API does not document it yet (producers.handlers.ts leaves it out).
    photo: p.image ? { src: p.image, alt: pick(lang, p.imageAltVi ?? "", p.imageAltEn ?? "") } : null,
    // Page-only too: what the producer stated itself (its public contact, and when), as an editor published it.
    own: { contact: p.publicContact, on: p.producerStatedOn },
    products: shown(prods.map((r) => productCardOut(r, lang, include))),
    recognitions: shown(
      recs.map((r) =>
        recognitionOut(r, lang, { slug: r.productSlug, name: pick(lang, r.productVi, r.productEn) }, include),
      ),
    ),
    support_projects: shown(support.map((s) => supportOut(s, lang, undefined, include))),
  };
}
