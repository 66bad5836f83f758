// Operator commands for retailer API keys (run through npm so Node 22 and wrangler are on the PATH):
//   npm run key:create -- --channel aeon [--name "AEON price sync"] [--scopes listings,webhooks|read]
//                         [--expires 2027-06-30 | --expires-in-days 90] [--remote]
//   npm run key:list [-- --channel aeon] [--remote]
//   npm run key:revoke -- --prefix cnnt_1a2b3c4d [--remote]
// Each runs one SQL statement through `wrangler d1 execute DB --local|--remote`. A new key is printed once; only
// its SHA-256 and its visible prefix are stored. `--scopes` is what the key may do (docs/retailers.md, "Keys"):
// `listings` (write the channel's listings), `webhooks` (manage its webhook endpoints), `read` (neither: read its
// endpoints and deliveries); default both writes. An expired key is refused like a revoked one. `--persist-to DIR`
// selects a local state directory.
import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import type { SQL } from "drizzle-orm";
import { keyExpiry, keyInputReason, keyName, keyScopes } from "../src/domain/api-keys.ts";
import { insertKeyQuery, listKeysQuery, revokeKeyQuery } from "../src/platform/db/api-keys.ts";
import { compile } from "../src/platform/db/sql.ts";
import { generateApiKey } from "../src/platform/http/api-key.ts";

const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({
  args: rest,
  options: {
    channel: { type: "string" },
    name: { type: "string" },
    prefix: { type: "string" },
    scopes: { type: "string", default: "listings,webhooks" },
    expires: { type: "string" },
    "expires-in-days": { type: "string" },
    remote: { type: "boolean", default: false },
    "persist-to": { type: "string" },
  },
});

const literal = (s: string | null) => (s === null ? "NULL" : `'${s.replaceAll("'", "''")}'`);
/** A statement of src/platform/db/api-keys.ts with its parameters (`?`, in order) written in as SQL literals. */
function inline(query: SQL) {
  const { sql, params } = compile(query);
  let next = 0;
  return sql.replace(/\?/g, () => literal((params[next++] ?? null) as string | null));
}

function d1(sql: string): Record<string, unknown>[] {
  const args = [
    "wrangler",
    "d1",
    "execute",
    "DB",
    values.remote ? "--remote" : "--local",
    "--json",
    "--command",
    sql,
  ];
  if (values["persist-to"]) args.push("--persist-to", values["persist-to"]);
  const out = execFileSync("npx", args, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  const parsed = JSON.parse(out) as { results: Record<string, unknown>[] }[];
  return parsed.flatMap((r) => r.results);
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const where = values.remote ? "remote" : "local";

/** The instant a new key expires (ISO, UTC), from a date or a number of days; none: it does not expire. */
function expiry(date: string | undefined, days: string | undefined): string | null {
  if (date && days) fail("give --expires or --expires-in-days, not both");
  if (days) {
    if (!/^[1-9][0-9]{0,4}$/.test(days)) fail(`--expires-in-days takes a whole number of days, not ${days}`);
    return new Date(Date.now() + Number(days) * 86_400_000).toISOString();
  }
  const checked = keyExpiry(date ?? "");
  if ("error" in checked) fail(`--expires: ${keyInputReason(checked.error)}`);
  return checked.expiresAt;
}

if (command === "create") {
  const channel = values.channel ?? fail("key:create needs --channel <slug> (see GET /api/v1/channels)");
  if (!/^[a-z0-9-]{1,120}$/.test(channel)) fail(`not a channel slug: ${channel}`);
  const named = keyName(values.name ?? "", channel);
  if ("error" in named) fail(`--name: ${keyInputReason(named.error)}`);
  const { name } = named;
  const checked = keyScopes(values.scopes.split(/[\s,]+/));
  if ("error" in checked) fail(`--scopes: ${keyInputReason(checked.error)}`);
  const { scopes } = checked;
  const expiresAt = expiry(values.expires, values["expires-in-days"]);
  const { key, prefix, hash } = await generateApiKey();
  const rows = d1(inline(insertKeyQuery({ channel, name, prefix, hash, scopes, expiresAt })));
  if (!rows.length) fail(`No channel '${channel}' in the ${where} database.`);
  console.log(
    `Created key #${rows[0]?.id} for channel '${channel}' (${where}) — name: ${name}; scopes: ${scopes.join(" ")}; expires: ${expiresAt ?? "never"}`,
  );
  console.log("Store it now; it is not shown again and cannot be recovered:\n");
  console.log(key);
} else if (command === "list") {
  const rows = d1(inline(listKeysQuery(values.channel ?? null)));
  if (!rows.length) console.log(`No API keys in the ${where} database.`);
  else console.table(rows);
} else if (command === "revoke") {
  const prefix = values.prefix ?? fail("key:revoke needs --prefix cnnt_xxxxxxxx (see key:list)");
  const rows = d1(inline(revokeKeyQuery(prefix)));
  if (!rows.length) fail(`No active key with prefix '${prefix}' in the ${where} database.`);
  console.log(`Revoked key #${rows[0]?.id} (${prefix}); it is refused from now on.`);
} else {
  fail("usage: node scripts/keys.ts create|list|revoke [options] (see the comment at the top)");
}
