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
} from "../../platform/http/schemas.ts";

export const list = createRoute({
  method: "get",
  path: "/products",
  operationId: "listProducts",
  security: [],
  tags: ["Catalogue"],
  summary: "Search and filter products, with facet counts",
  description:
    "Facet counts cover the whole result set; each facet applies every active filter except its own. Filters take one or more values (repeat the parameter or separate values with commas). Default order: relevance with `q`, otherwise tier (national first); see `sort`. Pages like every collection: follow `page.next_cursor` (as `cursor`) while `page.has_more`.",
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
  operationId: "getProduct",
  security: [],
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
