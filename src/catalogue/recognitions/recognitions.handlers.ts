import type { AppRouteHandler } from "../../platform/http/create-app.ts";
import { dbOf } from "../../platform/http/d1-session.ts";
import { illustrativeOnly, Problem } from "../../platform/http/problem.ts";
import { cursorKeys } from "../../platform/lib/cursor.ts";
import { getRecognition, listRecognitions } from "./recognitions.queries.ts";
import type { DetailRoute, ListRoute } from "./recognitions.routes.ts";

export const list: AppRouteHandler<ListRoute> = async (c) => {
  const { include, ...query } = c.req.valid("query");
  const input = { ...query, include: include === "illustrative" };
  return c.json(await listRecognitions(dbOf(c), cursorKeys(c.env), input), 200);
};

export const detail: AppRouteHandler<DetailRoute> = async (c) => {
  const { id } = c.req.valid("param");
  const { lang, include } = c.req.valid("query");
  const recognition = await getRecognition(dbOf(c), id, lang, include === "illustrative");
  if (recognition === "illustrative") throw illustrativeOnly("recognition", String(id));
  if (!recognition) throw new Problem(404, { type: "not-found", detail: `No recognition with id ${id}` });
  return c.json(recognition, 200);
};
