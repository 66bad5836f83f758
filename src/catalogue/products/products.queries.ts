import { type SQL, sql } from "drizzle-orm";
import {
  asProvenance,
  mark,
  packagingState,
  parseFieldProvenance,
  weakest,
} from "../../domain/provenance.ts";
import { type FacetName, type Lang, type Sort, tierOf } from "../../domain/vocabulary.ts";
import { toStatement } from "../../platform/db/client.ts";
import {
  ocopAsOf,
  ocopHeldSql,
  ocopLatestSql,
  ocopYearSql,
  type ProductSummaryRow,
  parseJson,
} from "../../platform/db/mappers.ts";
import { keysetPage } from "../../platform/db/pagination.ts";
import type { CountedD1 } from "../../platform/env.ts";
import { type CursorKeys, decodeCursor } from "../../platform/lib/cursor.ts";
import { FEW_RESULTS } from "../../platform/lib/fold.ts";
import {
  countsWhere,
  type FacetValue,
  facetStatements,
  facetTotal,
  filterFragments,
  type ProductFilters,
  readFacets,
  SEARCH_COUNT_COLUMNS,
  type SearchOutcome,
  searchCounts,
  searchFacetResults,
  where,
} from "./facets.queries.ts";
import { searchPlan } from "./search.queries.ts";

export type { FacetName, FacetValue, Lang, ProductFilters, Sort };

export interface ListProductsInput extends ProductFilters {
  sort?: Sort;
  limit: number;
  cursor?: string;
  lang: Lang;
}

interface Row extends ProductSummaryRow {
  id: number;
  image_alt_vi: string | null;
  image_alt_en: string | null;
  created_at: string;
  sort_key: string;
  recognition_rank: number;
  /** 1 when the product holds an OCOP certification (stars stated or not). */
  ocop: number;
  /** The year of the rating behind `ocop_stars`, and of the product's latest dated OCOP rating. */
  ocop_year: number | null;
  ocop_latest: number | null;
  producer_district: string | null;
  rank: number | null;
  provenance: string;
  field_provenance: string;
  producer_provenance: string;
  producer_field_provenance: string;
  /** 1 when the product is illustrative: the first sort key when illustrative products are included. */
  illustrative: number;
}

/**
 * A product as it appears in lists, with its `provenance`: the lowest price takes the state of the packaging it
 * comes from; the producer's district its own. Without `include`, illustrative values are left out (see `mark`).
 */
export function listItem(r: Row, lang: Lang, include = false) {
  const packaging = parseJson<{ priceVnd: number | null; sample?: boolean }[]>(r.packaging, []);
  const prices = packaging.map((p) => p.priceVnd).filter((p): p is number => typeof p === "number");
  const fields = parseFieldProvenance(r.field_provenance);
  const producerState = asProvenance(r.producer_provenance);
  const producerFields = parseFieldProvenance(r.producer_field_provenance);
  const item = {
    slug: r.slug,
    name: lang === "vi" ? r.name_vi : r.name_en,
    name_vi: r.name_vi,
    name_en: r.name_en,
    category: lang === "vi" ? r.category_vi : r.category_en,
    group: r.product_group,
    tier: tierOf(r.tier_rank),
    ocop_stars: r.ocop_stars || null,
    ...ocopAsOf(r.ocop_stars, r.ocop_year, r.ocop_latest),
    ocop: r.ocop === 1,
    image: r.image,
    image_alt: lang === "vi" ? r.image_alt_vi : r.image_alt_en,
    price_from_vnd: prices.length ? Math.min(...prices) : null,
    sample: r.sample === 1,
    producer: { slug: r.producer_slug, name: r.producer_name, district: r.producer_district },
  };
  return mark(
    item,
    asProvenance(r.provenance),
    {
      description: fields.description,
      price_from_vnd: packagingState(fields, packaging),
      producer: producerState,
      "producer.district": weakest(producerState, producerFields.district),
    },
    include,
  );
}
export type ProductListItem = ReturnType<typeof listItem>;

interface SortSpec {
  /** Columns of the keyset, in order, with direction. */
  keys: { expr: SQL; desc: boolean; pick: (r: Row) => string | number | null }[];
}

