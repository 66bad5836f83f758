import { createRouter } from "../../platform/http/create-app.ts";
import type { RouteGroup } from "../../platform/http/route-group.ts";
import * as handlers from "./feeds.handlers.ts";
import * as routes from "./feeds.routes.ts";

/** The whole catalogue as CSV and NDJSON files. */
export const feedsApi = createRouter()
  .openapi(routes.csv, handlers.csv)
  .openapi(routes.ndjson, handlers.ndjson);

/** This group of the route manifest (src/routes.ts). */
export const group: RouteGroup = { api: [{ routes: feedsApi }] };
