// `npm run bench:profile`: where a response's cost goes under `wrangler dev`, to explain the ratios `npm run bench`
// reports. For the product list's static twin, the cheapest responses any Worker can give (bench/floor.ts:
// no routing, no app; with no headers and with as many as a cached API response carries) and the app's cached
// answers, as 200 and as 304, it measures req/s at a fixed concurrency and the CPU time per request of every process
// taking part — the load generator (this process), wrangler's Node process and its workerd processes (read from
// /proc, so Linux only) — in rounds that interleave the targets. Writes bench/results/profile.json.
//
// Options (environment): BENCH_SECONDS (per target per round, default 3), BENCH_ROUNDS (default 3),
// BENCH_CONNECTIONS (default 10).
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import {
  machine,
  measure,
  probe,
  root,
  TWIN_DIR,
  table,
  writeResults,
  writeTwins,
} from "../bench/harness.ts";
import { prepareLocalDb, serveWorker } from "./lib/dev-server.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PORT = 8795;
const persistTo = join(root, ".wrangler/bench");
const LIST = "/api/v1/products";
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

process.env.WORKER_DEV_TOOLS = "1";
console.log(`profile: seeding a local D1 in ${persistTo} …`);
prepareLocalDb(persistTo, [join(root, "seed/seed.sql")]);
const opts = { port: PORT, inspectorPort: PORT + 1, persistTo, args: ["--var", "DEV_MODE:1"] };
const first = await serveWorker(opts);
const twin = (await writeTwins(first.origin, [LIST])).get(LIST) as { path: string; bytes: number };
await first.stop();

/** The processes of the wrangler dev listening on PORT: it and its descendants (its workerd processes). */
function serverProcesses(): { pid: number; name: string }[] {
  const rows = execFileSync("ps", ["-eo", "pid=,ppid=,comm=,args="], { encoding: "utf8" })
    .split("\n")
    .map((l) => l.trim().split(/\s+/))
    .filter((r) => r.length >= 4)
    .map((r) => ({ pid: Number(r[0]), ppid: Number(r[1]), comm: r[2] ?? "", args: r.slice(3).join(" ") }));
  const top = rows.find((r) => r.comm.startsWith("node") && r.args.includes(`--port ${PORT}`));
  if (!top) throw new Error(`no wrangler dev process on port ${PORT}`);
  const tree = [top];
  for (let i = 0; i < tree.length; i++)
    for (const r of rows) if (r.ppid === tree[i]?.pid && !tree.includes(r)) tree.push(r);
  let n = 0;
  return tree.map((r) => ({
    pid: r.pid,
    name: r.comm.startsWith("workerd") ? `workerd ${++n}` : r === top ? "wrangler (node)" : r.comm,
  }));
}
const TICK = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());
function cpuMs(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return ((Number(f[11]) + Number(f[12])) / TICK) * 1000;
  } catch {
    return 0;
  }
}

const worker = await serveWorker(opts);
const results: {
  name: string;
  path: string;
  rounds: { rps: number; p50: number; perProcess: Record<string, number>; bench: number }[];
  headers: number;
}[] = [];
const loadBefore = load();
try {
  const url = (p: string) => `${worker.origin}${p}`;
  await probe(url(LIST)); // fills the cache
  const cached = await fetch(url(LIST));
  await cached.arrayBuffer();
  const n = [...cached.headers].filter(([h]) => !/^content-(type|length)$/.test(h)).length;
  const etag = cached.headers.get("etag") ?? "";
  const staticEtag = (await fetch(url(twin.path))).headers.get("etag") ?? "";
  const targets: { name: string; path: string; headers?: Record<string, string> }[] = [
    { name: "static twin 200", path: twin.path },
    { name: "bare Worker 200, no headers", path: `/__bench/floor?bytes=${twin.bytes}` },
    {
      name: "bare Worker 200, a cached answer's headers",
      path: `/__bench/floor?bytes=${twin.bytes}&headers=${n}`,
    },
    { name: "cached list 200 (the app)", path: LIST },
    {
      name: "static twin 304",
      path: twin.path,
      headers: { "if-none-match": staticEtag },
    },
    { name: "bare Worker 304, no headers", path: "/__bench/floor?status=304" },
    { name: "bare Worker 304, a cached answer's headers", path: `/__bench/floor?status=304&headers=${n}` },
    { name: "cached list 304 (the app)", path: LIST, headers: { "if-none-match": etag } },
  ];
  for (const t of targets) {
    const res = await fetch(url(t.path), { headers: t.headers });
    await res.arrayBuffer();
    if (res.status !== (t.name.includes("304") ? 304 : 200)) throw new Error(`${t.name}: ${res.status}`);
    // As sent: the fields the response carries (content-length included where there is a body).
    results.push({ name: t.name, path: t.path, rounds: [], headers: [...res.headers].length });
  }
  const procs = serverProcesses();
  for (const t of targets)
    await measure(url(t.path), { connections: CONNECTIONS, seconds: 1, headers: t.headers });
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [i, t] of targets.entries()) {
      const before = procs.map((p) => cpuMs(p.pid));
      const self = process.cpuUsage();
      const m = await measure(url(t.path), {
        connections: CONNECTIONS,
        seconds: SECONDS,
        headers: t.headers,
      });
      const mine = process.cpuUsage(self);
      const perProcess = Object.fromEntries(
        procs.map((p, k) => [p.name, (cpuMs(p.pid) - (before[k] ?? 0)) / m.requests]),
      );
      results[i]?.rounds.push({
        rps: m.rps,
        p50: m.p50,
        perProcess,
        bench: (mine.user + mine.system) / 1000 / m.requests,
      });
      console.log(`profile: round ${round}/${ROUNDS} ${t.name}: ${m.rps.toFixed(0)} req/s`);
    }
  }
} finally {
  await worker.stop();
  rmSync(TWIN_DIR, { recursive: true, force: true });
}
const loadAfter = load();

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const names = Object.keys(results[0]?.rounds[0]?.perProcess ?? {});
const staticOf = (i: number) => results[i < 4 ? 0 : 4];
const rows = results.map((r, i) => {
  const base = staticOf(i);
  const ratio = mean(r.rounds.map((x, k) => x.rps / (base?.rounds[k]?.rps ?? Number.NaN)));
  const per = names.map((nm) => mean(r.rounds.map((x) => x.perProcess[nm] ?? 0)));
  const server = per.reduce((a, b) => a + b, 0);
  return [
    r.name,
    r.headers,
    mean(r.rounds.map((x) => x.rps)).toFixed(0),
    ratio.toFixed(2),
    mean(r.rounds.map((x) => x.p50)).toFixed(1),
    ...per.map((x) => x.toFixed(3)),
    server.toFixed(3),
    mean(r.rounds.map((x) => x.bench)).toFixed(3),
  ];
});
console.log(
  `\nCPU ms per request by process; ${CONNECTIONS} connections, ${ROUNDS} × ${SECONDS} s per target (interleaved); × static = mean over rounds of req/s ÷ the static twin's (200 or 304) in the same round; load average ${loadBefore} → ${loadAfter}\n`,
);
console.log(
  table(
    ["response", "headers", "req/s", "× static", "p50", ...names, "server total", "load generator"],
    rows as (string | number)[][],
  ),
);
const file = writeResults("profile.json", {
  command: "npm run bench:profile",
  date: new Date().toISOString(),
  machine: machine(),
  settings: {
    connections: CONNECTIONS,
    seconds_per_round: SECONDS,
    rounds: ROUNDS,
    load_before: loadBefore,
    load_after: loadAfter,
  },
  results,
});
console.log(`\nprofile: wrote ${file}`);
