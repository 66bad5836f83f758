// The retailers' documented shell examples, run as written against a freshly seeded Worker of their own: each
// command of a ```sh block that runs examples/ is executed, and the `# ` lines under it are its expected output.
// A documented example that stops working (as `--set-price bun-kho-cao-tuyen=66000` did: a 412, because the SDK
// read the channel's illustrative listing as missing) fails here.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevServer, startDevServer } from "../../scripts/lib/dev-server.ts";
import { d1Query } from "../../scripts/lib/wrangler.ts";
import { generateApiKey } from "../../src/platform/http/api-key.ts";

const ROOT = resolve(import.meta.dirname, "../..");
/** Where the retailers' manual lives (docs/retailers.md once the README's manual moved there). */
const DOCS = ["docs/retailers.md", "README.md"].filter((f) => existsSync(join(ROOT, f)));
const DOCUMENTED_ORIGIN = "http://127.0.0.1:8787";

interface Example {
  file: string;
  command: string;
  expected: string[];
}

/** Every command of a ```sh block that runs one of examples/, with the `# ` output lines documented under it. */
function documentedExamples(): Example[] {
  const out: Example[] = [];
  for (const file of DOCS) {
    const text = readFileSync(join(ROOT, file), "utf8");
    for (const [, block] of text.matchAll(/```sh\n([\s\S]*?)```/g)) {
      if (!block?.includes("examples/")) continue;
      const lines = block.replace(/\\\n\s*/g, "").split("\n");
      for (const line of lines) {
        if (line.startsWith("# ")) out.at(-1)?.expected.push(line.slice(2));
        else if (line.trim()) out.push({ file, command: line.trim(), expected: [] });
      }
    }
  }
  return out;
}

/**
 * Output compared as documented, but for an ETag's write time and how many changes the seed's feed holds (seed
 * corrections move it; what the mirror holds and the written price must stay as documented).
 */
const comparable = (line: string) =>
  line.replace(/ETag "[^"]*"/g, 'ETag "…"').replace(/^(\S+: )\d+ (change\(s\) applied)/, "$1N $2");

let server: DevServer;
let key: string;
const work = mkdtempSync(join(tmpdir(), "cnnt-examples-"));
beforeAll(async () => {
  server = await startDevServer({
    port: 8813,
    inspectorPort: 8814,
    persistTo: ".wrangler/sdk-examples-state",
  });
  const made = await generateApiKey();
  d1Query(server.target, [
    `INSERT INTO api_keys (channel_id, name, prefix, hash) SELECT id, 'docs examples', '${made.prefix}', '${made.hash}' FROM channels WHERE slug = 'aeon'`,
  ]);
  key = made.key;
}, 180_000);
afterAll(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

const examples = documentedExamples();
describe("the retailers' documented examples, against a fresh seed", () => {
  it("finds the documented examples", () => {
    expect(examples.map((e) => e.command)).toEqual(
      expect.arrayContaining([expect.stringContaining("--set-price bun-kho-cao-tuyen=66000")]),
    );
  });

  // In order: later commands continue from the state the earlier ones saved.
  it.each(examples.map((e, i) => [i + 1, e.command, e] as const))("%i: %s", (_, __, example) => {
    const command = example.command
      .replaceAll(DOCUMENTED_ORIGIN, server.origin)
      .replaceAll("/tmp/", `${work}/`);
    const run = spawnSync("sh", ["-c", command], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, KEY: key },
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split("\n").map(comparable)).toEqual(
      example.expected.map((l) => comparable(l.replaceAll("/tmp/", `${work}/`))),
    );
  });
});
