import type { AppRouteHandler } from "../../platform/http/create-app.ts";
import { dbOf } from "../../platform/http/d1-session.ts";
import { getProgramme } from "./programme.queries.ts";
import type { GetRoute } from "./programme.routes.ts";

export const get: AppRouteHandler<GetRoute> = async (c) =>
  c.json(await getProgramme(dbOf(c), c.req.valid("query").lang), 200);
