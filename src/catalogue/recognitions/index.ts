import { createRouter } from "../../platform/http/create-app.ts";
import * as handlers from "./recognitions.handlers.ts";
import * as routes from "./recognitions.routes.ts";

/** Recognitions (CNNT-TB, OCOP, GI), newest first. */
export const recognitionsApi = createRouter().openapi(routes.list, handlers.list);
