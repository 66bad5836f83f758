// Regenerates the SDK's types (packages/client/src/schema.d.ts) from the OpenAPI document of the routes in src/:
//
//   npm run sdk:generate
//
// `npm test` fails while the committed types differ from the document the Worker serves (test/sdk/).
import { writeFileSync } from "node:fs";
import { openApiDocument } from "./lib/openapi.ts";
import { SDK_TYPES_FILE, sdkTypes } from "./lib/sdk-types.ts";

writeFileSync(SDK_TYPES_FILE, await sdkTypes(await openApiDocument()));
console.log(`wrote ${SDK_TYPES_FILE}`);
