import { type SQL, sql } from "drizzle-orm";
import type { FacetName, Lang, Sort } from "../../domain/vocabulary.ts";
import { frozen, toStatement } from "../../platform/db/client.ts";
import { ocopHeldOf, ocopLatestOf, ocopYearOf } from "../../platform/db/mappers.ts";
import { keysetPage } from "../../platform/db/pagination.ts";
import { producers, products } from "../../platform/db/schema.ts";
import { facetCounts } from "../../platform/db/schema-derived.ts";
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
import { listItem, type ListRow as Row } from "./list-item.ts";
import { keysetAfter, sortSpec } from "./list-order.queries.ts";
import { facetCountsCols, p, pAlias, pr, prAlias } from "./list-tables.ts";
import { searchPlan } from "./search.queries.ts";

/** A listed product's OCOP rating: held, its year and the latest year, rendered once (frozen). */
const OCOP_COLUMNS = frozen(
  sql`${ocopHeldOf(pAlias)} AS ocop, ${ocopYearOf(pAlias)} AS ocop_year, ${ocopLatestOf(pAlias)} AS ocop_latest`,
);

export { listItem, type ProductListItem } from "./list-item.ts";
export type { FacetName, FacetValue, Lang, ProductFilters, Sort };

export interface ListProductsInput extends ProductFilters {
  sort?: Sort;
  limit: number;
  cursor?: string;
  lang: Lang;
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
  const sortCol = sql`${input.lang === "vi" ? p.sortVi : p.sortEn}`;
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
      ? Object.values({ ...filters, q: sql`${p.id} IN (SELECT m.id FROM m)` })
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
      ? sql`, s AS MATERIALIZED (SELECT m.* FROM m CROSS JOIN ${products} ${pAlias} INDEXED BY products_facet_idx ON ${p.id} = m.id ${where(others)})`
      : sql`, s AS (SELECT * FROM m)`;
  const rankJoin = ranked ? sql`JOIN s ON s.id = ${p.id}` : sql``;
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
    SELECT ${p.id}, ${p.slug}, ${p.nameVi}, ${p.nameEn}, ${p.categoryVi}, ${p.categoryEn}, ${p.productGroup},
      ${p.tierRank}, ${p.ocopStars}, ${p.recognitionRank}, ${p.image}, ${p.imageAltVi}, ${p.imageAltEn}, ${p.sample},
      ${p.createdAt}, ${p.packaging}, ${p.provenance}, ${p.fieldProvenance}, (${p.provenance} = 'illustrative') AS illustrative,
      ${OCOP_COLUMNS},
      ${sortCol} AS sort_key, ${pr.slug} AS producer_slug, ${pr.name} AS producer_name, ${pr.district} AS producer_district,
      ${pr.provenance} AS producer_provenance, ${pr.fieldProvenance} AS producer_field_provenance,
      ${sort === "relevance" && match ? sql`s.rank` : sql`NULL`} AS rank
    FROM ${from} JOIN ${producers} ${prAlias} ON ${pr.id} = ${p.producerId} ${rankJoin}
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
        listSql(sql`${products} ${pAlias} INDEXED BY ${sql.raw(walk.index)}`, [walk.dense]),
        listSql(sql`${products} ${pAlias}`, [sql`NOT ${walk.dense}`]),
      ]
    : [
        counts
          ? searchSql(listSql(sql`${products} ${pAlias}`, []), counts)
          : listSql(sql`${products} ${pAlias}`, []),
      ];
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
  const listed = include ? sql`` : sql` WHERE ${facetCountsCols.illustrative} = 0`;
  const cube = countsWhere(input, include);
  const kept = sql`(SELECT coalesce(sum(${facetCountsCols.n}), 0) FROM ${facetCounts} ${where(cube)})`;
  const dense = sql`(${kept} > 0 AND ${kept} * 20 >= (SELECT coalesce(sum(${facetCountsCols.n}), 0) FROM ${facetCounts}${listed}))`;
  return { index, dense };
}
