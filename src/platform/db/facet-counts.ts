/**
 * Rebuilds the derived facet tables (migrations 0009_facet_counts, 0010_field_provenance and 0016) from the base tables: used by a restore, whose
 * backup may predate them or whose rows were loaded with the triggers set aside. Run with the triggers off (or
 * the facet_counts triggers would count the rows twice). The SQL is the migration's own.
 */
import { getTableName, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { listings, producers, products, recognitions } from "./schema.ts";
import { channelCounts, facetCounts, productFacets } from "./schema-derived.ts";
import { bareList, compile } from "./sql.ts";

const p = alias(products, "p");
const pr = alias(producers, "pr");
const r = alias(recognitions, "r");
const l = alias(listings, "l");
const f = alias(productFacets, "f");
const pf = productFacets;
const fc = facetCounts;
const cc = channelCounts;

/** The statements, in order, as text (a restore runs them with its own; they bind nothing). */
export const REBUILD_FACET_COUNTS = [
  sql`DELETE FROM ${pf}`,
  sql`DELETE FROM ${fc}`,
  sql`INSERT INTO ${pf} (${bareList(pf.id, pf.tierRank, pf.productGroup, pf.producerId, pf.districtSlug, pf.district, pf.schemes, pf.illustrative)})
  SELECT ${p.id}, ${p.tierRank}, ${p.productGroup}, ${p.producerId}, ${pr.districtSlug}, ${pr.district},
    (SELECT coalesce(sum(DISTINCT CASE ${r.scheme} WHEN 'cnnt' THEN 1 WHEN 'ocop' THEN 2 WHEN 'geographical_indication' THEN 4 WHEN 'collective_mark' THEN 8 ELSE 0 END), 0) FROM ${recognitions} ${r} WHERE ${r.productId} = ${p.id}),
    ${p.provenance} = 'illustrative'
  FROM ${products} ${p} JOIN ${producers} ${pr} ON ${pr.id} = ${p.producerId}`,
  sql`INSERT INTO ${fc} (${bareList(fc.tierRank, fc.productGroup, fc.districtSlug, fc.district, fc.schemes, fc.illustrative, fc.n)})
  SELECT ${pf.tierRank}, ${pf.productGroup}, coalesce(${pf.districtSlug}, ''), coalesce(${pf.district}, ''), ${pf.schemes}, ${pf.illustrative}, count(*)
  FROM ${pf} GROUP BY 1, 2, 3, 4, 5, 6`,
  sql`DELETE FROM ${cc}`,
  sql`INSERT INTO ${cc} (${bareList(cc.channelId, cc.tierRank, cc.productGroup, cc.districtSlug, cc.schemes, cc.illustrative, cc.listingIllustrative, cc.n)})
  SELECT ${l.channelId}, ${f.tierRank}, ${f.productGroup}, coalesce(${f.districtSlug}, ''), ${f.schemes}, ${f.illustrative}, ${l.provenance} = 'illustrative', count(*)
  FROM ${listings} ${l} JOIN ${productFacets} ${f} ON ${f.id} = ${l.productId} GROUP BY 1, 2, 3, 4, 5, 6, 7`,
].map((q) => compile(q).sql);

/** The derived tables {@link REBUILD_FACET_COUNTS} writes: a restore rebuilds them all when a backup lacks one. */
export const DERIVED_FACET_TABLES = [productFacets, facetCounts, channelCounts].map((t) => getTableName(t));
