// The manuals' shell examples — docs/retailers.md (curl and the key commands) and the response cache's requests in
// docs/architecture.md — run as written, in order, against a freshly seeded Worker of their own (with DEV_MODE, as
// `npm start` serves). A command's output is the `# ` lines right under it (no blank line between); `# ` lines
// after a blank line say what comes next and are not compared. Each documented output line must match the answer,
// where `…` (or `...`) stands for anything and the values that differ on every run (ETags, instants, bookmarks,
// cursors, keys, ids) for any value of their shape. Values a command needs from an earlier answer — the key made
// by `npm run key:create`, an ETag for If-Match, a cursor, a webhook endpoint's id — are taken from this run's
// answers where the manual shows them, as a reader would copy them. The examples that run examples/ are
// test/sdk/examples.test.ts's.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevServer, startDevServer } from "../../scripts/lib/dev-server.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const DOC = "docs/retailers.md";
/**
 * The manuals whose shell examples run here, in this order, and which of their blocks: the retailers' manual but
 * what runs examples/, and the response cache's two requests in docs/architecture.md (not its benchmarks).
 */
const DOCS: [string, (block: string) => boolean][] = [
  [DOC, (block) => !block.includes("examples/")],
  ["docs/architecture.md", (block) => block.includes("curl ")],
];

interface Step {
  command: string;
  expected: string[];
}

/** Open brackets minus closed ones: a documented JSON answer that goes on on the next `#  ` line. */
const open = (s: string) => (s.match(/[[{]/g)?.length ?? 0) - (s.match(/[\]}]/g)?.length ?? 0);

