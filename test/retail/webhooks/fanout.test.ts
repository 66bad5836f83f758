// The fan-out step on its own (no queue, no HTTP): which changes become deliveries, and that a race with an
// endpoint being registered loses nothing. Writes go straight to D1 here, so no write nudges the real consumer.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { countedD1 } from "../../../src/platform/db/client.ts";
import type { CountedD1 } from "../../../src/platform/env.ts";
import { fanOut } from "../../../src/retail/webhooks/fanout.ts";

const db = env.DB;
const maxSeq = async () =>
  (await db.prepare("SELECT max(seq) AS s FROM changes").first<{ s: number }>())?.s ?? 0;
const touch = (slug: string) =>
  db.prepare("UPDATE products SET name_vi = name_vi || '.' WHERE slug = ?").bind(slug).run();
const addEndpoint = (id: string, afterSeq: number) =>
  db
    .prepare(
      "INSERT INTO webhook_endpoints (id, channel_id, url, secret, after_seq) VALUES (?, (SELECT id FROM channels WHERE slug = 'aeon'), 'https://hooks.example-chain.vn/x', 'whsec_AAAA', ?)",
    )
    .bind(id, afterSeq)
    .run();
const deliveriesOf = async (endpoint: string) =>
  (
    await db
      .prepare(
        "SELECT seq, json_extract(body, '$.data.change.key') AS key FROM webhook_deliveries WHERE endpoint_id = ? ORDER BY seq",
      )
      .bind(endpoint)
      .all<{ seq: number; key: string }>()
  ).results;

describe("fan-out", () => {
  it("with no endpoint, moves past the feed (a first endpoint starts with what happens next)", async () => {
    await touch("mien-dong-tan-viet-a");
    expect(await fanOut(env)).toEqual({ created: [], more: false });
    const cursor = await db
      .prepare("SELECT last_seq FROM webhook_fanout WHERE id = 1")
      .first<{ last_seq: number }>();
    expect(cursor?.last_seq).toBe(await maxSeq());
  });

  it("an endpoint registered between the step's reads still gets the changes after its start", async () => {
    await addEndpoint("ep_aaaaaaaaaaaaaaaaaaaaaaaa", await maxSeq());
    await touch("chieu-truc-688");
    // A D1 whose second batch (the feed read) first sees another endpoint registered and a change after it:
    // the step read the endpoints before that, so it must not move the cursor past the change without it.
    const real = countedD1(db);
    let calls = 0;
    const racing: CountedD1 = {
      ...real,
      prepare: (q) => real.prepare(q),
      batch: async (statements) => {
        calls++;
        if (calls === 2) {
          await addEndpoint("ep_bbbbbbbbbbbbbbbbbbbbbbbb", await maxSeq());
          await touch("nam-huong-yen-cong");
        }
        return real.batch(statements);
      },
    };
    const first = await fanOut(env, racing);
    expect(first).toEqual({ created: [], more: true }); // nothing written: the endpoints changed under it
    const second = await fanOut(env);
    expect(second.created.length).toBe(3);
    expect((await deliveriesOf("ep_aaaaaaaaaaaaaaaaaaaaaaaa")).map((d) => d.key)).toEqual([
      "chieu-truc-688",
      "nam-huong-yen-cong",
    ]);
    expect((await deliveriesOf("ep_bbbbbbbbbbbbbbbbbbbbbbbb")).map((d) => d.key)).toEqual([
      "nam-huong-yen-cong",
    ]);
    // Run again: nothing new, nothing twice.
    expect(await fanOut(env)).toEqual({ created: [], more: false });
  });
});
