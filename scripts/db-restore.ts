// Restores a backup made by `npm run db:backup`: applies the migrations to the target, loads the rows (triggers
// set aside while loading), puts the triggers back, rebuilds the search index, then checks row counts and the
// index against the backup.
//
//   npm run db:restore -- backups/x.sql                        into local state (.wrangler/state)
//   npm run db:restore -- backups/x.sql --persist-to DIR       into local state kept elsewhere
//   npm run db:restore -- backups/x.sql --replace              over a database that has rows (deletes them first)
//   npm run db:restore -- backups/x.sql --remote [--replace]   into the deployed database
//   npm run db:restore -- old.sql --trust-unsigned             a format-2 backup (before signing), if you trust it
//
// The backup's signature must verify under BACKUP_SECRET or BACKUP_SECRET_PREVIOUS (scripts/lib/backup-secrets.ts).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  EMPTIED_TABLES,
  MERGED_TABLES,
  migrationsAhead,
  parseBackup,
  readSchema,
  restoreStatements,
  searchIndexChecks,
} from "../src/platform/db/backup.ts";
import { backupSecrets } from "./lib/backup-secrets.ts";
import { d1ExecuteFile, d1Migrate, d1Query, ROOT, targetFromArgs } from "./lib/wrangler.ts";

const args = process.argv.slice(2);
const file = args.find(
  (a, i) => !a.startsWith("--") && !["--persist-to", "--binding"].includes(args[i - 1] ?? ""),
);
if (!file) {
  console.error("usage: npm run db:restore -- <backup.sql> [--remote] [--persist-to DIR] [--replace]");
  process.exit(2);
}
const target = targetFromArgs(args);
const replace = args.includes("--replace");
const query = async (sqls: string[]) => d1Query(target, sqls);

const backup = await parseBackup(readFileSync(file, "utf8"), {
  secrets: backupSecrets(target.remote),
  trustUnsigned: args.includes("--trust-unsigned"),
}).catch((e: Error) => {
  console.error(`Refused ${file}: ${e.message}`);
  process.exit(1);
});
const { header } = backup;
const newer = migrationsAhead(
  header,
  readdirSync(join(ROOT, "migrations")).filter((f) => f.endsWith(".sql")),
);
if (newer.length) {
  console.error(
    `The backup was taken at migrations this checkout does not have: ${newer.join(", ")}. Update first.`,
  );
  process.exit(1);
}

const started = Date.now();
d1Migrate(target);
const schema = await readSchema(query);
// What the migrations alone put in a database (e.g. the catalogue version counter), from a throwaway local one:
// more than that in the target means it holds data, which only --replace may overwrite.
const scratch = mkdtempSync(join(tmpdir(), "caobang-cnnt-fresh-"));
let fresh: Record<string, number>;
try {
  const blank = { remote: false, persistTo: scratch, binding: target.binding };
  d1Migrate(blank);
  fresh = (await readSchema(async (sqls) => d1Query(blank, sqls))).counts;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
const nonEmpty = Object.entries(schema.counts).filter(([t, n]) => n > (fresh[t] ?? 0));
if (nonEmpty.length && !replace) {
  console.error(
    `The target has rows (${nonEmpty.map(([t, n]) => `${t}: ${n}`).join(", ")}). Pass --replace to delete them and restore the backup.`,
  );
  process.exit(1);
}
const sqlFile = join(tmpdir(), `caobang-cnnt-restore-${process.pid}.sql`);
writeFileSync(sqlFile, `${restoreStatements(schema, backup).join(";\n")};\n`, { mode: 0o600 });
try {
  d1ExecuteFile(target, sqlFile);
} finally {
  rmSync(sqlFile, { force: true });
}

// Verify in one round: rows as in the backup (tables it predates as the migrations left them), triggers back, the
// index consistent with its content (the integrity check fails the round otherwise).
const results = await query([
  ...schema.tables.map((t) => `SELECT count(*) AS n FROM "${t}"`),
  "SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger'",
  ...searchIndexChecks(schema.fts),
]);
const after = Object.fromEntries(schema.tables.map((t, i) => [t, Number(results[i]?.[0]?.n ?? -1)]));
const expected = Object.fromEntries(schema.tables.map((t) => [t, header.counts[t] ?? schema.counts[t] ?? 0]));
// API keys, editors and their tokens are merged (the target's kept, revocations kept), so there may be more than
// the backup holds; every session ends.
const wrong = schema.tables.filter((t) =>
  MERGED_TABLES.includes(t)
    ? (after[t] ?? 0) < (expected[t] ?? 0)
    : EMPTIED_TABLES.includes(t)
      ? after[t] !== 0
      : after[t] !== expected[t],
);
if (wrong.length) {
  console.error(
    `Row counts differ from the backup: ${wrong.map((t) => `${t} ${after[t]} ≠ ${expected[t]}`).join(", ")}`,
  );
  process.exit(1);
}
const triggers = Number(results[schema.tables.length]?.[0]?.n ?? -1);
if (triggers !== schema.triggers.length) {
  console.error(`Expected ${schema.triggers.length} triggers after the restore, found ${triggers}`);
  process.exit(1);
}
const rows = Object.values(after).reduce((a, b) => a + b, 0);
console.log(
  `restored ${file} (${header.created}, ${header.source}) into ${target.remote ? "the remote database" : `local state${target.persistTo ? ` in ${target.persistTo}` : ""}`}\n  ${rows} rows, ${triggers} triggers, search index rebuilt and checked (${schema.fts.join(", ")}), ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
