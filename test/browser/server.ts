// Starts the real Worker under `wrangler dev` for the browser tests and the screenshot script: a fresh local D1
// (its own --persist-to folder, migrations and seed applied as in `npm run db:setup`), on port 8790.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";

export const PORT = 8790;
export const BASE = `http://127.0.0.1:${PORT}`;
const INSPECTOR_PORT = 8792;

const root = new URL("../../", import.meta.url).pathname;
const wrangler = join(root, "node_modules/.bin/wrangler");
const state = join(root, ".wrangler/browser-state");

export interface Server {
  url: string;
  stop(): Promise<void>;
}

async function waitUntilUp(child: ChildProcess, log: () => string, timeoutMs = 90_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${log()}`);
    try {
      const res = await fetch(`${BASE}/robots.txt`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`wrangler dev did not answer on ${BASE} within ${timeoutMs} ms:\n${log()}`);
}

/** Migrates and seeds a fresh local D1, then serves the Worker on {@link BASE}. */
export async function startServer(): Promise<Server> {
  rmSync(state, { recursive: true, force: true });
  const d1 = (...args: string[]) =>
    execFileSync(wrangler, ["d1", ...args, "DB", "--local", "--persist-to", state], {
      cwd: root,
      stdio: "pipe",
      env: { ...process.env, CI: "true" },
    });
  d1("migrations", "apply");
  d1("execute", "--file=seed/seed.sql");
  let output = "";
  const child = spawn(
    wrangler,
    [
      "dev",
      "--port",
      String(PORT),
      "--ip",
      "127.0.0.1",
      "--inspector-port",
      String(INSPECTOR_PORT),
      "--persist-to",
      state,
      "--var",
      `PUBLIC_ORIGIN:${BASE}`,
      "--show-interactive-dev-session=false",
    ],
    { cwd: root, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, CI: "true" } },
  );
  child.stdout?.on("data", (d) => {
    output += d;
  });
  child.stderr?.on("data", (d) => {
    output += d;
  });
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise((r) => child.once("exit", r));
    process.kill(-child.pid, "SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) process.kill(-child.pid, "SIGKILL");
  };
  try {
    await waitUntilUp(child, () => output);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: BASE, stop };
}
