// Builds the deployable Worker into dist/worker.js and the chunks it imports, dist/chunks/ (run by wrangler's [build]
// command before `wrangler dev` and `wrangler deploy`; wrangler.toml's main is dist/worker.js, so every `wrangler
// dev` — the browser, SDK, smoke and load tests — serves this build). It is an esbuild bundle of src/index.ts that
// takes every library as published: no plugin resolves, loads or rewrites a library's module, so the router, zod,
// drizzle and Hono that the workerd tests run (vitest.config.ts runs src/ directly) are the ones that ship.
//
// - Split (ESM `splitting`): the editor app, the retail apps, the queue consumer and each page language's text
//   are chunks loaded by import() only when a request needs them, so a shopper's isolate compiles and evaluates less
//   at startup (scripts/budget.ts measures startup CPU and per-request CPU).
// - The OpenAPI document is generated here, at build time, from the same routes (scripts/lib/openapi.ts), and
//   written as a static file (public/api-docs/openapi-v1.json, served by /api/v1/openapi.json through the ASSETS
//   binding): no request generates it.
// - The API docs page's renderer is put into public/vendor/ (scripts/vendor.ts: a pinned tarball and SHA-256).
// - With WORKER_DEV_TOOLS=1 (`npm run bench`, `bench:profile`) the entry is bench/worker.ts: src/index.ts wrapped
//   with a D1 delay and response floors; the deployable Worker otherwise.
//
// Usage: node scripts/build.ts   (writes dist/worker.js, dist/chunks/, and esbuild's metafile dist/meta.json)
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { build } from "esbuild";
import { openApiDocument } from "./lib/openapi.ts";
import { vendorScalar } from "./vendor.ts";

const root = new URL("..", import.meta.url).pathname;
const dist = `${root}dist/`;
/** The OpenAPI document's static file, under public/ (git-ignored: it is generated). */
const OPENAPI_ASSET = "/api-docs/openapi-v1.json";

// Chunk names carry a hash: a chunk left from an earlier build would be uploaded too (wrangler takes every file
// dist/chunks/ holds, wrangler.toml [[rules]]).
rmSync(`${dist}chunks`, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
const assetFile = join(root, "public", OPENAPI_ASSET);
mkdirSync(dirname(assetFile), { recursive: true });
// The OpenAPI document of /api/v1, generated from the routes exactly as `doc31` would at request time.
writeFileSync(assetFile, JSON.stringify(await openApiDocument()));
vendorScalar();
const result = await build({
  absWorkingDir: root,
  entryPoints: { worker: process.env.WORKER_DEV_TOOLS === "1" ? "bench/worker.ts" : "src/index.ts" },
  outdir: dist,
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
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  minify: true,
  sourcemap: true,
  // Always written: scripts/budget.ts reads which chunks the entry imports statically and which only on demand.
  metafile: true,
  define: {
    __OPENAPI_ASSET__: JSON.stringify(OPENAPI_ASSET),
    // ETags name the build, so a deploy that changes responses does not answer 304 for old bodies.
    __BUILD_ID__: JSON.stringify(Date.now().toString(36)),
  },
});
writeFileSync(`${dist}meta.json`, JSON.stringify(result.metafile));
