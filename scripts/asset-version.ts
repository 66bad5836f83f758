// Versions the static files: hashes public/ (css, img, favicon), writes the hash to src/ui/assets.ts
// (pages link to /css/site.css?v=<hash>) and into the url(...?v=) references inside the CSS. Static files are
// served with a one-year immutable Cache-Control (public/_headers), so every change must change their URLs.
// `npm run assets:version` after editing public/; `--check` exits 1 when the recorded version is stale.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const root = new URL("../", import.meta.url).pathname;
const pub = join(root, "public");
const versionFile = join(root, "src/ui/assets.ts");
const css = join(pub, "css/site.css");
const VERSION_REF = /\?v=[\w-]+/g;

function files(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : [path];
    })
    .sort();
}

/** The hash of public/'s versioned files, ignoring the ?v= references themselves. */
export function assetHash(): string {
  const h = createHash("sha256");
  const versioned = [...files(join(pub, "css")), ...files(join(pub, "img"))];
  for (const path of [...versioned, join(pub, "favicon.svg")]) {
    h.update(relative(pub, path));
    h.update(
      path.endsWith(".png") ? readFileSync(path) : readFileSync(path, "utf8").replace(VERSION_REF, ""),
    );
  }
  return h.digest("hex").slice(0, 10);
}

const recorded = () => /ASSET_VERSION = "([\w-]+)"/.exec(readFileSync(versionFile, "utf8"))?.[1];

if (import.meta.url === `file://${process.argv[1]}`) {
  const hash = assetHash();
  if (process.argv.includes("--check")) {
    if (recorded() !== hash) {
      console.error(
        `src/ui/assets.ts has ${recorded()}, public/ hashes to ${hash}: run npm run assets:version`,
      );
      process.exit(1);
    }
  } else {
    writeFileSync(
      versionFile,
      readFileSync(versionFile, "utf8").replace(/ASSET_VERSION = "[\w-]+"/, `ASSET_VERSION = "${hash}"`),
    );
    writeFileSync(css, readFileSync(css, "utf8").replace(VERSION_REF, `?v=${hash}`));
    console.log(`asset version ${hash}`);
  }
}
