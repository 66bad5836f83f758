// The SDK's types (packages/client/src/schema.d.ts) as openapi-typescript makes them from an OpenAPI document.
// One function for `npm run sdk:generate` and for the test that fails when the committed types drift from the
// document the Worker serves.
import openapiTS, { astToString, COMMENT_HEADER } from "openapi-typescript";

export const SDK_TYPES_FILE = new URL("../../packages/client/src/schema.d.ts", import.meta.url).pathname;

/** TypeScript declarations (`paths`, `components`, …) of an OpenAPI document, as the SDK commits them. */
export async function sdkTypes(document: object): Promise<string> {
  // Fields with a default (e.g. a listing's `note`) may be omitted in requests: keep them optional.
  const ast = await openapiTS(document as Parameters<typeof openapiTS>[0], { defaultNonNullable: false });
  return `${COMMENT_HEADER}${astToString(ast)}`;
}
