// Enquiry emails: through the real queue and the simulated send_email binding, to the producer's accounts and the
// centre, without the enquirer's contact in the subject; a failed send is retried and skips who was told already.
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { hashPassword } from "../../src/editor/auth/crypto.ts";
import { mimeMessage } from "../../src/enquiries/mime.ts";
import { noticeEmail } from "../../src/enquiries/notify.ts";
import worker from "../../src/index.ts";
import type { WebhookMessage } from "../../src/platform/env.ts";
import { WEBHOOK_QUEUE } from "../../src/retail/webhooks/queue.ts";
import { enquiry, postEnquiry, REAL_PRODUCER } from "./helpers.ts";

vi.setConfig({ testTimeout: 30_000 });

const notices = async (ref: string) =>
  (
    await env.DB.prepare(
      "SELECT n.event, n.recipient, n.message_id FROM enquiry_notices n JOIN enquiries e ON e.id = n.enquiry_id WHERE e.ref = ? ORDER BY n.recipient",
    )
      .bind(ref)
      .all<{ event: string; recipient: string; message_id: string | null }>()
  ).results;

async function producerAccount(email: string, producerSlug: string) {
  await env.DB.prepare(
    "INSERT INTO editors (email, role, password_hash, producer_id) SELECT ?, 'producer', ?, id FROM producers WHERE slug = ?",
  )
    .bind(email, await hashPassword("producer password 1"), producerSlug)
    .run();
}

describe("enquiry emails", () => {
  it("tells the centre and the producer's account of a new enquiry, through the queue, within seconds", async () => {
    await producerAccount("owner@producer.example.vn", REAL_PRODUCER.slug);
    const res = await postEnquiry(enquiry({ email: "secret.buyer@example.vn" }));
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const started = Date.now();
    let sent: Awaited<ReturnType<typeof notices>> = [];
    while (Date.now() - started < 20_000) {
      sent = await notices(id);
      if (sent.length >= 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(sent.map((n) => n.recipient)).toEqual(["centre@cnnt.example.vn", "owner@producer.example.vn"]);
    expect(sent.every((n) => n.event === "received" && n.message_id)).toBe(true);
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  it("puts no contact in a new enquiry's email and none in any subject; a forwarded one carries it in the body", () => {
    const row = {
      id: 1,
      ref: "abc",
      kind: "chain" as const,
      quantity: "1 tấn",
      message: "Xin báo giá",
      name: "Phạm Thị D",
      email: "d.pham@example.vn",
      phone: "+84912345678",
      organisation: "Chuỗi X",
      status: "new",
      erased_at: null,
      product_name: "Lạp sườn",
      producer_name: "HTX Tâm Hòa",
    };
    const received = noticeEmail(env, row, "received", "owner@producer.example.vn");
    const forwarded = noticeEmail(env, row, "forwarded", "owner@producer.example.vn");
    for (const m of [received, forwarded]) {
      expect(m.subject).not.toMatch(/d\.pham|912345678|Phạm/);
      expect(m.subject).toContain("Lạp sườn");
    }
    expect(received.text).not.toMatch(/d\.pham|912345678|Phạm|Chuỗi X|Xin báo giá/);
    expect(forwarded.text).toContain("d.pham@example.vn");
    const raw = mimeMessage(received);
    expect(raw).toMatch(
      /^From: enquiries@localhost\r\nTo: owner@producer\.example\.vn\r\nSubject: =\?UTF-8\?B\?/,
    );
    expect(raw).toContain("Message-ID: <");
    expect(() => mimeMessage({ ...received, to: "x@y.vn\r\nBcc: all@evil.example" })).toThrow();
  });

  it("retries a failed send and does not send twice to a recipient already told", async () => {
    const res = await postEnquiry(enquiry({ email: "retry.buyer@example.vn" }));
    const { id } = (await res.json()) as { id: string };
    // Wait for the real consumer to finish, then forget the centre's notice as if that send had failed.
    const until = Date.now() + 20_000;
    while ((await notices(id)).length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    await env.DB.prepare(
      "DELETE FROM enquiry_notices WHERE recipient = 'centre@cnnt.example.vn' AND enquiry_id = (SELECT id FROM enquiries WHERE ref = ?)",
    )
      .bind(id)
      .run();
    const calls: string[] = [];
    let fail = true;
    const flaky = {
      ...env,
      EMAIL: {
        send: async (m: { to: string }) => {
          calls.push(m.to);
          if (fail) throw new Error("mail service unavailable");
          return { messageId: "<ok@test>" };
        },
      },
    };
    const run = async () => {
      const batch = createMessageBatch<WebhookMessage>(WEBHOOK_QUEUE, [
        {
          id: "m1",
          timestamp: new Date(),
          attempts: 1,
          body: { kind: "enquiry", ref: id, event: "received" },
        },
      ]);
      const ctx = createExecutionContext();
      await (worker.queue as (b: unknown, e: unknown, c: unknown) => Promise<void>)(batch, flaky, ctx);
      return getQueueResult(batch, ctx);
    };
    const first = await run();
    expect(first.retryMessages.map((m) => m.msgId)).toEqual(["m1"]);
    fail = false;
    const second = await run();
    expect(second.explicitAcks).toEqual(["m1"]);
    // Only the centre was emailed again (the producer's account had been told): no one twice.
    expect(calls).toEqual(["centre@cnnt.example.vn", "centre@cnnt.example.vn"]);
    expect((await notices(id)).map((n) => n.recipient)).toEqual([
      "centre@cnnt.example.vn",
      "owner@producer.example.vn",
    ]);
  });
});
