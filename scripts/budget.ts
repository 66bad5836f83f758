// Bundle budgets, checked by `npm test`: the deployable Worker as `wrangler deploy --dry-run --outdir` writes it
// (built by scripts/build.ts), measured in two parts, each in gzip:
//
// - public: the entry module and every chunk it imports statically — what every isolate serving shoppers and
//   retailers loads and runs, and the largest public request: that plus the largest part one request loads on demand
//   (a page language's text, a group of retailers' routes of the manifest, src/routes.ts). Budget 100 KiB each.
// - editor: the chunks loaded only by `import()` (the editors' group, src/editor/index.ts) and what they import that the
//   public part does not — loaded and run only when an editor path is requested. Budget EDITOR_BUDGET_KIB.
//
// Which chunk imports which, and how, comes from esbuild's metafile (dist/meta.json, written by every build); the
// sizes from the files wrangler would upload, which must be exactly the metafile's outputs.
//
// Usage: node scripts/budget.ts [--modules]   (--modules: what each source module and package costs, per part)
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";

/**
 * What shoppers and retailers load, in KiB gzip: 100 since release 1. The editors' code (issue 12) is not in it
 * (src/index.ts loads it on demand), nor the queue consumer (loaded by queue() and the cron). Webhooks (issue 13)
 * and the catalogue's growth took the largest request to 106.8; since then a retailer's listings, the full feeds
 * and the webhook routes are loaded on demand too, each by its path (src/retail-apps/): static 92.1, the largest
 * request (a webhook call) 99.1.
 */
const PUBLIC_BUDGET_KIB = 100;
/**
 * What only editor paths load, in KiB gzip: their pages, API contracts, import, photos and sign-in came to 24.2 KiB;
 * the rest of the catalogue's screens (channels, listings, support projects, programme figures), people, Vietnamese
 * field errors and the token-in-the-first-batch wrapper added 15, so 40, then 41. Since the retailers' routes load on
 * demand (src/retail-apps/), three small modules the editor app shares with them (the API key format, the listing
 * ETag, zod's coercion) are no longer in the public part, so they count here (+0.7): 42. An editor request loads
 * less than before all the same (the public part fell by 9 KiB). Shoppers and retailers never load it.
 */
const EDITOR_BUDGET_KIB = 42;
/** The module the route manifest (src/routes.ts) loads for editor paths. */
const EDITOR_ENTRY = "src/editor/index.ts";

interface Metafile {
  outputs: Record<
    string,
    {
      bytes: number;
      entryPoint?: string;
      imports: { path: string; kind: string; external?: boolean }[];
      inputs: Record<string, { bytesInOutput: number }>;
    }
  >;
}

const root = new URL("..", import.meta.url).pathname;
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

/** The outputs reachable from `from` through static imports only. */
function staticClosure(meta: Metafile, from: string[]): Set<string> {
  const seen = new Set<string>();
  const todo = [...from];
  while (todo.length) {
    const out = todo.pop() as string;
    if (seen.has(out)) continue;
    seen.add(out);
    for (const i of meta.outputs[out]?.imports ?? [])
      if (!i.external && i.kind === "import-statement") todo.push(i.path);
  }
  return seen;
}

/** Source module or package an input belongs to, for the --modules table. */
const groupOf = (input: string) =>
  input.startsWith("src/") ? input : input.replace(/^node_modules\/((?:@[^/]+\/)?[^/]+).*/, "$1");

