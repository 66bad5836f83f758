import { type SQL, sql } from "drizzle-orm";
import {
  type FacetName,
  LABELS,
  type Lang,
  LEVEL_RANK,
  type Sort,
  TIERS,
  type Tier,
  tierOf,
} from "../../domain.ts";
import type { CountedD1 } from "../../env.ts";
import { decodeCursor } from "../../http/cursor.ts";
import { toFtsQuery } from "../../search/fold.ts";
import { toStatement } from "../client.ts";
import { priceFrom } from "../mappers.ts";
import { keysetPage } from "../pagination.ts";

export type { FacetName, Lang, Sort };

export interface ProductFilters {
  q?: string;
  tier?: Tier[];
  scheme?: string[];
  group?: string[];
  producer?: string[];
  channel?: string[];
  district?: string[];
}

export interface ListProductsInput extends ProductFilters {
  sort?: Sort;
  limit: number;
  cursor?: string;
  lang: Lang;
}

export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

interface Row {
  id: number;
  slug: string;
  name_vi: string;
  name_en: string;
  category_vi: string;
  category_en: string;
  product_group: string;
  tier_rank: number;
  ocop_stars: number;
  image: string | null;
  image_alt_vi: string | null;
  image_alt_en: string | null;
  sample: number;
  created_at: string;
  sort_key: string;
  producer_slug: string;
  producer_name: string;
  producer_district: string | null;
  packaging: string;
  rank: number | null;
}

/** A product as it appears in lists. */
export function listItem(r: Row, lang: Lang) {
  return {
    slug: r.slug,
    name: lang === "vi" ? r.name_vi : r.name_en,
    name_vi: r.name_vi,
    name_en: r.name_en,
    category: lang === "vi" ? r.category_vi : r.category_en,
    group: r.product_group,
    tier: tierOf(r.tier_rank),
    ocop_stars: r.ocop_stars || null,
    image: r.image,
    image_alt: lang === "vi" ? r.image_alt_vi : r.image_alt_en,
    price_from_vnd: priceFrom(r.packaging),
    sample: r.sample === 1,
    producer: { slug: r.producer_slug, name: r.producer_name, district: r.producer_district },
  };
}
export type ProductListItem = ReturnType<typeof listItem>;

