import { getChannel, listChannels } from "../../db/queries/channels.ts";
import type { AppRouteHandler } from "../../http/create-app.ts";
import { dbOf } from "../../http/d1-session.ts";
import { noSuch } from "../../http/problem.ts";
import type { DetailRoute, ListRoute } from "./channels.routes.ts";

export const list: AppRouteHandler<ListRoute> = async (c) =>
  c.json({ data: await listChannels(dbOf(c), c.req.valid("query").lang) }, 200);

export const detail: AppRouteHandler<DetailRoute> = async (c) => {
  const { slug } = c.req.valid("param");
  const channel = await getChannel(dbOf(c), slug, c.req.valid("query").lang);
  if (!channel) throw noSuch("channel", slug);
  return c.json(channel, 200);
};