const outdir = mkdtempSync(join(tmpdir(), "worker-bundle-"));
try {
  // wrangler refuses a missing assets directory; on a fresh clone public/ may hold only git-ignored files.
  mkdirSync(join(root, "public"), { recursive: true });
  execFileSync("npx", ["wrangler", "deploy", "--dry-run", "--outdir", outdir], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const uploaded = readdirSync(outdir, { recursive: true, encoding: "utf8" }).filter((f) =>
    /\.(m?js|wasm)$/.test(f),
  );
  // The dry run ran the build: its metafile names the same files, relative to dist/.
  const meta = JSON.parse(readFileSync(join(root, "dist/meta.json"), "utf8")) as Metafile;
  const rel = (out: string) => relative("dist", out);
  const built = Object.keys(meta.outputs).filter((o) => !o.endsWith(".map"));
  const missing = built.filter((o) => !uploaded.includes(rel(o)));
  const unknown = uploaded.filter((f) => !built.some((o) => rel(o) === f));
  if (missing.length || unknown.length) {
    console.error(
      `bundle budget: the upload and the build differ — not uploaded: ${missing.join(", ") || "none"}; not built: ${unknown.join(", ") || "none"} (wrangler.toml rules?)`,
    );
    process.exit(1);
  }
  // The entry is wrangler.toml's `main` (dist/worker.js); import() targets are entry points to esbuild too.
  const lazy = built.filter((o) =>
    built.some((from) =>
      meta.outputs[from]?.imports.some((i) => i.path === o && i.kind === "dynamic-import"),
    ),
  );
  const entry = built.filter((o) => meta.outputs[o]?.entryPoint && !lazy.includes(o));
  if (entry.length !== 1) {
    console.error(`bundle budget: expected one entry module, found ${entry.join(", ") || "none"}`);
    process.exit(1);
  }
  const publicPart = staticClosure(meta, entry);
  const partOf = (o: string) => new Set([...staticClosure(meta, [o])].filter((x) => !publicPart.has(x)));
  const editorPart = new Set(
    lazy.filter((o) => meta.outputs[o]?.entryPoint === EDITOR_ENTRY).flatMap((o) => [...partOf(o)]),
  );
  // Loaded on demand by public requests: each page language's interface text (src/ui/i18n/index.ts), each group
  // of retailers' routes (src/routes.ts) and the queue consumer (src/retail/webhooks/queue.ts).
  const onDemand = lazy
    .filter((o) => meta.outputs[o]?.entryPoint !== EDITOR_ENTRY)
    .map((o) => ({ name: meta.outputs[o]?.entryPoint ?? o, outs: partOf(o) }));
  const stray = built.filter(
    (o) => !publicPart.has(o) && !editorPart.has(o) && !onDemand.some((d) => d.outs.has(o)),
  );

  const gzipOf = (out: string) => gzipSync(readFileSync(join(outdir, rel(out)))).length;
  const size = (outs: Iterable<string>) => {
    let raw = 0;
    let gzip = 0;
    for (const o of outs) {
      raw += meta.outputs[o]?.bytes ?? 0;
      gzip += gzipOf(o);
    }
    return { raw, gzip };
  };
  // The most a public request loads: the static part and the largest part it may import on demand.
  const largest = onDemand.map((d) => ({ ...d, gzip: size(d.outs).gzip })).sort((a, b) => b.gzip - a.gzip)[0];
  let failed = false;
  const parts = [
    {
      name: "Public Worker, static (every shopper and retailer request)",
      outs: publicPart,
      budget: PUBLIC_BUDGET_KIB,
      table: true,
    },
    ...(largest
      ? [
          {
            name: `Public Worker, largest request (static + ${largest.name}, loaded on demand)`,
            outs: new Set([...publicPart, ...largest.outs]),
            budget: PUBLIC_BUDGET_KIB,
            table: false,
          },
        ]
      : []),
    { name: "Editor chunks (loaded on demand)", outs: editorPart, budget: EDITOR_BUDGET_KIB, table: true },
  ];
  for (const d of onDemand) {
    const { raw, gzip } = size(d.outs);
    console.log(`  on demand: ${d.name}: ${kib(gzip)} gzip (${kib(raw)} minified)`);
  }
  for (const part of parts) {
    const { raw, gzip } = size(part.outs);
    const line = `${part.name}: ${kib(gzip)} gzip (${kib(raw)} minified, ${part.outs.size} module(s)); budget ${part.budget} KiB gzip`;
    if (gzip > part.budget * 1024) {
      failed = true;
      console.error(`✘ ${line} — over by ${kib(gzip - part.budget * 1024)}.`);
    } else console.log(`✓ ${line} — ${kib(part.budget * 1024 - gzip)} to spare.`);

    if (part.table && process.argv.includes("--modules")) {
      // Each module's share of its chunk's gzip size, in proportion to its minified bytes (an estimate: gzip
      // does not add up per module).
      const rows = new Map<string, { raw: number; gzip: number }>();
      for (const o of part.outs) {
        const out = meta.outputs[o];
        if (!out) continue;
        const ratio = gzipOf(o) / out.bytes;
        for (const [input, { bytesInOutput }] of Object.entries(out.inputs)) {
          const row = rows.get(groupOf(input)) ?? { raw: 0, gzip: 0 };
          row.raw += bytesInOutput;
          row.gzip += bytesInOutput * ratio;
          rows.set(groupOf(input), row);
        }
      }
      for (const [group, r] of [...rows].sort((a, b) => b[1].raw - a[1].raw).filter(([, r]) => r.raw >= 500))
        console.log(`  ${kib(r.raw).padStart(10)} ${`~${kib(r.gzip)}`.padStart(11)} gz  ${group}`);
    }
  }
  if (stray.length) {
    failed = true;
    console.error(`✘ modules neither part loads: ${stray.join(", ")}`);
  }
  if (failed) {
    console.error(
      "  Find what grew with `npm run budget -- --modules` (esbuild's metafile, dist/meta.json); see scripts/build.ts for what is trimmed.",
    );
    process.exit(1);
  }
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
