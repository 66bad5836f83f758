// Puts Scalar's browser bundle (the API docs page's renderer, /api/docs) into public/vendor/scalar/standalone.js, so
// the page loads its script from this origin: no script from another host, and it works offline.
//
// The bundle is one file of the published package @scalar/api-reference, but installing that package brings its
// whole dependency tree (Vue, its AI chat, icon sets: 204 MB, and 64 EBADENGINE warnings on Node 20) for nothing
// the Worker or the scripts run. So the package is not a dependency: this script fetches its published tarball at
// a pinned version through npm itself (`npm pack`, which checks the registry's integrity hash), checks the
// tarball's SHA-256 against the one pinned here, and extracts that one file, whose SHA-256 is pinned too.
//
// public/vendor/ is git-ignored: 4.8 MB of minified third-party code would weigh on every clone and every
// upgrade's diff, and the pins make the fetched file exactly the reviewed one. When the file is already there with
// the pinned hash nothing is fetched (offline rebuilds work). The build (scripts/build.ts) calls this, so
// `wrangler dev`, `wrangler deploy` and every test that serves the Worker have it.
//
// To upgrade: change VERSION, run `npm run vendor -- --print-hashes`, review, and pin the two hashes it prints.
//
// Usage: node scripts/vendor.ts [--print-hashes]
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const PACKAGE = "@scalar/api-reference";
const VERSION = "1.76.0";
/** SHA-256 of the published tarball scalar-api-reference-1.76.0.tgz. */
const TARBALL_SHA256 = "f1821c173d387d3dd4722215b946ad9aec3610f177616f0a312e4eb159b9c378";
/** SHA-256 of package/dist/browser/standalone.js inside it. */
const FILE_SHA256 = "dcb027152bf20bf2f6dcd66e8f9fb073c1a9e274cf0b94b939a7d99ab8947060";
const FILE_IN_PACKAGE = "package/dist/browser/standalone.js";

const root = new URL("..", import.meta.url).pathname;
/** Where the page loads it from (src/platform/http/api-docs.ts): /vendor/scalar/standalone.js. */
export const SCALAR_FILE = join(root, "public/vendor/scalar/standalone.js");

const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

/** Ensures public/vendor/scalar/standalone.js is the pinned file, fetching it when it is missing or different. */
export function vendorScalar({ printHashes = false } = {}): void {
  if (!printHashes && existsSync(SCALAR_FILE) && sha256(SCALAR_FILE) === FILE_SHA256) return;
  const tmp = mkdtempSync(join(tmpdir(), "vendor-scalar-"));
  try {
    // npm verifies the registry's integrity (sha512) of what it downloads; the pins below make it this exact file.
    execFileSync("npm", ["pack", `${PACKAGE}@${VERSION}`, "--pack-destination", tmp, "--silent"], {
      stdio: ["ignore", "ignore", "inherit"],
    });
    const tarball = readdirSync(tmp).find((f) => f.endsWith(".tgz"));
    if (!tarball) throw new Error(`npm pack ${PACKAGE}@${VERSION} wrote no tarball`);
    const tarballHash = sha256(join(tmp, tarball));
    execFileSync("tar", ["-xzf", join(tmp, tarball), "-C", tmp, FILE_IN_PACKAGE]);
    const extracted = join(tmp, FILE_IN_PACKAGE);
    const fileHash = sha256(extracted);
    if (printHashes) {
      console.log(`TARBALL_SHA256 = "${tarballHash}"\nFILE_SHA256 = "${fileHash}"`);
      return;
    }
    if (tarballHash !== TARBALL_SHA256)
      throw new Error(`${tarball}: SHA-256 ${tarballHash}, pinned ${TARBALL_SHA256} (scripts/vendor.ts)`);
    if (fileHash !== FILE_SHA256)
      throw new Error(`${FILE_IN_PACKAGE}: SHA-256 ${fileHash}, pinned ${FILE_SHA256} (scripts/vendor.ts)`);
    mkdirSync(join(root, "public/vendor/scalar"), { recursive: true });
    copyFileSync(extracted, SCALAR_FILE);
    console.log(`vendor: ${PACKAGE}@${VERSION} standalone.js → public/vendor/scalar/ (SHA-256 checked)`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname))
  vendorScalar({ printHashes: process.argv.includes("--print-hashes") });
