// The back office's enquiry inbox (/quan-tri/hoi-mua, English /en/admin/enquiries). Editors and publishers see
// every enquiry (filter by status, producer and age), change its status, erase its personal details on request;
// publishers forward one to the producer (an email to its verified accounts) and invite producers' accounts. A
// producer's account signs in with the same form and sees only its own producer's enquiries here — another
// producer's answer 404 — and marks them answered. Server-rendered, no JavaScript, CSRF on every post.
import type { Context, Hono } from "hono";
import { type ENQUIRY_KINDS, ENQUIRY_STATUSES } from "../../platform/db/schema.ts";
import { queueEnquiryNotice } from "../../platform/enquiry-notices.ts";
import type { AppEnv } from "../../platform/env.ts";
import { Problem } from "../../platform/http/problem.ts";
import { KIND_LABELS } from "../../ui/enquiry-kinds.ts";
import { callerAddress, checkCsrf, csrfToken, editorCall, readSession } from "../auth/auth.ts";
import { createAccount } from "../people/people.service.ts";
import type { Shell } from "../records/records.page.tsx";
import { ADMIN_PATHS, type AdminLang } from "../ui/strings.ts";
import { INBOX_PATHS } from "./inbox-paths.ts";
import {
  type Actor,
  type EnquiryDetail,
  type EnquiryStatus,
  eraseEnquiry,
  getEnquiry,
  type InboxFilters,
  listEnquiries,
  maySet,
  setStatus,
} from "./inbox-store.ts";

type C = Context<AppEnv>;

const UI = {
  vi: {
    title: "Yêu cầu hỏi mua",
    mine: "Yêu cầu hỏi mua về sản phẩm của cơ sở",
    statuses: {
      new: "Mới",
      forwarded: "Đã chuyển cơ sở",
      answered: "Đã trả lời",
      closed: "Đã đóng",
      spam: "Tin rác",
    },
    all: "Tất cả",
    filter: "Lọc",
    status: "Trạng thái",
    producer: "Cơ sở (mã)",
    days: "Trong vòng",
    anyAge: "Mọi thời gian",
    dayCount: (n: number) => `${n} ngày`,
    received: "Nhận lúc",
    about: "Về",
    kind: "Loại",
    from: "Người hỏi",
    none: "Không có yêu cầu nào.",
    open: "Xem",
    detail: (ref: string) => `Yêu cầu ${ref}`,
    contact: "Liên hệ",
    quantity: "Số lượng",
    message: "Câu hỏi",
    channel: "Chuỗi (khóa API)",
    via: "Gửi qua",
    consent: "Đồng ý (phiên bản)",
    erased: "Thông tin cá nhân đã được xóa",
    setStatus: "Đổi trạng thái",
    save: "Lưu",
    forward: "Chuyển cho cơ sở (gửi email)",
    routeTo: "Cơ sở nhận câu hỏi",
    routeHint: "Câu hỏi về một loại sản phẩm chưa có cơ sở: Trung tâm chọn cơ sở để chuyển.",
    needsProducer: "Hãy chọn một cơ sở trong danh mục để chuyển câu hỏi này.",
    markAnswered: "Đánh dấu đã trả lời",
    erase: "Xóa thông tin cá nhân (theo yêu cầu của người hỏi)",
    audit: "Nhật ký",
    at: "Lúc",
    who: "Ai",
    action: "Việc",
    changes: "Thay đổi",
    saved: "Đã lưu.",
    notAllowed: "Bạn không có quyền làm việc này.",
    invite: "Mời tài khoản cơ sở sản xuất",
    inviteLede:
      "Tài khoản cơ sở chỉ thấy các yêu cầu hỏi mua về cơ sở của mình. Gửi mật khẩu một lần cho cơ sở qua kênh đã xác minh; địa chỉ email này nhận thông báo.",
    email: "Email của cơ sở (đã xác minh)",
    producerSlug: "Mã cơ sở (slug)",
    create: "Tạo tài khoản",
    passwordFor: (e: string) => `Mật khẩu một lần cho ${e}:`,
    onlyPublishers: "Chỉ người duyệt đăng mời được cơ sở.",
  },
  en: {
    title: "Enquiries",
    mine: "Enquiries about your products",
    statuses: { new: "New", forwarded: "Forwarded", answered: "Answered", closed: "Closed", spam: "Spam" },
    all: "All",
    filter: "Filter",
    status: "Status",
    producer: "Producer (slug)",
    days: "Within",
    anyAge: "Any age",
    dayCount: (n: number) => `${n} days`,
    received: "Received",
    about: "About",
    kind: "Kind",
    from: "From",
    none: "No enquiries.",
    open: "Open",
    detail: (ref: string) => `Enquiry ${ref}`,
    contact: "Contact",
    quantity: "Quantity",
    message: "Message",
    channel: "Chain (API key)",
    via: "Sent via",
    consent: "Consent (version)",
    erased: "Personal details erased",
    setStatus: "Change the status",
    save: "Save",
    forward: "Forward to the producer (email)",
    routeTo: "Producer to answer",
    routeHint:
      "An enquiry about a product kind with no producer yet: the centre chooses the producer to forward it to.",
    needsProducer: "Choose a producer of the catalogue to forward this enquiry to.",
    markAnswered: "Mark answered",
    erase: "Erase the personal details (on the enquirer's request)",
    audit: "Audit trail",
    at: "At",
    who: "Who",
    action: "Action",
    changes: "Changes",
    saved: "Saved.",
    notAllowed: "You may not do this.",
    invite: "Invite a producer's account",
    inviteLede:
      "A producer's account sees only the enquiries about its own producer. Give the one-time password to the producer through a verified channel; this address receives the notifications.",
    email: "The producer's (verified) email",
    producerSlug: "Producer (slug)",
    create: "Create the account",
    passwordFor: (e: string) => `One-time password for ${e}:`,
    onlyPublishers: "Only publishers invite producers.",
  },
} as const;

