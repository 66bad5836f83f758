// The retailer API for webhook endpoints: register, list, change, rotate, delete, deliveries — each channel's
// key sees and touches only its own channel's endpoints.
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { createKey, json, send } from "../../helpers/retail.ts";

const aeon = "/api/v1/channels/aeon/webhooks";
const winmart = "/api/v1/channels/winmart/webhooks";
const hook = "https://hooks.example-chain.vn/cnnt";
let aeonKey = "";
let winmartKey = "";
// Fresh keys per test: keyed calls are rate-limited per key (50 per 10 s) and these tests make many.
beforeEach(async () => {
  aeonKey = (await createKey("aeon", "endpoints test")).key;
  winmartKey = (await createKey("winmart", "endpoints test")).key;
});

describe("registering", () => {
  it("201 with the secret once, a Location, all events by default; later reads never show the secret", async () => {
    const res = await send("POST", aeon, aeonKey, { url: hook });
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toMatch(/no-store/);
    const created = await json(res);
    expect(created).toMatchObject({
      id: expect.stringMatching(/^ep_[0-9a-f]{24}$/),
      url: hook,
      events: ["product", "producer", "recognition", "listing"],
      include_illustrative: false,
      previous_secret_expires_at: null,
      secret: expect.stringMatching(/^whsec_/),
    });
    expect(res.headers.get("location")).toBe(`${aeon}/${created.id}`);
    const read = await send("GET", `${aeon}/${created.id}`, aeonKey);
    expect(read.status).toBe(200);
    expect(read.headers.get("cache-control")).toMatch(/no-store/);
    const text = await read.text();
    expect(text).not.toContain("whsec_");
    expect(text).not.toContain(created.secret);
    const list = await (await send("GET", aeon, aeonKey)).text();
    expect(list).not.toContain("whsec_");
    // The secret is stored for signing but no list or page of the API returns it.
    await send("DELETE", `${aeon}/${created.id}`, aeonKey);
  });

  const invalid: [string, unknown, string][] = [
    ["http", { url: "http://hooks.example-chain.vn/x" }, "must be https"],
    [
      "credentials",
      { url: "https://u:p@hooks.example-chain.vn/x" },
      "must not contain a user name or password",
    ],
    // (Loopback itself is let through in these tests, for the real receiver: see guard.test.ts for it.)
    ["private", { url: "https://10.0.0.1/x" }, "must not be a private address"],
    ["mapped private", { url: "https://[::ffff:10.0.0.1]/x" }, "must not be a private address"],
    ["CGNAT", { url: "https://100.64.0.1/x" }, "must not be a carrier grade nat address"],
    ["metadata", { url: "https://169.254.169.254/x" }, "must not be a link local address"],
    ["private name", { url: "https://db.internal/x" }, "must name a public host"],
    ["private name, root dot", { url: "https://x.internal./x" }, "must name a public host"],
    ["mDNS name, root dot", { url: "https://foo.local./x" }, "must name a public host"],
    ["unknown event", { url: hook, events: ["price"] }, ""],
    ["repeated event", { url: hook, events: ["listing", "listing"] }, "must not repeat an event"],
    ["no events", { url: hook, events: [] }, ""],
    ["unknown field", { url: hook, secret: "whsec_mine" }, ""],
  ];
  it.each(invalid)("refuses %s with a 422 naming the field", async (_what, body, reason) => {
    const res = await send("POST", aeon, aeonKey, body);
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const problem = await json(res);
    expect(problem.invalid_params.length).toBeGreaterThan(0);
    if (reason) expect(problem.invalid_params).toContainEqual({ name: expect.any(String), reason });
  });

  it("at most 10 endpoints per channel (409), counted per channel", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await send("POST", aeon, aeonKey, { url: `${hook}/${i}` });
      expect(res.status).toBe(201);
      ids.push((await json(res)).id);
    }
    const eleventh = await send("POST", aeon, aeonKey, { url: `${hook}/10` });
    expect(eleventh.status).toBe(409);
    expect((await send("POST", winmart, winmartKey, { url: hook })).status).toBe(201);
    for (const id of ids) expect((await send("DELETE", `${aeon}/${id}`, aeonKey)).status).toBe(204);
  });
});

