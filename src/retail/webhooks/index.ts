import { createRouter } from "../../platform/http/create-app.ts";
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
  .openapi(routes.deliveries, handlers.deliveries);
