import { createRoute } from "@hono/zod-openapi";
import {
  DetailQuery,
  errors,
  notFound,
  notModified,
  ProductDetail,
  ProductList,
  ProductsQuery,
  SlugParam,
} from "../schemas.ts";

export const list = createRoute({
  method: "get",
  path: "/products",
  tags: ["Catalogue"],
  summary: "Search and filter products, with facet counts",
  description:
    "Facet counts cover the whole result set; each facet applies every active filter except its own. Filters take one or more values (repeat the parameter or separate values with commas). Pagination is keyset-based: pass `page.next_cursor` back as `cursor`.",
  request: { query: ProductsQuery },
  responses: {
    200: { description: "A page of products", content: { "application/json": { schema: ProductList } } },
    ...notModified,
    ...errors,
  },
});
export type ListRoute = typeof list;

export const detail = createRoute({
  method: "get",
  path: "/products/{slug}",
  tags: ["Catalogue"],
  summary: "One product with its producer, recognitions, listings and support projects",
  request: { params: SlugParam("mien-dong-tan-viet-a"), query: DetailQuery },
  responses: {
    200: { description: "The product", content: { "application/json": { schema: ProductDetail } } },
    ...notModified,
    ...errors,
    ...notFound,
  },
});
export type DetailRoute = typeof detail;
