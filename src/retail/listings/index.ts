import { createRouter } from "../../platform/http/create-app.ts";
import type { RouteGroup } from "../../platform/http/route-group.ts";
import { bulkHook, writeHook } from "./listings.errors.ts";
import * as handlers from "./listings.handlers.ts";
import * as routes from "./listings.routes.ts";

/** Retailers' listings: read one, write one (conditional), delete one, write many at once. */
export const listingsApi = createRouter()
  .openapi(routes.getOne, handlers.getOne)
  .openapi(routes.put, handlers.put, writeHook)
  .openapi(routes.remove, handlers.remove, writeHook)
  .openapi(routes.bulk, handlers.bulk, bulkHook);

/** This group of the route manifest (src/routes.ts). */
export const group: RouteGroup = {
  api: [{ routes: listingsApi }],
};
