import { createRouter } from "../../platform/http/create-app.ts";
import * as handlers from "./kinds.handlers.ts";
import * as routes from "./kinds.routes.ts";

/** Product kinds and their products (read side). */
export const kindsApi = createRouter()
  .openapi(routes.list, handlers.list)
  .openapi(routes.detail, handlers.detail);
