import { type SQL, sql } from "drizzle-orm";
import {
  COUNT_CAP,
  type FacetName,
  LABELS,
  type Lang,
  LEVEL_RANK,
  SCHEME_BITS,
  TIERS,
  type Tier,
} from "../../domain/vocabulary.ts";
import { channels, listings, producers, products, recognitions } from "../../platform/db/schema.ts";
import { channelCounts, facetCounts, productFacets } from "../../platform/db/schema-derived.ts";
import {
  c,
  cAlias,
  fAlias,
  facetCountsCols,
  f as facetRow,
  l,
  lAlias,
  p,
  pAlias,
  pf,
  pfAlias,
  pr,
  prAlias,
  producersCols,
  r,
  rAlias,
  x,
  xAlias,
} from "./list-tables.ts";
import { type SearchPlan, searchOutcomeSql } from "./search.queries.ts";

export interface ProductFilters {
  q?: string;
  tier?: Tier[];
  scheme?: string[];
  group?: string[];
  producer?: string[];
  channel?: string[];
  district?: string[];
  /** Also list illustrative products (and count illustrative listings); real products still come first. */
  includeIllustrative?: boolean;
}

export interface FacetValue {
  value: string;
  label: string;
  count: number;
  /** How many of `count` are illustrative (products, or listings for the channel facet). */
  illustrative: number;
}

/** The filters' keys: the facets, the search, and `real` (illustrative products left out unless included). */
export type FilterKey = FacetName | "q" | "real";

