// Local values of the Worker's secrets and variables: `.dev.vars` (git-ignored), which `wrangler dev` reads.
// wrangler.toml holds none, so that `wrangler deploy` can never ship a development secret (src/platform/config.ts refuses
// one on a public host anyway).
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DEV_SECRET_PREFIX } from "../../src/platform/config.ts";
import { ROOT } from "./wrangler.ts";

export const DEV_VARS = join(ROOT, ".dev.vars");

/** Parses `.dev.vars` (dotenv: `NAME=value` lines, optional quotes, `#` comments). */
export function readDevVars(file = DEV_VARS): Record<string, string> {
  if (!existsSync(file)) return {};
  const vars: Record<string, string> = {};
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const m = /^\s*([A-Za-z_]\w*)\s*=\s*(.*?)\s*$/.exec(line);
    if (m?.[1]) vars[m[1]] = (m[2] ?? "").replace(/^(["'])(.*)\1$/, "$2");
  }
  return vars;
}

/**
 * Makes sure `.dev.vars` holds CURSOR_SECRET (a random development value, refused on public hosts), BACKUP_SECRET
 * (signs local backups; scripts/lib/backup-secrets.ts) and PUBLIC_ORIGIN (this machine), adding whichever is
 * missing; never changes a value already there.
 * Returns the values in effect.
 */
export function ensureDevVars(file = DEV_VARS): Record<string, string> {
  const vars = readDevVars(file);
  const missing: string[] = [];
  if (!vars.CURSOR_SECRET)
    missing.push(`CURSOR_SECRET=${DEV_SECRET_PREFIX}${randomBytes(24).toString("hex")}`);
  if (!vars.BACKUP_SECRET)
    missing.push(`BACKUP_SECRET=${DEV_SECRET_PREFIX}${randomBytes(24).toString("hex")}`);
  if (!vars.PUBLIC_ORIGIN) missing.push("PUBLIC_ORIGIN=http://localhost:8787");
  if (missing.length) {
    const before = existsSync(file) ? readFileSync(file, "utf8") : "";
    const head = before
      ? before.endsWith("\n")
        ? before
        : `${before}\n`
      : "# Local values for wrangler dev (git-ignored; written by scripts/dev-vars.ts). Never deployed.\n";
    writeFileSync(file, `${head}${missing.join("\n")}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return readDevVars(file);
}