const str = (v: unknown) => (typeof v === "string" ? v : "");
const DAY_CHOICES = [7, 30, 90, 365] as const;

/** The signed-in account as an inbox actor (any role: producers are scoped by the store), or a redirect. */
async function actorOf(c: C, lang: AdminLang): Promise<Actor | Response> {
  const session = await readSession(c);
  if (!session?.session) return c.redirect(ADMIN_PATHS[lang].signIn, 303);
  // An invitation's password opens nothing but the form that replaces it (issue 23, src/editor/pages.tsx).
  if (session.mustChangePassword) return c.redirect(ADMIN_PATHS[lang].password, 303);
  c.set("editor", session);
  return {
    id: session.id,
    email: session.email,
    role: session.role,
    via: "page",
    address: callerAddress(c),
    producerId: session.producerId ?? null,
  };
}

/** The inbox's query string, checked: unknown values are ignored (the list is simply unfiltered). */
function filtersOf(c: C): InboxFilters {
  const status = c.req.query("status");
  const producer = c.req.query("producer")?.trim();
  const days = Number(c.req.query("days"));
  return {
    status: (ENQUIRY_STATUSES as readonly string[]).includes(status ?? "")
      ? (status as EnquiryStatus)
      : undefined,
    producer: producer && /^[a-z0-9-]{1,120}$/.test(producer) ? producer : undefined,
    days: (DAY_CHOICES as readonly number[]).includes(days) ? days : undefined,
  };
}

