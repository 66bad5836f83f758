import { createRoute } from "@hono/zod-openapi";
import { getProgramme, listRecognitions } from "../db/queries/catalogue.ts";
import { createRouter } from "../lib/create-app.ts";
import { dbOf } from "../lib/middleware.ts";
import { errors, LangQuery, notModified, Programme, RecognitionList, RecognitionsQuery } from "./schemas.ts";

const list = createRoute({
  method: "get",
  path: "/recognitions",
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

const programme = createRoute({
  method: "get",
  path: "/programme",
  tags: ["Recognition"],
  summary: "The 2021–2025 khuyến công programme: reported figures with sources, and known support projects",
  request: { query: LangQuery },
  responses: {
    200: { description: "The programme", content: { "application/json": { schema: Programme } } },
    ...notModified,
    ...errors,
  },
});

export const recognitionsApi = createRouter()
  .openapi(list, async (c) =>
    c.json(await listRecognitions(dbOf(c), c.env.CURSOR_SECRET, c.req.valid("query")), 200),
  )
  .openapi(programme, async (c) => c.json(await getProgramme(dbOf(c), c.req.valid("query").lang), 200));
