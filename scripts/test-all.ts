// `npm test`: everything the project checks, in order, each step timed, stopping at the first failure. It first
// provides what the tests need beyond npm: Debian's Chromium for the browser tests (the page tests, Lighthouse,
// the smoke suite against dist/). When it is missing it is installed with apt-get if this process may (root, and
// apt-get present); otherwise the run stops at once, naming the one command to run.
//
// Usage: node scripts/test-all.ts   (the steps are the package.json scripts below; each can be run alone)
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const STEPS = [
  "typecheck",
  "lint",
  "lint:api",
  "test:docs",
  "db:check",
  "test:deploy",
  "test:workers",
  "test:browser",
  "test:sdk",
  "budget",
  "test:reliability",
];
/** Where the browser tests look for Chromium (test/browser/browser.ts). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const INSTALL = "apt-get install -y chromium";

const seconds = (ms: number) => `${(ms / 1000).toFixed(0)} s`;
const times: [string, number][] = [];

function timed(name: string, run: () => boolean): void {
  console.log(`\n▶ ${name}`);
  const start = Date.now();
  const ok = run();
  times.push([name, Date.now() - start]);
  console.log(`${ok ? "✓" : "✘"} ${name}: ${seconds(Date.now() - start)}`);
  if (!ok) {
    summary();
    process.exit(1);
  }
}

function summary(): void {
  const total = times.reduce((a, [, ms]) => a + ms, 0);
  console.log(
    `\nnpm test, step by step:\n${times.map(([n, ms]) => `  ${seconds(ms).padStart(6)}  ${n}`).join("\n")}`,
  );
  console.log(`  ${seconds(total).padStart(6)}  in all`);
}

/** Chromium for the browser tests: present, installed now, or a clear stop. */
function chromium(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const root = process.getuid?.() === 0;
  const apt = spawnSync("sh", ["-c", "command -v apt-get"], { stdio: "ignore" }).status === 0;
  if (!root || !apt || process.env.CHROMIUM_PATH) {
    console.error(
      `Chromium is missing at ${CHROMIUM}: the browser tests drive it. Run \`sudo ${INSTALL}\` (Debian or Ubuntu), ` +
        "or set CHROMIUM_PATH to a Chromium or Chrome binary, then `npm test` again.",
    );
    return false;
  }
  console.log(`Chromium is missing at ${CHROMIUM}: installing Debian's package (${INSTALL}) …`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const update = spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  const install = spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], {
    stdio: "inherit",
    env,
  });
  if (update.status !== 0 || install.status !== 0 || !existsSync(CHROMIUM)) {
    console.error(`apt-get could not install Chromium: run \`${INSTALL}\` and \`npm test\` again.`);
    return false;
  }
  return true;
}

timed("Chromium for the browser tests", chromium);
for (const step of STEPS)
  timed(`npm run ${step}`, () => spawnSync("npm", ["run", "-s", step], { stdio: "inherit" }).status === 0);
summary();
