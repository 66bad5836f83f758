import { getProducer, listProducers } from "../../db/queries/producers.ts";
import type { AppRouteHandler } from "../../http/create-app.ts";
import { dbOf } from "../../http/d1-session.ts";
import { noSuch } from "../../http/problem.ts";
import type { DetailRoute, ListRoute } from "./producers.routes.ts";

export const list: AppRouteHandler<ListRoute> = async (c) =>
  c.json(await listProducers(dbOf(c), c.env.CURSOR_SECRET, c.req.valid("query")), 200);

export const detail: AppRouteHandler<DetailRoute> = async (c) => {
  const { slug } = c.req.valid("param");
  const producer = await getProducer(dbOf(c), slug, c.req.valid("query").lang);
  if (!producer) throw noSuch("producer", slug);
  return c.json(producer, 200);
};