/** Values as a bound SQL list: `IN (${inList(values)})`. */
export const inList = (values: readonly (string | number)[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/** Values as one bound JSON parameter: `IN (${jsonList(values)})`, for statements that repeat many lists. */
const jsonList = (values: readonly (string | number)[]) =>
  sql`SELECT value FROM json_each(${JSON.stringify(values)})`;

/**
 * One WHERE fragment per active filter, so each facet can leave out its own. `json`: bind each value list as one
 * JSON parameter, for a statement that repeats the filters (D1 takes at most 100 parameters a statement).
 */
export function filterFragments(
  f: ProductFilters,
  searched: boolean,
  json = false,
): Partial<Record<FilterKey, SQL>> {
  const out: Partial<Record<FilterKey, SQL>> = {};
  const list = json ? jsonList : inList;
  // Illustrative products stay out unless asked for; every facet applies this (it is no facet of its own).
  if (!f.includeIllustrative) out.real = sql`${p.provenance} <> 'illustrative'`;
  const realListing = f.includeIllustrative ? sql`` : sql` AND ${l.provenance} <> 'illustrative'`;
  // A search's matches are the CTE `m` of its plan (src/catalogue/products/search.queries.ts), in the statement that reads them.
  if (searched) out.q = sql`${p.id} IN (SELECT m.id FROM m)`;
  if (f.tier?.length) out.tier = sql`${p.tierRank} IN (${list(f.tier.map((t) => LEVEL_RANK[t]))})`;
  if (f.group?.length) out.group = sql`${p.productGroup} IN (${list(f.group)})`;
  if (f.producer?.length)
    out.producer = sql`${p.producerId} IN (SELECT ${producersCols.id} FROM ${producers} WHERE ${producersCols.slug} IN (${list(f.producer)}))`;
  if (f.district?.length)
    out.district = sql`${p.producerId} IN (SELECT ${producersCols.id} FROM ${producers} WHERE ${producersCols.districtSlug} IN (${list(f.district)}))`;
  if (f.scheme?.length)
    out.scheme = sql`EXISTS (SELECT 1 FROM ${recognitions} ${rAlias} WHERE ${r.productId} = ${p.id} AND ${r.scheme} IN (${list(f.scheme)}))`;
  if (f.channel?.length)
    out.channel = sql`EXISTS (SELECT 1 FROM ${listings} ${lAlias} JOIN ${channels} ${cAlias} ON ${c.id} = ${l.channelId} WHERE ${l.productId} = ${p.id} AND ${c.slug} IN (${list(f.channel)})${realListing})`;
  return out;
}

/** Most values a facet lists (only the producer facet can have more). */
export const FACET_LIMIT = 50;

/** `WHERE a AND b …`, or nothing. */
export const where = (parts: SQL[]) => (parts.length ? sql`WHERE ${sql.join(parts, sql` AND `)}` : sql``);

/**
 * The total and the facet counts of a product list, as statements (for the list's batch): each facet applies
 * every active filter but its own. `searchedNothing`: the search's text had no searchable token (nothing
 * matches); `input` the filters as asked (its producers are listed first); `counted`: count these product_facets
 * rows (aliased `p`, a search's best-ranked matches: {@link searchCounts}) instead of the catalogue.
 */
export function facetStatements(
  filters: Partial<Record<FilterKey, SQL>>,
  searchedNothing: boolean,
  input: ProductFilters,
  counted?: SQL,
): SQL[] {
  const include = input.includeIllustrative === true;
  const but = (facet: FacetName) =>
    Object.entries(filters)
      .filter(([k]) => k !== facet)
      .map(([, v]) => v);
  const none = searchedNothing ? [sql`0`] : [];
  // A search's counts run over its best-ranked product_facets rows (searchCounts), everything else over products.
  const P = counted ?? sql`${products} ${pAlias}`;
  // Tier, group, district and scheme facets come from one small table of counts per combination (facet_counts,
  // kept by triggers) when nothing else narrows the list; with a search, producer or channel filter, the same
  // combinations are counted over the matches in the narrow product_facets rows, in one statement. Either way each
  // facet then leaves out its own filter in code (cubeFacets); counted per facet in SQL, these four took most of a
  // list's time at 100k products. The total is summed there too: the combinations that pass every filter (counting
  // it again over a search's matches took as long as a facet).
  const fromCounts = !counted && cubeOnly(filters, searchedNothing);
  // Illustrative products are a dimension of the counts (`i`): left out unless included, and counted apart so every
  // count can say how many of it are illustrative.
  const narrowing = [filters.q, filters.producer, filters.channel].filter((f) => f !== undefined);
  const realOnly = include ? [] : [sql`${pf.illustrative} = 0`];
  const illustrative = counted ? sql`${pf.illustrative}` : sql`${p.provenance} = 'illustrative'`;
  const ill = sql`sum(${illustrative})`;
  const cubeQ = fromCounts
    ? sql`SELECT ${facetCountsCols.tierRank} AS t, ${facetCountsCols.productGroup} AS g, ${facetCountsCols.districtSlug} AS d, ${facetCountsCols.district} AS label, ${facetCountsCols.schemes} AS s, ${facetCountsCols.illustrative} AS i, ${facetCountsCols.n} AS n FROM ${facetCounts} WHERE ${facetCountsCols.n} > 0${include ? sql`` : sql` AND ${facetCountsCols.illustrative} = 0`}`
    : sql`SELECT ${pf.tierRank} AS t, ${pf.productGroup} AS g, coalesce(${pf.districtSlug}, '') AS d, coalesce(${pf.district}, '') AS label, ${pf.schemes} AS s, ${pf.illustrative} AS i, count(*) AS n FROM ${counted ?? sql`${productFacets} ${pfAlias}`} ${where([...narrowing, ...realOnly, ...none])} GROUP BY 1, 2, 3, 4, 5, 6`;
  // The producer facet counts products per producer first (from an index, no join), then looks up only the
  // producers that remain. Producers can number in the thousands: the facet lists the FACET_LIMIT largest
  // (chosen ones first), by name.
  const chosen = input.producer?.length
    ? sql`${p.producerId} IN (SELECT ${producersCols.id} FROM ${producers} WHERE ${producersCols.slug} IN (${inList(input.producer)})) DESC, `
    : sql``;
  const perProducer = sql`SELECT ${p.producerId} AS id, count(*) AS n, ${ill} AS i FROM ${P} ${where([...but("producer"), ...none])} GROUP BY ${p.producerId} ORDER BY ${chosen}n DESC, ${p.producerId} LIMIT ${FACET_LIMIT}`;
  const producerQ = sql`SELECT ${pr.slug} AS k, ${pr.name} AS label, y.n AS n, y.i AS i FROM (${perProducer}) y JOIN ${producers} ${prAlias} ON ${pr.id} = y.id ORDER BY ${pr.name}`;
  // A product is listed at most once per channel (unique index), so count(*) counts distinct products.
  // A listing is illustrative when it is, or its product is ("sold at" takes the weaker of the two); without
  // include, illustrative listings are not counted.
  const illListing = sql`sum(${l.provenance} = 'illustrative' OR ${illustrative})`;
  const realListings = include ? [] : [sql`${l.provenance} <> 'illustrative'`];
  // Without a search or producer filter (the channel facet leaves its own filter out), the counts per channel come
  // from channel_counts (kept by triggers, migration 0016): the same combinations as facet_counts, per channel, with
  // the product's and the listing's illustrative flags. Over counted rows, CROSS JOIN keeps them outside: SQLite
  // would otherwise read every listing of each channel (79,301 at 100k products) and test each against them.
  const channelQ =
    !counted && !filters.q && !filters.producer && none.length === 0
      ? sql`SELECT ${c.slug} AS k, ${c.name} AS label, sum(${x.n}) AS n, sum(CASE WHEN ${x.illustrative} = 1 OR ${x.listingIllustrative} = 1 THEN ${x.n} ELSE 0 END) AS i FROM ${channelCounts} ${xAlias} JOIN ${channels} ${cAlias} ON ${c.id} = ${x.channelId} ${where([sql`${x.n} <> 0`, ...countsWhere(input, include, x)])} GROUP BY ${c.id} HAVING sum(${x.n}) > 0 ORDER BY ${c.id}`
      : sql`SELECT ${c.slug} AS k, ${c.name} AS label, count(*) AS n, ${illListing} AS i, ${c.id} AS o FROM ${P} ${counted ? sql`CROSS JOIN` : sql`JOIN`} ${listings} ${lAlias} ON ${l.productId} = ${p.id} JOIN ${channels} ${cAlias} ON ${c.id} = ${l.channelId} ${where([...but("channel"), ...realListings, ...none])} GROUP BY ${c.id} ORDER BY ${c.id}`;

  return [cubeQ, producerQ, channelQ];
}

/**
 * The total and facet counts of a search, for the statement that also reads its page: `ctes` ranks its matches
 * once (`m`, which the page reads too) and reads the COUNT_CAP best-ranked ones (every match while it has no more)
 * from product_facets (`top`); `select` runs the counts of {@link facetStatements} over those rows. Its rows carry
 * `part`: 0 the facet combinations, 1 the producers, 2 the channels, 3 whether the search matched more than
 * COUNT_CAP (`n`), 4 its outcome (`t`, `g`, `d`: products found exactly, through a typo, in descriptions only;
 * `label`: the corrected query); {@link searchFacetResults} splits them. The filters repeat in three counts, so their value lists
 * are bound as JSON (their 40 values would otherwise pass D1's 100 parameters a statement).
 */
export function searchCounts(input: ProductFilters, plan: SearchPlan): { ctes: SQL; select: SQL } {
  const include = input.includeIllustrative === true;
  // The matches hold only real products unless illustrative ones are included: no `real` filter needed.
  const { real: _real, q: _q, ...filters } = filterFragments(input, true, true);
  // Read through a subquery, the counted rows show as "SCAN top" in a plan, not as a scan of products' alias `p`.
  const [cube, producer, channel] = facetStatements(
    filters,
    false,
    input,
    sql`(SELECT * FROM top) ${pfAlias}`,
  );
  // The best-ranked matches, in the page's own order (real products first when illustrative ones are included).
  const best = include ? sql`m.ill, m.rank, m.id` : sql`m.rank, m.id`;
  return {
    ctes: sql`${plan.ctes},
    top AS MATERIALIZED (SELECT ${fAlias}.* FROM (SELECT m.id FROM m ORDER BY ${best} LIMIT ${COUNT_CAP}) y JOIN ${productFacets} ${fAlias} ON ${facetRow.id} = y.id)`,
    select: sql`SELECT 0 AS part, q.t, q.g, q.d, q.label, q.s, q.i, q.n, NULL AS k, NULL AS o FROM (${cube}) q
    UNION ALL SELECT 1, NULL, NULL, NULL, q.label, NULL, q.i, q.n, q.k, q.label FROM (${producer}) q
    UNION ALL SELECT 2, NULL, NULL, NULL, q.label, NULL, q.i, q.n, q.k, q.o FROM (${channel}) q
    UNION ALL SELECT 3, NULL, NULL, NULL, NULL, NULL, NULL, EXISTS (SELECT 1 FROM m LIMIT 1 OFFSET ${COUNT_CAP}), NULL, NULL
    UNION ALL SELECT 4, q.exact, q.typo, q.description, q.hint, NULL, NULL, NULL, NULL, NULL FROM (${searchOutcomeSql(plan)}) q
    ORDER BY part, o`,
  };
}

/** The columns of {@link searchCounts}' rows, in order. */
export const SEARCH_COUNT_COLUMNS = ["part", "t", "g", "d", "label", "s", "i", "n", "k", "o"];

/**
 * The rows of {@link searchCounts} as {@link facetStatements}' three results (for {@link readFacets} and
 * {@link facetTotal}), and whether the counts were capped.
 */
export function searchFacetResults(rows: { part: number; n: number }[]): {
  results: D1Result[];
  capped: boolean;
  outcome: SearchOutcome;
} {
  const part = (i: number) => ({ results: rows.filter((r) => r.part === i) }) as unknown as D1Result;
  const o = rows.find((r) => r.part === 4) as
    | { t: number; g: number; d: number; label: string | null }
    | undefined;
  return {
    results: [part(0), part(1), part(2)],
    capped: rows.some((r) => r.part === 3 && r.n === 1),
    outcome: { exact: o?.t ?? 0, typo: o?.g ?? 0, description: o?.d ?? 0, hint: o?.label ?? null },
  };
}

/** How a search found its products (src/catalogue/products/search.queries.ts): per tier, and the corrected query if any. */
export interface SearchOutcome {
  exact: number;
  typo: number;
  description: number;
  hint: string | null;
}

/**
 * The tier, group, district and scheme filters (and, unless illustrative products are included, the real-only
 * condition) as a WHERE over facet_counts or channel_counts (`t`: the table, or its alias; channel_counts also
 * leaves illustrative listings out).
 */
export function countsWhere(
  f: ProductFilters,
  include: boolean,
  t: typeof facetCounts | typeof x = facetCounts,
): SQL[] {
  const mask = (f.scheme ?? []).reduce((m, s) => m | (SCHEME_BITS[s as keyof typeof SCHEME_BITS] ?? 0), 0);
  return [
    ...(include ? [] : [sql`${t.illustrative} = 0`]),
    ...(include || !("listingIllustrative" in t) ? [] : [sql`${t.listingIllustrative} = 0`]),
    ...(f.tier?.length ? [sql`${t.tierRank} IN (${inList(f.tier.map((v) => LEVEL_RANK[v]))})`] : []),
    ...(f.group?.length ? [sql`${t.productGroup} IN (${inList(f.group)})`] : []),
    ...(f.district?.length ? [sql`${t.districtSlug} IN (${inList(f.district)})`] : []),
    ...(f.scheme?.length ? [sql`(${t.schemes} & ${mask}) <> 0`] : []),
  ];
}

/** Whether the tier, group, district and scheme facets (and the total) come from facet_counts alone. */
const cubeOnly = (filters: Partial<Record<FilterKey, SQL>>, searchedNothing: boolean) =>
  !filters.q && !filters.producer && !filters.channel && !searchedNothing;

/** One row of facet counts: how many products (of the list's narrowing) have this tier, group, district and schemes. */
interface CubeRow {
  t: number;
  g: string;
  d: string;
  label: string;
  s: number;
  /** 1 for illustrative products (present only when they are included). */
  i: number;
  n: number;
}

/** A count and how many of it are illustrative. */
interface Count {
  n: number;
  i: number;
}

const byValue = <T extends { k: string }>(xs: T[]) => xs.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));

