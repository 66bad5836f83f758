// Webhook deliveries end to end in workerd: the real queue binding and consumer, real D1, and a real HTTP
// receiver (scripts/lib/webhook-receiver.ts) on loopback.
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { Webhook } from "standardwebhooks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Received } from "../../../scripts/lib/webhook-receiver.ts";
import worker from "../../../src/index.ts";
import type { WebhookMessage } from "../../../src/platform/env.ts";
import { BACKOFF_SECONDS } from "../../../src/retail/webhooks/deliver.ts";
import { WEBHOOK_DLQ, WEBHOOK_QUEUE } from "../../../src/retail/webhooks/queue.ts";
import { createKey, json, listing, send } from "../../helpers/retail.ts";
import { receiverUrl, waitFor } from "./helpers.ts";

// The Worker module itself (not the service binding): its queue() takes the test's MessageBatch.
const queue = (batch: MessageBatch<WebhookMessage>, e: typeof env, ctx: ExecutionContext) =>
  (worker.queue as (b: typeof batch, e: unknown, c: typeof ctx) => Promise<void>)(batch, e, ctx);
vi.setConfig({ testTimeout: 45_000 });
const base = "/api/v1/channels/aeon/webhooks";
let made: string[] = [];
// A key per test: keyed calls are rate-limited per key (50 per 10 s), and these tests make many.
let key = "";
beforeEach(async () => {
  key = (await createKey("aeon", "webhook tests")).key;
});

async function register(mode: string, box: string, over: Record<string, unknown> = {}) {
  const res = await send("POST", base, key, { url: receiverUrl(mode, box), ...over });
  const body = await json(res);
  expect(res.status, JSON.stringify(body)).toBe(201);
  made.push(body.id);
  return body as { id: string; secret: string };
}

afterEach(async () => {
  for (const id of made) await send("DELETE", `${base}/${id}`, key);
  made = [];
});

const bodyOf = (r: Received) => JSON.parse(r.body);
const putListing = (product: string, price: number) =>
  send("PUT", `/api/v1/channels/aeon/listings/${product}`, key, listing({ price_vnd: price }));
/** An endpoint's delivery log, newest first, read straight from D1 (polling the API would spend the key's budget). */
const deliveries = async (endpoint: string) =>
  (
    await env.DB.prepare(
      "SELECT id, seq, status, attempts, response_status, error FROM webhook_deliveries WHERE endpoint_id = ? ORDER BY seq DESC",
    )
      .bind(endpoint)
      .all<{
        id: string;
        seq: number;
        status: string;
        attempts: number;
        response_status: number | null;
        error: string | null;
      }>()
  ).results;
async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out; last: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("ping", () => {
  it("sends a signed webhook.ping at once and answers with the receiver's status; nothing is logged", async () => {
    const { id, secret } = await register("ok", "ping");
    const res = await send("POST", `${base}/${id}/ping`, key);
    expect(res.status).toBe(200);
    const result = await json(res);
    expect(result).toMatchObject({ delivered: true, response_status: 204, error: null });
    const [got] = await waitFor("ping", (r) => r.length >= 1);
    if (!got) throw new Error("nothing received");
    const verified = new Webhook(secret).verify(got.body, got.headers) as { type: string; data: unknown };
    expect(verified).toMatchObject({ type: "webhook.ping", data: { channel: "aeon", endpoint: id } });
    expect(got.headers["webhook-id"]).toBe(result.id);
    expect(await deliveries(id)).toEqual([]);

    const failing = await register("fail", "ping-fail");
    const failed = await json(await send("POST", `${base}/${failing.id}/ping`, key));
    expect(failed).toMatchObject({ delivered: false, response_status: 500, error: "answered 500" });
    expect((await send("POST", `${base}/ep_000000000000000000000000/ping`, key)).status).toBe(404);
    const readOnly = (await createKey("aeon", "read only", { scopes: "read" })).key;
    expect((await send("POST", `${base}/${id}/ping`, readOnly)).status).toBe(403);
  });
});

