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
import { checkCsrf, csrfToken } from "../auth/auth.ts";
import type { Shell } from "../ui/form.tsx";
import type { AdminLang } from "../ui/strings.ts";
import { enquiryPage } from "./enquiry.page.tsx";
import { actorOf, str } from "./inbox-actor.ts";
import { INBOX_PATHS } from "./inbox-paths.ts";
import {
  type Actor,
  type EnquiryStatus,
  eraseEnquiry,
  type InboxFilters,
  listEnquiries,
  maySet,
  setStatus,
} from "./inbox-store.ts";
import { INBOX_UI } from "./inbox-strings.ts";
import { inviteRoutes } from "./invite.page.tsx";

type C = Context<AppEnv>;

const DAY_CHOICES = [7, 30, 90, 365] as const;

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

/**
 * Registers the inbox in one language on the editor pages. `shell` is the editor pages' frame.
 *
 * @example enquiryInbox(editorPages, "vi", shell)
 */
export function enquiryInbox(app: Hono<AppEnv>, lang: AdminLang, shell: Shell) {
  const t = INBOX_UI[lang];
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

  const detail = (c: C, actor: Actor, ref: string, message?: string, status?: 200 | 403 | 404 | 422) =>
    enquiryPage(c, shell, lang, actor, ref, message, status);

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

  inviteRoutes(app, lang, shell);
}