function sortSpec(sort: Sort, sortCol: SQL, realFirst: boolean): SortSpec {
  const spec = sortKeys(sort, sortCol);
  if (!realFirst) return spec;
  // Shoppers see real products first: illustrative ones follow, in the same order among themselves.
  const illustrative = {
    expr: sql`(p.provenance = 'illustrative')`,
    desc: false,
    pick: (r: Row) => r.illustrative,
  };
  return { keys: [illustrative, ...spec.keys] };
}

function sortKeys(sort: Sort, sortCol: SQL): SortSpec {
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
      // The strongest recognition first (products.recognition_rank, migration 0024: OCOP stars count, a stated
      // recent rating before one of unknown year).
      return {
        keys: [
          { expr: sql`p.recognition_rank`, desc: true, pick: (r) => r.recognition_rank },
          name(false),
          id(false),
        ],
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
    "p2",
    sort,
    input.lang,
    input.q ?? "",
    norm(input.tier),
    norm(input.scheme),
    norm(input.group),
    norm(input.producer),
    norm(input.channel),
    norm(input.district),
    input.includeIllustrative ? "all" : "real",
  ].join("|");
}

/**
 * The catalogue query behind `GET /api/v1/products` and the `/san-pham` page: one page of products, the total,
 * and facet counts over the whole result set (each facet applies every active filter but its own), all in one
 * D1 batch — one round trip.
 */
export async function listProducts(d1: CountedD1, secret: CursorKeys, input: ListProductsInput) {
  const query = await productListQuery(d1, secret, input);
  return query.read(await d1.batch(query.statements));
}

/**
 * The statements of {@link listProducts} and the function that reads their results, for callers that put them
 * in one batch with other statements (the home page).
 */
