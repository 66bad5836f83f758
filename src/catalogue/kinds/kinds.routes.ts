import { createRoute } from "@hono/zod-openapi";
import {
  DetailQuery,
  errors,
  KindDetail,
  KindList,
  notFound,
  notModified,
  SlugParam,
} from "../../platform/http/schemas.ts";

export const list = createRoute({
  method: "get",
  path: "/kinds",
  operationId: "listKinds",
  security: [],
  tags: ["Catalogue"],
  summary: "Product kinds (miến dong, khẩu sli, chè giảo cổ lam…): every kind, one page",
  description:
    "Every product kind with what the sources say about it and how many products of it the catalogue holds; the five the programme article calls representative come first. Not paginated: the catalogue has a few dozen kinds at most.",
  request: { query: DetailQuery },
  responses: {
    200: { description: "Every kind", content: { "application/json": { schema: KindList } } },
    ...notModified,
    ...errors,
  },
});
export type ListRoute = typeof list;

export const detail = createRoute({
  method: "get",
  path: "/kinds/{slug}",
  operationId: "getKind",
  security: [],
  tags: ["Catalogue"],
  summary: "One product kind with its products",
  description:
    "A kind, what the sources say about it (each statement with its sources) and the catalogue's products of it, real ones first. A kind no producer of which is recorded has `products: []` (chè giảo cổ lam: no stored source names a Cao Bằng producer).",
  request: { params: SlugParam("che-giao-co-lam"), query: DetailQuery },
  responses: {
    200: { description: "The kind", content: { "application/json": { schema: KindDetail } } },
    ...notModified,
    ...errors,
    ...notFound,
  },
});
export type DetailRoute = typeof detail;
