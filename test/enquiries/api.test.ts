// POST /api/v1/enquiries: stored once per token in one D1 round trip, every bad field named, illustrative records
// refused, size and daily limits, a retailer key attributing the enquiry to its chain.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { MAX_PER_ADDRESS_PER_DAY } from "../../src/enquiries/rules.ts";
import { createKey } from "../helpers/retail.ts";
import { enquiry, ILLUSTRATIVE_PRODUCT, postEnquiry, REAL_PRODUCT, stored } from "./helpers.ts";

const problem = async (res: Response) => {
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  return (await res.json()) as { status: number; invalid_params?: { name: string; reason: string }[] };
};

describe("POST /api/v1/enquiries", () => {
  it("stores an enquiry in one D1 round trip and answers 201 with its reference, not the contact", async () => {
    const res = await postEnquiry(enquiry({ email: "first.buyer@example.vn" }));
    expect(res.status).toBe(201);
    expect(res.headers.get("x-d1-round-trips")).toBe("1");
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      status: "received",
      product: REAL_PRODUCT.slug,
      kind: "wholesale",
      duplicate: false,
    });
    expect(JSON.stringify(body)).not.toContain("first.buyer");
    const [row] = await stored();
    expect(row).toMatchObject({ ref: body.id, email: "first.buyer@example.vn", status: "new", via: "api" });
  });

  it("stores a resubmission with the same token once (200, duplicate: true, the same reference)", async () => {
    const before = (await stored()).length;
    const body = enquiry({ token: "form-token-0123456789", email: "twice@example.vn" });
    const a = await postEnquiry(body);
    const b = await postEnquiry(body);
    expect(a.status).toBe(201);
    expect(b.status).toBe(200);
    const [ra, rb] = [
      (await a.json()) as { id: string },
      (await b.json()) as { id: string; duplicate: boolean },
    ];
    expect(rb).toMatchObject({ id: ra.id, duplicate: true });
    expect((await stored()).length).toBe(before + 1);
  });

  it("names each bad field in invalid_params (422)", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ consent: false }, "consent"],
      [{ consent: undefined }, "consent"],
      [{ email: "not-an-email" }, "email"],
      [{ email: undefined, phone: "12345" }, "phone"],
      [{ email: undefined }, "email"],
      [{ message: "x".repeat(2001) }, "message"],
      [{ message: "   " }, "message"],
      [{ kind: "steal" }, "kind"],
      [{ product: "Not A Slug" }, "product"],
      [{ product: undefined }, "product"],
      [{ producer: REAL_PRODUCT.producer }, "product"],
      [{ product: "no-such-product-anywhere" }, "product"],
      [{ product: ILLUSTRATIVE_PRODUCT.slug }, "product"],
    ];
    for (const [over, field] of cases) {
      const res = await postEnquiry(enquiry(over));
      expect(res.status, JSON.stringify(over)).toBe(422);
      const p = await problem(res);
      expect(
        p.invalid_params?.map((i) => i.name),
        JSON.stringify(over),
      ).toContain(field);
    }
    const ill = await problem(await postEnquiry(enquiry({ product: ILLUSTRATIVE_PRODUCT.slug })));
    expect(ill.invalid_params?.[0]?.reason).toMatch(/illustrative/);
  });

  it("accepts a Vietnamese phone instead of an email, stored in its international form", async () => {
    const res = await postEnquiry(enquiry({ email: undefined, phone: "091 234 5678" }));
    expect(res.status).toBe(201);
    expect((await stored())[0]).toMatchObject({ phone: "+84912345678", email: null });
  });

  it("refuses a body over 16 KB with 413 and a non-JSON body with 415", async () => {
    const big = await postEnquiry(JSON.stringify(enquiry({ message: "a".repeat(20_000) })));
    expect(big.status).toBe(413);
    await problem(big);
    const form = await postEnquiry("a=b", { "content-type": "application/x-www-form-urlencoded" });
    expect(form.status).toBe(415);
  });

  it("limits one address to 5 enquiries a day: 429 with Retry-After", async () => {
    const address = "203.0.113.77";
    for (let i = 0; i < MAX_PER_ADDRESS_PER_DAY; i++) {
      const ok = await postEnquiry(enquiry({ email: `n${i}@example.vn` }), { "cf-connecting-ip": address });
      expect(ok.status).toBe(201);
    }
    const res = await postEnquiry(enquiry({ email: "sixth@example.vn" }), { "cf-connecting-ip": address });
    expect(res.status).toBe(429);
    const retry = Number(res.headers.get("retry-after"));
    expect(retry).toBeGreaterThan(86_000);
    expect(retry).toBeLessThanOrEqual(86_400);
    await problem(res);
  });

  it("makes links inert for anonymous senders and keeps them for a retailer key, whose channel it records", async () => {
    const anon = await postEnquiry(
      enquiry({ message: "See https://spam.example/buy and www.cheap.example now" }),
    );
    expect(anon.status).toBe(201);
    const [a] = await stored();
    expect(a?.message).toBe("See hxxps[:]//spam[.]example/buy and www[.]cheap[.]example now");

    const channel = await env.DB.prepare("SELECT id, slug FROM channels LIMIT 1").first<{
      id: number;
      slug: string;
    }>();
    if (!channel) throw new Error("the seed has channels");
    const { key } = await createKey(channel.slug);
    const keyed = await postEnquiry(enquiry({ message: "Our listing: https://chain.example/p/1" }), {
      authorization: `Bearer ${key}`,
    });
    expect(keyed.status).toBe(201);
    const [k] = await stored();
    expect(k).toMatchObject({ channel_id: channel.id, message: "Our listing: https://chain.example/p/1" });
  });

  it("refuses a revoked or expired retailer key with 401 and stores nothing; a live one with an expiry is taken", async () => {
    const channel = await env.DB.prepare("SELECT slug FROM channels LIMIT 1").first<string>("slug");
    if (!channel) throw new Error("the seed has channels");
    const before = (await stored()).length;
    const later = await createKey(channel, "expires later", { expiresAt: "2099-01-01T00:00:00.000Z" });
    const expired = await createKey(channel, "expired", { expiresAt: "2020-01-01T00:00:00.000Z" });
    const revoked = await createKey(channel, "revoked");
    await env.DB.prepare("UPDATE api_keys SET revoked_at = '2026-01-01T00:00:00.000Z' WHERE id = ?")
      .bind(revoked.id)
      .run();
    for (const k of [expired, revoked]) {
      const res = await postEnquiry(enquiry({ message: `from the ${k.prefix} key` }), {
        authorization: `Bearer ${k.key}`,
      });
      expect(res.status, k.prefix).toBe(401);
    }
    expect((await stored()).length).toBe(before);
    const ok = await postEnquiry(enquiry({ message: "from a key that expires in 2099" }), {
      authorization: `Bearer ${later.key}`,
    });
    expect(ok.status).toBe(201);
    expect((await stored()).length).toBe(before + 1);
  });

  it("refuses an unknown or malformed retailer key with 401 and stores nothing", async () => {
    const before = (await stored()).length;
    const unknown = await postEnquiry(enquiry(), { authorization: `Bearer cnnt_${"0".repeat(48)}` });
    expect(unknown.status).toBe(401);
    const malformed = await postEnquiry(enquiry(), { authorization: "Bearer nope" });
    expect(malformed.status).toBe(401);
    expect((await stored()).length).toBe(before);
  });
});