export async function productListQuery(d1: CountedD1, secret: CursorKeys, input: ListProductsInput) {
  const stmt = (q: SQL) => toStatement(d1, q);
  const include = input.includeIllustrative === true;
  const match = input.q !== undefined && input.q.trim() !== "" ? searchPlan(input.q, include) : null;
  const searchedNothing = input.q !== undefined && input.q.trim() !== "" && match === null;
  const sort: Sort =
    input.sort === "relevance" && match === null ? "tier" : (input.sort ?? (match ? "relevance" : "tier"));
  const sortCol = input.lang === "vi" ? sql`p.sort_vi` : sql`p.sort_en`;
  const spec = sortSpec(sort, sortCol, include);
  const scope = scopeOf(input, sort);
  const filters = filterFragments(input, match !== null);
  const all = Object.values(filters);

  // Ranked matches are materialised once: as a plain subquery SQLite may run the FTS search again for every row
  // another filter selects (measured at 100k products: q + one tier took 2.8 s; materialised, 16 ms).
  const ranked = sort === "relevance" && match !== null;
  // Sorted by relevance, the ranked matches `s` are exactly the page's candidates: they hold only real products
  // unless illustrative ones are included, and the other filters are applied to them in the narrow covering index
  // before any wide product row is read (at 100k products, "mien dong" + two tiers read 4,863 wide rows: 49 ms).
  const { q: _q, real: _real, ...narrowing } = filters;
  // Sorted otherwise, a search's page reads the matches ranked for its counts (`m`) rather than searching again.
  const conditions = ranked
    ? []
    : match
      ? Object.values({ ...filters, q: sql`p.id IN (SELECT id FROM m)` })
      : [...all];
  if (input.cursor)
    conditions.push(keysetAfter(spec, await decodeCursor(secret, input.cursor, scope, spec.keys.length)));
  if (searchedNothing) conditions.push(sql`0`);

  // A search reads its page and its counts in one statement, so that its matches are ranked once (`m`, from
  // searchCounts; at 100k products ranking the 4,863 matches of "mien dong" takes ~4 ms). With illustrative products
  // included, each match carries its flag, so that the page can be cut by (flag, rank): real products come first
  // whatever their rank.
  const others = Object.values(narrowing);
  const counts = match ? searchCounts(input, match) : null;
  const candidates = !ranked
    ? sql``
    : others.length
      ? sql`, s AS MATERIALIZED (SELECT m.* FROM m CROSS JOIN products p INDEXED BY products_facet_idx ON p.id = m.id ${where(others)})`
      : sql`, s AS (SELECT * FROM m)`;
  const rankJoin = ranked ? sql`JOIN s ON s.id = p.id` : sql``;
  // A search's first page needs only the best ranks: rows ranked no worse than the (limit+1)-th candidate (ties
  // kept, so the page is exactly what sorting every candidate would give) are joined with their wide product rows,
  // not all of them (at 100k products, 4,863 matches: 47 ms → 9 ms). With illustrative products included, real ones
  // come first whatever their rank, so the cut is by (illustrative, rank), the page's own order.
  if (ranked && !input.cursor)
    conditions.push(
      include
        ? sql`(NOT EXISTS (SELECT 1 FROM s LIMIT 1 OFFSET ${input.limit}) OR (s.ill, s.rank) <= (SELECT ill, rank FROM s ORDER BY ill, rank LIMIT 1 OFFSET ${input.limit}))`
        : sql`s.rank <= ifnull((SELECT rank FROM s ORDER BY rank LIMIT 1 OFFSET ${input.limit}), s.rank)`,
    );
  const orderBy = sql.join(
    spec.keys.map((k) => sql`${k.expr} ${sql.raw(k.desc ? "DESC" : "ASC")}`),
    sql`, `,
  );

  const listSql = (from: SQL, guard: SQL[]) => sql`
    SELECT p.id, p.slug, p.name_vi, p.name_en, p.category_vi, p.category_en, p.product_group, p.tier_rank,
      p.ocop_stars, p.recognition_rank, p.image, p.image_alt_vi, p.image_alt_en, p.sample, p.created_at, p.packaging,
      p.provenance, p.field_provenance, (p.provenance = 'illustrative') AS illustrative,
      ${sql.raw(ocopHeldSql("p"))} AS ocop, ${sql.raw(ocopYearSql("p"))} AS ocop_year,
      ${sql.raw(ocopLatestSql("p"))} AS ocop_latest,
      ${sortCol} AS sort_key, pr.slug AS producer_slug, pr.name AS producer_name, pr.district AS producer_district,
      pr.provenance AS producer_provenance, pr.field_provenance AS producer_field_provenance,
      ${sort === "relevance" && match ? sql`s.rank` : sql`NULL`} AS rank
    FROM ${from} JOIN producers pr ON pr.id = p.producer_id ${rankJoin}
    ${where([...guard, ...conditions])}
    ORDER BY ${orderBy}
    LIMIT ${input.limit + 1}`;
  // Filtered by tier, group, district or scheme only, the page is either found by walking an index in the page's
  // order until it is full (quick when the filters keep a fair share of the catalogue) or by SQLite's own plan, which
  // picks the filters' index and sorts every match (quick when they keep few). SQLite cannot tell which: it chose
  // the sort for tier + group at 100k products (7,492 matches, ~45 ms; the walk takes 0.2 ms) and the walk would
  // take ~300 ms for a rare combination. facet_counts knows: two statements, each guarded by a constant condition
  // on it (SQLite skips a statement whose constant condition is false), one of which returns the page.
  const walk = orderedWalk(input, sort, include, filters, searchedNothing);
  // A search's page rows and count rows come as one result: the page's columns, then the counts' (each row NULL in
  // the other's); UNION ALL keeps each part's own order.
  const nulls = (names: string[]) => sql.raw(names.map((n) => `NULL AS ${n}`).join(", "));
  const searchSql = (page: SQL, c: NonNullable<typeof counts>) => sql`WITH ${c.ctes}${candidates}
    SELECT *, ${nulls(SEARCH_COUNT_COLUMNS)} FROM (${page})
    UNION ALL SELECT ${sql.raw("NULL, ".repeat(PAGE_WIDTH))}* FROM (${c.select})`;
  const lists = walk
    ? [
        listSql(sql`products p INDEXED BY ${sql.raw(walk.index)}`, [walk.dense]),
        listSql(sql`products p`, [sql`NOT ${walk.dense}`]),
      ]
    : [counts ? searchSql(listSql(sql`products p`, []), counts) : listSql(sql`products p`, [])];
  const facets = counts ? [] : facetStatements(filters, searchedNothing, input);
  const statements = [...lists.map(stmt), ...facets.map(stmt)];
  const read = async (results: D1Result[]) => {
    const rowsOf = <T>(i: number) => (results[i]?.results ?? []) as T[];
    const first = rowsOf<Row & { part: number | null; n: number }>(0);
    const rows =
      lists.length === 2 && first.length === 0
        ? rowsOf<Row>(1)
        : counts
          ? first.filter((r) => r.part === null)
          : first;
    const counted = counts
      ? searchFacetResults(first.filter((r) => r.part !== null) as { part: number; n: number }[])
      : { results: results.slice(lists.length), capped: false, outcome: null };
    const facetResults = counted.results;

    const { items, hasMore, nextCursor } = await keysetPage(rows, input.limit, {
      secret,
      scope,
      keyOf: (r) => spec.keys.map((k) => k.pick(r)),
    });
    return {
      sort,
      data: items.map((r) => listItem(r, input.lang, include)),
      page: {
        limit: input.limit,
        ...facetTotal(facetResults, input),
        total_relation: counted.capped ? ("gte" as const) : ("eq" as const),
        has_more: hasMore,
        next_cursor: nextCursor,
      },
      facets: readFacets(facetResults, input.lang, input),
      facets_exhaustive: !counted.capped,
      search: match ? searchOut(match.tokens, counted.outcome) : null,
    };
  };
  return { statements, read };
}
export type ProductList = Awaited<ReturnType<typeof listProducts>>;

