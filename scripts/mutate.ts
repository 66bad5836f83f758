// A mutation run anyone can repeat: applies each one-line bug of scripts/mutations.ts on its own, runs only the
// test files that should catch it (workerd, real D1), and reports per module what was killed and what survived.
// The file is always restored — after each mutant, on Ctrl-C, and at the next start if a run was killed outright
// (.mutate-restore.json). Not part of `npm test`: it takes minutes.
//
//   npm run mutate                         every module
//   npm run mutate -- --module "CSV"       one module (or several: the flag again)
//   npm run mutate -- --check              only report stale mutations (search text not found exactly once)
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MODULES, type Module, type Mutation } from "./mutations.ts";

const root = new URL("..", import.meta.url).pathname;
const RESTORE = join(root, ".mutate-restore.json");
const TIMEOUT_MS = 10 * 60 * 1000;

type Outcome = "killed" | "survived" | "equivalent" | "stale" | "baseline red";

/** Puts back a file a killed run left mutated. */
function restorePending(): void {
  if (!existsSync(RESTORE)) return;
  const { file, original } = JSON.parse(readFileSync(RESTORE, "utf8")) as { file: string; original: string };
  writeFileSync(join(root, file), original);
  rmSync(RESTORE);
  console.log(`restored ${file} (left mutated by an interrupted run)`);
}

let child: ReturnType<typeof spawn> | null = null;
const onSignal = (signal: NodeJS.Signals) => {
  child?.kill("SIGTERM");
  restorePending();
  console.log(`\n${signal}: stopped, every file restored`);
  process.exit(130);
};
process.on("SIGINT", onSignal);
process.on("SIGTERM", onSignal);

/** Runs the given test files; true when they all pass. */
function testsPass(files: string[]): Promise<{ pass: boolean; seconds: number; tail: string }> {
  const started = Date.now();
  return new Promise((resolve) => {
    let out = "";
    child = spawn(
      join(root, "node_modules/.bin/vitest"),
      // A long test timeout: a mutant is killed by a failed assertion, not by a busy machine.
      [
        "run",
        ...files,
        "--project",
        "workers",
        "--bail=1",
        "--reporter=dot",
        "--silent",
        "--testTimeout=60000",
      ],
      { cwd: root, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, CI: "1" } },
    );
    const timer = setTimeout(() => child?.kill("SIGTERM"), TIMEOUT_MS);
    child.stdout?.on("data", (d) => {
      out += d;
    });
    child.stderr?.on("data", (d) => {
      out += d;
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      child = null;
      resolve({ pass: code === 0, seconds: (Date.now() - started) / 1000, tail: out.slice(-2000) });
    });
  });
}

/** Why a mutation cannot be applied as written, or null. */
function staleness(m: Mutation, tests: string[]): string | null {
  const path = join(root, m.file);
  if (!existsSync(path)) return `no file ${m.file}`;
  const n = readFileSync(path, "utf8").split(m.search).length - 1;
  if (n !== 1) return `search text found ${n} times in ${m.file}`;
  const missing = tests.filter((t) => !existsSync(join(root, t)));
  return missing.length ? `no test file ${missing.join(", ")}` : null;
}

async function runMutation(m: Mutation, tests: string[]): Promise<{ outcome: Outcome; detail: string }> {
  const path = join(root, m.file);
  const original = readFileSync(path, "utf8");
  writeFileSync(RESTORE, JSON.stringify({ file: m.file, original }));
  try {
    writeFileSync(
      path,
      original.replace(m.search, () => m.replace),
    );
    const r = await testsPass(tests);
    if (!r.pass) return { outcome: "killed", detail: `${r.seconds.toFixed(0)} s` };
    return m.equivalent
      ? { outcome: "equivalent", detail: m.equivalent }
      : { outcome: "survived", detail: `${r.seconds.toFixed(0)} s` };
  } finally {
    writeFileSync(path, original);
    rmSync(RESTORE, { force: true });
  }
}

const args = process.argv.slice(2);
const only = args.flatMap((a, i) => (a === "--module" ? [args[i + 1] ?? ""] : []));
const checkOnly = args.includes("--check");
restorePending();

const modules: Module[] = MODULES.filter((m) => only.length === 0 || only.includes(m.name));
if (modules.length === 0) {
  console.error(`no such module; modules: ${MODULES.map((m) => m.name).join(", ")}`);
  process.exit(2);
}

const rows: { module: string; counts: Record<Outcome, number> }[] = [];
const notes: string[] = [];
for (const mod of modules) {
  const counts: Record<Outcome, number> = {
    killed: 0,
    survived: 0,
    equivalent: 0,
    stale: 0,
    "baseline red": 0,
  };
  rows.push({ module: mod.name, counts });
  console.log(`\n## ${mod.name}`);
  const live = mod.mutations.filter((m) => {
    const why = staleness(m, m.tests ?? mod.tests);
    if (why) {
      counts.stale++;
      notes.push(`stale   ${mod.name}: ${m.why} — ${why}`);
      console.log(`  stale     ${m.why} (${why})`);
    }
    return !why;
  });
  if (checkOnly || live.length === 0) continue;
  // The tests must pass on the code as it is, or every mutant would look killed.
  const sets = [...new Set(live.map((m) => (m.tests ?? mod.tests).join(" ")))];
  const red: string[] = [];
  for (const set of sets) {
    const base = await testsPass(set.split(" "));
    if (!base.pass) {
      red.push(set);
      console.log(`  baseline red: ${set}\n${base.tail}`);
    }
  }
  for (const m of live) {
    const tests = m.tests ?? mod.tests;
    if (red.includes(tests.join(" "))) {
      counts["baseline red"]++;
      continue;
    }
    const { outcome, detail } = await runMutation(m, tests);
    counts[outcome]++;
    console.log(`  ${outcome.padEnd(10)}${m.file}: ${m.why} (${detail})`);
    if (outcome === "survived") notes.push(`SURVIVED ${mod.name}: ${m.file}: ${m.why}`);
  }
}

console.log("\n| module | mutants | killed | survived | equivalent | stale | score |");
console.log("| --- | --- | --- | --- | --- | --- | --- |");
for (const { module, counts } of rows) {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const scored = counts.killed + counts.survived;
  const score = scored ? `${Math.round((100 * counts.killed) / scored)}%` : "–";
  console.log(
    `| ${module} | ${total} | ${counts.killed} | ${counts.survived} | ${counts.equivalent} | ${counts.stale} | ${score} |`,
  );
}
if (notes.length) console.log(`\n${notes.join("\n")}`);
const bad = rows.some((r) => r.counts.survived || r.counts.stale || r.counts["baseline red"]);
process.exit(bad ? 1 : 0);
