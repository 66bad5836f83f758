import { createRouter } from "../../platform/http/create-app.ts";
import type { RouteGroup } from "../../platform/http/route-group.ts";
import * as handlers from "./webhooks.handlers.ts";
import * as routes from "./webhooks.routes.ts";

/** A channel's webhook endpoints: register, list, change, delete, rotate the secret, see the deliveries. */
export const webhooksApi = createRouter({ bodyStatus: 422 })
  .openapi(routes.list, handlers.list)
  .openapi(routes.create, handlers.create)
  .openapi(routes.getOne, handlers.getOne)
  .openapi(routes.update, handlers.update)
  .openapi(routes.remove, handlers.remove)
  .openapi(routes.rotate, handlers.rotate)
  .openapi(routes.ping, handlers.ping)
  .openapi(routes.deliveries, handlers.deliveries);

/** This group of the route manifest (src/routes.ts). */
export const group: RouteGroup = {
  api: [{ routes: webhooksApi }],
};