describe("signing", () => {
  it("every delivery verifies with the Standard Webhooks reference library and the secret shown once", async () => {
    const { secret } = await register("ok", "signed", { events: ["listing"] });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect((await putListing("mien-dong-tan-viet-a", 70_001)).status).toBeLessThan(300);
    const [got] = await waitFor("signed", (r) => r.length >= 1);
    if (!got) throw new Error("nothing received");
    const verified = new Webhook(secret).verify(got.body, got.headers) as { type: string };
    expect(verified.type).toBe("listing.upsert");
    expect(got.headers["webhook-id"]).toMatch(/^msg_[0-9a-f]{24}$/);
    // A body changed by one character, or another secret, does not verify.
    expect(() =>
      new Webhook(secret).verify(got.body.replace('"op":"upsert"', '"op":"delete"'), got.headers),
    ).toThrow();
    const other = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYqrTwj=";
    expect(() => new Webhook(other).verify(got.body, got.headers)).toThrow();
  });

  it("after a rotation both secrets sign during the overlap; with overlap 0 only the new one", async () => {
    const { id, secret: old } = await register("ok", "rotated", { events: ["listing"] });
    const rotated = await json(await send("POST", `${base}/${id}/rotate-secret`, key));
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(old);
    expect(Date.parse(rotated.previous_secret_expires_at) - Date.now()).toBeGreaterThan(86_000_000);
    await putListing("mien-dong-tan-viet-a", 70_011);
    const [first] = await waitFor("rotated", (r) => r.length >= 1);
    if (!first) throw new Error("nothing received");
    expect(first.headers["webhook-signature"]?.split(" ")).toHaveLength(2);
    expect(() => new Webhook(rotated.secret).verify(first.body, first.headers)).not.toThrow();
    expect(() => new Webhook(old).verify(first.body, first.headers)).not.toThrow();

    const again = await json(await send("POST", `${base}/${id}/rotate-secret?overlap=0`, key));
    expect(again.previous_secret_expires_at).toBeNull();
    await putListing("mien-dong-tan-viet-a", 70_012);
    const all = await waitFor("rotated", (r) => r.length >= 2);
    const second = all[1] as Received;
    expect(second.headers["webhook-signature"]?.split(" ")).toHaveLength(1);
    expect(() => new Webhook(again.secret).verify(second.body, second.headers)).not.toThrow();
    expect(() => new Webhook(rotated.secret).verify(second.body, second.headers)).toThrow();
  });
});

