import { createRoute } from "@hono/zod-openapi";
import { getProducer, listProducers } from "../db/queries/catalogue.ts";
import { createRouter } from "../lib/create-app.ts";
import { dbOf } from "../lib/middleware.ts";
import { Problem } from "../lib/problem.ts";
import {
  errors,
  LangQuery,
  notFound,
  notModified,
  ProducerDetail,
  ProducerList,
  ProducersQuery,
  SlugParam,
} from "./schemas.ts";

const list = createRoute({
  method: "get",
  path: "/producers",
  tags: ["Catalogue"],
  summary: "Producers (cooperatives, companies, households, craft villages)",
  request: { query: ProducersQuery },
  responses: {
    200: { description: "A page of producers", content: { "application/json": { schema: ProducerList } } },
    ...notModified,
    ...errors,
  },
});

const detail = createRoute({
  method: "get",
  path: "/producers/{slug}",
  tags: ["Catalogue"],
  summary: "One producer with its products, recognitions and khuyến công support",
  request: { params: SlugParam("htx-tam-hoa"), query: LangQuery },
  responses: {
    200: { description: "The producer", content: { "application/json": { schema: ProducerDetail } } },
    ...notModified,
    ...errors,
    ...notFound,
  },
});

export const producersApi = createRouter()
  .openapi(list, async (c) =>
    c.json(await listProducers(dbOf(c), c.env.CURSOR_SECRET, c.req.valid("query")), 200),
  )
  .openapi(detail, async (c) => {
    const { slug } = c.req.valid("param");
    const producer = await getProducer(dbOf(c), slug, c.req.valid("query").lang);
    if (!producer) throw new Problem(404, { detail: `No producer with slug '${slug}'`, type: "not-found" });
    return c.json(producer, 200);
  });
