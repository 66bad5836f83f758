import { createRoute } from "@hono/zod-openapi";
import {
  DetailQuery,
  errors,
  notFound,
  notModified,
  ProducerDetail,
  ProducerList,
  ProducersQuery,
  SlugParam,
} from "../../platform/http/schemas.ts";

export const list = createRoute({
  method: "get",
  path: "/producers",
  operationId: "listProducers",
  security: [],
  tags: ["Catalogue"],
  summary: "Producers (cooperatives, companies, households, craft villages)",
  request: { query: ProducersQuery },
  responses: {
    200: { description: "A page of producers", content: { "application/json": { schema: ProducerList } } },
    ...notModified,
    ...errors,
  },
});
export type ListRoute = typeof list;

export const detail = createRoute({
  method: "get",
  path: "/producers/{slug}",
  operationId: "getProducer",
  security: [],
  tags: ["Catalogue"],
  summary: "One producer with its products, recognitions and khuyến công support",
  request: { params: SlugParam("htx-tam-hoa"), query: DetailQuery },
  responses: {
    200: { description: "The producer", content: { "application/json": { schema: ProducerDetail } } },
    ...notModified,
    ...errors,
    ...notFound,
  },
});
export type DetailRoute = typeof detail;
