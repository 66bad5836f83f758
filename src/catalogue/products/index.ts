import { createRouter } from "../../platform/http/create-app.ts";
import * as handlers from "./products.handlers.ts";
import * as routes from "./products.routes.ts";

/** Products: search, filters, facets; one product. */
export const productsApi = createRouter()
  .openapi(routes.list, handlers.list)
  .openapi(routes.detail, handlers.detail);
