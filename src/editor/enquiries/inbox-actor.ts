// Who uses the inbox: any signed-in account, its producer's enquiries only for a producer's account.
import type { Context } from "hono";
import type { AppEnv } from "../../platform/env.ts";
import { callerAddress, readSession } from "../auth/auth.ts";
import { ADMIN_PATHS, type AdminLang } from "../ui/strings.ts";
import type { Actor } from "./inbox-store.ts";

/** A form field's text ("" when absent or a file). */
export const str = (v: unknown) => (typeof v === "string" ? v : "");

/** The signed-in account as an inbox actor (any role: producers are scoped by the store), or a redirect. */
export async function actorOf(c: Context<AppEnv>, lang: AdminLang): Promise<Actor | Response> {
  const session = await readSession(c);
  if (!session?.session) return c.redirect(ADMIN_PATHS[lang].signIn, 303);
  // An invitation's password opens nothing but the form that replaces it (issue 23, src/editor/auth/signin.page.tsx).
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