describe("one URL, one endpoint per channel", () => {
  it("refuses a second registration of a URL (409 naming the first), in another channel it is its own", async () => {
    const url = `${hook}/once`;
    const first = await json(await send("POST", aeon, aeonKey, { url, events: ["listing"] }));
    const again = await send("POST", aeon, aeonKey, { url, events: ["product"] });
    expect(again.status).toBe(409);
    const problem = await json(again);
    expect(problem).toMatchObject({
      type: "/problems/duplicate-endpoint",
      existing: first.id,
      invalid_params: [{ name: "url", reason: `already registered as ${first.id}` }],
    });
    const list = await json(await send("GET", aeon, aeonKey));
    expect(list.data.filter((e: { url: string }) => e.url === url)).toHaveLength(1);
    const theirs = await send("POST", winmart, winmartKey, { url });
    expect(theirs.status).toBe(201);
    await send("DELETE", `${winmart}/${(await json(theirs)).id}`, winmartKey);
    await send("DELETE", `${aeon}/${first.id}`, aeonKey);
  });

  it("refuses changing an endpoint's URL to another's (409), not to its own", async () => {
    const a = await json(await send("POST", aeon, aeonKey, { url: `${hook}/a` }));
    const b = await json(await send("POST", aeon, aeonKey, { url: `${hook}/b` }));
    const clash = await send("PATCH", `${aeon}/${b.id}`, aeonKey, { url: `${hook}/a` });
    expect(clash.status).toBe(409);
    expect(await json(clash)).toMatchObject({ type: "/problems/duplicate-endpoint", existing: a.id });
    expect((await json(await send("GET", `${aeon}/${b.id}`, aeonKey))).url).toBe(`${hook}/b`);
    const same = await send("PATCH", `${aeon}/${b.id}`, aeonKey, { url: `${hook}/b`, events: ["product"] });
    expect(same.status).toBe(200);
    for (const id of [a.id, b.id]) await send("DELETE", `${aeon}/${id}`, aeonKey);
  });
});

