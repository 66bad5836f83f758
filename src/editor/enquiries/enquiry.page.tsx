// One enquiry in the back office's inbox (/quan-tri/hoi-mua/{ref}, English /en/admin/enquiries/{ref}), as an
// editor, a publisher or the producer's own account sees it.
import type { Context } from "hono";
import { type ENQUIRY_KINDS, ENQUIRY_STATUSES } from "../../platform/db/schema.ts";
import type { AppEnv } from "../../platform/env.ts";
import { Problem } from "../../platform/http/problem.ts";
import { KIND_LABELS } from "../../ui/enquiry-kinds.ts";
import { csrfToken } from "../auth/auth.ts";
import type { Shell } from "../ui/form.tsx";
import { Notice } from "../ui/form.tsx";
import type { AdminLang } from "../ui/strings.ts";
import { INBOX_PATHS } from "./inbox-paths.ts";
import { type Actor, type EnquiryDetail, getEnquiry, maySet } from "./inbox-store.ts";
import { INBOX_UI } from "./inbox-strings.ts";

function AuditTrail(props: { lang: AdminLang; items: EnquiryDetail["audit"] }) {
  const t = INBOX_UI[props.lang];
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
 * An enquiry's page: what was asked and by whom (unless erased), the forms the actor may use (status, forwarding,
 * erasure) and the audit trail; `message` and `status` say why a post came back to it.
 */
export async function enquiryPage(
  c: Context<AppEnv>,
  shell: Shell,
  lang: AdminLang,
  actor: Actor,
  ref: string,
  message?: string,
  status: 200 | 403 | 404 | 422 = 200,
) {
  const t = INBOX_UI[lang];
  const P = INBOX_PATHS[lang];
  const other = INBOX_PATHS[lang === "vi" ? "en" : "vi"];
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
      <Notice message={message} />
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
}
