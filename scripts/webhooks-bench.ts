// Webhook figures, measured locally: delivery latency from a listing write to its receipt, and deliveries per
// second through the queue. Serves the Worker under `wrangler dev` (fresh seeded D1, local queues) with loopback
// receivers allowed, registers endpoints that point at a real Node HTTP receiver, writes, and times arrivals.
//
//   flock /tmp/wrangler.lock npm run bench:webhooks            (20 writes for latency; 5 endpoints × 10 bulk writes)
//   flock /tmp/wrangler.lock npm run bench:webhooks -- --writes 50 --endpoints 8 --bulks 20
import { parseArgs } from "node:util";
import { generateApiKey } from "../src/platform/http/api-key.ts";
import { startDevServer } from "./lib/dev-server.ts";
import { type Received, startReceiver } from "./lib/webhook-receiver.ts";
import { d1Query } from "./lib/wrangler.ts";

const { values } = parseArgs({
  options: {
    writes: { type: "string", default: "20" },
    endpoints: { type: "string", default: "5" },
    bulks: { type: "string", default: "10" },
  },
});
const WRITES = Number(values.writes);
const ENDPOINTS = Number(values.endpoints);
const BULKS = Number(values.bulks);

const receiver = await startReceiver();
const hook = (box: string) => `http://127.0.0.1:${receiver.port}/ok/${box}`;
const server = await startDevServer({
  port: 8815,
  inspectorPort: 8816,
  persistTo: ".wrangler/webhooks-bench-state",
  args: ["--var", "WEBHOOK_ALLOW_LOOPBACK:1"],
});
const received = async (box: string): Promise<Received[]> =>
  (await fetch(`http://127.0.0.1:${receiver.port}/received/${box}`)).json() as Promise<Received[]>;
async function waitFor(box: string, n: number, timeoutMs = 120_000): Promise<Received[]> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const r = await received(box);
    if (r.length >= n) return r;
    if (Date.now() > end) throw new Error(`${box}: ${r.length} of ${n} deliveries after ${timeoutMs} ms`);
    await new Promise((res) => setTimeout(res, 20));
  }
}
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};

try {
  const { key, prefix, hash } = await generateApiKey();
  d1Query(server.target, [
    `INSERT INTO api_keys (channel_id, name, prefix, hash) SELECT id, 'bench', '${prefix}', '${hash}' FROM channels WHERE slug = 'aeon'`,
  ]);
  const auth = { authorization: `Bearer ${key}`, "content-type": "application/json" };
  const api = (path: string, init?: RequestInit) => fetch(`${server.origin}/api/v1${path}`, init);
  const register = async (box: string) => {
    const res = await api("/channels/aeon/webhooks", {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ url: hook(box), events: ["listing"] }),
    });
    if (res.status !== 201) throw new Error(`register: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  };
  const listing = (price: number) => ({ status: "in_stock", price_vnd: price, stores: [] });

  // Latency: one write at a time, each waited for; from the write's response to the receipt, and from its start.
  const latencyEndpoint = await register("latency");
  const fromStart: number[] = [];
  const fromResponse: number[] = [];
  for (let i = 1; i <= WRITES; i++) {
    const started = Date.now();
    const res = await api("/channels/aeon/listings/mien-dong-tan-viet-a", {
      method: "PUT",
      headers: auth,
      body: JSON.stringify(listing(60_000 + i)),
    });
    await res.arrayBuffer();
    const answered = Date.now();
    const [got] = (await waitFor("latency", i)).slice(-1);
    fromStart.push((got?.at ?? 0) - started);
    fromResponse.push((got?.at ?? 0) - answered);
    await new Promise((r) => setTimeout(r, 50)); // keep rate-limit headroom (50 keyed requests per 10 s)
  }
  await api(`/channels/aeon/webhooks/${latencyEndpoint}`, { method: "DELETE", headers: auth });

  // Throughput: ENDPOINTS endpoints, BULKS bulk writes of every real product (one change per product each;
  // illustrative records are not delivered to endpoints that did not opt in).
  const products = (
    (await (await api("/products?limit=100")).json()) as { data: { slug: string }[] }
  ).data.map((p) => p.slug);
  for (let e = 0; e < ENDPOINTS; e++) await register(`tp${e}`);
  const started = Date.now();
  for (let b = 1; b <= BULKS; b++) {
    const res = await api("/channels/aeon/listings/bulk", {
      method: "POST",
      headers: auth,
      body: JSON.stringify({
        items: products.map((product, i) => ({ product, ...listing(50_000 + b * 100 + i) })),
      }),
    });
    if (res.status !== 200) throw new Error(`bulk: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  }
  const writesDone = Date.now();
  const expected = products.length * BULKS;
  let last = 0;
  for (let e = 0; e < ENDPOINTS; e++) {
    const got = await waitFor(`tp${e}`, expected, 300_000);
    last = Math.max(last, ...got.map((r) => r.at));
  }
  const total = expected * ENDPOINTS;
  const seconds = (last - started) / 1000;

  console.log(`Webhook delivery, local (wrangler dev, local queue, Node receiver on loopback)`);
  console.log(
    `Latency over ${WRITES} sequential listing writes: write start → receipt p50 ${pct(fromStart, 50)} ms, p95 ${pct(fromStart, 95)} ms, max ${Math.max(...fromStart)} ms; write response → receipt p50 ${pct(fromResponse, 50)} ms, p95 ${pct(fromResponse, 95)} ms`,
  );
  console.log(
    `Throughput: ${total} deliveries (${BULKS} bulk writes × ${products.length} listings × ${ENDPOINTS} endpoints) in ${seconds.toFixed(1)} s from the first write (writes took ${((writesDone - started) / 1000).toFixed(1)} s): ${(total / seconds).toFixed(0)} deliveries/s`,
  );
} finally {
  await server.stop();
  await receiver.stop();
}
