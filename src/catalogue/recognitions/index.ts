import { createRouter } from "../../platform/http/create-app.ts";
import * as handlers from "./recognitions.handlers.ts";
import * as routes from "./recognitions.routes.ts";

/** Recognitions (CNNT-TB, OCOP, GI), newest first, and one by its id. */
export const recognitionsApi = createRouter()
  .openapi(routes.list, handlers.list)
  .openapi(routes.detail, handlers.detail);
