// Backs up the catalogue's D1 database to a SQL file of INSERT statements (the real tables; the search index is
// rebuilt on restore). `wrangler d1 export` cannot do this: it refuses databases with FTS5 tables.
//
//   npm run db:backup                                  local state (.wrangler/state) → backups/<time>.sql
//   npm run db:backup -- --out my.sql                  choose the file
//   npm run db:backup -- --persist-to .wrangler/other  local state kept elsewhere (wrangler dev --persist-to)
//   npm run db:backup -- --remote                      the deployed database (needs `wrangler login` and
//                                                      BACKUP_SECRET in the environment)
//   npm run db:backup -- --without-personal            leave the enquirers' personal details out (each enquiry
//                                                      restored as erased); the header's `personal:` line says which
//
// The file is signed with an HMAC under BACKUP_SECRET (scripts/lib/backup-secrets.ts; docs/security.md "Backups").
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createBackup, parseBackup } from "../src/platform/db/backup.ts";
import { backupSecrets } from "./lib/backup-secrets.ts";
import { d1Query, ROOT, targetFromArgs } from "./lib/wrangler.ts";

const args = process.argv.slice(2);
const target = targetFromArgs(args);
const outArg = args.indexOf("--out");
const out =
  outArg >= 0 && args[outArg + 1]
    ? (args[outArg + 1] as string)
    : join(
        ROOT,
        "backups",
        `caobang-cnnt-${target.remote ? "remote" : "local"}-${new Date().toISOString().replace(/[:.]/g, "-")}.sql`,
      );

const started = Date.now();
const secrets = backupSecrets(target.remote);
const text = await createBackup(
  async (sqls) => d1Query(target, sqls),
  target.remote ? "remote" : `local${target.persistTo ? ` (${target.persistTo})` : ""}`,
  { secrets, personal: !args.includes("--without-personal") },
);
// Backups hold every key's and password's hash, webhook signing secrets in clear and the whole change feed:
// readable by the owner only (0600, folder 0700).
mkdirSync(dirname(out), { recursive: true, mode: 0o700 });
writeFileSync(out, text, { mode: 0o600 });
chmodSync(out, 0o600);
const { header, statements } = await parseBackup(text, { secrets });
const rows = Object.values(header.counts).reduce((a, b) => a + b, 0);
console.log(
  `backup: ${out}\n  enquirers' personal details: ${header.personal}\n  ${rows} rows in ${Object.keys(header.counts).length} tables (${JSON.stringify(header.counts)}), ${statements.length} statements, ${text.length} bytes, ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
