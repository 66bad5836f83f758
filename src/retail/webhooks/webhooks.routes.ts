import { createRoute, z } from "@hono/zod-openapi";
import { CHANGE_ENTITIES } from "../../domain/vocabulary.ts";
import { jsonBody } from "../../platform/http/body.ts";
import { Cursor, decimal, errors, Limit, problemContent, slugPath } from "../../platform/http/schemas.ts";
import { requireChannelKey } from "../keys/auth.ts";
import { IdempotencyHeaders, idempotent, replayedHeader } from "../keys/idempotency.ts";

/** Largest body of an endpoint registration or update, in bytes. */
export const MAX_ENDPOINT_BYTES = 8 * 1024;
/** How long the previous secret keeps signing after a rotation, by default and at most: 24 hours. */
export const DEFAULT_OVERLAP_SECONDS = 86_400;

export const ENDPOINT_ID = /^ep_[0-9a-f]{24}$/;
const ChannelParam = z.object({ channel: slugPath("channel", "aeon") });
const EndpointParams = ChannelParam.extend({
  endpoint: z
    .string()
    .regex(ENDPOINT_ID, "must be an endpoint id such as ep_0f3a9c2b7d1e4f5a6b7c8d9e")
    .openapi({ param: { name: "endpoint", in: "path" }, example: "ep_0f3a9c2b7d1e4f5a6b7c8d9e" }),
});

const Event = z.enum(CHANGE_ENTITIES);
const Events = z
  .array(Event)
  .min(1)
  .max(CHANGE_ENTITIES.length)
  .refine((a) => new Set(a).size === a.length, "must not repeat an event")
  .openapi({
    description:
      "Which change-feed entries to receive, by entity kind: `product`, `producer`, `recognition`, `listing`",
    example: ["product", "listing"],
  });
const Url = z.string().max(2000).openapi({
  description:
    "Where to POST: an https URL on a public host, without user name or password. Private, loopback, link-local and CGNAT addresses are refused, also after DNS resolution at delivery time.",
  example: "https://hooks.example-chain.vn/cnnt",
});
const IncludeIllustrative = z.boolean().openapi({
  description:
    "Also receive changes of illustrative records (as the change feed gives them with `include=illustrative`)",
});

const Expand = z.enum(["record"]).nullable().openapi({
  description:
    "`record`: each delivery carries the entity's current record in `data.change.record`, as `GET /changes?expand=record` does (Vietnamese names and texts; illustrative values only with `include_illustrative`), so a receiver needs no GET per change; null (the default): the entry alone",
});

export const EndpointInput = z
  .object({
    url: Url,
    events: Events.default([...CHANGE_ENTITIES]),
    include_illustrative: IncludeIllustrative.default(false),
    expand: Expand.default(null),
  })
  .strict()
  .openapi("WebhookEndpointInput");
export const EndpointPatch = z
  .object({ url: Url, events: Events, include_illustrative: IncludeIllustrative, expand: Expand })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, "give at least one of url, events, include_illustrative, expand")
  .openapi("WebhookEndpointPatch");

