// The queue consumer's part for enquiries: the emails to the producer's verified addresses and to the centre,
// through Cloudflare's `send_email` binding (simulated by `wrangler dev`). Each email sent is recorded
// (enquiry_notices), so a message retried after a failed send skips the recipients already told. Loaded only by
// the queue consumer and the cron (src/background.ts).
import { EmailMessage } from "cloudflare:email";
import { sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { bareList, countedD1, toStatement } from "../platform/db/client.ts";
import { editors, enquiries, enquiryNotices, kinds, producers, products } from "../platform/db/schema.ts";
import type { EnquiryEvent } from "../platform/enquiry-notices.ts";
import type { CountedD1, Env } from "../platform/env.ts";
import { KIND_LABELS } from "../ui/enquiry-kinds.ts";
import { mimeMessage } from "./mime.ts";

interface EnquiryRow {
  id: number;
  ref: string;
  kind: keyof typeof KIND_LABELS.vi;
  quantity: string | null;
  message: string | null;
  name: string | null;
  email: string | null;
  phone: string | null;
  organisation: string | null;
  status: string;
  erased_at: string | null;
  product_name: string | null;
  producer_name: string | null;
  /** The product kind asked about, when that is the subject. */
  kind_name?: string | null;
}

/** The address emails come from: ENQUIRY_FROM, or enquiries@ the public origin's host. */
export const senderAddress = (env: Env) =>
  env.ENQUIRY_FROM || `enquiries@${new URL(env.PUBLIC_ORIGIN || "http://localhost").hostname}`;

/** Who is told of an event: the centre of a new enquiry; the producer's active accounts of both. */
function recipients(env: Env, event: EnquiryEvent, producers: string[]): string[] {
  const centre = event === "received" && env.CENTRE_EMAIL ? [env.CENTRE_EMAIL] : [];
  return [...new Set([...centre, ...producers])];
}

/**
 * The email about an event. The subject names the product and never the enquirer. A new enquiry's email carries
 * no contact at all (it says where to read it, signed in); a forwarded one carries the enquirer's contact in its
 * body, as the enquirer consented.
 */
export function noticeEmail(env: Env, e: EnquiryRow, event: EnquiryEvent, to: string) {
  const origin = (env.PUBLIC_ORIGIN || "http://localhost").replace(/\/+$/, "");
  const about = e.product_name ?? e.producer_name ?? e.kind_name;
  const subject =
    event === "received"
      ? `Hỏi mua mới: ${about} / New enquiry: ${about}`
      : `Trung tâm chuyển yêu cầu hỏi mua: ${about} / Enquiry forwarded: ${about}`;
  const link = `${origin}/quan-tri/hoi-mua/${e.ref}`;
  const kind = `${KIND_LABELS.vi[e.kind]} / ${KIND_LABELS.en[e.kind]}`;
  const lines =
    event === "received"
      ? [
          `Có một yêu cầu hỏi mua mới về ${about} (${kind}).`,
          `Đăng nhập để đọc và trả lời: ${link}`,
          "",
          `A new enquiry about ${about} (${kind}).`,
          `Sign in to read and answer it: ${link}`,
        ]
      : [
          `Trung tâm Khuyến công và Xúc tiến thương mại chuyển đến cơ sở yêu cầu hỏi mua sau về ${about}.`,
          `The trade-promotion centre forwards this enquiry about ${about}.`,
          "",
          `Loại / Kind: ${kind}`,
          ...(e.quantity ? [`Số lượng / Quantity: ${e.quantity}`] : []),
          `Người hỏi / From: ${e.name ?? "—"}${e.organisation ? ` (${e.organisation})` : ""}`,
          ...(e.email ? [`Email: ${e.email}`] : []),
          ...(e.phone ? [`Điện thoại / Phone: ${e.phone}`] : []),
          "",
          e.message ?? "",
          "",
          `Người hỏi đã đồng ý chuyển liên hệ cho cơ sở. Đánh dấu đã trả lời: ${link}`,
          `The enquirer agreed to have the contact passed to you. Mark it answered: ${link}`,
        ];
  return { subject, text: lines.join("\n"), from: senderAddress(env), to };
}

// The short names the statements read by: an enquiry `e`, its producer `pr`, product `p`, kind `k`; an account `a`;
// a notice `n`.
const e = alias(enquiries, "e");
const pr = alias(producers, "pr");
const p = alias(products, "p");
const k = alias(kinds, "k");
const a = alias(editors, "a");
const n = alias(enquiryNotices, "n");

/** Reads what the emails about one enquiry need, in one round trip. */
async function load(d1: CountedD1, ref: string, event: EnquiryEvent) {
  const [enquiry, accounts, sent] = await d1.batch<Record<string, unknown>>([
    toStatement(
      d1,
      sql`SELECT ${e.id}, ${e.ref}, ${e.kind}, ${e.quantity}, ${e.message}, ${e.name}, ${e.email}, ${e.phone},
           ${e.organisation}, ${e.status}, ${e.erasedAt}, ${p.nameVi} AS product_name, ${pr.name} AS producer_name,
           ${k.nameVi} AS kind_name
         FROM ${enquiries} ${e} LEFT JOIN ${producers} ${pr} ON ${pr.id} = ${e.producerId}
         LEFT JOIN ${products} ${p} ON ${p.id} = ${e.productId}
         LEFT JOIN ${kinds} ${k} ON ${k.id} = ${e.productKindId}
         WHERE ${e.ref} = ${ref}`,
    ),
    toStatement(
      d1,
      sql`SELECT ${a.email} FROM ${editors} ${a} JOIN ${enquiries} ${e} ON ${e.producerId} = ${a.producerId}
         WHERE ${e.ref} = ${ref} AND ${a.role} = 'producer' AND ${a.disabledAt} IS NULL AND ${a.passwordHash} IS NOT NULL`,
    ),
    toStatement(
      d1,
      sql`SELECT ${n.recipient} FROM ${enquiryNotices} ${n} JOIN ${enquiries} ${e} ON ${e.id} = ${n.enquiryId}
         WHERE ${e.ref} = ${ref} AND ${n.event} = ${event}`,
    ),
  ]);
  return {
    enquiry: enquiry?.results[0] as EnquiryRow | undefined,
    producers: (accounts?.results ?? []).map((r) => String(r.email)),
    sent: new Set((sent?.results ?? []).map((r) => String(r.recipient))),
  };
}

/**
 * Sends the emails about one enquiry event that were not sent yet, recording each as it goes. Throws when a send
 * fails (the queue retries the message; the recipients already told are skipped then). Spam and erased enquiries
 * send nothing.
 */
export async function sendEnquiryNotices(env: Env, ref: string, event: EnquiryEvent): Promise<number> {
  const d1 = countedD1(env.DB);
  const { enquiry, producers, sent } = await load(d1, ref, event);
  if (!enquiry || enquiry.status === "spam" || enquiry.erased_at) return 0;
  if (!env.EMAIL) return 0;
  let count = 0;
  for (const to of recipients(env, event, producers)) {
    if (sent.has(to)) continue;
    const mail = noticeEmail(env, enquiry, event, to);
    const result = await env.EMAIL.send(new EmailMessage(mail.from, to, mimeMessage(mail)));
    const messageId = (result as { messageId?: string } | undefined)?.messageId ?? null;
    await d1.batch([
      toStatement(
        d1,
        sql`INSERT OR IGNORE INTO ${enquiryNotices}
          (${bareList(enquiryNotices.enquiryId, enquiryNotices.event, enquiryNotices.recipient, enquiryNotices.messageId)})
          VALUES (${enquiry.id}, ${event}, ${to}, ${messageId})`,
      ),
    ]);
    count++;
  }
  return count;
}

/** The queue consumer's enquiry messages: each sent, or retried with backoff when its email fails. */
export async function handleEnquiryMessages(
  env: Env,
  messages: readonly Message<{ kind: "enquiry"; ref: string; event: EnquiryEvent }>[],
): Promise<void> {
  await Promise.all(
    messages.map(async (m) => {
      try {
        await sendEnquiryNotices(env, m.body.ref, m.body.event);
        m.ack();
      } catch (e) {
        console.error("enquiry email failed", m.body.ref, e instanceof Error ? e.message : String(e));
        m.retry({ delaySeconds: Math.min(600, 10 * 2 ** m.attempts) });
      }
    }),
  );
}

/**
 * The cron's sweep: new enquiries of the last week whose centre email was never recorded (a lost queue message)
 * are queued again, at most 20 a minute. Only when a centre address is configured (otherwise nothing is owed).
 */
export async function sweepUnsentNotices(env: Env): Promise<void> {
  if (!env.CENTRE_EMAIL || !env.EMAIL || !env.WEBHOOKS) return;
  const now = Date.now();
  const from = new Date(now - 7 * 86_400_000).toISOString();
  const to = new Date(now - 5 * 60_000).toISOString();
  const rows = await toStatement(
    countedD1(env.DB),
    sql`SELECT ${e.ref} FROM ${enquiries} ${e}
     WHERE ${e.createdAt} BETWEEN ${from} AND ${to} AND ${e.status} != 'spam' AND ${e.erasedAt} IS NULL
       AND NOT EXISTS (SELECT 1 FROM ${enquiryNotices} ${n} WHERE ${n.enquiryId} = ${e.id} AND ${n.event} = 'received')
     ORDER BY ${e.createdAt} LIMIT 20`,
  ).all<{ ref: string }>();
  if (rows.results.length)
    await env.WEBHOOKS.sendBatch(
      rows.results.map((r) => ({ body: { kind: "enquiry", ref: r.ref, event: "received" } })),
    );
}