describe("one channel cannot see or touch another's endpoints", () => {
  it("another channel's key is 403 on the channel's collection; its endpoint ids are 404 under one's own", async () => {
    const theirs = await json(await send("POST", winmart, winmartKey, { url: `${hook}/winmart` }));
    const id = theirs.id as string;
    // aeon's key on winmart's paths: the key belongs to another channel.
    for (const [method, path, body] of [
      ["GET", winmart, undefined],
      ["POST", winmart, { url: hook }],
      ["GET", `${winmart}/${id}`, undefined],
      ["PATCH", `${winmart}/${id}`, { url: `${hook}/stolen` }],
      ["DELETE", `${winmart}/${id}`, undefined],
      ["POST", `${winmart}/${id}/rotate-secret`, undefined],
      ["GET", `${winmart}/${id}/deliveries`, undefined],
    ] as const) {
      const res = await send(method, path, aeonKey, body);
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    // winmart's endpoint id under aeon's own paths: not found, whatever the method.
    for (const [method, path, body] of [
      ["GET", `${aeon}/${id}`, undefined],
      ["PATCH", `${aeon}/${id}`, { url: `${hook}/stolen` }],
      ["DELETE", `${aeon}/${id}`, undefined],
      ["POST", `${aeon}/${id}/rotate-secret`, undefined],
      ["GET", `${aeon}/${id}/deliveries`, undefined],
    ] as const) {
      const res = await send(method, path, aeonKey, body);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const listed = await json(await send("GET", aeon, aeonKey));
    expect(listed.data.map((e: { id: string }) => e.id)).not.toContain(id);
    // Untouched: same URL, same secret still signing.
    const row = await env.DB.prepare("SELECT url, secret FROM webhook_endpoints WHERE id = ?")
      .bind(id)
      .first<{ url: string; secret: string }>();
    expect(row).toEqual({ url: `${hook}/winmart`, secret: theirs.secret });
  });

  it("no key is 401 with WWW-Authenticate; a revoked key is 401", async () => {
    const none = await send("GET", aeon, null);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const { key, id } = await createKey("aeon", "revoked");
    await env.DB.prepare("UPDATE api_keys SET revoked_at = '2026-01-01T00:00:00Z' WHERE id = ?")
      .bind(id)
      .run();
    expect((await send("POST", aeon, key, { url: hook })).status).toBe(401);
  });
});

describe("changing, rotating, deleting", () => {
  it("PATCH changes only what it names and re-checks the URL", async () => {
    const { id } = await json(await send("POST", aeon, aeonKey, { url: hook, events: ["listing"] }));
    const patched = await json(await send("PATCH", `${aeon}/${id}`, aeonKey, { include_illustrative: true }));
    expect(patched).toMatchObject({ url: hook, events: ["listing"], include_illustrative: true });
    const bad = await send("PATCH", `${aeon}/${id}`, aeonKey, { url: "https://10.0.0.1/x" });
    expect(bad.status).toBe(422);
    expect((await send("PATCH", `${aeon}/${id}`, aeonKey, {})).status).toBe(422);
    expect((await send("DELETE", `${aeon}/${id}`, aeonKey)).status).toBe(204);
    expect((await send("GET", `${aeon}/${id}`, aeonKey)).status).toBe(404);
  });

  it("rotation returns a new secret once and keeps the old one for the overlap asked (0–86400)", async () => {
    const created = await json(await send("POST", aeon, aeonKey, { url: hook }));
    const rotated = await json(await send("POST", `${aeon}/${created.id}/rotate-secret?overlap=60`, aeonKey));
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(created.secret);
    const left = Date.parse(rotated.previous_secret_expires_at) - Date.now();
    expect(left).toBeGreaterThan(50_000);
    expect(left).toBeLessThan(70_000);
    const row = await env.DB.prepare("SELECT secret, previous_secret FROM webhook_endpoints WHERE id = ?")
      .bind(created.id)
      .first();
    expect(row).toEqual({ secret: rotated.secret, previous_secret: created.secret });
    for (const overlap of ["86401", "-1", "1e3", "0x10"]) {
      const res = await send("POST", `${aeon}/${created.id}/rotate-secret?overlap=${overlap}`, aeonKey);
      expect(res.status, overlap).toBe(400);
    }
    await send("DELETE", `${aeon}/${created.id}`, aeonKey);
  });
});

describe("collections page like every other", () => {
  it("endpoints and deliveries: {data, page}, limit and cursor, the same items as one big page", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await json(await send("POST", aeon, aeonKey, { url: `${hook}/p${i}` }))).id);
    const walk = async (path: string) => {
      const items: { id: string }[] = [];
      let cursor: string | null = null;
      do {
        const sep = path.includes("?") ? "&" : "?";
        const page: { data: { id: string }[]; page: { has_more: boolean; next_cursor: string | null } } =
          await json(
            await send(
              "GET",
              `${path}${sep}limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
              aeonKey,
            ),
          );
        items.push(...page.data);
        cursor = page.page.has_more ? page.page.next_cursor : null;
      } while (cursor);
      return items.map((i) => i.id);
    };
    const all = (await json(await send("GET", `${aeon}?limit=100`, aeonKey))).data.map(
      (e: { id: string }) => e.id,
    );
    expect(await walk(aeon)).toEqual(all);
    expect(all).toEqual(expect.arrayContaining(ids));

    const endpoint = ids[0] as string;
    for (let seq = 1; seq <= 5; seq++) {
      await env.DB.prepare(
        "INSERT INTO webhook_deliveries (id, endpoint_id, seq, entity, entity_key, body, status, attempts, response_status, latency_ms) VALUES (?, ?, ?, 'listing', 'aeon/x', ?, 'delivered', 1, 204, 12)",
      )
        .bind(`msg_page${seq}`, endpoint, 900_000 + seq, JSON.stringify({ type: "listing.upsert" }))
        .run();
    }
    const deliveries = await json(await send("GET", `${aeon}/${endpoint}/deliveries?limit=100`, aeonKey));
    expect(deliveries.data[0]).toMatchObject({
      id: "msg_page5",
      seq: 900_005,
      type: "listing.upsert",
      status: "delivered",
      attempts: 1,
      response_status: 204,
      latency_ms: 12,
      error: null,
    });
    expect(deliveries.data.map((d: { seq: number }) => d.seq)).toEqual([
      900_005, 900_004, 900_003, 900_002, 900_001,
    ]);
    expect(await walk(`${aeon}/${endpoint}/deliveries`)).toEqual(
      deliveries.data.map((d: { id: string }) => d.id),
    );
    for (const bad of ["limit=0", "limit=101", "limit=1e1", "cursor=nonsense", "since=x"]) {
      expect((await send("GET", `${aeon}/${endpoint}/deliveries?${bad}`, aeonKey)).status, bad).toBe(400);
      expect((await send("GET", `${aeon}?${bad}`, aeonKey)).status, bad).toBe(400);
    }
    // A cursor of one endpoint's deliveries is refused for another's.
    const page1 = await json(await send("GET", `${aeon}/${endpoint}/deliveries?limit=2`, aeonKey));
    const other = ids[1] as string;
    const reused = await send(
      "GET",
      `${aeon}/${other}/deliveries?cursor=${encodeURIComponent(page1.page.next_cursor)}`,
      aeonKey,
    );
    expect(reused.status).toBe(400);
    for (const id of ids) await send("DELETE", `${aeon}/${id}`, aeonKey);
    const gone = await env.DB.prepare("SELECT count(*) AS n FROM webhook_deliveries WHERE endpoint_id = ?")
      .bind(endpoint)
      .first<{ n: number }>();
    expect(gone?.n).toBe(0);
  });

  it("a conditional GET answers 304 only while the list is unchanged", async () => {
    const first = await send("GET", aeon, aeonKey);
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^W\/"/);
    expect((await send("GET", aeon, aeonKey, undefined, { "if-none-match": etag })).status).toBe(304);
    const { id } = await json(await send("POST", aeon, aeonKey, { url: hook }));
    expect((await send("GET", aeon, aeonKey, undefined, { "if-none-match": etag })).status).toBe(200);
    await send("DELETE", `${aeon}/${id}`, aeonKey);
  });
});
