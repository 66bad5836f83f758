// The wrappers every editor screen runs in: a page for a signed-in editor, and a form post for one after its CSRF
// check. A Response from the session check (a redirect to the sign-in page) is passed on as it is.
import type { Context } from "hono";
import type { AppEnv } from "../../platform/env.ts";
import { checkCsrf, csrfToken, type EditorIdentity } from "../auth/auth.ts";

type C = Context<AppEnv>;

/** Runs a page for a signed-in editor. */
export type ScreenGet = (
  action: (c: C, e: EditorIdentity) => Promise<Response>,
) => (c: C) => Promise<Response>;
/** Runs a form post: session, CSRF, then the action with the posted fields. */
export type ScreenPost = (
  action: (c: C, f: Record<string, unknown>, e: EditorIdentity) => Promise<Response>,
) => (c: C) => Promise<Response>;

/** The page and post wrappers for screens whose session check is `signedIn`. */
export function signedInScreens(signedIn: (c: C) => Promise<EditorIdentity | Response>): {
  get: ScreenGet;
  post: ScreenPost;
} {
  const get: ScreenGet = (action) => async (c) => {
    const e = await signedIn(c);
    return e instanceof Response ? e : action(c, e);
  };
  const post: ScreenPost = (action) => async (c) => {
    const e = await signedIn(c);
    if (e instanceof Response) return e;
    const f = (await c.req.parseBody()) as Record<string, unknown>;
    await checkCsrf(c, await csrfToken(e.session ?? ""), f._csrf);
    return action(c, f, e);
  };
  return { get, post };
}
