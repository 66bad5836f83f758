import { createRoute } from "@hono/zod-openapi";
import { getProduct } from "../db/queries/detail.ts";
import { listProducts } from "../db/queries/products.ts";
import { createRouter } from "../lib/create-app.ts";
import { dbOf } from "../lib/middleware.ts";
import { Problem } from "../lib/problem.ts";
import {
  errors,
  LangQuery,
  notFound,
  notModified,
  ProductDetail,
  ProductList,
  ProductsQuery,
  SlugParam,
} from "./schemas.ts";

const list = createRoute({
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

const detail = createRoute({
  method: "get",
  path: "/products/{slug}",
  tags: ["Catalogue"],
  summary: "One product with its producer, recognitions, listings and support projects",
  request: { params: SlugParam("mien-dong-tan-viet-a"), query: LangQuery },
  responses: {
    200: { description: "The product", content: { "application/json": { schema: ProductDetail } } },
    ...notModified,
    ...errors,
    ...notFound,
  },
});

export const productsApi = createRouter()
  .openapi(list, async (c) => {
    const query = c.req.valid("query");
    const { sort: _sort, ...result } = await listProducts(c.get("d1"), c.env.CURSOR_SECRET, query);
    return c.json(result, 200);
  })
  .openapi(detail, async (c) => {
    const { slug } = c.req.valid("param");
    const product = await getProduct(dbOf(c), slug, c.req.valid("query").lang);
    if (!product) throw new Problem(404, { detail: `No product with slug '${slug}'`, type: "not-found" });
    return c.json(product, 200);
  });
