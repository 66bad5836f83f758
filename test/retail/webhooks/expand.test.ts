// Webhook deliveries that carry the record (issue 27: `expand` in webhook payloads, opt-in per endpoint): an
// endpoint registered with `expand: "record"` gets each change with `data.change.record` exactly as the change feed
// has it with `expand=record` — with illustrative values only if it opted in to them — and one without gets the
// entry alone. The fan-out step is run here directly (as in fanout.test.ts), so the bodies are read from D1.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { fanOut } from "../../../src/retail/webhooks/fanout.ts";
import { getJson } from "../../helpers/http.ts";
import { createKey, json, send } from "../../helpers/retail.ts";

const aeon = "/api/v1/channels/aeon/webhooks";
let key = "";
const ids: Record<"plain" | "expanded" | "all", string> = { plain: "", expanded: "", all: "" };

interface Body {
  type: string;
  data: { change: { seq: number; entity: string; key: string; op: string; record?: unknown } };
}
const bodiesOf = async (endpoint: string) =>
  (
    await env.DB.prepare("SELECT body FROM webhook_deliveries WHERE endpoint_id = ? ORDER BY seq")
      .bind(endpoint)
      .all<{ body: string }>()
  ).results.map((r) => JSON.parse(r.body) as Body);

/** The change feed's entries with their records, by seq (the seed's feed fits in one page of 1,000). */
async function feed(include: boolean) {
  const res = await getJson(
    `/api/v1/changes?expand=record&limit=1000${include ? "&include=illustrative" : ""}`,
  );
  const entries = (res.body as { data: { seq: number; record?: unknown }[] }).data;
  return new Map(entries.map((e) => [e.seq, e]));
}

beforeAll(async () => {
  key = (await createKey("aeon")).key;
  const register = async (name: keyof typeof ids, extra: object) => {
    const res = await send("POST", aeon, key, { url: `https://hooks.example-chain.vn/${name}`, ...extra });
    expect(res.status).toBe(201);
    const made = await json(res);
    ids[name] = made.id;
    return made;
  };
  expect(await register("plain", {})).toMatchObject({ expand: null });
  expect(await register("expanded", { expand: "record" })).toMatchObject({ expand: "record" });
  await register("all", { expand: "record", include_illustrative: true });
});

describe("webhook deliveries with expand", () => {
  it("carry the record as the feed has it, illustrative values only for the endpoint that asked", async () => {
    // A real product with an illustrative price, its producer, and a listing deleted: straight to D1, so no write
    // nudges the queue's fan-out while this test runs its own.
    await env.DB.batch([
      env.DB.prepare("UPDATE products SET name_en = name_en || ' (dried)' WHERE slug = 'bun-kho-cao-tuyen'"),
      env.DB.prepare("UPDATE producers SET name = name || '.' WHERE slug = 'htx-tam-hoa'"),
      env.DB.prepare(
        "DELETE FROM listings WHERE channel_id = (SELECT id FROM channels WHERE slug = 'aeon') AND product_id = (SELECT id FROM products WHERE slug = 'bun-kho-cao-tuyen')",
      ),
    ]);
    for (let step = await fanOut(env); step.more; step = await fanOut(env));
    const [real, all] = [await feed(false), await feed(true)];
    const [plain, expanded, everything] = [
      await bodiesOf(ids.plain),
      await bodiesOf(ids.expanded),
      await bodiesOf(ids.all),
    ];
    const keys = (bodies: Body[]) => bodies.map((b) => `${b.data.change.entity}:${b.data.change.key}`);
    expect(keys(expanded)).toEqual(keys(plain));
    expect(keys(plain)).toEqual(
      expect.arrayContaining([
        "product:bun-kho-cao-tuyen",
        "producer:htx-tam-hoa",
        "listing:aeon/bun-kho-cao-tuyen",
      ]),
    );
    for (const b of plain) expect(b.data.change).not.toHaveProperty("record");
    for (const b of expanded) {
      const { record, ...entry } = b.data.change;
      expect(b.data.change).toHaveProperty("record");
      expect(record, `${entry.entity}:${entry.key}`).toEqual(real.get(entry.seq)?.record ?? null);
    }
    for (const b of everything)
      expect(b.data.change.record, b.data.change.key).toEqual(all.get(b.data.change.seq)?.record ?? null);
    const product = (bodies: Body[]) =>
      bodies.find((b) => b.data.change.key === "bun-kho-cao-tuyen" && b.data.change.entity === "product")
        ?.data.change.record as { name_en: string; packaging: { price_vnd: number }[] };
    expect(product(expanded).name_en).toContain("(dried)");
    // The illustrative pack and price are withheld from the endpoint that did not opt in, given to the one that did.
    expect(product(expanded)).toMatchObject({ packaging: [], provenance: { withheld: ["packaging"] } });
    expect(product(everything).packaging).toEqual([
      expect.objectContaining({ price_vnd: 35000, sample: true }),
    ]);
    const tombstone = expanded.find((b) => b.data.change.op === "delete");
    expect(tombstone?.data.change.record).toBeNull();
  });

  it("is set and changed like the endpoint's other options, and a value it does not know is a 422", async () => {
    const off = await send("PATCH", `${aeon}/${ids.expanded}`, key, { expand: null });
    expect(off.status).toBe(200);
    expect(await json(off)).toMatchObject({ expand: null, include_illustrative: false });
    const on = await send("PATCH", `${aeon}/${ids.expanded}`, key, { expand: "record" });
    expect(await json(on)).toMatchObject({ expand: "record" });
    const kept = await send("PATCH", `${aeon}/${ids.expanded}`, key, { events: ["product"] });
    expect(await json(kept)).toMatchObject({ expand: "record", events: ["product"] });
    const before = await env.DB.prepare("SELECT count(*) AS n FROM webhook_endpoints").first<{ n: number }>();
    const bad = await send("POST", aeon, key, {
      url: "https://hooks.example-chain.vn/bad",
      expand: "records",
    });
    expect(bad.status).toBe(422);
    const problem = await json(bad);
    expect(problem.invalid_params.map((p: { name: string }) => p.name)).toEqual(["expand"]);
    expect(
      await env.DB.prepare("SELECT count(*) AS n FROM webhook_endpoints").first<{ n: number }>(),
    ).toEqual(before);
  });
});
