// What the catalogue sends to a channel's webhook endpoints, as the OpenAPI document's `webhooks` section has it
// (registered by src/openapi/document.ts; the routes that manage endpoints are webhooks.routes.ts): the payload of a
// change, the ping's, and their Standard Webhooks signature headers.
import { z } from "@hono/zod-openapi";
import { CHANGE_ENTITIES, CHANGE_OPS } from "../../domain/vocabulary.ts";
import { ChangeEntry } from "../changes/changes.routes.ts";

/** What every delivery's body is: Standard Webhooks' `type`, `timestamp` and `data` (src/retail/webhooks/fanout.ts). */
export const WebhookPayload = z
  .object({
    type: z
      .enum(CHANGE_ENTITIES.flatMap((e) => CHANGE_OPS.map((o) => `${e}.${o}` as const)))
      .openapi({ description: "`<entity>.<op>` of the change" }),
    timestamp: z.string().openapi({ description: "When the change was written (`changed_at`)" }),
    data: z.object({
      change: ChangeEntry,
      cursor: z.string().openapi({
        description:
          "The change feed's cursor after this entry: `GET /changes?cursor=…` continues from here (after downtime, to fill the gap)",
      }),
    }),
  })
  .openapi("WebhookPayload");

/** The body of a ping (`POST …/webhooks/{endpoint}/ping`). */
export const WebhookPing = z
  .object({
    type: z.literal("webhook.ping"),
    timestamp: z.string(),
    data: z.object({ channel: z.string(), endpoint: z.string() }),
  })
  .openapi("WebhookPing");

const signatureHeader = (description: string, example: string) =>
  z.string().openapi({ description, example });

/**
 * The OpenAPI `webhooks` entry: what the catalogue POSTs to a registered endpoint (registered in the document by
 * src/openapi/document.ts, not served as a route).
 */
const signatureHeaders = () =>
  z.object({
    "webhook-id": signatureHeader(
      "The delivery's id, the same on every attempt",
      "msg_0df641d56f358d05685713bc",
    ),
    "webhook-timestamp": signatureHeader("Unix time of this attempt, in seconds", "1796164102"),
    "webhook-signature": signatureHeader(
      "`v1,<base64 HMAC-SHA256>`, one per active secret, space-separated",
      "v1,ezx5BOQc6UJdYAbrwmRjy9JBmm8J5D773htRPK55HiI=",
    ),
  });

/** The OpenAPI `webhooks` entry of a ping, signed like a delivery. */
export const pingWebhook = {
  method: "post" as const,
  path: "ping",
  operationId: "pingWebhook",
  tags: ["Webhooks"],
  security: [],
  summary: "A test delivery, sent when the channel asks for one (`POST …/webhooks/{endpoint}/ping`)",
  description: "Signed like every delivery; not retried. Answer 2xx once the signature verifies.",
  request: {
    headers: signatureHeaders(),
    body: { required: true, content: { "application/json": { schema: WebhookPing } } },
  },
  responses: { 204: { description: "Received" } },
};

export const changeWebhook = {
  method: "post" as const,
  path: "change",
  operationId: "changeWebhook",
  tags: ["Webhooks"],
  // The catalogue calls the chain: no credential of the chain's; the receiver verifies the signature instead.
  security: [],
  summary: "A change-feed entry, delivered to a registered endpoint",
  description:
    "One POST per change-feed entry of the endpoint's events, signed per Standard Webhooks: verify `webhook-signature` (HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>` with the endpoint's secret; during a rotation two signatures, space-separated) over the raw body before parsing it. At least once, in order per record; de-duplicate by `webhook-id` or `data.change.seq`. An endpoint registered with `expand: \"record\"` gets the entity's record in `data.change.record` (as the feed with `expand=record`: read when the change is fanned out, so a later change of the record follows as its own delivery). Answer 2xx within 10 s; anything else is retried with backoff for about 7.5 hours.",
  request: {
    headers: signatureHeaders(),
    body: { required: true, content: { "application/json": { schema: WebhookPayload } } },
  },
  responses: {
    204: { description: "Received (any 2xx will do); do the work after answering" },
    400: { description: "Not verified or not understood: the catalogue retries, then gives up (`dead`)" },
  },
};
