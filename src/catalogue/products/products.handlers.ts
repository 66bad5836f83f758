import { getProduct } from "../../platform/db/product-detail.ts";
import type { AppRouteHandler } from "../../platform/http/create-app.ts";
import { dbOf } from "../../platform/http/d1-session.ts";
import { illustrativeOnly, noSuch } from "../../platform/http/problem.ts";
import { countSearchMiss } from "../../platform/http/search-miss.ts";
import { cursorKeys } from "../../platform/lib/cursor.ts";
import { listProducts } from "./products.queries.ts";
import type { DetailRoute, ListRoute } from "./products.routes.ts";

export const list: AppRouteHandler<ListRoute> = async (c) => {
  const { include, ...query } = c.req.valid("query");
  const input = { ...query, includeIllustrative: include === "illustrative" };
  const { sort: _sort, ...result } = await listProducts(c.get("d1"), cursorKeys(c.env), input);
  countSearchMiss(c, result.search, input.cursor);
  return c.json(result, 200);
};

export const detail: AppRouteHandler<DetailRoute> = async (c) => {
  const { slug } = c.req.valid("param");
  const { lang, include } = c.req.valid("query");
  const product = await getProduct(dbOf(c), slug, lang, include === "illustrative");
  if (product === "illustrative") throw illustrativeOnly("product", slug);
  if (!product) throw noSuch("product", slug);
  const { own: _pageOnly, ...documented } = product;
  return c.json(documented, 200);
};
