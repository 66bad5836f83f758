// The cron's sweep of enquiries whose centre email was never recorded (a lost queue message): a week's new ones,
// not spam, not erased, older than five minutes, at most 20 a minute, are queued again.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { sweepUnsentNotices } from "../../src/enquiries/notify.ts";

const MINUTE = 60_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

async function stored(ref: string, createdAgo: number, over: { status?: string; erased?: boolean } = {}) {
  await env.DB.prepare(
    `INSERT INTO enquiries (ref, dedupe_key, kind, consent_version, lang, via, status, created_at, erased_at)
     VALUES (?, ?, 'wholesale', 'v1', 'vi', 'api', ?, ?, ?)`,
  )
    .bind(ref, `sweep-${ref}`, over.status ?? "new", ago(createdAgo), over.erased ? ago(0) : null)
    .run();
}

describe("the sweep of unsent enquiry emails", () => {
  it("queues again only the enquiries of the last week with no recorded centre email", async () => {
    await stored("sweep-due-1", 60 * MINUTE);
    await stored("sweep-due-2", 6 * 86_400_000);
    await stored("sweep-too-new", 2 * MINUTE);
    await stored("sweep-too-old", 8 * 86_400_000);
    await stored("sweep-spam", 60 * MINUTE, { status: "spam" });
    await stored("sweep-erased", 60 * MINUTE, { erased: true });
    await stored("sweep-told", 60 * MINUTE);
    await stored("sweep-forwarded-only", 50 * MINUTE);
    await env.DB.prepare(
      `INSERT INTO enquiry_notices (enquiry_id, event, recipient)
       SELECT id, CASE ref WHEN 'sweep-told' THEN 'received' ELSE 'forwarded' END, 'centre@cnnt.example.vn'
       FROM enquiries WHERE ref IN ('sweep-told', 'sweep-forwarded-only')`,
    ).run();
    const sent: unknown[] = [];
    const queue = { sendBatch: async (m: unknown[]) => void sent.push(...m) } as unknown as Queue;
    await sweepUnsentNotices({ ...env, CENTRE_EMAIL: "centre@cnnt.example.vn", WEBHOOKS: queue });
    // Oldest first.
    expect(sent).toEqual(
      ["sweep-due-2", "sweep-due-1", "sweep-forwarded-only"].map((ref) => ({
        body: { kind: "enquiry", ref, event: "received" },
      })),
    );
  });
});
