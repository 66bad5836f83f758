// `npm run deploy`: the one way to deploy, which cannot ship the development values.
//
//   npm run deploy -- --origin https://cnnt.example.vn --dry-run     build and check only (run by npm test)
//   npm run deploy -- --origin https://cnnt.example.vn --new-secret  first deploy: generates CURSOR_SECRET
//   npm run deploy -- --origin https://cnnt.example.vn [--seed]      migrations (+ seed), then the Worker
//
// It refuses a local or non-https origin, a wrangler.toml that sets a secret or a development value, and a
// Worker without CURSOR_SECRET; PUBLIC_ORIGIN is passed with `--var` (never stored in wrangler.toml); after
// deploying it asks the origin for a page and fails unless it is served (the Worker itself refuses to serve
// with an unsafe configuration, src/platform/config.ts).
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bindingProblems, configFileProblems, originProblems } from "./lib/deploy-check.ts";
import { ROOT } from "./lib/wrangler.ts";

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const value = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const origin = value("--origin")?.replace(/\/+$/, "");
const dryRun = flag("--dry-run");

function fail(problems: string[]): never {
  console.error(`deploy refused:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  process.exit(1);
}

function wrangler(wargs: string[], input?: string): string {
  console.log(`$ wrangler ${wargs.filter((a) => !a.startsWith("PUBLIC_ORIGIN:")).join(" ")}`);
  const r = spawnSync(join(ROOT, "node_modules/.bin/wrangler"), wargs, {
    cwd: ROOT,
    encoding: "utf8",
    input,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  const out = `${r.stdout}${r.stderr}`;
  if (r.status !== 0) fail([`wrangler ${wargs[0]} failed:\n${out}`]);
  return out;
}

const problems = [
  ...originProblems(origin),
  ...configFileProblems(readFileSync(join(ROOT, "wrangler.toml"), "utf8"), { real: !dryRun }),
];
if (problems.length) fail(problems);
const originVar = `PUBLIC_ORIGIN:${origin}`;

if (dryRun) {
  const out = mkdtempSync(join(tmpdir(), "caobang-deploy-"));
  try {
    const printed = wrangler(["deploy", "--dry-run", "--outdir", out, "--var", originVar]);
    const found = bindingProblems(printed);
    if (found.length) fail(found);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  console.log(`deploy --dry-run: the upload binds PUBLIC_ORIGIN=${origin} and no secret as a variable`);
  process.exit(0);
}

const secrets = JSON.parse(wrangler(["secret", "list", "--format", "json"]).replace(/^[^[]*/s, "")) as {
  name: string;
}[];
if (!secrets.some((s) => s.name === "CURSOR_SECRET")) {
  if (!flag("--new-secret")) {
    fail([
      "the Worker has no CURSOR_SECRET: pass --new-secret to generate one, or `openssl rand -hex 32 | npx wrangler secret put CURSOR_SECRET`",
    ]);
  }
  wrangler(["secret", "put", "CURSOR_SECRET"], randomBytes(32).toString("hex"));
}
wrangler(["d1", "migrations", "apply", "DB", "--remote"]);
if (flag("--seed")) wrangler(["d1", "execute", "DB", "--remote", "--file=seed/seed.sql"]);
wrangler(["deploy", "--var", originVar]);

// The Worker serves nothing while its configuration is unsafe: make that visible now, not to the first visitor.
const res = await fetch(`${origin}/api/v1/channels`);
if (!res.ok)
  fail([`${origin}/api/v1/channels answered ${res.status} after the deploy; see \`npx wrangler tail\``]);
console.log(`deployed: ${origin} serves`);
