// Builds what the package ships (dist/): the client as one ES module with openapi-fetch bundled in, so an install
// needs no other package, and its declarations for TypeScript under any resolution (NodeNext, Bundler):
//
//   npm run -w @caobang-cnnt/client build      (also run by `npm pack`, through prepack)
//
// The declarations of openapi-fetch and openapi-typescript-helpers, which the client's types name (`Client<paths>`),
// travel with it as published, under dist/vendor/ with their licences; only the specifiers that named them as
// packages now name the copies beside them.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");
const require = createRequire(import.meta.url);
/** A published package's folder (its package.json's), found the way Node finds it from here. */
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

rmSync(dist, { recursive: true, force: true });

// One module: Node 20 and 22 run it as it is, bundlers take it as ES; no top-level await, no Node built-ins.
await build({
  entryPoints: [join(here, "src/index.ts")],
  outfile: join(dist, "index.js"),
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  legalComments: "inline",
  logLevel: "warning",
});

const tsc = spawnSync(
  process.execPath,
  [require.resolve("typescript/bin/tsc"), "-p", join(here, "tsconfig.build.json")],
  { stdio: "inherit" },
);
if (tsc.status !== 0) throw new Error("tsc failed: the declarations were not written");
copyFileSync(join(here, "src/schema.d.ts"), join(dist, "schema.d.ts"));

const vendor = join(dist, "vendor");
mkdirSync(vendor);
const VENDORED: Record<string, string> = {
  "openapi-fetch": "./vendor/openapi-fetch.js",
  "openapi-typescript-helpers": "./vendor/openapi-typescript-helpers.js",
};
/** Points `from "<package>"` at the vendored copy, relative to `fromDir` (dist or dist/vendor). */
const repoint = (text: string, fromVendor: boolean) =>
  text.replace(/from (["'])(openapi-fetch|openapi-typescript-helpers)\1/g, (_, q: string, name: string) => {
    const target = VENDORED[name] as string;
    return `from ${q}${fromVendor ? target.replace("./vendor/", "./") : target}${q}`;
  });
for (const name of Object.keys(VENDORED)) {
  const dir = packageDir(name);
  const published = readFileSync(join(dir, "dist/index.d.mts"), "utf8");
  writeFileSync(join(vendor, `${name}.d.ts`), repoint(published, true));
  copyFileSync(join(dir, "LICENSE"), join(vendor, `${name}.LICENSE`));
}
// tsc keeps the sources' `./webhooks.ts` in declarations; the shipped files are .js / .d.ts.
for (const file of ["index.d.ts", "webhooks.d.ts"]) {
  const path = join(dist, file);
  const text = repoint(readFileSync(path, "utf8"), false).replace(
    /(from |import\()(["'])(\.{1,2}\/[^"']+)\.ts\2/g,
    "$1$2$3.js$2",
  );
  const outside = /(?:from |import\()["'](?!\.)([^"']+)/.exec(text);
  if (outside) throw new Error(`${file} names ${outside[1]}, which the tarball does not carry`);
  writeFileSync(path, text);
}
