// Builds the deployable Worker into dist/worker.js and the chunks it imports, dist/chunks/ (run by wrangler's [build]
// command before `wrangler dev` and `wrangler deploy`; tests run src/ directly). It is an esbuild bundle of
// src/index.ts, split (ESM `splitting`): the route manifest's on-demand groups (src/routes.ts: the editors', each
// group of retailers' routes), the queue consumer and each page language's text are chunks loaded by import() only when a request needs them, and what the public path needs is the entry and the
// chunks it imports statically. With these changes the public part stays under its 100 KiB gzip budget
// (scripts/budget.ts measures it, the largest public request and the editor chunk apart):
//
// 1. The OpenAPI document is generated here, at build time, from the same routes, and written as a static file
//    (public/api-docs/openapi-v1.json, served by /api/v1/openapi.json through the ASSETS binding); the Worker then
//    needs no OpenAPI generator, so @asteasolutions/zod-to-openapi is replaced by a no-op registry.
// 2. zod is tree-shaken: `z` is imported as a namespace (see zodNamespaceShakable), so the Worker carries the zod
//    it uses, not all of it (its 40+ locales, z.compile, JSON Schema conversion both ways …).
// 3. zod's JSON Schema generation, which the schemas reference but only toJSONSchema runs, is left out.
// 4. Hono's "tiny" preset (one small router) instead of the default pair of routers.
// 5. The OpenAPI `description:` and `summary:` texts of the route contracts are emptied: only the document (built from the
//    untouched sources, step 1) shows them; the Worker never reads them (see openApiTextOmitted).
// 6. drizzle's Postgres column code, which its shared SQL builder imports only to recognise Postgres enums, is
//    left out (see pgEnumOmitted): this catalogue is SQLite.
// 7. drizzle's relational query API and its all-column-types builder, which nothing here calls, are left out (see
//    drizzleRelationsOmitted, drizzleColumnBuildersOmitted), and so is the cookie reading of Hono's validator (no
//    route validates cookies; see validatorCookiesOmitted).
//
// Usage: node scripts/build.ts   (writes dist/worker.js, the chunks it imports under dist/chunks/, and esbuild's
// metafile dist/meta.json)
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { type BuildOptions, build, type Plugin } from "esbuild";
import { openApiDocument } from "./lib/openapi.ts";
import { vendorScalar } from "./vendor.ts";

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

// zod's JSON Schema generation (two modules) serves only toJSONSchema — the OpenAPI document is generated at build
// time. The schemas reference it (a method per schema, .minLength/.format getters via aggregateChecks), so each
// export is replaced by one that throws, except aggregateChecks, taken from the real module.
const JSON_SCHEMA_MODULES = /\/zod\/v4\/core\/(json-schema-processors|to-json-schema)\.js$/;
const zodJsonSchemaOmitted: Plugin = {
  name: "zod-json-schema-omitted",
  setup(b) {
    b.onLoad({ filter: JSON_SCHEMA_MODULES }, (args) => {
      if (args.suffix === "?real") return undefined;
      const names = [...readFileSync(args.path, "utf8").matchAll(/^export (?:const|function) (\w+)/gm)].map(
        (m) => m[1] ?? "",
      );
      return {
        contents: [
          `const omitted = () => { throw new Error("zod's JSON Schema generation is not in the Worker bundle (scripts/build.ts)"); };`,
          ...names.map((n) =>
            n === "aggregateChecks"
              ? `export { aggregateChecks } from "./json-schema-processors.js?real";`
              : n === "allProcessors"
                ? "export const allProcessors = {};"
                : n.startsWith("create")
                  ? `export const ${n} = () => omitted;`
                  : `export const ${n} = omitted;`,
          ),
        ].join("\n"),
        loader: "js",
      };
    });
  },
};

