// `npm run bench`: each endpoint side by side with the cheapest response the same server gives — a static file
// from public/ of the same size as the product list — in the same run, so that the numbers are ratios that hold
// on a noisy, shared machine. Starts its own `wrangler dev` (the deployable build) on port 8795 over its own
// seeded local D1 (.wrangler/bench/), warms it, then measures each target at a fixed concurrency, in rounds that
// interleave the targets. Prints a table and writes bench/results/bench.json.
//
// Options (environment): BENCH_SECONDS (per target per round, default 2), BENCH_ROUNDS (default 4),
// BENCH_CONNECTIONS (default 10).
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  type Measurement,
  machine,
  measure,
  type Probe,
  probe,
  root,
  table,
  writeResults,
} from "../bench/harness.ts";
import { prepareLocalDb, serveWorker } from "./lib/dev-server.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PORT = 8795;
const INSPECTOR_PORT = 8796;
const persistTo = join(root, ".wrangler/bench");
const ceilingDir = join(root, "public/bench");

interface Target {
  name: string;
  path: string;
  /** Minimum ratio to the static ceiling (issue 5). */
  target: number;
  headers?: Record<string, string>;
  /** Pages are built in parallel; they are measured once they answer 200. */
  optional?: boolean;
  expect?: number;
}

const PRODUCT = "mien-dong-tan-viet-a";
const targets: Target[] = [
  { name: "static file (ceiling)", path: "/bench/ceiling.json", target: 1 },
  // Context, not a target: the cheapest response that runs the Worker at all (a redirect, no D1).
  { name: "worker floor (/api 302)", path: "/api", target: 0, expect: 302 },
  { name: "product list", path: "/api/v1/products", target: 0.5 },
  { name: "search (q=mien dong)", path: "/api/v1/products?q=mien%20dong", target: 0.5 },
  {
    name: "filtered list, facets",
    path: "/api/v1/products?tier=national,regional,provincial&group=processed_food,handicraft&scheme=cnnt,ocop&sort=name",
    target: 0.5,
  },
  { name: "product detail", path: `/api/v1/products/${PRODUCT}`, target: 0.5 },
  { name: "catalogue page", path: "/san-pham", target: 0.5, optional: true },
  { name: "product page", path: `/san-pham/${PRODUCT}`, target: 0.5, optional: true },
  { name: "304 revalidation", path: "/api/v1/products", target: 0.8, expect: 304 },
];