const inList = (values: readonly (string | number)[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/** One WHERE fragment per active filter, so each facet can leave out its own. */
function filterFragments(f: ProductFilters, match: string | null): Partial<Record<FacetName | "q", SQL>> {
  const out: Partial<Record<FacetName | "q", SQL>> = {};
  if (match !== null) out.q = sql`p.id IN (SELECT rowid FROM products_fts WHERE products_fts MATCH ${match})`;
  if (f.tier?.length) out.tier = sql`p.tier_rank IN (${inList(f.tier.map((t) => LEVEL_RANK[t]))})`;
  if (f.group?.length) out.group = sql`p.product_group IN (${inList(f.group)})`;
  if (f.producer?.length)
    out.producer = sql`p.producer_id IN (SELECT id FROM producers WHERE slug IN (${inList(f.producer)}))`;
  if (f.district?.length)
    out.district = sql`p.producer_id IN (SELECT id FROM producers WHERE district_slug IN (${inList(f.district)}))`;
  if (f.scheme?.length)
    out.scheme = sql`EXISTS (SELECT 1 FROM recognitions r WHERE r.product_id = p.id AND r.scheme IN (${inList(f.scheme)}))`;
  if (f.channel?.length)
    out.channel = sql`EXISTS (SELECT 1 FROM listings l JOIN channels c ON c.id = l.channel_id WHERE l.product_id = p.id AND c.slug IN (${inList(f.channel)}))`;
  return out;
}

/** Most values a facet lists (only the producer facet can have more). */
export const FACET_LIMIT = 50;

const where = (parts: SQL[]) => (parts.length ? sql`WHERE ${sql.join(parts, sql` AND `)}` : sql``);

interface SortSpec {
  /** Columns of the keyset, in order, with direction. */
  keys: { expr: SQL; desc: boolean; pick: (r: Row) => string | number | null }[];
}

function sortSpec(sort: Sort, sortCol: SQL): SortSpec {
  const id = (desc: boolean) => ({ expr: sql`p.id`, desc, pick: (r: Row) => r.id });
  const name = (desc: boolean) => ({ expr: sortCol, desc, pick: (r: Row) => r.sort_key });
  switch (sort) {
    case "relevance":
      return { keys: [{ expr: sql`s.rank`, desc: false, pick: (r) => r.rank }, name(false), id(false)] };
    case "name":
      return { keys: [name(false), id(false)] };
    case "-name":
      return { keys: [name(true), id(true)] };
    case "newest":
      return { keys: [{ expr: sql`p.created_at`, desc: true, pick: (r) => r.created_at }, id(true)] };
    default:
      return {
        keys: [{ expr: sql`p.tier_rank`, desc: true, pick: (r) => r.tier_rank }, name(false), id(false)],
      };
  }
}

/**
 * Rows after a cursor: `(a, b, c) > (x, y, z)` with per-column direction. Keys are grouped into runs of one
 * direction, each compared as a row value (`(sort_vi, id) > (?, ?)`), which SQLite answers with an index range;
 * a leading run also bounds the scan (`tier_rank <= ?`), so a deep page starts near its cursor instead of at the top.
 */
function keysetAfter(spec: SortSpec, values: (string | number | null)[]): SQL {
  const runs: { exprs: SQL[]; vals: (string | number | null)[]; desc: boolean }[] = [];
  spec.keys.forEach((k, i) => {
    const last = runs.at(-1);
    if (last && last.desc === k.desc) {
      last.exprs.push(k.expr);
      last.vals.push(values[i] ?? null);
    } else runs.push({ exprs: [k.expr], vals: [values[i] ?? null], desc: k.desc });
  });
  const tuple = (xs: SQL[]) => (xs.length === 1 ? (xs[0] ?? sql`NULL`) : sql`(${sql.join(xs, sql`, `)})`);
  const clause = (i: number): SQL => {
    const run = runs[i];
    if (!run) return sql`0`;
    const col = tuple(run.exprs);
    const val = tuple(run.vals.map((v) => sql`${v}`));
    const after = run.desc ? sql`${col} < ${val}` : sql`${col} > ${val}`;
    if (i === runs.length - 1) return after;
    const bound = run.desc ? sql`${col} <= ${val}` : sql`${col} >= ${val}`;
    return sql`(${bound} AND (${after} OR (${col} = ${val} AND ${clause(i + 1)})))`;
  };
  return clause(0);
}

/** A stable string naming the query a cursor belongs to. */
export function scopeOf(input: ListProductsInput, sort: Sort): string {
  const norm = (v?: string[]) => (v?.length ? [...v].sort().join(",") : "");
  return [
    "p1",
    sort,
    input.lang,
    input.q ?? "",
    norm(input.tier),
    norm(input.scheme),
    norm(input.group),
    norm(input.producer),
    norm(input.channel),
    norm(input.district),
  ].join("|");
}

/**
 * The catalogue query behind `GET /api/v1/products` and the `/san-pham` page: one page of products, the total,
 * and facet counts over the whole result set (each facet applies every active filter but its own), all in one
 * D1 batch — one round trip.
 */
export async function listProducts(d1: CountedD1, secret: string, input: ListProductsInput) {
  const query = await productListQuery(d1, secret, input);
  return query.read(await d1.batch(query.statements));
}

/**
 * The statements of {@link listProducts} and the function that reads their results, for callers that put them
 * in one batch with other statements (the home page).
 */
export async function productListQuery(d1: CountedD1, secret: string, input: ListProductsInput) {
  const stmt = (q: SQL) => toStatement(d1, q);
  const match = input.q !== undefined && input.q.trim() !== "" ? toFtsQuery(input.q) : null;
  const searchedNothing = input.q !== undefined && input.q.trim() !== "" && match === null;
  const sort: Sort =
    input.sort === "relevance" && match === null ? "tier" : (input.sort ?? (match ? "relevance" : "tier"));
  const sortCol = input.lang === "vi" ? sql`p.sort_vi` : sql`p.sort_en`;
  const spec = sortSpec(sort, sortCol);
  const scope = scopeOf(input, sort);
  const filters = filterFragments(input, match);
  const all = Object.values(filters);
  const but = (facet: FacetName) =>
    Object.entries(filters)
      .filter(([k]) => k !== facet)
      .map(([, v]) => v);

  // Sorted by relevance, the rank join already restricts the page to matches; a second MATCH would be redundant.
  const conditions =
    sort === "relevance" && match
      ? Object.values({ ...filters, q: undefined }).filter((c) => c !== undefined)
      : [...all];
  if (input.cursor)
    conditions.push(keysetAfter(spec, await decodeCursor(secret, input.cursor, scope, spec.keys.length)));
  if (searchedNothing) conditions.push(sql`0`);

  const rankJoin =
    sort === "relevance" && match
      ? sql`JOIN (SELECT rowid AS id, bm25(products_fts, 10.0, 6.0, 1.0) AS rank FROM products_fts WHERE products_fts MATCH ${match}) s ON s.id = p.id`
      : sql``;
  const orderBy = sql.join(
    spec.keys.map((k) => sql`${k.expr} ${sql.raw(k.desc ? "DESC" : "ASC")}`),
    sql`, `,
  );
  const none = searchedNothing ? [sql`0`] : [];

  const listQ = stmt(sql`
    SELECT p.id, p.slug, p.name_vi, p.name_en, p.category_vi, p.category_en, p.product_group, p.tier_rank,
      p.ocop_stars, p.image, p.image_alt_vi, p.image_alt_en, p.sample, p.created_at, p.packaging,
      ${sortCol} AS sort_key, pr.slug AS producer_slug, pr.name AS producer_name, pr.district AS producer_district,
      ${sort === "relevance" && match ? sql`s.rank` : sql`NULL`} AS rank
    FROM products p JOIN producers pr ON pr.id = p.producer_id ${rankJoin}
    ${where(conditions)}
    ORDER BY ${orderBy}
    LIMIT ${input.limit + 1}`);
  // Search alone: the index counts its matches without reading a product row (wide rows make that the cost).
  const onlySearch = match !== null && all.length === 1;
  // With a search, the counts look its matches up by id; SQLite would read the wide rows through the primary key,
  // so the narrow covering index is named (measured at 100k products: about half the time per facet).
  const P = match ? sql`products p INDEXED BY products_facet_idx` : sql`products p`;
  const totalQ = stmt(
    onlySearch
      ? sql`SELECT count(*) AS n FROM products_fts WHERE products_fts MATCH ${match}`
      : sql`SELECT count(*) AS n FROM ${P} ${where([...all, ...none])}`,
  );
  const tierQ = stmt(
    sql`SELECT p.tier_rank AS k, count(*) AS n FROM ${P} ${where([...but("tier"), ...none])} GROUP BY p.tier_rank`,
  );
  const groupQ = stmt(
    sql`SELECT p.product_group AS k, count(*) AS n FROM ${P} ${where([...but("group"), ...none])} GROUP BY p.product_group`,
  );
  // Producer and district facets count products per producer first (from an index, no join), then look up only
  // the producers that remain. Producers can number in the thousands: the facet lists the FACET_LIMIT largest
  // (chosen ones first), by name.
  const perProducer = (facet: FacetName, extra: SQL = sql``) =>
    sql`SELECT p.producer_id AS id, count(*) AS n FROM ${P} ${where([...but(facet), ...none])} GROUP BY p.producer_id ${extra}`;
  const chosen = input.producer?.length
    ? sql`p.producer_id IN (SELECT id FROM producers WHERE slug IN (${inList(input.producer)})) DESC, `
    : sql``;
  const producerQ = stmt(
    sql`SELECT pr.slug AS k, pr.name AS label, x.n AS n FROM (${perProducer("producer", sql`ORDER BY ${chosen}n DESC, p.producer_id LIMIT ${FACET_LIMIT}`)}) x JOIN producers pr ON pr.id = x.id ORDER BY pr.name`,
  );
  const districtQ = stmt(
    sql`SELECT pr.district_slug AS k, pr.district AS label, sum(x.n) AS n FROM (${perProducer("district")}) x JOIN producers pr ON pr.id = x.id WHERE pr.district_slug IS NOT NULL GROUP BY pr.district_slug ORDER BY pr.district`,
  );
  // A product is listed at most once per channel (unique index), so count(*) counts distinct products. Without
  // other filters, the link tables alone answer (their covering indexes), not a join with every product.
  const unfiltered = (facet: FacetName) => but(facet).length === 0 && none.length === 0;
  const channelQ = stmt(
    unfiltered("channel")
      ? sql`SELECT c.slug AS k, c.name AS label, count(*) AS n FROM listings l JOIN channels c ON c.id = l.channel_id GROUP BY c.id ORDER BY c.id`
      : sql`SELECT c.slug AS k, c.name AS label, count(*) AS n FROM ${P} JOIN listings l ON l.product_id = p.id JOIN channels c ON c.id = l.channel_id ${where([...but("channel"), ...none])} GROUP BY c.id ORDER BY c.id`,
  );
  const schemeQ = stmt(
    unfiltered("scheme")
      ? sql`SELECT r.scheme AS k, count(DISTINCT r.product_id) AS n FROM recognitions r GROUP BY r.scheme`
      : sql`SELECT r.scheme AS k, count(DISTINCT p.id) AS n FROM ${P} JOIN recognitions r ON r.product_id = p.id ${where([...but("scheme"), ...none])} GROUP BY r.scheme`,
  );

  const statements = [listQ, totalQ, tierQ, groupQ, producerQ, districtQ, channelQ, schemeQ];
  const read = async (results: D1Result[]) => {
    const rowsOf = <T>(i: number) => (results[i]?.results ?? []) as T[];
    const rows = rowsOf<Row>(0);
    const total = rowsOf<{ n: number }>(1);
    const tiers = rowsOf<{ k: number; n: number }>(2);
    const groups = rowsOf<{ k: string; n: number }>(3);
    const producers = rowsOf<{ k: string; label: string; n: number }>(4);
    const districts = rowsOf<{ k: string; label: string; n: number }>(5);
    const chans = rowsOf<{ k: string; label: string; n: number }>(6);
    const schemes = rowsOf<{ k: string; n: number }>(7);

    const li = input.lang === "vi" ? 0 : 1;
    const { items, nextCursor } = await keysetPage(rows, input.limit, {
      secret,
      scope,
      keyOf: (r) => spec.keys.map((k) => k.pick(r)),
    });
    const labelled = (
      rowsIn: { k: string; n: number }[],
      labels: Record<string, readonly [string, string]>,
    ) => rowsIn.map((r) => ({ value: r.k, label: labels[r.k]?.[li] ?? r.k, count: r.n }));
    const tierCounts = new Map(tiers.map((t) => [t.k, t.n]));

    return {
      sort,
      data: items.map((r) => listItem(r, input.lang)),
      page: { limit: input.limit, total: total[0]?.n ?? 0, next_cursor: nextCursor },
      facets: {
        tier: [...TIERS].reverse().map((t) => ({
          value: t,
          label: LABELS.tier[t]?.[li] ?? t,
          count: tierCounts.get(LEVEL_RANK[t]) ?? 0,
        })),
        scheme: labelled(schemes, LABELS.scheme),
        group: labelled(groups, LABELS.group),
        producer: producers.map((r) => ({ value: r.k, label: r.label, count: r.n })),
        channel: chans.map((r) => ({ value: r.k, label: r.label, count: r.n })),
        district: districts.map((r) => ({ value: r.k, label: r.label, count: r.n })),
      } satisfies Record<FacetName, FacetValue[]>,
    };
  };
  return { statements, read };
}
export type ProductList = Awaited<ReturnType<typeof listProducts>>;
