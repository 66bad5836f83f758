import type { AppRouteHandler } from "../../platform/http/create-app.ts";
import { dbOf } from "../../platform/http/d1-session.ts";
import { illustrativeOnly, noSuch } from "../../platform/http/problem.ts";
import { cursorKeys } from "../../platform/lib/cursor.ts";
import { getChannel, listChannels } from "./channels.queries.ts";
import type { DetailRoute, ListRoute } from "./channels.routes.ts";

export const list: AppRouteHandler<ListRoute> = async (c) => {
  const { include, ...page } = c.req.valid("query");
  return c.json(
    await listChannels(dbOf(c), cursorKeys(c.env), { ...page, include: include === "illustrative" }),
    200,
  );
};

export const detail: AppRouteHandler<DetailRoute> = async (c) => {
  const { slug } = c.req.valid("param");
  const { lang, include } = c.req.valid("query");
  const channel = await getChannel(dbOf(c), slug, lang, include === "illustrative");
  if (channel === "illustrative") throw illustrativeOnly("channel", slug);
  if (!channel) throw noSuch("channel", slug);
  return c.json(channel, 200);
};
