// Idempotency-Key on the keyed POSTs: a retried registration or bulk write is carried out once; the same key with
// another body is a 422; without the header nothing changes.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createKey, json, listing, send } from "../../helpers/retail.ts";

const CHANNEL = "winmart";
const WEBHOOKS = `/api/v1/channels/${CHANNEL}/webhooks`;
const BULK = `/api/v1/channels/${CHANNEL}/listings/bulk`;
let key: string;
beforeAll(async () => {
  ({ key } = await createKey(CHANNEL, "idempotency"));
});

const count = async (sql: string) => (await env.DB.prepare(sql).first<{ n: number }>())?.n ?? -1;
const endpoints = () => count("SELECT count(*) AS n FROM webhook_endpoints");
const lastSeq = () => count("SELECT coalesce(max(seq), 0) AS n FROM changes");
// No producer changes in this file: no delivery is attempted to the example hosts.
const registration = (path: string) => ({
  url: `https://hooks.example-chain.vn/${path}`,
  events: ["producer"],
});
const withKey = (k: string) => ({ "idempotency-key": k });

describe("Idempotency-Key", () => {
  it("a retried webhook registration gets the first answer (secret included) and makes one endpoint", async () => {
    const before = await endpoints();
    const first = await send("POST", WEBHOOKS, key, registration("a"), withKey("reg-1"));
    expect(first.status).toBe(201);
    const body = await json(first);
    const again = await send("POST", WEBHOOKS, key, registration("a"), withKey("reg-1"));
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await json(again)).toEqual(body);
    expect(await endpoints()).toBe(before + 1);
    // Without the header, the same request runs again: the URL is registered already (409 naming it).
    const plain = await send("POST", WEBHOOKS, key, registration("a"));
    expect(plain.status).toBe(409);
    expect(await json(plain)).toMatchObject({ type: "/problems/duplicate-endpoint", existing: body.id });
    expect(await endpoints()).toBe(before + 1);
  });

  it("the same key with another body (or path) is a 422 and writes nothing", async () => {
    expect((await send("POST", WEBHOOKS, key, registration("b"), withKey("reg-2"))).status).toBe(201);
    const before = { endpoints: await endpoints(), seq: await lastSeq() };
    const other = await send("POST", WEBHOOKS, key, registration("c"), withKey("reg-2"));
    expect(other.status).toBe(422);
    expect((await json(other)).type).toBe("/problems/idempotency-key-reused");
    const bulk = await send("POST", BULK, key, { items: [] }, withKey("reg-2"));
    expect(bulk.status).toBe(422);
    expect({ endpoints: await endpoints(), seq: await lastSeq() }).toEqual(before);
  });

  it("a retried bulk write is applied once: the replay writes nothing and answers as the first did", async () => {
    const items = [{ product: "chieu-truc-688", ...listing({ price_vnd: 123_000 }) }];
    const first = await send("POST", BULK, key, { items }, withKey("bulk-1"));
    expect(first.status).toBe(200);
    const seq = await lastSeq();
    const version = await count(
      "SELECT l.version AS n FROM listings l JOIN channels c ON c.id = l.channel_id JOIN products p ON p.id = l.product_id WHERE c.slug = 'winmart' AND p.slug = 'chieu-truc-688'",
    );
    const again = await send("POST", BULK, key, { items }, withKey("bulk-1"));
    expect(await json(again)).toEqual(await json(first));
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await lastSeq()).toBe(seq);
    expect(
      await count(
        "SELECT l.version AS n FROM listings l JOIN channels c ON c.id = l.channel_id JOIN products p ON p.id = l.product_id WHERE c.slug = 'winmart' AND p.slug = 'chieu-truc-688'",
      ),
    ).toBe(version);
  });

  it("two copies sent at once: one is carried out, the other replays it or is told to retry (409)", async () => {
    const before = await endpoints();
    const [a, b] = await Promise.all([
      send("POST", WEBHOOKS, key, registration("d"), withKey("reg-race")),
      send("POST", WEBHOOKS, key, registration("d"), withKey("reg-race")),
    ]);
    expect([a.status, b.status].sort()).toEqual(expect.arrayContaining([201]));
    for (const r of [a, b]) expect([201, 409]).toContain(r.status);
    expect(await endpoints()).toBe(before + 1);
  });

  it("an answer that was not a success is not kept: the same key may be sent again, corrected", async () => {
    const wrongChannel = await send(
      "POST",
      "/api/v1/channels/aeon/webhooks",
      key,
      registration("e"),
      withKey("reg-3"),
    );
    expect(wrongChannel.status).toBe(403);
    const right = await send(
      "POST",
      "/api/v1/channels/aeon/webhooks",
      key,
      registration("e"),
      withKey("reg-3"),
    );
    expect(right.status).toBe(403);
    // Refusals keep nothing under the key; a valid request with it is carried out.
    const ok = await send("POST", WEBHOOKS, key, registration("e"), withKey("reg-3"));
    expect(ok.status).toBe(201);
    expect(ok.headers.get("idempotent-replayed")).toBeNull();
  });

  it("answers are kept a day: after expiry the key runs again", async () => {
    const before = await endpoints();
    expect((await send("POST", WEBHOOKS, key, registration("f"), withKey("reg-4"))).status).toBe(201);
    await env.DB.prepare(
      "UPDATE idempotent_answers SET expires_at = '2000-01-01T00:00:00.000Z' WHERE idempotency_key = 'reg-4'",
    ).run();
    // The key runs again (no replay): the URL is registered already, which the answer now says.
    const later = await send("POST", WEBHOOKS, key, registration("f"), withKey("reg-4"));
    expect(later.status).toBe(409);
    expect(later.headers.get("idempotent-replayed")).toBeNull();
    expect(await endpoints()).toBe(before + 1);
    // A success is kept again for a day: another registration under the expired key.
    expect((await send("POST", WEBHOOKS, key, registration("f2"), withKey("reg-4"))).status).toBe(201);
    const row = await env.DB.prepare(
      "SELECT expires_at FROM idempotent_answers WHERE idempotency_key = 'reg-4'",
    ).first<{ expires_at: string }>();
    expect(Date.parse(row?.expires_at ?? "") - Date.now()).toBeGreaterThan(23 * 3600_000);
  });

  it("a key that is not 1–255 visible ASCII characters is a 400 naming the header", async () => {
    const res = await send("POST", WEBHOOKS, key, registration("g"), withKey("x".repeat(256)));
    expect(res.status).toBe(400);
    expect((await json(res)).invalid_params?.[0]?.name).toBe("Idempotency-Key");
  });
});
