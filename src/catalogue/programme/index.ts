import { createRouter } from "../../platform/http/create-app.ts";
import * as handlers from "./programme.handlers.ts";
import * as routes from "./programme.routes.ts";

/** The khuyến công programme. */
export const programmeApi = createRouter().openapi(routes.get, handlers.get);
