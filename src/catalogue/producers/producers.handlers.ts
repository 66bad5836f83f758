import type { AppRouteHandler } from "../../platform/http/create-app.ts";
import { dbOf } from "../../platform/http/d1-session.ts";
import { illustrativeOnly, noSuch } from "../../platform/http/problem.ts";
import { cursorKeys } from "../../platform/lib/cursor.ts";
import { getProducer, listProducers } from "./producers.queries.ts";
import type { DetailRoute, ListRoute } from "./producers.routes.ts";

export const list: AppRouteHandler<ListRoute> = async (c) => {
  const { include, ...query } = c.req.valid("query");
  const input = { ...query, include: include === "illustrative" };
  return c.json(await listProducers(dbOf(c), cursorKeys(c.env), input), 200);
};

export const detail: AppRouteHandler<DetailRoute> = async (c) => {
  const { slug } = c.req.valid("param");
  const { lang, include } = c.req.valid("query");
  const producer = await getProducer(dbOf(c), slug, lang, include === "illustrative");
  if (producer === "illustrative") throw illustrativeOnly("producer", slug);
  if (!producer) throw noSuch("producer", slug);
  const { photo: _pageOnly, own: _pageOnlyToo, ...documented } = producer;
  return c.json(documented, 200);
};
