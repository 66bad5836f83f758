// The centre's inbox and the producers' accounts: editors see and change every enquiry with an audit trail,
// publishers forward and invite; a producer's account sees only its own producer's enquiries (others 404), marks
// them answered and nothing else; erasure on request and by the retention sweep.
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { eraseExpired } from "../../../src/editor/enquiries/retention.ts";
import { countedD1 } from "../../../src/platform/db/client.ts";
import { enquiry, OTHER_PRODUCER, postEnquiry, REAL_PRODUCER } from "../../enquiries/helpers.ts";
import { createEditor } from "../helpers.ts";
import { signedIn } from "../session.ts";

vi.setConfig({ testTimeout: 60_000 });

const send = async (over: Record<string, unknown>) => {
  const res = await postEnquiry(enquiry(over));
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
};
const row = (ref: string) =>
  env.DB.prepare("SELECT * FROM enquiries WHERE ref = ?").bind(ref).first<Record<string, unknown>>();

describe("the enquiry inbox", async () => {
  const publisher = await createEditor("pub.inbox@cnnt.example.vn", "publisher");
  const editor = await createEditor("ed.inbox@cnnt.example.vn", "editor");
  const mine = await send({ name: "Khách Của Mình", email: "mine@example.vn" });
  const theirs = await send({
    product: undefined,
    producer: OTHER_PRODUCER.slug,
    name: "Khách Người Khác",
    email: "theirs@example.vn",
  });

  it("lists enquiries for editors, filtered by producer, with the contact on the detail page", async () => {
    const s = await signedIn(editor.email, editor.password);
    const all = await s.get("/quan-tri/hoi-mua");
    expect(all.res.status).toBe(200);
    expect(all.html).toContain("Khách Của Mình");
    expect(all.html).toContain("Khách Người Khác");
    const filtered = await s.get(`/quan-tri/hoi-mua?producer=${OTHER_PRODUCER.slug}`);
    expect(filtered.html).toContain("Khách Người Khác");
    expect(filtered.html).not.toContain("Khách Của Mình");
    const detail = await s.get(`/en/admin/enquiries/${mine}`);
    expect(detail.res.status).toBe(200);
    expect(detail.html).toContain("mine@example.vn");
  });

  it("changes a status with an audit trail of who, before and after", async () => {
    const s = await signedIn(editor.email, editor.password);
    await s.get(`/quan-tri/hoi-mua/${theirs}`);
    const { res } = await s.post(`/quan-tri/hoi-mua/${theirs}`, { status: "closed" });
    expect(res.status).toBe(303);
    expect((await row(theirs))?.status).toBe("closed");
    const after = await s.get(`/quan-tri/hoi-mua/${theirs}`);
    expect(after.html).toContain("status: new → closed");
    expect(after.html).toContain(editor.email);
    // An editor cannot forward (a publisher's act).
    const forward = await s.post(`/quan-tri/hoi-mua/${theirs}`, { status: "forwarded" });
    expect(forward.res.status).toBe(403);
  });

  it("lets a publisher invite a producer's account, which sees its own enquiries only and marks them answered", async () => {
    const p = await signedIn(publisher.email, publisher.password);
    await p.get("/quan-tri/hoi-mua/moi-co-so");
    const invited = await p.post("/quan-tri/hoi-mua/moi-co-so", {
      email: "owner@tamhoa.example.vn",
      producer: REAL_PRODUCER.slug,
    });
    expect(invited.res.status).toBe(200);
    const password = /<code>([^<]+)<\/code>/.exec(invited.html)?.[1] ?? "";
    expect(password.length).toBeGreaterThan(10);
    const illustrative = await p.post("/quan-tri/hoi-mua/moi-co-so", {
      email: "x@y.example.vn",
      producer: "no-such-producer",
    });
    expect(illustrative.res.status).toBe(422);

    const producer = await signedIn("owner@tamhoa.example.vn", password);
    // The invitation's password is one-time (issue 23): the account chooses its own before anything opens.
    const first = await producer.get("/quan-tri/hoi-mua");
    expect(first.res.headers.get("location")).toBe("/quan-tri/doi-mat-khau");
    await producer.get("/quan-tri/doi-mat-khau");
    const own = "mat-khau-rieng-cua-co-so-2026";
    const changed = await producer.post("/quan-tri/doi-mat-khau", {
      current_password: password,
      new_password: own,
      confirm_password: own,
    });
    expect(changed.res.status).toBe(303);
    const inbox = await producer.get("/quan-tri/hoi-mua");
    expect(inbox.res.status).toBe(200);
    expect(inbox.html).toContain("Khách Của Mình");
    expect(inbox.html).not.toContain("Khách Người Khác");
    // Another producer's enquiry does not exist for this account.
    expect((await producer.get(`/quan-tri/hoi-mua/${theirs}`)).res.status).toBe(404);
    expect((await producer.post(`/quan-tri/hoi-mua/${theirs}`, { status: "answered" })).res.status).toBe(404);
    // The editors' pages are closed to it.
    const home = await producer.get("/quan-tri");
    expect(home.res.status).toBe(303);
    expect(home.res.headers.get("location")).toBe("/quan-tri/hoi-mua");
    expect((await producer.get("/quan-tri/san-pham")).res.status).toBe(303);
    // It marks its own answered, and may do nothing else.
    await producer.get(`/quan-tri/hoi-mua/${mine}`);
    expect((await producer.post(`/quan-tri/hoi-mua/${mine}`, { status: "closed" })).res.status).toBe(403);
    expect((await producer.post(`/quan-tri/hoi-mua/${mine}`, { action: "erase" })).res.status).toBe(403);
    expect((await producer.post(`/quan-tri/hoi-mua/${mine}`, { status: "answered" })).res.status).toBe(303);
    expect((await row(mine))?.status).toBe("answered");
    // The editor sees the producer's act in the trail.
    const e = await signedIn(editor.email, editor.password);
    expect((await e.get(`/quan-tri/hoi-mua/${mine}`)).html).toContain("owner@tamhoa.example.vn");
  });

  it("lets a publisher forward an enquiry: the producer's account is emailed, through the queue", async () => {
    const ref = await send({ name: "Chuyển Tiếp", email: "fwd@example.vn" });
    const p = await signedIn(publisher.email, publisher.password);
    await p.get(`/quan-tri/hoi-mua/${ref}`);
    expect((await p.post(`/quan-tri/hoi-mua/${ref}`, { status: "forwarded" })).res.status).toBe(303);
    expect((await row(ref))?.status).toBe("forwarded");
    const until = Date.now() + 20_000;
    let sent: { recipient: string }[] = [];
    while (Date.now() < until) {
      sent = (
        await env.DB.prepare(
          "SELECT recipient FROM enquiry_notices n JOIN enquiries e ON e.id = n.enquiry_id WHERE e.ref = ? AND n.event = 'forwarded'",
        )
          .bind(ref)
          .all<{ recipient: string }>()
      ).results;
      if (sent.length) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(sent.map((s) => s.recipient)).toEqual(["owner@tamhoa.example.vn"]);
  });

  it("erases the personal details on request (audited) and after the retention period", async () => {
    const ref = await send({ name: "Xóa Tôi", email: "erase.me@example.vn", phone: "0912 111 222" });
    const s = await signedIn(editor.email, editor.password);
    await s.get(`/quan-tri/hoi-mua/${ref}`);
    expect((await s.post(`/quan-tri/hoi-mua/${ref}`, { action: "erase" })).res.status).toBe(303);
    expect(await row(ref)).toMatchObject({ name: null, email: null, phone: null, message: null });
    expect((await row(ref))?.erased_at).toBeTruthy();
    const page = await s.get(`/quan-tri/hoi-mua/${ref}`);
    expect(page.html).not.toContain("erase.me@example.vn");
    expect(page.html).toContain("erase");

    // The sweep: an answered enquiry 366 days after its answer; a new one 731 days after it was sent.
    expect((await row(mine))?.erased_at).toBeNull();
    const d1 = countedD1(env.DB);
    expect(await eraseExpired(d1, Date.now() + 300 * 86_400_000)).toBe(0);
    expect(await eraseExpired(d1, Date.now() + 366 * 86_400_000)).toBeGreaterThan(0);
    expect(await row(mine)).toMatchObject({ name: null, email: null });
    expect((await row(theirs))?.email).toBeNull();
  });
});

describe("the enquiry inbox through the editors' API", async () => {
  const { admin } = await import("../helpers.ts");
  const publisher = await createEditor("pub.api@cnnt.example.vn", "publisher");
  const editor = await createEditor("ed.api@cnnt.example.vn", "editor");

  it("lists, reads, changes and erases, with the token's role enforced and an audit trail", async () => {
    const ref = await send({ name: "Qua API", email: "via.api@example.vn" });
    const list = await admin("GET", `/enquiries?producer=${REAL_PRODUCER.slug}`, editor.token);
    expect(list.status).toBe(200);
    expect(list.headers.get("x-d1-round-trips")).toBe("1");
    const body = (await list.json()) as { data: { id: string; name: string }[] };
    expect(body.data.find((e) => e.id === ref)?.name).toBe("Qua API");
    const one = (await (await admin("GET", `/enquiries/${ref}`, editor.token)).json()) as {
      email: string;
    };
    expect(one.email).toBe("via.api@example.vn");
    expect((await admin("PATCH", `/enquiries/${ref}`, editor.token, { status: "forwarded" })).status).toBe(
      403,
    );
    expect((await admin("PATCH", `/enquiries/${ref}`, editor.token, { status: "bogus" })).status).toBe(422);
    const fwd = await admin("PATCH", `/enquiries/${ref}`, publisher.token, {
      status: "forwarded",
    });
    expect(fwd.status).toBe(200);
    const after = (await fwd.json()) as { status: string; audit: { by: string; action: string }[] };
    expect(after.status).toBe("forwarded");
    expect(after.audit.map((a) => `${a.action} ${a.by}`)).toEqual([
      "received (enquirer)",
      `status ${publisher.email}`,
    ]);
    const erased = (await (await admin("POST", `/enquiries/${ref}/erase`, editor.token)).json()) as {
      email: string | null;
      erased: boolean;
    };
    expect(erased).toMatchObject({ email: null, erased: true });
    expect((await admin("GET", "/enquiries/aaaaaaaaaaaa", editor.token)).status).toBe(404);
    expect((await admin("GET", "/enquiries", null)).status).toBe(401);
  });
});
