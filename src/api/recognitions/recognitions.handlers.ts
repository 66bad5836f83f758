import { listRecognitions } from "../../db/queries/recognitions.ts";
import type { AppRouteHandler } from "../../http/create-app.ts";
import { dbOf } from "../../http/d1-session.ts";
import type { ListRoute } from "./recognitions.routes.ts";

export const list: AppRouteHandler<ListRoute> = async (c) => {
  const { include, ...query } = c.req.valid("query");
  const input = { ...query, include: include === "illustrative" };
  return c.json(await listRecognitions(dbOf(c), c.env.CURSOR_SECRET, input), 200);
};
