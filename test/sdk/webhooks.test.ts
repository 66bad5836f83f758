// Webhooks end to end: the Worker under `wrangler dev` (its local queue and consumer, local D1) delivers to a real
// Node HTTP receiver; the SDK registers the endpoint and verifies what arrives, as a retailer's integration would.
import { createCatalogueClient, verifyWebhook, WebhookVerificationError } from "@caobang-cnnt/client";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type Received, startReceiver } from "../../scripts/lib/webhook-receiver.ts";

const origin = inject("origin");
const aeon = createCatalogueClient({ origin, apiKey: inject("aeonKey") });
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver.stop());

async function waitFor(box: string, n: number): Promise<Received[]> {
  const end = Date.now() + 30_000;
  for (;;) {
    const got = (await (
      await fetch(`http://127.0.0.1:${receiver.port}/received/${box}`)
    ).json()) as Received[];
    if (got.length >= n) return got;
    if (Date.now() > end) throw new Error(`${box}: ${got.length} of ${n}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("webhooks through wrangler dev", () => {
  it("a listing write reaches the registered endpoint, signed, in order; the SDK and the reference library verify it", async () => {
    const { data: endpoint, error } = await aeon.api.POST("/channels/{channel}/webhooks", {
      params: { path: { channel: "aeon" } },
      body: { url: `http://127.0.0.1:${receiver.port}/ok/sdk`, events: ["listing"] },
    });
    expect(error).toBeUndefined();
    if (!endpoint) throw new Error("no endpoint");
    const started = Date.now();
    for (const price of [61_000, 62_000, 63_000])
      await aeon.updateListing("aeon", "nam-huong-yen-cong", (current) => ({
        ...(current ?? { status: "in_stock", stores: [] }),
        price_vnd: price,
      }));
    const got = await waitFor("sdk", 3);
    expect(Date.now() - started).toBeLessThan(20_000);
    const payloads = [];
    for (const r of got) {
      const payload = await verifyWebhook(endpoint.secret, r.headers, r.body);
      expect(new Webhook(endpoint.secret).verify(r.body, r.headers)).toEqual(payload);
      payloads.push(payload);
    }
    const seqs = payloads.map((p) => p.data.change.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(
      payloads.every((p) => p.type === "listing.upsert" && p.data.change.key === "aeon/nam-huong-yen-cong"),
    ).toBe(true);
    // The feed from the first delivery's cursor continues with the second delivery's change (after the entry of
    // its product, which this listings-only endpoint does not receive).
    const { data: next } = await aeon.api.GET("/changes", {
      params: { query: { cursor: payloads[0]?.data.cursor, limit: 2 } },
    });
    expect(next?.data.map((c) => c.entity)).toEqual(["product", "listing"]);
    expect(next?.data[1]).toEqual(payloads[1]?.data.change);

    // A tampered body or a wrong secret is refused by the SDK's check.
    const first = got[0] as Received;
    await expect(
      verifyWebhook(endpoint.secret, first.headers, first.body.replace("upsert", "delete")),
    ).rejects.toThrow(WebhookVerificationError);
    const { data: rotated } = await aeon.api.POST("/channels/{channel}/webhooks/{endpoint}/rotate-secret", {
      params: { path: { channel: "aeon", endpoint: endpoint.id }, query: { overlap: 0 } },
    });
    await expect(verifyWebhook(rotated?.secret ?? "", first.headers, first.body)).rejects.toThrow(
      WebhookVerificationError,
    );
    // The delivery log says what happened.
    const { data: log, error: logError } = await aeon.api.GET(
      "/channels/{channel}/webhooks/{endpoint}/deliveries",
      {
        params: { path: { channel: "aeon", endpoint: endpoint.id } },
      },
    );
    expect(logError).toBeUndefined();
    expect(log?.data.map((d) => d.status)).toEqual(["delivered", "delivered", "delivered"]);
    expect(log?.data.every((d) => d.response_status === 204 && d.attempts === 1)).toBe(true);
    await aeon.api.DELETE("/channels/{channel}/webhooks/{endpoint}", {
      params: { path: { channel: "aeon", endpoint: endpoint.id } },
    });
  });

  it("verifyWebhook refuses a stale timestamp (a replay)", async () => {
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYqrTwj=";
    const body = '{"type":"product.upsert"}';
    const old = new Date(Date.now() - 10 * 60_000);
    const headers = {
      "webhook-id": "msg_1",
      "webhook-timestamp": String(Math.floor(old.getTime() / 1000)),
      "webhook-signature": new Webhook(secret).sign("msg_1", old, body),
    };
    await expect(verifyWebhook(secret, headers, body)).rejects.toThrow(/too far from now/);
    await expect(verifyWebhook(secret, headers, body, { now: old })).resolves.toEqual({
      type: "product.upsert",
    });
  });
});
