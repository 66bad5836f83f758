// Operator commands for editor accounts (run through npm so Node 22 and wrangler are on the PATH):
//   npm run editor:create -- --email an@example.vn --role publisher [--name "Nguyễn An"] [--remote]
//   npm run editor:token -- --email an@example.vn [--name "import script"] [--remote]
//   npm run editor:revoke-token -- --prefix cnnted_1a2b3c4d [--remote]
//   npm run editor:list [-- --remote]
// editor:create prints a one-time password (the editor signs in at /quan-tri/dang-nhap); editor:token prints an
// API token for scripts (Authorization: Bearer cnnted_…). Both are shown once; only hashes are stored.
// `--persist-to DIR` selects a local state directory (as for the other operator scripts).
import { parseArgs } from "node:util";
import {
  generateEditorToken,
  hashPassword,
  PBKDF2_MAX_ITERATIONS,
  randomToken,
} from "../src/editor/auth/crypto.ts";
import { d1Query, type Target } from "./lib/wrangler.ts";

const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({
  args: rest,
  options: {
    email: { type: "string" },
    role: { type: "string", default: "editor" },
    name: { type: "string" },
    prefix: { type: "string" },
    remote: { type: "boolean", default: false },
    "persist-to": { type: "string" },
  },
});
const target: Target = { remote: values.remote ?? false, persistTo: values["persist-to"], binding: "DB" };
const where = target.remote ? "remote" : "local";
const literal = (s: string | null) => (s === null ? "NULL" : `'${s.replaceAll("'", "''")}'`);
const query = (sql: string) => d1Query(target, [sql])[0] ?? [];

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}
const email = () => {
  const e = (values.email ?? fail(`editor:${command} needs --email <address>`)).trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e) || e.length > 254) fail(`not an email address: ${e}`);
  return e;
};

if (command === "create") {
  const role = values.role;
  if (role !== "editor" && role !== "publisher") fail("--role must be editor or publisher");
  const address = email();
  const password = randomToken(15);
  const hash = await hashPassword(password);
  if (Number(hash.split("$")[1]) > PBKDF2_MAX_ITERATIONS)
    fail("refusing a hash production Workers cannot verify");
  const rows = query(
    `INSERT INTO editors (email, name, role, password_hash, must_change_password) VALUES (${literal(address)}, ${literal(values.name ?? null)}, ${literal(role)}, ${literal(hash)}, 1) ON CONFLICT(email) DO NOTHING RETURNING id`,
  );
  if (!rows.length) fail(`An editor ${address} already exists in the ${where} database.`);
  console.log(
    `Created ${role} #${rows[0]?.id} ${address} (${where}). Sign in at /quan-tri/dang-nhap with this one-time password (the first sign-in asks for a new one);`,
  );
  console.log("it is shown once and cannot be recovered:\n");
  console.log(password);
} else if (command === "token") {
  const address = email();
  const { token, prefix, hash } = await generateEditorToken();
  const name = values.name ?? "script";
  const rows = query(
    `INSERT INTO editor_tokens (editor_id, name, prefix, hash) SELECT id, ${literal(name)}, ${literal(prefix)}, ${literal(hash)} FROM editors WHERE email = ${literal(address)} AND disabled_at IS NULL RETURNING id`,
  );
  if (!rows.length)
    fail(`No active editor ${address} in the ${where} database (npm run editor:create first).`);
  console.log(
    `Created token #${rows[0]?.id} (${prefix}…) for ${address} (${where}), carrying the editor's role.`,
  );
  console.log("Store it now; it is not shown again and cannot be recovered:\n");
  console.log(token);
} else if (command === "revoke-token") {
  const prefix =
    values.prefix ?? fail("editor:revoke-token needs --prefix cnnted_xxxxxxxx (see editor:list)");
  const rows = query(
    `UPDATE editor_tokens SET revoked_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE prefix = ${literal(prefix)} AND revoked_at IS NULL RETURNING id`,
  );
  if (!rows.length) fail(`No active editor token with prefix '${prefix}' in the ${where} database.`);
  console.log(`Revoked editor token #${rows[0]?.id} (${prefix}); it is refused from now on.`);
} else if (command === "list") {
  const rows = query(
    "SELECT e.id, e.email, e.role, e.created_at, e.disabled_at, (SELECT group_concat(prefix, ' ') FROM editor_tokens t WHERE t.editor_id = e.id AND t.revoked_at IS NULL) AS tokens FROM editors e ORDER BY e.id",
  );
  if (!rows.length) console.log(`No editors in the ${where} database.`);
  else console.table(rows);
} else {
  fail("usage: node scripts/editor.ts create|token|revoke-token|list [options] (see the comment at the top)");
}
