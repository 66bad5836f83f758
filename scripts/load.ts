// Mixed read/write load against a real `wrangler dev` (its own port and local state, loopback only), bounded in
// time, then a consistency check: every acknowledged write is there, concurrent writers on one listing each won a
// distinct version, and the change feed is gap-free, ordered and holds exactly the acknowledged writes.
//
//   npm run load                 30 s: 32 reading connections (autocannon) + 24 writers with their own API keys
//   npm run load -- --short      4 s, fewer connections (run by `npm test`)
//   npm run load -- --duration 60 --port 8803
//
// Reads are anonymous from loopback, which the rate limiter does not count. Writers are paced under their key's
// limit (RATE_LIMIT_KEY in wrangler.toml), so their 429s would be real failures; one extra "probe" key is driven
// past its limit on purpose and its 429s are counted as intended. 412s of writers racing on one listing with
// If-Match are intended too. Exit status 1 if anything else goes wrong.
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import { generateApiKey } from "../src/platform/http/api-key.ts";
import { startDevServer } from "./lib/dev-server.ts";
import { d1Query } from "./lib/wrangler.ts";

/** The part of autocannon's API used here (the package ships no types). */
type Autocannon = (opts: Record<string, unknown>) => Promise<{
  requests: { total: number; average: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
}>;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const short = args.includes("--short");
const DURATION_S = flag("--duration", short ? 4 : 30);
const PORT = flag("--port", 8802);
const READ_CONNECTIONS = flag("--read-connections", short ? 12 : 32);
const WRITERS = flag("--writers", short ? 8 : 24);
/** Writers stay under RATE_LIMIT_KEY (50 per 10 s per key): at most one request per 250 ms each. */
const WRITE_INTERVAL_MS = 250;

const failures: string[] = [];
const fail = (msg: string) => {
  failures.push(msg);
  console.error(`FAIL ${msg}`);
};

const quantile = (sorted: number[], q: number) =>
  sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) : 0;
const tally = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
const fmt = (m: Map<string, number>) =>
  [...m]
    .sort()
    .map(([k, n]) => `${k}: ${n}`)
    .join(", ") || "none";

console.log(
  `load${short ? " (short)" : ""}: ${DURATION_S} s on 127.0.0.1:${PORT}; ${READ_CONNECTIONS} reading connections, up to ${WRITERS} writers`,
);
const server = await startDevServer({
  port: PORT,
  inspectorPort: PORT + 1,
  persistTo: ".wrangler/load-state",
});
const origin = server.origin;

