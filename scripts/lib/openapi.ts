// The OpenAPI document of /api/v1 as the Worker serves it: generated in Node from the same routes, exactly as
// `doc31` would at request time. The build writes it as a static asset; the contract linters and the SDK's type
// generation read the same document.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";

const root = new URL("../../", import.meta.url).pathname;

/** The OpenAPI 3.1 document of /api/v1, generated from the routes in src/. */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  // Bundled for Node (pages may be .tsx) in a temporary folder, outside dist/ (which wrangler uploads whole).
  const dir = mkdtempSync(join(tmpdir(), "openapi-"));
  const out = join(dir, "document.mjs");
  await build({
    absWorkingDir: root,
    bundle: true,
    format: "esm",
    target: "es2022",
    platform: "node",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["module", "main"],
    external: ["cloudflare:*", "node:*"],
    jsx: "automatic",
    jsxImportSource: "hono/jsx",
    logLevel: "warning",
    stdin: {
      contents: `import { apiV1, OPENAPI_CONFIG } from "./src/api/index.ts";
import { withExamples } from "./src/api/examples.ts";
export default withExamples(apiV1.getOpenAPI31Document(OPENAPI_CONFIG));`,
      resolveDir: root,
      loader: "ts",
    },
    outfile: out,
  });
  try {
    return (await import(out)).default;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
