import { createRoute, z } from "@hono/zod-openapi";
import {
  DetailQuery,
  decimal,
  errors,
  notFound,
  notModified,
  RecognitionItem,
  RecognitionList,
  RecognitionsQuery,
} from "../../platform/http/schemas.ts";

export const list = createRoute({
  method: "get",
  path: "/recognitions",
  operationId: "listRecognitions",
  security: [],
  tags: ["Recognition"],
  summary: "Recognitions (CNNT-TB levels, OCOP stars, geographical indications), newest first",
  request: { query: RecognitionsQuery },
  responses: {
    200: {
      description: "A page of recognitions",
      content: { "application/json": { schema: RecognitionList } },
    },
    ...notModified,
    ...errors,
  },
});
export type ListRoute = typeof list;

export const detail = createRoute({
  method: "get",
  path: "/recognitions/{id}",
  operationId: "getRecognition",
  security: [],
  tags: ["Recognition"],
  summary: "One recognition, as the list shows it (the change feed's `href` for a recognition)",
  description:
    "An illustrative recognition (or one of an illustrative product) is a 404 unless `include=illustrative` is given.",
  request: {
    params: z.object({
      id: decimal(1, 999_999_999).openapi({
        param: { name: "id", in: "path" },
        type: "integer",
        minimum: 1,
        example: 1,
      }),
    }),
    query: DetailQuery,
  },
  responses: {
    200: { description: "The recognition", content: { "application/json": { schema: RecognitionItem } } },
    ...notModified,
    ...errors,
    ...notFound,
  },
});
export type DetailRoute = typeof detail;
