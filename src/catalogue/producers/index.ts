import { createRouter } from "../../platform/http/create-app.ts";
import * as handlers from "./producers.handlers.ts";
import * as routes from "./producers.routes.ts";

/** Producers: list by district; one producer with its products. */
export const producersApi = createRouter()
  .openapi(routes.list, handlers.list)
  .openapi(routes.detail, handlers.detail);
