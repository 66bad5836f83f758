// The OpenAPI document of /api/v1: every group of the route manifest loaded, their routes described in its order.
// Built by scripts/build.ts into the deployed Worker's assets and by scripts/lint-api.ts and sdk-generate.ts; in
// tests and Node the Worker generates it on request (src/index.ts). The deployed Worker never loads this module.
import { createApi } from "../app.ts";
import { ProductFeedRow } from "../retail/feeds/feeds.routes.ts";
import { changeWebhook, pingWebhook } from "../retail/webhooks/webhooks.payloads.ts";
import { ROUTES } from "../routes.ts";
import { OPENAPI_CONFIG, SECURITY_SCHEMES } from "./config.ts";
import { withExamples } from "./examples.ts";
import { declareCommonHeaders } from "./headers.ts";

type MediaTypes = Record<string, Record<string, unknown>>;
type Paths = Record<string, Record<string, { responses?: Record<string, { content?: MediaTypes }> }>>;

/** The whole API's OpenAPI 3.1 document, with its response examples. */
export async function openApiDocument() {
  const api = createApi(await Promise.all(ROUTES.map((r) => r.load())));
  for (const [name, scheme] of Object.entries(SECURITY_SCHEMES))
    api.openAPIRegistry.registerComponent("securitySchemes", name, scheme);
  api.openAPIRegistry.register("ProductFeedRow", ProductFeedRow);
  api.openAPIRegistry.registerWebhook(changeWebhook);
  api.openAPIRegistry.registerWebhook(pingWebhook);
  const document = api.getOpenAPI31Document(OPENAPI_CONFIG);
  // NDJSON is a sequence of JSON texts, which OpenAPI 3.1 cannot type as such (3.2's itemSchema): the body is a
  // string whose content, decoded line by line, is a list of ProductFeedRow (JSON Schema's contentSchema).
  const ndjson = (document.paths as Paths | undefined)?.["/feeds/products.ndjson"]?.get?.responses?.["200"]
    ?.content?.["application/x-ndjson"];
  if (ndjson)
    ndjson.schema = {
      ...(ndjson.schema as object),
      contentMediaType: "application/x-ndjson",
      contentSchema: { type: "array", items: { $ref: "#/components/schemas/ProductFeedRow" } },
    };
  return withExamples(declareCommonHeaders(document));
}
