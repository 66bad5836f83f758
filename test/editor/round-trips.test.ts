import { env } from "cloudflare:workers";
import type { Context } from "hono";
import { beforeAll, describe, expect, it } from "vitest";
import { authenticatedD1 } from "../../src/editor/auth/auth.ts";
import { sha256Hex } from "../../src/editor/auth/crypto.ts";
import { countedD1 } from "../../src/platform/db/client.ts";
import type { AppEnv } from "../../src/platform/env.ts";
import { Problem } from "../../src/platform/http/problem.ts";
import { admin, createEditor, producer, product } from "./helpers.ts";

let pub: Awaited<ReturnType<typeof createEditor>>;
beforeAll(async () => {
  pub = await createEditor("dem@example.vn", "publisher");
});

const trips = (res: Response) => Number(res.headers.get("x-d1-round-trips"));
const measured: Record<string, number> = {};
const record = (name: string, res: Response) => {
  measured[name] = trips(res);
  return res;
};

/**
 * D1 round trips of the admin API: the token is checked inside the request's first batch (a guard statement that
 * aborts the batch for a refused token), and a write's batch also reads back what the response shows.
 */
describe("admin API round trips", () => {
  it("reads cost one round trip, writes two, publishing two", async () => {
    const p = "/products/mien-dong-tan-viet-a";
    const get = record("GET product", await admin("GET", p, pub.token));
    expect(get.status).toBe(200);
    const etag = get.headers.get("etag") ?? "";
    const patch = record(
      "PATCH product",
      await admin(
        "PATCH",
        p,
        pub.token,
        { description_en: "Arrowroot glass noodles." },
        { "if-match": etag },
      ),
    );
    expect(patch.status).toBe(200);
    const publish = record(
      "POST publish",
      await admin("POST", `${p}/publish`, pub.token, undefined, {
        "if-match": patch.headers.get("etag") ?? "",
      }),
    );
    expect(publish.status).toBe(200);
    expect(record("POST producer", await admin("POST", "/producers", pub.token, producer())).status).toBe(
      201,
    );
    expect(record("POST product", await admin("POST", "/products", pub.token, product())).status).toBe(201);
    const ch = record("GET channel", await admin("GET", "/channels/aeon", pub.token));
    const chPatch = record(
      "PATCH channel",
      await admin(
        "PATCH",
        "/channels/aeon",
        pub.token,
        { name: "AEON Việt Nam" },
        { "if-match": ch.headers.get("etag") ?? "" },
      ),
    );
    expect(chPatch.status).toBe(200);
    record("GET audit", await admin("GET", "/audit?limit=5", pub.token));
    console.log("admin API round trips:", JSON.stringify(measured));
    expect(measured).toEqual({
      "GET product": 1,
      "PATCH product": 2,
      "POST publish": 2,
      "POST producer": 2,
      "POST product": 2,
      "GET channel": 1,
      "PATCH channel": 2,
      "GET audit": 1,
    });
  });

  it("a refused token writes nothing, even when the request's first batch is a write", async () => {
    const ed = await createEditor("chi-sua@example.vn", "editor");
    const attempt = async (cred: { prefix: string; hash: string; role: "editor" | "publisher" }) => {
      const c = { set() {}, get() {} } as unknown as Context<AppEnv>;
      const d1 = authenticatedD1(c, countedD1(env.DB), cred);
      const write = d1.prepare(
        "INSERT INTO audit_events (editor_email, via, entity, entity_key, action) VALUES ('x', 'api', 'test', ?, 'write')",
      );
      try {
        await d1.batch([write.bind(cred.prefix + cred.role)]);
        return 200;
      } catch (err) {
        return err instanceof Problem ? err.status : 500;
      } finally {
        expect(d1.roundTrips).toBeLessThanOrEqual(2);
      }
    };
    const hash = await sha256Hex(ed.token);
    const prefix = ed.token.slice(0, 15);
    expect(await attempt({ prefix, hash: "0".repeat(64), role: "editor" })).toBe(401);
    expect(await attempt({ prefix, hash, role: "publisher" })).toBe(403);
    const written = await env.DB.prepare(
      "SELECT count(*) AS n FROM audit_events WHERE entity = 'test'",
    ).first<{ n: number }>();
    expect(written?.n).toBe(0);
    expect(await attempt({ prefix, hash, role: "editor" })).toBe(200);
  });
});