try {
  const getJson = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${origin}${path}`);
    if (!res.ok) throw new Error(`${path} → ${res.status}`);
    return (await res.json()) as T;
  };
  const products = (await getJson<{ data: { slug: string }[] }>("/api/v1/products?limit=100")).data.map(
    (p) => p.slug,
  );
  const channels = (await getJson<{ data: { slug: string }[] }>("/api/v1/channels")).data.map((c) => c.slug);
  const producers = (await getJson<{ data: { slug: string }[] }>("/api/v1/producers?limit=100")).data.map(
    (p) => p.slug,
  );
  const hasWrites = (await fetch(`${origin}/api/v1/changes?limit=1`)).status === 200;

  // ---- Reads: autocannon over a mix of every public endpoint, some as 304 revalidations.
  const readPaths = [
    "/api/v1/products",
    "/api/v1/products?q=mien%20dong",
    "/api/v1/products?q=lap%20suon&lang=en",
    "/api/v1/products?tier=national,regional&sort=name",
    "/api/v1/products?channel=aeon&scheme=ocop",
    "/api/v1/products?limit=5&sort=newest",
    ...products.map((s) => `/api/v1/products/${s}`),
    "/api/v1/producers",
    ...producers.slice(0, 5).map((s) => `/api/v1/producers/${s}`),
    "/api/v1/channels",
    ...channels.map((s) => `/api/v1/channels/${s}`),
    "/api/v1/recognitions?scheme=ocop",
    "/api/v1/programme",
    ...(hasWrites ? ["/api/v1/changes?limit=100"] : []),
  ];
  const etags = new Map<string, string>();
  for (const p of readPaths.filter((p) => !p.includes("/channels") && !p.includes("changes"))) {
    const tag = (await fetch(`${origin}${p}`)).headers.get("etag");
    if (tag) etags.set(p, tag);
  }
  // Warm-up (not measured): every read path once, and one write path, so that the first seconds do not measure
  // the Worker's start-up.
  await Promise.all(readPaths.map(async (p) => (await fetch(`${origin}${p}`)).arrayBuffer()));
  const readStatus = new Map<string, number>();
  let readPick = 0;
  const reads = autocannon({
    url: origin,
    connections: READ_CONNECTIONS,
    duration: DURATION_S,
    timeout: 10,
    requests: [
      {
        method: "GET",
        setupRequest: (req: Record<string, unknown>) => {
          // Every fifth request revalidates a page the client already has (If-None-Match → 304 while unchanged).
          const i = readPick++;
          const revalidate = i % 5 === 0 ? [...etags][(i / 5) % etags.size] : undefined;
          if (revalidate) return { ...req, path: revalidate[0], headers: { "if-none-match": revalidate[1] } };
          return { ...req, path: readPaths[i % readPaths.length] ?? "/api/v1/products", headers: {} };
        },
        onResponse: (status: number) => {
          tally(readStatus, String(status));
        },
      },
    ],
  });

  // ---- Writes: paced workers with their own keys; the listings each owns, one hot listing per channel shared.
  interface Ack {
    listing: string;
    op: "put" | "delete";
    status: number;
    version?: number;
    price?: number | null;
    seq: number;
  }
  const acks: Ack[] = [];
  const writeStatus = new Map<string, number>();
  const writeLatency: number[] = [];
  const unsure = new Set<string>();
  let probe429 = 0;
  let probeRetryAfter = "";
  let ackSeq = 0;
  let priceCounter = 1000;
  let feedStart = 0;
  let writers: Promise<void> = Promise.resolve();
  let probeRun = async () => {};

  if (hasWrites) {
    // Keys straight into the server's local D1 (as `npm run key:create` does), one wrangler call for all.
    const slots = Array.from({ length: WRITERS + 1 }, (_, i) => channels[i % channels.length] ?? "aeon");
    const keys = await Promise.all(slots.map(async (channel) => ({ channel, ...(await generateApiKey()) })));
    const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
    d1Query(
      server.target,
      keys.map(
        (k, i) =>
          `INSERT INTO api_keys (channel_id, name, prefix, hash) SELECT id, ${lit(`load ${i}`)}, ${lit(k.prefix)}, ${lit(k.hash)} FROM channels WHERE slug = ${lit(k.channel)}`,
      ),
    );
    // The feed position before the load: later entries are the load's.
    let since = "";
    for (;;) {
      const page = await getJson<{
        data: { seq: number }[];
        page: { has_more: boolean; next_cursor: string };
      }>(
        `/api/v1/changes?limit=1000&include=illustrative${since ? `&since=${encodeURIComponent(since)}` : ""}`,
      );
      feedStart = page.data.at(-1)?.seq ?? feedStart;
      since = page.page.next_cursor;
      if (!page.page.has_more) break;
    }

    const deadline = performance.now() + DURATION_S * 1000;
    // products[0] is every channel's hot listing, the last product is the probe's, the rest are owned.
    const hot = products[0] ?? "";
    const probeProduct = products.at(-1) ?? "";
    const ownable = products.slice(1, -1);
    const writersOf = (channel: string) => keys.slice(0, WRITERS).filter((k) => k.channel === channel);
    const write = async (
      key: string,
      method: "PUT" | "DELETE",
      channel: string,
      product: string,
      headers: Record<string, string> = {},
    ) => {
      const price = method === "PUT" ? priceCounter++ : null;
      const started = performance.now();
      const listing = `${channel}/${product}`;
      try {
        const res = await fetch(`${origin}/api/v1/channels/${channel}/listings/${product}`, {
          method,
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
          body:
            method === "PUT"
              ? JSON.stringify({
                  status: "in_stock",
                  price_vnd: price,
                  stores: [{ name: "Load", city: "Hà Nội", province: "Hà Nội" }],
                })
              : undefined,
        });
        const text = await res.text();
        writeLatency.push(performance.now() - started);
        const body = text && res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : {};
        if (res.ok) {
          acks.push({
            listing,
            op: method === "PUT" ? "put" : "delete",
            status: res.status,
            version: body.version,
            price,
            seq: ackSeq++,
          });
        }
        return {
          status: res.status,
          etag: res.headers.get("etag"),
          retryAfter: res.headers.get("retry-after"),
        };
      } catch (e) {
        unsure.add(listing);
        tally(writeStatus, `error ${(e as Error).message}`);
        return { status: 0, etag: null, retryAfter: null };
      }
    };
    const worker = async (k: (typeof keys)[number], index: number) => {
      const mates = writersOf(k.channel);
      const mine = ownable.filter((_, j) => j % mates.length === mates.indexOf(k));
      let hotTag: string | null = null;
      let n = index;
      while (performance.now() < deadline) {
        const started = performance.now();
        n++;
        if (n % 5 === 0) {
          // Racing on the channel's hot listing with If-Match (create-only while it does not exist): one winner
          // per version, the others get 412 with the current ETag and retry from there.
          const r = await write(
            k.key,
            "PUT",
            k.channel,
            hot,
            hotTag ? { "if-match": hotTag } : { "if-none-match": "*" },
          );
          tally(writeStatus, r.status === 412 ? "412 (intended: lost an If-Match race)" : String(r.status));
          if ([200, 201, 412].includes(r.status)) hotTag = r.etag;
        } else {
          const product = mine[n % Math.max(1, mine.length)];
          if (!product) continue;
          const method = n % 7 === 0 ? "DELETE" : "PUT";
          const r = await write(k.key, method, k.channel, product);
          tally(
            writeStatus,
            method === "DELETE" && r.status === 404 ? "404 (intended: deleted twice)" : String(r.status),
          );
        }
        const wait = WRITE_INTERVAL_MS - (performance.now() - started);
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
    };
    const probe = async () => {
      // Past the key's limit on purpose, on a listing nobody else writes: a burst of 120 at once: more than
      // twice the limit (50 per 10 s), so it is refused even if a window ends during the burst.
      const k = keys[WRITERS];
      if (!k) return;
      const results = await Promise.all(
        Array.from({ length: 120 }, () => write(k.key, "PUT", k.channel, probeProduct)),
      );
      for (const r of results) {
        if (r.status === 429) {
          probe429++;
          probeRetryAfter = r.retryAfter ?? "";
        } else tally(writeStatus, `probe ${r.status}`);
      }
    };
    // The probe runs after the mixed phase, so that its burst does not distort the latencies measured there.
    writers = Promise.all(keys.slice(0, WRITERS).map(worker)).then(() => undefined);
    probeRun = probe;
  }

  const [readResult] = await Promise.all([reads, writers]);
  const lat = [...writeLatency].sort((a, b) => a - b);
  await probeRun();

  // ---- Report the traffic.
  const readUnexpected = [...readStatus].filter(([s]) => !["200", "304"].includes(s));
  const writeUnexpected = [...writeStatus].filter(([s]) => !/^(200|201|204|probe 20[01])$|intended/.test(s));
  console.log(
    `reads:  ${readResult.requests.total} requests, ${Math.round(readResult.requests.average)} req/s, p50 ${readResult.latency.p50} ms, p99 ${readResult.latency.p99} ms; ${fmt(readStatus)}; connection errors ${readResult.errors}, timeouts ${readResult.timeouts}`,
  );
  if (readResult.errors || readResult.timeouts)
    fail(`reads: ${readResult.errors} errors, ${readResult.timeouts} timeouts`);
  if (readUnexpected.length)
    fail(`reads: unexpected statuses ${readUnexpected.map(([s, n]) => `${s}×${n}`).join(", ")}`);
  if (!hasWrites) {
    fail("writes: the write API (PUT listings, /api/v1/changes) does not answer; nothing was written");
  } else {
    console.log(
      `writes: ${lat.length} requests from ${WRITERS} writers, ${(lat.length / DURATION_S).toFixed(0)} req/s, p50 ${quantile(lat, 0.5).toFixed(0)} ms, p99 ${quantile(lat, 0.99).toFixed(0)} ms; ${fmt(writeStatus)}`,
    );
    console.log(
      `        then a rate-limit probe (120 writes at once with one key): ${probe429} intended 429s (Retry-After: ${probeRetryAfter || "missing"})`,
    );
    if (writeUnexpected.length)
      fail(`writes: unexpected ${writeUnexpected.map(([s, n]) => `${s}×${n}`).join(", ")}`);
    if (!probe429) fail("the rate-limit probe was never limited (expected 429s past RATE_LIMIT_KEY)");
    if (probe429 && probeRetryAfter === "") fail("429 without Retry-After");

    // ---- Consistency: every acknowledged write present, one winner per version, the feed complete.
    const byListing = new Map<string, Ack[]>();
    for (const a of acks) byListing.set(a.listing, [...(byListing.get(a.listing) ?? []), a]);
    let checked = 0;
    for (const [listing, list] of byListing) {
      const res = await fetch(`${origin}/api/v1/channels/${listing.replace("/", "/listings/")}`);
      const body =
        res.status === 200 ? ((await res.json()) as { version: number; price_vnd: number | null }) : null;
      const puts = list.filter((a) => a.op === "put");
      const versions = puts.map((a) => a.version);
      if (new Set(versions).size !== versions.length && list.every((a) => a.op === "put")) {
        fail(`${listing}: two acknowledged writes got the same version (${versions.join(",")})`);
      }
      const last = [...list].sort((a, b) => a.seq - b.seq).at(-1);
      if (unsure.has(listing)) continue;
      checked++;
      if (last?.op === "delete") {
        if (res.status !== 404)
          fail(`${listing}: last acknowledged write was a delete, but it is there (${res.status})`);
      } else if (!body) {
        fail(`${listing}: last acknowledged write (price ${last?.price}) is missing (${res.status})`);
      } else {
        // Racing writers (puts only): the winner is the acknowledged write with the highest version. One writer
        // with deletes (versions restart): its last acknowledged write, as it waits for each answer.
        const winner = list.some((a) => a.op === "delete")
          ? last
          : [...puts].sort((a, b) => (a.version ?? 0) - (b.version ?? 0)).at(-1);
        if (body.version !== winner?.version || body.price_vnd !== winner?.price) {
          fail(
            `${listing}: holds version ${body.version} price ${body.price_vnd}, acknowledged winner was version ${winner?.version} price ${winner?.price}`,
          );
        }
      }
    }
    // The feed (all of it: illustrative records included): gap-free and ordered from the start; after the load's
    // start, one entry per acknowledged change.
    const feed: { seq: number; entity: string; key: string; op: string }[] = [];
    let since = "";
    for (;;) {
      const page = await getJson<{ data: typeof feed; page: { has_more: boolean; next_cursor: string } }>(
        `/api/v1/changes?limit=1000&include=illustrative${since ? `&since=${encodeURIComponent(since)}` : ""}`,
      );
      feed.push(...page.data);
      since = page.page.next_cursor;
      if (!page.page.has_more) break;
    }
    const gaps = feed.filter((c, i) => i > 0 && c.seq !== (feed[i - 1]?.seq ?? 0) + 1).length;
    if (gaps) fail(`change feed: ${gaps} gaps or reorderings in ${feed.length} entries`);
    const loadEntries = feed.filter((c) => c.seq > feedStart && c.entity === "listing");
    const entriesBy = new Map<string, typeof feed>();
    for (const c of loadEntries) entriesBy.set(c.key, [...(entriesBy.get(c.key) ?? []), c]);
    let feedMismatch = 0;
    for (const [listing, list] of byListing) {
      if (unsure.has(listing)) continue;
      const entries = entriesBy.get(listing) ?? [];
      // A listing with deletes has one writer, which waits for each answer: acknowledgement order is commit
      // order, so the feed must hold exactly that sequence. The hot listing's racing writers only PUT (If-Match),
      // and their answers may arrive in another order than they committed: every entry is an upsert, one each.
      const expected = list.some((a) => a.op === "delete")
        ? list.map((a) => (a.op === "put" ? "upsert" : "delete"))
        : list.map(() => "upsert");
      if (entries.map((e) => e.op).join() !== expected.join()) {
        feedMismatch++;
        fail(
          `change feed for ${listing}: ${entries.length} entries (${entries.map((e) => e.op).join(",")}), expected ${expected.join(",")}`,
        );
      }
    }
    const stray = [...entriesBy.keys()].filter((k) => !byListing.has(k));
    if (stray.length) fail(`change feed has entries for listings nobody wrote: ${stray.join(", ")}`);
    console.log(
      `consistency: ${acks.length} acknowledged writes on ${byListing.size} listings (${checked} checked against their last acknowledged state); change feed ${feed.length} entries, ${gaps} gaps, ${loadEntries.length} from the load, ${feedMismatch} listings mismatched; ${unsure.size} listings with unacknowledged writes`,
    );
  }
} finally {
  await server.stop();
}

if (failures.length) {
  console.error(`load: ${failures.length} failure(s)`);
  process.exit(1);
}
console.log("load: OK (0 errors, no unexpected statuses, consistent)");
