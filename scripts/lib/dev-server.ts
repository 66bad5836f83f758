// Starts `wrangler dev` on a loopback port with its own local state (migrated and seeded), for scripts that
// need a real server: the load test, the docs browser check. Always stop it with `stop()`.
import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { d1ExecuteFile, d1Migrate, ROOT, type Target } from "./wrangler.ts";

export interface DevServer {
  origin: string;
  target: Target;
  stop(): Promise<void>;
}

/**
 * A fresh server: `persistTo` is wiped, migrated and seeded, then `wrangler dev` serves it on 127.0.0.1:`port`.
 *
 * @example const server = await startDevServer({ port: 8802, inspectorPort: 8803, persistTo: ".wrangler/load-state" })
 */
export async function startDevServer(opts: {
  port: number;
  /** The debugger port wrangler would otherwise pick (9229 or whatever is free): keep it in our own range. */
  inspectorPort: number;
  persistTo: string;
  /** Extra wrangler dev arguments, e.g. ["--config", "..."]. */
  args?: string[];
  log?: (line: string) => void;
}): Promise<DevServer> {
  const persistTo = join(ROOT, opts.persistTo);
  rmSync(persistTo, { recursive: true, force: true });
  const target: Target = { remote: false, persistTo, binding: "DB" };
  d1Migrate(target);
  d1ExecuteFile(target, join(ROOT, "seed/seed.sql"));
  const origin = `http://127.0.0.1:${opts.port}`;
  const child: ChildProcess = spawn(
    join(ROOT, "node_modules/.bin/wrangler"),
    [
      "dev",
      "--port",
      String(opts.port),
      "--ip",
      "127.0.0.1",
      "--persist-to",
      persistTo,
      "--inspector-port",
      String(opts.inspectorPort),
      "--log-level",
      "warn",
      "--show-interactive-dev-session=false",
      ...(opts.args ?? []),
    ],
    {
      cwd: ROOT,
      // Its own process group, so stop() ends wrangler and the workerd it started, and nothing else.
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, CI: "1", WRANGLER_SEND_METRICS: "false" },
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
  child.on("exit", () => {
    exited = true;
  });
  const stop = async () => {
    if (exited || child.pid === undefined) return;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return;
    }
    for (let i = 0; i < 50 && !exited; i++) await new Promise((r) => setTimeout(r, 100));
    if (!exited) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {}
    }
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`wrangler dev exited:\n${output}`);
    try {
      const res = await fetch(`${origin}/api/v1/channels`);
      if (res.ok) break;
    } catch {}
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`wrangler dev did not answer on ${origin} within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { origin, target, stop };
}