describe("every change reaches the endpoint as the change feed has it", () => {
  it("product, producer, recognition and listing upserts and deletes, each once, in feed order, with its cursor", async () => {
    await register("ok", "kinds");
    const db = env.DB;
    const columns = async (table: string) =>
      (
        await db
          .prepare(`SELECT name FROM pragma_table_info('${table}') WHERE name NOT IN ('id', 'slug')`)
          .all<{ name: string }>()
      ).results.map((r) => r.name);
    const copy = async (table: string, from: string, slug: string, set: Record<string, unknown> = {}) => {
      const cols = await columns(table);
      const values = cols.map((c) => (c in set ? "?" : c));
      return db
        .prepare(
          `INSERT INTO ${table} (${cols.join(", ")}, slug) SELECT ${values.join(", ")}, ? FROM ${table} WHERE slug = ? RETURNING id`,
        )
        .bind(...cols.filter((c) => c in set).map((c) => set[c]), slug, from)
        .first<{ id: number }>();
    };
    // Writes straight to D1, as an operator's script would: they nudge nothing, so the fan-out is started below
    // the way the cron does it. All in place before it runs, so the feed read afterwards is the one fanned out.
    const before =
      (await db.prepare("SELECT max(seq) AS seq FROM changes").first<{ seq: number }>())?.seq ?? 0;
    const producer = await copy("producers", "htx-tan-viet-a", "wh-producer");
    const keep = await copy("products", "mien-dong-tan-viet-a", "wh-kept", { producer_id: producer?.id });
    const gone = await copy("products", "mien-dong-tan-viet-a", "wh-gone", { producer_id: producer?.id });
    const rcols = (
      await db
        .prepare("SELECT name FROM pragma_table_info('recognitions') WHERE name NOT IN ('id', 'product_id')")
        .all<{ name: string }>()
    ).results.map((r) => r.name);
    const recognition = await db
      .prepare(
        `INSERT INTO recognitions (product_id, ${rcols.join(", ")}) SELECT ?, ${rcols.join(", ")} FROM recognitions LIMIT 1 RETURNING id`,
      )
      .bind(keep?.id)
      .first<{ id: number }>();
    const lcols = (
      await db
        .prepare("SELECT name FROM pragma_table_info('listings') WHERE name NOT IN ('id', 'product_id')")
        .all<{ name: string }>()
    ).results.map((r) => r.name);
    await db
      .prepare(
        `INSERT INTO listings (product_id, ${lcols.join(", ")}) SELECT ?, ${lcols.join(", ")} FROM listings WHERE channel_id = (SELECT id FROM channels WHERE slug = 'aeon') LIMIT 1`,
      )
      .bind(gone?.id)
      .run();
    await db.prepare("UPDATE products SET name_vi = name_vi || ' (mới)' WHERE slug = 'wh-kept'").run();
    await db.prepare("UPDATE producers SET name = name || ' (mới)' WHERE slug = 'wh-producer'").run();
    await db.prepare("UPDATE recognitions SET year = year + 1 WHERE id = ?").bind(recognition?.id).run();
    await db.prepare("DELETE FROM recognitions WHERE id = ?").bind(recognition?.id).run();
    await db.prepare("DELETE FROM products WHERE slug = 'wh-gone'").run(); // its listing's tombstone too
    await db.prepare("DELETE FROM products WHERE slug = 'wh-kept'").run();
    await db.prepare("DELETE FROM producers WHERE slug = 'wh-producer'").run();
    const feed = (await json(await send("GET", "/api/v1/changes?limit=1000", null))).data as {
      seq: number;
      key: string;
    }[];
    await env.WEBHOOKS.send({ kind: "fanout" });

    const expected = feed.filter((c) => c.seq > before);
    expect(expected.length).toBeGreaterThanOrEqual(14);
    const got = await waitFor("kinds", (r) => r.length >= expected.length);
    const bodies = got.map(bodyOf).sort((a, b) => a.data.change.seq - b.data.change.seq);
    expect(bodies.map((b) => b.data.change)).toEqual(expected);
    expect(new Set(bodies.map((b) => b.type))).toEqual(
      new Set(
        ["product", "producer", "recognition", "listing"].flatMap((e) => [`${e}.upsert`, `${e}.delete`]),
      ),
    );
    // The cursor continues the feed right after the change it came with.
    for (const b of bodies.slice(0, 5)) {
      const next = await json(
        await send("GET", `/api/v1/changes?limit=1&cursor=${encodeURIComponent(b.data.cursor)}`, null),
      );
      const after = feed.find((c) => c.seq > b.data.change.seq);
      expect(next.data[0]?.seq).toBe(after?.seq);
    }
    expect(new Set(got.map((r) => r.headers["webhook-id"])).size).toBe(got.length);
  });

  it("illustrative records reach only an endpoint that opted in, with the feed's include=illustrative href", async () => {
    const illustrative = await env.DB.prepare(
      "SELECT slug FROM products WHERE provenance = 'illustrative' ORDER BY id LIMIT 1",
    ).first<{ slug: string }>();
    expect(illustrative).not.toBeNull();
    await register("ok", "real-only", { events: ["product"] });
    await register("ok", "with-illustrative", { events: ["product"], include_illustrative: true });
    await env.DB.prepare("UPDATE products SET name_vi = name_vi || '.' WHERE slug = ?")
      .bind(illustrative?.slug)
      .run();
    await env.DB.prepare(
      "UPDATE products SET name_vi = name_vi || '.' WHERE slug = 'mien-dong-tan-viet-a'",
    ).run();
    await env.WEBHOOKS.send({ kind: "fanout" });
    const all = await waitFor("with-illustrative", (r) => r.length >= 2);
    const real = await waitFor("real-only", (r) => r.length >= 1);
    const fanned = all.map((r) => bodyOf(r).data.change);
    expect(fanned.map((c) => c.key).sort()).toEqual([illustrative?.slug, "mien-dong-tan-viet-a"].sort());
    expect(fanned.find((c) => c.key === illustrative?.slug)).toMatchObject({
      href: `/api/v1/products/${illustrative?.slug}?include=illustrative`,
      provenance: { record: "illustrative" },
    });
    // Fanned out in one step, in seq order: had the illustrative change gone to real-only, it would be there now.
    expect(real.map((r) => bodyOf(r).data.change.key)).toEqual(["mien-dong-tan-viet-a"]);
  });

  it("an endpoint gets only the kinds it chose", async () => {
    await register("ok", "listings-only", { events: ["listing"] });
    await register("ok", "products-only", { events: ["product"] });
    await putListing("mien-dong-tan-viet-a", 70_021);
    await env.DB.prepare(
      "UPDATE products SET name_vi = name_vi || '.' WHERE slug = 'mien-dong-tan-viet-a'",
    ).run();
    await putListing("mien-dong-tan-viet-a", 70_022);
    const listings = await waitFor("listings-only", (r) => r.length >= 2);
    const products = await waitFor("products-only", (r) => r.length >= 1);
    expect(listings.map((r) => bodyOf(r).type)).toEqual(["listing.upsert", "listing.upsert"]);
    expect(products.map((r) => bodyOf(r).type)).toEqual(["product.upsert"]);
  });
});

