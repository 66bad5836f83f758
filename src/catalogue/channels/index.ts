import { createRouter } from "../../platform/http/create-app.ts";
import * as handlers from "./channels.handlers.ts";
import * as routes from "./channels.routes.ts";

/** Retail channels and their listings (read side). */
export const channelsApi = createRouter()
  .openapi(routes.list, handlers.list)
  .openapi(routes.detail, handlers.detail);
