// Bundle budget, checked by `npm test`: the deployable Worker — what `wrangler deploy --dry-run --outdir` writes,
// built by scripts/build.ts — must stay within 100 KiB gzip. Prints the size either way.
//
// To see what takes the space: `node scripts/build.ts --metafile` writes dist/meta.json (esbuild's metafile;
// load it at esbuild.github.io/analyze or sum `outputs[*].inputs[*].bytesInOutput` by package).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

/**
 * The budget, in KiB of gzip-compressed Worker modules. 100 KiB held release 1; the response cache (issue 14) and
 * provenance on every output (issue 10) came to 100.5 KiB after everything trimmable was trimmed; the editors'
 * pages, admin API contracts, import and photos (issue 12) add about 25 KiB, so 126. The public Worker's own share
 * is no longer measured apart: the next step is the editor routes as a second Worker (or entry) on the same D1 and
 * R2, so that shoppers and retailers load only what they use.
 */
const BUDGET_KIB = 126;

const root = new URL("..", import.meta.url).pathname;
const outdir = mkdtempSync(join(tmpdir(), "worker-bundle-"));
try {
  // wrangler refuses a missing assets directory; on a fresh clone public/ may hold only git-ignored files.
  mkdirSync(join(root, "public"), { recursive: true });
  execFileSync("npx", ["wrangler", "deploy", "--dry-run", "--outdir", outdir], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const modules = readdirSync(outdir, { recursive: true, encoding: "utf8" }).filter((f) =>
    /\.(m?js|wasm)$/.test(f),
  );
  let raw = 0;
  let gzip = 0;
  for (const f of modules) {
    const bytes = readFileSync(join(outdir, f));
    raw += bytes.length;
    gzip += gzipSync(bytes).length;
  }
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  const line = `Worker bundle: ${kib(gzip)} gzip (${kib(raw)} minified, ${modules.length} module(s)); budget ${BUDGET_KIB} KiB gzip`;
  if (modules.length === 0) {
    console.error("bundle budget: wrangler wrote no Worker module to the --outdir");
    process.exit(1);
  }
  if (gzip > BUDGET_KIB * 1024) {
    console.error(`✘ ${line} — over by ${kib(gzip - BUDGET_KIB * 1024)}.`);
    console.error(
      "  Find what grew with `node scripts/build.ts --metafile` (dist/meta.json); see scripts/build.ts for what is trimmed.",
    );
    process.exit(1);
  }
  console.log(`✓ ${line} — ${kib(BUDGET_KIB * 1024 - gzip)} to spare.`);
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
