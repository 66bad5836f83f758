// The SDK's committed types must be what openapi-typescript makes of the document the Worker serves: a route or
// schema change without `npm run sdk:generate` fails here.
import { readFileSync } from "node:fs";
import { expect, inject, it } from "vitest";
import { SDK_TYPES_FILE, sdkTypes } from "../../scripts/lib/sdk-types.ts";

it("packages/client/src/schema.d.ts matches the served OpenAPI document (else: npm run sdk:generate)", async () => {
  const res = await fetch(`${inject("origin")}/api/v1/openapi.json`);
  expect(res.status).toBe(200);
  const served = await sdkTypes(await res.json());
  expect(readFileSync(SDK_TYPES_FILE, "utf8") === served, "the SDK's types drifted from the API").toBe(true);
});