/** Every command of the ```sh blocks a manual's filter takes, with its documented output. */
function documentedCommands(text: string, takes: (block: string) => boolean): Step[] {
  const steps: Step[] = [];
  for (const [, block] of text.matchAll(/```sh\n([\s\S]*?)```/g)) {
    if (!block || !takes(block)) continue;
    let last: Step | null = null;
    for (const line of block.replace(/\\\n\s*/g, "").split("\n")) {
      if (!line.trim()) last = null;
      else if (/^#( |$)/.test(line)) {
        if (!last) continue;
        const out = line.slice(2);
        const prev = last.expected.at(-1);
        if (prev !== undefined && open(prev) > 0) last.expected[last.expected.length - 1] = prev + out.trim();
        else if (out.trim()) last.expected.push(out);
      } else {
        last = { command: line.replace(/\s{2,}#\s.*$/, "").trim(), expected: [] };
        steps.push(last);
      }
    }
  }
  return steps;
}

/** Values of a shape that differs on every run, each matched by any value of that shape. */
const VOLATILE: [RegExp, string][] = [
  [/l\d+v\d+c\d+/g, "l\\d+v\\d+c\\d+"],
  [/W\/"[^"]+"/g, 'W/"[^"]+"'],
  [/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, "\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z"],
  [/[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}/g, "[0-9a-f-]{59}"],
  [/cnnt_[0-9a-f]{48}/g, "cnnt_[0-9a-f]{48}"],
  [/cnnt_[0-9a-f]{8}\b/g, "cnnt_[0-9a-f]{8}"],
  [/"(next_)?cursor":"[^"]*"/g, '"$1cursor":"[^"]*"'],
  [/"latency_ms":\d+/g, '"latency_ms":\\d+'],
  // A position deep in the feed moves with every seed correction; the first entries' do not.
  [/"seq":\d{3,}/g, '"seq":\\d+'],
  [/key #\d+/g, "key #\\d+"],
  [/\b(ep|msg|whsec)_[0-9A-Za-z+/]*…=?/g, '$1_[^"]*'],
];
const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** A documented output line as a pattern: annotations (`← …`, `  (…)`) dropped, `…` any text, volatiles any value. */
function patternOf(line: string): RegExp {
  let text = line.replace(/\s+←.*$/, "").replace(/\s{2,}\(.*\)$/, "");
  // uniq -c counts: how many of each depends on the calls made earlier in the same window.
  text = text.replace(/^\s+\d+ (\d{3})$/, "\uE000COUNT$1");
  const slots: string[] = [];
  for (const [shape, pattern] of VOLATILE)
    text = text.replace(shape, (...m: string[]) => {
      slots.push(pattern.replace("$1", m[1] ?? ""));
      return `\uE000${slots.length - 1}\uE000`;
    });
  const source = escaped(text.trim())
    .replace(/\s*(…|\\\.\\\.\\\.)\s*/g, "[\\s\\S]*?")
    .replace(/\uE000COUNT(\d{3})/, "\\d+ $1")
    .replace(/\uE000(\d+)\uE000/g, (_, i: string) => slots[Number(i)] ?? "");
  return new RegExp(source, "i");
}

let server: DevServer;
const work = mkdtempSync(join(tmpdir(), "cnnt-curl-"));
const env: Record<string, string> = {};
/**
 * What the manual shows an answer giving (an ETag, an endpoint's id, a cursor, a key) → what this run's answer gave,
 * so that a later command using the documented value uses the real one, as a reader copying it would.
 */
const copied = new Map<string, string>();
let lastPrefix = "";
/** The manual's webhook receiver, played by a loopback server of this test that answers 204 to everything. */
const HOOKS = "https://hooks.example-chain.vn/";
let receiver: Server;
let hooks = "";

beforeAll(async () => {
  receiver = createServer((req, res) => req.resume().on("end", () => res.writeHead(204).end()));
  await new Promise<void>((done) => receiver.listen(0, "127.0.0.1", done));
  hooks = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/`;
  server = await startDevServer({
    port: 8815,
    inspectorPort: 8816,
    persistTo: ".wrangler/docs-curl-state",
    // DEV_MODE: the response cache says who answered (x-cache), as docs/architecture.md shows with `npm start`.
    args: ["--var", "WEBHOOK_ALLOW_LOOPBACK:1", "--var", "DEV_MODE:1"],
  });
  env.API = `${server.origin}/api/v1`;
  // "20 items (every product), built from the NDJSON feed": the bulk example's body, as its comment says.
  const feed = await (await fetch(`${env.API}/feeds/products.ndjson`)).text();
  const items = feed
    .trim()
    .split("\n")
    .map((l) => ({
      product: (JSON.parse(l) as { slug: string }).slug,
      status: "in_stock",
      price_vnd: 50000,
    }));
  writeFileSync(join(work, "aeon-bulk.json"), JSON.stringify({ items }));
}, 180_000);
afterAll(async () => {
  await server?.stop();
  receiver?.close();
  rmSync(work, { recursive: true, force: true });
});

/** The command as a reader would type it here: this server, this state, values copied from earlier answers. */
function prepared(command: string): string {
  let c = command
    .replaceAll("http://localhost:8787", server.origin)
    .replaceAll(HOOKS, hooks)
    .replaceAll("/tmp/", `${work}/`)
    .replace(/-o (\S+\.csv)/, `-o ${work}/$1`)
    .replace(/--prefix cnnt_[0-9a-f]{8}/, `--prefix ${lastPrefix}`);
  for (const [documented, real] of [...copied].sort(([a], [b]) => b.length - a.length))
    c = c.replaceAll(documented, real);
  if (c.startsWith("npm run key:")) {
    const state = `--persist-to ${join(ROOT, ".wrangler/docs-curl-state")}`;
    c = c.includes(" -- ") ? `${c} ${state}` : c.replace(/^(npm run key:\w+)/, `$1 -- ${state}`);
  }
  return c;
}

/** Pairs the values the manual shows an answer giving with the ones this run's answer gave. */
function remember(expected: string[], stdout: string) {
  const documented = expected.join("\n");
  for (const [, name, value] of documented.matchAll(/"(id|next_cursor)":"([^"]+)"/g)) {
    const real = new RegExp(`"${name}":"([^"]+)"`).exec(stdout)?.[1];
    if (value && real) copied.set(value, real);
  }
  const etag = /^etag: (.+)$/im.exec(documented)?.[1];
  const realEtag = /^etag: (.+)$/im.exec(stdout)?.[1];
  if (etag && realEtag) copied.set(etag.trim(), realEtag.trim());
  const key = /^(cnnt_[0-9a-f]{48})$/m.exec(stdout)?.[1];
  if (key) {
    env.KEY ??= key;
    lastPrefix = key.slice(0, 13);
  }
}

/** Runs a command in sh without blocking this process (the webhook receiver above answers meanwhile). */
function sh(
  command: string,
  extra: Record<string, string> = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn("sh", ["-c", command], { cwd: ROOT, env: { ...process.env, ...env, ...extra } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString("utf8");
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString("utf8");
    });
    child.on("close", (status) => done({ status, stdout, stderr }));
  });
}

const steps = DOCS.flatMap(([file, takes]) =>
  documentedCommands(readFileSync(join(ROOT, file), "utf8"), takes),
);
describe("the retailers' manual's shell examples, against a fresh seed", () => {
  it("finds them", () => {
    expect(steps.length).toBeGreaterThan(20);
    expect(steps.map((s) => s.command)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^npm run key:create/), expect.stringMatching(/^curl/)]),
    );
  });

  // In order: later commands use the key, ETags and endpoints earlier ones made.
  it.each(steps.map((s, i) => [i + 1, s.command, s] as const))("%i: %s", async (i, __, step) => {
    const command = prepared(step.command);
    const assigned = /^([A-Z_]+)=\$\(/.exec(command)?.[1];
    const run = await sh(assigned ? `${command}\nprintf '%s' "$${assigned}"` : command);
    if (process.env.CURL_EXAMPLES_OUT)
      writeFileSync(join(process.env.CURL_EXAMPLES_OUT, `${i}.txt`), run.stdout);
    expect(run.status, run.stderr).toBe(0);
    const stdout = run.stdout.replaceAll("\r", "").replaceAll(hooks, HOOKS);
    if (assigned) {
      expect(stdout, `${assigned} is empty`).not.toBe("");
      env[assigned] = stdout;
    }
    remember(step.expected, stdout);
    for (const line of step.expected) expect(stdout, line).toMatch(patternOf(line));
  });
});