export const WebhookEndpoint = z
  .object({
    id: z.string().openapi({ example: "ep_0f3a9c2b7d1e4f5a6b7c8d9e" }),
    url: z.string(),
    events: z.array(Event),
    include_illustrative: z.boolean(),
    expand: z.enum(["record"]).nullable(),
    previous_secret_expires_at: z.string().nullable().openapi({
      description: "After a rotation: until when the previous secret also signs (a second signature)",
    }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("WebhookEndpoint");
const Secret = z.string().openapi({
  description:
    "The signing secret (`whsec_` and base64). Shown only here: store it now. Verify `webhook-signature` with it (Standard Webhooks).",
  example: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYqrTwj=",
});
export const WebhookEndpointCreated = WebhookEndpoint.extend({ secret: Secret }).openapi(
  "WebhookEndpointCreated",
);

const Page = z.object({
  limit: z.number().int(),
  has_more: z.boolean().openapi({ description: "Whether another page follows (then `next_cursor` is set)" }),
  next_cursor: z.string().nullable().openapi({ description: "Pass as `cursor` for the next page" }),
});
export const WebhookEndpointList = z
  .object({ data: z.array(WebhookEndpoint), page: Page })
  .openapi("WebhookEndpointList");

export const WebhookDelivery = z
  .object({
    id: z.string().openapi({ description: "The `webhook-id` header of every attempt" }),
    seq: z.number().int().openapi({ description: "The change feed entry delivered" }),
    type: z.string().openapi({ example: "listing.upsert" }),
    status: z.enum(["pending", "delivered", "dead"]).openapi({
      description:
        "`pending`: queued or waiting to be retried; `delivered`: a 2xx answer; `dead`: retries exhausted (read the change feed from the last cursor you stored)",
    }),
    attempts: z.number().int(),
    response_status: z.number().int().nullable().openapi({ description: "The last attempt's HTTP status" }),
    latency_ms: z.number().int().nullable().openapi({ description: "How long the last attempt took" }),
    error: z.string().nullable().openapi({ description: "Why the last attempt failed" }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("WebhookDelivery");
export const WebhookDeliveryList = z
  .object({ data: z.array(WebhookDelivery), page: Page })
  .openapi("WebhookDeliveryList");

const PageQuery = z.object({ limit: Limit, cursor: Cursor }).strict();
const security = [{ RetailerKey: [] }];
const tags = ["Webhooks"];
const keyErrors = {
  401: {
    description: "Missing, malformed, unknown or revoked API key (see `WWW-Authenticate`)",
    content: problemContent,
  },
  403: { description: "The key belongs to another channel", content: problemContent },
} as const;
const noEndpoint = {
  404: { description: "The channel has no endpoint with this id", content: problemContent },
} as const;
const bodyErrors = {
  413: { description: "Body too large", content: problemContent },
  415: { description: "Body is not `application/json`", content: problemContent },
  422: { description: "Invalid fields, each named in `invalid_params`", content: problemContent },
} as const;

export const list = createRoute({
  method: "get",
  path: "/channels/{channel}/webhooks",
  operationId: "listWebhookEndpoints",
  tags,
  security,
  summary: "The channel's webhook endpoints",
  middleware: [requireChannelKey("read")] as const,
  request: { params: ChannelParam, query: PageQuery },
  responses: {
    200: {
      description: "A page of endpoints",
      content: { "application/json": { schema: WebhookEndpointList } },
    },
    ...errors,
    ...keyErrors,
  },
});

export const create = createRoute({
  method: "post",
  path: "/channels/{channel}/webhooks",
  operationId: "createWebhookEndpoint",
  tags,
  security,
  summary: "Register a webhook endpoint",
  middleware: [requireChannelKey("webhooks"), ...jsonBody(MAX_ENDPOINT_BYTES), idempotent()] as const,
  request: {
    params: ChannelParam,
    headers: IdempotencyHeaders,
    body: { required: true, content: { "application/json": { schema: EndpointInput } } },
  },
  responses: {
    201: {
      description:
        "Registered; `secret` is shown this once (and again to a retry with the same `Idempotency-Key`)",
      headers: {
        Location: { schema: { type: "string" }, description: "The endpoint's URL in this API" },
        ...replayedHeader,
      },
      content: { "application/json": { schema: WebhookEndpointCreated } },
    },
    ...errors,
    ...keyErrors,
    409: {
      description:
        "The channel has 10 endpoints already (`/problems/too-many-endpoints`), another of its endpoints has this URL (`/problems/duplicate-endpoint`, naming it in `existing`), or a request with this `Idempotency-Key` is still running",
      content: problemContent,
    },
    ...bodyErrors,
  },
});

export const getOne = createRoute({
  method: "get",
  path: "/channels/{channel}/webhooks/{endpoint}",
  operationId: "getWebhookEndpoint",
  tags,
  security,
  summary: "One webhook endpoint (without its secret)",
  middleware: [requireChannelKey("read")] as const,
  request: { params: EndpointParams },
  responses: {
    200: { description: "The endpoint", content: { "application/json": { schema: WebhookEndpoint } } },
    ...errors,
    ...keyErrors,
    ...noEndpoint,
  },
});

export const update = createRoute({
  method: "patch",
  path: "/channels/{channel}/webhooks/{endpoint}",
  operationId: "updateWebhookEndpoint",
  tags,
  security,
  summary: "Change a webhook endpoint's URL, events or illustrative opt-in",
  middleware: [requireChannelKey("webhooks"), ...jsonBody(MAX_ENDPOINT_BYTES)] as const,
  request: {
    params: EndpointParams,
    body: { required: true, content: { "application/json": { schema: EndpointPatch } } },
  },
  responses: {
    200: { description: "Changed", content: { "application/json": { schema: WebhookEndpoint } } },
    409: {
      description:
        "Another endpoint of the channel has this URL (`/problems/duplicate-endpoint`, naming it in `existing`)",
      content: problemContent,
    },
    ...errors,
    ...keyErrors,
    ...noEndpoint,
    ...bodyErrors,
  },
});

export const remove = createRoute({
  method: "delete",
  path: "/channels/{channel}/webhooks/{endpoint}",
  operationId: "deleteWebhookEndpoint",
  tags,
  security,
  summary: "Delete a webhook endpoint and its delivery log",
  middleware: [requireChannelKey("webhooks")] as const,
  request: { params: EndpointParams },
  responses: {
    204: { description: "Deleted" },
    ...errors,
    ...keyErrors,
    ...noEndpoint,
  },
});

export const rotate = createRoute({
  method: "post",
  path: "/channels/{channel}/webhooks/{endpoint}/rotate-secret",
  operationId: "rotateWebhookSecret",
  tags,
  security,
  summary: "Replace an endpoint's signing secret",
  middleware: [requireChannelKey("webhooks"), idempotent()] as const,
  request: {
    params: EndpointParams,
    headers: IdempotencyHeaders,
    query: z
      .object({
        overlap: decimal(0, DEFAULT_OVERLAP_SECONDS).default(DEFAULT_OVERLAP_SECONDS).openapi({
          description: "Seconds the previous secret keeps signing (0: stop at once)",
          type: "integer",
          minimum: 0,
          maximum: DEFAULT_OVERLAP_SECONDS,
          default: DEFAULT_OVERLAP_SECONDS,
        }),
      })
      .strict(),
  },
  responses: {
    200: {
      description: "The endpoint with its new secret (shown this once)",
      content: { "application/json": { schema: WebhookEndpointCreated } },
    },
    ...errors,
    ...keyErrors,
    ...noEndpoint,
  },
});

/** What came of a ping: the receiver's answer, as a delivery records it. */
const PingResult = z
  .object({
    id: z
      .string()
      .openapi({ description: "The ping's `webhook-id`", example: "msg_0df641d56f358d05685713bc" }),
    delivered: z.boolean().openapi({ description: "The receiver answered 2xx" }),
    response_status: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "Its HTTP status; null without an answer" }),
    latency_ms: z.number().int(),
    error: z
      .string()
      .nullable()
      .openapi({ description: "Why it failed (refused address, timeout, status …)" }),
  })
  .openapi("WebhookPingResult");

export const ping = createRoute({
  method: "post",
  path: "/channels/{channel}/webhooks/{endpoint}/ping",
  operationId: "pingWebhookEndpoint",
  tags,
  security,
  summary: "Send the endpoint a signed test delivery now",
  description:
    "POSTs a `webhook.ping` (the `ping` entry of the document's `webhooks`), signed like every delivery, to the endpoint at once and answers with the receiver's status, latency and error: check a receiver and its signature verification before any change reaches it. A ping is not a change: it is not in the delivery log and not retried.",
  middleware: [requireChannelKey("webhooks")] as const,
  request: { params: EndpointParams },
  responses: {
    200: {
      description: "Sent; `delivered` says whether the receiver answered 2xx",
      content: { "application/json": { schema: PingResult } },
    },
    ...errors,
    ...keyErrors,
    ...noEndpoint,
  },
});

export const deliveries = createRoute({
  method: "get",
  path: "/channels/{channel}/webhooks/{endpoint}/deliveries",
  operationId: "listWebhookDeliveries",
  tags,
  security,
  summary: "An endpoint's recent deliveries and their results",
  middleware: [requireChannelKey("read")] as const,
  request: { params: EndpointParams, query: PageQuery },
  responses: {
    200: {
      description: "A page of deliveries",
      content: { "application/json": { schema: WebhookDeliveryList } },
    },
    ...errors,
    ...keyErrors,
    ...noEndpoint,
  },
});

export type ListRoute = typeof list;
export type CreateRoute = typeof create;
export type GetOneRoute = typeof getOne;
export type UpdateRoute = typeof update;
export type RemoveRoute = typeof remove;
export type RotateRoute = typeof rotate;
export type DeliveriesRoute = typeof deliveries;
export type PingRoute = typeof ping;
