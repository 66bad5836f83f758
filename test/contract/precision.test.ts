// The contract says what the server does, as precisely as a generated client or a validating proxy needs: filters
// that take several values are arrays of their enum, every header the server sends on an operation is declared on
// it, the server URL is absolute, the feeds' rows and the webhook payload have schemas, and every problem `type`
// resolves to a page.
import { describe, expect, it } from "vitest";
import { PROBLEM_TYPES } from "../../src/platform/http/problem-types.ts";
import { FEED_COLUMNS } from "../../src/retail/feeds/feeds.queries.ts";
import { ProductFeedRow } from "../../src/retail/feeds/feeds.routes.ts";
import { call, getJson } from "../helpers/http.ts";
import { createKey, listing, send } from "../helpers/retail.ts";
import { declaredValue, operations, pathOf } from "./operations.ts";

const document = async () => (await getJson("/api/v1/openapi.json")).body;

/** Headers whose presence on an answer the contract must declare (the rest are generic HTTP). */
const WATCHED = [
  "etag",
  "x-d1-bookmark",
  "x-d1-round-trips",
  "ratelimit-policy",
  "ratelimit",
  "retry-after",
  "deprecation",
  "sunset",
  "idempotent-replayed",
];

/** The watched headers `res` carries that its operation's declared response for its status does not name. */
function undeclared(doc: any, path: string, method: string, res: Response): string[] {
  const response = doc.paths[path]?.[method]?.responses?.[String(res.status)];
  if (!response) return [`${method.toUpperCase()} ${path}: status ${res.status} not declared`];
  const declared = Object.keys(response.headers ?? {}).map((h) => h.toLowerCase());
  return WATCHED.filter((h) => res.headers.has(h) && !declared.includes(h)).map(
    (h) => `${method.toUpperCase()} ${path} ${res.status}: ${h}`,
  );
}

const PUBLIC_CALLER = { "cf-connecting-ip": "203.0.113.77" };