// zod exports `z` as a namespace object (`import * as z …; export { z }`), and @hono/zod-openapi passes it to
// extendZodWithOpenApi: either way esbuild must keep every export of zod. Imported as `import * as z from "zod"`
// and used as `z.object(…)`, the namespace is tree-shaken like any module. So, in the Worker build only, imports
// of `z` become namespace imports (the import of @hono/zod-openapi stays, for its side effect: `.openapi()`), and
// extendZodWithOpenApi gets the one thing it uses.
const Z_IMPORT = /import\s*\{([^}]*)\}\s*from\s*"(@hono\/zod-openapi|zod)";/g;
function namespaceZ(source: string): string {
  return source.replace(Z_IMPORT, (whole, names: string, from: string) => {
    const list = names
      .split(",")
      .map((n) => n.trim())
      .filter(Boolean);
    if (!list.includes("z")) return whole;
    const rest = list.filter((n) => n !== "z");
    const keep = rest.length
      ? `import { ${rest.join(", ")} } from "${from}";`
      : from === "zod"
        ? ""
        : `import "${from}";`;
    return `${keep} import * as z from "zod";`;
  });
}
// Route contracts and schemas carry their documentation as `description:` and `summary:` strings (createRoute,
// responses, .openapi({...})). The Worker validates requests with the schemas but never reads them: the document
// is built at build time from the untouched sources. In the route contracts, handlers and API schemas only, each plain string
// literal given to one of those keys becomes "" in the Worker bundle (template literals too, unless one nests
// another).
const DESCRIPTION = /((?:^|[\s{,])(?:description|summary):\s*)("(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`)/g;
// The route contracts, handlers and API schemas, and the editors' record schemas.
const OPENAPI_SOURCES =
  /\/src\/(openapi\/[\w-]+\.ts|platform\/http\/schemas\.ts|editor\/schemas\.ts|editor\/api\/[^/]+\.ts|editor\/tables\/tables\.api\.ts|(catalogue|retail)\/[^/]+\/(index|[\w-]+\.(routes|handlers|errors|schemas|serialise))\.ts)$/;
const openApiTextOmitted = (path: string, source: string) =>
  OPENAPI_SOURCES.test(path) ? source.replace(DESCRIPTION, '$1""') : source;

// The route manifest's on-demand groups (each `import("…")` in src/routes.ts) each import the public part (the app
// and the manifest, which the entry imports too) in the bundle. esbuild puts a module shared by several entries in
// a chunk per set of entries that use it: were each group to use its own subset of the public part, that part would
// be cut into a dozen chunks, each gzipped apart (+5 KiB gzip for every request); all using all of it, the public
// part stays a few chunks. Nothing runs twice: the entry has evaluated those modules before any group loads.
const MANIFEST = join(root, "src/routes.ts");
const groupEntries = new Set(
  [...readFileSync(MANIFEST, "utf8").matchAll(/import\("(\.\/[^"]+)"\)/g)].map((m) =>
    join(root, "src", m[1] ?? ""),
  ),
);
const publicPart = `\nimport ${JSON.stringify(join(root, "src/app.ts"))};\nimport ${JSON.stringify(MANIFEST)};\n`;

const zodNamespaceShakable: Plugin = {
  name: "zod-namespace-shakable",
  setup(b) {
    b.onLoad({ filter: /\/src\/.*\.tsx?$/ }, (args) => ({
      contents:
        openApiTextOmitted(args.path, namespaceZ(readFileSync(args.path, "utf8"))) +
        (groupEntries.has(args.path) ? publicPart : ""),
      loader: args.path.endsWith(".tsx") ? "tsx" : "ts",
    }));
    b.onLoad({ filter: /@hono\/zod-openapi\/dist\/index\.mjs$/ }, (args) => ({
      contents: namespaceZ(readFileSync(args.path, "utf8")).replace(
        "extendZodWithOpenApi(z);",
        "extendZodWithOpenApi({ ZodType: z.ZodType });",
      ),
      loader: "js",
    }));
  },
};

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

// drizzle-orm/sql/sql.js imports isPgEnum from pg-core/columns/enum.js, which pulls in the Postgres column classes
// (about 1 KiB gzip). A SQLite query never holds a Postgres enum, so in the Worker it is a function returning false.
const pgEnumOmitted = replaceModule(
  "drizzle-pg-enum-omitted",
  /\/pg-core\/columns\/enum\.js$/,
  /drizzle-orm\/sql\/sql\.js$/,
  "export function isPgEnum() { return false; }",
);

// drizzle's relational query API (`db.query.…`, built from `drizzle(d1, { schema })`) is not used: the catalogue's
// queries are SQL-like selects, and createDb passes no schema (so no relational config is built per request). The
// driver, the SQLite dialect and the database class still import it; in the Worker those imports get exports that
// throw if ever called (about 1.7 KiB gzip).
const drizzleRelationsOmitted: Plugin = {
  name: "drizzle-relations-omitted",
  setup(b) {
    const importers = /drizzle-orm\/(d1\/driver|sqlite-core\/dialect|sqlite-core\/db)\.js$/;
    const target = /^(\.\.\/relations|\.\/query-builders\/query)\.js$/;
    b.onResolve({ filter: target }, (args) =>
      importers.test(args.importer)
        ? { path: join(dirname(args.importer), args.path), namespace: "drizzle-omitted" }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "drizzle-omitted" }, (args) => {
      const names = [...readFileSync(args.path, "utf8").matchAll(/^export \{([^}]*)\}/gm)].flatMap((m) =>
        (m[1] ?? "")
          .split(",")
          .map((n) => n.trim())
          .filter(Boolean),
      );
      return {
        contents: [
          `const omitted = () => { throw new Error("drizzle's relational queries are not in the Worker bundle (scripts/build.ts)"); };`,
          ...names.map((n) => `export const ${n} = omitted;`),
        ].join("\n"),
        loader: "js",
      };
    });
  },
};

