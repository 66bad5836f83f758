// Publishers invite producers' accounts (/quan-tri/hoi-mua/moi-co-so, English /en/admin/enquiries/invite-producer):
// a one-time password for a verified address, which then sees its own producer's enquiries only.
import type { Context, Hono } from "hono";
import type { AppEnv } from "../../platform/env.ts";
import { problemOf } from "../../platform/http/problem.ts";
import { checkCsrf, csrfToken, editorCall } from "../auth/auth.ts";
import { createAccount } from "../people/people.service.ts";
import type { Shell } from "../ui/form.tsx";
import { SecretOnce } from "../ui/form.tsx";
import type { AdminLang } from "../ui/strings.ts";
import { actorOf, str } from "./inbox-actor.ts";
import { INBOX_PATHS } from "./inbox-paths.ts";
import type { Actor } from "./inbox-store.ts";
import { INBOX_UI } from "./inbox-strings.ts";

type C = Context<AppEnv>;

/**
 * Registers the invitation page in one language on the editor pages. `shell` is the editor pages' frame.
 *
 * @example inviteRoutes(editorPages, "vi", shell)
 */
export function inviteRoutes(app: Hono<AppEnv>, lang: AdminLang, shell: Shell) {
  const t = INBOX_UI[lang];
  const P = INBOX_PATHS[lang];
  const other = INBOX_PATHS[lang === "vi" ? "en" : "vi"];

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
          {secret ? <SecretOnce label={t.passwordFor(secret.email)} value={secret.password} /> : null}
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
      const p = problemOf(err);
      if (p && [409, 422].includes(p.status)) return invitePage(c, actor, undefined, p.body.detail);
      throw err;
    }
  });
}
