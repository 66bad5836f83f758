// An enquiry about a product kind no producer has yet (chè giảo cổ lam) reaches the centre alone; the centre routes
// it: a publisher forwards it to a producer it chose, which becomes the enquiry's producer — that producer's account
// is emailed and sees it. Forwarding it without a real producer changes nothing and says why (page and API).
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { enquiry, postEnquiry, REAL_PRODUCER } from "../../enquiries/helpers.ts";
import { admin, createEditor } from "../helpers.ts";
import { signedIn } from "../session.ts";

vi.setConfig({ testTimeout: 60_000 });

const GIAO = "che-giao-co-lam";
const OWNER = "owner.route@tamhoa.example.vn";

const sendAboutKind = async (name: string) => {
  const res = await postEnquiry(enquiry({ product: undefined, product_kind: GIAO, name }));
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
};
const row = (ref: string) =>
  env.DB.prepare(
    "SELECT e.status, pr.slug AS producer FROM enquiries e LEFT JOIN producers pr ON pr.id = e.producer_id WHERE e.ref = ?",
  )
    .bind(ref)
    .first<{ status: string; producer: string | null }>();

async function noticesTo(ref: string): Promise<string[]> {
  const until = Date.now() + 20_000;
  while (Date.now() < until) {
    const { results } = await env.DB.prepare(
      "SELECT recipient FROM enquiry_notices n JOIN enquiries e ON e.id = n.enquiry_id WHERE e.ref = ? AND n.event = 'forwarded'",
    )
      .bind(ref)
      .all<{ recipient: string }>();
    if (results.length) return results.map((r) => r.recipient);
    await new Promise((r) => setTimeout(r, 100));
  }
  return [];
}

describe("routing an enquiry about a product kind", async () => {
  const publisher = await createEditor("pub.route@cnnt.example.vn", "publisher");
  const illustrativeProducer = (
    await env.DB.prepare("SELECT slug FROM producers WHERE provenance = 'illustrative' LIMIT 1").first<{
      slug: string;
    }>()
  )?.slug;

  it("a publisher chooses the producer on the enquiry's page; it is emailed and sees the enquiry", async () => {
    const ref = await sendAboutKind("Người Hỏi Cần Chuyển");
    const p = await signedIn(publisher.email, publisher.password);
    await p.get("/quan-tri/hoi-mua/moi-co-so");
    const invited = await p.post("/quan-tri/hoi-mua/moi-co-so", {
      email: OWNER,
      producer: REAL_PRODUCER.slug,
    });
    const password = /<code>([^<]+)<\/code>/.exec(invited.html)?.[1] ?? "";
    expect(password.length).toBeGreaterThan(10);

    const page = await p.get(`/quan-tri/hoi-mua/${ref}`);
    expect(page.html).toContain('<select id="route-to" name="producer" required');
    expect(page.html).toContain(`<option value="${REAL_PRODUCER.slug}">`);
    // Only real producers are offered.
    if (illustrativeProducer) expect(page.html).not.toContain(`<option value="${illustrativeProducer}">`);

    // Without a producer, or with one that is not a real producer, nothing changes and the page says why.
    for (const producer of ["", "khong-co-co-so", illustrativeProducer ?? "khong-co"]) {
      const refused = await p.post(`/quan-tri/hoi-mua/${ref}`, { status: "forwarded", producer });
      expect(refused.res.status).toBe(422);
      expect(refused.html).toContain("Hãy chọn một cơ sở trong danh mục để chuyển câu hỏi này.");
      expect(await row(ref)).toEqual({ status: "new", producer: null });
    }

    const sent = await p.post(`/quan-tri/hoi-mua/${ref}`, {
      status: "forwarded",
      producer: REAL_PRODUCER.slug,
    });
    expect(sent.res.status).toBe(303);
    expect(await row(ref)).toEqual({ status: "forwarded", producer: REAL_PRODUCER.slug });
    expect(await noticesTo(ref)).toEqual([OWNER]);
    const after = await p.get(`/quan-tri/hoi-mua/${ref}`);
    expect(after.html).toContain(`producer: — → ${REAL_PRODUCER.slug}`);
    expect(after.html).not.toContain('id="route-to"');

    // The producer's account now holds it.
    const owner = await signedIn(OWNER, password);
    await owner.get("/quan-tri/doi-mat-khau");
    const own = "mat-khau-rieng-route-2026";
    await owner.post("/quan-tri/doi-mat-khau", {
      current_password: password,
      new_password: own,
      confirm_password: own,
    });
    expect((await owner.get("/quan-tri/hoi-mua")).html).toContain("Người Hỏi Cần Chuyển");
    expect((await owner.get(`/quan-tri/hoi-mua/${ref}`)).res.status).toBe(200);
  });

  it("through the editors' API: forwarding without a real producer is a 422 naming `producer`", async () => {
    const ref = await sendAboutKind("Người Hỏi Qua API");
    const bare = await admin("PATCH", `/enquiries/${ref}`, publisher.token, { status: "forwarded" });
    expect(bare.status).toBe(422);
    expect(bare.headers.get("content-type")).toContain("application/problem+json");
    expect(((await bare.json()) as { invalid_params: { name: string }[] }).invalid_params).toEqual([
      expect.objectContaining({ name: "producer" }),
    ]);
    expect(await row(ref)).toEqual({ status: "new", producer: null });
    const ok = await admin("PATCH", `/enquiries/${ref}`, publisher.token, {
      status: "forwarded",
      producer: REAL_PRODUCER.slug,
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: "forwarded", producer: REAL_PRODUCER.slug });
  });

  it("an enquiry about a product keeps its producer: no choice is offered and none is needed", async () => {
    const res = await postEnquiry(enquiry({ name: "Người Hỏi Sản Phẩm" }));
    const ref = ((await res.json()) as { id: string }).id;
    const p = await signedIn(publisher.email, publisher.password);
    const page = await p.get(`/quan-tri/hoi-mua/${ref}`);
    expect(page.html).not.toContain('id="route-to"');
    const before = await row(ref);
    expect((await p.post(`/quan-tri/hoi-mua/${ref}`, { status: "forwarded" })).res.status).toBe(303);
    expect(await row(ref)).toEqual({ status: "forwarded", producer: before?.producer });
  });
});
