// The tables of the product list's statements, under the short names their SQL reads (products.queries.ts,
// facets.queries.ts, list-order.queries.ts, search.queries.ts): `p` a product — the products row, or the narrow
// product_facets row a search's counts read under the same name (the filters are written once for both, on the
// columns the two share) — `pr` its producer, `r` a recognition, `l` and `c` a listing and its channel, `x` the
// channel counts and `f` the facet rows a search ranks.
//
// Each is exported twice: `pAlias` the drizzle alias (written `FROM ${products} ${pAlias}`), and `p` its columns
// rendered once (frozenColumns: `${p.tierRank}` is `"p"."tier_rank"` without drizzle rendering it per request).
import { alias } from "drizzle-orm/sqlite-core";
import { channels, listings, producers, products, recognitions } from "../../platform/db/schema.ts";
import { channelCounts, facetCounts, productFacets } from "../../platform/db/schema-derived.ts";
import { frozenColumns } from "../../platform/db/sql.ts";

/** Columns of tables the list's statements name whole (not aliased), rendered once. */
export const producersCols = frozenColumns(producers);
export const facetCountsCols = frozenColumns(facetCounts);

export const pAlias = alias(products, "p");
export const p = frozenColumns(pAlias);
export const pfAlias = alias(productFacets, "p");
export const pf = frozenColumns(pfAlias);
export const fAlias = alias(productFacets, "f");
export const f = frozenColumns(fAlias);
export const prAlias = alias(producers, "pr");
export const pr = frozenColumns(prAlias);
export const rAlias = alias(recognitions, "r");
export const r = frozenColumns(rAlias);
export const lAlias = alias(listings, "l");
export const l = frozenColumns(lAlias);
export const cAlias = alias(channels, "c");
export const c = frozenColumns(cAlias);
export const xAlias = alias(channelCounts, "x");
export const x = frozenColumns(xAlias);
