// Copies third-party browser files from node_modules into public/vendor (git-ignored), so that the API docs
// load their script from this origin: no scripts from other hosts, and it works offline.
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";

const scalarDir = new URL("../node_modules/@scalar/api-reference/", import.meta.url).pathname;
const out = new URL("../public/vendor/scalar/", import.meta.url).pathname;
mkdirSync(out, { recursive: true });
copyFileSync(join(scalarDir, "dist/browser/standalone.js"), join(out, "standalone.js"));
