// Operator commands for retailer API keys (run through npm so Node 22 and wrangler are on the PATH):
//   npm run key:create -- --channel aeon [--name "AEON price sync"] [--remote]
//   npm run key:list [-- --remote]
//   npm run key:revoke -- --prefix cnnt_1a2b3c4d [--remote]
// Each runs one SQL statement through `wrangler d1 execute DB --local|--remote`. A new key is printed once; only
// its SHA-256 and its visible prefix are stored. `--persist-to DIR` selects a local state directory.
import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import { generateApiKey } from "../src/platform/http/api-key.ts";

const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({
  args: rest,
  options: {
    channel: { type: "string" },
    name: { type: "string" },
    prefix: { type: "string" },
    remote: { type: "boolean", default: false },
    "persist-to": { type: "string" },
  },
});

const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;

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

if (command === "create") {
  const channel = values.channel ?? fail("key:create needs --channel <slug> (see GET /api/v1/channels)");
  if (!/^[a-z0-9-]{1,120}$/.test(channel)) fail(`not a channel slug: ${channel}`);
  const name = values.name ?? `${channel} integration`;
  const { key, prefix, hash } = await generateApiKey();
  const rows = d1(
    `INSERT INTO api_keys (channel_id, name, prefix, hash) SELECT id, ${literal(name)}, ${literal(prefix)}, ${literal(hash)} FROM channels WHERE slug = ${literal(channel)} RETURNING id`,
  );
  if (!rows.length) fail(`No channel '${channel}' in the ${where} database.`);
  console.log(`Created key #${rows[0]?.id} for channel '${channel}' (${where}) — name: ${name}`);
  console.log("Store it now; it is not shown again and cannot be recovered:\n");
  console.log(key);
} else if (command === "list") {
  const rows = d1(
    "SELECT k.id, c.slug AS channel, k.name, k.prefix, k.created_at, k.last_used_at, k.revoked_at FROM api_keys k JOIN channels c ON c.id = k.channel_id ORDER BY k.id",
  );
  if (!rows.length) console.log(`No API keys in the ${where} database.`);
  else console.table(rows);
} else if (command === "revoke") {
  const prefix = values.prefix ?? fail("key:revoke needs --prefix cnnt_xxxxxxxx (see key:list)");
  const rows = d1(
    `UPDATE api_keys SET revoked_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE prefix = ${literal(prefix)} AND revoked_at IS NULL RETURNING id`,
  );
  if (!rows.length) fail(`No active key with prefix '${prefix}' in the ${where} database.`);
  console.log(`Revoked key #${rows[0]?.id} (${prefix}); it is refused from now on.`);
} else {
  fail("usage: node scripts/keys.ts create|list|revoke [options] (see the comment at the top)");
}
