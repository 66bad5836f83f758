// Checks that drizzle-kit's history agrees with migrations/ and with the schema (docs/architecture.md, "Migrations"):
// every SQL file has a journal entry under its own number and every entry a file, and `drizzle-kit generate`, run on a
// copy of migrations/, writes nothing (the schema, src/platform/db/schema/*.ts, says no more and no less than the snapshot of the last migration).
// That the migrations build what the schema says is test/ops/schema.test.ts's part. Run by `npm test`:
//
//   npm run db:check
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join, relative, resolve } from "node:path";
import config from "../drizzle.config.ts";

const root = new URL("..", import.meta.url).pathname;
const out = resolve(root, config.out ?? "drizzle");
const problems: string[] = [];

// 1. The journal and the files: drizzle-kit numbers the next migration after the last entry's idx.
const journal = JSON.parse(readFileSync(join(out, "meta/_journal.json"), "utf8")) as {
  entries: { idx: number; tag: string }[];
};
const files = readdirSync(out).filter((f) => f.endsWith(".sql"));
const tags = new Set(journal.entries.map((e) => e.tag));
for (const f of files)
  if (!tags.has(f.slice(0, -4)))
    problems.push(`${f} has no entry in meta/_journal.json: write it with \`npm run db:generate\``);
// Each snapshot follows the one before (drizzle-kit diffs against the last by file name): numbers only go up.
let previous: { tag: string; idx: number; id: string } | undefined;
for (const e of journal.entries) {
  if (!files.includes(`${e.tag}.sql`)) problems.push(`journal entry ${e.tag} has no ${e.tag}.sql`);
  if (Number.parseInt(e.tag, 10) !== e.idx) problems.push(`journal entry ${e.tag} has idx ${e.idx}`);
  const snapshotFile = join(out, "meta", `${e.tag.slice(0, 4)}_snapshot.json`);
  if (!existsSync(snapshotFile)) {
    problems.push(`journal entry ${e.tag} has no meta/${e.tag.slice(0, 4)}_snapshot.json`);
    continue;
  }
  const snapshot = JSON.parse(readFileSync(snapshotFile, "utf8")) as { id: string; prevId: string };
  if (previous && e.idx <= previous.idx) problems.push(`journal entry ${e.tag} comes after ${previous.tag}`);
  if (previous && snapshot.prevId !== previous.id)
    problems.push(
      `${e.tag.slice(0, 4)}_snapshot.json does not follow ${previous.tag.slice(0, 4)}_snapshot.json`,
    );
  previous = { tag: e.tag, idx: e.idx, id: snapshot.id };
}

// 2. drizzle-kit generate on a copy: a new file means the schema (src/platform/db/schema/) and the last snapshot disagree. The copy sits under
// the checkout because drizzle-kit reads its snapshots by a path relative to the working directory.
const cache = join(root, "node_modules/.cache");
mkdirSync(cache, { recursive: true });
const scratch = mkdtempSync(join(cache, "db-check-"));
try {
  const copy = relative(root, join(scratch, "migrations"));
  cpSync(out, join(root, copy), { recursive: true });
  const schema = [config.schema ?? []].flat().map((p) => resolve(root, p));
  const configFile = join(scratch, "drizzle.config.ts");
  writeFileSync(configFile, `export default ${JSON.stringify({ ...config, schema, out: copy })};\n`);
  const r = spawnSync(join(root, "node_modules/.bin/drizzle-kit"), ["generate", "--config", configFile], {
    cwd: root,
    encoding: "utf8",
  });
  if (r.error) throw r.error;
  const made = readdirSync(join(root, copy)).filter((f) => !existsSync(join(out, f)));
  for (const f of made)
    problems.push(
      `drizzle-kit generate would write ${f}; the schema (src/platform/db/schema/) differs from the last snapshot:\n${readFileSync(join(root, copy, f), "utf8")}`,
    );
  // drizzle-kit exits 0 even when it fails (an unreadable snapshot, a schema that does not load): only its own
  // words say that it compared and found nothing.
  if (!made.length && !/No schema changes/.test(r.stdout))
    problems.push(`drizzle-kit generate did not finish:\n${r.stdout}${r.stderr}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log(
  `migrations: ${files.length} files, ${journal.entries.length} journal entries; drizzle-kit generate writes nothing`,
);
