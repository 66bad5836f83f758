import { createRoute } from "@hono/zod-openapi";
import { errors, LangQuery, notModified, Programme } from "../../platform/http/schemas.ts";

export const get = createRoute({
  method: "get",
  path: "/programme",
  operationId: "getProgramme",
  security: [],
  tags: ["Recognition"],
  summary: "The 2021–2025 khuyến công programme: reported figures with sources, and known support projects",
  request: { query: LangQuery },
  responses: {
    200: { description: "The programme", content: { "application/json": { schema: Programme } } },
    ...notModified,
    ...errors,
  },
});
export type GetRoute = typeof get;
