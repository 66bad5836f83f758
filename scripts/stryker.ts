// StrykerJS over the modules of scripts/mutations.ts, with the module's own test files in workerd (the
// @cloudflare/vitest-plugin pool works with Stryker's vitest runner: measured on src/db/pagination.ts, 20 mutants,
// all killed, 3 minutes). Stryker generates every mutant it can (hundreds per module, many in messages), so it is
// the exhaustive, slow companion of `npm run mutate`'s short, explained list. Stryker is not a dependency (222
// packages); install it for the run:
//
//   npm install --no-save @stryker-mutator/core@10.1.1 @stryker-mutator/vitest-runner@10.1.1
//   npm run mutate:stryker -- --module "cursors and pagination"
import { spawnSync } from "node:child_process";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MODULES } from "./mutations.ts";

const root = new URL("..", import.meta.url).pathname;
const args = process.argv.slice(2);
const name = args[args.indexOf("--module") + 1];
const mod = MODULES.find((m) => m.name === name);
if (!args.includes("--module") || !mod) {
  console.error(
    `usage: npm run mutate:stryker -- --module <name>; modules: ${MODULES.map((m) => m.name).join(", ")}`,
  );
  process.exit(2);
}
if (!existsSync(join(root, "node_modules/@stryker-mutator/vitest-runner"))) {
  console.error(
    "Stryker is not installed: npm install --no-save @stryker-mutator/core@10.1.1 @stryker-mutator/vitest-runner@10.1.1",
  );
  process.exit(2);
}

const files = [...new Set(mod.mutations.map((m) => m.file))].filter((f) => existsSync(join(root, f)));
const tests = [...new Set([...mod.tests, ...mod.mutations.flatMap((m) => m.tests ?? [])])];
const vitestConfig = join(root, ".stryker.vitest.config.ts");
const strykerConfig = join(root, ".stryker.config.json");
// The workers project of vitest.config.ts, limited to the module's tests.
writeFileSync(
  vitestConfig,
  `import base from "./vitest.config.ts";
export default async () => {
  const config = await (base as unknown as () => Promise<any>)();
  const workers = config.test.projects.find((p: any) => p.test.name === "workers");
  return { plugins: workers.plugins, test: { ...workers.test, name: undefined, include: ${JSON.stringify(tests)} } };
};
`,
);
writeFileSync(
  strykerConfig,
  JSON.stringify({
    testRunner: "vitest",
    plugins: ["@stryker-mutator/vitest-runner"],
    mutate: files,
    vitest: { configFile: ".stryker.vitest.config.ts", related: false },
    coverageAnalysis: "perTest",
    concurrency: 1,
    timeoutMS: 120000,
    reporters: ["clear-text", "progress-append-only"],
    tempDirName: ".stryker-tmp",
  }),
);
try {
  const r = spawnSync(join(root, "node_modules/.bin/stryker"), ["run", strykerConfig], {
    cwd: root,
    stdio: "inherit",
  });
  process.exitCode = r.status ?? 1;
} finally {
  rmSync(vitestConfig, { force: true });
  rmSync(strykerConfig, { force: true });
}