describe("the manual's SDK example, against the same Worker", () => {
  it("runs as written, with the reader's own three functions", async () => {
    const text = readFileSync(join(ROOT, DOC), "utf8");
    const snippet = /```ts\n(import \{ createCatalogueClient \}[\s\S]*?)```/.exec(text)?.[1] ?? "";
    expect(snippet).toContain("cnnt.updateListing");
    // What the manual leaves to the reader: where the cursor is kept and what applying a change means.
    const own = [
      "let kept: string | undefined;",
      "const loadCursor = () => kept;",
      "const saveCursor = (next: string) => { kept = next; };",
      "let applied = 0;",
      "const applyToMyDatabase = async (_change: unknown) => { applied += 1; };",
    ].join("\n");
    const after = 'console.log("applied " + applied + ";", data?.slug);';
    // Inside the repository, so that @caobang-cnnt/client resolves as it does for examples/.
    const dir = join(ROOT, ".wrangler/docs-ts");
    mkdirSync(dir, { recursive: true });
    const file = join(dir, "sdk-example.ts");
    writeFileSync(
      file,
      `${own}\n${snippet.replaceAll("https://cnnt.example.vn", server.origin)}\n${after}\n`,
    );
    const run = await sh(`node --conditions=cnnt-source ${file}`, { CNNT_API_KEY: env.KEY ?? "" });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^applied [1-9]\d*; chieu-truc-688$/m);
    const listing = await (await fetch(`${env.API}/channels/aeon/listings/mien-dong-tan-viet-a`)).json();
    expect(listing).toMatchObject({ price_vnd: 72000 });
  }, 90_000);
});
