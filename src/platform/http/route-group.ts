import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Hono } from "hono";
import type { AppEnv } from "../env.ts";

/**
 * What a feature gives the app for one line of the route manifest (src/routes.ts): its API routers, mounted under
 * /api/v1 in the order given (each at `at`, "/" unless said), and its pages.
 *
 * @example export const group: RouteGroup = { api: [{ routes: listingsApi }] }
 */
export interface RouteGroup {
  api?: readonly { at?: string; routes: OpenAPIHono<AppEnv> }[];
  pages?: Hono<AppEnv>;
}