describe("order and retries", () => {
  it("keeps each record's changes in order even when every first attempt fails", async () => {
    const { id } = await register("fail-first", "order", { events: ["listing"] });
    const products = ["mien-dong-tan-viet-a", "chieu-truc-688"];
    for (let i = 1; i <= 4; i++) for (const p of products) await putListing(p, 80_000 + i);
    const got = await waitFor("order", (r) => r.filter((x) => x.status === 204).length >= 8, 30_000);
    const byKey = new Map<string, { seq: number; status: number }[]>();
    for (const r of got) {
      const b = bodyOf(r);
      byKey.set(b.data.change.key, [
        ...(byKey.get(b.data.change.key) ?? []),
        { seq: b.data.change.seq, status: r.status },
      ]);
    }
    expect(byKey.size).toBe(2);
    for (const attempts of byKey.values()) {
      // No attempt of a later change of the record before the earlier change was delivered.
      const delivered = attempts.filter((a) => a.status === 204).map((a) => a.seq);
      expect(delivered).toEqual([...delivered].sort((a, b) => a - b));
      expect(delivered).toHaveLength(4);
      for (let i = 1; i < attempts.length; i++) {
        const prev = attempts[i - 1];
        const cur = attempts[i];
        // The next change of the record is attempted only after the previous one was delivered.
        if (prev && cur && cur.seq !== prev.seq) {
          expect(prev.status).toBe(204);
          expect(cur.seq).toBeGreaterThan(prev.seq);
        }
      }
    }
    const log = await deliveries(id);
    expect(log.every((d) => d.status === "delivered" && d.attempts === 2 && d.response_status === 204)).toBe(
      true,
    );
  });

  it("retries a failing receiver, then the dead-letter queue records the delivery as dead", async () => {
    const { id } = await register("fail", "dead", { events: ["listing"] });
    await putListing("mien-dong-tan-viet-a", 70_031);
    const [dead] = await until(
      () => deliveries(id),
      (d) => d[0]?.status === "dead",
      30_000,
    );
    // wrangler.toml: max_retries = 8 → 9 attempts, each recorded, then dead.
    expect(dead).toMatchObject({ status: "dead", attempts: 9, response_status: 500, error: "answered 500" });
    const got = await waitFor("dead", (r) => r.length >= 9);
    expect(got).toHaveLength(9);
    expect(new Set(got.map((r) => r.headers["webhook-id"]))).toEqual(new Set([dead?.id]));
    expect(new Set(got.map((r) => r.body)).size).toBe(1);
  });

  it("backs off as scheduled: the consumer asks the queue to retry after 5 s, 30 s, 2 min …", async () => {
    // An endpoint no change reaches (producer events only) and a delivery to it made by hand, so only these
    // calls of the consumer attempt it.
    const { id } = await register("fail", "backoff", { events: ["producer"] });
    await env.DB.prepare(
      "INSERT INTO webhook_deliveries (id, endpoint_id, seq, entity, entity_key, body) VALUES ('msg_backoff', ?, 999998, 'producer', 'x', '{}')",
    )
      .bind(id)
      .run();
    const production = { ...env, WEBHOOK_RETRY_SCALE: "1" };
    expect(production.DB).toBeDefined();
    for (const attempts of [1, 2, 3, 9]) {
      // The test pool's getQueueResult() reports a retry without its delay, so the messages here are plain
      // objects whose retry() records what the consumer asked the queue for.
      const retry = vi.fn();
      const ack = vi.fn();
      const message = {
        id: `m${attempts}`,
        timestamp: new Date(),
        attempts,
        body: { kind: "deliver" as const, id: "msg_backoff" },
        retry,
        ack,
      };
      const batch = { queue: WEBHOOK_QUEUE, messages: [message], ackAll: vi.fn(), retryAll: vi.fn() };
      await queue(batch as unknown as MessageBatch<WebhookMessage>, production, createExecutionContext());
      expect(retry).toHaveBeenCalledWith({ delaySeconds: BACKOFF_SECONDS[attempts - 1] });
      expect(ack).not.toHaveBeenCalled();
    }
    const [row] = await deliveries(id);
    expect(row).toMatchObject({ status: "pending", attempts: 4, response_status: 500 });
  });

  it("the dead-letter consumer marks its deliveries dead and leaves delivered ones alone", async () => {
    const { id } = await register("ok", "dlq");
    await putListing("mien-dong-tan-viet-a", 70_051);
    const [done] = await until(
      () => deliveries(id),
      (d) => d[0]?.status === "delivered",
    );
    await env.DB.prepare(
      "INSERT INTO webhook_deliveries (id, endpoint_id, seq, entity, entity_key, body) VALUES ('msg_stuck', ?, 999999, 'listing', 'aeon/x', '{}')",
    )
      .bind(id)
      .run();
    const batch = createMessageBatch<WebhookMessage>(WEBHOOK_DLQ, [
      { id: "a", timestamp: new Date(), attempts: 1, body: { kind: "deliver", id: "msg_stuck" } },
      { id: "b", timestamp: new Date(), attempts: 1, body: { kind: "deliver", id: done?.id ?? "" } },
    ]);
    const ctx = createExecutionContext();
    await queue(batch, env, ctx);
    expect((await getQueueResult(batch, ctx)).ackAll).toBe(true);
    const log = await deliveries(id);
    expect(log.find((d) => d.id === "msg_stuck")?.status).toBe("dead");
    expect(log.find((d) => d.id === done?.id)?.status).toBe("delivered");
  });
});

describe("the sender guard at delivery time", () => {
  it("does not follow redirects, gives up on a silent receiver, and reads no more than the cap", async () => {
    const redirect = await register("redirect", "hop", { events: ["listing"] });
    const slow = await register("slow", "slow", { events: ["listing"] });
    const big = await register("big", "big", { events: ["listing"] });
    const started = Date.now();
    await putListing("mien-dong-tan-viet-a", 70_061);
    const [hop] = await until(
      () => deliveries(redirect.id),
      (d) => (d[0]?.attempts ?? 0) >= 1,
    );
    expect(hop).toMatchObject({ response_status: 302, error: "redirects are not followed" });
    const [silent] = await until(
      () => deliveries(slow.id),
      (d) => (d[0]?.attempts ?? 0) >= 1,
    );
    expect(silent).toMatchObject({ response_status: null, error: "timed out" });
    const [large] = await until(
      () => deliveries(big.id),
      (d) => d[0]?.status === "delivered",
    );
    expect(large?.response_status).toBe(200);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect((await waitFor("hop-redirected", () => true)).length).toBe(0);
  });
});
