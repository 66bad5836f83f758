// Builds the deployable Worker into dist/worker.js (run by wrangler's [build] command before `wrangler dev` and
// `wrangler deploy`; tests run src/ directly). It is an ordinary esbuild bundle of src/index.ts with two changes
// that keep the bundle under its 100 KiB gzip budget (scripts/budget.ts):
//
// 1. The OpenAPI document is generated here, at build time, from the same routes, and written as a static file
//    (public/api-docs/openapi-v1.json, served by /api/v1/openapi.json through the ASSETS binding); the Worker then
//    needs no OpenAPI generator, so @asteasolutions/zod-to-openapi is replaced by a no-op registry.
// 2. Parts of zod the Worker cannot or does not use are left out: the 40+ translated error-message locales
//    (`z` keeps them all reachable; zod itself configures only `en`), `z.compile` (code generation needs
//    `new Function`, which workerd forbids; zod falls back to its runtime parser there anyway) and
//    `z.fromJSONSchema`.
//
// Usage: node scripts/build.ts [--metafile]   (writes dist/worker.js, and dist/meta.json with --metafile)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { type BuildOptions, build, type Plugin } from "esbuild";

const root = new URL("..", import.meta.url).pathname;
const dist = `${root}dist/`;
/** The OpenAPI document's static file, under public/ (git-ignored: it is generated). */
const OPENAPI_ASSET = "/api-docs/openapi-v1.json";

const common: BuildOptions = {
  absWorkingDir: root,
  bundle: true,
  format: "esm",
  target: "es2022",
  platform: "neutral",
  conditions: ["workerd", "worker", "browser"],
  mainFields: ["module", "main"],
  external: ["cloudflare:*", "node:*"],
  jsx: "automatic",
  jsxImportSource: "hono/jsx",
  logLevel: "warning",
};

/** Replaces modules matched by `filter` (imported from a file matching `importer`) with `contents`. */
function replaceModule(name: string, filter: RegExp, importer: RegExp, contents: string): Plugin {
  return {
    name,
    setup(b) {
      b.onResolve({ filter }, (args) =>
        importer.test(args.importer) ? { path: name, namespace: "replaced" } : undefined,
      );
      b.onLoad({ filter: new RegExp(`^${name}$`), namespace: "replaced" }, () => ({
        contents,
        loader: "js",
        resolveDir: root,
      }));
    },
  };
}

const zodForWorkers: Plugin[] = [
  replaceModule(
    "zod-locales-en",
    /\/locales\/index\.js$/,
    /node_modules\/zod\//,
    `export { default as en } from "zod/v4/locales/en.js";`,
  ),
  replaceModule(
    "zod-compile-fallback",
    /^\.\/compile\.js$/,
    /node_modules\/zod\/v4\/core\/index\.js$/,
    `const unsupported = "z.compile: code generation is not available in workerd (no eval); the runtime parser is used";
export const INVALID = Symbol.for("zod.compile.invalid");
export class ZodCompileAsyncError extends Error {}
export class ZodCompileUnsupportedError extends Error {}
export function compile(schema, options) {
  if (options?.strict) throw new ZodCompileUnsupportedError(unsupported);
  return schema;
}
export function withParser() { throw new ZodCompileUnsupportedError(unsupported); }
export function compileFn() { throw new ZodCompileUnsupportedError(unsupported); }`,
  ),
  replaceModule(
    "zod-from-json-schema-omitted",
    /\/from-json-schema\.js$/,
    /node_modules\/zod\//,
    `export function fromJSONSchema() { throw new Error("z.fromJSONSchema is not included in the Worker bundle (scripts/build.ts)"); }`,
  ),
];

const openApiRegistryOnly = replaceModule(
  "zod-to-openapi-registry-only",
  /^@asteasolutions\/zod-to-openapi$/,
  /./,
  `const prebuilt = "the OpenAPI document is generated at build time (scripts/build.ts)";
export class OpenAPIRegistry {
  definitions = [];
  registerPath() {}
  registerWebhook() {}
  register(_name, schema) { return schema; }
  registerParameter(_name, schema) { return schema; }
  registerComponent() {}
}
export class OpenApiGeneratorV3 { constructor() { throw new Error(prebuilt); } }
export class OpenApiGeneratorV31 { constructor() { throw new Error(prebuilt); } }
export function extendZodWithOpenApi(zod) { zod.ZodType.prototype.openapi ??= function () { return this; }; }
export function getOpenApiMetadata() { return {}; }`,
);

/** The OpenAPI document of /api/v1, generated from the routes exactly as `doc31` would at request time. */
async function openApiDocument(): Promise<unknown> {
  // Bundled for Node (pages may be .tsx) outside dist/, which wrangler uploads whole.
  const dir = mkdtempSync(join(tmpdir(), "openapi-"));
  const out = join(dir, "document.mjs");
  await build({
    ...common,
    platform: "node",
    stdin: {
      contents: `import { apiV1, OPENAPI_CONFIG } from "./src/api/index.ts";
export default apiV1.getOpenAPI31Document(OPENAPI_CONFIG);`,
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

mkdirSync(dist, { recursive: true });
const assetFile = join(root, "public", OPENAPI_ASSET);
mkdirSync(dirname(assetFile), { recursive: true });
writeFileSync(assetFile, JSON.stringify(await openApiDocument()));
const result = await build({
  ...common,
  entryPoints: ["src/index.ts"],
  outfile: `${dist}worker.js`,
  minify: true,
  sourcemap: true,
  metafile: process.argv.includes("--metafile"),
  define: {
    __OPENAPI_ASSET__: JSON.stringify(OPENAPI_ASSET),
    // ETags name the build, so a deploy that changes responses does not answer 304 for old bodies.
    __BUILD_ID__: JSON.stringify(Date.now().toString(36)),
  },
  plugins: [...zodForWorkers, openApiRegistryOnly],
});
if (result.metafile) writeFileSync(`${dist}meta.json`, JSON.stringify(result.metafile));
