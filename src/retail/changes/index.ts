import { createRouter } from "../../platform/http/create-app.ts";
import type { RouteGroup } from "../../platform/http/route-group.ts";
import * as handlers from "./changes.handlers.ts";
import * as routes from "./changes.routes.ts";

/** The change feed retailers mirror the catalogue from. */
export const changesApi = createRouter().openapi(routes.list, handlers.list);

/** This group of the route manifest (src/routes.ts). */
export const group: RouteGroup = { api: [{ routes: changesApi }] };
