// The SDK as a chain installs it: `npm pack` the package, install the tarball into an empty folder with no network
// (it must carry everything it needs), then run it with the machine's own Node 20 and with Node 22 against the
// Worker under `wrangler dev`, bundle it, and typecheck a consumer under moduleResolution NodeNext and Bundler.
import { execFileSync, spawnSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const origin = inject("origin");
const work = mkdtempSync(join(tmpdir(), "cnnt-sdk-"));
const consumer = join(work, "consumer");
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The machine's Node 20: npm scripts put the repository's Node 22 first on PATH, so look at every node there is. */
function node20(): string {
  const candidates = [
    "/usr/local/bin/node",
    "/usr/bin/node",
    ...spawnSync("which", ["-a", "node"], { encoding: "utf8" }).stdout.split("\n"),
  ];
  for (const bin of candidates.filter(Boolean)) {
    const v = spawnSync(bin, ["--version"], { encoding: "utf8" });
    if (v.status === 0 && v.stdout.startsWith("v20.")) return bin;
  }
  throw new Error(`no Node 20 among ${candidates.join(", ")}`);
}

const SECRET = `whsec_${Buffer.from("a test secret of 24 bytes").toString("base64")}`;
/** A delivery signed the Standard Webhooks way, independently of the SDK. */
function signed(body: string) {
  const id = "msg_test";
  const timestamp = String(Math.floor(Date.now() / 1000));
  const mac = createHmac("sha256", Buffer.from(SECRET.slice(6), "base64"))
    .update(`${id}.${timestamp}.${body}`)
    .digest("base64");
  return { "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": `v1,${mac}` };
}

// Plain JavaScript, as Node runs it from the installed package (no TypeScript, no loader).
const RUN = `import { ApiError, createCatalogueClient, verifyWebhook } from "@caobang-cnnt/client";
const [origin, secret, headers, body] = process.argv.slice(2);
const cnnt = createCatalogueClient({ origin });
const national = [];
for await (const p of cnnt.paginate("/products", { tier: ["national"], limit: 1 })) national.push(p.slug);
const listing = await cnnt.getListing("aeon", "bun-kho-cao-tuyen");
let problem;
try { await cnnt.paginate("/products", { limit: 0 }).next(); } catch (e) { problem = e instanceof ApiError && e.problem.invalid_params[0].name; }
const payload = await verifyWebhook(secret, JSON.parse(headers), body);
console.log(JSON.stringify({ node: process.version, national, listing: listing && listing.provenance.record, problem, payload }));
`;

// TypeScript that must compile: precise types, not \`any\` (the @ts-expect-error lines fail if the types are lost)
// and not \`never\` (the calls fail if the paths collapse, as they did under NodeNext).
const TYPED = `import { createCatalogueClient, type Listing, verifyWebhook, type WebhookPayload } from "@caobang-cnnt/client";
import type { paths } from "@caobang-cnnt/client/schema";

const cnnt = createCatalogueClient({ origin: "https://cnnt.example.vn" });
export async function names(): Promise<string[]> {
  const out: string[] = [];
  for await (const p of cnnt.paginate("/products", { tier: ["national"], lang: "en" })) out.push(p.name);
  // @ts-expect-error: not a collection of the API
  cnnt.paginate("/nothing-here");
  // @ts-expect-error: a product's name is a string
  const n: number = (await cnnt.api.GET("/products/{slug}", { params: { path: { slug: "x" } } })).data!.name;
  return [...out, String(n)];
}
export const price = async (): Promise<number | null | undefined> =>
  (await cnnt.getListing("aeon", "mien-dong-tan-viet-a"))?.price_vnd;
export const typed: (l: Listing) => string = (l) => l.etag;
export const kind = async (): Promise<WebhookPayload["type"]> => (await verifyWebhook("whsec_", {}, "")).type;
export type ProductPath = keyof paths & "/products";
`;

/** Typechecks the consumer's index.ts under one module resolution with the repository's TypeScript. */
function typecheck(resolution: "NodeNext" | "Bundler") {
  const config = join(consumer, `tsconfig.${resolution}.json`);
  writeFileSync(
    config,
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: resolution === "NodeNext" ? "NodeNext" : "ESNext",
        moduleResolution: resolution,
        lib: ["ES2023", "DOM", "DOM.Iterable"],
        types: [],
        strict: true,
        noEmit: true,
        skipLibCheck: false,
      },
      files: ["index.ts"],
    }),
  );
  return spawnSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", config], {
    cwd: consumer,
    encoding: "utf8",
  });
}

beforeAll(() => {
  mkdirSync(consumer);
  const [packed] = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--pack-destination", work], {
      cwd: join(ROOT, "packages/client"),
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    }),
  ) as { filename: string; files: { path: string }[] }[];
  if (!packed) throw new Error("npm pack wrote nothing");
  writeFileSync(
    join(consumer, "package.json"),
    JSON.stringify({ name: "chain", private: true, type: "module" }),
  );
  execFileSync(
    "npm",
    ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", join(work, packed.filename)],
    { cwd: consumer, stdio: ["ignore", "ignore", "inherit"] },
  );
  writeFileSync(join(consumer, "run.mjs"), RUN);
  writeFileSync(join(consumer, "index.ts"), TYPED);
}, 180_000);

describe("the packed SDK, installed from its tarball", () => {
  it("ships built JavaScript and declarations only, and needs no other package", () => {
    const installed = join(consumer, "node_modules");
    expect(readdirSync(installed).filter((d) => !d.startsWith("."))).toEqual(["@caobang-cnnt"]);
    const dist = readdirSync(join(installed, "@caobang-cnnt/client/dist"), { recursive: true }) as string[];
    expect(dist.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
    expect(dist).toEqual(expect.arrayContaining(["index.js", "index.d.ts", "schema.d.ts", "webhooks.d.ts"]));
  });

  const body = JSON.stringify({ type: "listing.upsert", data: { change: { seq: 1 } } });
  const headers = JSON.stringify(signed(body));
  it.each([
    ["the machine's Node 20", node20()],
    ["Node 22", process.execPath],
  ])(
    "runs under %s: pages, an illustrative listing of the channel, problems, webhook verification",
    (_, bin) => {
      const run = spawnSync(bin, ["run.mjs", origin, SECRET, headers, body], {
        cwd: consumer,
        encoding: "utf8",
      });
      expect(run.stderr).toBe("");
      const out = JSON.parse(run.stdout);
      expect(out.node).toMatch(bin === process.execPath ? /^v2[2-9]\./ : /^v20\./);
      expect(out.national.length).toBeGreaterThan(0);
      expect(out.listing).toBe("illustrative");
      expect(out.problem).toBe("limit");
      expect(out.payload).toEqual(JSON.parse(body));
    },
  );

  it("bundles with a bundler, and the bundle runs", async () => {
    const outfile = join(consumer, "bundle.mjs");
    await build({
      entryPoints: [join(consumer, "run.mjs")],
      absWorkingDir: consumer,
      bundle: true,
      format: "esm",
      platform: "node",
      outfile,
      logLevel: "silent",
    });
    const run = spawnSync(node20(), [outfile, origin, SECRET, headers, body], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout).listing).toBe("illustrative");
  });

  it.each(["NodeNext", "Bundler"] as const)(
    "typechecks a consumer under moduleResolution %s",
    (resolution) => {
      const tsc = typecheck(resolution);
      expect(tsc.stdout + tsc.stderr).toBe("");
      expect(tsc.status).toBe(0);
    },
  );
});