function AuditTrail(props: { lang: AdminLang; items: EnquiryDetail["audit"] }) {
  const t = UI[props.lang];
  return (
    <section aria-labelledby="audit-h">
      <h2 id="audit-h">{t.audit}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t.at}</th>
            <th scope="col">{t.who}</th>
            <th scope="col">{t.action}</th>
            <th scope="col">{t.changes}</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((a) => (
            <tr>
              <td>{a.at.replace("T", " ").slice(0, 19)}</td>
              <td>{a.editor_email}</td>
              <td>{a.action}</td>
              <td>
                {(JSON.parse(a.changes) as { field: string; before: unknown; after: unknown }[])
                  .map((x) => `${x.field}: ${String(x.before ?? "—")} → ${String(x.after ?? "—")}`)
                  .join("; ")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * Registers the inbox in one language on the editor pages. `shell` is the editor pages' frame.
 *
 * @example enquiryInbox(editorPages, "vi", shell)
 */
export function enquiryInbox(app: Hono<AppEnv>, lang: AdminLang, shell: Shell) {
  const t = UI[lang];
  const P = INBOX_PATHS[lang];
  const other = INBOX_PATHS[lang === "vi" ? "en" : "vi"];

  app.get(P.inbox, async (c) => {
    const actor = await actorOf(c, lang);
    if (actor instanceof Response) return actor;
    const f = filtersOf(c);
    const { rows, counts } = await listEnquiries(c.get("d1"), actor, f);
    const producerScoped = actor.role === "producer";
    return shell(
      c,
      lang,
      producerScoped ? t.mine : t.title,
      other.inbox,
      <>
        <p>
          {ENQUIRY_STATUSES.filter((s) => !producerScoped || s !== "spam").map((s) => (
            <>
              <a href={`${P.inbox}?status=${s}`} aria-current={f.status === s ? "page" : undefined}>
                {t.statuses[s]}
              </a>{" "}
              <span class="count">{counts[s] ?? 0}</span>{" "}
            </>
          ))}
          <a href={P.inbox}>{t.all}</a>
        </p>
        <form method="get" action={P.inbox} class="admin-form">
          <div class="field">
            <label for="f-status">{t.status}</label>
            <select id="f-status" name="status">
              <option value="">{t.all}</option>
              {ENQUIRY_STATUSES.map((s) => (
                <option value={s} selected={f.status === s}>
                  {t.statuses[s]}
                </option>
              ))}
            </select>
          </div>
          {producerScoped ? null : (
            <div class="field">
              <label for="f-producer">{t.producer}</label>
              <input id="f-producer" name="producer" type="text" value={f.producer ?? ""} maxlength={120} />
            </div>
          )}
          <div class="field">
            <label for="f-days">{t.days}</label>
            <select id="f-days" name="days">
              <option value="">{t.anyAge}</option>
              {DAY_CHOICES.map((d) => (
                <option value={String(d)} selected={f.days === d}>
                  {t.dayCount(d)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">{t.filter}</button>
        </form>
        {rows.length ? (
          <table>
            <thead>
              <tr>
                <th scope="col">{t.received}</th>
                <th scope="col">{t.about}</th>
                <th scope="col">{t.kind}</th>
                <th scope="col">{t.from}</th>
                <th scope="col">{t.status}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td>
                    <a href={`${P.inbox}/${r.ref}`}>{r.created_at.replace("T", " ").slice(0, 16)}</a>
                  </td>
                  <td>
                    {r.product_name ?? r.producer_name ?? r.kind_name}
                    {r.product_name ? <span class="note"> · {r.producer_name}</span> : null}
                  </td>
                  <td>{KIND_LABELS[lang][r.kind as (typeof ENQUIRY_KINDS)[number]] ?? r.kind}</td>
                  <td>
                    {r.erased_at ? <span class="note">{t.erased}</span> : r.name}
                    {r.organisation ? <span class="note"> ({r.organisation})</span> : null}
                  </td>
                  <td>{t.statuses[r.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{t.none}</p>
        )}
        {actor.role === "publisher" ? (
          <p>
            <a href={P.invite}>{t.invite}</a>
          </p>
        ) : null}
      </>,
    );
  });

  const detail = async (
    c: C,
    actor: Actor,
    ref: string,
    message?: string,
    status: 200 | 403 | 404 | 422 = 200,
  ) => {
    const e = await getEnquiry(c.get("d1"), actor, ref);
    if (!e) throw new Problem(404, { type: "not-found", detail: `No enquiry '${ref}'` });
    const csrf = await csrfToken(c.get("editor").session ?? "");
    const choices = ENQUIRY_STATUSES.filter((s) => s !== e.status && maySet(actor, s) && s !== "forwarded");
    return shell(
      c,
      lang,
      t.detail(e.ref),
      `${other.inbox}/${e.ref}`,
      <>
        {message ? (
          <p class="notice" role="status">
            {message}
          </p>
        ) : null}
        <dl>
          <dt>{t.about}</dt>
          <dd>
            {e.product_name ?? e.producer_name ?? e.kind_name}
            {e.product_name ? ` · ${e.producer_name}` : ""}
          </dd>
          <dt>{t.kind}</dt>
          <dd>{KIND_LABELS[lang][e.kind as (typeof ENQUIRY_KINDS)[number]] ?? e.kind}</dd>
          <dt>{t.status}</dt>
          <dd>{t.statuses[e.status]}</dd>
          <dt>{t.received}</dt>
          <dd>{e.created_at.replace("T", " ").slice(0, 19)}</dd>
          {e.erased_at ? (
            <>
              <dt>{t.contact}</dt>
              <dd>{t.erased}</dd>
            </>
          ) : (
            <>
              <dt>{t.from}</dt>
              <dd>
                {e.name}
                {e.organisation ? ` (${e.organisation})` : ""}
              </dd>
              <dt>{t.contact}</dt>
              <dd>
                {e.email ? <a href={`mailto:${e.email}`}>{e.email}</a> : null}
                {e.email && e.phone ? " · " : null}
                {e.phone ? <a href={`tel:${e.phone}`}>{e.phone}</a> : null}
              </dd>
              {e.quantity ? (
                <>
                  <dt>{t.quantity}</dt>
                  <dd>{e.quantity}</dd>
                </>
              ) : null}
              <dt>{t.message}</dt>
              <dd class="message">{e.message}</dd>
            </>
          )}
          {e.channel_name ? (
            <>
              <dt>{t.channel}</dt>
              <dd>{e.channel_name}</dd>
            </>
          ) : null}
          <dt>{t.via}</dt>
          <dd>{e.via}</dd>
          <dt>{t.consent}</dt>
          <dd>{e.consent_version}</dd>
        </dl>
        {choices.length ? (
          <form method="post" action={`${P.inbox}/${e.ref}`} class="inline">
            <input type="hidden" name="_csrf" value={csrf} />
            {actor.role === "producer" ? (
              <>
                <input type="hidden" name="status" value="answered" />
                <button type="submit">{t.markAnswered}</button>
              </>
            ) : (
              <>
                <label for="set-status">{t.setStatus}</label>
                <select id="set-status" name="status">
                  {choices.map((s) => (
                    <option value={s}>{t.statuses[s]}</option>
                  ))}
                </select>
                <button type="submit">{t.save}</button>
              </>
            )}
          </form>
        ) : null}
        {actor.role === "publisher" && !e.erased_at && e.status !== "forwarded" ? (
          <form method="post" action={`${P.inbox}/${e.ref}`} class="inline">
            <input type="hidden" name="_csrf" value={csrf} />
            <input type="hidden" name="status" value="forwarded" />
            {e.routes.length ? (
              <>
                <label for="route-to">{t.routeTo}</label>
                <select id="route-to" name="producer" required aria-describedby="route-hint">
                  <option value="" />
                  {e.routes.map((r) => (
                    <option value={r.slug}>{r.name}</option>
                  ))}
                </select>
                <span id="route-hint" class="note">
                  {t.routeHint}
                </span>
              </>
            ) : null}
            <button type="submit">{t.forward}</button>
          </form>
        ) : null}
        {actor.role !== "producer" && !e.erased_at ? (
          <form method="post" action={`${P.inbox}/${e.ref}`} class="inline">
            <input type="hidden" name="_csrf" value={csrf} />
            <input type="hidden" name="action" value="erase" />
            <button type="submit" class="danger">
              {t.erase}
            </button>
          </form>
        ) : null}
        <AuditTrail lang={lang} items={e.audit} />
      </>,
      status,
    );
  };

  const refOf = (c: C) => {
    const ref = c.req.param("ref") ?? "";
    if (!/^[a-z2-9]{12}$/.test(ref)) throw new Problem(404, { type: "not-found", detail: "No such enquiry" });
    return ref;
  };

  app.get(`${P.inbox}/:ref{[a-z2-9]{12}}`, async (c) => {
    const actor = await actorOf(c, lang);
    if (actor instanceof Response) return actor;
    return detail(c, actor, refOf(c));
  });

  app.post(`${P.inbox}/:ref{[a-z2-9]{12}}`, async (c) => {
    const actor = await actorOf(c, lang);
    if (actor instanceof Response) return actor;
    const ref = refOf(c);
    const form = (await c.req.parseBody()) as Record<string, unknown>;
    await checkCsrf(c, await csrfToken(c.get("editor").session ?? ""), form._csrf);
    const d1 = c.get("d1");
    if (str(form.action) === "erase") {
      if (actor.role === "producer") return detail(c, actor, ref, t.notAllowed, 403);
      const outcome = await eraseEnquiry(d1, actor, ref);
      if (outcome === "not-found") throw new Problem(404, { type: "not-found", detail: "No such enquiry" });
      return c.redirect(`${P.inbox}/${ref}`, 303);
    }
    const status = str(form.status) as EnquiryStatus;
    if (!(ENQUIRY_STATUSES as readonly string[]).includes(status) || !maySet(actor, status))
      return detail(c, actor, ref, t.notAllowed, 403);
    const outcome = await setStatus(d1, actor, ref, status, str(form.producer) || undefined);
    if (outcome === "not-found") throw new Problem(404, { type: "not-found", detail: "No such enquiry" });
    if (outcome === "needs-producer") return detail(c, actor, ref, t.needsProducer, 422);
    if (outcome === "changed" && status === "forwarded")
      queueEnquiryNotice(c.env, c.executionCtx, ref, "forwarded");
    return c.redirect(`${P.inbox}/${ref}`, 303);
  });

  const invitePage = async (
    c: C,
    actor: Actor,
    secret?: { email: string; password: string },
    error?: string,
  ) => {
    const csrf = await csrfToken(c.get("editor").session ?? "");
    return shell(
      c,
      lang,
      t.invite,
      other.invite,
      actor.role !== "publisher" ? (
        <p>{t.onlyPublishers}</p>
      ) : (
        <>
          {secret ? (
            <div class="notice secret" role="status">
              <p>{t.passwordFor(secret.email)}</p>
              <p>
                <code>{secret.password}</code>
              </p>
            </div>
          ) : null}
          {error ? (
            <p class="error-summary" role="alert">
              {error}
            </p>
          ) : null}
          <p>{t.inviteLede}</p>
          <form method="post" action={P.invite} class="admin-form">
            <input type="hidden" name="_csrf" value={csrf} />
            <div class="field">
              <label for="inv-email">{t.email}</label>
              <input id="inv-email" name="email" type="email" required maxlength={254} />
            </div>
            <div class="field">
              <label for="inv-producer">{t.producerSlug}</label>
              <input id="inv-producer" name="producer" type="text" required maxlength={120} />
            </div>
            <button type="submit">{t.create}</button>
          </form>
        </>
      ),
      actor.role !== "publisher" ? 403 : error ? 422 : 200,
    );
  };

  app.get(P.invite, async (c) => {
    const actor = await actorOf(c, lang);
    if (actor instanceof Response) return actor;
    return invitePage(c, actor);
  });

  app.post(P.invite, async (c) => {
    const actor = await actorOf(c, lang);
    if (actor instanceof Response) return actor;
    const form = (await c.req.parseBody()) as Record<string, unknown>;
    await checkCsrf(c, await csrfToken(c.get("editor").session ?? ""), form._csrf);
    if (actor.role !== "publisher") return invitePage(c, actor);
    try {
      const made = await createAccount(editorCall(c), {
        email: str(form.email),
        role: "producer",
        producer: str(form.producer),
      });
      return invitePage(c, actor, { email: made.email, password: made.password });
    } catch (err) {
      if (err instanceof Problem && [409, 422].includes(err.status))
        return invitePage(c, actor, undefined, err.body.detail);
      throw err;
    }
  });
}
