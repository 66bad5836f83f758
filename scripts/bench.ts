// `npm run bench`: each endpoint side by side with the cheapest response the same server gives — a static file
// from public/ with the same bytes as that endpoint's response (its "twin": the same size, served by the asset
// server, which never runs the Worker), and for the 304 the twin answering its own If-None-Match — in the same
// run, so that the numbers are ratios that hold on a noisy, shared machine. Each endpoint is measured twice: on the
// cold path (a `Cookie` header makes the response cache step aside, so every request runs its D1 batch) and on the
// cached path (a plain request, answered by the isolate's LRU). And all of it at several D1 delays: `wrangler dev`
// is started once per delay with `DEV_MODE=1 D1_DELAY_MS=n` (bench/d1-delay.ts adds n ms to every D1 round
// trip), from 0 (local D1) to 80 ms (a primary on another continent). Each server gets its own seeded local D1
// (.wrangler/bench/), is warmed, then every target is measured at a fixed concurrency in rounds that interleave
// the targets. Prints one table per delay and a summary, and writes bench/results/bench.json.
//
// Options (environment): BENCH_DELAYS (ms, default "0,20,80"), BENCH_SECONDS (per target per round, default 2),
// BENCH_ROUNDS (default 3), BENCH_CONNECTIONS (default 10), BENCH_ONLY (comma-separated words: only the rows whose
// name contains one, for a quick look; the summary then covers those rows only).
import { rmSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import {
  type Measurement,
  machine,
  measure,
  type Probe,
  probe,
  root,
  TWIN_DIR,
  table,
  writeResults,
  writeTwins,
} from "../bench/harness.ts";
import { prepareLocalDb, serveWorker } from "./lib/dev-server.ts";

const DELAYS = (process.env.BENCH_DELAYS ?? "0,20,80").split(",").map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ONLY = (process.env.BENCH_ONLY ?? "").split(",").filter(Boolean);
const PORT = 8795;
const INSPECTOR_PORT = 8796;
const persistTo = join(root, ".wrangler/bench");
/** Any credential makes the response cache step aside: the cold path, measured on the same server. */
const COLD = { cookie: "bench=cold" };

interface Row {
  name: string;
  path: string;
  /** Minimum ratio of the cached path to its static twin (issue 14); 0 for the context row. */
  target: number;
  /** A conditional request with the response's own ETag: a 304, against the twin's 304. */
  revalidate?: boolean;
  /** The context row: the cheapest response that runs the Worker at all (a redirect, no D1, no cache). */
  floor?: boolean;
}

const PRODUCT = "mien-dong-tan-viet-a";
const LIST = "/api/v1/products";
const rows: Row[] = [
  { name: "worker floor (/api 302)", path: "/api", target: 0, floor: true },
  { name: "product list", path: LIST, target: 0.8 },
  { name: "search (q=mien dong)", path: `${LIST}?q=mien%20dong`, target: 0.8 },
  {
    name: "filtered list, facets",
    path: `${LIST}?tier=national,regional,provincial&group=processed_food,handicraft&scheme=cnnt,ocop&sort=name`,
    target: 0.8,
  },
  { name: "product detail", path: `${LIST}/${PRODUCT}`, target: 0.8 },
  { name: "catalogue page", path: "/san-pham", target: 0.8 },
  { name: "product page", path: `/san-pham/${PRODUCT}`, target: 0.8 },
  { name: "304 revalidation", path: LIST, target: 0.9, revalidate: true },
].filter((r) => !ONLY.length || ONLY.some((w) => r.name.includes(w)));

type Mode = "static" | "floor" | "cold" | "cached";
interface Measured {
  row: Row;
  mode: Mode;
  path: string;
  headers: Record<string, string>;
  probe: Probe;
  rounds: Measurement[];
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

// The D1 delay wrapper is left out of deployable builds; wrangler dev's [build] command inherits this.
process.env.WORKER_DEV_TOOLS = "1";

console.log(`bench: seeding a local D1 in ${persistTo} …`);
prepareLocalDb(persistTo, [join(root, "seed/seed.sql")]);
// Each row's twin is a static file with the bytes its endpoint answers, written from a first short-lived server.
const first = await serveWorker({ port: PORT, inspectorPort: INSPECTOR_PORT, persistTo });
const twins = await writeTwins(
  first.origin,
  rows.filter((r) => !r.floor).map((r) => r.path),
);
await first.stop();
// The floor's twin: the smallest static response, a 304 of the first twin.
const twinOf = (r: Row) => twins.get(r.floor ? (rows.find((x) => !x.floor)?.path ?? LIST) : r.path);

const runs: { delay_ms: number; load_before: string; load_after: string; results: unknown[] }[] = [];
const summary: (string | number)[][] = [];
try {
  for (const delay of DELAYS) {
    console.log(`\nbench: D1 delay ${delay} ms — starting wrangler dev on 127.0.0.1:${PORT} …`);
    const loadBefore = load();
    const worker = await serveWorker({
      port: PORT,
      inspectorPort: INSPECTOR_PORT,
      persistTo,
      args: ["--var", "DEV_MODE:1", "--var", `D1_DELAY_MS:${delay}`],
    });
    try {
      const url = (p: string) => `${worker.origin}${p}`;
      // Every target once: status, size, round trips, and the layer that answered; a static twin must be served
      // with its endpoint's size (a 304 with none).
      const live: Measured[] = [];
      const add = async (row: Row, mode: Mode, path: string, headers: Record<string, string>) => {
        const existing = live.find(
          (l) => l.mode === mode && l.path === path && JSON.stringify(l.headers) === JSON.stringify(headers),
        );
        if (existing) return existing;
        let p = await probe(url(path), headers);
        if (mode === "cached") p = await probe(url(path), headers); // the first may have filled the cache
        const want =
          row.floor && mode !== "static"
            ? 302
            : row.revalidate || (row.floor && mode === "static")
              ? 304
              : 200;
        if (p.status !== want)
          throw new Error(`${row.name} (${mode}): ${path} answered ${p.status}, expected ${want}`);
        if (mode === "static" && want === 200 && p.bytes !== twinOf(row)?.bytes)
          throw new Error(
            `${row.name}: the static twin ${path} is ${p.bytes} B, not ${twinOf(row)?.bytes} B`,
          );
        if (mode === "cached" && p.layer !== "lru")
          throw new Error(`${row.name} (cached): answered by '${p.layer}', not the LRU`);
        if (mode === "cold" && p.layer !== "bypass")
          throw new Error(`${row.name} (cold): answered by '${p.layer}', not D1`);
        const m: Measured = { row, mode, path, headers, probe: p, rounds: [] };
        live.push(m);
        return m;
      };
      const lines: { row: Row; twin: Measured; cold?: Measured; cached?: Measured; floor?: Measured }[] = [];
      for (const row of rows) {
        const twinPath = twinOf(row)?.path ?? "";
        const conditional = async (path: string, extra: Record<string, string> = {}) => {
          const etag = (await probe(url(path), extra)).etag;
          if (!etag) throw new Error(`${path} sends no ETag`);
          return { "if-none-match": etag };
        };
        const revalidating = row.revalidate || row.floor;
        const twin = await add(row, "static", twinPath, revalidating ? await conditional(twinPath) : {});
        if (row.floor) {
          lines.push({ row, twin, floor: await add(row, "floor", row.path, {}) });
          continue;
        }
        const own = row.revalidate ? await conditional(row.path) : {};
        const cold = await add(row, "cold", row.path, { ...own, ...COLD });
        const cached = await add(row, "cached", row.path, own);
        lines.push({ row, twin, cold, cached });
      }

      console.log(`bench: warming up (${live.length} targets) …`);
      for (const t of live)
        await measure(url(t.path), { connections: CONNECTIONS, seconds: 1, headers: t.headers });

      for (let round = 1; round <= ROUNDS; round++) {
        for (const t of live) {
          process.stdout.write(`bench: ${delay} ms, round ${round}/${ROUNDS} ${t.row.name} (${t.mode}) … `);
          const m = await measure(url(t.path), {
            connections: CONNECTIONS,
            seconds: SECONDS,
            headers: t.headers,
          });
          const want = t.probe.status;
          const unexpected = Object.entries(m.statuses).filter(([s]) => Number(s) !== want);
          if (m.errors || unexpected.length)
            console.log(
              `(${m.errors} errors, unexpected statuses ${JSON.stringify(Object.fromEntries(unexpected))})`,
            );
          console.log(`${m.rps.toFixed(0)} req/s`);
          t.rounds.push(m);
        }
      }
      const loadAfter = load();

      // The ratio of each round to its twin's req/s in the same round, then the median over rounds: load from
      // other processes on a shared machine moves both alike within a round.
      const stats = (t: Measured, twin: Measured) => ({
        rps: mean(t.rounds.map((m) => m.rps)),
        p50: mean(t.rounds.map((m) => m.p50)),
        p99: mean(t.rounds.map((m) => m.p99)),
        ratio: median(t.rounds.map((m, i) => m.rps / (twin.rounds[i]?.rps ?? Number.NaN))),
      });
      const table_rows: (string | number)[][] = [];
      for (const { row, twin, cold, cached, floor } of lines) {
        const s = stats(twin, twin);
        const c = (cold ?? floor) && stats((cold ?? floor) as Measured, twin);
        const h = cached && stats(cached, twin);
        const fmt = (x: ReturnType<typeof stats> | undefined, ratio = true) =>
          x
            ? [x.rps.toFixed(0), ...(ratio ? [x.ratio.toFixed(2)] : []), x.p50.toFixed(1), x.p99.toFixed(1)]
            : ["", "", "", ""];
        const verdict = h
          ? `≥ ${row.target} ${h.ratio >= row.target ? "ok" : "MISSED"}${delay === 80 ? `; p50 ${h.p50 - s.p50 >= 0 ? "+" : ""}${(h.p50 - s.p50).toFixed(1)} ms ${Math.round((h.p50 - s.p50) * 10) <= 50 ? "ok" : "MISSED"}` : ""}`
          : "";
        table_rows.push([
          row.name,
          twin.probe.bytes,
          ...fmt(s, false),
          ...fmt(c),
          (cold ?? floor)?.probe.roundTrips ?? "-",
          ...fmt(h),
          cached?.probe.roundTrips ?? "",
          verdict,
        ]);
        if (h && c)
          summary.push([
            `${row.name} @ ${delay} ms`,
            c.ratio.toFixed(2),
            h.ratio.toFixed(2),
            `≥ ${row.target}`,
            `${(h.p50 - s.p50 >= 0 ? "+" : "") + (h.p50 - s.p50).toFixed(1)} ms`,
          ]);
        else if (c) summary.push([`${row.name} @ ${delay} ms`, c.ratio.toFixed(2), "", "context", ""]);
      }
      console.log(
        `\nD1 delay ${delay} ms — ${CONNECTIONS} connections, ${ROUNDS} × ${SECONDS} s per target (interleaved); × static = median over rounds of req/s ÷ the same-size static twin's req/s in the same round; load average ${loadBefore} → ${loadAfter}\n`,
      );
      console.log(
        table(
          [
            "endpoint",
            "bytes",
            "static req/s",
            "p50",
            "p99",
            "cold req/s",
            "× static",
            "p50",
            "p99",
            "D1",
            "cached req/s",
            "× static",
            "p50",
            "p99",
            "D1",
            "target (cached)",
          ],
          table_rows,
        ),
      );
      runs.push({
        delay_ms: delay,
        load_before: loadBefore,
        load_after: loadAfter,
        results: lines.flatMap(({ row, twin, cold, cached, floor }) =>
          [twin, cold, cached, floor]
            .filter((t): t is Measured => !!t)
            .map((t) => ({
              row: row.name,
              path: t.path,
              mode: t.mode,
              headers: t.headers,
              status: t.probe.status,
              bytes: t.probe.bytes,
              d1_round_trips: t.probe.roundTrips,
              layer: t.probe.layer,
              target_ratio: t.mode === "cached" ? row.target : null,
              ...(({ rps, p50, p99, ratio }) => ({ rps, p50_ms: p50, p99_ms: p99, ratio }))(stats(t, twin)),
              rounds: t.rounds,
            })),
        ),
      });
    } finally {
      await worker.stop();
    }
  }
} finally {
  rmSync(TWIN_DIR, { recursive: true, force: true });
}

console.log("\nSummary: × the same-size static twin, cold path → cached path; cached p50 − the twin's p50\n");
console.log(table(["endpoint @ D1 delay", "cold", "cached", "target", "p50 vs static"], summary));
const file = writeResults(ONLY.length ? "bench-partial.json" : "bench.json", {
  command: `npm run bench${ONLY.length ? ` (BENCH_ONLY=${ONLY.join(",")})` : ""}`,
  date: new Date().toISOString(),
  machine: machine(),
  settings: {
    delays_ms: DELAYS,
    connections: CONNECTIONS,
    seconds_per_round: SECONDS,
    rounds: ROUNDS,
    port: PORT,
  },
  twins: Object.fromEntries(twins),
  runs,
});
console.log(`\nbench: wrote ${file}`);