/**
 * The tier, group, district and scheme facets (and the total) from counts per combination: each facet sums the
 * combinations that pass every active filter but its own, as counting per facet in SQL did (values in the same
 * order: groups and schemes by value, districts by name, only values with products). Every count carries how many
 * of it are illustrative.
 */
export function cubeFacets(rows: CubeRow[], f: ProductFilters) {
  const tiers = f.tier?.length ? new Set(f.tier.map((t) => LEVEL_RANK[t])) : null;
  const groups = f.group?.length ? new Set(f.group) : null;
  const districts = f.district?.length ? new Set(f.district) : null;
  const schemeMask = f.scheme?.length
    ? f.scheme.reduce((m, s) => m | (SCHEME_BITS[s as keyof typeof SCHEME_BITS] ?? 0), 0)
    : null;
  const pass = {
    tier: (r: CubeRow) => tiers === null || tiers.has(r.t),
    group: (r: CubeRow) => groups === null || groups.has(r.g),
    district: (r: CubeRow) => districts === null || districts.has(r.d),
    scheme: (r: CubeRow) => schemeMask === null || (r.s & schemeMask) !== 0,
  };
  const facets = Object.keys(pass) as (keyof typeof pass)[];
  const but = (facet: keyof typeof pass | null) =>
    rows.filter((r) => facets.every((x) => x === facet || pass[x](r)));
  const add = (c: Count, r: CubeRow) => {
    c.n += r.n;
    if (r.i) c.i += r.n;
    return c;
  };
  const sum = (xs: CubeRow[], key: (r: CubeRow) => string | number | null) => {
    const out = new Map<string | number, Count>();
    for (const r of xs) {
      const k = key(r);
      if (k !== null) out.set(k, add(out.get(k) ?? { n: 0, i: 0 }, r));
    }
    return out;
  };
  const tier = sum(but("tier"), (r) => r.t);
  const group = byValue([...sum(but("group"), (r) => r.g)].map(([k, c]) => ({ k: String(k), ...c })));
  const labels = new Map(rows.map((r) => [r.d, r.label]));
  const district = [...sum(but("district"), (r) => r.d || null)]
    .map(([k, c]) => ({ k: String(k), label: labels.get(String(k)) ?? String(k), ...c }))
    .sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  const forScheme = but("scheme");
  const scheme = byValue(
    Object.entries(SCHEME_BITS)
      .map(([k, bit]) => ({
        k,
        ...forScheme.filter((r) => (r.s & bit) !== 0).reduce(add, { n: 0, i: 0 }),
      }))
      .filter((x) => x.n > 0),
  );
  const total = but(null).reduce(add, { n: 0, i: 0 });
  return { tier, group, district, scheme, total };
}

