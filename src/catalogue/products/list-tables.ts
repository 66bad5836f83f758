// The tables of the product list's statements, under the short names their SQL reads (products.queries.ts,
// facets.queries.ts, list-order.queries.ts, search.queries.ts): `p` a product — the products row, or the narrow
// product_facets row a search's counts read under the same name (the filters are written once for both, on the
// columns the two share) — `pr` its producer, `r` a recognition, `l` and `c` a listing and its channel, `x` the
// channel counts and `f` the facet rows a search ranks.
import { alias } from "drizzle-orm/sqlite-core";
import { channels, listings, producers, products, recognitions } from "../../platform/db/schema.ts";
import { channelCounts, productFacets } from "../../platform/db/schema-derived.ts";

export const p = alias(products, "p");
export const pf = alias(productFacets, "p");
export const f = alias(productFacets, "f");
export const pr = alias(producers, "pr");
export const r = alias(recognitions, "r");
export const l = alias(listings, "l");
export const c = alias(channels, "c");
export const x = alias(channelCounts, "x");
