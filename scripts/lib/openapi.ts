// The OpenAPI document of /api/v1 as the Worker serves it: generated in Node from the same routes, exactly as
// `doc31` would at request time. The build writes it as a static asset; the contract linters and the SDK's type
// generation read the same document.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";

const root = new URL("../../", import.meta.url).pathname;

/**
 * Bundles `contents` (a module in the repository's root, which may import the Worker's sources, .tsx included) for
 * Node in a temporary folder outside dist/ (whose chunks wrangler uploads), imports it and returns its exports.
 *
 * @example const { doc } = await importBundled<{ doc: unknown }>(`export const doc = 1;`)
 */
export async function importBundled<T>(contents: string): Promise<T> {
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
    stdin: { contents, resolveDir: root, loader: "ts" },
    outfile: out,
  });
  try {
    return await import(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The OpenAPI 3.1 document of /api/v1, generated from the route manifest (src/routes.ts). */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const { doc } = await importBundled<{ doc: Record<string, unknown> }>(
    `import { openApiDocument } from "./src/openapi/document.ts";
export const doc = await openApiDocument();`,
  );
  return doc;
}
