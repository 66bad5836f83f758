// Starts `wrangler dev` on a loopback port with its own local state (migrated and seeded), for everything that
// needs a real server: the browser tests, the load test, the e2e checks and the benchmarks.
import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { ensureDevVars } from "./dev-vars.ts";
import { d1ExecuteFile, d1Migrate, ROOT, type Target } from "./wrangler.ts";

export interface DevServer {
  origin: string;
  target: Target;
  stop(): Promise<void>;
}

/**
 * A fresh local D1 in `persistTo` (relative to the repository or absolute): wiped, migrated, then each SQL file
 * executed in order (the catalogue seed by default).
 */
export function prepareLocalDb(
  persistTo: string,
  sqlFiles: string[] = [join(ROOT, "seed/seed.sql")],
): Target {
  const target: Target = { remote: false, persistTo: resolve(ROOT, persistTo), binding: "DB" };
  rmSync(target.persistTo as string, { recursive: true, force: true });
  d1Migrate(target);
  for (const file of sqlFiles) d1ExecuteFile(target, file);
  return target;
}

/**
 * `wrangler dev` (which runs the [build] command first) on 127.0.0.1:`port` over an existing local D1, in its own
 * process group; resolves once `readyPath` answers 200. Always stop it with `stop()`.
 */
export async function serveWorker(opts: {
  port: number;
  /** The debugger port wrangler would otherwise pick (9229 or whatever is free): keep it in our own range. */
  inspectorPort: number;
  persistTo: string;
  /** Extra wrangler dev arguments, e.g. ["--var", "PUBLIC_ORIGIN:..."]. */
  args?: string[];
  /** Called with each line wrangler prints. */
  log?: (line: string) => void;
  /** wrangler's log level (default warn); info also logs each request and where each simulated email was written. */
  logLevel?: "warn" | "info";
  /** A path that answers 200 once the Worker serves (default: an API list). */
  readyPath?: string;
  timeoutMs?: number;
  /** Called if wrangler exits before `stop()` (e.g. to say so while tests still run). */
  onUnexpectedExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
}): Promise<{ origin: string; stop(): Promise<void> }> {
  const origin = `http://127.0.0.1:${opts.port}`;
  // wrangler dev reads the Worker's local secret and origin from .dev.vars (wrangler.toml holds none).
  ensureDevVars();
  const child: ChildProcess = spawn(
    join(ROOT, "node_modules/.bin/wrangler"),
    [
      "dev",
      "--port",
      String(opts.port),
      "--ip",
      "127.0.0.1",
      "--persist-to",
      resolve(ROOT, opts.persistTo),
      "--inspector-port",
      String(opts.inspectorPort),
      "--log-level",
      opts.logLevel ?? "warn",
      "--show-interactive-dev-session=false",
      ...(opts.args ?? []),
    ],
    {
      cwd: ROOT,
      // Its own process group, so stop() ends wrangler and the workerd it started, and nothing else.
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, CI: "1", WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" },
    },
  );
  let output = "";
  const collect = (b: Buffer) => {
    output += b.toString();
    for (const line of b.toString().split("\n")) if (line.trim()) opts.log?.(line);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  let exited = false;
  let stopping = false;
  child.on("exit", (code, signal) => {
    exited = true;
    if (!stopping) opts.onUnexpectedExit?.(code, signal);
  });
  const kill = (signal: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {}
  };
  // A script that dies on an error must not leave a server behind.
  const onExit = () => {
    if (!exited) kill("SIGKILL");
  };
  process.once("exit", onExit);
  const stop = async () => {
    stopping = true;
    process.off("exit", onExit);
    if (exited) return;
    kill("SIGTERM");
    for (let i = 0; i < 50 && !exited; i++) await new Promise((r) => setTimeout(r, 100));
    if (!exited) kill("SIGKILL");
  };
  const timeoutMs = opts.timeoutMs ?? 90_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) throw new Error(`wrangler dev exited:\n${output}`);
    try {
      const res = await fetch(`${origin}${opts.readyPath ?? "/api/v1/channels"}`);
      await res.arrayBuffer();
      if (res.ok) break;
    } catch {}
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`wrangler dev did not answer on ${origin} within ${timeoutMs / 1000} s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { origin, stop };
}

/**
 * A fresh server: `persistTo` is wiped, migrated and seeded, then `wrangler dev` serves it on 127.0.0.1:`port`.
 *
 * @example const server = await startDevServer({ port: 8802, inspectorPort: 8803, persistTo: ".wrangler/load-state" })
 */
export async function startDevServer(
  opts: Parameters<typeof serveWorker>[0] & { sqlFiles?: string[] },
): Promise<DevServer> {
  const target = prepareLocalDb(opts.persistTo, opts.sqlFiles);
  return { ...(await serveWorker(opts)), target };
}
