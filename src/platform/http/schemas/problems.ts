// What an error answers: the RFC 9457 problem body and the error responses every route declares.
import { z } from "@hono/zod-openapi";

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    invalid_params: z.array(z.object({ name: z.string(), reason: z.string() })).optional(),
  })
  .openapi("Problem");

/** A problem+json response body, for route contracts. */
export const problemContent = { "application/problem+json": { schema: ProblemSchema } };

export const errors = {
  400: { description: "Invalid parameter (named in `invalid_params`)", content: problemContent },
  429: {
    description:
      "Rate limited (per client address; per API key for keyed writes); `Retry-After` says when to retry",
    headers: {
      "Retry-After": { schema: { type: "integer" as const }, description: "Seconds until the window resets" },
      RateLimit: {
        schema: { type: "string" as const },
        description:
          'IETF RateLimit field of the policy that refused: `"api";r=0;t=10` (nothing remaining, resets in `t` s)',
      },
      "RateLimit-Policy": {
        schema: { type: "string" as const },
        description:
          'IETF RateLimit-Policy: quota `q` per window `w` s, e.g. `"api";q=100;w=10`; every limited answer carries it',
      },
    },
    content: problemContent,
  },
} as const;

export const notFound = { 404: { description: "No such resource", content: problemContent } } as const;

export const notModified = {
  304: { description: "Not modified (the `If-None-Match` ETag matches)" },
} as const;
