import { getProgramme } from "../../db/queries/programme.ts";
import type { AppRouteHandler } from "../../http/create-app.ts";
import { dbOf } from "../../http/d1-session.ts";
import type { GetRoute } from "./programme.routes.ts";

export const get: AppRouteHandler<GetRoute> = async (c) =>
  c.json(await getProgramme(dbOf(c), c.req.valid("query").lang), 200);