console.log(`bench: seeding a local D1 in ${persistTo} …`);
prepareLocalDb(persistTo, [join(root, "seed/seed.sql")]);
// The ceiling is a static file exactly as large as the product list response; wrangler dev reads public/ when it
// starts, so a first short-lived server answers the list, and the measured one starts with the file in place.
console.log(`bench: starting wrangler dev on 127.0.0.1:${PORT} (runs the [build] command) …`);
rmSync(ceilingDir, { recursive: true, force: true });
const first = await serveWorker({ port: PORT, inspectorPort: INSPECTOR_PORT, persistTo });
const listBody = await (await fetch(`${first.origin}/api/v1/products`)).text();
await first.stop();
mkdirSync(ceilingDir, { recursive: true });
writeFileSync(join(ceilingDir, "ceiling.json"), listBody);
const worker = await serveWorker({ port: PORT, inspectorPort: INSPECTOR_PORT, persistTo });
try {
  const url = (p: string) => `${worker.origin}${p}`;
  const ceilingProbe = await probe(url("/bench/ceiling.json"));
  if (ceilingProbe.status !== 200 || ceilingProbe.bytes !== Buffer.byteLength(listBody))
    throw new Error(`the static ceiling file is not served: ${JSON.stringify(ceilingProbe)}`);

  // Probe every target once: status, size, round trips; the 304 needs the list's ETag.
  const etag = (await probe(url("/api/v1/products"))).etag;
  if (!etag) throw new Error("the product list sends no ETag");
  const live: (Target & { probe: Probe })[] = [];
  const skipped: Target[] = [];
  for (const t of targets) {
    const headers = t.expect === 304 ? { "if-none-match": etag } : t.headers;
    const p = await probe(url(t.path), headers);
    if (p.status !== (t.expect ?? 200)) {
      if (t.optional) {
        skipped.push(t);
        continue;
      }
      throw new Error(`${t.name}: ${t.path} answered ${p.status}, expected ${t.expect ?? 200}`);
    }
    live.push({ ...t, headers, probe: p });
  }

  console.log(`bench: warming up (${live.length} targets) …`);
  for (const t of live)
    await measure(url(t.path), { connections: CONNECTIONS, seconds: 1, headers: t.headers });

  const runs = new Map<string, Measurement[]>();
  for (let round = 1; round <= ROUNDS; round++) {
    for (const t of live) {
      process.stdout.write(`bench: round ${round}/${ROUNDS} ${t.name} … `);
      const m = await measure(url(t.path), {
        connections: CONNECTIONS,
        seconds: SECONDS,
        headers: t.headers,
      });
      const unexpected = Object.entries(m.statuses).filter(([s]) => Number(s) !== (t.expect ?? 200));
      if (m.errors || unexpected.length)
        console.log(
          `(${m.errors} errors, unexpected statuses ${JSON.stringify(Object.fromEntries(unexpected))})`,
        );
      console.log(`${m.rps.toFixed(0)} req/s`);
      runs.set(t.name, [...(runs.get(t.name) ?? []), m]);
    }
  }

  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const summary = live.map((t) => {
    const ms = runs.get(t.name) ?? [];
    return {
      name: t.name,
      path: t.path,
      headers: t.headers ?? {},
      status: t.probe.status,
      bytes: t.probe.bytes,
      rps: mean(ms.map((m) => m.rps)),
      p50_ms: mean(ms.map((m) => m.p50)),
      p99_ms: mean(ms.map((m) => m.p99)),
      d1_round_trips: t.probe.roundTrips,
      target_ratio: t.target,
      rounds: ms,
    };
  });
  // The ratio of each round to the ceiling of the same round, then the median: load from other processes on a
  // shared machine moves both alike within a round.
  const ceilingRounds = summary[0]?.rounds ?? [];
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
  const ceiling = summary[0]?.rps ?? Number.NaN;
  const rows = summary.map((s) => ({
    ...s,
    ratio: median(s.rounds.map((m, i) => m.rps / (ceilingRounds[i]?.rps ?? Number.NaN))),
  }));

  console.log(
    `\n${CONNECTIONS} connections, ${ROUNDS} × ${SECONDS} s per target (interleaved); × static = median over rounds of req/s ÷ the static file's req/s in the same round (${rows[0]?.bytes} B)\n`,
  );
  console.log(
    table(
      ["endpoint", "status", "bytes", "req/s", "p50 ms", "p99 ms", "× static", "target", "D1 trips"],
      [
        ...rows.map((r) => [
          r.name,
          r.status,
          r.bytes,
          r.rps.toFixed(0),
          r.p50_ms.toFixed(1),
          r.p99_ms.toFixed(1),
          r.ratio.toFixed(2),
          r.target_ratio === 0 || r.name.startsWith("static")
            ? ""
            : `≥ ${r.target_ratio} ${r.ratio >= r.target_ratio ? "ok" : "MISSED"}`,
          r.d1_round_trips ?? "-",
        ]),
        ...skipped.map((t) => [t.name, "n/a (not built)", "", "", "", "", "", "", ""]),
      ],
    ),
  );

  const file = writeResults("bench.json", {
    command: "npm run bench",
    date: new Date().toISOString(),
    machine: machine(),
    settings: { connections: CONNECTIONS, seconds_per_round: SECONDS, rounds: ROUNDS, port: PORT },
    ceiling: { path: "/bench/ceiling.json", bytes: rows[0]?.bytes, rps: ceiling },
    results: rows.map(({ rounds, ...r }) => ({ ...r, rounds })),
    not_built: skipped.map((t) => ({ name: t.name, path: t.path })),
  });
  console.log(`\nbench: wrote ${file}`);
} finally {
  await worker.stop();
  rmSync(ceilingDir, { recursive: true, force: true });
}