// sqliteTable accepts its columns as an object (as src/platform/db/schema.ts writes them) or as a function given every
// column builder; only the second needs all.js, which pulls in the blob, numeric and custom column types the
// schema never uses (about 1 KiB gzip). In the Worker the function form throws.
const drizzleColumnBuildersOmitted = replaceModule(
  "drizzle-column-builders-omitted",
  /^\.\/columns\/all\.js$/,
  /drizzle-orm\/sqlite-core\/table\.js$/,
  `export function getSQLiteColumnBuilders() { throw new Error("sqliteTable's function form is not in the Worker bundle (scripts/build.ts)"); }`,
);

// Hono's validator reads cookies for routes that validate them (a `cookie` target); no route here does. Its import of
// the cookie helper would put the helper in the chunk every request loads, though only the editors' sign-in uses
// it: the validator gets a stub, and the helper stays in the editor chunk (about 0.8 KiB gzip).
const validatorCookiesOmitted = replaceModule(
  "hono-validator-cookies-omitted",
  /^\.\.\/helper\/cookie\/index\.js$/,
  /hono\/dist\/validator\/validator\.js$/,
  `export function getCookie() { throw new Error("no route validates cookies (scripts/build.ts)"); }`,
);

// Hono's default router combines a RegExpRouter and a TrieRouter; its "tiny" preset (PatternRouter) is the same
// Hono with one small router, plenty for a few dozen plain routes. Tests run the default.
const honoTiny: Plugin = {
  name: "hono-tiny",
  setup(b) {
    b.onResolve({ filter: /^hono$/ }, () => ({ path: join(root, "node_modules/hono/dist/preset/tiny.js") }));
  },
};

// Chunk names carry a hash: a chunk left from an earlier build would be uploaded too (wrangler takes every file
// dist/chunks/ holds, wrangler.toml [[rules]]).
rmSync(`${dist}chunks`, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
const assetFile = join(root, "public", OPENAPI_ASSET);
mkdirSync(dirname(assetFile), { recursive: true });
// The OpenAPI document of /api/v1, generated from the routes exactly as `doc31` would at request time.
writeFileSync(assetFile, JSON.stringify(await openApiDocument()));
// The API docs page loads Scalar's renderer from public/vendor/ (fetched at a pinned version and hash).
vendorScalar();
const result = await build({
  ...common,
  // The benchmarks' Worker (bench/worker.ts: src/index.ts wrapped with a D1 delay and response floors) with
  // WORKER_DEV_TOOLS=1 (`npm run bench`, `bench:profile`); the deployable Worker otherwise.
  entryPoints: { worker: process.env.WORKER_DEV_TOOLS === "1" ? "bench/worker.ts" : "src/index.ts" },
  outdir: dist,
  // The route manifest's on-demand groups (src/routes.ts: the editors', each group of retailers' routes), imported
  // with import(), become chunks of their own; what they share with the public groups goes to shared chunks the
  // entry imports statically. scripts/budget.ts measures them apart.
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
  plugins: [
    zodNamespaceShakable,
    zodJsonSchemaOmitted,
    openApiRegistryOnly,
    honoTiny,
    pgEnumOmitted,
    drizzleRelationsOmitted,
    drizzleColumnBuildersOmitted,
    validatorCookiesOmitted,
  ],
});
writeFileSync(`${dist}meta.json`, JSON.stringify(result.metafile));
