import { asc, ne } from "drizzle-orm";
import { type Lang, pick } from "../../domain/vocabulary.ts";
import { asStatement, createDb, type Db } from "../../platform/db/client.ts";
import { channels, kinds, producers, products } from "../../platform/db/schema.ts";
import type { CountedD1 } from "../../platform/env.ts";
import type { CursorKeys } from "../../platform/lib/cursor.ts";
import { everyKind, kindsNamedBy } from "../kinds/kinds.queries.ts";
import { type ListProductsInput, productListQuery } from "../products/products.queries.ts";
import { programmeOut, programmeQueries } from "../programme/programme.queries.ts";

/**
 * The home page: the national and regional award products (with the tier facet, for "browse by level"; real ones
 * only unless the examples are asked for) and the programme's figures — the queries of `listProducts` and `getProgramme`, in one D1 batch.
 */
export async function getHomePage(
  d1: CountedD1,
  secret: CursorKeys,
  lang: Lang,
  includeIllustrative = false,
) {
  const db = createDb(d1);
  const list = await productListQuery(d1, secret, {
    tier: ["national", "regional"],
    limit: 8,
    lang,
    includeIllustrative,
  });
  const [figuresQ, projectsQ, byLevelQ, ocopQ, cnntQ] = programmeQueries(db);
  const figures = asStatement(d1, figuresQ);
  const projects = asStatement(d1, projectsQ);
  const byLevel = asStatement(d1, byLevelQ);
  const ocop = asStatement(d1, ocopQ);
  const cnnt = asStatement(d1, cnntQ);
  const results = await d1.batch([
    ...list.statements,
    figures.statement,
    projects.statement,
    byLevel.statement,
    ocop.statement,
    cnnt.statement,
  ]);
  const n = list.statements.length;
  const at = (i: number) => results[n + i] as D1Result;
  return {
    featured: await list.read(results.slice(0, n)),
    programme: programmeOut(
      [figures.read(at(0)), projects.read(at(1)), byLevel.read(at(2)), ocop.read(at(3)), cnnt.read(at(4))],
      lang,
    ),
  };
}
export type HomePage = Awaited<ReturnType<typeof getHomePage>>;

/**
 * Every product, producer and channel slug with its last change, for /sitemap.xml — one batch. Illustrative
 * products and producers are left out: their pages are `noindex`.
 */
export async function getSitemapEntries(db: Db) {
  const [prods, prodrs, chans, kindRows] = await db.batch([
    db
      .select({ slug: products.slug, updatedAt: products.updatedAt })
      .from(products)
      .where(ne(products.provenance, "illustrative"))
      .orderBy(asc(products.slug)),
    db
      .select({ slug: producers.slug, updatedAt: producers.updatedAt })
      .from(producers)
      .where(ne(producers.provenance, "illustrative"))
      .orderBy(asc(producers.slug)),
    db
      .select({ slug: channels.slug, updatedAt: channels.updatedAt })
      .from(channels)
      .orderBy(asc(channels.slug)),
    db.select({ slug: kinds.slug, updatedAt: kinds.updatedAt }).from(kinds).orderBy(asc(kinds.slug)),
  ]);
  return { products: prods, producers: prodrs, channels: chans, kinds: kindRows };
}

/**
 * The catalogue page: its product list and, for a search, the product kinds the search names (a link to each
 * kind's page above the results: "giao co lam" finds no product, but finds its kind), in one D1 batch.
 */
export async function getCataloguePage(d1: CountedD1, secret: CursorKeys, input: ListProductsInput) {
  const list = await productListQuery(d1, secret, input);
  const q = input.q?.trim() ?? "";
  const named = q ? asStatement(d1, kindsNamedBy(createDb(d1), q)) : null;
  // Every kind, for a search that finds nothing (the empty page offers them): a few dozen short rows.
  const every = q ? asStatement(d1, everyKind(createDb(d1))) : null;
  const extra = [named, every].flatMap((x) => (x ? [x.statement] : []));
  const results = await d1.batch([...list.statements, ...extra]);
  const n = list.statements.length;
  const kinds = named ? named.read(results[n] as D1Result) : [];
  const all = every ? every.read(results[n + 1] as D1Result) : [];
  const out = (k: { slug: string; nameVi: string; nameEn: string }) => ({
    slug: k.slug,
    name: pick(input.lang, k.nameVi, k.nameEn),
  });
  return { ...(await list.read(results.slice(0, n))), kinds: kinds.map(out), allKinds: all.map(out) };
}
