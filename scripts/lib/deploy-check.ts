// What scripts/deploy.ts refuses to ship. Pure functions (no Node APIs), so the workerd tests check them too
// (test/ops/deploy.test.ts) and the dry run in `npm test` applies them to what wrangler would really upload.
import { isLocalHost } from "../../src/platform/config.ts";

/** Names that must only ever be secrets: a `[vars]` entry with one of these replaces the secret on deploy. */
export const SECRET_NAMES = ["CURSOR_SECRET"];

/** Problems with the public origin the deployment will serve (empty when it may be used). */
export function originProblems(origin: string | undefined): string[] {
  if (!origin) return ["--origin is required: the public origin, e.g. --origin https://cnnt.example.vn"];
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return [`--origin ${origin} is not a URL`];
  }
  const problems: string[] = [];
  if (url.protocol !== "https:") problems.push(`--origin ${origin} must be https://`);
  if (isLocalHost(url.hostname)) problems.push(`--origin ${origin} is a local address`);
  if (url.origin !== origin.replace(/\/+$/, ""))
    problems.push(`--origin ${origin} must be an origin only (no path)`);
  return problems;
}

/** Problems in wrangler.toml's text: development values or secrets that a deploy would upload. */
export function configFileProblems(toml: string, { real }: { real: boolean }): string[] {
  const problems: string[] = [];
  for (const name of [...SECRET_NAMES, "PUBLIC_ORIGIN"]) {
    if (new RegExp(`^\\s*${name}\\s*=`, "m").test(toml)) {
      problems.push(
        `wrangler.toml sets ${name}: remove it (a [vars] value replaces the deployed one on every deploy)`,
      );
    }
  }
  if (/local-development-/.test(toml)) problems.push("wrangler.toml holds a development secret");
  if (real && /database_id\s*=\s*"0{8}-0{4}-0{4}-0{4}-0{12}"/.test(toml)) {
    problems.push(
      "wrangler.toml still has the placeholder database_id: run `npx wrangler d1 create caobang-cnnt`",
    );
  }
  return problems;
}

/**
 * Problems in the bindings `wrangler deploy --dry-run` prints (its "Your Worker has access to" table): a secret's
 * name bound as a plain variable, or no PUBLIC_ORIGIN.
 */
export function bindingProblems(dryRunOutput: string): string[] {
  const vars = [...dryRunOutput.matchAll(/^env\.(\w+)\b.*Environment Variable\s*$/gm)].map((m) => m[1]);
  const problems = SECRET_NAMES.filter((n) => vars.includes(n)).map(
    (n) => `the upload binds ${n} as a plain variable, which would replace the secret`,
  );
  if (!/^env\.DB\b/m.test(dryRunOutput)) problems.push("the dry run printed no bindings (no env.DB)");
  else if (!vars.includes("PUBLIC_ORIGIN")) problems.push("the upload has no PUBLIC_ORIGIN");
  if (/local-development-/.test(dryRunOutput)) problems.push("the upload carries a development secret");
  return problems;
}
