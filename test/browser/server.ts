// Starts the real Worker under `wrangler dev` for the browser tests and the screenshot script: a fresh local D1
// (its own --persist-to folder, migrations and seed applied as in `npm run db:setup`), on port 8790.
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { startDevServer } from "../../scripts/lib/dev-server.ts";

export const PORT = 8790;
export const BASE = `http://127.0.0.1:${PORT}`;
const INSPECTOR_PORT = 8792;

const root = new URL("../../", import.meta.url).pathname;
/** Everything wrangler dev printed, for when a test finds the server gone. */
export const SERVER_LOG = join(root, ".wrangler/browser-dev.log");

export interface Server {
  url: string;
  stop(): Promise<void>;
}

/** Migrates and seeds a fresh local D1, then serves the Worker on {@link BASE}. */
export async function startServer(): Promise<Server> {
  mkdirSync(dirname(SERVER_LOG), { recursive: true });
  writeFileSync(SERVER_LOG, "");
  const server = await startDevServer({
    port: PORT,
    inspectorPort: INSPECTOR_PORT,
    persistTo: ".wrangler/browser-state",
    args: ["--var", `PUBLIC_ORIGIN:${BASE}`],
    readyPath: "/robots.txt",
    // Info, not warn: the simulated send_email binding logs the path of each message it writes (enquiry.test.ts).
    logLevel: "info",
    log: (line) => appendFileSync(SERVER_LOG, `${line}\n`),
    onUnexpectedExit: (code, signal) =>
      console.error(`wrangler dev exited early (${code ?? signal}); its output is in ${SERVER_LOG}`),
  });
  return { url: BASE, stop: server.stop };
}
