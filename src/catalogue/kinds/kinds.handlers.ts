import type { AppRouteHandler } from "../../platform/http/create-app.ts";
import { dbOf } from "../../platform/http/d1-session.ts";
import { illustrativeOnly, noSuch } from "../../platform/http/problem.ts";
import { getKind, listKinds } from "./kinds.queries.ts";
import type { DetailRoute, ListRoute } from "./kinds.routes.ts";

export const list: AppRouteHandler<ListRoute> = async (c) => {
  const { lang, include } = c.req.valid("query");
  return c.json(await listKinds(dbOf(c), lang, include === "illustrative"), 200);
};

export const detail: AppRouteHandler<DetailRoute> = async (c) => {
  const { slug } = c.req.valid("param");
  const { lang, include } = c.req.valid("query");
  const kind = await getKind(dbOf(c), slug, lang, include === "illustrative");
  if (kind === "illustrative") throw illustrativeOnly("kind", slug);
  if (!kind) throw noSuch("kind", slug);
  return c.json(kind, 200);
};
