import captured from "./examples.json";

// Operation descriptions the linters and integrators want but the Worker never uses: kept here, out of its bundle.
const descriptions: Record<string, string> = {
  listWebhookEndpoints:
    "The endpoints this channel's key registered, oldest first. Pages like every collection: follow `page.next_cursor` (as `cursor`) while `page.has_more`.",
  createWebhookEndpoint:
    "From now on every change-feed entry of the chosen kinds is POSTed to `url`, signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`), in order per record, at least once, retried with backoff for about 7.5 hours (9 attempts), then given up (`dead` in the delivery log). The body is `{type, timestamp, data: {change, cursor}}`: `change` is the entry as `GET /changes` has it, `cursor` continues the feed after it. The secret is in this response only. At most 10 endpoints per channel.",
  getWebhookEndpoint:
    "The endpoint's URL, events and secret-rotation state; the secret itself is never shown again.",
  updateWebhookEndpoint:
    "Fields left out stay as they are. Deliveries already queued go to the new URL; changes already fanned out keep their events.",
  deleteWebhookEndpoint: "Nothing more is sent to it; queued attempts are dropped.",
  rotateWebhookSecret:
    "Returns the new secret (this once). For `overlap` seconds (default 86400, 0–86400) deliveries carry two signatures, one per secret (`v1,<new> v1,<old>`), so the receiver can switch without losing a delivery.",
  listWebhookDeliveries:
    "Newest change first: status, attempts, the last answer's HTTP status and latency, and why it failed. Pages like every collection: follow `page.next_cursor` (as `cursor`) while `page.has_more`.",
  getProduct:
    "Everything about one product: its producer, every recognition with its source, the channels that list it (with prices and stores), the khuyến công projects that supported its producer, and related products. `sample` and `sample_fields` mark illustrative values.",
  listProducers:
    "Producers with how many products each makes and their highest CNNT-TB tier. Ordered by slug; filter by district. Pages like every collection: follow `page.next_cursor` (as `cursor`) while `page.has_more`.",
  getProducer:
    "One producer with its address, its products (national tier first), the recognitions of those products (newest first) and the khuyến công support it received.",
  listChannels:
    "Retail channels (supermarket chains, trade fairs, export markets) with how many products each lists, in the order they joined the catalogue. Pages like every collection: follow `page.next_cursor` (as `cursor`) while `page.has_more`.",
  getChannel:
    "One retail channel and every listing it has (status, price, stores), with the listed products, by product name.",
  listRecognitions:
    "Recognitions of products: CNNT-TB levels, OCOP stars and geographical indications, each with its issuer and source. Newest year first, then in the order they were recorded. Pages like every collection: follow `page.next_cursor` (as `cursor`) while `page.has_more`.",
  getProgramme:
    "The province's 2021–2025 khuyến công (industry promotion) programme: the figures it reported, each with its source, the known support projects, and recognitions by level.",
  getListing:
    "One channel's listing of one product, with its `etag` (also the ETag header) to send back in `If-Match` when changing it. Public: anyone may read a listing.",
};

interface Operation {
  operationId?: string;
  description?: string;
  responses?: Record<string, { content?: Record<string, { example?: unknown }> }>;
}

/**
 * The OpenAPI document with the descriptions above and an example on every response body: real responses kept in examples.json by
 * operationId and status (refreshed by scripts/openapi-examples.ts); where an operation has none of a status (e.g.
 * 429), the first one of that status. Applied where the document is generated (the build, and the test-time route),
 * so the examples never weigh on the Worker bundle.
 */
export function withExamples<T extends object>(document: T): T {
  const examples = captured as Record<string, Record<string, unknown>>;
  const byStatus: Record<string, unknown> = {};
  for (const statuses of Object.values(examples))
    for (const [status, example] of Object.entries(statuses)) byStatus[status] ??= example;
  const paths = (document as { paths?: Record<string, Record<string, Operation>> }).paths ?? {};
  for (const item of Object.values(paths))
    for (const op of Object.values(item)) {
      if (op.operationId && !op.description && descriptions[op.operationId])
        op.description = descriptions[op.operationId];
      for (const [status, response] of Object.entries(op.responses ?? {}))
        for (const [type, media] of Object.entries(response.content ?? {})) {
          // Another operation's example fits only an error (one problem shape); its success bodies never do.
          const fallback = type === "application/problem+json" ? byStatus[status] : undefined;
          const example = (op.operationId && examples[op.operationId]?.[status]) ?? fallback;
          if (example !== undefined && media.example === undefined) media.example = example;
        }
    }
  return document;
}
