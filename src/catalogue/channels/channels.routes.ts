import { createRoute } from "@hono/zod-openapi";
import {
  ChannelDetail,
  ChannelList,
  DetailQuery,
  errors,
  notFound,
  notModified,
  PageQuery,
  SlugParam,
} from "../../platform/http/schemas.ts";

export const list = createRoute({
  method: "get",
  path: "/channels",
  operationId: "listChannels",
  security: [],
  tags: ["Catalogue"],
  summary: "Retail channels: supermarket chains, trade fairs, export markets",
  request: { query: PageQuery },
  responses: {
    200: { description: "A page of channels", content: { "application/json": { schema: ChannelList } } },
    ...notModified,
    ...errors,
  },
});
export type ListRoute = typeof list;

export const detail = createRoute({
  method: "get",
  path: "/channels/{slug}",
  operationId: "getChannel",
  security: [],
  tags: ["Catalogue"],
  summary: "One channel with every product it lists",
  request: { params: SlugParam("aeon"), query: DetailQuery },
  responses: {
    200: { description: "The channel", content: { "application/json": { schema: ChannelDetail } } },
    ...notModified,
    ...errors,
    ...notFound,
  },
});
export type DetailRoute = typeof detail;
