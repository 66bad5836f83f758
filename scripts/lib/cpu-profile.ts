// CPU profiles of the Worker's isolate, read the way the platform bills CPU: the JavaScript the Worker runs (with
// V8's compiling and garbage collection), not the time it waits for D1, the network or the next request. Used by
// `npm run budget` (scripts/budget.ts), for `wrangler check startup`'s profile and for per-request profiles taken
// through `wrangler dev`'s inspector port (Chrome DevTools protocol: Profiler.start / Profiler.stop). The
// inspector sees only the Worker's isolate: local D1's SQLite runs in another, so it is not counted.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SourceMapConsumer } from "source-map-js";
import WebSocket from "ws";

/** A V8 CPU profile (the DevTools protocol's Profiler.Profile). */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Milliseconds the isolate was busy in a profile: every sample but `(idle)`. */
export function activeMs(profile: CpuProfile): number {
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === "(idle)").map((n) => n.id));
  let us = 0;
  profile.samples.forEach((id, i) => {
    if (!idle.has(id)) us += profile.timeDeltas[i] ?? 0;
  });
  return us / 1000;
}

/**
 * Busy time by where it was spent: an npm package (`zod`, `hono` …), a source file of this repository, or V8's own
 * work (`(program)`: compiling and the runtime; `(garbage collector)`), found through the build's source maps in
 * `dist/`. Adds into `into` (milliseconds) and returns it.
 */
export function busyByOrigin(profile: CpuProfile, dist: string, into = new Map<string, number>()) {
  const maps = new Map<string, SourceMapConsumer | null>();
  const origin = new Map<number, string>();
  const consumer = (file: string) => {
    if (!maps.has(file)) {
      try {
        maps.set(file, new SourceMapConsumer(JSON.parse(readFileSync(join(dist, `${file}.map`), "utf8"))));
      } catch {
        maps.set(file, null);
      }
    }
    return maps.get(file) ?? null;
  };
  for (const n of profile.nodes) {
    const { functionName, url, lineNumber, columnNumber } = n.callFrame;
    const file = /(?:^|\/)((?:chunks\/)?[^/]+\.js)$/.exec(url)?.[1];
    let where = functionName.startsWith("(")
      ? functionName
      : url.startsWith("cloudflare-internal:") || url.startsWith("node:")
        ? "(workerd's runtime APIs)"
        : "(V8 built-ins)";
    if (file && lineNumber >= 0) {
      const source = consumer(file)?.originalPositionFor({
        line: lineNumber + 1,
        column: columnNumber,
      }).source;
      if (source) {
        const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)?.[1];
        where = pkg ?? source.replace(/^(\.\.\/)+/, "");
      } else where = "(module top level)";
    } else if (file) where = "(module top level)";
    origin.set(n.id, where);
  }
  profile.samples.forEach((id, i) => {
    const where = origin.get(id) ?? "(V8 built-ins)";
    if (where === "(idle)") return;
    into.set(where, (into.get(where) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return into;
}

/** A DevTools protocol session with the Worker behind `wrangler dev --inspector-port`. */
export async function inspect(inspectorPort: number) {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  const url = targets[0]?.webSocketDebuggerUrl;
  if (!url) throw new Error(`no Worker behind the inspector on port ${inspectorPort}`);
  const ws = new WebSocket(url, { maxPayload: 1 << 30 });
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  // wrangler's inspector proxy sends the runtime requests of its own (Runtime.enable …) with small ids and passes
  // their answers on to us: our ids start far above them.
  let next = 1_000_000;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  ws.on("message", (data) => {
    const m = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string } };
    const p = m.id === undefined ? undefined : pending.get(m.id);
    if (!p || m.id === undefined) return;
    pending.delete(m.id);
    if (m.error) p.reject(new Error(m.error.message));
    else p.resolve(m.result);
  });
  const send = <T>(method: string, params: object = {}) =>
    new Promise<T>((resolve, reject) => {
      const id = ++next;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${method}: no answer from the inspector within 30 s`));
      }, 30_000);
      const settle =
        <A>(f: (a: A) => void) =>
        (a: A) => {
          clearTimeout(timer);
          f(a);
        };
      pending.set(id, { resolve: settle(resolve as (v: unknown) => void), reject: settle(reject) });
      ws.send(JSON.stringify({ id, method, params }));
    });
  await send("Profiler.enable");
  // 100 µs: fine enough for requests of a few milliseconds, coarse enough not to slow them much.
  await send("Profiler.setSamplingInterval", { interval: 100 });
  return {
    /** Profiles the isolate while `work` runs. */
    async profile(work: () => Promise<void>): Promise<CpuProfile> {
      await send("Profiler.start");
      await work();
      return (await send<{ profile: CpuProfile }>("Profiler.stop")).profile;
    },
    close: () => ws.close(),
  };
}
