import type { AppRouteHandler } from "../../platform/http/create-app.ts";
import { cursorKeys } from "../../platform/http/cursor.ts";
import { dbOf } from "../../platform/http/d1-session.ts";
import { listRecognitions } from "./recognitions.queries.ts";
import type { ListRoute } from "./recognitions.routes.ts";

export const list: AppRouteHandler<ListRoute> = async (c) => {
  const { include, ...query } = c.req.valid("query");
  const input = { ...query, include: include === "illustrative" };
  return c.json(await listRecognitions(dbOf(c), cursorKeys(c.env), input), 200);
};
