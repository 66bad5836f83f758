// The public API operation: POST /api/v1/enquiries (issue 24). Anyone may send one; a retailer key, when sent,
// attributes it to the key's channel. Validation, limits and idempotency are the same as the form's (rules.ts,
// service.ts); the notification goes to the queue after the response (src/platform/enquiry-notices.ts).
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { queueEnquiryNotice } from "../platform/enquiry-notices.ts";
import type { AppEnv } from "../platform/env.ts";
import { KEY_PATTERN, PREFIX_LENGTH, sha256Hex } from "../platform/http/api-key.ts";
import { jsonBody } from "../platform/http/body.ts";
import { addressBucket } from "../platform/http/client-address.ts";
import { createRouter } from "../platform/http/create-app.ts";
import { invalidFields, Problem } from "../platform/http/problem.ts";
import { problemContent } from "../platform/http/schemas.ts";
import type { ValidationResult } from "../platform/http/validation.ts";
import {
  API_REASONS,
  ENQUIRY_KINDS,
  EnquiryInput,
  type FieldError,
  fieldErrors,
  MAX_ENQUIRY_BYTES,
  subjectField,
  UNKNOWN_SUBJECT,
} from "./rules.ts";
import { addressDigest, type Sender, type SubmitOutcome, submitEnquiry } from "./service.ts";

const EnquiryReceipt = z
  .object({
    id: z.string().openapi({ description: "The enquiry's reference", example: "k3mz8q2wn4xa" }),
    status: z.literal("received"),
    kind: z.enum(ENQUIRY_KINDS),
    product: z.string().nullable(),
    producer: z.string().nullable(),
    product_kind: z
      .string()
      .nullable()
      .openapi({ description: "The product kind asked about, if that was the subject" }),
    duplicate: z.boolean().openapi({
      description: "True when this token's enquiry was already stored (nothing new was written)",
    }),
  })
  .openapi("EnquiryReceipt");

/** Anonymous, or with a retailer key (which attributes the enquiry to its channel). */
const optionalKey: Record<string, string[]>[] = [{}, { RetailerKey: [] }];

export const create = createRoute({
  method: "post",
  path: "/enquiries",
  operationId: "createEnquiry",
  tags: ["Enquiries"],
  security: optionalKey,
  summary: "Send an enquiry to a producer (through the centre)",
  description:
    "Asks about a real product or producer — or a product kind no producer of which is recorded (`product_kind`; it goes to the centre alone) —, to buy for oneself, wholesale, for a chain or for export. The contact (email or Vietnamese phone) is passed to the producer and the trade-promotion centre only, with the enquirer's consent, and never appears in any public output; it is erased after the retention period (docs/enquiries.md). A retailer key (`Authorization: Bearer cnnt_…`), when sent, attributes the enquiry to its channel. Limits: 5 enquiries per sender address and 50 per producer in 24 hours (429 with `Retry-After`). The same `token` with the same subject and contact is stored once (200 with `duplicate: true`). Illustrative records take no enquiries (422).",
  middleware: jsonBody(MAX_ENQUIRY_BYTES, "; an enquiry is at most 16 KB"),
  request: { body: { content: { "application/json": { schema: EnquiryInput } }, required: true } },
  responses: {
    201: { description: "Received", content: { "application/json": { schema: EnquiryReceipt } } },
    200: {
      description: "Already received with this token",
      content: { "application/json": { schema: EnquiryReceipt } },
    },
    401: { description: "A malformed, unknown, revoked or expired retailer key", content: problemContent },
    413: { description: "Body larger than 16 KB", content: problemContent },
    415: { description: "Body is not `application/json`", content: problemContent },
    422: {
      description: "Invalid fields, each named in `invalid_params` (an unknown or illustrative subject too)",
      content: problemContent,
    },
    429: {
      description: "Too many enquiries from this address or to this producer today; `Retry-After` says when",
      content: problemContent,
    },
  },
});

/** The enquiry's fields named with the API's reasons, as one 422. */
export const enquiryProblem = (errors: Map<string, FieldError>) =>
  invalidFields([...errors].map(([name, code]) => ({ name, reason: API_REASONS[code] })));

/** A daily limit reached: 429 with `Retry-After`, in the problem shape. */
export const limitProblem = (o: Extract<SubmitOutcome, { retryAfterSeconds: number }>) =>
  new Problem(
    429,
    {
      type: "rate-limited",
      detail:
        o.kind === "address-limit"
          ? "Too many enquiries from this address today; retry later"
          : "This producer has received too many enquiries today; retry later",
    },
    { "retry-after": String(o.retryAfterSeconds) },
  );

const unauthorized = (detail: string) =>
  new Problem(
    401,
    { type: "unauthorized", detail },
    { "www-authenticate": `Bearer realm="cnnt-catalogue", error="invalid_token"` },
  );

/** The sender of a request: its address digest and, when an Authorization header is sent, its retailer key. */
export async function senderOf(c: Context<AppEnv>, via: Sender["via"]): Promise<Sender> {
  const bucket = addressBucket(c.req.header("cf-connecting-ip"), c.req.url);
  const addressKey = await addressDigest(c.env.CURSOR_SECRET, bucket);
  const header = c.req.header("authorization");
  if (via === "page" || header === undefined) return { via, addressKey, key: null };
  const key = /^Bearer +(\S+) *$/i.exec(header)?.[1];
  if (!key || !KEY_PATTERN.test(key))
    throw unauthorized("Malformed Authorization header; expected `Bearer cnnt_…` or none");
  return { via, addressKey, key: { prefix: key.slice(0, PREFIX_LENGTH), hash: await sha256Hex(key) } };
}

/** The enquiries API: one operation. */
export const enquiriesApi = createRouter().openapi(
  create,
  async (c) => {
    const input = c.req.valid("json");
    const outcome = await submitEnquiry(c.get("d1"), input, await senderOf(c, "api"));
    const field = subjectField(input) ?? "product";
    switch (outcome.kind) {
      case "bad-key":
        throw unauthorized("Unknown, revoked or expired API key");
      case "no-subject":
        throw enquiryProblem(new Map([[field, UNKNOWN_SUBJECT[field]]]));
      case "illustrative":
        throw enquiryProblem(new Map([[field, "illustrative"]]));
      case "address-limit":
      case "producer-limit":
        throw limitProblem(outcome);
    }
    if (outcome.kind === "created") queueEnquiryNotice(c.env, c.executionCtx, outcome.ref, "received");
    c.header("cache-control", "no-store");
    const receipt = {
      id: outcome.ref,
      status: "received" as const,
      kind: input.kind,
      product: input.product ?? null,
      producer: input.producer ?? null,
      product_kind: input.product_kind ?? null,
      duplicate: outcome.kind === "duplicate",
    };
    return outcome.kind === "created" ? c.json(receipt, 201) : c.json(receipt, 200);
  },
  (result: ValidationResult) => {
    if (result.success || !result.error) return undefined;
    throw enquiryProblem(fieldErrors(result.error.issues));
  },
);
