// Finding 1: every write attempt is charged to its address before its body is read or D1 is touched, whatever
// key it carries; a refused random key gets no fresh budget; a bulk body with invalid fields is refused without
// a query.
import { expect, it, vi } from "vitest";
import { call, until429 } from "../helpers/http.ts";
import { createKey, json, listing, send } from "../helpers/retail.ts";

const PUT_PATH = "/api/v1/channels/aeon/listings/mien-dong-tan-viet-a";
let serial = 0;
/** A well-formed key nobody holds: each one would have had a fresh per-key budget. */
const randomKey = () => `cnnt_${(serial++).toString(16).padStart(48, "0")}`;

// Hundreds of requests per test on a shared machine.
vi.setConfig({ testTimeout: 60_000 });

it("a throttled address gets 429 for a write with a random key before D1 is touched", async () => {
  const ip = "203.0.113.20";
  await until429(220, () => call("/api/v1/changes?limit=1", { headers: { "cf-connecting-ip": ip } }));
  const res = await send("PUT", PUT_PATH, randomKey(), listing(), { "cf-connecting-ip": ip });
  expect(res.status).toBe(429);
  expect(res.headers.get("retry-after")).toBeTruthy();
  // No D1 round trip was made for it (release 1 answered 429 with x-d1-round-trips: 1).
  expect(res.headers.get("x-d1-round-trips") ?? "0").toBe("0");
});

it("random keys do not buy fresh budgets: refused keys run out the address's budget", async () => {
  const ip = "203.0.113.21";
  const { res } = await until429(220, () =>
    send("PUT", PUT_PATH, randomKey(), listing(), { "cf-connecting-ip": ip }),
  );
  expect(res.headers.get("x-d1-round-trips") ?? "0").toBe("0");
});

const refusedBodies: [string, number, () => RequestInit][] = [
  [
    "413 (body too large)",
    413,
    () => ({
      body: JSON.stringify(listing({ note: "x".repeat(70_000) })),
      headers: { "content-type": "application/json" },
    }),
  ],
  ["415 (not JSON)", 415, () => ({ body: "status=in_stock", headers: { "content-type": "text/plain" } })],
  [
    "422 (invalid fields)",
    422,
    () => ({
      body: JSON.stringify(listing({ price_vnd: -5 })),
      headers: { "content-type": "application/json" },
    }),
  ],
];
for (const [what, status, init] of refusedBodies) {
  it(`${what} answers are charged to the address, with or without a key`, async () => {
    const ip = `203.0.113.${30 + status - 413}`;
    const first = init();
    const res = await call(PUT_PATH, {
      method: "PUT",
      ...first,
      headers: {
        ...(first.headers as Record<string, string>),
        authorization: `Bearer ${randomKey()}`,
        "cf-connecting-ip": ip,
      },
    });
    expect(res.status).toBe(status);
    await res.body?.cancel();
    await until429(220, () => {
      const r = init();
      return call(PUT_PATH, {
        method: "PUT",
        ...r,
        headers: {
          ...(r.headers as Record<string, string>),
          authorization: `Bearer ${randomKey()}`,
          "cf-connecting-ip": ip,
        },
      });
    });
  });
}

it("a bulk body with invalid fields is 422 without a D1 query", async () => {
  const { key } = await createKey("aeon");
  const res = await send("POST", "/api/v1/channels/aeon/listings/bulk", key, {
    items: [
      { product: "mien-dong-tan-viet-a", ...listing({ price_vnd: -5 }) },
      { product: "khong-co", ...listing() },
    ],
  });
  expect(res.status).toBe(422);
  expect(res.headers.get("x-d1-round-trips") ?? "0").toBe("0");
  const body = await json(res);
  expect(body.invalid_params.map((p: { name: string }) => p.name)).toContain("items[0].price_vnd");
});

it("a valid bulk body naming an unknown product is 422 in its one round trip", async () => {
  const { key } = await createKey("aeon");
  const res = await send("POST", "/api/v1/channels/aeon/listings/bulk", key, {
    items: [{ product: "khong-co", ...listing() }],
  });
  expect(res.status).toBe(422);
  expect(res.headers.get("x-d1-round-trips")).toBe("1");
  expect((await json(res)).invalid_params).toEqual([
    { name: "items[0].product", reason: "no product with slug 'khong-co'" },
  ]);
});
