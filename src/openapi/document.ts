// The OpenAPI document of /api/v1: every group of the route manifest loaded, their routes described in its order.
// Built by scripts/build.ts into the deployed Worker's assets and by scripts/lint-api.ts and sdk-generate.ts; in
// tests and Node the Worker generates it on request (src/index.ts). The deployed Worker never loads this module.
import { createApi } from "../app.ts";
import { ROUTES } from "../routes.ts";
import { OPENAPI_CONFIG, SECURITY_SCHEMES } from "./config.ts";
import { withExamples } from "./examples.ts";

/** The whole API's OpenAPI 3.1 document, with its response examples. */
export async function openApiDocument() {
  const api = createApi(await Promise.all(ROUTES.map((r) => r.load())));
  for (const [name, scheme] of Object.entries(SECURITY_SCHEMES))
    api.openAPIRegistry.registerComponent("securitySchemes", name, scheme);
  return withExamples(api.getOpenAPI31Document(OPENAPI_CONFIG));
}
