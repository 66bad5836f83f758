// Lints the OpenAPI document the Worker serves with two tools no one here wrote, as an integrator would meet it:
// Redocly CLI (recommended rules, redocly.yaml) and Spectral (spectral:oas, .spectral.yaml). Fails on any error
// or warning from either, and on any response without an example. Run by `npm test`:
//
//   npm run lint:api
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openApiDocument } from "./lib/openapi.ts";

const root = new URL("..", import.meta.url).pathname;
const file = join(root, "dist/openapi.json");
const document = await openApiDocument();
mkdirSync(join(root, "dist"), { recursive: true });
writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);

const run = (bin: string, args: string[]) => {
  const r = spawnSync(join(root, "node_modules/.bin", bin), args, {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  if (r.error) throw r.error;
  return r.stdout;
};
const failures: string[] = [];

// Redocly: counts from its JSON report (it exits 0 on warnings, so the counts decide).
const redocly = JSON.parse(run("redocly", ["lint", file, "--format=json"])) as {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
};
for (const p of redocly.problems)
  failures.push(`redocly ${p.severity} ${p.ruleId}: ${p.message} (${p.location[0]?.pointer ?? ""})`);
console.log(
  `Redocly CLI (recommended): ${redocly.totals.errors} errors, ${redocly.totals.warnings} warnings`,
);

// Spectral: severities 0 error, 1 warning, 2 info, 3 hint.
const spectral = JSON.parse(
  run("spectral", ["lint", file, "--ruleset", join(root, ".spectral.yaml"), "--format", "json", "--quiet"]) ||
    "[]",
) as { code: string; severity: number; message: string; path: string[] }[];
const count = (s: number) => spectral.filter((p) => p.severity === s).length;
for (const p of spectral.filter((p) => p.severity <= 1))
  failures.push(`spectral ${p.severity ? "warning" : "error"} ${p.code}: ${p.message} (${p.path.join(".")})`);
console.log(`Spectral (spectral:oas): ${count(0)} errors, ${count(1)} warnings`);

// Every response body has an example (the linters check examples against their schemas, not that they exist).
type Op = {
  responses?: Record<string, { content?: Record<string, { example?: unknown; examples?: unknown }> }>;
};
const paths = (document.paths ?? {}) as Record<string, Record<string, Op>>;
let missing = 0;
for (const [path, item] of Object.entries(paths))
  for (const [method, op] of Object.entries(item))
    for (const [status, res] of Object.entries(op.responses ?? {}))
      for (const [type, media] of Object.entries(res.content ?? {}))
        if (media.example === undefined && media.examples === undefined) {
          missing++;
          failures.push(`no example: ${method.toUpperCase()} ${path} ${status} ${type}`);
        }
console.log(`Responses without an example: ${missing}`);

if (failures.length) {
  console.error(failures.join("\n"));
  process.exit(1);
}