describe("the document states what the server does", () => {
  it("declares multi-value filters as arrays of their enum, repeated (style form, explode)", async () => {
    const doc = await document();
    const params = doc.paths["/products"].get.parameters;
    const tier = params.find((p: any) => p.name === "tier");
    expect(tier).toMatchObject({ in: "query", style: "form", explode: true });
    expect(tier.schema).toMatchObject({
      type: "array",
      items: { enum: ["provincial", "regional", "national"] },
    });
    for (const name of ["scheme", "group", "producer", "channel", "district"])
      expect(params.find((p: any) => p.name === name).schema.type, name).toBe("array");
    // What the contract says is what the server takes: the repeated form, each value from the enum.
    const { status, body } = await getJson(
      "/api/v1/products?tier=national&tier=regional&include=illustrative",
    );
    expect(status).toBe(200);
    expect(new Set(body.data.map((p: any) => p.tier))).toEqual(new Set(["national", "regional"]));
    expect((await call("/api/v1/products?tier=gold")).status).toBe(400);
  });

  it("names an absolute server URL: the origin that served it", async () => {
    const doc = await document();
    expect(doc.servers).toEqual([{ url: "http://localhost/api/v1", description: "This catalogue" }]);
  });

  it("declares every header a public GET answers with, on its status, and If-None-Match / x-d1-bookmark", async () => {
    const doc = await document();
    const missing: string[] = [];
    const gets = (await operations()).filter((op) => op.method === "GET" && op.security.length === 0);
    expect(gets.length).toBeGreaterThan(12);
    let answered = 0;
    for (const op of gets) {
      const names = op.parameters.map((p) => p.name.toLowerCase());
      for (const h of ["if-none-match", "x-d1-bookmark"])
        if (!names.includes(h)) missing.push(`${op.name}: parameter ${h}`);
      const query = new URLSearchParams();
      for (const p of op.parameters)
        if (p.in === "query" && p.required) query.set(p.name, declaredValue(p) ?? "");
      const url = `${pathOf(op)}${query.size ? `?${query}` : ""}`;
      const first = await call(url, { headers: PUBLIC_CALLER });
      missing.push(...undeclared(doc, op.path, "get", first));
      const tag = first.headers.get("etag");
      await first.body?.cancel();
      if (first.status !== 200) continue; // its declared example names nothing here (a 404, checked above)
      answered++;
      expect(tag, `${op.name} answers with an ETag`).not.toBeNull();
      const again = await call(url, { headers: { ...PUBLIC_CALLER, "if-none-match": tag ?? "" } });
      expect(again.status, `${op.name} revalidates`).toBe(304);
      missing.push(...undeclared(doc, op.path, "get", again));
    }
    expect(answered).toBeGreaterThan(12);
    // The deprecated `since` answers with Deprecation and Sunset.
    const cursor = (await getJson("/api/v1/changes?limit=1")).body.page.next_cursor;
    const since = await call(`/api/v1/changes?since=${cursor}`, { headers: PUBLIC_CALLER });
    expect(since.headers.get("deprecation")).not.toBeNull();
    missing.push(...undeclared(doc, "/changes", "get", since));
    expect(missing).toEqual([]);
  });

  it("declares the headers of a keyed write and its replay (bookmark, rate-limit policy, Idempotent-Replayed)", async () => {
    const doc = await document();
    const { key } = await createKey("aeon", "precision");
    const put = await send(
      "PUT",
      "/api/v1/channels/aeon/listings/chieu-truc-688",
      key,
      listing(),
      PUBLIC_CALLER,
    );
    expect(put.status).toBe(201);
    expect(put.headers.get("x-d1-bookmark")).toMatch(/^[0-9a-f-]+$/);
    const missing = undeclared(doc, "/channels/{channel}/listings/{product}", "put", put);
    const bulkBody = { items: [{ product: "chieu-truc-688", ...listing({ price_vnd: 1 }) }] };
    const headers = { ...PUBLIC_CALLER, "idempotency-key": "precision-1" };
    const bulk = await send("POST", "/api/v1/channels/aeon/listings/bulk", key, bulkBody, headers);
    const replay = await send("POST", "/api/v1/channels/aeon/listings/bulk", key, bulkBody, headers);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    for (const res of [bulk, replay])
      missing.push(...undeclared(doc, "/channels/{channel}/listings/bulk", "post", res));
    expect(missing).toEqual([]);
  });

  it("has the webhook's payload in its webhooks section, the change entry as the feed's", async () => {
    const doc = await document();
    const hook = doc.webhooks?.change?.post;
    expect(hook.requestBody.content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/WebhookPayload",
    });
    const payload = doc.components.schemas.WebhookPayload;
    expect(payload.properties.data.properties.change).toEqual({ $ref: "#/components/schemas/Change" });
    expect(doc.components.schemas.ChangeList.properties.data.items).toEqual({
      $ref: "#/components/schemas/Change",
    });
    expect(hook.parameters.map((p: any) => p.name)).toEqual([
      "webhook-id",
      "webhook-timestamp",
      "webhook-signature",
    ]);
  });

  it("gives the feeds a row schema that every NDJSON line and the CSV header follow", async () => {
    const doc = await document();
    const row = doc.components.schemas.ProductFeedRow;
    expect(Object.keys(row.properties)).toEqual([...FEED_COLUMNS]);
    const ndjson = doc.paths["/feeds/products.ndjson"].get.responses["200"].content["application/x-ndjson"];
    expect(ndjson.schema.contentSchema.items).toEqual({ $ref: "#/components/schemas/ProductFeedRow" });
    const text = await (await call("/api/v1/feeds/products.ndjson?include=illustrative")).text();
    const lines = text.trim().split("\n");
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) {
      const parsed = JSON.parse(line);
      expect(ProductFeedRow.strict().safeParse(parsed).error?.issues, parsed.slug).toBeUndefined();
      expect(Object.keys(parsed)).toEqual([...FEED_COLUMNS]);
    }
    const csv = await (await call("/api/v1/feeds/products.csv")).text();
    expect(csv.split("\r\n")[0]).toBe(Object.keys(row.properties).join(","));
  });
});

describe("problem types resolve to a page", () => {
  it("serves a page for every type, and the type of a real error resolves to one", async () => {
    for (const [name, t] of Object.entries(PROBLEM_TYPES)) {
      const res = await call(`/problems/${name}`);
      expect(res.status, name).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      const html = await res.text();
      expect(html).toContain(`<h1>${t.title}</h1>`);
    }
    const index = await (await call("/problems")).text();
    for (const name of Object.keys(PROBLEM_TYPES)) expect(index).toContain(`/problems/${name}"`);

    // The type URIs of errors the API really answers with, resolved against the request's URL as RFC 9457 says.
    const errors = [
      await call("/api/v1/products?tier=gold"),
      await call("/api/v1/products/khong-co"),
      await call("/api/v1/nothing-here"),
      await send("PUT", "/api/v1/channels/aeon/listings/chieu-truc-688", null, listing()),
      await send("PUT", "/api/v1/channels/aeon/listings/chieu-truc-688", "cnnt_0000", listing()),
    ];
    const types = new Set<string>();
    for (const res of errors) {
      const problem = JSON.parse(await res.text());
      const page = await call(new URL(problem.type, res.url || "http://localhost/api/v1/").pathname);
      expect(page.status, problem.type).toBe(200);
      types.add(problem.type);
    }
    expect(types.size).toBeGreaterThanOrEqual(3);
    expect((await call("/problems/no-such-problem")).status).toBe(404);
  });
});
