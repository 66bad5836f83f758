import { OpenAPIHono, type RouteConfig, type RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { type ValidationOptions, validationHook } from "./validation.ts";

/**
 * A router whose validation failures become one RFC 9457 problem naming every offending parameter (see
 * {@link validationHook}; write routers pass `{ bodyStatus: 422 }`).
 *
 * @example const products = createRouter().openapi(listRoute, listHandler)
 */
export function createRouter(options?: ValidationOptions) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook(options) });
}

/** A handler typed by its route contract (`export const list: AppRouteHandler<ListRoute> = async (c) => …`). */
export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, AppEnv>;