/** How many columns a page's rows have (a search pads its count rows with as many; SQLite refuses a mismatch). */
const PAGE_WIDTH = 29;

/**
 * What a search did, for the shopper and the API: the words it searched (folded), how many products matched them
 * as typed (synonyms included) and through a correction, whether it fell back to descriptions, and the corrected
 * query when the words as typed found few.
 */
function searchOut(tokens: string[], o: SearchOutcome | null) {
  const outcome = o ?? { exact: 0, typo: 0, description: 0, hint: null };
  return {
    words: tokens.join(" "),
    matched: outcome.exact,
    corrected: outcome.typo,
    descriptions_only: outcome.description > 0,
    did_you_mean:
      outcome.hint !== null &&
      outcome.hint !== tokens.join(" ") &&
      outcome.exact < FEW_RESULTS &&
      outcome.typo > 0
        ? outcome.hint
        : null,
  };
}

/** Indexes that hold the page orders the walk uses: [real first?][sort][language] (migrations 0016, 0024). */
const ORDER_INDEXES = {
  real: {
    tier: { vi: "products_real_recognition_vi_idx", en: "products_real_recognition_en_idx" },
    name: { vi: "products_real_name_vi_idx", en: "products_real_name_en_idx" },
  },
  plain: {
    tier: { vi: "products_recognition_sort_vi_idx", en: "products_recognition_sort_en_idx" },
    name: { vi: "products_sort_vi_idx", en: "products_sort_en_idx" },
  },
} as const;

/**
 * When a list is filtered by tier, group, district or scheme only (what facet_counts can count) and sorted in an
 * order an index holds, the index to walk and the condition under which walking it is the quick plan: the filters
 * keep some, and at least a twentieth of the listed catalogue (then a page of 20 is found within some 400 index
 * entries on average, against sorting every match).
 */
function orderedWalk(
  input: ListProductsInput,
  sort: Sort,
  include: boolean,
  filters: Partial<Record<string, SQL>>,
  searchedNothing: boolean,
): { index: string; dense: SQL } | null {
  if (searchedNothing || (sort !== "tier" && sort !== "name")) return null;
  const keys = Object.keys(filters).filter((k) => k !== "real");
  if (keys.length === 0 || keys.some((k) => !["tier", "group", "district", "scheme"].includes(k)))
    return null;
  const index = ORDER_INDEXES[include ? "real" : "plain"][sort][input.lang];
  const listed = include ? sql`` : sql` WHERE illustrative = 0`;
  const cube = countsWhere(input, include);
  const kept = sql`(SELECT coalesce(sum(n), 0) FROM facet_counts ${where(cube)})`;
  const dense = sql`(${kept} > 0 AND ${kept} * 20 >= (SELECT coalesce(sum(n), 0) FROM facet_counts${listed}))`;
  return { index, dense };
}
