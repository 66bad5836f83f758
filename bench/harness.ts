// Shared by scripts/bench.ts and scripts/bench-scale.ts: a local D1 of their own, a `wrangler dev` of their own on
// fixed ports, load generation with autocannon, and a plain-text table.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";

export const root = new URL("..", import.meta.url).pathname;
const wranglerBin = join(root, "node_modules/.bin/wrangler");
const quietEnv = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1", NO_COLOR: "1" };

/** Runs wrangler with output hidden unless it fails. */
export function wrangler(args: string[]): string {
  try {
    return execFileSync(wranglerBin, args, {
      cwd: root,
      env: quietEnv,
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    throw new Error(
      `wrangler ${args.join(" ")} failed:\n${e.stderr ?? ""}\n${(e.stdout ?? "").slice(-2000)}`,
    );
  }
}

/** Where the benchmarks' static twins are written (git-ignored; wrangler dev serves public/ at /). */
export const TWIN_DIR = join(root, "public/bench");

/**
 * Writes each path's static twin: a file in public/bench/ with the very bytes `origin` answers for it (a page's
 * twin differs from a live page only in its CSP nonce, of the same length). wrangler dev reads public/ when it
 * starts, so call it with a short-lived server and measure on the next one. Returns each path's twin URL path
 * (the asset server serves x.html at /bench/x) and size.
 */
export async function writeTwins(
  origin: string,
  paths: string[],
): Promise<Map<string, { path: string; bytes: number }>> {
  rmSync(TWIN_DIR, { recursive: true, force: true });
  mkdirSync(TWIN_DIR, { recursive: true });
  const twins = new Map<string, { path: string; bytes: number }>();
  for (const p of paths) {
    if (twins.has(p)) continue;
    const res = await fetch(`${origin}${p}`);
    const ext = (res.headers.get("content-type") ?? "").includes("html") ? "html" : "json";
    const body = Buffer.from(await res.arrayBuffer());
    const file = `${twins.size}.${ext}`;
    writeFileSync(join(TWIN_DIR, file), body);
    twins.set(p, { path: `/bench/${file.replace(/\.html$/, "")}`, bytes: body.byteLength });
  }
  return twins;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Probe {
  status: number;
  bytes: number;
  roundTrips: number | null;
  etag: string | null;
  /** The response cache's layer (`x-cache`, sent with DEV_MODE=1). */
  layer: string | null;
}

/** One request, to learn a response's status, size, ETag and D1 round trips. */
export async function probe(url: string, headers: Record<string, string> = {}): Promise<Probe> {
  const res = await fetch(url, { headers, redirect: "manual" });
  const body = await res.arrayBuffer();
  const rt = res.headers.get("x-d1-round-trips");
  return {
    status: res.status,
    bytes: body.byteLength,
    roundTrips: rt === null ? null : Number(rt),
    etag: res.headers.get("etag"),
    layer: res.headers.get("x-cache"),
  };
}

export interface Measurement {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  statuses: Record<string, number>;
  errors: number;
}

/** Load at a fixed concurrency for a fixed time. */
export async function measure(
  url: string,
  opts: { connections: number; seconds: number; headers?: Record<string, string> },
): Promise<Measurement> {
  const r = await autocannon({
    url,
    connections: opts.connections,
    duration: opts.seconds,
    headers: opts.headers,
  });
  const statuses = Object.fromEntries(Object.entries(r.statusCodeStats).map(([k, v]) => [k, v.count]));
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    statuses,
    errors: r.errors + r.timeouts,
  };
}

/** Sequential timings of single requests (no concurrency): for growth curves, where queueing would blur them. */
export async function timeRequests(
  url: string,
  n: number,
): Promise<{ p50: number; p90: number; status: number }> {
  const times: number[] = [];
  let status = 0;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await fetch(url);
    await res.arrayBuffer();
    times.push(performance.now() - t0);
    status = res.status;
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? Number.NaN;
  return { p50: at(0.5), p90: at(0.9), status };
}

/** The machine the numbers come from. */
export function machine() {
  const cpu = cpus();
  const pkg = (name: string) =>
    (
      JSON.parse(readFileSync(join(root, "node_modules", name, "package.json"), "utf8")) as {
        version: string;
      }
    ).version;
  return {
    cpu: cpu[0]?.model ?? "unknown",
    cores: cpu.length,
    memory_gib: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    wrangler: pkg("wrangler"),
    autocannon: pkg("autocannon"),
    platform: `${process.platform} ${process.arch}`,
  };
}

/** A fixed-width text table. */
export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

/** Writes a results file under bench/results/. */
export function writeResults(name: string, data: unknown): string {
  const dir = join(root, "bench/results");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  return file;
}
