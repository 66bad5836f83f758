import type { TestProject } from "vitest/node";
import { type DevServer, startDevServer } from "../../scripts/lib/dev-server.ts";
import { d1Query } from "../../scripts/lib/wrangler.ts";
import { generateApiKey } from "../../src/platform/http/api-key.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The Worker under `wrangler dev`. */
    origin: string;
    /** An API key of the channel `aeon`. */
    aeonKey: string;
  }
}

let server: DevServer | undefined;

export async function setup(project: TestProject) {
  // Webhooks may reach the tests' loopback receiver (test/sdk/webhooks.test.ts); a local origin only.
  server = await startDevServer({
    port: 8811,
    inspectorPort: 8812,
    persistTo: ".wrangler/sdk-state",
    args: ["--var", "WEBHOOK_ALLOW_LOOPBACK:1"],
  });
  const { key, prefix, hash } = await generateApiKey();
  d1Query(server.target, [
    `INSERT INTO api_keys (channel_id, name, prefix, hash) SELECT id, 'sdk tests', '${prefix}', '${hash}' FROM channels WHERE slug = 'aeon'`,
  ]);
  project.provide("origin", server.origin);
  project.provide("aeonKey", key);
}

export async function teardown() {
  await server?.stop();
}
