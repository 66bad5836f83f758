// `npm run bench:mirror`: what a fresh mirror of the whole catalogue costs a chain, with and without hydration.
//   1. At the seed size (seed/seed.sql): the requests, bytes and time of a fresh mirror that reads the change feed
//      and then GETs every upserted record's `href` (the way without `expand`), against one that reads the feed
//      with `expand=record` (each upsert carries its record), both from the beginning, `include=illustrative`
//      and without.
//   2. At 100,000 synthetic products (bench/synthetic.ts, in its own local D1 under .wrangler/bench-mirror/): the
//      requests and wall time of a fresh mirror with `expand=record&limit=1000&include=illustrative` (every
//      synthetic row is illustrative), one request at a time, as the SDK's `mirror()` runs.
// `wrangler dev` on port 8811 (loopback: not rate-limited; the 100-per-10-s budget is applied to the counts after).
// Writes bench/results/mirror.json. BENCH_MIRROR_SIZE=10000 for a quicker second part. Run under
// `flock /tmp/wrangler.lock` (it starts wrangler dev).
import { readdirSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { machine, root, table, writeResults } from "../bench/harness.ts";
import { fillSynthetic } from "../bench/synthetic.ts";
import { prepareLocalDb, serveWorker } from "./lib/dev-server.ts";

const PORT = 8811;
const INSPECTOR_PORT = 8812;
const SIZE = Number(process.env.BENCH_MIRROR_SIZE ?? 100_000);
/** The anonymous budget a chain's mirror runs under: 100 requests per 10 s per address. */
const PER_10_S = 100;

interface Walk {
  requests: number;
  feed_pages: number;
  entries: number;
  records: number;
  bytes: number;
  seconds: number;
  /** The least time the requests take under the rate limit (100 per 10 s), whatever the server's speed. */
  rate_limited_floor_s: number;
}

async function get(origin: string, path: string) {
  const res = await fetch(`${origin}${path}`);
  const text = await res.text();
  if (!res.ok) throw new Error(`${path} → ${res.status} ${text.slice(0, 200)}`);
  return { text, body: JSON.parse(text) };
}

/** Reads the whole change feed from the beginning; without `expand`, then GETs each distinct upserted href. */
async function freshMirror(origin: string, query: string, expand: boolean): Promise<Walk> {
  const t0 = performance.now();
  let requests = 0;
  let bytes = 0;
  let entries = 0;
  let records = 0;
  let pages = 0;
  const latest = new Map<string, string | null>();
  let cursor: string | undefined;
  for (;;) {
    const qs = new URLSearchParams(query);
    qs.set("limit", "1000");
    if (expand) qs.set("expand", "record");
    if (cursor) qs.set("cursor", cursor);
    const { text, body } = await get(origin, `/api/v1/changes?${qs}`);
    requests++;
    pages++;
    bytes += text.length;
    for (const c of body.data) {
      entries++;
      latest.set(`${c.entity}:${c.key}`, c.href);
      if (expand && c.record) records++;
    }
    cursor = body.page.next_cursor;
    if (!body.page.has_more) break;
  }
  if (!expand)
    for (const href of new Set(latest.values()))
      if (href) {
        const { text } = await get(origin, href);
        requests++;
        records++;
        bytes += text.length;
      }
  const seconds = (performance.now() - t0) / 1000;
  const floor = Math.max(0, Math.ceil(requests / PER_10_S) - 1) * 10;
  return {
    requests,
    feed_pages: pages,
    entries,
    records,
    bytes,
    seconds: Number(seconds.toFixed(2)),
    rate_limited_floor_s: floor,
  };
}

const results: Record<string, unknown> = { machine: machine(), load_before: loadavg()[0]?.toFixed(1) };

// 1. The seed.
{
  const persistTo = join(root, ".wrangler/bench-mirror/seed");
  prepareLocalDb(persistTo);
  const worker = await serveWorker({ port: PORT, inspectorPort: INSPECTOR_PORT, persistTo });
  try {
    const rows: (string | number)[][] = [];
    const seed: Record<string, Walk> = {};
    for (const [name, query] of [
      ["real", ""],
      ["include=illustrative", "include=illustrative"],
    ] as const)
      for (const expand of [false, true]) {
        const w = await freshMirror(worker.origin, query, expand);
        seed[`${name}${expand ? " expand=record" : ""}`] = w;
        rows.push([
          `${name}${expand ? ", expand=record" : ", feed + GET each href"}`,
          w.requests,
          w.entries,
          w.records,
          (w.bytes / 1024).toFixed(0),
          w.seconds,
        ]);
      }
    results.seed = seed;
    console.log(`\nFresh mirror at the seed size\n`);
    console.log(table(["mirror", "requests", "entries", "records", "KiB", "s"], rows));
  } finally {
    await worker.stop();
  }
}

// 2. The synthetic catalogue.
{
  const persistTo = join(root, `.wrangler/bench-mirror/${SIZE}`);
  prepareLocalDb(persistTo, []);
  const d1Dir = join(persistTo, "v3/d1/miniflare-D1DatabaseObject");
  const file = readdirSync(d1Dir)
    .filter((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite")
    .map((f) => join(d1Dir, f))[0];
  if (!file) throw new Error(`no D1 SQLite file under ${d1Dir}`);
  const counts = fillSynthetic(file, SIZE);
  console.log(`\n${SIZE} synthetic products: ${JSON.stringify(counts)}`);
  const worker = await serveWorker({
    port: PORT,
    inspectorPort: INSPECTOR_PORT,
    persistTo,
    args: ["--var", "CACHE_VERSION_TTL_MS:0"],
  });
  try {
    const w = await freshMirror(worker.origin, "include=illustrative", true);
    results.synthetic = { size: SIZE, counts, mirror: w, load_after: loadavg()[0]?.toFixed(1) };
    console.log(
      `fresh mirror, expand=record&limit=1000&include=illustrative: ${w.requests} requests, ${w.entries} entries, ` +
        `${(w.bytes / 2 ** 20).toFixed(1)} MiB in ${w.seconds} s (rate-limit floor ${w.rate_limited_floor_s} s)`,
    );
  } finally {
    await worker.stop();
  }
}

console.log(`\nwrote ${writeResults("mirror.json", results)}`);
