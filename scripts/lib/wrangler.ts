// Runs wrangler's D1 commands from scripts: local state by default (optionally in another --persist-to
// directory), the deployed database with --remote.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const ROOT = new URL("../../", import.meta.url).pathname;
const WRANGLER = join(ROOT, "node_modules/.bin/wrangler");

export interface Target {
  remote: boolean;
  persistTo?: string;
  /** The D1 binding in wrangler.toml. */
  binding: string;
}

/** Reads `--remote`, `--persist-to DIR` and `--binding NAME` from argv. */
export function targetFromArgs(args: string[]): Target {
  const value = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  return {
    remote: args.includes("--remote"),
    persistTo: value("--persist-to"),
    binding: value("--binding") ?? "DB",
  };
}

const where = (t: Target) => [
  t.remote ? "--remote" : "--local",
  ...(t.persistTo && !t.remote ? ["--persist-to", t.persistTo] : []),
];

function wrangler(args: string[]): string {
  const r = spawnSync(WRANGLER, args, {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 1 << 30,
    env: { ...process.env, CI: "1", WRANGLER_SEND_METRICS: "false" },
  });
  if (r.status !== 0) {
    throw new Error(`wrangler ${args.slice(0, 3).join(" ")} failed:\n${r.stderr || r.stdout}`);
  }
  return r.stdout;
}

/** Runs statements in one wrangler call and returns each statement's rows. */
export function d1Query(t: Target, sqls: string[]): Record<string, unknown>[][] {
  const dir = mkdtempSync(join(tmpdir(), "d1-query-"));
  try {
    const file = join(dir, "query.sql");
    writeFileSync(file, `${sqls.join(";\n")};\n`);
    const out = wrangler(["d1", "execute", t.binding, ...where(t), "--json", `--file=${file}`]);
    const results = JSON.parse(out.slice(out.indexOf("["))) as { results: Record<string, unknown>[] }[];
    if (results.length !== sqls.length) {
      throw new Error(`expected ${sqls.length} results from wrangler, got ${results.length}`);
    }
    return results.map((r) => r.results);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Executes a SQL file (no results needed). */
export function d1ExecuteFile(t: Target, file: string): void {
  wrangler(["d1", "execute", t.binding, ...where(t), "--json", `--file=${file}`]);
}

/** Applies the repository's migrations to the target. */
export function d1Migrate(t: Target): void {
  wrangler(["d1", "migrations", "apply", t.binding, ...where(t)]);
}
