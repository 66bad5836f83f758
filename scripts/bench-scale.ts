// `npm run bench:scale`: how cost grows with the catalogue. For 1,000, 10,000 and 100,000 synthetic products
// (bench/synthetic.ts; each size in its own local D1 under .wrangler/bench-scale/, never the real one) it
//   1. times search, the filtered list with facets, the unfiltered list with facets, deep cursor pages and the
//      product detail over HTTP against `wrangler dev` (port 8797; sequential requests, p50 of 25),
//   2. runs the same query functions on the same SQLite file, statement by statement, to show where time goes,
//   3. prints the growth 1k → 100k and, at the largest size, the query plans (EXPLAIN QUERY PLAN through
//      `wrangler d1 execute --command`), flagging any full scan of products.
// Writes bench/results/scale.json. Options (environment): BENCH_SCALE_SIZES (e.g. "1000,10000"),
// BENCH_SCALE_SAMPLES (requests per endpoint, default 25).
import { readdirSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { machine, root, table, timeRequests, wrangler, writeResults } from "../bench/harness.ts";
import { inlineParams, type StatementTiming, sqliteD1 } from "../bench/sqlite-d1.ts";
import { fillSynthetic } from "../bench/synthetic.ts";
import { type ListProductsInput, listProducts, scopeOf } from "../src/catalogue/products/products.queries.ts";
import { createDb } from "../src/platform/db/client.ts";
import { getProduct } from "../src/platform/db/product-detail.ts";
import { encodeCursor } from "../src/platform/lib/cursor.ts";
import { prepareLocalDb, serveWorker } from "./lib/dev-server.ts";
import { ensureDevVars } from "./lib/dev-vars.ts";

const SIZES = (process.env.BENCH_SCALE_SIZES ?? "1000,10000,100000").split(",").map(Number);
const SAMPLES = Number(process.env.BENCH_SCALE_SAMPLES ?? 25);
const PORT = 8797;
const INSPECTOR_PORT = 8798;
// The secret wrangler dev signs cursors with (.dev.vars; wrangler.toml holds none).
const secret = ensureDevVars().CURSOR_SECRET ?? "";

interface Scenario {
  name: string;
  /** Growth target 1k → 100k for the p50 (issue 5), if any. */
  growth?: number;
  input?: ListProductsInput;
  url: string;
}

// Every synthetic row is a sample, so illustrative (bench/synthetic.ts): without include=illustrative the API
// would leave them all out and every scenario would measure an empty answer. The shopper's pages always include
// them (after the real ones), so this is also the path most requests take.
const base: ListProductsInput = { limit: 20, lang: "vi", includeIllustrative: true };

/** The scenarios at one size; deep cursors point half-way through the catalogue in that order. */
async function scenarios(file: string, n: number): Promise<Scenario[]> {
  const mid = Math.floor(n / 2);
  const byName = d1Row(file, `SELECT sort_vi, id FROM products ORDER BY sort_vi, id LIMIT 1 OFFSET ${mid}`);
  const byTier = d1Row(
    file,
    `SELECT tier_rank, sort_vi, id FROM products ORDER BY tier_rank DESC, sort_vi, id LIMIT 1 OFFSET ${mid}`,
  );
  const detail = d1Row(file, `SELECT slug FROM products WHERE id = ${mid}`);
  const nameInput: ListProductsInput = { ...base, sort: "name" };
  const tierInput: ListProductsInput = { ...base, sort: "tier" };
  const nameCursor = await encodeCursor(secret, {
    scope: scopeOf(nameInput, "name"),
    // Real products first: the illustrative flag leads the key (1: every synthetic row).
    key: [1, String(byName.sort_vi), Number(byName.id)],
  });
  const tierCursor = await encodeCursor(secret, {
    scope: scopeOf(tierInput, "tier"),
    key: [1, Number(byTier.tier_rank), String(byTier.sort_vi), Number(byTier.id)],
  });
  const q = (params: Record<string, string>) =>
    `/api/v1/products?${new URLSearchParams({ ...params, include: "illustrative" })}`;
  return [
    {
      name: "search (q=mien dong)",
      growth: 3,
      input: { ...base, q: "mien dong" },
      url: q({ q: "mien dong" }),
    },
    // Issue 26: a typo ("dng" is no word of the catalogue: corrected to "dong" through search_words) and a synonym
    // (lạp xưởng, the southern spelling: the products' alias column holds it).
    {
      name: "search typo (q=mien dng)",
      growth: 3,
      input: { ...base, q: "mien dng" },
      url: q({ q: "mien dng" }),
    },
    {
      name: "search synonym (q=lap xuong)",
      growth: 3,
      input: { ...base, q: "lap xuong" },
      url: q({ q: "lap xuong" }),
    },
    {
      name: "filtered list + facets",
      growth: 3,
      input: { ...base, tier: ["national", "regional"], group: ["processed_food"] },
      url: q({ tier: "national,regional", group: "processed_food" }),
    },
    { name: "unfiltered list + facets", input: base, url: q({}) },
    {
      name: "deep cursor (name, 50%)",
      input: { ...nameInput, cursor: nameCursor },
      url: q({ sort: "name", cursor: nameCursor }),
    },
    {
      name: "deep cursor (tier, 50%)",
      input: { ...tierInput, cursor: tierCursor },
      url: q({ sort: "tier", cursor: tierCursor }),
    },
    {
      name: "product detail",
      growth: 1.5,
      url: `/api/v1/products/${detail.slug}?include=illustrative`,
    },
  ];
}

/** One row from the synthetic database, read-only. */
function d1Row(file: string, sql: string): Record<string, unknown> {
  const db = sqliteD1(file);
  try {
    const row = db.rows(sql)[0];
    if (!row) throw new Error(`no row for ${sql}`);
    return row;
  } finally {
    db.close();
  }
}

/** The statements a scenario runs, each timed (median of 5 runs) on the SQLite file. */
async function statementTimes(
  file: string,
  s: Scenario,
): Promise<{ sql: string; params: unknown[]; ms: number; rows: number }[]> {
  const db = sqliteD1(file);
  try {
    const runs: StatementTiming[][] = [];
    for (let i = 0; i < 6; i++) {
      if (s.input) await listProducts(db.d1, secret, s.input);
      else await getProduct(createDb(db.d1), s.url.split("/").at(-1)?.split("?")[0] ?? "", "vi", true);
      runs.push(db.take());
    }
    runs.shift(); // the first run warms SQLite's page cache
    const first = runs[0] ?? [];
    return first.map((st, i) => {
      const times = runs.map((r) => r[i]?.ms ?? 0).sort((a, b) => a - b);
      return { sql: st.sql, params: st.params, ms: times[Math.floor(times.length / 2)] ?? 0, rows: st.rows };
    });
  } finally {
    db.close();
  }
}

/** A short name for a statement of listProducts / getProduct, from its SQL. */
function statementName(sql: string, i: number, detail: boolean): string {
  // Read without identifier quotes: statements name the schema's tables through drizzle, which quotes them.
  const s = sql.replace(/\s+/g, " ").replaceAll('"', "");
  if (detail)
    return ["product + producer", "recognitions", "listings", "support projects", "related"][i] ?? `#${i}`;
  // The page: one statement, or two when facet_counts picks between walking an index and SQLite's plan (only one
  // of them runs).
  if (/SELECT p\.id, p\.slug/.test(s))
    return /INDEXED BY products_(real_)?(tier|sort|name)/.test(s)
      ? "page (index walk)"
      : i === 0
        ? "page"
        : "page (SQLite's plan)";
  if (/FROM channel_counts/.test(s)) return "facet channel (channel_counts)";
  if (/FROM (facet_counts|product_facets)/.test(s)) return "facets tier+group+district+scheme";
  if (/^ ?SELECT NULL AS n/.test(s)) return "total (from facet_counts)";
  const k = /SELECT (p|pr|c|r)\.(\w+) AS k/.exec(s);
  if (k) {
    const names: Record<string, string> = {
      tier_rank: "tier",
      product_group: "group",
      district_slug: "district",
      scheme: "scheme",
    };
    return `facet ${k[1] === "pr" && k[2] === "slug" ? "producer" : k[1] === "c" ? "channel" : (names[k[2] ?? ""] ?? k[2])}`;
  }
  if (/^ ?SELECT count\(\*\) AS n FROM products/.test(s)) return "total";
  return i === 0 ? "page" : `#${i}`;
}

const results: {
  size: number;
  counts: ReturnType<typeof fillSynthetic>;
  fill_s: number;
  /** 1-minute load average before → after the HTTP timings (the machine is shared). */
  load: string;
  http: { name: string; url: string; p50_ms: number; p90_ms: number; status: number }[];
  sql: { scenario: string; statements: { name: string; ms: number; rows: number }[] }[];
}[] = [];
let plans: { scenario: string; statement: string; plan: string[]; full_scan: boolean }[] = [];

for (const n of SIZES) {
  const persistTo = join(root, `.wrangler/bench-scale/${n}`);
  console.log(`\nscale ${n}: migrating a fresh local D1 in ${persistTo} …`);
  prepareLocalDb(persistTo, []);
  const d1Dir = join(persistTo, "v3/d1/miniflare-D1DatabaseObject");
  const file = readdirSync(d1Dir)
    .filter((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite")
    .map((f) => join(d1Dir, f))[0];
  if (!file) throw new Error(`no D1 SQLite file under ${d1Dir}`);
  const t0 = performance.now();
  const counts = fillSynthetic(file, n);
  const fill_s = (performance.now() - t0) / 1000;
  console.log(`scale ${n}: ${JSON.stringify(counts)} written in ${fill_s.toFixed(1)} s`);

  const list = await scenarios(file, n);
  const sql: (typeof results)[number]["sql"] = [];
  for (const s of list) {
    const st = await statementTimes(file, s);
    sql.push({
      scenario: s.name,
      statements: st.map((x, i) => ({ name: statementName(x.sql, i, !s.input), ms: x.ms, rows: x.rows })),
    });
    if (n === Math.max(...SIZES)) {
      plans.push(
        ...st.map((x, i) => ({
          scenario: s.name,
          statement: statementName(x.sql, i, !s.input),
          plan: [inlineParams(x.sql, x.params as never[])],
          full_scan: false,
        })),
      );
    }
  }

  console.log(`scale ${n}: starting wrangler dev on 127.0.0.1:${PORT} …`);
  // The response cache off (a version age of 0): this measures the query layer, which a repeated request would
  // otherwise never reach.
  const worker = await serveWorker({
    port: PORT,
    inspectorPort: INSPECTOR_PORT,
    persistTo,
    args: ["--var", "CACHE_VERSION_TTL_MS:0"],
  });
  const http: (typeof results)[number]["http"] = [];
  const loadBefore = loadavg()[0] ?? 0;
  try {
    for (const s of list) {
      await timeRequests(`${worker.origin}${s.url}`, 10);
      const t = await timeRequests(`${worker.origin}${s.url}`, SAMPLES);
      if (t.status !== 200) throw new Error(`${s.name}: ${s.url} answered ${t.status}`);
      http.push({ name: s.name, url: s.url, p50_ms: t.p50, p90_ms: t.p90, status: t.status });
      console.log(`scale ${n}: ${s.name.padEnd(26)} p50 ${t.p50.toFixed(1)} ms`);
    }
  } finally {
    await worker.stop();
  }
  const load = `${loadBefore.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)}`;
  console.log(`scale ${n}: load average (1 min) during the HTTP timings ${load}`);
  results.push({ size: n, counts, fill_s, load, http, sql });

  if (n === Math.max(...SIZES)) {
    // Plans as D1 itself makes them, in one `wrangler d1 execute --command` (statements shared by scenarios once).
    const distinct = [...new Map(plans.map((p) => [p.plan[0] ?? "", p])).keys()];
    const out = JSON.parse(
      wrangler([
        "d1",
        "execute",
        "DB",
        "--local",
        "--persist-to",
        persistTo,
        "--json",
        "--command",
        distinct.map((q) => `EXPLAIN QUERY PLAN ${q}`).join(";\n"),
      ]),
    ) as { results: { detail: string }[] }[];
    const planOf = new Map(distinct.map((q, i) => [q, (out[i]?.results ?? []).map((r) => r.detail)]));
    plans = plans.map((p) => {
      const plan = planOf.get(p.plan[0] ?? "") ?? [];
      return { ...p, plan, full_scan: plan.some((l) => /^SCAN (p|products)$/.test(l.trim())) };
    });
  }
}

// Report.
const first = results[0];
const last = results.at(-1);
console.log(
  `\nHTTP p50 (ms), sequential requests through wrangler dev; growth = p50 at ${last?.size} / p50 at ${first?.size}; ÷ detail = that growth divided by the product detail's (whose SQL is flat: it shows how much busier the machine was during one size's timings than another's); load average ${results.map((r) => `${r.size / 1000}k ${r.load}`).join(", ")}\n`,
);
const names = first?.http.map((h) => h.name) ?? [];
const targetOf = (name: string) => {
  if (name.startsWith("search") || name.startsWith("filtered")) return 3;
  if (name === "product detail") return 1.5;
  return undefined;
};
console.log(
  table(
    ["scenario", ...results.map((r) => `${r.size / 1000}k`), "growth", "÷ detail", "target"],
    names.map((name) => {
      const p50s = (n: string) => results.map((r) => r.http.find((h) => h.name === n)?.p50_ms ?? Number.NaN);
      const p = p50s(name);
      const growth = (p.at(-1) ?? Number.NaN) / (p[0] ?? Number.NaN);
      const d = p50s("product detail");
      const detailGrowth = (d.at(-1) ?? Number.NaN) / (d[0] ?? Number.NaN);
      const target = targetOf(name);
      return [
        name,
        ...p.map((x) => x.toFixed(1)),
        `${growth.toFixed(2)}×`,
        `${(growth / detailGrowth).toFixed(2)}×`,
        target === undefined ? "" : `≤ ${target}× ${growth <= target ? "ok" : "MISSED"}`,
      ];
    }),
  ),
);

console.log("\nWhere the time goes: each statement's SQLite time (ms, median of 5), by size\n");
for (const scenario of names) {
  const stmts = first?.sql.find((s) => s.scenario === scenario)?.statements ?? [];
  console.log(
    table(
      [scenario, ...results.map((r) => `${r.size / 1000}k ms`), `rows @${(last?.size ?? 0) / 1000}k`],
      stmts.map((st, i) => [
        st.name,
        ...results.map((r) =>
          (r.sql.find((s) => s.scenario === scenario)?.statements[i]?.ms ?? Number.NaN).toFixed(2),
        ),
        last?.sql.find((s) => s.scenario === scenario)?.statements[i]?.rows ?? "",
      ]),
    ),
  );
  console.log("");
}

console.log(`Query plans at ${(last?.size ?? 0) / 1000}k (EXPLAIN QUERY PLAN via wrangler d1 execute)\n`);
const printed = new Map<string, string>();
for (const p of plans) {
  const key = p.plan.join("\n") + p.statement;
  const label = `${p.scenario} — ${p.statement}`;
  const seen = printed.get(key);
  if (seen) {
    console.log(`${label}: as ${seen}`);
    continue;
  }
  printed.set(key, label);
  console.log(`${label}${p.full_scan ? "   ← FULL SCAN OF products" : ""}`);
  for (const line of p.plan) console.log(`    ${line}`);
}
const scans = plans.filter((p) => p.full_scan);
console.log(
  scans.length
    ? `\n${scans.length} statement(s) scan the whole products table.`
    : "\nNo statement scans the products table: every filter and sort uses an index.",
);

const file = writeResults("scale.json", {
  command: "npm run bench:scale",
  date: new Date().toISOString(),
  machine: machine(),
  settings: { sizes: SIZES, samples: SAMPLES, port: PORT },
  results,
  plans,
});
console.log(`\nbench:scale: wrote ${file}`);
