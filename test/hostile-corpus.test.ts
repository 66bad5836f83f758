// The nastiest inputs found by the property-based tests (test/fuzz-*.test.ts), kept as plain regression tests,
// and the bugs they found. Each case names what it guards against.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { encodeCursor } from "../src/lib/cursor.ts";
import { expectWellFormed } from "./fuzz-helpers.ts";
import { call, getJson } from "./helpers.ts";

const slug = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

describe("bugs found by fuzzing, fixed", () => {
  // D1 returns batch rows keyed by column name: joined tables' equal names (id, slug, sample) collapsed, drizzle
  // then read values from the wrong columns: product and channel details were 500s, recognitions showed the
  // producer's name as its slug. Fixed by aliasing joined columns (src/db/queries/columns.ts).
  it("product detail returns its producer and each listing's channel, not shifted columns", async () => {
    const { status, body } = await getJson("/api/v1/products/mien-dong-tan-viet-a");
    expect(status).toBe(200);
    expect(body.slug).toBe("mien-dong-tan-viet-a");
    expect(body.producer.slug).toBe("htx-tan-viet-a");
    expect(body.producer.name).toBe("HTX Tân Việt Á");
    expect(Array.isArray(body.producer.sources)).toBe(true);
    for (const l of body.listings) expect(l.channel.slug).toMatch(slug);
  });

  it("channel detail lists its own channel and real products", async () => {
    const { status, body } = await getJson("/api/v1/channels/aeon");
    expect(status).toBe(200);
    expect(body.listings.length).toBeGreaterThan(0);
    for (const l of body.listings) {
      expect(l.channel).toEqual({ slug: "aeon", name: "AEON", kind: "supermarket_chain" });
      expect(l.product.slug).toMatch(slug);
      expect((await call(`/api/v1/products/${l.product.slug}`)).status).toBe(200);
    }
  });

  it("recognitions name their product and producer by slug", async () => {
    const { body } = await getJson("/api/v1/recognitions?limit=100");
    for (const r of body.data) {
      expect(r.product.slug).toMatch(slug);
      expect(r.producer.slug).toMatch(slug);
      expect(r.producer.name).not.toMatch(slug);
    }
  });
});
