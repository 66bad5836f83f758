import { type SQL, sql } from "drizzle-orm";
import { type FacetName, LABELS, type Lang, LEVEL_RANK, TIERS, type Tier } from "../../domain.ts";

export interface ProductFilters {
  q?: string;
  tier?: Tier[];
  scheme?: string[];
  group?: string[];
  producer?: string[];
  channel?: string[];
  district?: string[];
}

export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

/** Values as a bound SQL list: `IN (${inList(values)})`. */
export const inList = (values: readonly (string | number)[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/** One WHERE fragment per active filter, so each facet can leave out its own. */
export function filterFragments(
  f: ProductFilters,
  match: string | null,
): Partial<Record<FacetName | "q", SQL>> {
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

/** `WHERE a AND b …`, or nothing. */
export const where = (parts: SQL[]) => (parts.length ? sql`WHERE ${sql.join(parts, sql` AND `)}` : sql``);

/**
 * The total and the facet counts of a product list, as statements (for the list's batch): each facet applies
 * every active filter but its own. `match` is the search's FTS5 query (null without one); `searchedNothing` that its text had no
 * searchable token (nothing matches); `chosen` are the producers the caller filtered on (listed first).
 */
export function facetStatements(
  filters: Partial<Record<FacetName | "q", SQL>>,
  match: string | null,
  searchedNothing: boolean,
  chosenProducers?: string[],
): SQL[] {
  const all = Object.values(filters);
  const but = (facet: FacetName) =>
    Object.entries(filters)
      .filter(([k]) => k !== facet)
      .map(([, v]) => v);
  const none = searchedNothing ? [sql`0`] : [];
  const input = { producer: chosenProducers };
  // Search alone: the index counts its matches without reading a product row (wide rows make that the cost).
  const onlySearch = match !== null && all.length === 1;
  // With a search, the counts look its matches up by id; SQLite would read the wide rows through the primary key,
  // so the narrow covering index is named (measured at 100k products: about half the time per facet).
  const P = match ? sql`products p INDEXED BY products_facet_idx` : sql`products p`;
  const totalQ = onlySearch
    ? sql`SELECT count(*) AS n FROM products_fts WHERE products_fts MATCH ${match}`
    : sql`SELECT count(*) AS n FROM ${P} ${where([...all, ...none])}`;
  const tierQ = sql`SELECT p.tier_rank AS k, count(*) AS n FROM ${P} ${where([...but("tier"), ...none])} GROUP BY p.tier_rank`;
  const groupQ = sql`SELECT p.product_group AS k, count(*) AS n FROM ${P} ${where([...but("group"), ...none])} GROUP BY p.product_group`;
  // Producer and district facets count products per producer first (from an index, no join), then look up only
  // the producers that remain. Producers can number in the thousands: the facet lists the FACET_LIMIT largest
  // (chosen ones first), by name.
  const perProducer = (facet: FacetName, extra: SQL = sql``) =>
    sql`SELECT p.producer_id AS id, count(*) AS n FROM ${P} ${where([...but(facet), ...none])} GROUP BY p.producer_id ${extra}`;
  const chosen = input.producer?.length
    ? sql`p.producer_id IN (SELECT id FROM producers WHERE slug IN (${inList(input.producer)})) DESC, `
    : sql``;
  const producerQ = sql`SELECT pr.slug AS k, pr.name AS label, x.n AS n FROM (${perProducer("producer", sql`ORDER BY ${chosen}n DESC, p.producer_id LIMIT ${FACET_LIMIT}`)}) x JOIN producers pr ON pr.id = x.id ORDER BY pr.name`;
  const districtQ = sql`SELECT pr.district_slug AS k, pr.district AS label, sum(x.n) AS n FROM (${perProducer("district")}) x JOIN producers pr ON pr.id = x.id WHERE pr.district_slug IS NOT NULL GROUP BY pr.district_slug ORDER BY pr.district`;
  // A product is listed at most once per channel (unique index), so count(*) counts distinct products. Without
  // other filters, the link tables alone answer (their covering indexes), not a join with every product.
  const unfiltered = (facet: FacetName) => but(facet).length === 0 && none.length === 0;
  const channelQ = unfiltered("channel")
    ? sql`SELECT c.slug AS k, c.name AS label, count(*) AS n FROM listings l JOIN channels c ON c.id = l.channel_id GROUP BY c.id ORDER BY c.id`
    : sql`SELECT c.slug AS k, c.name AS label, count(*) AS n FROM ${P} JOIN listings l ON l.product_id = p.id JOIN channels c ON c.id = l.channel_id ${where([...but("channel"), ...none])} GROUP BY c.id ORDER BY c.id`;
  const schemeQ = unfiltered("scheme")
    ? sql`SELECT r.scheme AS k, count(DISTINCT r.product_id) AS n FROM recognitions r GROUP BY r.scheme`
    : sql`SELECT r.scheme AS k, count(DISTINCT p.id) AS n FROM ${P} JOIN recognitions r ON r.product_id = p.id ${where([...but("scheme"), ...none])} GROUP BY r.scheme`;

  return [totalQ, tierQ, groupQ, producerQ, districtQ, channelQ, schemeQ];
}

/** The total of {@link facetStatements}' results. */
export const facetTotal = (results: D1Result[]) =>
  (results[0]?.results[0] as { n: number } | undefined)?.n ?? 0;

/** The facet counts of {@link facetStatements}' results, labelled in a language. */
export function readFacets(results: D1Result[], lang: Lang): Record<FacetName, FacetValue[]> {
  const rowsOf = <T>(i: number) => (results[i]?.results ?? []) as T[];
  const tiers = rowsOf<{ k: number; n: number }>(1);
  const groups = rowsOf<{ k: string; n: number }>(2);
  const producers = rowsOf<{ k: string; label: string; n: number }>(3);
  const districts = rowsOf<{ k: string; label: string; n: number }>(4);
  const chans = rowsOf<{ k: string; label: string; n: number }>(5);
  const schemes = rowsOf<{ k: string; n: number }>(6);
  const li = lang === "vi" ? 0 : 1;
  const labelled = (rowsIn: { k: string; n: number }[], labels: Record<string, readonly [string, string]>) =>
    rowsIn.map((r) => ({ value: r.k, label: labels[r.k]?.[li] ?? r.k, count: r.n }));
  const tierCounts = new Map(tiers.map((t) => [t.k, t.n]));
  return {
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
  };
}
