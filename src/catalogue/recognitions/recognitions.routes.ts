import { createRoute } from "@hono/zod-openapi";
import { errors, notModified, RecognitionList, RecognitionsQuery } from "../../platform/http/schemas.ts";

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