const cubeOf = (results: D1Result[], input: ProductFilters) =>
  cubeFacets((results[0]?.results ?? []) as CubeRow[], input);

/**
 * The total of {@link facetStatements}' results (the combinations that pass every filter), and how many of it are
 * illustrative (0 unless they are included).
 */
export const facetTotal = (results: D1Result[], input: ProductFilters) => {
  const { n, i } = cubeOf(results, input).total;
  return { total: n, illustrative: i };
};

/** The facet counts of {@link facetStatements}' results, labelled in a language. */
export function readFacets(
  results: D1Result[],
  lang: Lang,
  input: ProductFilters,
): Record<FacetName, FacetValue[]> {
  type Counted = { k: string; label: string; n: number; i: number | null };
  const rowsOf = <T>(i: number) => (results[i]?.results ?? []) as T[];
  const cube = cubeOf(results, input);
  const producers = rowsOf<Counted>(1);
  const chans = rowsOf<Counted>(2);
  const li = lang === "vi" ? 0 : 1;
  const value = (k: string, label: string, c: { n: number; i: number | null }) => ({
    value: k,
    label,
    count: c.n,
    illustrative: c.i ?? 0,
  });
  const labelled = (
    rowsIn: { k: string; n: number; i: number }[],
    labels: Record<string, readonly [string, string]>,
  ) => rowsIn.map((r) => value(r.k, labels[r.k]?.[li] ?? r.k, r));
  return {
    tier: [...TIERS]
      .reverse()
      .map((t) => value(t, LABELS.tier[t]?.[li] ?? t, cube.tier.get(LEVEL_RANK[t]) ?? { n: 0, i: 0 })),
    scheme: labelled(cube.scheme, LABELS.scheme),
    group: labelled(cube.group, LABELS.group),
    producer: producers.map((r) => value(r.k, r.label, r)),
    channel: chans.map((r) => value(r.k, r.label, r)),
    district: cube.district.map((r) => value(r.k, r.label, r)),
  };
}
