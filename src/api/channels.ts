import { createRoute } from "@hono/zod-openapi";
import { getChannel, listChannels } from "../db/queries/catalogue.ts";
import { createRouter } from "../lib/create-app.ts";
import { dbOf } from "../lib/middleware.ts";
import { Problem } from "../lib/problem.ts";
import {
  ChannelDetail,
  ChannelList,
  errors,
  LangQuery,
  notFound,
  notModified,
  SlugParam,
} from "./schemas.ts";

const list = createRoute({
  method: "get",
  path: "/channels",
  tags: ["Catalogue"],
  summary: "Retail channels: supermarket chains, trade fairs, export markets",
  request: { query: LangQuery },
  responses: {
    200: { description: "All channels", content: { "application/json": { schema: ChannelList } } },
    ...notModified,
    ...errors,
  },
});

const detail = createRoute({
  method: "get",
  path: "/channels/{slug}",
  tags: ["Catalogue"],
  summary: "One channel with every product it lists",
  request: { params: SlugParam("aeon"), query: LangQuery },
  responses: {
    200: { description: "The channel", content: { "application/json": { schema: ChannelDetail } } },
    ...notModified,
    ...errors,
    ...notFound,
  },
});

export const channelsApi = createRouter()
  .openapi(list, async (c) => c.json({ data: await listChannels(dbOf(c), c.req.valid("query").lang) }, 200))
  .openapi(detail, async (c) => {
    const { slug } = c.req.valid("param");
    const channel = await getChannel(dbOf(c), slug, c.req.valid("query").lang);
    if (!channel) throw new Problem(404, { detail: `No channel with slug '${slug}'`, type: "not-found" });
    return c.json(channel, 200);
  });
